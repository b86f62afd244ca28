"""Index expressions to NumPy array code, with the axes of every intermediate tracked.

An index expression such as `gamma[j] * (N*g[i, j] - sum(g[k, j], k)) / N` describes one
element; the same expression read over every value of its free indices is an array. Here
each subexpression becomes a `Term`: NumPy source text whose value is an array with one
dimension per index symbol in `axes`. Elementwise operations broadcast their operands
(transposing a leaf or inserting `None` axes as needed), a sum over bound indices becomes
an `einsum` (a matrix product `@` when it is one), a Kronecker delta becomes an identity
matrix, and nothing loops over a size in Python.

SymPy's NumPy printer prints a delta as `(1 if i == k else 0)` and a sum as a Python loop, so
the `Vectorizer` is a printer of its own: a `_print_<Class>` rule a node, each returning a Term,
an InternalError for any other node. `arrays.arrayrewrite` rewrites an expression first;
`arrays.kernel` emits one statement a shared subexpression and output through it.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.printer import Printer

from symbn.emit.arrays import gather, masks
from symbn.emit.arrays.arrayrewrite import alpha, negative, numeric
from symbn.emit.arrays.refused import VectorizeError
from symbn.errors import InternalError
from symbn.language import functions, indices
from symbn.language.indices import Index

#: Python's operator precedence on SymPy's scale: a name, a call or a subscript binds
#: tightest, then `**`, unary minus (-x**2 is -(x**2)), `* / @`, `+ -`.
ATOM, POW, MUL, ADD = (PRECEDENCE[k] for k in ("Atom", "Pow", "Mul", "Add"))
UNARY = (POW + MUL) // 2


@dataclass(frozen=True)
class Term:
    """Array `code` with one dimension per symbol of `axes`, in order; `prec`: the precedence
    of its outermost operator; `fresh`: a call building a new array (no name, view, einsum)."""

    code: str
    axes: tuple[sp.Symbol, ...]
    prec: int = ATOM
    fresh: bool = False


def paren(t: Term, prec: int) -> str:
    return t.code if t.prec >= prec else f"({t.code})"


# -- the array form of each node ---------------------------------------------------------
class Vectorizer(Printer):
    """Array code for index expressions over named arrays: a SymPy printer whose rules
    (`_print_Add`, `_print_Indexed`, ..., `_print_Function` for the function table) return
    Terms, and which raises InternalError on a node it has no rule for.

    order: the key that orders indices as elementwise results lay out their axes.
    np: the name the array module is imported as (every call is `call`'s); dtype: the name
    of the working dtype variable. Another array library is a subclass that spells `call`
    (and the rules that differ) its way.
    """

    printmethod = None  # no node prints itself
    #: the field of a function table entry (`language.functions`) that spells it here
    spelling = "numpy"
    library = "NumPy"
    #: einsum's extra argument for three or more operands ("" where it has none)
    einsum_options = ", optimize=True"
    #: a step evaluated in place as max(sign(x), 0), which keeps NaN (`arrays.inplace`)
    step_by_sign = True
    multiply_add = False  # dst + k*x into dst, no temporary (torch's addcmul; `arrays.inplace`)
    reciprocal_root: str | None = None  # a function computing 1/sqrt(x) in one call
    index_options = ""  # arange's options for an index array (`arrays.gather`)
    cast = ".astype({dtype})"  # a boolean array made one of the working dtype
    spare: Callable[[tuple], str | None] = staticmethod(lambda _: None)  # `arrays.buffers`

    def __init__(self, order, *, np: str = "np", dtype: str = "dtype"):
        super().__init__()
        self.axis_order = order  # (Printer's `order` is the order of terms)
        self.np = np
        self.dtype = dtype
        self.temps: dict[sp.Expr, Term] = {}  # alpha key -> the array, axes renamed
        self._letters: dict[sp.Symbol, str] = {}
        self._keys: dict[sp.Expr, tuple[sp.Expr, dict]] = {}

    def term(self, e: sp.Expr) -> Term:
        """The array of `e`: the named array holding it, else its printed code."""
        hit = self.known(e) or gather.term(self, e, Term)  # a label's gather, or None
        return hit if hit is not None else self._print(e)

    def doprint(self, expr) -> str:
        return self.term(expr).code

    def emptyPrinter(self, expr):  # noqa: N802 - SymPy's hook name
        raise InternalError(f"the array printer has no rule for {type(expr).__name__}: {expr}")

    def function(self, name: str) -> str:
        """The array module's function `name`, as the code calls it."""
        return f"{self.np}.{name}"

    def call(self, name: str, *args: str) -> str:
        """Code calling the array module's function `name`."""
        return f"{self.function(name)}({', '.join(args)})"

    def made(self) -> str:
        """The keyword arguments of a call that makes a new array (eye, zeros)."""
        return f"dtype={self.dtype}"

    def copy(self, code: str) -> str:
        """Code for a copy of the array `code` (an atom) that may be written into."""
        return f"{code}.copy()"

    def filled(self, shape: str, code: str) -> str:
        """Code for a new array of shape `shape` (Python's tuple text) holding the scalar
        `code` everywhere."""
        return self.call("full", shape, code, self.made())

    # named arrays, found again under other index names
    def key(self, e: sp.Expr) -> tuple[sp.Expr, dict]:
        if e not in self._keys:
            self._keys[e] = alpha(e)
        return self._keys[e]

    def remember(self, e: sp.Expr, t: Term) -> None:
        """`e` is held in the array `t.code`, laid out along `t.axes`."""
        key, env = self.key(e)
        # a placeholder for a product has no indices of its own: its axes stay as they are
        self.temps[key] = Term(t.code, tuple(env.get(a, a) for a in t.axes), t.prec, t.fresh)

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
        return Term(t.code, tuple(back.get(c, c) for c in t.axes), t.prec, t.fresh)

    # axes bookkeeping
    def rank(self, idx: sp.Symbol) -> tuple:
        if idx not in self.axis_order:
            self.axis_order.append(idx)
        return (self.axis_order.index(idx),)

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
        if code == t.code:
            return Term(code, axes, prec, t.fresh)
        return Term(code, axes, prec)

    # the rules: numbers, names, elements, deltas, the function table
    def _print_Integer(self, e: sp.Integer) -> Term:
        return Term(str(int(e)), (), ATOM if e >= 0 else UNARY)

    def _print_Pi(self, _e) -> Term:
        return Term(self.function("pi"), ())

    def _print_Exp1(self, _e) -> Term:  # e, from exp(1)
        return Term(self.function("e"), ())

    def _print_Rational(self, e: sp.Rational) -> Term:
        sign = "-" if e < 0 else ""
        return Term(f"{sign}{abs(e.p)} / {e.q}", (), MUL)

    def _print_Float(self, e: sp.Float) -> Term:
        return Term(repr(float(e)), (), ATOM if e >= 0 else UNARY)

    def _print_Symbol(self, e: sp.Symbol) -> Term:
        if isinstance(e, Index):
            raise VectorizeError(f"index {e} used as a value")
        return Term(e.name, ())

    def _print_Function(self, e: sp.Function) -> Term:
        """A function of the language's table, spelled as its `numpy` entry says."""
        entry = functions.of(e)
        if entry is None:
            return self.emptyPrinter(e)
        return self.apply(entry, *(self.term(a) for a in e.args))

    def apply(self, entry: functions.Function, *ts: Term) -> Term:
        """The function `entry` applied to the arrays `ts` (its `x`, `y`), along their axes."""
        axes = ts[0].axes
        if len(ts) > 1:  # max(a, b): both arguments broadcast along the axes of either
            axes = self.sorted_axes({x for t in ts for x in t.axes})
            ts = tuple(self.align(t, axes) for t in ts)
        spelled = getattr(entry, self.spelling) or entry.numpy
        if not spelled:
            raise VectorizeError(f"{entry.name}() is a function the derivation leaves unsaid")
        call = spelled.startswith("{np}.")  # a call binds tighter than any operator
        args = dict(zip("xy", [t.code for t in ts], strict=False))
        code = spelled.format(np=self.np, dtype=self.dtype, **args)
        return Term(code, axes, ATOM if call else MUL, fresh=call)

    def _print_Indexed(self, e: sp.Indexed) -> Term:
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
        spec = "".join(self.letter(a) for a in axes) + "->" + "".join(self.letter(a) for a in seen)
        return Term(self.call("einsum", f'"{spec}"', code), seen)

    def _print_KroneckerDelta(self, e: sp.KroneckerDelta) -> Term:
        a, b = e.args
        idx = [x for x in (a, b) if isinstance(x, Index)]
        if not idx:  # a number and a size (the last position): Delta(1, N)
            number, size = sorted((a, b), key=lambda x: not x.is_Integer)
            return Term(f"(1 if {size} == {int(number)} else 0)", ())
        size = idx[0].size
        eye = self.call("eye", str(size), self.made())
        if len(idx) == 2:
            return Term(eye, self.sorted_axes(idx), fresh=True)
        const = a if b in idx else b
        at = int(const) - 1 if const.is_Integer else -1  # a size: the last position
        return Term(f"{eye}[{at}]", (idx[0],))

    def _print_Iverson(self, e: sp.Expr) -> Term:  # a relation of indices: a mask
        return Term(*masks.relation(self, e.args[0]), fresh=True)

    def transpose(self, t: Term, axes: tuple) -> str:
        """Code for `t` with its axes permuted into the order of `axes` (the same set)."""
        perm = tuple(t.axes.index(a) for a in axes)
        return (
            f"{paren(t, ATOM)}.T" if len(perm) == 2 else self.call("transpose", t.code, str(perm))
        )

    def summands(self, e: sp.Add) -> tuple[list, tuple]:
        """The terms of `e`, fewest axes first, and the axes their sum is laid out along."""
        terms = sorted(e.args, key=lambda a: len(indices.free(a)))
        return terms, self.sorted_axes(x for t in terms for x in self.term(t).axes)

    # the rules: sums, products and powers
    def _print_Add(self, e: sp.Add) -> Term:
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

    def _print_Mul(self, e: sp.Mul) -> Term:
        coeff, factors = e.as_coeff_mul()
        if coeff < 0:
            inner = self.term(sp.Mul(-coeff, *factors))
            return Term(f"-{paren(inner, POW)}", inner.axes, UNARY)
        num, den = [], []
        for f in factors:
            if isinstance(f, sp.Pow) and f.exp.is_Number and f.exp < 0 and self.known(f) is None:
                den.append(f.base**-f.exp)
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
            return " * ".join(
                paren(c, MUL if n == 0 and lead else MUL + 1) for n, c in enumerate(codes)
            )

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

    def _print_Pow(self, e: sp.Pow) -> Term:
        base, n = e.args
        if not n.is_Number:  # a scalar exponent (an input or a definition)
            t, g = self.term(base), self.term(n)
            if g.axes:
                raise VectorizeError("an exponent must be a scalar")
            return Term(f"{paren(t, ATOM)} ** {paren(g, ATOM)}", t.axes, POW)
        if n == -sp.S.Half and self.reciprocal_root and not numeric(base):  # one call
            t = self.term(base)
            return Term(f"{self.reciprocal_root}({t.code})", t.axes, fresh=True)
        if n < 0:
            inner = self.term(base**-n)
            return Term(f"1 / {paren(inner, MUL + 1)}", inner.axes, MUL)
        t = self.term(base)
        if n == sp.S.Half:
            return Term(self.call("sqrt", t.code), t.axes, fresh=True)
        exponent = str(int(n)) if n.is_Integer else f"({n.p} / {n.q})"
        return Term(f"{paren(t, ATOM)} ** {exponent}", t.axes, POW)

    # the rule for sums, and how a sum is planned: an einsum, or a matrix product
    def _print_Sum(self, e: sp.Sum) -> Term:
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
            factors = [*(str(c) for c in coeff), *(str(s) for s in scale), paren(result, MUL + 1)]
            return Term(" * ".join(factors), out, MUL)
        return result

    def _einsum(self, terms: list[Term], out: tuple) -> str:
        spec = ",".join("".join(self.letter(a) for a in t.axes) for t in terms)
        spec += "->" + "".join(self.letter(a) for a in out)
        operands = ", ".join(t.code for t in terms)
        optimize = self.einsum_options if len(terms) > 2 else ""
        return self.call("einsum", f'"{spec}"', operands + optimize)

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
