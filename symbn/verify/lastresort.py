"""The last attempt before a claim is called unknown: a difference in the inputs alone.

The proofs unfold definitions only as far as they need, and fold the user's names back in as
they go. A derivation that names its sub-expressions (`std = sqrt(var + delta)`,
`istd = 1/std`, `xmu = x - mu`) can leave a difference that still holds such a name beside
what it stands for, `sqrt(delta + var[j]) - std[j]`, where no single fold applies. Here every
definition the difference mentions is unfolded, latest first and with no fold at all, down to
the inputs; the result is brought to canonical form, its radicals and reciprocals to one
form (each power of one base a power of a single root, exp(c x) a power of exp x), and tested
for zero as a rational function of its atoms, then once more with the functions written by
exp. Every step is an equality, so a zero is a proof.
"""

from __future__ import annotations

import sympy as sp

from symbn.canonical.algebra import algebraic_zero
from symbn.canonical.engine import Canon
from symbn.language.model import Model
from symbn.verify import adjoint


def inputs_only(model: Model, canon: Canon, e: sp.Expr, limit: int = 64) -> sp.Expr | None:
    """`e` with every definition unfolded, in canonical form; None when that takes more than
    `limit` unfoldings (a definition is unfolded once per name, latest first)."""
    order = list(model.definitions)
    for _ in range(limit):
        present = adjoint.names(model, e) & set(order)
        if not present:
            return canon(e)
        latest = max(present, key=order.index)
        e = canon(adjoint.unfold(model, e, latest))
    return None


def zero(model: Model, canon: Canon, e: sp.Expr, exp_canon) -> bool:
    """Whether `e` is shown to be zero once unfolded down to the inputs: as a rational
    function of its atoms (roots and exp multiples of one base included), else with sigmoid,
    tanh, relu, softplus, max, min and the step written by exp, log, abs and step
    (`exp_canon()` gives that canonical form)."""
    if e == 0:
        return True
    flat = inputs_only(model, canon, e)
    if flat is None:
        return False
    if flat == 0 or algebraic_zero(flat):
        return True
    written = exp_canon()(flat)
    return written == 0 or algebraic_zero(written)
