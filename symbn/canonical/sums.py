"""The rules of the canonical form at its sum sites ("sum", "sum term", "sum atom"): a sum
split over its terms, constants and deltas summed out, what a sum does not use moved out,
nested sums brought to one nesting and bound indices named by the height of their sum.

Each application function takes the engine (`symbn.canonical.engine.Canon`) as its first
argument for what it needs of it: its canonical form of a sub-expression, the sums it takes,
and its trace. The rules of `symbn.canonical.monomials` are registered first, whichever of
the two modules is imported first.
"""

from __future__ import annotations

import functools
import itertools

import sympy as sp

from symbn.canonical import labelled, monomials, ranges  # noqa: F401 - monomials' rules first
from symbn.language import assumptions
from symbn.language.indices import Index, replace_free
from symbn.language.rules import Rule, register


def mentions(e: sp.Expr, p: sp.Symbol) -> bool:
    return p in e.free_symbols


# -- sums ------------------------------------------------------------------------------------
def _sum_linear(engine, body: sp.Expr, p: Index, size: sp.Symbol) -> sp.Expr | None:
    terms = sp.Add.make_args(body)
    if len(terms) == 1:
        return None
    engine.note(
        SUM_LINEAR,
        sp.Sum(body, (p, 1, size)),
        lambda: sp.Add(*[sp.Sum(t, (p, 1, size)) for t in terms]),
    )
    return sp.Add(*[engine.sum_term(t, p, size) for t in terms])


def _sum_const(engine, free: list, dep: list, p: Index, size: sp.Symbol) -> sp.Expr | None:
    if dep:
        return None
    out = sp.Mul(*free) * size
    engine.note(SUM_CONST, sp.Sum(sp.Mul(*free), (p, 1, size)), out)
    return out


def _sum_delta(engine, free: list, dep: list, p: Index, size: sp.Symbol) -> sp.Expr | None:
    out = ranges.sum_delta(free, dep, p, size)
    if out is None:
        return None
    engine.note(SUM_DELTA, sp.Sum(sp.Mul(*free, *dep), (p, 1, size)), out)
    return engine(out)


def _sum_factor(engine, free: list, dep: list, p: Index, size: sp.Symbol) -> sp.Expr:
    if free:
        engine.note(
            SUM_FACTOR,
            sp.Sum(sp.Mul(*free, *dep), (p, 1, size)),
            lambda: sp.Mul(*free) * sp.Sum(sp.Mul(*dep), (p, 1, size)),
        )
    return sp.Mul(*free) * engine.atom(sp.Mul(*dep), p, size)


def _interchange(engine, body: sp.Expr, p: Index, size: sp.Symbol) -> sp.Expr | None:
    """sum_p sum_q a_q b_pq = sum_q a_q sum_p b_pq: the outer sum moves in to the factors
    that use its index, so the order the user wrote the sums in does not matter. While p is
    summed, q is free under a name of its own (`_outer`), which no sum within can take."""
    if not isinstance(body, sp.Sum):
        return None
    inner = body.function
    if all(mentions(f, p) for f in sp.Mul.make_args(inner)):
        return _block(inner, [*body.limits, (p, 1, size)])
    outer = _outer(body)
    out = engine.sum_over(engine(replace_free(inner, outer)), p, size)
    engine.note(
        INTERCHANGE,
        sp.Sum(body, (p, 1, size)),
        lambda: sp.Sum(sp.Sum(inner, (p, 1, size)), *body.limits),
    )
    for q, _, hi in body.limits:
        out = engine.sum_over(out, outer[q], hi)
    return out


def _outer(body: sp.Sum) -> dict[Index, Index]:
    """Names for the indices of `body`'s limits while a sum around it moves in: free in its
    summand then, they must not be a name by height (`Index.bound`), which a sum within
    would give its own index, nor one free in `body` (an interchange within an interchange
    takes the next)."""
    taken = body.free_symbols
    out: dict[Index, Index] = {}
    n = 0
    for q, _, _ in body.limits:
        while Index(f"_outer{n}", q.size) in taken:
            n += 1
        out[q] = Index(f"_outer{n}", q.size)
        n += 1
    return out


#: Blocks of more nested sums than this keep the nesting they were written in: the normal
#: form tries every order of their indices.
NEST_LIMIT = 5


def _nest(engine, body: sp.Expr, p: Index, size: sp.Symbol) -> sp.Expr | None:
    """sum_p f_p sum_q g_pq h_q: the sums of one connected block flattened, then nested in
    the order that gives the smallest form, each factor in the innermost sum that binds
    it, so sum_k X_ka sum_b X_kb v_b = sum_b v_b sum_k X_ka X_kb."""
    if not any(isinstance(_base(f), sp.Sum) for f in sp.Mul.make_args(body)):
        return None
    out = _normal_nesting(body, p)
    if out is not None:
        engine.note(NEST, sp.Sum(body, (p, 1, size)), out)
    return out


@functools.lru_cache(maxsize=1 << 14)
def _normal_nesting(body: sp.Expr, p: Index) -> sp.Expr | None:
    """sum_p body in the nesting that gives the smallest form (None: too many indices)."""
    flat, bound = _flatten(sp.Mul.make_args(body), [p])
    if len(bound) > NEST_LIMIT:
        return None
    best = None
    for order in itertools.permutations(bound):
        candidate = _nested(list(order), flat)
        key = sp.default_sort_key(candidate)
        if best is None or key < best[0]:
            best = (key, candidate)
    return best[1]


def _base(f: sp.Expr) -> sp.Expr:
    """The base of a positive integer power (a factor written n times), else f."""
    if isinstance(f, sp.Pow) and f.exp.is_Integer and f.exp > 0:
        return f.base
    return f


def _flatten(factors, bound: list) -> tuple[list, list]:
    """The factors of nested sums, each sum's index made fresh, with every bound index."""
    flat = []
    for f in factors:
        base = _base(f)
        if not isinstance(base, sp.Sum):
            flat.append(f)
            continue
        for _ in range(int(f.exp) if f is not base else 1):  # (sum_q f_q)^2: two sums
            mapping = {}
            for q, _, _ in base.limits:
                mapping[q] = Index(f"_flat{len(bound)}", q.size)
                bound.append(mapping[q])
            inner, _ = _flatten(sp.Mul.make_args(base.function.xreplace(mapping)), bound)
            flat += inner
    return flat, bound


def _nested(order: list, factors: list) -> sp.Expr:
    """The factors summed over `order` (outermost first): each connected group of factors
    summed over its outermost index, around the groups of the indices within (the renames
    within are the normal form's, not steps of their own)."""
    used = {f: [q for q in order if mentions(f, q)] for f in factors}
    out = [f for f in factors if not used[f]]
    groups: list[list] = []
    for f in (f for f in factors if used[f]):
        joined = [g for g in groups if any(set(used[f]) & set(used[x]) for x in g)]
        for g in joined:
            groups.remove(g)
        groups.append([x for g in joined for x in g] + [f])
    for group in groups:
        inside = [q for q in order if any(q in used[f] for f in group)]
        inner = _nested(inside[1:], group)
        out.append(_renamed(inner, inside[0], inside[0].size))
    return sp.Mul(*out)


def _block(body: sp.Expr, limits: list) -> sp.Sum:
    """A sum over several indices that no factor separates: its bound indices are made in
    the order that gives the smallest body, so sum_p sum_q f = sum_q sum_p f."""
    best = None
    sizes = {q: hi for q, _, hi in limits}
    taken = body.free_symbols - set(sizes)  # an outer index may be free after interchange
    for order in itertools.permutations(sizes):
        names: dict = {}
        h = height(body)
        for q in order:
            h += 1
            while Index.bound(sizes[q], h) in taken:
                h += 1
            names[q] = Index.bound(sizes[q], h)
        candidate = replace_free(body, names)
        key = sp.default_sort_key(candidate)
        if best is None or key < best[0]:
            best = (key, candidate, names)
    _, renamed, names = best
    new_limits = sorted(((names[q], 1, hi) for q, _, hi in limits), key=lambda x: x[0].name)
    return sp.Sum(renamed, *new_limits)


def _rename(engine, body: sp.Expr, p: Index, size: sp.Symbol) -> sp.Sum:
    """A sum whose every factor depends on p, with p made from the sum's height."""
    renamed = _renamed(body, p, size)
    if renamed.limits[0][0] != p:
        engine.note(RENAME, sp.Sum(body, (p, 1, size)), renamed)
    return renamed


def _renamed(body: sp.Expr, p: Index, size: sp.Symbol) -> sp.Sum:
    """sum_p body, with p made from the sum's height (the first of its limits)."""
    h = 1 + height(body)
    q = Index.bound(size, h)
    while q != p and q in body.free_symbols:  # an outer index may be free after interchange
        h += 1
        q = Index.bound(size, h)
    inner = replace_free(body, {p: q})
    if isinstance(inner, sp.Sum):  # the inner limits last, as `sum` reads them
        renamed = sp.Sum(inner.function, (q, 1, size), *inner.limits)
    else:
        renamed = sp.Sum(inner, (q, 1, size))
    return renamed


def height(body: sp.Expr) -> int:
    """The largest height among the canonical bound indices inside `body` (0 if none)."""
    return max((lim[0].height for s in body.atoms(sp.Sum) for lim in s.limits), default=0)


# -- the rules, in the order the engine tries them at each site -------------------------------
SUM_LINEAR = register(
    Rule(
        "linearity of sums",
        r"\sum_p (f_p + g_p) = \sum_p f_p + \sum_p g_p",
        "each sum then holds one monomial",
        "sum",
        _sum_linear,
    )
)
SUM_CONST = register(
    Rule(
        "sum of a constant",
        r"\sum_{p=1}^{N} c = N c",
        "a sum whose body does not use its index disappears",
        "sum term",
        _sum_const,
    )
)
SUM_LABEL_DELTA = register(
    Rule(
        "sum over a label's delta",
        r"\sum_c \Delta_{c,y_n} f_c = f_{y_n}",
        "a label is one of the values its sum runs over, so one term is kept",
        "sum term",
        labelled.sum_label_delta,
    )
)
SUM_DELTA = register(
    Rule(
        "sum over a delta",
        r"\sum_p \Delta_{i,p} f_p = f_i",
        "a sum of which a delta keeps one term disappears",
        "sum term",
        _sum_delta,
    )
)
SUM_FACTOR = register(
    Rule(
        "factor out of a sum",
        r"\sum_p c\, f_p = c \sum_p f_p",
        "what a sum does not use leaves it, so that equal sums look equal",
        "sum term",
        _sum_factor,
    )
)
SUM_SIMPLEX = register(
    Rule(
        "sum of a simplex",
        r"\sum_{c} Y_{n,c} = 1",
        "the entries of an input declared a simplex along c sum to one",
        "sum atom",
        assumptions.sum_simplex,
    )
)
LABEL_DELTA_FIRST = register(
    Rule(
        "a label's delta summed first",
        r"\sum_c \sum_n \Delta_{c,y_n} f_{n,c} = \sum_n f_{n,y_n}",
        "the sum whose index a label's delta fixes goes first and disappears",
        "sum atom",
        labelled.label_delta_first,
    )
)
INTERCHANGE = register(
    Rule(
        "interchange sums",
        r"\sum_p \sum_q a_q b_{p,q} = \sum_q a_q \sum_p b_{p,q}",
        "each sum moves to the factors that use its index",
        "sum atom",
        _interchange,
    )
)
NEST = register(
    Rule(
        "nested sums in normal form",
        r"\sum_k X_{k,a} \sum_b X_{k,b} v_b = \sum_b v_b \sum_k X_{k,a} X_{k,b}",
        "a block of nested sums has one nesting, each factor in the innermost sum that binds "
        "it, whatever order it was written in",
        "sum atom",
        _nest,
    )
)
RENAME = register(
    Rule(
        "rename bound index",
        r"\sum_p f_p = \sum_q f_q",
        "a bound index is named by the height of its sum, so that the letter written does not "
        "matter",
        "sum atom",
        _rename,
    )
)
