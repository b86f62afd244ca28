"""What a derivation file assumes about its sizes and inputs, and the rewrite rules that
use it.

A size declared `{ min = 2 }` is a `Size` symbol and an input declared `simplex = "C"` has a
`SimplexLabel` for its name: each carries its fact, as an `Index` carries its range, so the
canonical form reads it where it meets the symbol (`Delta(1, N) = 0` when N >= 2,
`sum(Y[n, c], c) = 1`), and so does the concrete check when it draws sizes and values. The
rules are registered by `symbn.canonical.monomials` and `symbn.canonical.sums`, in their
place among the canonical form's own.
"""

from __future__ import annotations

from typing import ClassVar

import sympy as sp

from symbn.language import rules
from symbn.language.indices import Index, sort_key


class _Marked(sp.Symbol):
    """A symbol that carries one fact, `mark`, in its equality and hash and when pickled
    (as an Index carries its range), so that every stage that meets it can read it."""

    __slots__ = ("mark",)
    assumptions: ClassVar[dict[str, bool]] = {}

    def __new__(cls, name: str, mark: int):
        obj = sp.Symbol.__xnew__(cls, name, **cls.assumptions)
        obj.mark = mark
        return obj

    def _hashable_content(self):
        return (*super()._hashable_content(), self.mark)

    def __getnewargs_ex__(self):
        return ((self.name, self.mark), {})


class Size(_Marked):
    """A size that is at least `minimum` (2 or more; a size that may be 1 is a plain positive
    integer symbol). The canonical form reads the minimum: Delta(1, N) = 0 when N >= 2."""

    assumptions: ClassVar[dict[str, bool]] = {"integer": True, "positive": True}

    @property
    def minimum(self) -> int:
        return self.mark


class SimplexLabel(_Marked):
    """The name of an input whose entries along axis `simplex` (from 0) are nonnegative and
    sum to one; the canonical form reads it: sum(Y[n, c], c) = 1."""

    assumptions: ClassVar[dict[str, bool]] = {"real": True, "nonnegative": True}

    @property
    def simplex(self) -> int:
        return self.mark


def size_symbol(name: str, minimum: int = 1) -> sp.Symbol:
    """The symbol of a size: a positive integer, or a `Size` when it is at least 2."""
    if minimum > 1:
        return Size(name, minimum)
    return sp.Symbol(name, integer=True, positive=True)


def minimum(size: sp.Symbol) -> int:
    """The least value a size may take (1 unless it declares more)."""
    return size.minimum if isinstance(size, Size) else 1


def simplex_axis(base: sp.Expr) -> int | None:
    """The axis along which an input's entries sum to one, if it declares one."""
    label = getattr(base, "label", None)
    return label.simplex if isinstance(label, SimplexLabel) else None


# -- rules of the canonical form ---------------------------------------------------------
def rank(x: sp.Expr) -> tuple:
    """The order of representatives: concrete indices, then sizes (a size as an index is the
    last position along its axis, a fixed value as a number is), then `sort_key`'s order."""
    if x.is_Integer:
        return (0, int(x), "")
    if isinstance(x, sp.Add | sp.Mul):  # a moved position such as i + k: last
        return (3, 0, sp.default_sort_key(x))
    if not isinstance(x, Index):
        return (1, 0, x.name)
    return (2, *sort_key(x))


def delta_size(engine, t: sp.Expr, classes: list[list[sp.Expr]]) -> sp.Expr | None:
    """Delta(c, N) = 0 for a number c below the least value N may take (its minimum; a
    size without one may be 1, so Delta(1, N) stays). `classes`: the indices that the
    deltas of the monomial `t` make equal."""
    for c in classes:
        numbers = [int(x) for x in c if x.is_Integer]
        sizes = [x for x in c if isinstance(x, sp.Symbol) and not isinstance(x, Index)]
        if any(n < minimum(size) for n in numbers for size in sizes):
            engine.note(rules.named("size below its minimum"), t, sp.S.Zero)
            return sp.S.Zero
    return None


def sum_simplex(engine, body: sp.Expr, p: Index, size: sp.Symbol) -> sp.Expr | None:
    """sum_c Y[n, c] = 1 for an input declared a simplex along c (its label carries the
    axis); within sums over its other axes, sum_c sum_n Y[n, c] = N."""
    inner, limits = (body.function, body.limits) if isinstance(body, sp.Sum) else (body, ())
    if not isinstance(inner, sp.Indexed):
        return None
    axis = simplex_axis(inner.base)
    idx = inner.indices
    if axis is None or idx[axis] != p or sum(x == p for x in idx) != 1:
        return None
    out = sp.Mul(*[hi for _, _, hi in limits])
    engine.note(rules.named("sum of a simplex"), sp.Sum(body, (p, 1, size)), out)
    return out
