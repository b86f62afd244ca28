"""The context inferred from a derivation in matrix notation: names listed before one
`\\in \\mathbb{R}^{…}`, several definitions on one row, names defined as a whole when the
document differentiates through them, and `G = \\partial L / \\partial O` as the upstream."""

from __future__ import annotations

import pytest

from symbn.language.latex.guessed import toml_of
from symbn.verify.document import check

DOC = r"""
Let $X \in \mathbb{R}^{n \times d}$ and $W_Q, W_K, W_V \in \mathbb{R}^{d \times d}$.

$$Q = X W_Q, \quad K = X W_K, \quad V = X W_V$$

$$S = \frac{Q K^\top}{\sqrt{d}}$$

$$P = \operatorname{softmax}(S)$$

$$O = P V$$

Given $G = \frac{\partial L}{\partial O}$:

$$\frac{\partial L}{\partial V} = P^\top G$$

$$\frac{\partial L}{\partial P} = G V^\top$$

$$\frac{\partial L}{\partial Q} = \frac{1}{\sqrt{d}} \frac{\partial L}{\partial S} K$$

$$\frac{\partial L}{\partial W_V} = X^\top \frac{\partial L}{\partial V}$$
"""


def test_the_inferred_context_says_what_the_document_says():
    inferred = toml_of(DOC, "doc.md")
    for line in (
        'W_Q = { shape = ["d", "d"], latex = "W_{Q}" }',
        'W_V = { shape = ["d", "d"], latex = "W_{V}" }',
        'K = { shape = ["n", "d"] }',
        'V = { shape = ["n", "d"] }',
        'P = { shape = ["n", "n"] }',
        'upstream = "G"',
        'of = "O"',
    ):
        assert line in inferred, inferred


def test_every_gradient_of_the_document_is_proved_without_a_context():
    r = check(DOC, "doc.md")
    gradients = [f for f in r.findings if f.claim.startswith("diff(loss")]
    assert len(gradients) == 4
    assert {f.status for f in gradients} == {"proved"}


@pytest.mark.parametrize(
    ("old", "new"),
    [(r"= P^\top G", r"= P G"), (r"= G V^\top", r"= G V"), (r"{\sqrt{d}} \frac", r"{d} \frac")],
)
def test_a_slip_is_not_proved_without_a_context(old, new):
    assert DOC.count(old) == 1
    r = check(DOC.replace(old, new), "doc.md")
    line = next(n for n, x in enumerate(DOC.replace(old, new).split("\n"), 1) if new in x)
    assert all(f.status != "proved" for f in r.findings if f.where.line == line)
    assert any(f.where.line == line for f in r.findings)


SIGMOID = r"""
The activation is the logistic sigmoid, applied to each unit.

$$z_i = \sum_j W_{ij} x_j$$

$$a_i = \sigma(z_i)$$

$$\frac{\partial a_i}{\partial z_i} = \sigma'(z_i) = a_i (1 - a_i)$$
"""


def test_a_greek_function_the_prose_names_is_that_function():
    inferred = toml_of(SIGMOID, "doc.md")
    assert '[functions]\nsigmoid = ["\\\\sigma"]' in inferred
    r = check(SIGMOID, "doc.md")
    last = max(f.where.line for f in r.findings)
    assert {f.status for f in r.findings if f.where.line == last} == {"proved"}


def test_a_greek_function_the_prose_does_not_name_is_any_function():
    generic = SIGMOID.replace("the logistic sigmoid", "any smooth function")
    assert '[functions]\nact = ["\\\\sigma"]' in toml_of(generic, "doc.md")
    r = check(generic, "doc.md")
    last = max(f.where.line for f in r.findings)
    got = {f.claim: f.status for f in r.findings if f.where.line == last}
    assert got["diff(a[i], z[i]) = (act1(z[i]))"] == "proved"  # true of every function
    assert got["(act1(z[i])) = a[i]*(1 - a[i])"] == "unchecked"  # of the sigmoid only


ONE_HOT = r"""
Let $\mathbf{z}$ be the logits, $\mathbf{p} = \operatorname{softmax}(\mathbf{z})$, and
$\mathbf{t}$ be one-hot.

$$C = -\sum_k t_k \log p_k$$

$$\frac{\partial C}{\partial z_i} = p_i - t_i$$
"""


def test_a_name_the_prose_calls_one_hot_sums_to_one():
    assert 'simplex = "' in toml_of(ONE_HOT, "doc.md")
    r = check(ONE_HOT, "doc.md")
    last = max(f.where.line for f in r.findings)
    assert [f.status for f in r.findings if f.where.line == last] == ["proved"]


def test_without_the_words_the_same_line_is_unchecked_with_the_declaration_to_make():
    plain = ONE_HOT.replace("be one-hot", "be the targets")
    assert "simplex" not in toml_of(plain, "doc.md")
    r = check(plain, "doc.md")
    last = max(f.where.line for f in r.findings)
    (finding,) = [f for f in r.findings if f.where.line == last]
    assert finding.status == "unchecked"
    assert "simplex" in finding.message
