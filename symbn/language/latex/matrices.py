"""Matrices written with `\\vdots` and `\\cdots`: where each cell stands, and its claim.

In a matrix of shape R × C, the rows before the first row of dots are rows 1, 2, …; the
one last row after the dots is row R (the size: the last position); a row in between, or
a second-to-last row, has no position the expression language can name. Columns are
read the same way within each row around its `\\cdots` cells. A matrix without dots is
rows 1..n and columns 1..m. A cell with a position claims `left[r, c] = cell`; dots and
cells without a position are not claims.

The positions a matrix shows are distinct, so its layout implies a least size for each
axis: rows 1, 2, …, N are at least 3 (the last row is none of those numbered, and the
dots stand for one position or more); columns 1, 2, 3, …, L at least 4; rows 1, …,
(unnamed), N at least 3, each row shown being a position of its own; a matrix without
dots of n rows at least n. Its cells are claims for those sizes (`minimums`).
"""

from __future__ import annotations

from symbn.language.latex.shapes import Shape
from symbn.language.latex.tree import Dots, Index, Last, Matrix, Node, Number

Position = tuple[Index, ...] | None


def _axis(
    n: int, count: int, first_dots: int | None, last_dots: int | None, size: str
) -> Index | None:
    """The position of item n of `count` on an axis of `size`, dots at first..last."""
    if first_dots is None or last_dots is None:
        return Number(n + 1)
    if n < first_dots:
        return Number(n + 1)
    if n > last_dots and n == count - 1:
        return Last(size)
    return None


def dots_rows(m: Matrix) -> list[int]:
    """The rows made only of dots (`\\vdots`, `\\ddots`, …)."""
    return [r for r, row in enumerate(m.rows) if all(isinstance(c, Dots) for c in row)]


def positions(m: Matrix, shape: Shape) -> list[list[Position]]:
    """Each cell's indices in a matrix of `shape` (two axes, or one: a column or a row),
    None where the position cannot be named (and for dots)."""
    if len(shape) == 1:
        if len(m.rows) == 1:  # a row vector
            return [
                [None if p is None else p[1:] for p in row] for row in positions(m, ("1", shape[0]))
            ]
        return [
            [None if p is None else p[:1] for p in row] for row in positions(m, (shape[0], "1"))
        ]
    rows_size, cols_size = shape
    dr = dots_rows(m)
    out: list[list[Position]] = []
    for r, row in enumerate(m.rows):
        ri = _axis(r, len(m.rows), dr[0] if dr else None, dr[-1] if dr else None, rows_size)
        dc = [c for c, cell in enumerate(row) if isinstance(cell, Dots)]
        cells: list[Position] = []
        for c, cell in enumerate(row):
            ci = _axis(c, len(row), dc[0] if dc else None, dc[-1] if dc else None, cols_size)
            cells.append(None if isinstance(cell, Dots) or ri is None or ci is None else (ri, ci))
        out.append(cells)
    return out


def cells(m: Matrix, shape: Shape) -> list[tuple[Node, Position]]:
    """Every cell that is not dots, with its position."""
    return [
        (cell, p)
        for row, prow in zip(m.rows, positions(m, shape), strict=True)
        for cell, p in zip(row, prow, strict=True)
        if not isinstance(cell, Dots)
    ]


def _least(positions: list[Index | None], shown: int, dotted: bool) -> int:
    """The least size of an axis showing `shown` distinct items that are not dots, at
    `positions` (None: dots, or a position left unnamed such as row N-1)."""
    numbers = [p.value for p in positions if isinstance(p, Number)]
    top = max(numbers, default=0)
    more = dotted or any(isinstance(p, Last) for p in positions)
    return max(shown, top + 1 if more else top)


def minimums(m: Matrix, shape: Shape) -> dict[str, int]:
    """The least value of each size of `shape` that the matrix's layout implies (only those
    above 1)."""
    if len(shape) == 1:
        axis = 1 if len(m.rows) == 1 else 0
        full = ("1", shape[0]) if axis else (shape[0], "1")
        return {k: v for k, v in minimums(m, full).items() if k == shape[0]}
    table = positions(m, shape)
    dr = dots_rows(m)
    rows = [next((p[0] for p in prow if p is not None), None) for prow in table]
    rows_least = _least(rows, len(m.rows) - len(dr), bool(dr))
    cols_least = max(
        (
            _least(
                [None if p is None else p[1] for p in prow],
                sum(not isinstance(c, Dots) for c in row),
                any(isinstance(c, Dots) for c in row),
            )
            for r, (row, prow) in enumerate(zip(m.rows, table, strict=True))
            if r not in dr
        ),
        default=1,
    )
    out: dict[str, int] = {}
    for size, least in zip(shape, (rows_least, cols_least), strict=True):
        if least > 1:
            out[size] = max(out.get(size, 1), least)
    return out


def unnamed(skipped: int) -> str:
    """Why `skipped` cells of a matrix are not checked."""
    return (
        f"{skipped} cell{'s' if skipped > 1 else ''} of this matrix stand at a position the "
        "dots leave unnamed (such as row N-1) and are not checked"
    )
