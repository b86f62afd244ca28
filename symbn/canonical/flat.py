"""The last word on a difference whose terms nest their sums differently: every sum pulled
to the front of its term, the bound indices renamed to one canonical choice.

The canonical form names a bound index by the height of its sum (`_T_1`, `_T_2`), so
Σ_r Σ_f V_rf Σ_s G_sf P_sr and Σ_s Σ_f G_sf Σ_r P_sr V_rf, the same sum nested two ways,
are two forms. Here each term of the difference becomes one multiple sum of a monomial —

    Σ_r a Σ_s b  =  Σ_{r,s} a b       (s renamed first when a holds it),
    Σ_s (a + b)  =  Σ_s a + Σ_s b,    (a + b) c = a c + b c,

— and its bound indices are given the names, among all assignments of canonical names to
the indices of each range, that print the monomial least. A bound index is a dummy, so
terms equal up to renaming meet; the difference is zero when the coefficients of every
canonical term cancel. Every step is an identity, so `flat_zero` never says zero wrongly;
it gives up (False) when the terms or the renamings to try grow past a bound.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable

import sympy as sp

from symbn.language.indices import Index

MAX_TERMS = 4000
MAX_RENAMINGS = 720
MAX_POWER = 4

#: (numeric coefficient, factors, bound indices)
Term = tuple[sp.Expr, tuple[sp.Expr, ...], tuple[Index, ...]]


class _TooLarge(Exception):
    pass


def flat_zero(e: sp.Expr) -> bool:
    """Whether e is zero once its sums are flattened and their indices renamed alike."""
    if not e.has(sp.Sum):
        return False
    try:
        terms = _Flattener().terms(sp.expand(e, deep=False))
        totals: dict[tuple[sp.Expr, tuple], sp.Expr] = defaultdict(lambda: sp.S.Zero)
        for coeff, factors, bound in terms:
            totals[_canonical(factors, bound)] += coeff
    except _TooLarge:
        return False
    return all(c == 0 for c in totals.values())  # numbers: only numbers are coefficients


class _Flattener:
    def __init__(self) -> None:
        self.count = 0

    def fresh(self, size: sp.Expr) -> Index:
        self.count += 1
        return Index(f"_flat{self.count}", size)

    def terms(self, e: sp.Expr) -> list[Term]:
        if isinstance(e, sp.Add):
            out = [t for a in e.args for t in self.terms(a)]
        elif isinstance(e, sp.Mul):
            out = [(sp.S.One, (), ())]
            for a in e.args:
                out = self.product(out, self.terms(a))
        elif isinstance(e, sp.Sum):
            bound = tuple(lim[0] for lim in e.limits)
            if not all(_full(lim) for lim in e.limits):
                return [(sp.S.One, (_alpha(e),), ())]
            out = [(c, f, (*b, *bound)) for c, f, b in self.terms(e.function)]
        elif (
            isinstance(e, sp.Pow)
            and e.exp.is_Integer
            and 1 < e.exp <= MAX_POWER
            and e.base.has(sp.Sum)
            and isinstance(e.base, sp.Add | sp.Sum | sp.Mul)
        ):
            out = [(sp.S.One, (), ())]
            for _ in range(int(e.exp)):
                out = self.product(out, self.terms(e.base))
        elif e.is_Number:
            out = [(e, (), ())]
        else:
            out = [(sp.S.One, (_alpha(e),), ())]
        if len(out) > MAX_TERMS:
            raise _TooLarge
        return out

    def product(self, left: list[Term], right: list[Term]) -> list[Term]:
        out = []
        for c1, f1, b1 in left:
            for c2, f2, b2 in right:
                # a bound index of one side may not capture an index of the other
                g1, d1 = self.apart(f1, b1, set(b2) | _free(f2))
                g2, d2 = self.apart(f2, b2, set(d1) | _free(g1))
                out.append((c1 * c2, (*g1, *g2), (*d1, *d2)))
        if len(out) > MAX_TERMS:
            raise _TooLarge
        return out

    def apart(
        self, factors: tuple[sp.Expr, ...], bound: tuple[Index, ...], taken: set
    ) -> tuple[tuple[sp.Expr, ...], tuple[Index, ...]]:
        """The term with its bound indices that are in `taken` renamed to fresh ones."""
        renames = {b: self.fresh(b.size) for b in bound if b in taken}
        if not renames:
            return factors, bound
        return (
            tuple(f.xreplace(renames) for f in factors),
            tuple(renames.get(b, b) for b in bound),
        )


def _full(lim: tuple) -> bool:
    """Whether a sum's limit runs its index over its whole range, 1..size."""
    i = lim[0]
    return isinstance(i, Index) and len(lim) == 3 and lim[1] == 1 and lim[2] == i.size


def _free(factors: Iterable[sp.Expr]) -> set[sp.Symbol]:
    return {s for f in factors for s in f.free_symbols if isinstance(s, Index)}


def _alpha(e: sp.Expr, depth: int = 0) -> sp.Expr:
    """e with the indices bound inside it named by their depth, so that two atoms equal up
    to the names of their own bound indices are one atom."""
    if not e.has(sp.Sum):
        return e
    if isinstance(e, sp.Sum):
        renames = {
            lim[0]: Index(f"_in{depth}_{n}", lim[0].size)
            for n, lim in enumerate(e.limits)
            if isinstance(lim[0], Index)
        }
        body = _alpha(e.function.xreplace(renames), depth + 1)
        limits = [(renames.get(lim[0], lim[0]), *lim[1:]) for lim in e.limits]
        return sp.Sum(body, *limits)
    return e.func(*(_alpha(a, depth) for a in e.args))


def _canonical(factors: tuple[sp.Expr, ...], bound: tuple[Index, ...]) -> tuple[sp.Expr, tuple]:
    """The monomial with its bound indices renamed to the least-printing canonical choice,
    and the ranges of the indices it is summed over."""
    monomial = sp.Mul(*factors)
    groups: dict[sp.Expr, list[Index]] = defaultdict(list)
    for b in bound:
        groups[b.size].append(b)
    sizes = sorted(groups, key=str)
    choices = 1
    for size in sizes:
        for n in range(2, len(groups[size]) + 1):
            choices *= n
    if choices > MAX_RENAMINGS:
        raise _TooLarge
    names = {
        size: [Index(f"_c{size}_{n}", size) for n in range(len(groups[size]))] for size in sizes
    }
    best: tuple[str, sp.Expr] | None = None
    for orders in itertools.product(*(itertools.permutations(groups[s]) for s in sizes)):
        renames = {
            b: names[s][n]
            for s, order in zip(sizes, orders, strict=True)
            for n, b in enumerate(order)
        }
        renamed = monomial.xreplace(renames)
        key = sp.srepr(renamed)
        if best is None or key < best[0]:
            best = (key, renamed)
    assert best is not None
    ranges = tuple((str(s), len(groups[s])) for s in sizes)
    return best[1], ranges
