"""Vectors and matrices written as the list of their elements: a tuple, a list, a set or a
matrix of cells says what the name is (its shape), claims nothing, and the lines after it
are checked with that shape; a tuple of numbered entries is a worked example."""

from __future__ import annotations

import pytest

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.listings import cells_at, own_sizes
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check


def _findings(text: str) -> list[tuple[int, str, str]]:
    return [(f.where.line, f.status, f.message) for f in check(text, "doc.md").findings]


def _at(text: str, needle: str) -> list[str]:
    line = next(n for n, x in enumerate(text.split("\n"), 1) if needle in x)
    return [status for n, status, _ in _findings(text) if n == line]


PARAMETERS = r"""# Three parameters

$$ \mathbf{p} = (p_1, p_2, p_3) $$

$$ L(p_1, p_2, p_3) = p_1^2 + p_2 p_3 $$

$$ \frac{\partial L}{\partial p_2} = p_3 $$

$$ \frac{\partial L}{\partial p_1} = 2 p_1 $$
"""


def test_a_tuple_of_entries_is_a_worked_example():
    assert _at(PARAMETERS, "(p_1, p_2, p_3) $$") == []  # what p is: no claim
    assert _at(PARAMETERS, "= p_3 $$") == ["proved"]
    assert _at(PARAMETERS, "= 2 p_1") == ["proved"]
    assert 'p = { shape = ["n3"]' in toml_of(PARAMETERS, "doc.md")


def test_a_slip_after_a_tuple_is_refuted():
    slipped = PARAMETERS.replace("= 2 p_1", "= 2 p_2")
    assert _at(slipped, "= 2 p_2") == ["refuted"]


SQUARES = """# A sum of squares

$$ LISTED $$

$$ s = \\sum_{i=1}^{n} x_i^2 $$

$$ \\frac{\\partial s}{\\partial x_i} = 2 x_i $$
"""

LISTS = [
    r"x = (x_1, \dots, x_n)",
    r"\mathbf{x} = (x_1, x_2, \ldots, x_n)^T",
    r"x = [x_1, x_2, \ldots, x_n]^\top",
    r"x = \{x_1, …, x_n\}",
    r"x = \left( x_1, ..., x_n \right)",
    r"\mathbf{x} = \begin{bmatrix} x_1 \\ x_2 \\ \vdots \\ x_n \end{bmatrix}",
    r"x = \begin{pmatrix} x_1 & \cdots & x_n \end{pmatrix}",
]


@pytest.mark.parametrize("listed", LISTS)
def test_a_list_with_dots_says_the_shape_of_its_name(listed):
    doc = SQUARES.replace("LISTED", listed)
    assert 'x = { shape = ["n"]' in toml_of(doc, "doc.md").split("[defines]")[0]  # an input
    assert _at(doc, listed) == []  # the list claims nothing
    assert _at(doc, "= 2 x_i") == ["proved"]
    assert _at(doc.replace("= 2 x_i", "= 2 x_1"), "= 2 x_1") == ["refuted"]


def test_the_cells_of_lists_and_matrices():
    toks = tuple(tokenize(r"z = [z_1, z_2, \ldots, z_K]^T + 1"))
    found = cells_at(toks, 2)
    assert found is not None
    rows, end = found
    assert [[len(c) for c in row] for row in rows] == [[3], [3], [1], [3]]
    assert toks[end].text == "+"  # after the transpose
    assert own_sizes("z", rows) == ("K",)
    assert own_sizes("y", rows) is None  # not y's elements
    grid = tuple(
        tokenize(
            r"\begin{bmatrix} w_{11} & \cdots & w_{1m} \\ \vdots & \ddots & "
            r"\vdots \\ w_{n1} & \cdots & w_{nm} \end{bmatrix}"
        )
    )
    cells = cells_at(grid, 0)
    assert cells is not None
    assert own_sizes("w", cells[0]) == ("n", "m")
    assert cells_at(tuple(tokenize("(a)")), 0) is None  # parentheses, no list
    assert own_sizes("x", cells_at(tuple(tokenize("(x_1, x_2)")), 0)[0]) is None  # no dots


GENERAL = r"""# A layer of n by m

$$
w = \begin{bmatrix} w_{1,1} & \cdots & w_{1,m} \\
\vdots & \ddots & \vdots \\
w_{n,1} & \cdots & w_{n,m} \end{bmatrix}
$$

$$ h_i = \sum_{j=1}^{m} w_{ij} x_j $$

$$ \frac{\partial h_i}{\partial x_j} = w_{ij} $$

$$ \frac{\partial h_i}{\partial w_{i1}} = x_1 $$
"""


def test_a_matrix_of_elements_with_dots_is_n_by_m():
    assert 'w = { shape = ["n", "m"] }' in toml_of(GENERAL, "doc.md")
    assert [n for n, *_ in _findings(GENERAL) if 2 < n < 7] == []  # the matrix: no claim
    assert _at(GENERAL, "= w_{ij}") == ["proved"]
    assert _at(GENERAL, "= x_1") == ["proved"]
    assert _at(GENERAL.replace("= x_1", "= x_2"), "= x_2") == ["refuted"]


PRODUCT = r"""# A product written out

$$
W = \begin{pmatrix} w_{11} & w_{12} \\
w_{21} & w_{22} \end{pmatrix} \quad \mathbf{x} = \begin{bmatrix} x_1 \\
x_2 \end{bmatrix}
$$

$$
\mathbf{W}\mathbf{x} = \begin{bmatrix} w_{11}x_1 + w_{12}x_2 \\
w_{21}x_1 + w_{22}x_2 \end{bmatrix}
$$
"""


def test_a_product_written_out_is_checked_cell_by_cell():
    assert _at(PRODUCT, r"\mathbf{W}\mathbf{x}") == ["proved", "proved"]
    slipped = PRODUCT.replace("w_{21}x_1 + w_{22}x_2", "w_{21}x_1 + w_{21}x_2")
    assert sorted(_at(slipped, r"\mathbf{W}\mathbf{x}")) == ["proved", "refuted"]
