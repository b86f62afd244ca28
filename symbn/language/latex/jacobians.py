"""The Jacobian of a vector by a vector, `\\frac{\\partial \\mathbf y}{\\partial \\mathbf x}`,
a matrix: ∂y_i/∂x_j at row i, column j in numerator layout (the default), at row j, column i
in denominator layout (`layout = "denominator"` in the context's [notation]).

A line with a Jacobian is also printed in the other layout (`other`), so that the verdict
can hold back a refutation of a line that is true there (`symbn.verify.judge`): the layout
read proves a line, the other one only keeps it from being refuted.
"""

from __future__ import annotations

from dataclasses import replace

from symbn.language.latex import matrices
from symbn.language.latex.chains import step_to_whole
from symbn.language.latex.lowering import elementwise
from symbn.language.latex.shapes import (
    MATMUL_OPS,
    ShapeError,
    is_matmul,
    is_whole,
    shape_of,
    squeeze,
)
from symbn.language.latex.sides import diagonal_pair, shape_text, texts
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.tree import (
    Diff,
    Index,
    Matrix,
    Mul,
    Neg,
    Node,
    Ref,
    Transpose,
    Unread,
    free_indices,
    walk,
)
from symbn.source.positions import TexError

#: The layouts of a Jacobian, the default first.
LAYOUTS = ("numerator", "denominator")


def denominator(symbols: Symbols) -> bool:
    """Whether the document writes its Jacobians in denominator layout."""
    return symbols.notation.get("layout") == "denominator"


def is_jacobian(node: Diff, symbols: Symbols) -> bool:
    """Whether a derivative is that of a vector by a whole vector (a matrix)."""
    if not isinstance(node.wrt, Ref) or node.wrt.kind != "tensor":
        return False
    try:
        of, by = (squeeze(shape_of(x, symbols)) for x in (node.expr, node.wrt))
    except TexError:
        return False
    return len(of) == 1 and len(by) == 1


def whole(left: Node, right: Node, symbols: Symbols, wrt: Node | None) -> bool:
    """Whether a line is written at matrix level and read element by element: not a
    vector's derivative by a vector set equal to a vector (`sides.diagonal_pair`), which
    claims its diagonal Jacobian whatever the layout."""
    return is_whole(left, symbols) and diagonal_pair(left, right, symbols, wrt) is None


def readings(
    left: Node, right: Node, symbols: Symbols, wrt: Node | None
) -> tuple[bool, tuple[str, str] | None]:
    """Whether a line is read element by element at matrix level (`whole`), and its sides
    printed in the other layout (`other`)."""
    return whole(left, right, symbols, wrt), other(left, right, symbols, wrt)


def said(symbols: Symbols) -> bool:
    """Whether the context says the layout (a line false in it is then refuted)."""
    return "layout" in symbols.notation


def read(left: Node, right: Node, symbols: Symbols, wrt: Node | None) -> tuple[str, str]:
    """Both sides printed (`sides.texts`); sides whose shapes fit only with the Jacobians in
    the other layout are not read (`TexError`) when the context does not say the layout."""
    for side in (left, right):
        row_gradient(side, symbols)
    try:
        return texts(left, right, symbols, wrt)
    except ShapeError as exc:
        if said(symbols) or other(left, right, symbols, wrt) is None:
            raise
        layout = LAYOUTS[1] if denominator(symbols) else LAYOUTS[0]
        raise TexError(
            f"{exc.message} with its Jacobians in {layout} layout; they fit in the other: say "
            'layout = "numerator" or "denominator" in the context\'s [notation]',
            exc.span,
        ) from None


def row_gradient(node: Node, symbols: Symbols) -> None:
    """A vector times a Jacobian that it does not multiply as a column (`\\frac{
    \\partial l}{\\partial h} \\frac{\\partial h}{\\partial a}`, a gradient written as a
    row) is not read (`TexError`): it is no vector scaling a matrix elementwise."""
    for n in walk(node):
        if not isinstance(n, Mul):
            continue
        pairs = zip(n.factors, n.factors[1:], n.ops, strict=False)
        for a, b, op in pairs:
            if op in MATMUL_OPS and (_jacobian(a, symbols) or _jacobian(b, symbols)):
                try:
                    sa, sb = shape_of(a, symbols), shape_of(b, symbols)
                except TexError:
                    continue
                if len(sa) + len(sb) == 3 and not is_matmul(op, sa, sb):
                    raise TexError(
                        step_to_whole(b)
                        or "a vector times a Jacobian that it does not multiply as a column, "
                        "and not the derivative of that vector (a chain rule), is not read",
                        a.span.cover(b.span),
                    )


def _jacobian(node: Node, symbols: Symbols) -> bool:
    while isinstance(node, Transpose | Neg):
        node = node.expr if isinstance(node, Transpose) else node.arg
    return isinstance(node, Diff) and is_jacobian(node, symbols)


def cell(
    left: Node, pos: tuple[Index, ...], value: Node, symbols: Symbols, wrt: Node | None
) -> tuple[str, str, tuple[str, str] | None]:
    """A matrix's cell at `pos` claimed equal to the left side there, printed (`sides.texts`),
    and, when the left side has a Jacobian, printed in the other layout as well."""
    avoid = frozenset(free_indices(value))
    shape = shape_of(left, symbols)
    if len(pos) != len(squeeze(shape)):  # a matrix of rows beside a 1 × L side
        raise TexError(
            f"this matrix has {len(pos)} axes and the left side is {shape_text(shape)}: "
            "write the matrix in the left side's shape",
            value.span,
        )
    lhs, rhs = texts(elementwise(left, pos, symbols, avoid), value, symbols, wrt)
    if not any(isinstance(n, Diff) and is_jacobian(n, symbols) for n in walk(left)):
        return lhs, rhs, None
    flipped = swapped(symbols)
    try:
        return lhs, rhs, texts(elementwise(left, pos, flipped, avoid), value, flipped, wrt)
    except TexError:
        return lhs, rhs, None


def swapped(symbols: Symbols) -> Symbols:
    """The symbols with the Jacobians in the other layout."""
    flipped = LAYOUTS[0] if denominator(symbols) else LAYOUTS[1]
    return replace(symbols, notation={**symbols.notation, "layout": flipped})


def other(left: Node, right: Node, symbols: Symbols, wrt: Node | None) -> tuple[str, str] | None:
    """Both sides printed with the Jacobians in the layout the document does not use; None
    when the line has no Jacobian or cannot be read so."""
    nodes = [n for side in (left, right) for n in walk(side)]
    if not any(isinstance(n, Diff) and is_jacobian(n, symbols) for n in nodes):
        return None
    flipped = swapped(symbols)
    try:
        return texts(left, right, flipped, wrt)
    except TexError:
        return None


def spelled(left: Node, right: Matrix, symbols: Symbols, wrt: Node | None) -> str | None:
    """Whether a matrix written out is the left side's own elements, each at its position:
    `\\mathbf{x} = (x_1, \\dots, x_n)`, or the layout of a Jacobian, `\\frac{\\partial
    \\mathbf{y}}{\\partial \\mathbf{x}} = [\\frac{\\partial y_1}{\\partial x_1} \\cdots]`. Such
    a line says what the left side is and claims nothing: "" when it is so in the layout
    read; the reason it is not read when only the other layout makes it so; None when it
    is not such a line."""
    if _own(left, right, symbols, wrt):
        return ""
    jacobian = any(isinstance(n, Diff) and is_jacobian(n, symbols) for n in walk(left))
    if not jacobian or not _own(left, right, swapped(symbols), wrt):
        return None
    layout = LAYOUTS[0] if denominator(symbols) else LAYOUTS[1]
    return (
        f"this matrix writes the Jacobian in {layout} layout, and the document is read in the "
        f'other: say layout = "{layout}" in the context\'s [notation]'
    )


def _own(left: Node, right: Matrix, symbols: Symbols, wrt: Node | None) -> bool:
    """Whether every cell of `right` is, as written, `left`'s element at its position."""
    try:
        pairs = matrices.cells(right, shape_of(left, symbols))
        if not pairs or any(p is None or isinstance(c, Unread) for c, p in pairs):
            return False
        avoid = frozenset(x for c, _ in pairs for x in free_indices(c))
        return all(
            p is not None
            and len(set(texts(elementwise(left, p, symbols, avoid), c, symbols, wrt))) == 1
            for c, p in pairs
        )
    except TexError:
        return False
