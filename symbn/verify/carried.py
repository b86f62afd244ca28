"""A slip in a worked example in matrices is reported once, where it is made.

A cell of a worked example (`Claim.cell`) computes with the values lines above set
(`Claim.uses`, see `symbn.language.latex.workedarrays`). When a line that set one of them
is not proved throughout (a cell or a step of it refuted, or left unchecked), a line after
it that computes with the value it wrote may disagree with the author's own numbers for
that reason alone: its refutation becomes `unchecked`, with the line it rests on, so the
slip is reported at its line and never blamed on the lines after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from symbn.language.latex.claims import Claim
from symbn.verify.finding import Finding
from symbn.verify.status import Status


def held(pairs: Sequence[tuple[Claim, Finding]]) -> list[tuple[Claim, Finding]]:
    """The pairs, in order of position, a cell's refutation unchecked when a value it uses
    comes from a line that is not proved throughout."""
    statuses: dict[int, set[str]] = {}  # by line: the verdicts of its claims so far
    out = list(pairs)
    for n in sorted(range(len(out)), key=lambda k: (out[k][0].where.line, out[k][0].where.col)):
        c, f = out[n]
        doubtful = [u for u in c.uses if statuses.get(id(u), set()) - {Status.PROVED}]
        if c.cell and f.status == Status.REFUTED and doubtful:
            f = replace(
                f,
                status=Status.UNCHECKED,
                details=(),
                message=f"{f.message}: not judged, as a value it computes with (set at line "
                f"{doubtful[0].where.line}) is not proved there",
            )
            out[n] = (c, f)
        if c.line is not None:
            statuses.setdefault(id(c.line), set()).add(f.status)
    return out
