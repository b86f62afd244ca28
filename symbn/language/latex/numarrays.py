"""The numbers of a worked example written as matrices and vectors, cell by cell.

A side such as

    \\begin{bmatrix} 0.1 & 0.2 \\\\ 0.3 & 0.4 \\end{bmatrix} x + b,
    \\sigma(z^{[1]}),  (W^{[2]})^T \\delta^{[2]},  [0.5, 0.6] - 0.1[-0.187, -0.226]

comes to a grid of cells, each cell the scalar arithmetic of its value as text of the
expression language (`(0.1)*(1) + (0.2)*(2) + (0.01)`), for the judge to compute with the
rounding rules of scalar worked examples. Names stand for the values a line of the example
set (`settings`). Read: numbers, matrices of numbers (bmatrix, pmatrix, matrix, bracket
lists `[a, b]`), +, −, a scalar times or over an array, the matrix product (juxtaposed or
`\\cdot`), `\\odot`, transposes, and sigmoid, exp, log, tanh, ReLU and sigmoid' of each
cell.

A bracket list `[a, b]` is a vector whose orientation the line does not say: it is read as
the row or the column that fits where it stands, and a product that fits either way (two
such lists side by side) is not read (`MisfitError`). Nothing is evaluated here: the cells stay
text, and shapes that do not fit are a `MisfitError` with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from symbn.language.latex.tree import (
    Add,
    Call,
    Div,
    Matrix,
    Mul,
    Neg,
    Node,
    Num,
    Ref,
    Transpose,
    children,
)

#: Matrix environments whose cells are the entries (vmatrix is a determinant).
ARRAYS = frozenset({"bmatrix", "pmatrix", "matrix", "Bmatrix", "smallmatrix", "list", "array"})
#: Functions read cell by cell, by the text each cell becomes.
CELLWISE = {
    "sigmoid": "sigmoid({})",
    "exp": "exp({})",
    "log": "log({})",
    "tanh": "tanh({})",
    "relu": "relu({})",
    "sigmoid'": "sigmoid({0})*(1 - sigmoid({0}))",
    "tanh'": "(1 - tanh({0})**2)",
}
#: The products of two arrays, as written between them.
PRODUCTS = frozenset({"", "\\cdot", "*"})


class NotNumericError(Exception):
    """The side is not made of the worked example's numbers."""


class MisfitError(Exception):
    """The side's shapes do not fit (or its orientation is not said): the reason."""


@dataclass(frozen=True)
class Value:
    """Rows of cell texts; `flat`: a bracket list, one column here, of either orientation."""

    rows: tuple[tuple[str, ...], ...]
    flat: bool = False

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.rows[0])

    @property
    def scalar(self) -> bool:
        return self.shape == (1, 1)

    def shown(self) -> str:
        if self.scalar:
            return "a scalar"
        if self.flat:
            return f"a vector of {len(self.rows)}"
        return "a {} × {} matrix".format(*self.shape)

    def cells(self) -> list[str]:
        return [t for row in self.rows for t in row]

    def label(self, i: int, j: int) -> str:
        """The position of a cell as the reader counts it."""
        if self.scalar:
            return "its value"
        if self.flat or 1 in self.shape:
            return f"element {max(i, j) + 1}"
        return f"row {i + 1}, column {j + 1}"


def scalar(text: str) -> Value:
    return Value(((text,),))


def wrapped(text: str) -> str:
    """`text` bracketed, unless it is a number written without a sign."""
    return text if text.replace(".", "").isdigit() else f"({text})"


def _map(v: Value, form: str, *, wrap: bool = False) -> Value:
    """Each cell put in `form` (bracketed first, with `wrap`)."""
    return Value(
        tuple(tuple(form.format(wrapped(t) if wrap else t) for t in row) for row in v.rows),
        v.flat,
    )


def transposed(v: Value) -> Value:
    """The transpose; a bracket list becomes a row."""
    if v.flat:
        return Value((tuple(t for row in v.rows for t in row),))
    return Value(tuple(zip(*v.rows, strict=True)))


def _orientations(v: Value) -> list[Value]:
    if not v.flat:
        return [v]
    return [Value(v.rows), transposed(v)]


def aligned(a: Value, b: Value, what: str) -> tuple[Value, Value]:
    """`a` and `b` in one shape, a bracket list taking the orientation of the other side."""
    if a.flat != b.flat:
        flat, other = (a, b) if a.flat else (b, a)
        if 1 in other.shape and len(flat.cells()) == len(other.cells()):
            shaped = Value(flat.rows) if other.shape[1] == 1 else transposed(flat)
            a, b = (shaped, other) if a.flat else (other, shaped)
    if a.shape != b.shape:
        raise MisfitError(f"{what} of {a.shown()} and {b.shown()}: the shapes do not fit")
    return a, b


def _product(a: Value, b: Value) -> Value:
    if a.scalar or b.scalar:
        k, v = (a, b) if a.scalar else (b, a)
        return _map(v, f"{wrapped(k.rows[0][0])}*{{}}", wrap=True)
    fits = [(x, y) for x in _orientations(a) for y in _orientations(b) if x.shape[1] == y.shape[0]]
    if not fits:
        raise MisfitError(f"a product of {a.shown()} and {b.shown()}: the shapes do not fit")
    if len(fits) > 1:
        raise MisfitError(
            f"a product of {a.shown()} and {b.shown()}: whether it is an inner or an outer "
            "product is not said (write the vectors as columns or rows, or transpose one)"
        )
    x, y = fits[0]
    inner = range(x.shape[1])
    return Value(
        tuple(
            tuple(
                " + ".join(f"{wrapped(x.rows[i][k])}*{wrapped(y.rows[k][j])}" for k in inner)
                for j in range(y.shape[1])
            )
            for i in range(x.shape[0])
        )
    )


def _cellwise(a: Value, b: Value, op: str, what: str) -> Value:
    """`a op b` cell by cell (+, - or *), the shapes the same."""

    def cell(x: str, y: str) -> str:
        return f"{x} + {y}" if op == "+" else f"{wrapped(x) if op == '*' else x} {op} {wrapped(y)}"

    if not (a.scalar and b.scalar):
        a, b = aligned(a, b, what)
    return Value(
        tuple(
            tuple(cell(x, y) for x, y in zip(ra, rb, strict=True))
            for ra, rb in zip(a.rows, b.rows, strict=True)
        ),
        a.flat,
    )


def _times(a: Value, b: Value, op: str) -> Value:
    if op == "\\odot":
        return _cellwise(a, b, "*", "an elementwise product")
    if op == "\\cdot" and _vector(a) and _vector(b) and len(a.cells()) == len(b.cells()):
        terms = (f"{wrapped(x)}*{wrapped(y)}" for x, y in zip(a.cells(), b.cells(), strict=True))
        return scalar(" + ".join(terms))  # u · v of two vectors: their dot product
    if op in PRODUCTS or a.scalar or b.scalar:
        return _product(a, b)
    raise NotNumericError(op)


def _vector(v: Value) -> bool:
    return not v.scalar and (v.flat or 1 in v.shape)


def value(node: Node, settings: Mapping[str, Value]) -> Value:
    """The cells `node` comes to (`NotNumericError` when it holds anything else; `MisfitError` when
    its shapes do not fit)."""
    if isinstance(node, Num):
        return scalar(node.text)
    if isinstance(node, Ref):
        if node.indices or node.name not in settings:
            raise NotNumericError(node.name)
        return settings[node.name]
    if isinstance(node, Neg):
        return _map(value(node.arg, settings), "-{}", wrap=True)
    if isinstance(node, Add):
        total: Value | None = None
        for sign, term in node.terms:
            v = value(term, settings)
            if total is None:
                total = v if sign > 0 else _map(v, "-{}", wrap=True)
            else:
                total = _cellwise(total, v, "+" if sign > 0 else "-", "a sum")
        assert total is not None
        return total
    if isinstance(node, Mul):
        out = value(node.factors[0], settings)
        for op, factor in zip(node.ops, node.factors[1:], strict=True):
            out = _times(out, value(factor, settings), op)
        return out
    if isinstance(node, Div):
        den = value(node.den, settings)
        if not den.scalar:
            raise NotNumericError("a division by an array")
        return _map(value(node.num, settings), f"({{}})/({den.rows[0][0]})")
    if isinstance(node, Transpose):
        return transposed(value(node.expr, settings))
    if isinstance(node, Call) and node.func in CELLWISE:
        return _map(value(node.arg, settings), CELLWISE[node.func])
    if isinstance(node, Matrix) and node.env in ARRAYS and node.rows and node.rows[0]:
        return _literal(node, settings)
    raise NotNumericError(type(node).__name__)


def _literal(node: Matrix, settings: Mapping[str, Value]) -> Value:
    if node.env == "list" and len(node.rows) < 2:  # brackets around one value: no vector
        raise NotNumericError("a list of one")
    rows = []
    for row in node.rows:
        cells = [value(cell, settings) for cell in row]
        if not all(c.scalar for c in cells) or len(row) != len(node.rows[0]):
            raise NotNumericError("a matrix of arrays")
        rows.append(tuple(c.rows[0][0] for c in cells))
    return Value(tuple(rows), node.env == "list")


def has_literal(node: Node) -> bool:
    """Whether a matrix of numbers is written in `node`."""
    if isinstance(node, Matrix):
        return node.env in ARRAYS
    return any(has_literal(c) for c in children(node))
