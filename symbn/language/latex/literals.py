"""Worked examples in numbered scalars: a name written as a matrix of scalars,

    x = \\begin{bmatrix} x_1 & x_2 & x_3 \\end{bmatrix},
    A = \\begin{bmatrix} a_1 & a_2 \\\\ a_3 & a_4 \\end{bmatrix},

is that matrix wherever a line uses it whole. A side that uses such names is computed cell
by cell: products (juxtaposed, `\\cdot`, `*` unless the context reads it elementwise),
`\\odot`, sums, negations and transposes of matrices, a scalar times a matrix, and the
derivative of a scalar by such a name (the matrix of its derivatives by the cells) or of
such a name by a scalar. An equation between two sides of the same layout (a matrix written
out, or a 1 × 1 matrix and a scalar) then claims each cell, so `y = xw = x_1 w_1 + x_2 w_2
+ x_3 w_3`, `\\frac{\\partial y}{\\partial w} = x^T` and `C = AB` are checked entry by entry;
the line that writes the name as its matrix claims nothing. A side that uses such a name in
any other way (a function of it, a power, a sum) is left as written.

For the inferred context, such a name is a vector (one row or one column) or a matrix of
the sizes its matrix shows, so that `x^T` reads (`systems.literal_shapes`); its cells are
scalars (`systems.cell_names`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from symbn.language.latex.rows import Line
from symbn.language.latex.tree import (
    Add,
    Diff,
    Dots,
    Matrix,
    Mul,
    Neg,
    Node,
    Ref,
    Transpose,
    walk,
)

Grid = tuple[tuple[Node, ...], ...]
Pair = tuple[Node, Node, str]

#: The products of matrices, as written between two factors.
PRODUCTS = frozenset({"", "\\cdot", "*"})


def written(lines: Iterable[Line]) -> dict[str, Grid]:
    """The names the lines write as a matrix of scalars, at their first such line."""
    out: dict[str, Grid] = {}
    for line in lines:
        left, right = (*line.sides[:2], None, None)[:2] if line.kind == "equation" else (0, 0)
        whole = isinstance(left, Ref) and not left.indices and isinstance(right, Matrix)
        if whole and all(_scalar(cell) for row in right.rows for cell in row):
            out.setdefault(left.name, right.rows)
    return out


def _scalar(cell: Node) -> bool:
    return isinstance(cell, Ref) and not cell.indices and cell.kind == "tensor"


def expanded(pairs: Sequence[Pair], literals: dict[str, Grid], star: str | None) -> list[Pair]:
    """`pairs` with each equation that uses a name written as a matrix of scalars claimed
    cell by cell; a pair whose sides are not of one layout is kept as written."""
    if not literals:
        return list(pairs)
    out: list[Pair] = []
    for left, right, rel in pairs:
        used = _uses(left, literals) or _uses(right, literals)
        if not used and not (isinstance(left, Matrix) and isinstance(right, Matrix)):
            out.append((left, right, rel))
            continue
        if (
            isinstance(left, Ref)
            and isinstance(right, Matrix)
            and literals.get(left.name) == right.rows
        ):
            continue  # x = [x_1 x_2 x_3]: what x is, no claim
        a, b = _grid(left, literals, star), _grid(right, literals, star)
        a = a if a is not None or _uses(left, literals) else ((left,),)
        b = b if b is not None or _uses(right, literals) else ((right,),)
        if a is None or b is None or _dims(a) != _dims(b):
            out.append((left, right, rel))
            continue
        cells = zip(sum(a, ()), sum(b, ()), strict=True)
        out += [(x, y, rel) for x, y in cells]
    return out


def _dims(g: Grid) -> tuple[int, int]:
    return len(g), len(g[0])


def _uses(node: Node, literals: dict[str, Grid]) -> bool:
    """Whether `node` uses a name written as a matrix of scalars, whole."""
    return any(isinstance(x, Ref) and not x.indices and x.name in literals for x in walk(node))


def _grid(node: Node, lit: dict[str, Grid], star: str | None) -> Grid | None:
    """`node` computed cell by cell (None: it is a scalar, or is not computed so)."""
    if isinstance(node, Ref) and not node.indices:
        return lit.get(node.name)
    if isinstance(node, Matrix):
        cells = [c for row in node.rows for c in row]
        if any(isinstance(c, Dots) or _uses(c, lit) for c in cells):
            return None
        return node.rows if len({len(r) for r in node.rows}) == 1 else None
    if isinstance(node, Transpose):
        g = _grid(node.expr, lit, star)
        return None if g is None else tuple(zip(*g, strict=True))
    if isinstance(node, Neg):
        g = _grid(node.arg, lit, star)
        return None if g is None else tuple(tuple(Neg(c) for c in row) for row in g)
    if isinstance(node, Add):
        return _sum(node, lit, star)
    if isinstance(node, Mul):
        return _product(node, lit, star)
    if isinstance(node, Diff):
        return _derivative(node, lit, star)
    return None


def _sum(node: Add, lit: dict[str, Grid], star: str | None) -> Grid | None:
    grids = [_grid(t, lit, star) for _, t in node.terms]
    if any(g is None for g in grids) or len({_dims(g) for g in grids if g}) != 1:
        return None
    first = grids[0]
    assert first is not None
    return tuple(
        tuple(
            Add(tuple((s, g[r][c]) for (s, _), g in zip(node.terms, grids, strict=True) if g))
            for c in range(len(first[0]))
        )
        for r in range(len(first))
    )


def _product(node: Mul, lit: dict[str, Grid], star: str | None) -> Grid | None:
    """A product of matrices and scalars, left to right."""
    acc: Grid | None = None
    scalars: list[Node] = []
    for n, f in enumerate(node.factors):
        op = node.ops[n - 1] if n else ""
        g = _grid(f, lit, star)
        if g is None:
            if _uses(f, lit):
                return None
            scalars.append(f)
            continue
        elementwise = op == "\\odot" or (op == "*" and star == "elementwise")
        if acc is None:
            acc = g
        elif elementwise and _dims(acc) == _dims(g):
            acc = _each(acc, g)
        elif op in PRODUCTS and not elementwise and len(acc[0]) == len(g):
            acc = _matmul(acc, g)
        else:
            return None
    if acc is None:
        return None
    for s in scalars:
        acc = tuple(tuple(_times(s, c) for c in row) for row in acc)
    return acc


def _times(a: Node, b: Node) -> Node:
    return Mul((a, b), ("",), span=b.span)


def _each(a: Grid, b: Grid) -> Grid:
    """The elementwise product of two matrices of one layout."""
    return tuple(
        tuple(_times(x, y) for x, y in zip(ra, rb, strict=True))
        for ra, rb in zip(a, b, strict=True)
    )


def _matmul(a: Grid, b: Grid) -> Grid:
    cols = list(zip(*b, strict=True))
    return tuple(
        tuple(Add(tuple((1, _times(x, y)) for x, y in zip(row, col, strict=True))) for col in cols)
        for row in a
    )


def _derivative(node: Diff, lit: dict[str, Grid], star: str | None) -> Grid | None:
    """∂y/∂w for w a matrix of scalars: the matrix of ∂y/∂w_k; ∂X/∂s, X's cells by s."""
    of, by = _grid(node.expr, lit, star), _grid(node.wrt, lit, star)
    if of is None and by is not None and not _uses(node.expr, lit):
        return tuple(tuple(Diff(node.expr, c, node.style, span=node.span) for c in r) for r in by)
    if by is None and of is not None and not _uses(node.wrt, lit):
        return tuple(tuple(Diff(c, node.wrt, node.style, span=node.span) for c in r) for r in of)
    return None
