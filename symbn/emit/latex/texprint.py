"""LaTeX for index expressions, in the seed's notation: h_{k,l}, \\mu_{l}, \\Delta_{i,k}.

A subclass of SymPy's `LatexPrinter` that overrides only what symbn needs and raises on
any node it does not know, instead of printing something a reader could mistake for maths.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import sympy as sp
from sympy.printing.latex import LatexPrinter

from symbn.errors import InternalError
from symbn.language import functions, relations


class IndexLatexPrinter(LatexPrinter):
    """`names` maps a declared name to its LaTeX (from the file's `latex` keys).

    Strict: a node is printed only by a `_print_<Class>` rule this class states (found along
    the node's class hierarchy, as SymPy's dispatch finds rules), never by one of the many
    that `LatexPrinter` inherits, whose `_print_Basic` would print any node at all, so a node
    symbn does not know (`Foo(x)`, a `Max`, a `Piecewise`) raises InternalError.
    """

    printmethod = None  # no node prints itself

    # SymPy's rules where its notation is the seed's
    _print_Add = LatexPrinter._print_Add
    _print_Mul = LatexPrinter._print_Mul
    _print_Pow = LatexPrinter._print_Pow
    _print_Rational = LatexPrinter._print_Rational  # integers too
    _print_Float = LatexPrinter._print_Float
    _print_int = LatexPrinter._print_int  # exponents, as SymPy's power rule prints them

    def _print_Pi(self, _expr):
        return r"\pi"

    def __init__(self, names: dict[str, str] | None = None):
        # long_frac_ratio: a long numerator over a short denominator reads as 1/N times it
        super().__init__({"mul_symbol": None, "fold_short_frac": False, "long_frac_ratio": 1.5})
        self.names = dict(names or {})

    def _print(self, expr, **kwargs) -> str:
        rule = _rule(type(self), type(expr))
        if rule is None:
            return self.emptyPrinter(expr)
        self._print_level += 1
        try:
            return rule(self, expr, **kwargs)
        finally:
            self._print_level -= 1

    def emptyPrinter(self, expr):  # noqa: N802 - SymPy's hook name
        raise InternalError(f"the LaTeX printer has no rule for {type(expr).__name__}: {expr}")

    def name(self, name: str) -> str:
        if name in self.names:
            return self.names[name]
        return name if len(name) == 1 else rf"\mathrm{{{name}}}"

    def _print_Symbol(self, expr, style="plain"):
        if expr.name.startswith("_"):  # an internal bound index
            return expr.name.lstrip("_").replace("_", "")
        if expr.name in self.names or len(expr.name) > 1:
            return "{" + self.name(expr.name) + "}"
        return super()._print_Symbol(expr, style)

    def _print_IndexedBase(self, expr):
        return "{" + self.name(str(expr.label)) + "}"

    def _print_Indexed(self, expr):
        idx = ",".join(self._print(i) for i in expr.indices)
        name = self.name(str(expr.base.label))
        if _subscripted(name):  # W_1 takes its indices as {W_1}_{d,g}, not W_1_{d,g}
            name = "{" + name + "}"
        return "{" + name + "_{" + idx + "}}"

    def _print_KroneckerDelta(self, expr, exp=None):
        a, b = (self._print(x) for x in expr.args)
        out = rf"\Delta_{{{a},{b}}}"
        return f"{out}^{{{exp}}}" if exp else out

    def _print_Iverson(self, expr, exp=None):
        del exp  # a relation is its own power
        a, op, b = relations.spelled(expr)
        return rf"[{self._print(a)} {_RELATIONS[op]} {self._print(b)}]"

    def _print_Sum(self, expr):
        out = []
        for p, _lo, hi in reversed(expr.limits):
            out.append(rf"\sum_{{{self._print(p)}=1}}^{{{self._print(hi)}}}")
        # a product needs no parentheses: the sum reaches over the product that follows it
        # (SymPy's Mul puts a sum that is not its last factor in parentheses)
        body = self.parenthesize(
            expr.function, sp.printing.precedence.PRECEDENCE["Mul"], strict=True
        )
        if expr.function.could_extract_minus_sign() and not body.startswith(r"\left("):
            body = rf"\left({body}\right)"
        return " ".join(out) + " " + body

    def _print_Derivative(self, expr):
        ((v, count),) = expr.variable_count
        var = self._print(v)
        top = r"\partial" if count == 1 else rf"\partial^{{{count}}}"
        bottom = rf"\partial {var}" if count == 1 else rf"\partial {var}^{{{count}}}"
        if isinstance(expr.expr, sp.Indexed | sp.Symbol):
            return rf"\frac{{{top} {self._print(expr.expr)}}}{{{bottom}}}"
        return rf"\frac{{{top}}}{{{bottom}}} \left({self._print(expr.expr)}\right)"

    def _print_Function(self, expr, exp=None):
        """A function of the language's table: its operator name, or SymPy's spelling."""
        entry = functions.of(expr)
        if entry is None:
            return self.emptyPrinter(expr)
        if entry.latex is None:
            return _sympy_rule(type(expr))(self, expr, exp)
        out = rf"{entry.latex}\left({', '.join(self._print(a) for a in expr.args)}\right)"
        return f"{out}^{{{exp}}}" if exp else out


@functools.cache
def _rule(printer: type, node: type) -> Callable | None:
    """The first rule along `node`'s classes that `printer` or a base of it below
    LatexPrinter states."""
    own = [c for c in printer.__mro__ if issubclass(c, IndexLatexPrinter)]
    for cls in node.__mro__:
        for c in own:
            rule = vars(c).get(f"_print_{cls.__name__}")
            if rule is not None:
                return rule
    return None


def _sympy_rule(node: type) -> Callable:
    """SymPy's own rule for a function of the table that has no LaTeX name of its own:
    exp(x) as e^{x}, |x|, \\log, \\tanh."""
    rules = (getattr(LatexPrinter, f"_print_{cls.__name__}", None) for cls in node.__mro__)
    return next(r for r in rules if r is not None)  # _print_Function at the latest


def tex(e: sp.Expr, names: dict[str, str] | None = None) -> str:
    """LaTeX of `e` with the declared LaTeX names."""
    return IndexLatexPrinter(names).doprint(e)


def _subscripted(tex: str) -> bool:
    """Whether a name's LaTeX has a subscript outside any braces (`W_1`, not `{W_1}`)."""
    depth = 0
    for ch in tex:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if ch == "_" and depth == 0:
            return True
    return False


_RELATIONS = {"<=": r"\le", "<": "<"}
