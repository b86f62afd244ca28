"""symbn.language.latex.jacobians: the Jacobian of a vector by a vector is a matrix, read in
numerator layout unless the context says denominator; a line true only in the layout not
read is left unchecked, never proved and never refuted."""

from __future__ import annotations

from pathlib import Path

from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "vector_jacobians.md").read_text(encoding="utf-8")

CONTEXT = r"""+++
[sizes]
m = "outputs"
n = "inputs"
[indices]
i = "m"
j = "n"
[inputs]
A = { shape = ["m", "n"] }
x = { shape = ["n"], latex = "\\mathbf{x}" }
[defines]
y = { shape = ["m"], latex = "\\mathbf{y}" }
LAYOUT+++
# A linear map

$$
\mathbf{y} = A \mathbf{x}
$$

$$
\frac{\partial \mathbf{y}}{\partial \mathbf{x}} = RIGHT
$$
"""


def claims(text: str) -> list[tuple[int, str, str]]:
    found = check(text, "doc.md").findings
    return [(f.where.line, f.status, f.message) for f in found if f.kind == "claim"]


def linear(right: str, layout: str = "") -> tuple[str, str]:
    text = CONTEXT.replace("RIGHT", right).replace("LAYOUT", layout)
    ((_, status, message),) = claims(text)
    return status, message


def test_a_jacobian_is_read_in_numerator_layout():
    got = {line: status for line, status, _ in claims(DOC) if line > 3}
    assert got == {11: "proved", 17: "proved", 21: "proved", 35: "proved"}
    assert linear("A") == ("proved", "diff(y[i], x[j]) = A[i, j]")
    assert linear("2A")[0] == "refuted"


def test_a_line_true_only_in_the_other_layout_is_unchecked():
    # A^T has the Jacobian's shape in denominator layout only: not a slip of shapes
    status, message = linear(r"A^\top")
    assert status == "unchecked"
    assert "in numerator layout; they fit in the other" in message
    # a square A: the transpose fits, and is false as read but true in the other layout
    mutated = DOC.replace(r"\partial \mathbf{x}} = A", r"\partial \mathbf{x}} = A^\top")
    got = [(s, m) for line, s, m in claims(mutated) if line == 11]
    assert got == [("unchecked", got[0][1])]
    assert "false with its Jacobians in numerator layout, true in the other" in got[0][1]
    # a dropped transpose in the chain rule is not proved either way
    dropped = DOC.replace(
        r"\right)^\top \frac{\partial L}{\partial \mathbf{y}}" + "\n",
        r"\right) \frac{\partial L}{\partial \mathbf{y}}" + "\n",
    )
    assert [s for line, s, _ in claims(dropped) if line == 17] == ["unchecked"]


def test_a_context_may_read_jacobians_in_denominator_layout():
    layout = '[notation]\nlayout = "denominator"\n'
    assert linear(r"A^\top", layout) == ("proved", "diff(y[i], x[j]) = A[i, j]")
    # said, the layout is the author's: a line false in it is refuted
    assert linear("A", layout)[0] == "refuted"


def test_a_gradient_written_as_a_row_times_a_jacobian_is_the_chain_rule():
    # ∂L/∂x = ∂L/∂y ∂y/∂x: the chain rule, whatever the layout (symbn.language.latex.chains);
    # a gradient times a Jacobian of something else is not read
    loss = '[loss]\nname = "L"\nlatex = "L"\nof = "y"\nupstream = "g"\n'
    context = CONTEXT.replace("LAYOUT", loss).replace(
        "[defines]", 'g = { shape = ["m"] }\n[defines]'
    )
    grad = r"\frac{\partial L}{\partial \mathbf{y}}"
    jac = r"\frac{\partial \mathbf{y}}{\partial \mathbf{x}}"
    for op in (" ", r" \cdot "):
        line = r"\frac{\partial L}{\partial \mathbf{x}} = " + grad + op + jac
        ((_, status, _),) = claims(context.replace(jac + " = RIGHT", line))
        assert status == "proved"
        ((_, status, message),) = claims(context.replace(jac + " = RIGHT", line + "^T"))
        assert status == "unchecked"
        assert "a vector times a Jacobian that it does not multiply as a column" in message


def test_a_jacobian_written_out_as_a_matrix_is_read_in_its_layout():
    transposed = r"\begin{bmatrix} A_{1,1} & A_{2,1} \\ A_{1,2} & A_{2,2} \end{bmatrix}"
    text = CONTEXT.replace("RIGHT", transposed)
    found = check(text.replace("LAYOUT", ""), "doc.md").findings
    got = [f.status for f in found if f.kind == "matrix"]
    assert got == ["proved", "unchecked", "unchecked", "proved"]  # off the diagonal: Aᵀ
    said = text.replace("LAYOUT", '[notation]\nlayout = "denominator"\n')
    assert {f.status for f in check(said, "doc.md").findings if f.kind == "matrix"} == {"proved"}


LAYOUT_ROWS = r"""# The layout of a Jacobian

$$ \mathbf{y} \in \mathbb{R}^m, \quad \mathbf{x} \in \mathbb{R}^n $$

$$
\frac{\partial \mathbf{y}}{\partial \mathbf{x}} = \begin{bmatrix}
\frac{\partial y_1}{\partial x_1} & \cdots & \frac{\partial y_1}{\partial x_n} \\
\vdots & \ddots & \vdots \\
\frac{\partial y_m}{\partial x_1} & \cdots & \frac{\partial y_m}{\partial x_n} \end{bmatrix}
$$
"""
LAYOUT_COLUMNS = LAYOUT_ROWS.replace(
    r"\frac{\partial y_1}{\partial x_n}", r"\frac{\partial y_m}{\partial x_1}", 1
).replace(
    r"\frac{\partial y_m}{\partial x_1} & \cdots & \frac{\partial y_m}{\partial x_n}",
    r"\frac{\partial y_1}{\partial x_n} & \cdots & \frac{\partial y_m}{\partial x_n}",
)


def _on(text: str, first: int) -> list[tuple[str, str]]:
    return [(f.status, f.message) for f in check(text, "doc.md").findings if f.where.line >= first]


def test_a_jacobian_written_out_by_its_partials_defines_the_layout():
    assert _on(LAYOUT_ROWS, 5) == []  # the definition of the layout: no claim
    ((status, message),) = _on(LAYOUT_COLUMNS, 5)  # by columns: the other layout
    assert status == "unchecked"
    assert "writes the Jacobian in denominator layout" in message
    said = '+++\n[notation]\nlayout = "denominator"\n+++\n' + LAYOUT_COLUMNS
    assert check(said, "doc.md").findings  # read (the context is partial)


def test_a_slipped_cell_in_the_layout_is_no_definition():
    slipped = LAYOUT_ROWS.replace(
        r"\frac{\partial y_m}{\partial x_n} \end", r"\frac{\partial y_n}{\partial x_m} \end"
    )
    got = _on(slipped, 5)
    assert got  # claimed cell by cell, never proved as a whole
    assert "proved" not in {s for s, m in got if "x[n]" in m and "y[n]" in m}
