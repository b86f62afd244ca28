"""A line false in general but true in the case the prose around it names.

A derivation of a Jacobian element often splits it into cases in its prose, not in its
maths: "if $i = j$", then the display `\\frac{\\partial s_j}{\\partial z_i} = s_j - s_j^2`,
with no condition in the row. Read without the case, the line is false (for i ≠ j); read in
it, it may hold. A refuted line whose two index letters the prose within a few lines of it
relates (`i = j`, `i \\neq j`), or the last prose above it in its section that relates
two letters does, and which holds under that relation, is not refuted: it is
unchecked with the reason, and written with its condition in the row (`\\text{if } i = j`)
it is checked. A line false in its case too stays refuted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from symbn.language.latex.claims import Claim
from symbn.verify.finding import Finding
from symbn.verify.status import Status

#: How many lines above and below a display its prose may name its case in.
NEAR = 3
#: A relation between two index letters, as prose writes it: `i=j`, `j \neq i`, `i != j`.
_RELATION = re.compile(r"(?<![\w\\])([a-z])\s*(=|\\neq|\\ne|!=|≠)\s*([a-z])(?!\w)")

HELD = (
    "false for some values of its indices, but true when {case}, the case the prose around "
    "it names; written with its condition in the row (\\text{{if }} {case}) it is checked"
)


def settled(
    pairs: list[tuple[Claim, Finding]], judge: Callable[[Claim], Finding], lines: Sequence[str]
) -> list[tuple[Claim, Finding]]:
    """`pairs` with each refuted equation or step that holds in a case named in the prose
    near it (`lines`: the document's) unchecked, with the reason."""
    out = []
    for c, f in pairs:
        case = _case(c, judge, lines) if f.status == Status.REFUTED else None
        held = Status.UNCHECKED, HELD.format(case=case)
        out.append((c, f if case is None else replace(f, status=held[0], message=held[1])))
    return out


def by(lines: Sequence[str]) -> Callable[[list, Callable[[Claim], Finding]], list]:
    """`settled` for the document of `lines`."""
    return lambda pairs, judge: settled(pairs, judge, lines)


def _case(c: Claim, judge: Callable[[Claim], Finding], lines: Sequence[str]) -> str | None:
    """The relation named near `c` under which it holds, written in TeX; None when there
    is none."""
    if c.kind not in ("equation", "step") or c.condition:
        return None
    for a, op, b in cases_near(c, lines):
        factor = f"Delta({a}, {b})" if op == "==" else f"(1 - Delta({a}, {b}))"
        cased = replace(c, lhs=f"({c.lhs})*{factor}", rhs=f"({c.rhs})*{factor}", first=None)
        if judge(cased).status == Status.PROVED:
            return f"{a} = {b}" if op == "==" else f"{a} \\neq {b}"
    return None


def cases_near(c: Claim, lines: Sequence[str]) -> list[tuple[str, str, str]]:
    """The relations (letter, `==` or `!=`, letter) between two index letters that stand
    alone in the left side of `c`, written within NEAR lines of it, or else on the last line
    above it in its section that writes one."""
    row = c.where.line
    used = set(re.findall(r"(?<!\w)([a-z])(?!\w)", c.lhs))
    top = next((n for n in range(row - 2, -1, -1) if lines[n].startswith("#")), -1) + 1
    below = next((n for n in range(row, len(lines)) if lines[n].startswith("#")), len(lines))
    near = _relations("\n".join(lines[max(top, row - 1 - NEAR) : min(below, row + NEAR)]), used)
    for n in range(row - 2 - NEAR, top - 1, -1):
        if near:
            break
        near = _relations(lines[n], used)
    return near


def _relations(text: str, used: set[str]) -> list[tuple[str, str, str]]:
    """The relations `text` writes between two distinct letters of `used`."""
    out = []
    for a, op, b in _RELATION.findall(text):
        rel = (a, "==" if op == "=" else "!=", b)
        if a != b and {a, b} <= used and rel not in out:
            out.append(rel)
    return out
