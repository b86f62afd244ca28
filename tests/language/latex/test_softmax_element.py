"""`softmax(z_j)` at one element of a vector is the j-th element of the vector's softmax
(`symbn.language.latex.along.element`); at an element of a matrix it is not read."""

from __future__ import annotations

import pytest

from symbn.verify.document import check

DOC = r"""# Output layer

$$\operatorname{softmax}(z_j) = \frac{e^{z_j}}{\sum_k e^{z_k}}$$

$$\frac{\partial \operatorname{softmax}(z_j)}{\partial z_j} = softmax(z_j) (1 - softmax(z_j))$$
"""


def _found(doc: str) -> list[tuple[int, str]]:
    return [(f.where.line, f.status) for f in check(doc, "doc.md").findings]


def test_the_softmax_of_one_element_is_that_element_of_the_softmax():
    proved = {line for line, status in _found(DOC) if status == "proved"}
    assert proved == {3, 5}


@pytest.mark.parametrize(
    ("line", "old", "new"),
    [
        (3, r"\sum_k e^{z_k}", r"\sum_k e^{z_j}"),  # the sum over the element itself
        (3, r"{e^{z_j}}{", r"{e^{2 z_j}}{"),
        (5, r"(1 - softmax(z_j))", r"(1 + softmax(z_j))"),
    ],
)
def test_a_slip_is_refuted_never_proved(line, old, new):
    lines = DOC.split("\n")
    assert lines[line - 1].count(old) == 1
    lines[line - 1] = lines[line - 1].replace(old, new)
    got = [s for n, s in _found("\n".join(lines)) if n == line]
    assert "proved" not in got
    assert "refuted" in got


def test_at_an_element_of_a_matrix_it_is_not_read():
    doc = r"""# Rows

$$\operatorname{softmax}(S_{ij}) = \frac{e^{S_{ij}}}{\sum_k e^{S_{ik}}}$$
"""
    got = [s for n, s in _found(doc) if n == 3]
    assert got
    assert set(got) <= {"unchecked"}
