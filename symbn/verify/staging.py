"""Staged partial derivatives, read from a document checked with an inferred context.

A line such as ∂y/∂μ = γ/σ δ, with σ computed from μ, is false with total derivatives and
true with staged ones (the local derivatives of a computational graph, the other
definitions held fixed); `symbn.verify.judge` leaves it unchecked, asking the context to
say which the document means. With no context there is none to ask, but the document
itself may say: when every line that the two readings tell apart and that the document
proves with total derivatives holds with staged ones too, the document reads its partials
staged throughout, and each line that holds only so is proved, the message saying so. One
line that holds only with total derivatives (a chain rule through every path) leaves them
all unchecked. A line that reads a step of a recurrence (`z[l + 1, k]`, the next layer) is
never settled so: there the two readings part at the recurrence's ends (the last layer,
where a line of the layers before it does not hold), not by the document's style.
"""

from __future__ import annotations

import re
from dataclasses import replace

from symbn.language.latex.claims import Claim
from symbn.verify.finding import Finding
from symbn.verify.judge import Judge
from symbn.verify.status import Status

#: A position moved by a number, `z[l + 1, k]`: the line reads a recurrence's next step.
MOVED = re.compile(r"\[\w+ [+-] \d")

#: A derivative of one name or element, `diff(y[i], …)`: a stage of the graph.
STAGE = re.compile(r"\w+(\[[^\[\]]*\])?, ")

#: What `Judge.__call__` says of a line that holds only with staged partials.
ONLY_STAGED = "false with total derivatives, true with the other definitions held fixed"


def settled(pairs: list[tuple[Claim, Finding]], judge: Judge) -> list[tuple[Claim, Finding]]:
    """The judged claims, each that holds only with staged partials proved when the rest of
    the document reads its partials so (`pairs` unchanged otherwise)."""
    only = [
        k
        for k, (_, f) in enumerate(pairs)
        if f.status == Status.UNCHECKED and ONLY_STAGED in f.message
    ]
    if not only:
        return pairs
    for c, f in pairs:
        if f.status == Status.PROVED and judge.local(c) and judge.holds_staged(c) is False:
            return pairs  # a line that holds with total derivatives only
    out = list(pairs)
    for k in only:
        c, f = out[k]
        if MOVED.search(f"{c.lhs} = {c.rhs}"):
            continue  # a step of a recurrence: the readings part at its ends, not by style
        if not stages_only(f"{c.lhs} = {c.rhs}"):
            continue  # ∂(3 - ξ)²/∂w with ξ held: zero, whatever the expression says
        claim = f.message.split(": false with total derivatives")[0]
        message = (
            f"{claim} (with staged partials, the local derivatives of a computational graph, "
            "as every line of the document that the two readings tell apart reads them)"
        )
        out[k] = (c, replace(f, status=Status.PROVED, message=message))
    return out


def stages_only(text: str) -> bool:
    """Whether every derivative in a claim's text is of one name or element (a stage of the
    graph, which staged partials differentiate through its own line): a derivative of an
    expression of defined names holds them fixed and is zero, whatever it is of."""
    at = text.find("diff(")
    while at >= 0:
        if not STAGE.match(text, at + len("diff(")):
            return False
        at = text.find("diff(", at + 1)
    return True
