"""How many of a document's equation rows got a verdict: the figure every summary of
`symbn check` gives ("k of n equation rows checked"), and the reason a document that
checked none of them does not pass.

An equation row is a row of a display (or an inline maths) that states a relation: an
equation, a `&=` step, or a row that could not be read but has a relation in it. A row
whose every claim defines a name (or states a size, `z \\in \\mathbb{R}^N`) is not counted: a
definition is read, not checked; a row that also claims something (`\\frac{\\partial y}{\\partial
a} = b \\in \\mathbb{R}`) is. A row is checked when at least one claim made of it was proved,
refuted or found unknown.
"""

from __future__ import annotations

from collections.abc import Iterable

from symbn.language.latex.claims import Claim
from symbn.language.latex.rows import Line
from symbn.language.latex.separate import is_relation
from symbn.verify.status import Status

#: The statuses that are a verdict on a row.
VERDICTS = frozenset({Status.PROVED, Status.REFUTED, Status.UNKNOWN})


def is_equation_row(line: Line) -> bool:
    """Whether a row states a relation (read or not)."""
    if line.kind in ("equation", "step"):
        return True
    return line.kind == "unreadable" and any(is_relation(t) for t in line.tokens)


def count(
    lines: Iterable[Line],
    definitions: Iterable[Claim],
    judged: Iterable[tuple[Claim, str]],
) -> tuple[int, int]:
    """(checked, total): the equation rows with a verdict, and all of them but those
    that only define names; `judged` pairs each claim with its finding's status."""
    definitions = list(definitions)
    reads = {id(c) for c in definitions}
    judged = list(judged)
    claiming = {id(c.line) for c, _ in judged if id(c) not in reads}
    defining = {id(c.line) for c in definitions} - claiming
    verdict = {id(c.line) for c, status in judged if status in VERDICTS}
    rows = {id(x) for x in lines if is_equation_row(x)} - defining
    return len(rows & verdict), len(rows)
