"""Jacobian layouts across a document whose context does not say its layout.

`symbn.verify.judge` proves a line with Jacobians only in the layout read (numerator, by
default) and leaves unchecked one that holds only in the other. A document whose lines
disagree — one holds only in the layout read, another only in the other — has a slip in
one of them, and which one depends on the layout its author meant: each line proved only
in the layout read is then unchecked too, naming a line that holds only in the other.
"""

from __future__ import annotations

from symbn.language.latex.claims import Claim
from symbn.verify.finding import Finding, withheld
from symbn.verify.judge import Judge
from symbn.verify.status import Status

#: What `Judge.__call__` says of a line that holds only in the layout not read.
ONLY_OTHER = "layout, true in the other: say layout"


def settled(pairs: list[tuple[Claim, Finding]], judge: Judge) -> list[tuple[Claim, Finding]]:
    """The judged claims, each proved only in the layout read made unchecked when another
    line holds only in the other layout (`pairs` unchanged otherwise)."""
    if judge.layout_said:
        return pairs
    other = [c for c, f in pairs if f.status == Status.UNCHECKED and ONLY_OTHER in f.message]
    if not other:
        return pairs
    line = other[0].where.line
    out = []
    for c, f in pairs:
        if f.status == Status.PROVED and c.other is not None and judge.holds_other(c) is False:
            f = withheld(  # noqa: PLW2901 (the finding, held back)
                f,
                f"true with its Jacobians in {judge.layout} layout only, "
                f'and line {line} holds only in the other: say layout = "numerator" or '
                '"denominator" in the context\'s [notation]',
            )
        out.append((c, f))
    return out
