"""Index expressions to NumPy array code, with the axes of every intermediate tracked.

An index expression such as `gamma[j] * (N*g[i, j] - sum(g[k, j], k)) / N` describes one
element; the same expression read over every value of its free indices is an array. Here
each subexpression becomes a `Term`: NumPy source text whose value is an array with one
dimension per index symbol in `axes`. Elementwise operations broadcast their operands
(transposing a leaf or inserting `None` axes as needed), a sum over bound indices becomes
an `einsum` (a matrix product `@` when it is one), a Kronecker delta becomes an identity
matrix, and nothing loops over a size in Python.

SymPy's stock NumPy printer cannot do this: it prints a delta as `(1 if i == k else 0)` and a
sum as a Python loop. `symbn.arrayrewrite` first rewrites an expression for array evaluation;
`symbn.kernel` names the subexpressions that occur more than once and emits one line each,
through the `Vectorizer` here.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

import sympy as sp

from symbn import functions
from symbn.emit.numpy.arrayrewrite import alpha, indexes
from symbn.indices import Index

ATOM, POW, UNARY, MUL, ADD = 100, 60, 50, 40, 30  # precedence of a Term's outermost operator


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


# -- the array form of each node ---------------------------------------------------------
class Vectorizer:
    """Array code for index expressions over named arrays.

    order: the key that orders indices as elementwise results lay out their axes.
    np: the name numpy is imported as; dtype: the name of the working dtype variable.
    """

    def __init__(self, order, *, np: str = "np", dtype: str = "dtype"):
        self.order = order
        self.np = np
        self.dtype = dtype
        self.temps: dict[sp.Expr, Term] = {}  # alpha key -> the array, axes renamed
        self._letters: dict[sp.Symbol, str] = {}
        self._keys: dict[sp.Expr, tuple[sp.Expr, dict]] = {}

    # named arrays, found again under other index names
    def key(self, e: sp.Expr) -> tuple[sp.Expr, dict]:
        if e not in self._keys:
            self._keys[e] = alpha(e)
        return self._keys[e]

    def remember(self, e: sp.Expr, t: Term) -> None:
        """`e` is held in the array `t.code`, laid out along `t.axes`."""
        key, env = self.key(e)
        # a placeholder for a product has no indices of its own: its axes stay as they are
        self.temps[key] = Term(t.code, tuple(env.get(a, a) for a in t.axes), t.prec)

    def forget(self, e: sp.Expr) -> None:
        self.temps.pop(self.key(e)[0], None)

    def known(self, e: sp.Expr) -> Term | None:
        """The named array holding `e` (under any index names), its axes in `e`'s names."""
        if not self.temps:
            return None
        key, env = self.key(e)
        t = self.temps.get(key)
        if t is None:
            return None
        back = {c: a for a, c in env.items()}
        return Term(t.code, tuple(back.get(c, c) for c in t.axes), t.prec)

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
            code, prec = self.transpose(t, want), ATOM
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
        hit = self.known(e)
        if hit is not None:
            return hit
        if e.is_Integer:
            return Term(str(int(e)), (), ATOM if e >= 0 else UNARY)
        if e.is_Rational:
            sign = "-" if e < 0 else ""
            return Term(f"{sign}{abs(e.p)} / {e.q}", (), MUL)
        if e.is_Float:
            return Term(repr(float(e)), (), ATOM if e >= 0 else UNARY)
        if e in _CONSTANTS:  # pi, and e from exp(1)
            return Term(f"{self.np}.{_CONSTANTS[e]}", ())
        if isinstance(e, sp.Symbol):
            if isinstance(e, Index):
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
        entry = functions.of(e)
        if entry is not None:
            ts = [self.term(a) for a in e.args]
            if len(ts) > 1:  # both arguments laid out along the axes of either
                axes = self.sorted_axes({x for t in ts for x in t.axes})
                ts = [self.align(t, axes) for t in ts]
            code = entry.numpy.format(np=self.np, **dict(zip("xy", [t.code for t in ts],
                                                              strict=False)))
            call = entry.numpy.startswith("{np}.")  # a call binds tighter than any operator
            return Term(code, ts[0].axes if len(ts) == 1 else axes, ATOM if call else MUL)
        raise VectorizeError(f"no array form for {type(e).__name__}")

    def indexed(self, e: sp.Indexed) -> Term:
        name = str(e.base.label)
        slots, axes = [], []
        for i in e.indices:
            if i.is_Integer:
                slots.append(str(int(i) - 1))
            elif i.is_Symbol and not isinstance(i, Index):  # a size: the last position
                slots.append("-1")
            elif isinstance(i, Index):
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
        idx = [x for x in (a, b) if isinstance(x, Index)]
        if not idx:  # a number and a size (the last position): Delta(1, N)
            number, size = sorted((a, b), key=lambda x: not x.is_Integer)
            return Term(f"(1 if {size} == {int(number)} else 0)", ())
        size = idx[0].size
        eye = f"{self.np}.eye({size}, dtype={self.dtype})"
        if len(idx) == 2:
            return Term(eye, self.sorted_axes(idx))
        const = a if b in idx else b
        at = int(const) - 1 if const.is_Integer else -1  # a size: the last position
        return Term(f"{eye}[{at}]", (idx[0],))

    def transpose(self, t: Term, axes: tuple) -> str:
        """Code for `t` with its axes permuted into the order of `axes` (the same set)."""
        perm = tuple(t.axes.index(a) for a in axes)
        return (f"{paren(t, ATOM)}.T" if len(perm) == 2
                else f"{self.np}.transpose({t.code}, {perm})")

    def summands(self, e: sp.Add) -> tuple[list, tuple]:
        """The terms of `e`, fewest axes first, and the axes their sum is laid out along."""
        terms = sorted(e.args, key=lambda a: len(indexes(a)))
        return terms, self.sorted_axes(x for t in terms for x in self.term(t).axes)

    def add(self, e: sp.Add) -> Term:
        terms, axes = self.summands(e)
        first = next((t for t in terms if not negative(t)), terms[0])
        parts = [self.align(self.term(first), axes).code]
        for t in terms:
            if t is first:
                continue
            neg = negative(t)
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
                    and self.known(f) is None):
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
        if not n.is_Number:  # a scalar exponent (an input or a definition)
            t, g = self.term(base), self.term(n)
            if g.axes:
                raise VectorizeError("an exponent must be a scalar")
            return Term(f"{paren(t, ATOM)} ** {paren(g, ATOM)}", t.axes, POW)
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
        factors = list(sp.Mul.make_args(e.function))
        coeff = [f for f in factors if f.is_Number]
        factors = [f for f in factors if not f.is_Number]
        terms = []
        for f in factors:  # x**2 of a named array: einsum reads x twice, no x**2 array
            base = self.known(f.base) if isinstance(f, sp.Pow) else None
            if base is not None and f.exp.is_Integer and 2 <= f.exp <= 4:
                terms += [base] * int(f.exp)
            else:
                terms.append(self.term(f))
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


def negative(t: sp.Expr) -> bool:
    return bool(t.could_extract_minus_sign())


#: The numbers SymPy keeps as symbols, by their NumPy names.
_CONSTANTS = {sp.pi: "pi", sp.E: "e"}
