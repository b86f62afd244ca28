"""Worked examples in matrices and vectors of numbers (`symbn.language.latex.workedarrays`,
`numarrays`): each cell of an equation between numeric arrays judged with the rounding of the
written digits, names set by the lines above, a wrong cell refuted by its position, and
shapes that do not fit left unchecked with the reason."""

from __future__ import annotations

import pytest

from symbn.verify.document import check
from symbn.verify.status import Status

SETTINGS = r"""# Example with the sigmoid

$$
\sigma(z) = \frac{1}{1 + e^{-z}}
$$

$$
W = \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \end{bmatrix}, \quad
x = \begin{bmatrix} 1 \\ 2 \end{bmatrix}, \quad
b = \begin{bmatrix} 0.01 \\ 0.02 \end{bmatrix}
$$

$$
z = W x + b = \begin{bmatrix} 0.1(1) + 0.2(2) + 0.01 \\ 0.3(1) + 0.4(2) + 0.02 \end{bmatrix}
= \begin{bmatrix} 0.51 \\ 1.12 \end{bmatrix}
$$

$$
a = \sigma(z) = \begin{bmatrix} 0.625 \\ 0.754 \end{bmatrix}
$$
"""


def _rows(text: str) -> list[tuple[int, str, str]]:
    return [(f.where.line, f.status, f.message) for f in check(text, "doc.md").findings]


def _at(text: str, line: int) -> list[str]:
    return [s for n, s, _ in _rows(text) if n == line]


def _line(text: str, snippet: str) -> int:
    """The number of the first line of `text` that holds `snippet`."""
    return next(n for n, row in enumerate(text.split("\n"), 1) if snippet in row)


def test_a_forward_pass_in_matrices_is_proved_cell_by_cell():
    rows = _rows(SETTINGS)
    assert not [r for r in rows if r[1] == Status.REFUTED]
    z, a = _line(SETTINGS, "z = W x"), _line(SETTINGS, "a = ")
    assert _at(SETTINGS, z).count(Status.PROVED) == 4  # W x + b = written out = [0.51, 1.12]
    assert _at(SETTINGS, a).count(Status.PROVED) == 2  # sigma, rounded
    assert any("at element 2: sigmoid(1.12) = 0.754" in m for _, _, m in rows)


@pytest.mark.parametrize(
    ("old", "new", "line", "cell"),
    [
        ("0.51 \\\\ 1.12", "0.51 \\\\ 1.21", "z = W x", "element 2"),  # digits swapped
        ("0.625 \\\\", "0.652 \\\\", "a = ", "element 1"),  # digits swapped
        ("0.3(1) + 0.4(2)", "0.3(1) + 0.4(3)", "z = W x", "element 2"),  # a factor
        ("0.2(2) + 0.01", "0.2(2) - 0.01", "z = W x", "element 1"),  # a sign
    ],
)
def test_a_wrong_cell_is_refuted_by_its_position(old, new, line, cell):
    assert old in SETTINGS
    rows, line = _rows(SETTINGS.replace(old, new)), _line(SETTINGS, line)
    refuted = [(n, m) for n, s, m in rows if s == Status.REFUTED]
    assert refuted
    assert all(n == line for n, _ in refuted)  # the lines after that use the slip: not blamed
    assert any(f"at {cell}:" in m for _, m in refuted)


def test_a_changed_setting_refutes_the_lines_that_use_it_never_proves_them():
    rows = _rows(SETTINGS.replace("0.3 & 0.4", "0.3 & 0.5"))  # W's last cell
    z = _line(SETTINGS, "z = W x")
    second = [s for n, s, m in rows if n == z and "element 2" in m]
    assert Status.REFUTED in second
    assert Status.PROVED not in [
        s for n, s, m in rows if n == z and "element 2: 0.3*1 + 0.5*2" in m
    ]


GRADIENTS = r"""# Example

$$
W = \begin{pmatrix} 0.5 & 0.6 \end{pmatrix}, \quad a = \begin{pmatrix} 0.625 \\ 0.754 \end{pmatrix},
\quad \delta = -0.299, \quad \eta = 0.1
$$

$$
g = \delta a^T = -0.299 \cdot [0.625, 0.754] = [-0.187, -0.226]
$$

$$
W^T \delta = \begin{bmatrix} 0.5 \\ 0.6 \end{bmatrix}(-0.299)
= \begin{bmatrix} -0.149 \\ -0.179 \end{bmatrix}
$$

$$
d = \begin{bmatrix} -0.149 \\ -0.179 \end{bmatrix}\odot\begin{bmatrix} 0.234 \\ 0.186 \end{bmatrix}
= \begin{bmatrix} -0.035 \\ -0.033 \end{bmatrix}
$$

$$
d \begin{bmatrix} 1 & 2 \end{bmatrix}
= \begin{bmatrix} -0.035 & -0.070 \\ -0.033 & -0.066 \end{bmatrix}
$$

$$
W = W - 0.1 [-0.187, -0.226] = [0.519, 0.623]
$$

$$
W \begin{bmatrix} 1 \\ 1 \end{bmatrix} = 1.142
$$
"""


def test_gradients_outer_products_and_an_update_are_proved():
    rows = _rows(GRADIENTS)
    assert not [r for r in rows if r[1] == Status.REFUTED]
    for line, count in ((9, 4), (13, 4), (18, 2), (23, 4), (28, 2)):
        assert _at(GRADIENTS, line).count(Status.PROVED) >= count, line
    # after the update W is [0.519, 0.623]: W [1, 1] = 1.142
    assert Status.PROVED in _at(GRADIENTS, 32)


@pytest.mark.parametrize(
    ("old", "new", "line", "cell"),
    [
        ("[-0.187, -0.226]\n", "[-0.187, -0.262]\n", 9, "element 2"),
        ("-0.033 & -0.066", "-0.033 & -0.099", 23, "row 2, column 2"),
        ("-0.035 \\\\ -0.033 \\end{bmatrix}\n$$", "-0.035 \\\\ -0.053 \\end{bmatrix}\n$$", 18, ""),
        ("[0.519, 0.623]", "[0.519, 0.632]", 28, "element 2"),
        ("= 1.142", "= 1.124", 32, ""),
    ],
)
def test_a_mutated_gradient_cell_is_refuted_or_unchecked_never_proved(old, new, line, cell):
    assert old in GRADIENTS
    rows = _rows(GRADIENTS.replace(old, new))
    at = [(s, m) for n, s, m in rows if n == line and cell in m]
    assert Status.REFUTED in [s for s, _ in at]
    assert all(n == line for n, s, _ in rows if s == Status.REFUTED)


def test_shapes_that_do_not_fit_are_unchecked_with_the_reason():
    text = GRADIENTS.replace(
        r"W^T \delta = \begin{bmatrix} 0.5 \\ 0.6 \end{bmatrix}(-0.299)",
        r"W^T \delta = \begin{bmatrix} 0.5 \\ 0.6 \end{bmatrix}"
        r"\begin{bmatrix} 1 \\ 2 \end{bmatrix}",
    )
    rows = _rows(text)
    at = [(s, m) for n, s, m in rows if n == 13]
    assert {s for s, _ in at} == {Status.UNCHECKED}
    assert "a product of a 2 × 1 matrix and a 2 × 1 matrix: the shapes do not fit" in at[0][1]
    wrong = GRADIENTS.replace("= [0.519, 0.623]", "= [0.519, 0.623, 0.1]")
    assert "the shapes do not fit" in " ".join(m for n, _, m in _rows(wrong) if n == 28)


def test_two_bracket_lists_side_by_side_are_not_read_as_inner_or_outer():
    text = "# E\n\n$$\nu = [0.5, 0.6], \\quad v = [1, 2]\n$$\n\n$$\nu v = [0.5, 1.2]\n$$\n"
    rows = [r for r in _rows(text) if r[0] == 8]
    assert [s for _, s, _ in rows] == [Status.UNCHECKED]
    assert "inner or an outer product is not said" in rows[0][2]
    dot = text.replace("u v = [0.5, 1.2]", "u^T v = 1.7")
    assert Status.PROVED in [s for n, s, _ in _rows(dot) if n == 8]
    assert Status.REFUTED in [s for n, s, _ in _rows(dot.replace("1.7", "2.7")) if n == 8]


def test_a_line_after_a_slip_is_not_blamed_for_it():
    rows = _rows(
        GRADIENTS.replace(
            "-0.035 \\\\ -0.033 \\end{bmatrix}\n$$", "-0.035 \\\\ -0.053 \\end{bmatrix}\n$$"
        )
    )
    after = [m for n, s, m in rows if n == 23 and s == Status.UNCHECKED]
    assert any("not judged, as a value it computes with (set at line 18)" in m for m in after)
    assert [s for n, s, _ in rows if n == 23].count(Status.PROVED) == 2  # its first row


@pytest.mark.parametrize(
    "row",
    [r"[0.625 \;\; 0.754]", r"(0.625 \quad 0.754)", r"\begin{pmatrix} 0.625 & 0.754 \end{pmatrix}"],
)
def test_a_row_written_with_spaces_brackets_or_pmatrix_is_read(row):
    text = GRADIENTS.replace("[0.625, 0.754]", row)
    assert _at(text, 9).count(Status.PROVED) == 4
    slip = _rows(text.replace("0.754", "0.854", 2))  # a and the row agree: a slip
    assert Status.REFUTED in [s for n, s, _ in slip if n == 9]


UPDATE = r"""# Example

$$
W = \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \end{bmatrix}, \quad
G = \begin{bmatrix} -0.035 & -0.070 \\ -0.033 & -0.066 \end{bmatrix}
$$

$$
G = \begin{bmatrix} -0.035 \\ -0.033 \end{bmatrix}
\begin{bmatrix} 1 & 2 \end{bmatrix}
= \begin{bmatrix} -0.035 & -0.070 \\ -0.033 & -0.066 \end{bmatrix}
$$

$$
W = W - 0.1
\begin{bmatrix} -0.035 & -0.070 \\ -0.033 & -0.066 \end{bmatrix}
=
\begin{bmatrix} 0.1035 & 0.207 \\ 0.3033 & 0.4066 \end{bmatrix}
$$
"""


def test_matrices_one_under_another_are_a_product_and_an_update_is_checked():
    assert _at(UPDATE, 9).count(Status.PROVED) == 4  # the outer product
    assert _at(UPDATE, 15).count(Status.PROVED) == 4  # the update, with the W set above
    slip = _rows(UPDATE.replace("0.3033", "0.3330"))
    refuted = [m for n, s, m in slip if s == Status.REFUTED]
    assert len(refuted) == 1
    assert "at row 2, column 1: 0.3 - (0.1*(-0.033)) = 0.3330" in refuted[0]


RELU = r"""# Example with ReLU

$$
z = \begin{bmatrix} 0.51 \\ -1.12 \end{bmatrix}, \quad
h = \text{ReLU}(z) = \begin{bmatrix} 0.51 \\ 0 \end{bmatrix}, \quad
e = \exp(z) = \begin{bmatrix} 1.665 \\ 0.326 \end{bmatrix}
$$
"""


def test_relu_and_exp_of_each_cell():
    rows = _rows(RELU)
    assert [s for _, s, m in rows if "at element" in m] == [Status.PROVED] * 4
    slip = _rows(RELU.replace(r"0.51 \\ 0 \end", r"0.51 \\ -1.12 \end"))
    assert next(m for _, s, m in slip if s == Status.REFUTED).startswith(
        "at element 2: relu(-1.12)"
    )
    slip = _rows(RELU.replace("0.326", "0.362"))
    assert "at element 2: exp(-1.12) = 0.362" in next(m for _, s, m in slip if s == Status.REFUTED)


@pytest.mark.parametrize(
    ("u", "v"),
    [
        ("[0.5, 0.6]", "[1, 2]"),
        (r"\begin{bmatrix} 0.5 \\ 0.6 \end{bmatrix}", r"\begin{bmatrix} 1 \\ 2 \end{bmatrix}"),
        (r"\begin{bmatrix} 0.5 & 0.6 \end{bmatrix}", "[1, 2]"),
    ],
)
def test_a_dot_between_two_vectors_is_their_inner_product(u, v):
    text = f"# E\n\n$$\nu = {u}, \\quad v = {v}\n$$\n\n$$\nu \\cdot v = 1.7\n$$\n"
    assert _at(text, 8) == [Status.PROVED]
    assert _at(text.replace("1.7", "2.7"), 8) == [Status.REFUTED]
