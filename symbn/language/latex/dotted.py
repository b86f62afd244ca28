"""The cells a matrix's dots stand for, read as the pattern of the cells around them.

A `\\cdots` stands for the cells of its row between the two written on either side of it,
a `\\vdots` for those of its column, a `\\ddots` for those of the diagonal. When the two
cells around the dots differ only in their position along that direction (`-s_1 s_2 &
\\cdots & -s_1 s_n`: the column, 2 against n), they show the pattern of every cell
between: the cell at a fresh index j (−s_1 s_j at row 1, column j), claimed wherever j is
none of the positions the matrix writes (j ≠ 1, 2, n). Two equal cells (`0 & \\cdots &
0`) show that value. Anything else — cells of different forms (`s_2(1 - s_2) & \\cdots &
-s_2 s_n`), another index varying with the position, a neighbour at a position the dots
leave unnamed — shows no one pattern, and the dots are unchecked with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from symbn.language.latex import cases, jacobians, matrices
from symbn.language.latex.ellipsis import antiunify
from symbn.language.latex.lowering import elementwise
from symbn.language.latex.shapes import Shape
from symbn.language.latex.sides import texts
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.tree import (
    CaseRow,
    Cases,
    Condition,
    Dots,
    Index,
    Last,
    Letter,
    Matrix,
    Node,
    Number,
    Unread,
    free_indices,
    rebuild,
)
from symbn.source.positions import Span, TexError

#: The step from a dots cell to the cells it stands between, by how the dots are written.
DIRECTIONS = {
    "\\cdots": (0, 1),
    "\\ldots": (0, 1),
    "\\dots": (0, 1),
    "\\dotsc": (0, 1),
    "\\dotsb": (0, 1),
    "…": (0, 1),
    "\\vdots": (1, 0),
    "\\ddots": (1, 1),
}


@dataclass(frozen=True)
class Generic:
    """The cell a dots cell stands for: `value` at `pos` (fresh index letters) wherever
    `conditions` hold (the letters at none of the positions written)."""

    value: Node
    pos: tuple[Index, ...]
    conditions: tuple[Condition, ...]
    span: Span


def generic(m: Matrix, shape: Shape, symbols: Symbols) -> list[Generic | Unread]:
    """What each dots cell of `m` (of `shape`) stands for, or why it shows no pattern; none
    for the dots of a matrix that names no position around them (a vector's rows of
    dots aside, each dots cell has two written neighbours)."""
    table = matrices.positions(m, shape)
    shown = _shown(table, len(shape))
    out: list[Generic | Unread] = []
    for r, row in enumerate(m.rows):
        for c, cell in enumerate(row):
            if isinstance(cell, Dots):
                out.append(_pattern(m, table, (r, c), shown, symbols))
    return out


def _shown(table: list[list[matrices.Position]], axes: int) -> list[set[Index]]:
    """The positions the matrix writes on each axis."""
    out: list[set[Index]] = [set() for _ in range(axes)]
    for p in (p for row in table for p in row if p is not None):
        for k, x in enumerate(p):
            out[k].add(x)
    return out


def _pattern(
    m: Matrix,
    table: list[list[matrices.Position]],
    at: tuple[int, int],
    shown: list[set[Index]],
    symbols: Symbols,
) -> Generic | Unread:
    dots = m.rows[at[0]][at[1]]
    assert isinstance(dots, Dots)
    step = DIRECTIONS.get(dots.command)
    around = None if step is None else (_near(m, table, at, step, -1), _near(m, table, at, step, 1))
    if around is None or around[0] is None or around[1] is None:
        return _none(dots, "no written cell at a named position on one side")
    (a, pa), (b, pb) = around
    varying = [k for k in range(len(pa)) if pa[k] != pb[k]]
    if not varying or len({(pa[k], pb[k]) for k in varying}) != 1:
        return _none(dots, "written cells at positions that do not vary along the dots")
    start, end = pa[varying[0]], pb[varying[0]]
    sizes = {pb[k].size if isinstance(pb[k], Last) else None for k in varying}
    diffs = antiunify(a, b)
    if diffs is None or any((x, y) != (start, end) for x, y, _ in diffs) or len(sizes) != 1:
        return _none(dots, "written cells that differ in more than their position")
    size = sizes.pop()
    used = {*free_indices(a), *free_indices(b)}
    letter = next((x for x in symbols.over(size) if x not in used), None) if size else None
    if letter is None:
        return _none(dots, f"no index letter over {size} free")
    j = Letter(letter, span=dots.span)
    value = _at(b, end, j)
    if _at(value, j, start) != a:
        return _none(dots, "written cells that differ in more than their position")
    pos = tuple(j if k in varying else pa[k] for k in range(len(pa)))
    conditions = tuple(
        Condition(j, "!=", x, span=dots.span)
        for x in sorted(set().union(*(shown[k] for k in varying)), key=_order)
    )
    return Generic(value, pos, conditions, span=dots.span)


def _order(i: Index) -> tuple[int, str]:
    """Numbers first, in order, then the last positions."""
    return (i.value, "") if isinstance(i, Number) else (1 << 30, str(i))


def _near(
    m: Matrix,
    table: list[list[matrices.Position]],
    at: tuple[int, int],
    step: tuple[int, int],
    sign: int,
) -> tuple[Node, tuple[Index, ...]] | None:
    """The first written cell from `at` in direction `sign * step`, with its position."""
    r, c = at
    while True:
        r, c = r + sign * step[0], c + sign * step[1]
        if not (0 <= r < len(m.rows) and 0 <= c < len(m.rows[r])):
            return None
        cell, pos = m.rows[r][c], table[r][c]
        if not isinstance(cell, Dots):
            ok = pos is not None and not isinstance(cell, Unread)
            return (cell, pos) if ok and pos is not None else None


def _at(node: Node, old: Index, new: Index) -> Node:
    """`node` with each index `old` (a number, a last position, a letter) made `new`."""
    if isinstance(node, Letter | Number | Last):
        return new if node == old else node
    return rebuild(node, lambda n: _at(n, old, new))


def _none(dots: Dots, why: str) -> Unread:
    return Unread(why, span=dots.span)


def _unread(missed: list[Unread], span: Span) -> Unread:
    """One note for the dots of a matrix that show no pattern, with the reasons."""
    reasons = "; ".join(dict.fromkeys(u.message for u in missed))
    many = len(missed) > 1
    return Unread(
        f"{len(missed)} dots cell{'s' if many else ''} of this matrix show{'' if many else 's'} "
        f"no one pattern of the cells around {'them' if many else 'it'} ({reasons}), so the "
        f"cells {'they stand' if many else 'it stands'} for are not checked",
        span=span,
    )


@dataclass(frozen=True)
class Cell:
    """A cell's claim: lhs = rhs (`other`: the two in the other layout, or None), where it
    holds (`condition`), for sizes at least `minimums`, written at `span`."""

    lhs: str
    rhs: str
    other: tuple[str, str] | None
    condition: str
    minimums: tuple[tuple[str, int], ...]
    span: Span


def claimed(
    left: Node, right: Matrix, shape: Shape, symbols: Symbols, wrt: Node | None
) -> list[Cell | Unread]:
    """The claims of a matrix's cells: each written cell at a named position
    (`jacobians.cell`), then each pattern its dots show; a cell that is not read, or dots
    that show no pattern, `Unread` with the reason."""
    out: list[Cell | Unread] = []
    least = matrices.minimums(right, shape)
    for cell, pos in matrices.cells(right, shape):
        if pos is None:
            continue  # at a position the dots leave unnamed (counted by the caller)
        if isinstance(cell, Unread):
            out.append(Unread(f"this cell is not read: {cell.message}", span=cell.span))
        else:
            try:
                lhs, rhs, other = jacobians.cell(left, pos, cell, symbols, wrt)
                out.append(Cell(lhs, rhs, other, "", tuple(sorted(least.items())), cell.span))
            except TexError as exc:
                out.append(Unread(exc.message, span=exc.span))
    found = generic(right, shape, symbols)
    missed = [g for g in found if isinstance(g, Unread)]
    out += [_claim(left, g, least, symbols, wrt) for g in found if isinstance(g, Generic)]
    return [*out, _unread(missed, right.span)] if missed else out


def _claim(
    left: Node, g: Generic, least: dict[str, int], symbols: Symbols, wrt: Node | None
) -> Cell | Unread:
    """The claim of a pattern, for sizes that leave one cell at least to the dots."""
    try:
        lhs, rhs = _texts(left, g, symbols, wrt)
    except TexError as exc:
        return Unread(exc.message, span=exc.span)
    try:
        other: tuple[str, str] | None = _texts(left, g, jacobians.swapped(symbols), wrt)
    except TexError:
        other = None
    row = CaseRow(g.value, g.conditions, span=g.span)
    sizes = {x.right.size for x in g.conditions if isinstance(x.right, Last)}
    more = {z: max(least.get(z, 1), len(g.conditions) + 1) for z in sizes}
    return Cell(
        lhs, rhs, other, cases.condition_text(row), tuple(sorted((least | more).items())), g.span
    )


def _texts(left: Node, g: Generic, symbols: Symbols, wrt: Node | None) -> tuple[str, str]:
    """The claim of a pattern: left's element at its position, under its conditions."""
    avoid = frozenset(free_indices(g.value)) | {x.name for x in g.pos if isinstance(x, Letter)}
    at = elementwise(left, g.pos, symbols, avoid)
    row = CaseRow(g.value, g.conditions, span=g.span)
    sides = cases.restrict(at, row, Cases((row,), span=g.span), symbols)
    if sides is None:
        raise TexError("the cells these dots stand for are none", g.span)
    return texts(*sides, symbols, wrt)
