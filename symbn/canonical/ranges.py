"""The rules of the canonical form for moved indices and relations between indices.

An element at a moved position (x[i + k - 1], h[t - 1]) is zero off its axis, so a monomial
that holds it also holds the range of that position, written as relations; relations are
kept in a normal form (each with coprime coefficients, none implied by the ranges of its
indices or by another relation of the monomial, a monomial with an impossible one is zero);
and a sum over a delta that moves its index (sum_k Delta(i + k, p) f_k) keeps one term,
where it lies in the index's range: f_(p - i) [1 <= p - i <= K].

Each application function takes the engine (`symbn.canonical.engine.Canon`) first, as the
rules of `symbn.canonical.monomials` and `symbn.canonical.sums` do.
"""

from __future__ import annotations

import sympy as sp

from symbn.language import relations
from symbn.language.indices import Index, replace_free, sort_key
from symbn.language.relations import Iverson
from symbn.language.rules import Rule, register


def moved(f: sp.Expr) -> list[tuple[sp.Expr, sp.Expr]]:
    """The moved positions of an element factor (or a positive power of one), each with
    the size of its axis."""
    base = f.base if isinstance(f, sp.Pow) and f.exp.is_Integer and f.exp > 0 else f
    if not isinstance(base, sp.Indexed):
        return []
    shape = base.base.shape
    if shape is None:
        return []
    return [(at, n) for at, n in zip(base.indices, shape, strict=True) if relations.position(at)]


def solved(f: sp.Expr) -> list[tuple[sp.Expr, sp.Expr]]:
    """The moved position a delta Delta(v, i - j - 2) pins an index to, with that index's
    size (the range `_solve_moved` gives it)."""
    if not isinstance(f, sp.KroneckerDelta):
        return []
    return [
        (at, v.size)
        for v, at in (f.args, f.args[::-1])
        if isinstance(v, Index) and relations.position(at)
    ]


def _element_range(engine, t: sp.Expr) -> sp.Expr | None:
    """Each element at a moved position gets that position's range as relations; an element
    at a number below 1 (x[0], a moved position's value at an end) is off its axis: zero."""
    factors = sp.Mul.make_args(t)
    if any(_below_axis(f) for f in factors):
        engine.note(ELEMENT_RANGE, t, sp.S.Zero)
        return sp.S.Zero
    new: list[Iverson] = []
    for f in factors:
        for at, n in moved(f):
            new += _new_range(at, n, [g for g in (*factors, *new) if isinstance(g, Iverson)])
    if not new:
        return None
    out = sp.Mul(t, *new)
    engine.note(ELEMENT_RANGE, t, out)
    return out


def _below_axis(f: sp.Expr) -> bool:
    """Whether an element factor (or a positive power of one) stands at a number below 1."""
    base = f.base if isinstance(f, sp.Pow) and f.exp.is_Integer and f.exp > 0 else f
    return isinstance(base, sp.Indexed) and any(i.is_Integer and i < 1 for i in base.indices)


def _new_range(at: sp.Expr, size: sp.Expr, known: list) -> list[Iverson]:
    """The relations that put position `at` on an axis of `size`, less those that the
    ranges or the relations `known` already imply."""
    out: list[Iverson] = []
    for r in sp.Mul.make_args(relations.in_range(at, size)):
        if isinstance(r, Iverson) and not _implied(r, [*known, *out]):
            out.append(r)
    return out


def _implied(r: Iverson, others: list) -> bool:
    """Whether relation r holds over the ranges of its indices or follows from one of
    `others` ([e + 2 >= 0] from [e >= 0])."""
    if relations.holds(r.args[0]):
        return True
    for s in others:
        gap = sp.expand(r.args[0] - s.args[0])
        if gap.is_Integer and gap >= 0:
            return True
    return False


def _solve_moved(engine, t: sp.Expr) -> sp.Expr | None:
    """Delta(p, i + k - 1) x_p = Delta(p, i + k - 1) x_(i + k - 1): a delta of a moved
    position is solved for one of its indices (the last in the order of representatives,
    so a bound index goes first), which the rest of the monomial then no longer holds."""
    factors = list(sp.Mul.make_args(t))
    for n, d in enumerate(factors):
        if not isinstance(d, sp.KroneckerDelta) or not any(map(relations.position, d.args)):
            continue
        form = relations.linear(d.args[0] - d.args[1]) or {}
        free = [x for x, c in form.items() if isinstance(x, Index) and c in (1, -1)]
        if not free:
            continue
        v = max(free, key=sort_key)
        at = solve(d, v)
        if at is None:
            continue
        rest = [replace_free(f, {v: at}) for k, f in enumerate(factors) if k != n]
        known = [f for f in rest if isinstance(f, Iverson)]
        out = sp.Mul(*rest, sp.KroneckerDelta(v, at), *_new_range(at, v.size, known))
        if out == t:
            continue
        engine.note(SOLVE_MOVED, t, out)
        return out
    return None


def _relations(engine, t: sp.Expr) -> sp.Expr | None:
    factors = sp.Mul.make_args(t)
    kept = [f for f in factors if isinstance(f, Iverson)]
    deltas = [f for f in factors if isinstance(f, sp.KroneckerDelta)]
    if not kept and not any(map(_pinned, deltas)):
        return None
    forms = [r.args[0] for r in kept]
    if any(relations.fails(e) for e in forms) or any(_apart(d) for d in deltas):
        engine.note(RELATIONS, t, sp.S.Zero)
        return sp.S.Zero
    for a in forms:
        for b in forms:
            diff = sp.expand(a + b)
            if a != b and diff.is_Integer and diff < 0:  # [e >= 0] [-e - 1 >= 0]
                engine.note(RELATIONS, t, sp.S.Zero)
                return sp.S.Zero
    drop: set = set()
    for r in kept:
        if _implied(r, [s for s in kept if s not in drop and s != r]):
            drop.add(r)
    if not drop:
        return None
    out = sp.Mul(*[f for f in factors if f not in drop])
    engine.note(RELATIONS, t, out)
    return out


def _apart(d: sp.KroneckerDelta) -> bool:
    """Whether the two sides of a delta can never be equal over their ranges (i + k and i,
    for k >= 1)."""
    if not _pinned(d):
        return False
    gap = d.args[0] - d.args[1]
    return relations.holds(gap - 1) or relations.holds(-gap - 1)


def _pinned(d: sp.KroneckerDelta) -> bool:
    """Whether a delta holds a moved position or a number below 1 (one that may ask an
    index for a value off its range)."""
    return any(relations.position(x) or (x.is_Integer and x < 1) for x in d.args)


def solve(d: sp.KroneckerDelta, p: Index) -> sp.Expr | None:
    """The value of p at which delta d is 1, when d pins p down over the integers (p has
    coefficient 1 or -1 in it): Delta(i + p, q) pins p to q - i."""
    form = relations.linear(d.args[0] - d.args[1])
    if form is None or p not in form or form[p] not in (1, -1):
        return None
    c = form.pop(p)
    rest = sp.Add(*[k * x for x, k in form.items()])
    if rest.has(p):
        return None
    return sp.expand(-rest / c)


def sum_delta(free: list, dep: list, p: Index, size: sp.Symbol) -> sp.Expr | None:
    """sum_p Delta(p, a) f_p = f_a, where a lies in p's range; a moved position a keeps
    that range as relations."""
    for f in dep:
        if not isinstance(f, sp.KroneckerDelta):
            continue
        at = solve(f, p)
        if at is None or at == p:
            continue
        factors = (*free, *dep)
        out = replace_free(sp.Mul(*[g for g in factors if g is not f]), {p: at})
        if _pinned(f) or (isinstance(at, Index) and at.size != size):
            out *= relations.in_range(at, size)  # (a declared number or size is in range)
        return out
    return None


def _reindex(engine, body: sp.Expr, p: Index, size: sp.Symbol) -> sp.Expr | None:
    """sum_a g_a w_(p - a + 1) = sum_b g_(p - b + 1) w_b: a sum whose body is zero where an
    element at a moved position of its index is off its axis (`_vanishing`) is written in
    whichever of its parametrisations (by its index, or by the position of one such element)
    gives the smallest form; a sum nested in its body is tried in each of its own
    parametrisations too, so that a window moved along two axes (a 2-D convolution's)
    reaches one form whichever sum is outside."""
    if getattr(engine, "fixed", False):
        return None
    child = type(engine)(None, engine.nest, engine.exp_form)
    child.fixed = True  # its own memo: what it finds without reparametrising stays its own
    variants = _nested_variants(body)
    candidates = []
    for k, variant in enumerate(variants):
        moves = _moves(variant, p)
        if not moves and k == 0:
            return None
        if k == 0:
            candidates.append(child.atom(body, p, size))
        else:
            candidates.append(child.sum_over(child(variant), p, size))
        for m, (at, n) in enumerate(moves):
            v = Index(f"_moved{m}", n)
            a = solve(sp.KroneckerDelta(at, v), p)
            if a is None:
                continue
            shifted = replace_free(variant, {p: a}) * relations.in_range(a, size)
            candidates.append(child.sum_over(child(shifted), v, n))
    best = min(candidates, key=sp.default_sort_key)
    engine.note(REINDEX, sp.Sum(body, (p, 1, size)), best)
    return best


def _moves(body: sp.Expr, p: Index) -> list[tuple[sp.Expr, sp.Expr]]:
    """The moved positions of p's elements that vanish `body` off their axes (p with
    coefficient 1 or -1, and no index of a sum nested in the body), each with the size of
    its axis."""
    moves: list[tuple[sp.Expr, sp.Expr]] = []
    bound_within = {lim[0] for x in body.atoms(sp.Sum) for lim in x.limits}
    for f in sorted(_vanishing(body), key=sp.default_sort_key):  # nested sums too
        for at, n in moved(f):
            form = relations.linear(at) or {}
            inner = set(form) & bound_within  # a position through a nested sum's own index
            if form.get(p) in (1, -1) and not inner and (at, n) not in moves:
                moves.append((at, n))
    return moves


def _vanishing(e: sp.Expr) -> set[sp.Indexed]:
    """The elements of `e` that make it zero wherever they are zero: its element factors (of
    a positive power too), those of every term of a sum of terms, and those of the body of a
    sum that is a factor. Only these let a sum run over one's position instead of its index
    (sum_a f_a x_(a - 1) = sum_b f_(b + 1) x_b, b over x's axis): off that axis the summand
    is zero. An element under a function (exp(x_(a + 1)), 1 / x_(a + 1)) or in one term
    only (x_(a - 1) + y_a) does not vanish its summand, and gives no such sum."""
    if isinstance(e, sp.Indexed):
        return {e}
    if isinstance(e, sp.Pow) and e.exp.is_Integer and e.exp > 0:
        return _vanishing(e.base)
    if isinstance(e, sp.Mul):
        return set().union(*map(_vanishing, e.args))
    if isinstance(e, sp.Add):
        return set.intersection(*map(_vanishing, e.args))
    if isinstance(e, sp.Sum):
        return _vanishing(e.function)
    return set()


def _nested_variants(body: sp.Expr) -> list[sp.Expr]:
    """`body`, then `body` with one sum nested in it (over one index, from 1) written over
    the moved position of one of its elements instead of its index: the same value."""
    out = [body]
    for s in sorted(body.atoms(sp.Sum), key=sp.default_sort_key):
        if len(s.limits) != 1 or s.limits[0][1] != 1 or not isinstance(s.limits[0][0], Index):
            continue
        q, _, n = s.limits[0]
        for k, (at, m) in enumerate(_moves(s.function, q)):
            v = Index(f"_nested{k}", m)
            a = solve(sp.KroneckerDelta(at, v), q)
            if a is not None:
                inner = replace_free(s.function, {q: a}) * relations.in_range(a, n)
                out.append(body.xreplace({s: sp.Sum(inner, (v, 1, m))}))
    return out


REINDEX = register(
    Rule(
        "change of summation index",
        r"\sum_{a} g_{a}\, w_{p-a+1} = \sum_{b} g_{p-b+1}\, w_{b}",
        "a sum over a moved index is written in the parametrisation that gives the smallest "
        "form, so that a shift written either way looks the same",
        "sum atom",
        _reindex,
    )
)
SOLVE_MOVED = register(
    Rule(
        "delta of a moved position",
        r"\Delta_{p,i+k-1}\, x_{p} = \Delta_{p,i+k-1}\, x_{i+k-1}",
        "a delta of a moved position is solved for one index, which the monomial then drops",
        "relations",
        _solve_moved,
    )
)
ELEMENT_RANGE = register(
    Rule(
        "element off its axis",
        r"x_{i+k} = x_{i+k}\,[1 \le i+k \le L]",
        "an element at a moved position is zero off its axis, as padding is",
        "relations",
        _element_range,
    )
)
RELATIONS = register(
    Rule(
        "relations in normal form",
        r"[m \le n]\,[m \le n + 1] = [m \le n], \quad [m \le n]\,[n < m] = 0",
        "a relation implied by the ranges or by another is dropped; an impossible one is zero",
        "relations",
        _relations,
    )
)
