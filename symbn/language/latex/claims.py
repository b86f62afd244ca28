"""From lines to claims: every equation a verifier is to check, in the expression language.

- an equation `a = b = c` claims a = b and b = c;
- a reason after `\\because` is claimed alone: the next step goes on from the row before;
- a `&=` step claims that the right side above equals its own, and carries the chain's
  first left side (`first`) for the verifier to retry against, so that one wrong step is
  reported once and the steps after it are not blamed; a display that begins with `=`
  goes on with the chain of the display before it (prose and inline maths between); after
  an unread first row with nothing that could restrict it, steps are checked in turn;
- a side that is `cases` gives one claim per row (see cases.py), a matrix one per cell
  whose position can be named (see matrices.py);
- a matrix-level side (`h = XW + b`) is read element by element at fresh indices, or at
  the other side's free indices when the other side is written at index level
  (`u = h_{kl} - \\mu_l` claims u[k, l] = h[k, l] - mu[l]);
- a prime differentiates by the variable of the chain's first left side; a size statement
  gives `size` claims; a matrix cell claims its equation for the sizes the matrix's layout
  shows (matrices.py), a row annotated with index values (`k=2, l=1`) for sizes at least
  those. What cannot be claimed becomes a located `unchecked` note with the reason.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from symbn.errors import Location
from symbn.language.latex import bridge, differentials, dotted, jacobians, literals, matrices
from symbn.language.latex import cases as cases_mod
from symbn.language.latex.einstein import summed
from symbn.language.latex.plainrows import last_side, plain, written_as_step
from symbn.language.latex.rows import CHECKED, Line, SizeChain
from symbn.language.latex.shapes import ShapeError, evaluate, is_whole, shape_of, squeeze
from symbn.language.latex.sides import by_variable, shape_text, texts
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.tree import (
    CaseRow,
    Cases,
    Condition,
    Diff,
    Index,
    Matrix,
    Node,
    Number,
    Space,
    Unread,
    walk,
)
from symbn.source.positions import Note, Span, TexError, note

#: The code of the note on a step whose line above is not checked.
ABOVE_UNCHECKED = "step-above"


@dataclass(frozen=True)
class Claim:
    """lhs = rhs, both in the expression language, claimed at `where` in the document.
    `kind`: equation, step, cases, matrix, annotation or size; `first`: for a step, the
    chain's first left side; `condition`: for a cases row, where it holds; `minimums`: the
    least value of each size (name, value) that the line's layout implies (a matrix's
    distinct positions, an annotation's index values), sorted by name."""

    kind: str
    lhs: str
    rhs: str
    where: Location
    width: int = 1
    first: str | None = None
    condition: str = ""
    minimums: tuple[tuple[str, int], ...] = ()
    line: Line | None = field(default=None, compare=False, repr=False)
    #: for an annotation, the general line it instantiates
    general: Line | None = field(default=None, compare=False, repr=False)
    #: whether a side was written at matrix level (read element by element)
    matrix: bool = False
    #: lhs, rhs with the Jacobians in the other layout (see jacobians.py), None without any
    other: tuple[str, str] | None = None
    #: whether a derivative operator in it acts on a product of two or more factors
    wide: bool = False
    cell: str = ""  # a cell of a worked example in matrices (workedarrays.py): where
    uses: tuple[Line, ...] = field(default=(), compare=False, repr=False)  # and what it reads


def implied(bindings: Sequence[tuple[str, Index]], symbols: Symbols) -> tuple[tuple[str, int], ...]:
    """The least size that an annotation's index values imply: k=3 for k over N says
    N >= 3 (sorted by size)."""
    out: dict[str, int] = {}
    for letter, value in bindings:
        size = symbols.indices.get(letter)
        if isinstance(value, Number) and value.value > 1 and size is not None:
            out[size] = max(out.get(size, 1), value.value)
    return tuple(sorted(out.items()))


def claims_of(
    lines: Sequence[Line], symbols: Symbols, taken: frozenset = frozenset()
) -> tuple[tuple[Claim, ...], tuple[Note, ...]]:
    """The claims of the lines of a document, in order, and the notes on what was not
    claimed; a pair in `taken` (line, right side's span) is another reader's."""
    c = _Collector(symbols, literals.written(lines), taken)
    first: Node | None = None  # the chain's first left side
    previous: Node | None = None  # the right side of the line above
    display = -1
    held: tuple[Condition, ...] = ()  # the side conditions of the chain
    shown: tuple[Node | None, Node | None, tuple[Condition, ...]] = (None, None, ())
    inline = False
    loose = False  # whether steps after an unread start are checked against each other
    for kind_above, line in zip(("", *(x.kind for x in lines)), lines, strict=False):
        if line.display.number != display:
            if not inline:  # the chain of the last display, which a display `= …` goes on
                shown = (first, previous, held)
            display, inline = line.display.number, line.display.inline
            goes_on = line.kind == "step" and not inline
            first, previous, held = shown if goes_on else (None, None, ())
        if line.aside and c.aside(line):  # a reason after \because: the chain goes on past it
            continue
        if line.kind == "equation":
            first, held = line.sides[0], line.conditions
            ok = c.chain(
                line,
                list(zip(line.sides, line.sides[1:], line.relations, strict=False)),
                first,
                "equation",
                held,
            )
            c.sizes(line)
        elif line.kind == "step" and first is None:
            pairs = list(zip(line.sides, line.sides[1:], line.relations[1:], strict=False))
            if previous is None or not loose:  # = A = B: A = B is a claim of its own still
                ok = _unplaced(c, line, pairs, kind_above == "unreadable")
                previous = line.sides[-1] if (loose or ok) and line.sides else None
                continue
            pairs = [(previous, line.sides[0], line.relations[0]), *pairs]  # against the above
            ok = c.chain(line, pairs, previous, "step", line.conditions, loose=True)
            previous = line.sides[-1] if ok else None
            continue
        elif line.kind == "step":
            sides = summed(c.s, line.sides, first)  # Einstein's sums, by the chain's first side
            above = previous if previous is not None else first
            if previous is None:
                why = "the line above this step is not checked; the step is checked against"
                why += " the chain's first left side only"
                c.unchecked(line, line.span, ABOVE_UNCHECKED, why)
            ok = c.chain(
                line,
                [
                    (above, sides[0], line.relations[0]),
                    *zip(sides, sides[1:], line.relations[1:], strict=False),
                ],
                first,
                "step",
                line.conditions or held,
            )
        elif line.kind == "unreadable":
            previous = None
            if not written_as_step(line):
                first = None  # a new chain whose start could not be read
                loose = plain(line) and c.s.notation.get("sums") != "einstein"
                previous = last_side(line, c.s) if loose else None  # ∂z/∂x = (read)
            continue
        else:
            first = previous = None
            continue
        previous = summed(c.s, line.sides, first)[-1] if ok else None
    return tuple(c.claims), tuple(c.notes)


def _unplaced(c: _Collector, line: Line, pairs: list, unread: bool) -> bool:
    """A step that continues no equation above it, or one that could not be read (`unread`):
    unchecked, its own steps checked."""
    why = "this step continues no equation above it"
    if unread:
        why = "the row above this step could not be read, so it is not checked against it"
    c.unchecked(line, line.span, "step", why)
    return bool(pairs) and c.chain(line, pairs, line.sides[0], "step", (), loose=True)


class _Collector:
    def __init__(self, symbols: Symbols, written: dict[str, literals.Grid], taken: frozenset):
        self.s, self.literals = symbols, written  # x = [x_1 x_2]: x written out
        self.taken = taken
        self.claims: list[Claim] = []
        self.notes: list[Note] = []

    def unchecked(self, line: Line, span: Span, code: str, message: str) -> None:
        self.notes.append(note(line.display.origin, "unchecked", code, message, span))

    def add(
        self,
        line: Line,
        kind: str,
        lhs: str,
        rhs: str,
        span: Span,
        *,
        minimums: tuple[tuple[str, int], ...] = (),
        matrix: bool = False,
        other: tuple[str, str] | None = None,
        wide: bool = False,
        **extra: str,
    ) -> None:
        o = line.display.origin
        if not minimums and line.annotation is not None:  # the row is at those values
            minimums = implied(line.annotation.bindings, self.s)
        self.claims.append(
            Claim(
                kind,
                lhs,
                rhs,
                o.where(span.start),
                o.width(span),
                minimums=minimums,
                line=line,
                matrix=matrix,
                other=other,
                wide=wide,
                **extra,
            )
        )

    def aside(self, line: Line) -> bool:
        """Claim a reason given after `\\because` on its own (True: it is one)."""
        if line.kind == "equation":
            pairs = list(zip(line.sides, line.sides[1:], line.relations, strict=False))
            self.chain(line, pairs, line.sides[0], "equation", line.conditions)
        return True

    def chain(
        self,
        line: Line,
        pairs: list[tuple[Node, Node, str]],
        first: Node,
        kind: str,
        held: tuple[Condition, ...] = (),
        *,
        loose: bool = False,
    ) -> bool:
        """Claim each pair (where the side conditions `held` hold); whether the last one
        could be claimed (so the next step can be checked against this line); `loose`, with
        the chain's start unread, claims no misfit of shapes false."""
        wrt = first.wrt if isinstance(first, Diff) else None
        ok = True
        pairs = [p for p in pairs if (id(line), p[1].span.start, p[1].span.end) not in self.taken]
        star = self.s.notation.get("star")
        cells = literals.expanded(pairs, self.literals, star)  # y = xw, x and w written out
        for n, (left, right, rel) in enumerate(bridge.bridged(cells, self.s)):
            if rel == "\\in":
                self.space(line, left, right)
            if not (ok := rel in CHECKED):
                continue
            try:
                bridge.identity(left, right, rel)
                self.pair(
                    line,
                    left,
                    right,
                    wrt,
                    kind=kind if n == 0 else "equation",
                    first=first,
                    held=held,
                )
            except ShapeError as exc:  # the line is false as written: a "shape" claim
                if loose:
                    self.unchecked(line, exc.span, "unclaimed", exc.message)
                else:
                    self.add(line, "shape", "", exc.message, exc.span)
                ok = False
            except TexError as exc:
                self.unchecked(line, exc.span, "unclaimed", exc.message)
                ok = False
        return ok

    def pair(
        self,
        line: Line,
        left: Node,
        right: Node,
        wrt: Node | None,
        *,
        kind: str,
        first: Node,
        held: tuple[Condition, ...] = (),
    ) -> None:
        if isinstance(left, Cases | Matrix):
            raise TexError("a cases or matrix on the left of = is not read", left.span)
        extra = {}
        if held:
            if isinstance(right, Cases | Matrix):
                raise TexError("a side condition on a cases or matrix is not read", right.span)
            row = CaseRow(right, held, span=right.span)
            sides = cases_mod.restrict(left, row, Cases((row,), span=right.span), self.s)
            if sides is None:
                raise TexError("the side condition of this line never holds", right.span)
            if kind == "step" and first is not left:
                with contextlib.suppress(TexError):
                    extra["first"] = texts(
                        *cases_mod.restrict(first, row, Cases((row,)), self.s) or (first, right),
                        self.s,
                        wrt,
                    )[0]
            extra["condition"] = cases_mod.condition_text(row)
            left, right = sides
        if isinstance(right, Cases):
            self.cases(line, left, right, wrt)
            return
        if isinstance(right, Matrix):
            self.matrix(line, left, right, wrt)
            return
        span = line.span if kind != "step" else right.span
        if differentials.has(left) or differentials.has(right):
            for lhs, rhs in by_variable(left, right, self.s, wrt, span):
                self.add(line, kind, lhs, rhs, span, matrix=is_whole(left, self.s), **extra)
            return
        lhs, rhs = jacobians.read(left, right, self.s, wrt)
        if first is not left and not held:  # a step is still checked against the line above,
            with contextlib.suppress(TexError):  # a chain from a defined name restates it
                extra["first"] = texts(first, right, self.s, wrt)[0]
        whole, other = jacobians.readings(left, right, self.s, wrt)
        wide = any(isinstance(n, Diff) and n.wide for s in (left, right, first) for n in walk(s))
        self.add(line, kind, lhs, rhs, span, matrix=whole, other=other, wide=wide, **extra)

    def cases(self, line: Line, left: Node, right: Cases, wrt: Node | None) -> None:
        for where, message in cases_mod.coverage(right):
            span = right.span if where is None else where.span
            self.notes.append(note(line.display.origin, "warning", "cases-coverage", message, span))
        for row in right.rows:
            if isinstance(row.value, Unread):
                self.unchecked(
                    line, row.value.span, "cases", f"this row is not read: {row.value.message}"
                )
                continue
            try:
                sides = cases_mod.restrict(left, row, right, self.s)
                if sides is None:
                    self.unchecked(line, row.span, "cases", "this row's condition never holds")
                    continue
                lhs, rhs = texts(*sides, self.s, wrt)
                condition = cases_mod.condition_text(row, self.s)
                self.add(line, "cases", lhs, rhs, row.span, condition=condition)
            except TexError as exc:
                self.unchecked(line, exc.span, "cases", exc.message)

    def matrix(self, line: Line, left: Node, right: Matrix, wrt: Node | None) -> None:
        shape = shape_of(left, self.s)
        if len(shape) not in (1, 2):
            raise TexError(
                f"a matrix equals something of shape {shape_text(shape)}; the left "
                "side should be a matrix or a vector",
                left.span,
            )
        said = jacobians.spelled(left, right, self.s, wrt)  # x = (x_1, …, x_n)
        if said is not None:
            if said:
                self.unchecked(line, right.span, "matrix", said)
            return
        for c in dotted.claimed(left, right, shape, self.s, wrt):
            if isinstance(c, Unread):
                self.unchecked(line, c.span, "matrix", c.message)
                continue
            least, where = c.minimums, c.condition
            self.add(
                line, "matrix", c.lhs, c.rhs, c.span, minimums=least, other=c.other, condition=where
            )
        skipped = sum(pos is None for _, pos in matrices.cells(right, shape))
        if skipped:
            self.unchecked(line, right.span, "matrix", matrices.unnamed(skipped))

    def space(self, line: Line, left: Node, right: Node) -> None:
        """`X \\in \\mathbb{R}^{N \\times D}`: a size claim on X's shape (axes of length one
        aside: a column in R^{m x 1} is a vector)."""
        if not isinstance(right, Space):
            self.unchecked(line, right.span, "size", "\\in is read before \\mathbb{R}^{…} only")
            return
        try:
            shape = squeeze(shape_of(left, self.s))
        except TexError as exc:
            self.unchecked(line, exc.span, "size", exc.message)
            return
        dims = squeeze(right.dims)
        self.add(line, "size", shape_text(shape), shape_text(dims), right.span)

    def sizes(self, line: Line) -> None:
        chains: list[SizeChain] = list(line.sizes)
        if line.annotation is not None and line.annotation.size:
            chains.append(line.annotation.size)
        for chain in chains:
            try:
                subject = shape_text(shape_of(line.sides[0], self.s))
            except TexError as exc:
                self.unchecked(line, exc.span, "size", exc.message)
                continue
            for shape in chain:
                try:
                    self.add(line, "size", subject, shape_text(evaluate(shape)), shape.span)
                except TexError as exc:
                    why = f"the sizes do not fit: {exc.message}"
                    self.notes.append(note(line.display.origin, "warning", "size", why, exc.span))
