"""Worked examples in matrices and vectors of numbers: what each line sets, and the claim
of each cell.

    W = \\begin{bmatrix} 0.1 & 0.2 \\\\ 0.3 & 0.4 \\end{bmatrix}, \\quad
    x = \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}
    z = W x = \\begin{bmatrix} 0.1(1) + 0.2(2) \\\\ 0.3(1) + 0.4(2) \\end{bmatrix}
      = \\begin{bmatrix} 0.5 \\\\ 1.1 \\end{bmatrix}

An equation whose left side is a bare name sets that name to its last side (read by
`numarrays`), so that the lines after it compute with it (`W := W - 0.1 ∇W` uses the old
W on the right and sets the new one); a `&=` step goes on with the chain above. Between two
sides that both come to numbers, at least one an array and one written with a matrix of
numbers, each cell is a claim (`Claim.cell` names it), judged with the rounding of the
written digits; the existing reading of the line leaves such a pair alone (`taken`), and so
the line that sets a name to a matrix of numbers. Two sides whose shapes differ, or a side
whose shapes do not fit, leave the pair unchecked with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex.claims import Claim
from symbn.language.latex.numarrays import (
    MisfitError,
    NotNumericError,
    Value,
    aligned,
    has_literal,
    scalar,
    value,
)
from symbn.language.latex.rows import Line
from symbn.language.latex.tree import Node, Ref, walk
from symbn.source.positions import Note, Span, note

#: The relations between two sides whose cells are claimed equal.
RELATIONS = frozenset({"="})  # ≈ is not checked, as elsewhere
Taken = frozenset[tuple[int, int, int]]
_ONE = scalar("1")
Side = Value | str | None  # a side's cells, why its shapes do not fit, or no numbers


def _named(node: Node) -> str | None:
    return node.name if isinstance(node, Ref) and not node.indices else None


class _Pass:
    def __init__(self) -> None:
        self.settings: dict[str, Value] = {}
        self.origins: dict[str, Line] = {}  # the line that set each name
        self.claims: list[Claim] = []
        self.notes: list[Note] = []
        self.taken: set[tuple[int, int, int]] = set()

    def value(self, node: Node) -> Value | str | None:
        """The cells of a side, the reason its shapes do not fit, or None: no numbers."""
        return self.value_of(node, self.settings)

    @staticmethod
    def value_of(node: Node, settings: dict[str, Value]) -> Value | str | None:
        try:
            return value(node, settings)
        except MisfitError as exc:
            return str(exc)
        except (NotNumericError, RecursionError):
            return None

    def written(self, node: Node) -> bool:
        """Whether `node` writes numbers: a matrix of them, or numbers alone."""
        return has_literal(node) or isinstance(self.value_of(node, {}), Value)

    def arrays(self, node: Node) -> bool:
        """Whether `node` writes a matrix of numbers or names one a line set."""
        return has_literal(node) or any(
            isinstance(n, Ref) and not self.settings.get(n.name, _ONE).scalar for n in walk(node)
        )

    def take(self, line: Line, right: Node) -> None:
        self.taken.add((id(line), right.span.start, right.span.end))

    def pair(self, line: Line, left: Node, right: Node, kind: str, *values: Side) -> None:
        """Claim each cell of `left = right` (`values`: the two sides'), or say why not."""
        a, b = values
        if a is None or b is None or not (self.written(left) or self.written(right)):
            return  # no numbers, or a general line whose names the example happens to set
        if not (self.arrays(left) or self.arrays(right)):
            return  # scalar arithmetic: read as ever
        span = Span(left.span.start if kind == "equation" else right.span.start, right.span.end)
        self.take(line, right)
        why = a if isinstance(a, str) else b if isinstance(b, str) else None
        if why is None:
            try:
                a, b = aligned(a, b, "an equation between")
            except MisfitError as exc:
                why = str(exc)
        if why is not None:
            o = line.display.origin
            self.notes.append(note(o, "unchecked", "worked-arrays", why, span))
            return
        o = line.display.origin
        names = {n.name for side in (left, right) for n in walk(side) if isinstance(n, Ref)}
        uses = tuple(self.origins[n] for n in sorted(names) if n in self.settings)
        for i, (ra, rb) in enumerate(zip(a.rows, b.rows, strict=True)):
            for j, (x, y) in enumerate(zip(ra, rb, strict=True)):
                self.claims.append(
                    Claim(
                        kind,
                        x,
                        y,
                        o.where(span.start),
                        o.width(span),
                        line=line,
                        cell=a.label(i, j),
                        uses=uses,
                    )
                )

    def line(self, line: Line, chain: tuple) -> tuple:
        """Read one line, given the chain above (the name it sets, its last side and that
        side's value); the chain after it."""
        target, node, above = chain
        sides, values = line.sides, [self.value(s) for s in line.sides]
        rels = line.relations[-len(sides) + 1 :]
        pairs = list(zip(sides, sides[1:], values, values[1:], rels, strict=False))
        if line.kind == "step":
            if node is not None and above is not None and line.relations[0] in RELATIONS:
                self.pair(line, node, sides[0], "step", above, values[0])
        else:
            target = _named(sides[0])
            if target is not None:
                if has_literal(sides[1]) and isinstance(values[1], Value) and not values[1].scalar:
                    self.take(line, sides[1])  # the line sets the name: no claim of it
                pairs = pairs[1:]
        for left, right, a, b, rel in pairs:
            if rel in RELATIONS:
                self.pair(line, left, right, "equation", a, b)
        if target is not None:
            if isinstance(values[-1], Value):
                self.settings[target], self.origins[target] = values[-1], line
            else:
                self.settings.pop(target, None)
        return target, sides[-1], values[-1]


def worked(lines: Sequence[Line]) -> tuple[list[Claim], list[Note], Taken]:
    """The cell claims of the worked examples in matrices, the notes on pairs left
    unchecked, and the pairs (line, right side's span) the plain reading is to leave."""
    p = _Pass()
    chain: tuple = (None, None, None)
    display = -1
    for line in lines:
        if line.display.number != display and not (line.kind == "step" and not line.display.inline):
            chain = (None, None, None)
        display = line.display.number
        if line.kind in ("equation", "step") and line.sides:
            chain = p.line(line, chain)
        elif not line.aside:
            chain = (None, None, None)
    return p.claims, p.notes, frozenset(p.taken)
