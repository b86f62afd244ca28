"""Chain rules whose sum over the batch is left unsaid.

A derivation of batch normalisation writes the gradient of one sample through the batch
mean as `∂f/∂x_i = ∂f/∂y_i ∂y_i/∂x̂_i ∂x̂_i/∂μ ∂μ/∂x_i + …`: μ is a name of the whole batch
(it has no index), so the path through it reaches every y_j, and the chain rule needs a sum
over j that many authors leave unsaid (and write a few lines later). Read as written, the
line is false; read as its author means it, it holds. Which one is meant the line does not
say, so its refutation is held back: the line is reported unchecked, saying why.

A factor `diff(A[i], B)` with B written without an index (a name of the whole batch), i
free in the line (the sample it is about) and B differentiated in turn (`diff(B, x[i])`:
the chain goes on through B) marks such a line.
"""

from __future__ import annotations

import re

from symbn.language.latex.claims import Claim
from symbn.verify.finding import Finding, withheld
from symbn.verify.status import Status

#: A derivative of an element by a name written whole: `diff(xhat[i], mu_B)`.
_THROUGH_WHOLE = re.compile(r"diff\((\w+)\[([^\[\]]*)\], (\w+)\)")
#: The indices of an element, `x[i, j]`: its letters.
_AT = re.compile(r"\[([^\[\]]*)\]")


def held(pairs: list[tuple[Claim, Finding]]) -> list[tuple[Claim, Finding]]:
    """The judged claims, each refutation of a chain rule whose sum over the batch is left
    unsaid (see the module docstring) made unchecked."""
    out = []
    for c, f in pairs:
        through = _unsaid_sum(c) if f.status == Status.REFUTED else None
        if through is not None:
            element, whole = through
            f = withheld(  # noqa: PLW2901 (the finding, held back)
                f,
                f"the chain goes from {element} through {whole}, written without an index "
                f"(a name of the whole batch), and so reaches every element beside "
                f"{element}: the sum over them that the chain rule needs is left unsaid, "
                "and the line is not checked as written",
            )
        out.append((c, f))
    return out


def _unsaid_sum(c: Claim) -> tuple[str, str] | None:
    """(the element, the whole name) of the first factor of `c` that goes from an element
    at an index free in the line (no sum binds it) to a name written whole; None when there
    is none."""
    text = f"{c.lhs} = {c.rhs}"
    free = {x.strip() for at in _AT.findall(text) for x in at.split(",")} - _bound(text)
    for name, at, whole in _THROUGH_WHOLE.findall(text):
        through = re.search(rf"diff\({re.escape(whole)}, ", text) is not None  # ∂μ/∂x_i
        if through and free & {x.strip() for x in at.split(",")}:
            return f"{name}[{at}]", whole
    return None


def _bound(text: str) -> set[str]:
    """The letters a `sum(…, j)` of `text` binds."""
    out: set[str] = set()
    for start in (m.end() for m in re.finditer(r"\bsum\(", text)):
        depth, n = 1, start
        while n < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[n], 0)
            n += 1
        body = text[start : n - 1]
        top = [k for k, ch in enumerate(body) if ch == "," and _depth(body, k) == 0]
        out |= {x.strip() for x in body[top[0] + 1 :].split(",")} if top else set()
    return out


def _depth(text: str, k: int) -> int:
    """How many parentheses and brackets are open at text[k]."""
    return sum({"(": 1, "[": 1, ")": -1, "]": -1}.get(ch, 0) for ch in text[:k])
