"""Kernels: statements of NumPy code computing several outputs, each repeated subexpression
once.

`Kernel.emit` rewrites each output (`arrays.arrayrewrite`), names the products of factors that
several products share and the subexpressions that occur more than once, and assigns each to
a temporary before the first output that needs it; `arrays.vectorize` prints the code of
every statement (`arrays.statements`). A temporary whose array an output takes over is renamed
in the statements written so far; a full-size array nothing reads any more is written into
again (`arrays.buffers`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy as sp

from symbn.emit.arrays import buffers
from symbn.emit.arrays.arrayrewrite import Rewriter
from symbn.emit.arrays.buffers import Buffers, sizes_of
from symbn.emit.arrays.inplace import InPlace, builds_array
from symbn.emit.arrays.statements import Assign, Statement, renamed
from symbn.emit.arrays.vectorize import Term, VectorizeError, Vectorizer
from symbn.language import indices
from symbn.language.indices import Index


@dataclass(frozen=True)
class Output:
    """`name` = `expr` as an array laid out along `axes`."""

    name: str
    expr: sp.Expr
    axes: tuple[sp.Symbol, ...]


def _trivial(e: sp.Expr) -> bool:
    if not e.args or isinstance(e, sp.Indexed):
        return True
    if not indices.free(e) and not any(isinstance(x, sp.Indexed) for x in sp.preorder_traversal(e)):
        named = [s for s in e.free_symbols if not isinstance(s, Index)]
        return all(s.is_integer for s in named)  # numbers and sizes only
    coeff, rest = e.as_coeff_Mul()
    return isinstance(e, sp.Mul) and coeff == -1 and not isinstance(rest, sp.Mul)


def repeated(exprs: list, key=lambda x: x) -> list:
    """Subexpressions occurring more than once (equal `key`s), each after the ones it
    contains; a power x**2 under a sum counts x twice (an einsum takes x twice)."""
    seen: set = set()
    twice: set = set()

    def visit(x: sp.Expr) -> None:
        if _trivial(x):
            for a in _children(x):
                visit(a)
            return
        k = key(x)
        if k in seen:
            twice.add(k)
            return
        seen.add(k)
        if isinstance(x, sp.Sum):
            for f in sp.Mul.make_args(x.function):
                if _square(f) and not _trivial(f.base):
                    twice.add(key(f.base))
        for a in _children(x):
            visit(a)

    for e in exprs:
        visit(e)
    order: list = []
    placed: set = set()

    def post(x: sp.Expr) -> None:
        for a in _children(x):
            post(a)
        k = key(x)
        if k in twice and k not in placed:
            placed.add(k)
            order.append(x)

    for e in exprs:
        post(e)
    return order


def _square(f: sp.Expr) -> bool:
    return isinstance(f, sp.Pow) and f.exp.is_Integer and 2 <= f.exp <= 4


def _children(x: sp.Expr) -> tuple:
    if isinstance(x, sp.Sum):
        return (x.function,)
    if isinstance(x, sp.Indexed | sp.KroneckerDelta) or not x.args:
        return ()
    return x.args


class Kernel:
    """Lines of NumPy code computing several outputs, repeated subexpressions once.

    `taken` holds every name already in use (temporaries are named t0, t1, ... around it).
    Full-size values are evaluated in place (`arrays.inplace`); a temporary the kernel made
    and needs no more becomes the array of the value that uses it last, and an array it made
    that nothing reads any more is written into again (`arrays.buffers`); `kept` names the
    outputs the function returns (None: all of them), which are never written into again.
    """

    def __init__(
        self,
        vec: Vectorizer,
        taken: set[str],
        *,
        inplace: bool = True,
        kept: frozenset[str] | None = None,
    ):
        self.vec = vec
        self.inplace = inplace  # False for an array library whose arrays are immutable
        self.taken = set(taken)
        self.lines: list[Statement] = []  # the statements written so far
        self.products: dict[sp.Symbol, sp.Expr] = {}  # placeholder -> the product it names
        self.owned: dict[sp.Expr, str] = {}  # keys of temporaries with arrays of their own
        self._temp_names = (f"t{n}" for n in itertools.count())
        self.buffers = Buffers(kept)
        self.context: list[sp.Expr] = []  # what is computed now and later
        self.asked: list[tuple] | None = None  # the shapes asked for, when probing
        if inplace:
            vec.spare = self.spare

    def temp_name(self) -> str:
        name = next(self._temp_names)
        while name in self.taken:
            name = next(self._temp_names)
        self.taken.add(name)
        return name

    def emit(self, outputs: list[Output]) -> list[Statement]:
        """Statements assigning each output; an output's axes follow its `axes` exactly."""
        rw = Rewriter()
        prepared = [rw.top(o.expr) for o in outputs]
        prepared, products = common_products(prepared)
        shared = repeated(prepared, self.key)
        for sym, product in products:  # each product before the expressions that use it
            shared.insert(0, sym)
            self.products[sym] = product
        done: set = set()
        self.buffers.rank = rank = max((len(o.axes) for o in outputs), default=0)
        self.buffers.numbers = frozenset(
            str(x)
            for o in outputs
            for x in {*o.expr.free_symbols, *(i.size for i in indices.atoms(o.expr))}
            if x.is_integer
        )
        for n, (out, e) in enumerate(zip(outputs, prepared, strict=True)):
            later = prepared[n + 1 :]
            self.buffers.upcoming = {
                sizes_of(o.axes)
                for o in outputs[n:]
                if len(o.axes) == rank and isinstance(o.expr, sp.Add | sp.Mul)
            }
            for s in shared:
                if s not in done and self.contains(e, s):
                    self._temp(s, shared, done, [e, *later])
            self.context = [e, *later]
            self.lines.extend(self.assign(out.name, e, out.axes, later))
            self.buffers.outputs.add(out.name)
        return self.lines

    # subexpressions compared by their alpha keys (equal up to the names of indices)
    def key(self, x: sp.Expr) -> sp.Expr:
        return self.vec.key(x)[0]

    def contains(self, e: sp.Expr, s: sp.Expr) -> bool:
        k = self.key(s)
        return self.key(e) == k or any(self.contains(a, s) for a in _children(e))

    def count(self, e: sp.Expr, s: sp.Expr) -> int:
        """How many times `s` occurs in `e` (a power s**n counts n times)."""
        if self.key(e) == self.key(s):
            return 1
        if isinstance(e, sp.Pow) and e.exp.is_Integer and e.exp > 0:
            return int(e.exp) * self.count(e.base, s)
        return sum(self.count(a, s) for a in _children(e))

    def assign(self, name: str, e: sp.Expr, axes: tuple, later: list) -> list[Statement]:
        """`name` = `e` laid out along `axes`: in place when `e` is a full-size product or
        sum laid out that way already, else one assignment; preceded by the empty arrays its
        products that are only summed are written into (`arrays.buffers`)."""
        self.buffers.pending.append({})
        if (
            self.inplace
            and axes
            and self.probe(e)[0].axes == tuple(axes)
            and (isinstance(e, sp.Add | sp.Mul) or self._ownable(e, e, later))
        ):
            self._hoist(e, axes, later)
            lines = self.plan(name, e, axes, later)
        else:
            code = self.final(e, axes)
            lines = [Assign(name, code)]
            if buffers.may_view(code):
                self.buffers.pin(code)
            else:
                self.buffers.made(name, e, axes)

        def empty(shape: tuple) -> str:
            return self.vec.call("empty", buffers.shape(shape), self.vec.made())

        return self.buffers.made_empty(lines, empty, self.taken)

    def plan(self, name: str, e: sp.Expr, axes: tuple, later: list) -> list[Statement]:
        chosen = InPlace(self.vec, axes, lambda x: self._ownable(x, e, later)).lower(name, e)
        lines = list(chosen.lines)
        if chosen.takes is not None:  # the temporary's array becomes `name`'s
            old = self.owned.pop(self.key(chosen.takes))
            self.vec.forget(chosen.takes)
            self.lines[:] = [renamed(s, old, name) for s in self.lines]
            self.buffers.drop(old)
        else:  # a new array: an array nothing reads any more takes it where it can
            lines = self.buffers.reuse(name, lines, axes, self.alive, self.vec.function)
        self.buffers.made(name, e, axes)
        return lines

    # arrays written into again (`arrays.buffers`)
    def spare(self, shape: tuple) -> str | None:
        """The array a product of shape `shape` that is only summed is written into: one
        that nothing reads any more, else an empty one when a value of that shape is still
        to be computed (which takes it then), else None (a new array)."""
        if self.asked is not None:  # probing: which shapes would the code ask for?
            self.asked.append(shape)
            return None
        dead = self.buffers.dead(shape, self.alive)
        if dead is not None or shape not in self.buffers.upcoming:
            return dead
        return self.buffers.empty(shape, self.taken)

    def probe(self, e: sp.Expr) -> tuple[Term, list[tuple]]:
        """The array of `e` and the shapes of the arrays its code would write products into,
        asking for none."""
        self.asked = []
        try:
            return self.vec.term(e), self.asked
        finally:
            self.asked = None

    def alive(self, name: str) -> bool:
        """Is the buffer `name` read by what is computed now or later (or never reusable)?"""
        if not self.buffers.reusable(name):
            return True
        held = self.buffers.held.get(name)
        output = name in self.buffers.outputs
        return self._reaches(
            self.context,
            lambda f: (
                (output and name in buffers.read_names(f))
                or (held is not None and self.contains(f, held))
            ),
        )

    def _hoist(self, e: sp.Expr, axes: tuple, later: list) -> None:
        """Sums in `e` of products of `e`'s own shape computed first, so that `e` can take
        the array they are written into."""
        shape = sizes_of(axes)
        for r in buffers.sums(e):
            if self.vec.known(r) is not None:
                continue
            t, asked = self.probe(r)
            if shape in asked:
                name = self.temp_name()
                self.lines.extend(self.assign(name, r, t.axes, [e, *later]))
                self.vec.remember(r, Term(name, t.axes))

    def _ownable(self, x: sp.Expr, e: sp.Expr, later: list) -> bool:
        """May `e` overwrite the temporary `x`: x used once in e, and by nothing `later`
        (products not yet computed looked into)?"""
        if self.key(x) not in self.owned or self.count(e, x) != 1:
            return False
        return not self._reaches(later, lambda f: self.contains(f, x))

    def _reaches(self, exprs: list, test) -> bool:
        """Does `test` hold for one of `exprs`, or of the products not yet computed that
        they use?"""
        todo = list(exprs)
        while todo:
            f = todo.pop()
            if test(f):
                return True
            todo += [
                v
                for sym, v in self.products.items()
                if self.vec.known(sym) is None and self.contains(f, sym)
            ]
        return False

    def _temp(self, s: sp.Expr, shared: list, done: set, pending: list) -> None:
        value = self.products.get(s, s)
        for inner in shared:
            if inner is not s and inner not in done and self.contains(value, inner):
                self._temp(inner, shared, done, pending)
        t = self.probe(value)[0]
        name = self.temp_name()
        mark = sp.Dummy()  # uses of an array inside s do not outlive s
        rest = [f.xreplace({s: mark}) for f in pending]
        self.context = [value, *pending]
        self.lines.extend(self.assign(name, value, t.axes, rest))
        if name in self.buffers.held:
            self.buffers.held[name] = s
        if builds_array(t) or (t.axes and isinstance(value, sp.Add | sp.Mul)):
            self.owned[self.key(s)] = name
        self.vec.remember(s, Term(name, t.axes))
        done.add(s)

    def final(self, e: sp.Expr, axes: tuple) -> str:
        """Code for `e` laid out exactly along `axes`, broadcast where `e` is constant."""
        vec = self.vec
        t = vec.term(e)
        extra = set(t.axes) - set(axes)
        if extra:
            raise VectorizeError(f"free index {sorted(map(str, extra))} not among the output's")
        if tuple(axes) == t.axes:
            return t.code
        if set(axes) == set(t.axes):
            return vec.transpose(t, axes)
        shape = ", ".join(str(a.size) for a in axes) + ("," if len(axes) == 1 else "")
        if not t.axes:
            if e == 0:
                return vec.call("zeros", f"({shape})", vec.made())
            return vec.filled(f"({shape})", t.code)
        laid = vec.sorted_axes(axes)
        body = vec.align(t, laid).code
        if laid != tuple(axes):
            perm = tuple(laid.index(a) for a in axes)
            shape_laid = ", ".join(str(a.size) for a in laid)
            laid_out = vec.call("broadcast_to", body, f"({shape_laid})")
            return vec.copy(vec.call("transpose", laid_out, str(perm)))
        return vec.copy(vec.call("broadcast_to", body, f"({shape})"))


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
        best = max(
            counts,
            key=lambda k: (
                (counts[k] - 1) * (len(k) - 1),
                counts[k],
                [sp.default_sort_key(f) for f in k],
            ),
        )
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
