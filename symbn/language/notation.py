"""Index expressions printed in the expression language of derivation files.

Everything symbn shows a user about a claim (closed forms, residuals, the formulas in
generated docstrings) is printed here, so that it can be pasted back into an `rhs`:
`Delta(j, l)`, `sum(g[k, j], k)`, `diff(u[k, l], h[i, j])`, never SymPy's `KroneckerDelta`
or `Sum(x, (k, 1, N))`. The printer is strict: a node the language has no spelling for
raises `NotationError` instead of printing something that would not parse back.
"""

from __future__ import annotations

import sympy as sp
from sympy.printing.str import StrPrinter

from symbn.errors import InternalError
from symbn.language import functions, relations


class NotationError(InternalError):
    """An expression holds a node the expression language cannot spell."""


class NotationPrinter(StrPrinter):
    """`StrPrinter` with the language's spelling of sums, deltas and derivatives."""

    def emptyPrinter(self, expr):  # noqa: N802 - SymPy's hook name
        raise NotationError(f"no spelling in the expression language for {type(expr).__name__}")

    def _print_Basic(self, expr):
        return self.emptyPrinter(expr)

    def _print_Sum(self, expr):
        # Sum(f, (q, ..), (p, ..)) is sum(f, p, q): the language lists the outer index first
        idx = ", ".join(self._print(lim[0]) for lim in reversed(expr.limits))
        return f"sum({self._print(expr.function)}, {idx})"

    def _print_Derivative(self, expr):
        out = self._print(expr.expr)
        for v, count in expr.variable_count:
            for _ in range(count):
                out = f"diff({out}, {self._print(v)})"
        return out

    def _print_KroneckerDelta(self, expr):
        a, b = (self._print(x) for x in expr.args)
        return f"Delta({a}, {b})"

    def _print_Iverson(self, expr):
        a, op, b = relations.spelled(expr)
        return f"If({self._print(a)} {op} {self._print(b)})"

    def _print_Function(self, expr):
        entry = functions.of(expr)
        if entry is None:
            return self.emptyPrinter(expr)
        return f"{entry.name}({', '.join(self._print(a) for a in expr.args)})"

    _print_Abs = _print_Function
    _print_sign = _print_Function

    def _print_Exp1(self, expr):
        del expr  # the number e
        return "exp(1)"

    def _print_Symbol(self, expr):
        if expr.name.startswith("_"):  # symbn's own bound index or placeholder
            return self.emptyPrinter(expr)
        return expr.name

    def _print_Float(self, expr):
        return self.emptyPrinter(expr)


def formula(e: sp.Expr) -> str:
    """`e` in the expression language (bound indices must already have declared names)."""
    return NotationPrinter().doprint(e)
