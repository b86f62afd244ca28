"""Definitions unfolded, latest first, until a difference is zero: the one loop of the proofs.

A proof reduces lhs - rhs under the rules with the user's names folded in, and when that is
not zero it unfolds a definition, the latest one the expression holds (the definitions are
topologically sorted by construction), and tries again. `difference` is that loop for two
sides: it unfolds first what only one side names, so that what both name (an adjoint g_kl
carried from the layer above) stays a name; with `shared` it then unfolds what both name,
down to the inputs, where `zero` has the last word (the rational check of
`symbn.canonical.algebra`, or a caller's stronger one). Every step is an equality, so a zero
is a proof. The direct proof calls it with rhs 0, reverse mode to compare an adjoint with a
user's definition or the rhs, and the last resort with no folds at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import sympy as sp

from symbn.calculus.derivative import instantiate
from symbn.canonical.algebra import algebraic_zero
from symbn.canonical.engine import Canon
from symbn.canonical.flat import flat_zero
from symbn.canonical.fold import Fold, apply
from symbn.language import indices
from symbn.language.model import Model


def unfold(model: Model, e: sp.Expr, name: str) -> sp.Expr:
    """`e` with every element of definition `name` replaced by its body there."""

    def hit(x):
        return isinstance(x, sp.Indexed | sp.Symbol) and model.tensor_name(x) == name

    avoid = indices.bound(e)
    return e.replace(hit, lambda x: instantiate(model, x, avoid=avoid))


def difference(
    model: Model,
    canon: Canon,
    folds: Iterable[Fold],
    left: sp.Expr,
    right: sp.Expr,
    *,
    shared: bool,
    zero: Callable[[sp.Expr], bool] = algebraic_zero,
) -> sp.Expr:
    """left - right reduced under the rules and the folds that are always applied, unfolding
    latest-first the definitions that only one side names; with `shared`, then those both
    sides name, down to the inputs, where 0 stands for a residual that `zero` shows to be
    zero. Zero only when the rules show left = right."""
    order = list(model.definitions)
    live = set(order)
    always = [(f, set(model.uses(f.replacement)) & live) for f in folds if f.always]
    while True:
        rules = [f for f, uses in always if f.name in live and uses <= live]
        left, right = apply(canon(left), rules, canon), apply(canon(right), rules, canon)
        gap = left if right == 0 else apply(canon(left - right), rules, canon)
        if gap == 0 or flat_zero(gap):  # the same sums, nested two ways
            return sp.S.Zero
        on_left, on_right = set(model.uses(left)) & live, set(model.uses(right)) & live
        pick = (on_left ^ on_right) or (on_left | on_right if shared else set())
        if not pick:
            return sp.S.Zero if shared and zero(gap) else gap
        latest = max(pick, key=order.index)
        left, right = unfold(model, left, latest), unfold(model, right, latest)
        live.discard(latest)
