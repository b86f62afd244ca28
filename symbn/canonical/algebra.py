"""Zero as an algebraic identity: the last question of a proof, once no rule applies.

A residual free of definitions is zero when it is zero as a rational function of its atoms,
each radical (base)^(p/q) being a q-th root of its base, which is what the rewrite rules
cannot see by themselves (sqrt(a)^2 = a inside a sum of quotients), and each exp of a
rational multiple a power of one atom (the rule "exp of a multiple", symbn.canonical.byexp).
"""

from __future__ import annotations

import sympy as sp

from symbn.canonical.byexp import EXP_POWER
from symbn.language import rules


def algebraic_zero(e: sp.Expr) -> bool:
    """Zero as a rational function of its atoms, with each (base)^(p/q) a q-th root."""
    atoms: dict = {}
    roots: dict = {}

    def symbol_for(x):
        if x not in atoms:
            atoms[x] = sp.Dummy(f"a{len(atoms)}")
        return atoms[x]

    def visit(x):
        split = rules.named(EXP_POWER.name).apply(None, x)  # exp(-y) = 1/exp(y)
        if split is not None:
            x = sp.Pow(*split, evaluate=False)
        if isinstance(x, sp.Pow) and x.exp.is_Rational and not x.exp.is_Integer:
            base = visit(x.base)
            q = int(x.exp.q)
            if (base, q) not in roots:
                roots[(base, q)] = sp.Dummy(f"r{len(roots)}")
            return roots[(base, q)] ** int(x.exp.p)
        if isinstance(x, sp.Add | sp.Mul) or (isinstance(x, sp.Pow) and x.exp.is_Integer):
            return x.func(*[visit(a) for a in x.args])
        if x.is_Number or (isinstance(x, sp.Symbol) and x.is_positive and x.is_integer):
            return x
        return symbol_for(x)

    numer = sp.expand(sp.numer(sp.together(visit(e))))
    for (base, q), r in roots.items():
        if numer == 0:
            break
        top, bottom = sp.fraction(sp.together(base))
        numer = sp.expand(sp.prem(numer, sp.expand(bottom * r**q - top), r))
    return numer == 0
