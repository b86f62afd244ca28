"""Derivatives set to zero: a stationary point to solve for, not an identity.

A derivation of an estimate (maximum likelihood, least squares, a regularised loss)
differentiates and then sets the derivative to zero to solve for the estimate:
`\\frac{\\partial \\ell}{\\partial \\mu} = \\frac{1}{\\sigma^2}\\sum_i (x_i - \\mu) = 0`.
The last `= 0` is an equation the author solves next, true at the estimate only, not an
identity in μ; read as one it is false, and a true line would be refuted. So a refutation of
an equation `… = 0` is held back, unchecked, saying why, when it ends a chain that begins
with a derivative, or when the words just before it (or the derivative it equates) say it is
set to zero, solved or a condition of an optimum. A later `… = 0` without a derivative that
restates such a condition (its left side that expression, up to its sign or a numeric
factor: `\\sum_i \\alpha_i y_i = 0` after `\\nabla_b L = -\\sum_i \\alpha_i y_i = 0`) is the
same condition, numbered for later use, and its refutation is held back too. So is a row
that then writes a name the derivation differentiates by as an expression free of it
(`\\mu_k = \\sum_n r_{nk} x_n / \\sum_n r_{nk}` below `\\partial J / \\partial \\mu_k`):
the value that solves the condition, an estimate or an update, not an identity. A `= 0` that
holds for every input is still proved: only the refutation, which the reading cannot stand
behind, is withheld.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from symbn.language.latex.claims import Claim
from symbn.source.context import Context
from symbn.verify.finding import Finding, withheld
from symbn.verify.status import FAILED

#: Why the line is not judged.
REASON = (
    "an equation that sets a derivative to zero is read as a condition to solve (a "
    "stationary point, true at the estimate it finds), not as an identity for every input"
)
#: Words that say an equation is set to zero or solved (lower case, matched in the text
#: just before the equation).
WORDS = (
    "set ",
    "setting",
    "equate",
    "equating",
    "equal to zero",
    "equal to 0",
    "to zero",
    "to $0$",
    "solve",
    "solving",
    "stationary",
    "critical point",
    "optimality",
    "first-order condition",
    "first order condition",
    "maximi",
    "minimi",
    "maximum",
    "minimum",
    "extremum",
    "vanish",
)
#: How many lines above an equation its introducing words are looked for.
ABOVE = 6
#: How a derivative is written in the source.
DERIVATIVES = ("\\partial", "\\nabla", "\\frac{d", "\\frac{\\mathrm{d}", "\\dfrac{d", "\\part ")


#: Why a restated condition is not judged.
RESTATED = (
    "this equation restates the condition line {line} sets to zero (a derivative set to "
    "zero, true at the estimate it finds), not an identity for every input"
)


#: Why an estimate is not judged.
ESTIMATE = (
    "this equation gives the {name} that solves the derivative by it (line {line}) set to "
    "zero, an estimate true at that point, not an identity for every input"
)


def estimate(c: Claim, claims: Sequence[Claim]) -> tuple[str, int] | None:
    """The name and the line of the derivative by it, when `c` writes a name alone or one
    element of it on the left, an expression free of the name and of derivatives on the
    right, below a line of `claims` that differentiates by the name; else None."""
    head = re.fullmatch(r"(\w+)(\[[^\[\]()]*\])?", c.lhs.strip())
    if c.kind != "equation" or head is None or "diff(" in c.rhs:
        return None
    name = head[1]
    if re.search(rf"\b{name}\b", c.rhs):
        return None
    by = re.compile(rf"diff\(\w+, {name}\b")
    lines = [
        e.where.line
        for e in claims
        if e.where.line < c.where.line and by.search(f"{e.lhs} {e.first or ''}")
    ]
    return (name, lines[0]) if lines else None


def estimates(pairs: list[tuple[Claim, Finding]], ctx: Context) -> list[tuple[Claim, Finding]]:
    """The judged claims, the refutation of each estimate (`estimate`) of an input of `ctx`
    made unchecked (a defined name set again is a claim about its definition, judged)."""
    inputs = {i.name for i in ctx.inputs}
    claims = [c for c, _ in pairs]
    out = []
    for c, f in pairs:
        at = estimate(c, claims) if f.status in FAILED else None
        at = at if at is not None and at[0] in inputs else None
        why = None if at is None else ESTIMATE.format(name=at[0], line=at[1])
        out.append((c, f if why is None else withheld(f, why)))
    return out


def held(pairs: list[tuple[Claim, Finding]], lines: Sequence[str]) -> list[tuple[Claim, Finding]]:
    """The judged claims, each refutation of a derivative set to zero, or of a later
    restatement of that condition (see the module docstring), made unchecked; `lines` are
    the document's lines."""
    out = []
    conditions: dict[str, int] = {}  # each expression set to zero: the line that does
    for c, f in pairs:
        if _set_to_zero(c, lines):
            conditions.setdefault(_up_to_factor(c.lhs), c.where.line)
            out.append((c, withheld(f, REASON) if f.status in FAILED else f))
            continue
        line = conditions.get(_up_to_factor(c.lhs)) if _zero_of_inputs(c) else None
        restated = f.status in FAILED and line is not None and line < c.where.line
        out.append((c, withheld(f, RESTATED.format(line=line)) if restated else f))
    return out


def _zero_of_inputs(c: Claim) -> bool:
    """`… = 0` with no derivative written or read in it: an expression the derivation
    reached, which a row may restate as a condition."""
    derivative = any(d in c.where.source for d in DERIVATIVES) or "diff(" in c.lhs
    return c.rhs.strip() == "0" and not derivative


def _up_to_factor(expression: str) -> str:
    """The expression's text without white space, a leading sign, a leading numeric factor
    (`2*`, `1/2*`) or brackets around the whole of it."""
    text = "".join(expression.split())
    while True:
        before = text
        text = text.lstrip("-+")
        head, star, rest = text.partition("*")
        if star and head.replace("/", "").replace(".", "").isdigit():
            text = rest
        if text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
            text = text[1:-1]
        if text == before:
            return text


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _set_to_zero(c: Claim, lines: Sequence[str]) -> bool:
    if c.rhs.strip() != "0" or c.lhs.strip() == "0":
        return False
    row = c.where.source
    derivative = any(d in row for d in DERIVATIVES) or "diff(" in f"{c.lhs} {c.first or ''}"
    if not derivative:
        return False
    chained = c.kind == "step" or (c.first is not None and c.first != c.lhs)
    if chained:  # `∂ℓ/∂μ = … = 0`: the chain ends in the condition
        return True
    at = c.where.line - 1
    before = [*lines[max(0, at - ABOVE) : at], row[: c.where.col - 1]]
    said = " ".join(before).lower()
    return any(w in said for w in WORDS)
