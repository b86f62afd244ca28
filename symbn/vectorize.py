"""Index expressions to NumPy array code, with the axes of every intermediate tracked.

An index expression such as `gamma[j] * (N*g[i, j] - sum(g[k, j], k)) / N` describes one
element; the same expression read over every value of its free indices is an array. Here
each subexpression becomes a `Term`: NumPy source text whose value is an array with one
dimension per index symbol in `axes`. Elementwise operations broadcast their operands
(transposing a leaf or inserting `None` axes as needed), a sum over bound indices becomes
an `einsum` (a matrix product `@` when it is one), a Kronecker delta becomes an identity
matrix, and nothing loops over a size in Python.

SymPy's stock NumPy printer cannot do this: it prints a delta as `(1 if i == k else 0)` and a
sum as a Python loop. `prepare` first rewrites an expression for array evaluation (a delta
under a sum becomes a substitution, factors constant along a sum leave it, a low-rank
factor is distributed over a full-rank sum of terms when that saves whole-array passes);
`Kernel` then names the subexpressions that occur more than once and emits one line each.
"""

from __future__ import annotations

import itertools
import string
from dataclasses import dataclass, field

import sympy as sp

from symbn.lang import relu, step

ATOM, POW, UNARY, MUL, ADD = 100, 60, 50, 40, 30  # precedence of a Term's outermost operator
NOMINAL = 64  # nominal length of every axis when comparing the cost of two forms
_UNARY_NUMPY = {sp.exp: "exp", sp.log: "log", sp.tanh: "tanh"}


class VectorizeError(Exception):
    """The expression holds a node the vectorizer has no array form for."""


@dataclass(frozen=True)
class Term:
    """NumPy source `code` whose value has one dimension per symbol of `axes`, in order."""

    code: str
    axes: tuple[sp.Symbol, ...]
    prec: int = ATOM


def paren(t: Term, prec: int) -> str:
    return t.code if t.prec >= prec else f"({t.code})"


def _indexes(e: sp.Expr, ranges: dict) -> set:
    return {s for s in e.free_symbols if s in ranges}


# -- rewriting for array evaluation ------------------------------------------------------
@dataclass
class Rewriter:
    """Rewrites an index expression into one that evaluates with fewer whole-array passes.

    ranges: index symbol -> size symbol (bound indices included).
    """

    ranges: dict
    memo: dict = field(default_factory=dict)

    def __call__(self, e: sp.Expr) -> sp.Expr:
        hit = self.memo.get(e)
        if hit is None:
            hit = self._rewrite(e)
            self.memo[e] = hit
        return hit

    def _rewrite(self, e: sp.Expr) -> sp.Expr:
        if not e.args or isinstance(e, sp.Indexed | sp.KroneckerDelta):
            return e
        if isinstance(e, sp.Sum):
            return self.sum(self(e.function), list(e.limits))
        args = [self(a) for a in e.args]
        out = e.func(*args)
        if isinstance(out, sp.Mul):
            return self.distribute(out)
        return out

    def sum(self, body: sp.Expr, limits: list) -> sp.Expr:
        """sum over `limits` (innermost last) of `body`, already rewritten."""
        for lim in limits:
            self.ranges.setdefault(lim[0], lim[2])
        for n, (p, _, size) in enumerate(limits):
            rest = limits[:n] + limits[n + 1 :]
            if p not in body.free_symbols:  # constant along p
                return self(size * _sum(body, rest))
            if isinstance(body, sp.Add) and any(_delta_on(t, p) is not None
                                                for t in body.args):
                return sp.Add(*[self(_sum(t, limits)) for t in body.args])
            delta = _delta_on(body, p)
            if delta is not None:
                other = delta.args[1] if delta.args[0] == p else delta.args[0]
                rest_body = body.xreplace({delta: sp.S.One})
                if other not in _bound(rest_body):
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
        axes = _indexes(total, self.ranges)
        if not axes or any(not (_indexes(f, self.ranges) < axes) for f in rest):
            return e
        spread = sp.Add(*[self(sp.Mul(*rest, t)) for t in total.args])
        return spread if cost(spread, self.ranges) < cost(e, self.ranges) else e


def _sum(body: sp.Expr, limits: list) -> sp.Expr:
    return sp.Sum(body, *limits) if limits else body


def _delta_on(t: sp.Expr, p: sp.Symbol) -> sp.KroneckerDelta | None:
    for f in sp.Mul.make_args(t):
        if isinstance(f, sp.KroneckerDelta) and p in f.args and f.args[0] != f.args[1]:
            return f
    return None


def _bound(e: sp.Expr) -> set:
    return {lim[0] for s in e.atoms(sp.Sum) for lim in s.limits}


def cost(e: sp.Expr, ranges: dict) -> int:
    """Elements written by the array operations evaluating `e`, every axis NOMINAL long."""
    def size(x: sp.Expr) -> int:
        return NOMINAL ** len(_indexes(x, ranges))

    if not e.args or isinstance(e, sp.Indexed):
        return 0
    if isinstance(e, sp.KroneckerDelta):
        return size(e)
    if isinstance(e, sp.Sum):
        inner = sp.Mul.make_args(e.function)
        full = NOMINAL ** len(_indexes(e.function, ranges) | {lim[0] for lim in e.limits})
        return full + sum(cost(f, ranges) for f in inner)
    if isinstance(e, sp.Add | sp.Mul):
        args = sorted(e.args, key=lambda a: len(_indexes(a, ranges)))
        total = sum(cost(a, ranges) for a in args)
        seen: set = set()
        for n, a in enumerate(args):
            seen |= _indexes(a, ranges)
            if n and not (isinstance(e, sp.Mul) and a.is_Number):
                total += NOMINAL ** len(seen)
        return total
    return size(e) + sum(cost(a, ranges) for a in e.args)


# -- the array form of each node ---------------------------------------------------------
class Vectorizer:
    """Array code for index expressions over named arrays.

    ranges: index symbol -> size symbol.
    order: every index symbol, in the order elementwise results lay out their axes.
    np: the name numpy is imported as; dtype: the name of the working dtype variable.
    """

    def __init__(self, ranges: dict, order: list, *, np: str = "np", dtype: str = "dtype"):
        self.ranges = dict(ranges)
        self.order = list(order)
        self.np = np
        self.dtype = dtype
        self.temps: dict[sp.Expr, Term] = {}
        self._letters: dict[sp.Symbol, str] = {}

    # axes bookkeeping
    def rank(self, idx: sp.Symbol) -> tuple:
        if idx not in self.order:
            self.order.append(idx)
        return (self.order.index(idx),)

    def sorted_axes(self, axes) -> tuple:
        return tuple(sorted(set(axes), key=self.rank))

    def letter(self, idx: sp.Symbol) -> str:
        if idx not in self._letters:
            used = set(self._letters.values())
            name = str(idx)
            if not (len(name) == 1 and name in string.ascii_letters and name not in used):
                name = next(c for c in string.ascii_letters if c not in used)
            self._letters[idx] = name
        return self._letters[idx]

    def align(self, t: Term, axes: tuple) -> Term:
        """`t` broadcastable against an array laid out along `axes` (a superset of its own)."""
        want = tuple(a for a in axes if a in t.axes)
        if not want:
            return t
        code, prec = t.code, t.prec
        if want != t.axes:
            perm = tuple(t.axes.index(a) for a in want)
            code = (f"{paren(t, ATOM)}.T" if len(perm) == 2
                    else f"{self.np}.transpose({t.code}, {perm})")
            prec = ATOM
        first = axes.index(want[0])
        slots = [":" if a in want else "None" for a in axes[first:]]
        while slots and slots[-1] == ":":
            slots.pop()
        if slots:
            code = f"{code if prec >= ATOM else '(' + code + ')'}[{', '.join(slots)}]"
            prec = ATOM
        return Term(code, axes, prec)

    # nodes
    def term(self, e: sp.Expr) -> Term:
        if e in self.temps:
            return self.temps[e]
        if e.is_Integer:
            return Term(str(int(e)), (), ATOM if e >= 0 else UNARY)
        if e.is_Rational:
            sign = "-" if e < 0 else ""
            return Term(f"{sign}{abs(e.p)} / {e.q}", (), MUL)
        if e.is_Float:
            return Term(repr(float(e)), (), ATOM if e >= 0 else UNARY)
        if isinstance(e, sp.Symbol):
            if e in self.ranges:
                raise VectorizeError(f"index {e} used as a value")
            return Term(e.name, ())
        if isinstance(e, sp.Indexed):
            return self.indexed(e)
        if isinstance(e, sp.KroneckerDelta):
            return self.delta(e)
        if isinstance(e, sp.Add):
            return self.add(e)
        if isinstance(e, sp.Mul):
            return self.mul(e)
        if isinstance(e, sp.Pow):
            return self.power(e)
        if isinstance(e, sp.Sum):
            return self.sum(e)
        if isinstance(e, relu):
            t = self.term(e.args[0])
            return Term(f"{self.np}.maximum({t.code}, 0)", t.axes)
        if isinstance(e, step):
            t = self.term(e.args[0])
            return Term(f"{self.np}.heaviside({t.code}, 0)", t.axes)
        if type(e) in _UNARY_NUMPY:
            t = self.term(e.args[0])
            return Term(f"{self.np}.{_UNARY_NUMPY[type(e)]}({t.code})", t.axes)
        raise VectorizeError(f"no array form for {type(e).__name__}")

    def indexed(self, e: sp.Indexed) -> Term:
        name = str(e.base.label)
        slots, axes = [], []
        for i in e.indices:
            if i.is_Integer:
                slots.append(str(int(i) - 1))
            elif i in self.ranges:
                slots.append(":")
                axes.append(i)
            else:
                raise VectorizeError(f"index {i} of {name} is neither an index nor a number")
        code = name
        if any(s != ":" for s in slots):
            while slots[-1] == ":":
                slots.pop()
            code = f"{name}[{', '.join(slots)}]"
        if len(set(axes)) == len(axes):
            return Term(code, tuple(axes))
        seen = self.sorted_axes(axes)
        spec = "".join(self.letter(a) for a in axes) + "->" + "".join(self.letter(a)
                                                                        for a in seen)
        return Term(f'{self.np}.einsum("{spec}", {code})', seen)

    def delta(self, e: sp.KroneckerDelta) -> Term:
        a, b = e.args
        idx = [x for x in (a, b) if not x.is_Integer]
        size = self.ranges[idx[0]]
        eye = f"{self.np}.eye({size}, dtype={self.dtype})"
        if len(idx) == 2:
            return Term(eye, self.sorted_axes(idx))
        const = a if a.is_Integer else b
        return Term(f"{eye}[{int(const) - 1}]", (idx[0],))

    def add(self, e: sp.Add) -> Term:
        terms = sorted(e.args, key=lambda a: len(_indexes(a, self.ranges)))
        axes = self.sorted_axes(x for t in terms for x in self.term(t).axes)
        first = next((t for t in terms if not _negative(t)), terms[0])
        parts = [self.align(self.term(first), axes).code]
        for t in terms:
            if t is first:
                continue
            neg = _negative(t)
            x = self.align(self.term(-t if neg else t), axes)
            parts.append(("- " if neg else "+ ") + paren(x, ADD + 1))
        return Term(" ".join(parts), axes, ADD)

    def mul(self, e: sp.Mul) -> Term:
        coeff, factors = e.as_coeff_mul()
        if coeff < 0:
            inner = self.term(sp.Mul(-coeff, *factors))
            return Term(f"-{paren(inner, POW)}", inner.axes, UNARY)
        num, den = [], []
        for f in factors:
            if (isinstance(f, sp.Pow) and f.exp.is_Number and f.exp < 0
                    and f not in self.temps):
                den.append(f.base ** -f.exp)
            else:
                num.append(f)
        if coeff.q != 1:
            den.insert(0, sp.Integer(coeff.q))
        if coeff.p != 1:
            num.insert(0, sp.Integer(coeff.p))
        terms = {f: self.term(f) for f in num + den}
        axes = self.sorted_axes(x for t in terms.values() for x in t.axes)
        top = max((len(terms[f].axes) for f in num + den), default=0)
        low = [f for f in num if len(terms[f].axes) < top]
        high = [f for f in num if len(terms[f].axes) == top]

        def product(fs: list, lead: bool = True) -> str:
            codes = [self.align(terms[f], axes) for f in fs]
            return " * ".join(paren(c, MUL if n == 0 and lead else MUL + 1)
                              for n, c in enumerate(codes))

        if not den:
            return Term(product(low + high), axes, MUL)
        if len(den) == 1:
            under = paren(self.align(terms[den[0]], axes), MUL + 1)
        else:
            under = f"({product(den)})"
        if low:
            code = f"{product(low)} / {under}" + (f" * {product(high, False)}" if high else "")
        else:
            code = f"{product(high) if high else '1'} / {under}"
        return Term(code, axes, MUL)

    def power(self, e: sp.Pow) -> Term:
        base, n = e.args
        if not n.is_Number:
            raise VectorizeError("exponents must be numbers")
        if n < 0:
            inner = self.term(base ** -n)
            return Term(f"1 / {paren(inner, MUL + 1)}", inner.axes, MUL)
        t = self.term(base)
        if n == sp.S.Half:
            return Term(f"{self.np}.sqrt({t.code})", t.axes)
        exponent = str(int(n)) if n.is_Integer else f"({n.p} / {n.q})"
        return Term(f"{paren(t, ATOM)} ** {exponent}", t.axes, POW)

    def sum(self, e: sp.Sum) -> Term:
        bound = [lim[0] for lim in e.limits]
        for lim in e.limits:
            self.ranges.setdefault(lim[0], lim[2])
        factors = list(sp.Mul.make_args(e.function))
        coeff = [f for f in factors if f.is_Number]
        factors = [f for f in factors if not f.is_Number]
        terms = [self.term(f) for f in factors]
        present = {x for t in terms for x in t.axes}
        scale = [lim[2] for lim in e.limits if lim[0] not in present]
        out = self.sorted_axes(x for x in present if x not in bound)
        product = self._matmul(terms, bound, out)
        result = Term(product, out, MUL) if product else Term(self._einsum(terms, out), out)
        if coeff or scale:
            return Term(" * ".join([*(str(c) for c in coeff), *(str(s) for s in scale),
                                    paren(result, MUL + 1)]), out, MUL)
        return result

    def _einsum(self, terms: list[Term], out: tuple) -> str:
        spec = ",".join("".join(self.letter(a) for a in t.axes) for t in terms)
        spec += "->" + "".join(self.letter(a) for a in out)
        operands = ", ".join(t.code for t in terms)
        optimize = ", optimize=True" if len(terms) > 2 else ""
        return f'{self.np}.einsum("{spec}", {operands}{optimize})'

    def _matmul(self, terms: list[Term], bound: list, out: tuple) -> str | None:
        """`a @ b` when the sum is one matrix (or matrix-vector) product."""
        if len(terms) != 2 or len(bound) != 1:
            return None
        (p,) = bound
        a, b = terms
        if any(len(t.axes) > 2 or p not in t.axes for t in terms):
            return None
        if set(a.axes) & set(b.axes) != {p} or len(out) < 1:
            return None
        ra = [x for x in a.axes if x != p]
        rb = [x for x in b.axes if x != p]
        if tuple(ra + rb) != out:
            a, b, ra, rb = b, a, rb, ra
            if tuple(ra + rb) != out:
                return None
        left = paren(a, ATOM) + (".T" if a.axes[0] == p and len(a.axes) == 2 else "")
        right = paren(b, ATOM) + (".T" if b.axes[-1] == p and len(b.axes) == 2 else "")
        return f"{left} @ {right}"


def _negative(t: sp.Expr) -> bool:
    return bool(t.could_extract_minus_sign())


# -- kernels: several outputs sharing their repeated subexpressions ---------------------
@dataclass(frozen=True)
class Output:
    """`name` = `expr` as an array laid out along `axes` (sizes in `shape`, as code)."""

    name: str
    expr: sp.Expr
    axes: tuple[sp.Symbol, ...]


def _trivial(e: sp.Expr, ranges: dict) -> bool:
    if not e.args or isinstance(e, sp.Indexed):
        return True
    if not _indexes(e, ranges) and not any(isinstance(x, sp.Indexed) for x in
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
    `shapes` maps each size symbol to its code (its local variable name).
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
        prepared = [rw(o.expr) for o in outputs]
        self.vec.ranges.update(rw.ranges)
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
        terms = sorted(e.args, key=lambda a: len(_indexes(a, vec.ranges)))
        laid = vec.sorted_axes(x for t in terms for x in vec.term(t).axes)
        if laid != tuple(axes):
            return None
        first = next((t for t in terms if not _negative(t) and vec.term(t).axes == laid
                      and _fresh(vec.term(t))), None)
        if first is None:
            return None
        lines = [f"{name} = {vec.term(first).code}"]
        for t in terms:
            if t is not first:
                neg = _negative(t)
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
            perm = tuple(t.axes.index(a) for a in axes)
            return f"{paren(t, ATOM)}.T" if len(perm) == 2 else f"{np_}.transpose({t.code}, " \
                                                                 f"{perm})"
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
