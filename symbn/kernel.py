"""Kernels: lines of NumPy code computing several outputs, each repeated subexpression once.

`Kernel.emit` rewrites each output (`symbn.arrayrewrite`), names the products of factors that
several products share and the subexpressions that occur more than once, and assigns each to
a temporary before the first output that needs it; `symbn.vectorize` prints every line.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy as sp

from symbn.arrayrewrite import Rewriter, indexes
from symbn.vectorize import Term, VectorizeError, Vectorizer, negative


@dataclass(frozen=True)
class Output:
    """`name` = `expr` as an array laid out along `axes`."""

    name: str
    expr: sp.Expr
    axes: tuple[sp.Symbol, ...]


def _trivial(e: sp.Expr, ranges: dict) -> bool:
    if not e.args or isinstance(e, sp.Indexed):
        return True
    if not indexes(e, ranges) and not any(isinstance(x, sp.Indexed) for x in
                                            sp.preorder_traversal(e)):
        named = [s for s in e.free_symbols if s not in ranges]
        return all(s.is_integer for s in named)  # numbers and sizes only
    coeff, rest = e.as_coeff_Mul()
    return isinstance(e, sp.Mul) and coeff == -1 and not isinstance(rest, sp.Mul)


def repeated(exprs: list, ranges: dict) -> list:
    """Subexpressions occurring more than once, each after the ones it contains."""
    seen: set = set()
    twice: set = set()

    def visit(x: sp.Expr) -> None:
        if _trivial(x, ranges):
            for a in _children(x):
                visit(a)
            return
        if x in seen:
            twice.add(x)
            return
        seen.add(x)
        for a in _children(x):
            visit(a)

    for e in exprs:
        visit(e)
    order: list = []

    def post(x: sp.Expr) -> None:
        for a in _children(x):
            post(a)
        if x in twice and x not in order:
            order.append(x)

    for e in exprs:
        post(e)
    return order


def _children(x: sp.Expr) -> tuple:
    if isinstance(x, sp.Sum):
        return (x.function,)
    if isinstance(x, sp.Indexed | sp.KroneckerDelta) or not x.args:
        return ()
    return x.args


class Kernel:
    """Lines of NumPy code computing several outputs, repeated subexpressions once.

    `taken` holds every name already in use (temporaries are named t0, t1, ... around it).
    """

    def __init__(self, vec: Vectorizer, taken: set[str]):
        self.vec = vec
        self.taken = set(taken)
        self.lines: list[str] = []
        self.products: dict[sp.Symbol, sp.Expr] = {}  # placeholder -> the product it names
        self._temp_names = (f"t{n}" for n in itertools.count())

    def temp_name(self) -> str:
        name = next(self._temp_names)
        while name in self.taken:
            name = next(self._temp_names)
        self.taken.add(name)
        return name

    def emit(self, outputs: list[Output]) -> list[str]:
        """Lines assigning each output; an output's axes follow its `axes` exactly."""
        rw = Rewriter(self.vec.ranges)
        prepared = [rw(o.expr) for o in outputs]  # rw adds bound indices to vec.ranges
        prepared, products = common_products(prepared)
        shared = repeated(prepared, self.vec.ranges)
        for sym, product in products:  # each product before the expressions that use it
            shared.insert(0, sym)
            self.products[sym] = product
        done: set = set()
        for out, e in zip(outputs, prepared, strict=True):
            for s in shared:
                if s not in done and _contains(e, s):
                    self._temp(s, shared, done)
            self.lines.extend(self.accumulate(out.name, e, out.axes)
                              or [f"{out.name} = {self.final(e, out.axes)}"])
        return self.lines

    def accumulate(self, name: str, e: sp.Expr, axes: tuple) -> list[str] | None:
        """A sum of terms as `name = first` then `name += term` (in place), when the first
        term is a fresh array already laid out like the output."""
        if not isinstance(e, sp.Add):
            return None
        vec = self.vec
        terms, laid = vec.summands(e)
        if laid != tuple(axes):
            return None
        first = next((t for t in terms if not negative(t) and vec.term(t).axes == laid
                      and _fresh(vec.term(t))), None)
        if first is None:
            return None
        lines = [f"{name} = {vec.term(first).code}"]
        for t in terms:
            if t is not first:
                neg = negative(t)
                x = vec.align(vec.term(-t if neg else t), laid)
                lines.append(f"{name} {'-' if neg else '+'}= {x.code}")
        return lines

    def _temp(self, s: sp.Expr, shared: list, done: set) -> None:
        value = self.products.get(s, s)
        for inner in shared:
            if inner is not s and inner not in done and _contains(value, inner):
                self._temp(inner, shared, done)
        t = self.vec.term(value)
        name = self.temp_name()
        self.lines.append(f"{name} = {t.code}")
        self.vec.temps[s] = Term(name, t.axes)
        done.add(s)

    def final(self, e: sp.Expr, axes: tuple) -> str:
        """Code for `e` laid out exactly along `axes`, broadcast where `e` is constant."""
        vec = self.vec
        t = vec.term(e)
        extra = set(t.axes) - set(axes)
        if extra:
            raise VectorizeError(f"free index {sorted(map(str, extra))} not among the output's")
        np_ = vec.np
        if tuple(axes) == t.axes:
            return t.code
        if set(axes) == set(t.axes):
            return vec.transpose(t, axes)
        shape = ", ".join(str(vec.ranges[a]) for a in axes) + ("," if len(axes) == 1 else "")
        if not t.axes:
            if e == 0:
                return f"{np_}.zeros(({shape}), dtype={vec.dtype})"
            return f"{np_}.full(({shape}), {t.code}, dtype={vec.dtype})"
        laid = vec.sorted_axes(axes)
        body = vec.align(t, laid).code
        if laid != tuple(axes):
            perm = tuple(laid.index(a) for a in axes)
            shape_laid = ", ".join(str(vec.ranges[a]) for a in laid)
            return (f"{np_}.transpose({np_}.broadcast_to({body}, ({shape_laid})), {perm})"
                    ".copy()")
        return f"{np_}.broadcast_to({body}, ({shape})).copy()"


def common_products(exprs: list) -> tuple[list, list]:
    """Name the products of two or more factors that several products share.

    gamma*t*dy - gamma*t*s/N becomes p*dy - p*s/N with p = gamma*t: SymPy flattens products,
    so a shared part of two of them is no subexpression of either. Returns the rewritten
    expressions and the (placeholder, product) pairs, each usable once those before it are.
    """
    found: list = []
    while True:
        muls: list = []
        for e in exprs:
            for x in sp.preorder_traversal(e):
                if isinstance(x, sp.Mul) and x not in muls:
                    muls.append(x)
        counts: dict = {}
        for a, b in itertools.combinations(muls, 2):
            common = _factors(a) & _factors(b)
            if len(common) >= 2:
                key = tuple(sorted(common, key=sp.default_sort_key))
                counts[key] = sum(1 for m in muls if common <= _factors(m))
        if not counts:
            return exprs, found
        best = max(counts, key=lambda k: ((counts[k] - 1) * (len(k) - 1), counts[k],
                                           [sp.default_sort_key(f) for f in k]))
        sym = sp.Symbol(f"_product{len(found)}")
        common = set(best)

        def hit(x, common=common):
            return isinstance(x, sp.Mul) and common <= _factors(x)

        def make(x, common=common, sym=sym):
            return sp.Mul(sym, *[a for a in x.args if a not in common])

        exprs = [e.replace(hit, make) for e in exprs]
        found.append((sym, sp.Mul(*best)))


def _factors(m: sp.Mul) -> set:
    return {a for a in m.args if not a.is_Number}


def _fresh(t: Term) -> bool:
    """The code makes a new array (not a name, a transpose or a view of one)."""
    return not (t.code.isidentifier() or t.code.endswith((".T", "]")))


def _contains(e: sp.Expr, s: sp.Expr) -> bool:
    if e == s:
        return True
    return any(_contains(a, s) for a in _children(e))
