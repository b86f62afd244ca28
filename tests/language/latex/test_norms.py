"""symbn.language.latex.norms: `\\|v\\|^2`, `\\|v\\|_2^2`, `\\lVert v \\rVert^2`, `\\|M\\|_F^2` and
`|v|^2` are the sum of the squares of the elements, a norm without its square the root of
it; a slipped line is refuted (with a context) or held back (without), never proved."""

from __future__ import annotations

import pytest
from mutated import line_of, mutant_verdicts, verdicts

from symbn.verify.document import check

CONTEXT = r"""+++
[sizes]
N = "rows"
K = "columns"
[indices]
n = "N"
k = "K"
[inputs]
A = { shape = ["N", "K"] }
Y = { shape = ["N", "K"] }
v = { shape = ["K"] }
[defines]
L = { shape = [] }
+++
$$L = \frac{1}{2}\|A - Y\|^2$$

$$\frac{\partial L}{\partial A} = A - Y$$

$$\|A - Y\|_F^2 = \sum_{n} \sum_{k} (A_{nk} - Y_{nk})^2$$

$$\lVert v \rVert^2 = \sum_k v_k^2$$

$$\left\| v \right\|_2^2 = \sum_k v_k v_k$$

$$|v|^2 = \sum_k v_k^2$$

$$\|v\| = \sqrt{\sum_k v_k^2}$$
"""

#: Norms in documents that say nothing of their shapes: a matrix one and a vector one.
INFERRED = r"""Forward: $H = \tanh(XU)$ and the cost $J = \lVert H - T \rVert_F^2$.

$$\frac{\partial J}{\partial H} = 2(H - T)$$

$$\frac{\partial J}{\partial U} = X^\top \left( 2(H - T) \odot (1 - H \odot H) \right)$$
"""

ROOT = r"""$$r = \|\mathbf{v}\|$$

$$\frac{\partial r}{\partial v_i} = \frac{v_i}{\|\mathbf{v}\|_2}$$
"""


def test_every_spelling_of_a_norm_is_the_sum_of_squares():
    got = verdicts(CONTEXT)
    assert got[line_of(CONTEXT, r"L = \frac")] == ["defined"]
    rows = [ln for ln in CONTEXT.split("\n") if ln.startswith("$$") and "L =" not in ln]
    for row in rows:
        assert got[line_of(CONTEXT, row)] == ["proved"], row


@pytest.mark.parametrize(
    ("anchor", "old", "new"),
    [
        (r"\partial A} =", "A - Y", "2(A - Y)"),
        (r"\|A - Y\|_F^2", "(A_{nk} - Y_{nk})^2", "(A_{nk} - Y_{nk})"),
        (r"\lVert v", "v_k^2", "v_k"),
        (r"\left\| v", "v_k v_k", "v_k"),
        (r"|v|^2", "v_k^2", "2 v_k^2"),
        (r"\|v\| =", r"\sqrt{\sum_k v_k^2}", r"\sum_k v_k^2"),
    ],
)
def test_a_slipped_norm_is_refuted(anchor: str, old: str, new: str):
    assert mutant_verdicts(CONTEXT, anchor, old, new) == ["refuted"]


def test_norms_are_read_with_no_context():
    got = verdicts(INFERRED)
    assert got[line_of(INFERRED, r"\partial J}{\partial H}")] == ["proved"]
    assert got[line_of(INFERRED, r"\partial J}{\partial U}")] == ["proved"]
    assert verdicts(ROOT)[line_of(ROOT, r"\partial r")] == ["proved"]


@pytest.mark.parametrize(
    ("text", "anchor", "old", "new"),
    [
        (INFERRED, r"\partial J}{\partial H}", "2(H - T)", "(H - T)"),
        (INFERRED, r"\partial J}{\partial U}", r"(1 - H \odot H)", "H"),
        (ROOT, r"\partial r", r"\|\mathbf{v}\|_2", r"\|\mathbf{v}\|_2^2"),
    ],
)
def test_a_slip_with_no_context_is_never_proved(text: str, anchor: str, old: str, new: str):
    got = mutant_verdicts(text, anchor, old, new)
    assert got
    assert "proved" not in got, got


def test_other_norms_and_lone_bars_are_not_read_as_norms():
    text = CONTEXT.replace(r"\lVert v \rVert^2", r"\lVert v \rVert_1")
    (f,) = [f for f in check(text, "doc.md").findings if f.where.line == line_of(text, r"\lVert v")]
    assert f.status == "unchecked"
    assert "2-norm and the Frobenius norm" in f.message
    bar = CONTEXT.replace(r"$$|v|^2 = \sum_k v_k^2$$", r"$$v_k = v_k |$$")
    statuses = verdicts(bar)[line_of(bar, r"v_k = v_k |")]
    assert statuses == ["unchecked"]
