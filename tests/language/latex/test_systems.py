"""A brace of equations (`\\begin{cases} p_1 = … \\\\ p_2 = … \\end{cases}`, alone or after a
header `\\frac{\\partial P}{\\partial U} =`) is rows of its own, and a name written alone in
a cell of a matrix written out is a scalar."""

from __future__ import annotations

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.systems import cell_names
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

DOC = r"""
Let $U = \begin{bmatrix} u_1 & u_2 \end{bmatrix}$ and $V = \begin{bmatrix} v_1 & v_2 \end{bmatrix}$.

$$
\begin{cases}
p_1 = u_1 v_1 + u_2 v_2 \\
p_2 = u_1 v_2 - u_2 v_1
\end{cases}
$$

$$
\frac{\partial P}{\partial U} = \begin{cases}
\frac{\partial p_1}{\partial u_1} = v_1 \\
\frac{\partial p_2}{\partial u_1} = v_2 \\
\frac{\partial p_2}{\partial u_2} = v_1 \\
\vdots
\end{cases}
$$
"""


def test_each_row_of_a_brace_of_equations_is_read_on_its_own():
    got = [(f.where.line, f.status, f.message) for f in check(DOC, "doc.md").findings]
    assert (6, "defined", "definition p1 = u1*v1 + u2*v2") in got
    assert (13, "proved", "diff(p1, u1) = v1") in got
    assert (14, "proved", "diff(p2, u1) = v2") in got
    # p_2 = u_1 v_2 - u_2 v_1: its derivative by u_2 is -v_1, a slip refuted
    assert (15, "refuted", "diff(p2, u2) = v1") in got


def test_a_brace_with_conditions_is_still_a_value_by_cases():
    doc = DOC.replace(r"p_2 = u_1 v_2 - u_2 v_1", r"p_2 = u_1 v_2 & u_1 > 0")
    got = [(f.where.line, f.status) for f in check(doc, "doc.md").findings]
    assert (6, "defined") not in got


def test_names_alone_in_the_cells_of_a_matrix_are_scalars():
    toks = tokenize(
        r"x = \begin{bmatrix} x_1, x_2, 2 x_3 \end{bmatrix}"
        r"\begin{pmatrix} a \\ b_{ij} \end{pmatrix}"
    )
    assert cell_names(toks) == {"x1", "x2", "a"}
    inferred = toml_of(DOC, "doc.md")
    assert 'v2 = { shape = [], latex = "v_{2}" }' in inferred
