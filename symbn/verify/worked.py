"""A worked example is judged only against a general line that holds.

An annotated row (`… & k=1, l=2`) is checked against the general line it instantiates.
When that general line is not proved (refuted, unknown or unchecked), a disagreement says
nothing about the example: its refutation becomes `unchecked`, with the reason, so that a
slip in the general line is reported once, at that line, and never blamed on a correct
example. A general line that defines a name holds by definition.

A cell of a worked example in matrices (`Claim.cell`) computes with the values lines above
set (`Claim.uses`, see `symbn.language.latex.workedarrays`). When a line that set one of
them is not proved throughout (a cell or a step of it refuted, or left unchecked), a line
after it that computes with the value it wrote may disagree for that reason alone: its
refutation becomes `unchecked` with the line it rests on (`carried`), so the slip is
reported at its line and never blamed on the lines after it.

A name set to a number (`$b = -2.5$` in a sentence, "a value such as …") and set to
another number later (`b = -3`, the value a worked example picks) is set again, not
claimed to keep its first value: that refutation becomes `unchecked` (`set_again`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from symbn.language.latex.claims import Claim
from symbn.language.latex.rows import Line
from symbn.language.latex.tree import Num, Ref, children, walk
from symbn.verify.finding import Finding, withheld
from symbn.verify.status import Status


def vouched(pairs: Sequence[tuple[Claim, Finding]], definitions: Iterable[Claim]) -> list[Finding]:
    """The findings of `pairs`, an annotation's refutation unchecked when its general line
    is not proved."""
    holds = {id(c.line) for c in definitions}
    statuses: dict[int, set[str]] = {}
    for c, f in pairs:
        if c.kind != "annotation":
            statuses.setdefault(id(c.line), set()).add(f.status)
    out = []
    for c, f in pairs:
        g = c.general
        if (
            c.kind == "annotation"
            and f.status == Status.REFUTED
            and g is not None
            and id(g) not in holds
            and statuses.get(id(g), set()) != {Status.PROVED}
        ):
            out.append(
                replace(
                    f,
                    status=Status.UNCHECKED,
                    details=(),
                    message=f"{f.message}: not judged, as the general line it instantiates "
                    f"(line {g.where.line}) is not proved",
                )
            )
        else:
            out.append(f)
    return out


def carried(pairs: Sequence[tuple[Claim, Finding]]) -> list[tuple[Claim, Finding]]:
    """The pairs (taken in order of position), a cell's refutation unchecked when a value it uses
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


def set_again(
    pairs: Sequence[tuple[Claim, Finding]], definitions: Iterable[Claim]
) -> list[tuple[Claim, Finding]]:
    """The pairs, the refutation of `name = number` unchecked where the line that defines
    the name sets it to a number too."""
    values = {name: d for d in definitions if (name := _set(d.line)) is not None}
    out = []
    for c, f in pairs:
        first = values.get(_set(c.line))
        if f.status == Status.REFUTED and first is not None and first.line is not c.line:
            f = withheld(  # noqa: PLW2901 (the finding, held back)
                f,
                f"not judged, as line {first.where.line} sets this name to another number "
                "(each line gives it a value, as worked examples do)",
            )
        out.append((c, f))
    return out


def _set(line: Line | None) -> Ref | None:
    """The name (at its indices) a row `name = number` sets (`b = -3`, `w_{1} = 0.5`)."""
    if line is None or line.kind != "equation" or len(line.sides) != 2:
        return None
    if not isinstance(line.sides[0], Ref):
        return None
    leaves = [n for n in walk(line.sides[1]) if not children(n)]
    return line.sides[0] if all(isinstance(n, Num) for n in leaves) else None
