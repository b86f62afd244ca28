"""LaTeX for index expressions, in the seed's notation: h_{k,l}, \\mu_{l}, \\Delta_{i,k}.

A subclass of SymPy's `LatexPrinter` that overrides only what symbn needs and raises on
any node it does not know, instead of printing something a reader could mistake for maths.
"""

from __future__ import annotations

import sympy as sp
from sympy.printing.latex import LatexPrinter


class IndexLatexPrinter(LatexPrinter):
    """`names` maps a declared name to its LaTeX (from the file's `latex` keys)."""

    def __init__(self, names: dict[str, str] | None = None):
        super().__init__({"mul_symbol": None, "fold_short_frac": False})
        self.names = dict(names or {})

    def emptyPrinter(self, expr):  # noqa: N802 - SymPy's hook name
        raise TypeError(f"no LaTeX rule for {type(expr).__name__}")

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
        return "{" + self.name(str(expr.base.label)) + "_{" + idx + "}}"

    def _print_KroneckerDelta(self, expr, exp=None):
        a, b = (self._print(x) for x in expr.args)
        out = rf"\Delta_{{{a},{b}}}"
        return f"{out}^{{{exp}}}" if exp else out

    def _print_Sum(self, expr):
        out = []
        for p, _lo, hi in reversed(expr.limits):
            out.append(rf"\sum_{{{self._print(p)}=1}}^{{{self._print(hi)}}}")
        body = self.parenthesize(expr.function, sp.printing.precedence.PRECEDENCE["Mul"])
        return " ".join(out) + " " + body

    def _print_Derivative(self, expr):
        (v, count), = expr.variable_count
        var = self._print(v)
        top = r"\partial" if count == 1 else rf"\partial^{{{count}}}"
        bottom = rf"\partial {var}" if count == 1 else rf"\partial {var}^{{{count}}}"
        if isinstance(expr.expr, sp.Indexed | sp.Symbol):
            return rf"\frac{{{top} {self._print(expr.expr)}}}{{{bottom}}}"
        return rf"\frac{{{top}}}{{{bottom}}} \left({self._print(expr.expr)}\right)"

    def _print_relu(self, expr, exp=None):
        out = rf"\operatorname{{ReLU}}\left({self._print(expr.args[0])}\right)"
        return f"{out}^{{{exp}}}" if exp else out

    def _print_step(self, expr, exp=None):
        out = rf"\operatorname{{step}}\left({self._print(expr.args[0])}\right)"
        return f"{out}^{{{exp}}}" if exp else out



def latex(e: sp.Expr, names: dict[str, str] | None = None) -> str:
    """LaTeX of `e` with the declared LaTeX names."""
    return IndexLatexPrinter(names).doprint(e)
