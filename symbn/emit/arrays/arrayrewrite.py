"""Index expressions rewritten to evaluate with fewer whole-array passes, and the cost model
that decides between two forms.

`Rewriter` turns a delta under a sum into a substitution, moves factors constant along a sum
out of it, and distributes a low-rank factor over a full-rank sum of terms when `cost` (the
elements written by the array operations, every axis NOMINAL long) goes down. The result is
the same expression for every value of its free indices; `symbn.emit.arrays.vectorize` prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from symbn.language import indices, relations
from symbn.language.indices import Index

NOMINAL = 64  # nominal length of every axis when comparing the cost of two forms


@dataclass
class Rewriter:
    """Rewrites an index expression into one that evaluates with fewer whole-array passes."""

    memo: dict = field(default_factory=dict)

    def __call__(self, e: sp.Expr) -> sp.Expr:
        hit = self.memo.get(e)
        if hit is None:
            hit = self._rewrite(e)
            self.memo[e] = hit
        return hit

    def top(self, e: sp.Expr) -> sp.Expr:
        """Rewritten, its outermost product left as it is: `symbn.emit.arrays.inplace` evaluates
        c * (a + b) at full size in place, with fewer passes than c*a + c*b."""
        if isinstance(e, sp.Mul):
            return sp.Mul(*[self(a) for a in e.args])
        return self(e)

    def _rewrite(self, e: sp.Expr) -> sp.Expr:
        if not e.args or isinstance(e, sp.Indexed | sp.KroneckerDelta):
            return e
        if isinstance(e, sp.Sum):
            return self.sum(self(e.function), list(e.limits))
        args = [self(a) for a in e.args]
        out = e.func(*args)
        if isinstance(out, sp.Mul):
            return self.distribute(unmasked(out))
        return out

    def sum(self, body: sp.Expr, limits: list) -> sp.Expr:
        """sum over `limits` (innermost last) of `body`, already rewritten."""
        for n, (p, _, size) in enumerate(limits):
            rest = limits[:n] + limits[n + 1 :]
            if p not in body.free_symbols:  # constant along p
                return self(size * _sum(body, rest))
            if isinstance(body, sp.Add) and any(_delta_on(t, p) is not None for t in body.args):
                return sp.Add(*[self(_sum(t, limits)) for t in body.args])
            delta = _delta_on(body, p)
            if delta is not None:
                other = delta.args[1] if delta.args[0] == p else delta.args[0]
                rest_body = body.xreplace({delta: sp.S.One})
                # a moved position may lie off p's range, where the delta is 0 for every p
                if other not in indices.bound(rest_body) and not relations.position(other):
                    return self(_sum(rest_body.xreplace({p: other}), rest))
        bound = {lim[0] for lim in limits}
        factors = sp.Mul.make_args(body)
        outside = [f for f in factors if not (f.free_symbols & bound)]
        if outside:
            inside = [f for f in factors if f.free_symbols & bound]
            return self(sp.Mul(*outside)) * _sum(sp.Mul(*inside), limits)
        return _sum(body, limits)

    def distribute(self, e: sp.Mul) -> sp.Expr:
        """c * (a + b) -> c*a + c*b, when c has fewer axes and the cost goes down."""
        adds = [f for f in e.args if isinstance(f, sp.Add)]
        if len(adds) != 1:
            return e
        total = adds[0]
        rest = [f for f in e.args if f is not total]
        axes = indices.free(total)
        if not axes or any(not (indices.free(f) < axes) for f in rest):
            return e
        spread = sp.Add(*[self(sp.Mul(*rest, t)) for t in total.args])
        return spread if cost(spread) < cost(e) else e


def negative(t: sp.Expr) -> bool:
    return bool(t.could_extract_minus_sign())


def numeric(e: sp.Expr) -> bool:
    """`e` is a Python number at run time: numbers and sizes only (no array, no scalar
    input)."""
    return not e.has(sp.Indexed, sp.KroneckerDelta) and all(
        s.is_integer and not isinstance(s, Index) for s in e.free_symbols
    )


def _sum(body: sp.Expr, limits: list) -> sp.Expr:
    return sp.Sum(body, *limits) if limits else body


def _delta_on(t: sp.Expr, p: sp.Symbol) -> sp.KroneckerDelta | None:
    for f in sp.Mul.make_args(t):
        if isinstance(f, sp.KroneckerDelta) and p in f.args and f.args[0] != f.args[1]:
            return f
    return None


def cost(e: sp.Expr) -> int:
    """Elements written by the array operations evaluating `e`, every axis NOMINAL long."""

    def size(x: sp.Expr) -> int:
        return NOMINAL ** len(indices.free(x))

    if not e.args or isinstance(e, sp.Indexed):
        return 0
    if isinstance(e, sp.KroneckerDelta):
        return size(e)
    if isinstance(e, sp.Sum):
        inner = sp.Mul.make_args(e.function)
        full = NOMINAL ** len(indices.free(e.function) | {lim[0] for lim in e.limits})
        return full + sum(cost(f) for f in inner)
    if isinstance(e, sp.Add | sp.Mul):
        args = sorted(e.args, key=lambda a: len(indices.free(a)))
        total = sum(cost(a) for a in args)
        seen: set = set()
        for n, a in enumerate(args):
            seen |= indices.free(a)
            if n and not (isinstance(e, sp.Mul) and a.is_Number):
                total += NOMINAL ** len(seen)
        return total
    return size(e) + sum(cost(a) for a in e.args)


def alpha(e: sp.Expr) -> tuple[sp.Expr, dict]:
    """A key equal for expressions that differ only in the names of their indices, and the
    renaming of `e`'s free indices into it.

    Free indices become `_a{size}_{n}` in order of first appearance, a sum's bound indices
    `_b{size}_{height}_{position}` by the sums nested inside it, not by those around it: the
    column sum in `gamma[j] * sum(dy[k, j], k)` and in `sum(dy[i, j], i)` has one key, and
    so has h - mu in `sum((h[p, l] - mu[l])**2, p)` and in `(h[k, l] - mu[l]) / s[l]`. Equal
    keys mean equal arrays, axis for axis through the two renamings (never the converse: an
    argument order SymPy sorts by name can hide a match, never make a false one)."""
    free = indices.free(e)
    env: dict = {}
    count: dict = {}
    for x in sp.preorder_traversal(e):
        if x in free and x not in env:
            size = x.size
            env[x] = Index(f"_a{size}_{count.get(size, 0)}", size)
            count[size] = count.get(size, 0) + 1

    def rename(x: sp.Expr, env: dict) -> sp.Expr:
        if isinstance(x, sp.Symbol):
            return env.get(x, x)
        if isinstance(x, sp.Sum):
            height = _height(x)
            env = dict(env)
            limits = []
            for n, (p, lo, hi) in enumerate(x.limits):
                env[p] = Index(f"_b{hi}_{height}_{n}", hi)
                limits.append((env[p], lo, hi))
            return sp.Sum(rename(x.function, env), *limits)
        if not x.args:
            return x
        return x.func(*[rename(a, env) for a in x.args])

    return rename(e, env), env


def _height(x: sp.Expr) -> int:
    """How deep sums nest in `x` (a sum of no sums: 1)."""
    inner = max((_height(a) for a in x.args), default=0)
    return inner + 1 if isinstance(x, sp.Sum) else inner


def unmasked(t: sp.Mul) -> sp.Expr:
    """The product `t` without the relations that its elements at moved positions already
    say: x[i + k - 1] [i + k - 1 <= L] is x[i + k - 1] in array code, since the view pads
    with zeros (the canonical form keeps such a relation; the array needs none). An element
    that is a factor of a sum's every term, at a position free of the sum's indices, says
    its relations for the product too."""
    said = [r.args[0] for f in t.args for r in _said(f, frozenset())]
    if not said:
        return t

    def implied(r: sp.Expr) -> bool:
        gaps = [sp.expand(r.args[0] - s) for s in said]
        return any(g.is_Integer and g >= 0 for g in gaps)

    kept = [f for f in t.args if not (isinstance(f, relations.Iverson) and implied(f))]
    return t if len(kept) == len(t.args) else sp.Mul(*kept)


def _said(f: sp.Expr, bound: frozenset) -> list:
    """The relations that the factor `f` is zero outside of (an element off its axis, or
    a sum whose every term holds one), at positions free of the indices `bound`."""
    base = f.base if isinstance(f, sp.Pow) and f.exp.is_Integer and f.exp > 0 else f
    if isinstance(base, sp.Sum):
        inner = bound | {lim[0] for lim in base.limits}
        return [r for g in sp.Mul.make_args(base.function) for r in _said(g, inner)]
    if not isinstance(base, sp.Indexed) or base.base.shape is None:
        return []
    return [
        r
        for at, n in zip(base.indices, base.base.shape, strict=True)
        if relations.position(at) and not (at.free_symbols & bound)
        for r in sp.Mul.make_args(relations.in_range(at, n))
    ]
