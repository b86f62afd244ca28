"""The canonical form's rules for labels (`symbn.language.labels`): elements `y[n]` of an
integer input that stand as indices.

A label's element is a value the form cannot name, as a size is: in a class of equal indices
it is the representative before any letter, so `Delta(c, y[n]) P[n, c]` is written
`Delta(c, y[n]) P[n, y[n]]` by the delta substitution. What is particular to it is that it
holds indices of its own: those are written with their class's representative too (rule
"indices of a label"), and a sum over c of a delta with a label keeps the label's term
(rule "sum over a label's delta"). The rules are registered by `symbn.canonical.monomials`
and `symbn.canonical.sums`, in their place among the form's own.
"""

from __future__ import annotations

import sympy as sp

from symbn.language import labels, rules
from symbn.language.indices import Index, replace_free


def label_indices(engine, t: sp.Expr, classes: list[list[sp.Expr]]) -> sp.Expr | None:
    """Delta(i, n) Delta(c, y[n]) = Delta(i, n) Delta(c, y[i]): the indices inside a label's
    element in a delta, written with the representative of their class, so that the
    classes of equal labels are found (`classes`: those the deltas of `t` make, each led by
    its representative)."""
    mapping = {
        x: c[0]
        for c in classes
        for x in c[1:]
        if isinstance(x, Index) and not labels.elements(c[0])  # n = y[n] says nothing of n
    }
    if not mapping:
        return None
    new = sp.Mul(*[_mapped(f, mapping) for f in sp.Mul.make_args(t)])
    if new == t:
        return None
    engine.note(rules.named("indices of a label"), t, new)
    return engine(new)


def _mapped(f: sp.Expr, mapping: dict) -> sp.Expr:
    """A delta with its labels' indices mapped; any other factor as it is."""
    if not isinstance(f, sp.KroneckerDelta):
        return f
    return sp.KroneckerDelta(*[a.xreplace(mapping) if labels.range_of(a) else a for a in f.args])


def sum_label_delta(engine, free: list, dep: list, p: Index, size: sp.Symbol) -> sp.Expr | None:
    """sum_c Delta(c, y[n]) f(c) = f(y[n]): a label's value is one of 1..C, so the sum over
    c keeps the one term where c is that value."""
    for f in dep:
        if not isinstance(f, sp.KroneckerDelta) or p not in f.args:
            continue
        other = f.args[0] if f.args[1] == p else f.args[1]
        if labels.range_of(other) is not None and p not in other.free_symbols:
            factors = (*free, *dep)
            out = replace_free(sp.Mul(*[g for g in factors if g is not f]), {p: other})
            engine.note(
                rules.named("sum over a label's delta"), sp.Sum(sp.Mul(*factors), (p, 1, size)), out
            )
            return engine(out)
    return None


def label_delta_first(engine, body: sp.Expr, p: Index, size: sp.Symbol) -> sp.Expr | None:
    """sum_c a(c) sum_n Delta(c, y[n]) f(n, c) = sum_n a(y[n]) f(n, y[n]): the sum over an
    index that a label's delta fixes, around a sum over the label's own indices, is taken
    inside it, where it disappears."""
    factors = sp.Mul.make_args(body)
    inner = [f for f in factors if isinstance(f, sp.Sum) and _fixes(f.function, p)]
    if not inner:
        return None
    s = inner[0]
    rest = sp.Mul(*[f for f in factors if f is not s])
    engine.note(
        rules.named("a label's delta summed first"),
        sp.Sum(body, (p, 1, size)),
        lambda: sp.Sum(sp.Sum(rest * s.function, (p, 1, size)), *s.limits),
    )
    out = engine.sum_over(engine(rest * s.function), p, size)
    for q, _, hi in s.limits:
        out = engine.sum_over(out, q, hi)
    return out


def _fixes(e: sp.Expr, p: Index) -> bool:
    """Whether a delta of `e` sets p to a label's element that does not use p."""
    return any(
        isinstance(f, sp.KroneckerDelta)
        and p in f.args
        and any(labels.range_of(a) is not None and p not in a.free_symbols for a in f.args)
        for f in sp.Mul.make_args(e)
    )
