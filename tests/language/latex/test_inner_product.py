"""The Frobenius inner product written with angle brackets, `\\langle A, B \\rangle_F` (or
without `_F`, of vectors), read as Σ A∘B: the adjoint of a product proved, a slip refuted,
and brackets that are not an inner product unchecked with the reason."""

from __future__ import annotations

import pytest
from mutated import line_of, mutant_verdicts, verdicts

from symbn.verify.document import check

DOC = r"""Let $X \in \mathbb{R}^{N \times D}$, $W \in \mathbb{R}^{D \times M}$,
$G \in \mathbb{R}^{N \times M}$ and $u, v \in \mathbb{R}^{M}$.

ROW

$$\langle u, v \rangle = \sum_{k=1}^{M} u_k v_k$$
""".replace(
    "ROW",
    r"$$\left\langle X W, G \right\rangle_F = \left\langle W, X^T G \right\rangle_F"
    r" = \operatorname{tr}(W^T X^T G)$$",
)


def test_an_inner_product_is_the_sum_of_the_elementwise_product():
    got = verdicts(DOC)
    assert got[line_of(DOC, r"\right\rangle_F =")] == ["proved", "proved"]
    assert got[line_of(DOC, r"\langle u, v \rangle =")] == ["proved"]


@pytest.mark.parametrize(
    ("anchor", "old", "new"),
    [
        (r"\right\rangle_F =", r"X^T G", r"2 X^T G"),
        (r"\right\rangle_F =", r"\operatorname{tr}(W^T", r"-\operatorname{tr}(W^T"),
        (r"\langle u, v \rangle", "u_k v_k", "u_k u_k"),
    ],
)
def test_a_slip_is_not_proved(anchor: str, old: str, new: str):
    got = mutant_verdicts(DOC, anchor, old, new)
    assert got
    assert set(got) != {"proved"}, got


def test_brackets_that_are_not_an_inner_product_say_so():
    text = DOC.replace(r"\langle u, v \rangle", r"\langle u, v, u \rangle")
    r = check(text, "doc.md")
    (f,) = [f for f in r.findings if f.where.line == line_of(text, r"\langle u, v, u")]
    assert f.status == "unchecked"
    assert "two arguments" in f.message
