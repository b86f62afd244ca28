"""A worked example is judged only against a general line that holds.

An annotated row (`… & k=1, l=2`) is checked against the general line it instantiates.
When that general line is not proved (refuted, unknown or unchecked), a disagreement says
nothing about the example: its refutation becomes `unchecked`, with the reason, so that a
slip in the general line is reported once, at that line, and never blamed on a correct
example. A general line that defines a name holds by definition.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from symbn.language.latex.claims import Claim
from symbn.verify.finding import Finding
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
