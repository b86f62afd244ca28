"""Relations between indices: the Iverson bracket [a <= b] and the range of a moved index.

An index may be moved: `x[i + k]`, `h[t - 1]`, `w[K - k + 1]` are elements at an integer
linear form of indices and sizes. An element at a position outside its axis (0, or past the
size) is zero, as a convolution's padding is; the canonical form writes that as the factor
`in_range(position, size)`, so x[i + k] = x[i + k] [1 <= i + k] [i + k <= L].

A relation is one class, `Iverson(e)`: 1 where the integer linear form e is at least 0, else
0. Every comparison is written as one: m <= n is [n - m >= 0], m < n is [n - m - 1 >= 0],
and the form is kept with coprime coefficients, so the same relation has one spelling.
Whether a relation always holds, or never can, over the ranges of its indices is decided
here from those ranges (`holds`, `fails`): the few facts of integer arithmetic that the
canonical form needs, without a solver.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Mapping

import sympy as sp

from symbn.language import assumptions
from symbn.language.indices import Index


class Iverson(sp.Function):
    """[e >= 0] for an integer linear form e of indices and sizes: 1 where it holds, else 0."""

    nargs = 1

    @classmethod
    def eval(cls, e):
        if e.is_Integer:
            return sp.S.One if e >= 0 else sp.S.Zero
        terms = linear(e)
        if terms is None:
            return None
        constant = terms.pop(sp.S.One, sp.S.Zero)
        g = math.gcd(*(int(c) for c in terms.values())) if terms else 1
        if g > 1:  # [2 m - 3 >= 0] is [m - 2 >= 0] over the integers
            return cls(sp.Add(*[c / g * x for x, c in terms.items()]) + sp.floor(constant / g))
        return None

    def _eval_power(self, n):
        if n.is_Integer and n > 0:
            return self
        return None


def linear(e: sp.Expr) -> dict[sp.Expr, sp.Integer] | None:
    """e as {atom: integer coefficient} with the constant under 1, if e is an integer linear
    form of indices, sizes and other integer atoms (a label such as y[n]); else None."""
    out: dict[sp.Expr, sp.Integer] = {}
    for term in sp.Add.make_args(sp.expand(e)):
        coeff, rest = term.as_coeff_Mul()
        if not coeff.is_Integer:
            return None
        if rest == 1:
            out[sp.S.One] = out.get(sp.S.One, sp.S.Zero) + coeff
        elif isinstance(rest, sp.Symbol | sp.Indexed) and not isinstance(rest, sp.Mul):
            out[rest] = out.get(rest, sp.S.Zero) + coeff
        else:
            return None
    return {x: c for x, c in out.items() if c != 0}


def position(e: sp.Expr) -> bool:
    """Whether e may stand as a moved position: an integer linear form, not a bare index,
    number or size."""
    return isinstance(e, sp.Add | sp.Mul) and linear(e) is not None


def moves(e: sp.Expr) -> bool:
    """Whether e holds a relation or an element at a moved position."""
    return e.has(Iverson) or any(position(i) for x in e.atoms(sp.Indexed) for i in x.indices)


def at_least(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """[a >= b]."""
    return Iverson(a - b)


def compare(op: str, a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """The factor of the comparison `a op b` between integer forms."""
    match op:
        case "<=":
            return at_least(b, a)
        case "<":
            return at_least(b, a + 1)
        case ">=":
            return at_least(a, b)
        case ">":
            return at_least(a, b + 1)
        case "==":
            return sp.KroneckerDelta(a, b)
        case "!=":
            return 1 - sp.KroneckerDelta(a, b)
    raise ValueError(op)


def in_range(e: sp.Expr, size: sp.Expr) -> sp.Expr:
    """[1 <= e <= size]: whether position e lies on an axis of that size."""
    return at_least(e, 1) * at_least(size, e)


def _bounds(x: sp.Expr) -> tuple[sp.Expr, sp.Expr] | None:
    """The least and greatest value of an atom of a linear form: an index runs over 1..its
    size, a size from its minimum up (None: no upper bound), a label over 1..its range."""
    if isinstance(x, Index):
        return sp.S.One, x.size
    if isinstance(x, sp.Symbol):
        return sp.Integer(assumptions.minimum(x)), sp.oo
    span = getattr(getattr(x, "base", None), "span", None)  # an integer label's range
    if span is not None:
        return sp.S.One, span
    return None


def least(e: sp.Expr) -> sp.Expr | None:
    """The least value of the linear form e over the ranges of its atoms, as a form in the
    sizes (None when an atom has no known range)."""
    return _extreme(e, lowest=True)


def greatest(e: sp.Expr) -> sp.Expr | None:
    """The greatest value of e over the ranges of its atoms (None: unknown or unbounded)."""
    return _extreme(e, lowest=False)


def _extreme(e: sp.Expr, lowest: bool) -> sp.Expr | None:
    terms = linear(e)
    if terms is None:
        return None
    out = terms.pop(sp.S.One, sp.S.Zero)
    sizes: dict[sp.Expr, sp.Integer] = {}
    for x, c in terms.items():
        if isinstance(x, sp.Symbol) and not isinstance(x, Index):
            sizes[x] = c  # a size stays a symbol: the bound is a form in the sizes
            continue
        bounds = _bounds(x)
        if bounds is None:
            return None
        lo, hi = bounds
        out += c * (lo if (c > 0) == lowest else hi)
    return sp.expand(out + sp.Add(*[c * x for x, c in sizes.items()]))


def nonnegative(e: sp.Expr) -> bool:
    """Whether a form in the sizes is at least 0 for every value of the sizes (each at
    least its minimum): written in the sizes' excess over their minimum, its coefficients
    are all nonnegative."""
    shifted = sp.expand(
        e.xreplace(
            {s: s + assumptions.minimum(s) for s in e.free_symbols if isinstance(s, sp.Symbol)}
        )
    )
    poly = sp.Poly(shifted, *sorted(shifted.free_symbols, key=sp.default_sort_key) or [sp.Dummy()])
    return all(c >= 0 for c in poly.coeffs())


def holds(e: sp.Expr) -> bool:
    """Whether [e >= 0] holds wherever its indices are in range, whatever the sizes."""
    low = least(e)
    return low is not None and nonnegative(low)


def fails(e: sp.Expr) -> bool:
    """Whether [e >= 0] holds nowhere: its greatest value is below 0 for every size."""
    high = greatest(e)
    return high is not None and high.is_finite is not False and nonnegative(-high - 1)


def spelled(r: Iverson) -> tuple[sp.Expr, str, sp.Expr]:
    """[e >= 0] as a comparison a <= b (or a < b) to print: the indices with a negative
    coefficient on the left, those with a positive one on the right."""
    terms = linear(r.args[0]) or {}
    c = terms.pop(sp.S.One, sp.S.Zero)
    big = sp.Add(*[k * x for x, k in terms.items() if k > 0])
    small = sp.Add(*[-k * x for x, k in terms.items() if k < 0])
    if big == 0:
        return small, "<=", c
    if c == -1 and small != 0:
        return small, "<", big
    return small - c, "<=", big


def below_axis(e: sp.Expr) -> sp.Indexed | None:
    """An element of `e` at a moved position that can lie below its axis (position 0 or
    less) for some value of its indices, if there is one: what padding = "valid" forbids."""
    for x in sorted(e.atoms(sp.Indexed), key=sp.default_sort_key):
        if any(position(at) and not holds(at - 1) for at in x.indices):
            return x
    return None


def all_but(args: list[ast.expr], indices: Mapping[str, sp.Expr]) -> tuple | None:
    """(k, j) for the arguments of sum(f, k, k != j), a sum over one index k of all its
    terms but the one at j, another index of k's range (`indices`: the index of each
    name); None for any other sum."""
    names = [a.id for a in args[1:2] if isinstance(a, ast.Name)]
    rel = args[2] if len(args) == 3 else None
    if not names or not isinstance(rel, ast.Compare) or len(rel.ops) != 1:
        return None
    sides = [n.id for n in (rel.left, *rel.comparators) if isinstance(n, ast.Name)]
    if not isinstance(rel.ops[0], ast.NotEq) or len(sides) != 2 or names[0] not in sides:
        return None
    k, j = (indices.get(n) for n in (names[0], sides[1 - sides.index(names[0])]))
    if k is None or j is None or k == j or getattr(k, "size", None) != getattr(j, "size", 0):
        return None
    return k, j
