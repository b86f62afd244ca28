"""An aggregate over the batch written beside one element: an index letter free on one side
of a line that the other side only sums over (∂x̂_i/∂μ = Σ_i …). Which i the sum runs over,
and whether the line is about one element or the whole batch, is not said, so a refutation
of such a line is held back (`symbn.verify.judge`)."""

from __future__ import annotations

import sympy as sp

from symbn.language.indices import Index


def shadowed(lhs: sp.Expr, rhs: sp.Expr) -> str | None:
    """An index letter free on one side that the other only sums over (∂x̂_i/∂μ = Σ_i …,
    an aggregate over the batch written beside one element), or None."""
    for one, other in ((lhs, rhs), (rhs, lhs)):
        free = {s for s in one.free_symbols if isinstance(s, Index)}
        loose = {s for s in other.free_symbols if isinstance(s, Index)}
        for total in other.atoms(sp.Sum):
            for limit in total.limits:
                if limit[0] in free and limit[0] not in loose:
                    return str(limit[0])
    return None
