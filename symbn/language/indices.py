"""Indices that know their range, and the few operations every stage does with them.

An `Index` is a SymPy integer symbol that carries its size: `i` over 1..N is
`Index("i", N)`, so no stage needs a side table from index to range. A bound index that the
canonical form names by the nesting height of its sum is made with a height, never encoded
in a name: `Index.bound(N, 2)` is the second-innermost index over N, equal to every other
`Index.bound(N, 2)` whatever letter the user wrote. Such an index must be given a declared
letter (`readable`) before anything is shown to a user.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import sympy as sp

#: The declared letters of each size, sorted by name: where fresh indices come from.
Letters = Mapping[sp.Symbol, tuple["Index", ...]]


class Index(sp.Symbol):
    """An integer symbol ranging over 1..size; `height` > 0 marks a canonical bound index."""

    __slots__ = ("height", "size")

    def __new__(cls, name: str, size: sp.Symbol, height: int = 0) -> Index:
        obj = sp.Symbol.__xnew__(cls, name, integer=True)
        obj.size = size
        obj.height = height
        return obj

    @classmethod
    def bound(cls, size: sp.Symbol, height: int) -> Index:
        """The canonical bound index over `size` of a sum at nesting `height` (from 1). Its
        name only orders it among the others (as SymPy sorts by name); what it is, is its
        size and height."""
        return cls(f"_{size}_{height}", size, height)

    @property
    def canonical(self) -> bool:
        return self.height > 0

    def _hashable_content(self):
        return (*super()._hashable_content(), self.size, self.height)

    def __getnewargs_ex__(self):
        return ((self.name, self.size, self.height), {})


def atoms(e: sp.Expr) -> set[Index]:
    """Every index in `e`, free or bound."""
    return {s for s in e.atoms(sp.Symbol) if isinstance(s, Index)}


def free(e: sp.Expr) -> set[Index]:
    """The free indices of `e` (SymPy's free symbols leave out what a sum binds)."""
    return {s for s in e.free_symbols if isinstance(s, Index)}


def bound(e: sp.Expr) -> set[Index]:
    """The indices bound by the sums in `e`."""
    return {lim[0] for s in e.atoms(sp.Sum) for lim in s.limits}


def ordered_free(e: sp.Expr) -> list[Index]:
    """The free indices of `e`, in order of first appearance (reading order)."""
    out: list[Index] = []

    def visit(x: sp.Expr, inner: frozenset) -> None:
        if isinstance(x, Index):
            if x not in inner and x not in out:
                out.append(x)
            return
        if isinstance(x, sp.Sum):
            visit(x.function, inner | {lim[0] for lim in x.limits})
            return
        if isinstance(x, sp.Indexed):
            for i in x.indices:
                visit(i, inner)
            return
        if isinstance(x, sp.Derivative):
            visit(x.expr, inner)
            for v, _ in x.variable_count:
                visit(v, inner)
            return
        for a in x.args:
            visit(a, inner)

    visit(e, frozenset())
    return out


def fresh(size: sp.Symbol, avoid: Iterable[sp.Expr], letters: Letters) -> Index:
    """A declared letter over `size` that is not in `avoid`, else a new numbered one."""
    avoid = set(avoid)
    declared = letters.get(size, ())
    for i in declared:
        if i not in avoid:
            return i
    base = declared[0].name if declared else "q"
    n = 1
    while Index(f"{base}{n}", size) in avoid:
        n += 1
    return Index(f"{base}{n}", size)


def rename_limits(
    e: sp.Sum, clash: Callable[[Index], bool], avoid: set, letters: Letters
) -> sp.Sum:
    """`e` with each bound index for which `clash` holds renamed to a fresh letter."""
    body, limits = e.function, []
    for index, lo, hi in e.limits:
        new = index
        if clash(index):
            new = fresh(index.size, avoid | {lim[0] for lim in limits} | atoms(body), letters)
            body = body.xreplace({index: new})
        limits.append((new, lo, hi))
    return sp.Sum(body, *limits)


def rename_bound(e: sp.Expr, avoid: set, letters: Letters) -> sp.Expr:
    """`e` with every bound index that is in `avoid` renamed to a fresh letter (so that `e`
    can be placed where those indices are free, capturing none of them)."""
    if isinstance(e, sp.Sum):
        e = rename_limits(e, lambda p: p in avoid, avoid, letters)
        inner = avoid | {lim[0] for lim in e.limits}
        return sp.Sum(rename_bound(e.function, inner, letters), *e.limits)
    if not e.args or not e.has(sp.Sum):
        return e
    return e.func(*[rename_bound(a, avoid, letters) for a in e.args])


def readable(e: sp.Expr, letters: Letters) -> sp.Expr:
    """`e` with each bound index that is not a declared letter (a canonical one, or a numbered
    one made when letters ran out) given a declared letter of its range that is in use
    neither in `e`'s free indices, nor in an enclosing sum, nor inside the sum. Where every
    declared letter of the range is in use there, the index keeps (or is given) a numbered
    name, which `undeclared` reports."""

    def visit(x: sp.Expr, taken: set) -> sp.Expr:
        if isinstance(x, sp.Sum):
            avoid = taken | atoms(x.function)
            busy = avoid | {lim[0] for lim in x.limits}

            def clash(p: Index) -> bool:
                declared = letters.get(p.size, ())
                return p.canonical or (
                    p not in declared and fresh(p.size, busy, letters) in declared
                )

            x = rename_limits(x, clash, avoid, letters)
            return sp.Sum(visit(x.function, taken | {lim[0] for lim in x.limits}), *x.limits)
        if not x.args:
            return x
        return x.func(*[visit(a, taken) for a in x.args])

    return visit(e, free(e))


def undeclared(e: sp.Expr, letters: Letters) -> list[Index]:
    """The indices of `e` that are not declared letters, by name: what a formula shown with
    them could not be pasted back into the file under."""
    return sorted((i for i in atoms(e) if i not in letters.get(i.size, ())), key=lambda i: i.name)


def repeated(e: sp.Expr, among: Iterable[Index]) -> list[Index]:
    """The indices of `among` that stand free in two or more factors of one product of `e`
    (`w[j, k]*a[k]`): what Einstein's convention would sum, by name."""
    among, found = set(among), set()

    def visit(x: sp.Expr, inner: frozenset) -> None:
        if isinstance(x, sp.Sum):
            visit(x.function, inner | {lim[0] for lim in x.limits})
            return
        if isinstance(x, sp.Mul):
            counts: dict[Index, int] = {}
            for factor in x.args:
                for i in (free(factor) & among) - inner:
                    counts[i] = counts.get(i, 0) + 1
            found.update(i for i, n in counts.items() if n > 1)
        for a in x.args:
            visit(a, inner)

    visit(e, frozenset())
    return sorted(found, key=lambda i: i.name)


def sort_key(x: sp.Expr) -> tuple:
    """Representatives of a class of equal indices: concrete ones first, then declared
    letters by name, canonical bound ones last."""
    if x.is_Integer:
        return (0, int(x), "")
    height = x.height if isinstance(x, Index) else 0
    return (2 if height else 1, height, x.name)


def replace_free(e: sp.Expr, mapping: dict) -> sp.Expr:
    """`e` with its free occurrences of the keys of `mapping` replaced: a sum that binds one
    of them keeps its own (xreplace would rename a nested sum's index along with the outer
    one, when both have the canonical name of the same height)."""
    if not mapping or not e.args:
        return mapping.get(e, e)
    if isinstance(e, sp.Sum):
        bound = {lim[0] for lim in e.limits}
        inner = {k: v for k, v in mapping.items() if k not in bound}
        return sp.Sum(replace_free(e.function, inner), *e.limits) if inner else e
    if isinstance(e, sp.Indexed | sp.KroneckerDelta) or not e.has(*mapping):
        return e.xreplace(mapping)
    return e.func(*[replace_free(a, mapping) for a in e.args])
