"""symbn.language.latex.dotted: the dots of a matrix written out stand for the cells
between the two around them; when those two differ only in their position along the
dots, the pattern is claimed at a fresh index wherever it is none of the positions
written; anything else is unchecked with the reason, never proved."""

from __future__ import annotations

from symbn.verify.document import check

SOFTMAX = r"""# The Jacobian of softmax

$$ s_i = \frac{e^{z_i}}{\sum_{k=1}^{n} e^{z_k}} $$

$$
\frac{\partial \mathbf{s}}{\partial \mathbf{z}} = \begin{bmatrix}
s_1(1-s_1) & -s_1 s_2 & \cdots & -s_1 s_n \\
-s_2 s_1 & s_2(1-s_2) & \cdots & -s_2 s_n \\
\vdots & \vdots & \ddots & \vdots \\
-s_n s_1 & -s_n s_2 & \cdots & s_n(1-s_n) \end{bmatrix}
$$
"""


def _cells(text: str, first: int = 5) -> list[tuple[str, str]]:
    """The findings of the matrix's display, which begins at line `first`."""
    found = check(text, "doc.md").findings
    return [(f.status, f.message) for f in found if f.where.line >= first]


def test_the_dots_of_a_softmax_jacobian_are_checked_as_their_pattern():
    got = _cells(SOFTMAX)
    patterns = [m for s, m in got if "when" in m]
    assert len(patterns) == 3  # row 1, column 1, the diagonal
    assert all(s == "proved" for s, m in got if "when" in m)
    assert any("diff(s[1], z[i])" in m and "i != 1, i != 2, i != n" in m for m in patterns)
    assert any("(for n ≥ 4" in m for m in patterns)  # the dots stand for one cell at least
    assert [s for s, _ in got].count("proved") == 9 + 3
    (unread,) = [m for s, m in got if s == "unchecked"]
    assert unread.startswith("4 dots cells of this matrix show no one pattern")
    assert "differ in more than their position" in unread  # s_2(1 - s_2) … -s_2 s_n


def test_a_slip_around_the_dots_is_not_proved_as_a_pattern():
    slipped = SOFTMAX.replace(r"-s_1 s_2 & \cdots & -s_1 s_n", r"-s_1 s_2 & \cdots & -s_2 s_n")
    got = _cells(slipped)
    assert not any("diff(s[1], z[i])" in m for _, m in got)  # no pattern claimed
    assert ("refuted", "matrix diff(s[1], z[n]) = -s[2]*s[n]") in [
        (s, m.split(" (for")[0]) for s, m in got
    ]
    sign = SOFTMAX.replace(r"-s_1 s_2 & \cdots & -s_1 s_n", r"s_1 s_2 & \cdots & s_1 s_n")
    pattern = [s for s, m in _cells(sign) if "diff(s[1], z[i])" in m]
    assert pattern == ["refuted"]


def test_equal_cells_around_dots_are_their_value():
    doc = r"""# A sparse map

$$ \mathbf{x} \in \mathbb{R}^n $$

$$ \mathbf{y} = 3 \mathbf{x} $$

$$
\frac{\partial \mathbf{y}}{\partial \mathbf{x}} = \begin{bmatrix}
3 & 0 & \cdots & 0 \\
0 & 3 & \cdots & 0 \\
\vdots & \vdots & \ddots & \vdots \\
0 & 0 & \cdots & 3 \end{bmatrix}
$$
"""
    got = [(s, m) for s, m in _cells(doc, 7) if "when" in m]
    assert got
    assert all(s == "proved" for s, _ in got)
    assert len(got) == 3  # 0 … 0 in row 1 and column 1; 3 … 3 on the diagonal
    assert any("diff(y[1], x[p])" in m and "= 0*" in m for _, m in got)
