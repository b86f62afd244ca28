"""The SymPy classes of the language's functions that SymPy lacks: relu, step, sigmoid,
softplus, functions left unsaid (act, actb, …, actf, each with its first and second derivatives)
and max and min of two arguments. `symbn.language.functions` holds the table that says the
rest of what every stage needs about each (derivative, value in the concrete check,
spellings).
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp


class relu(sp.Function):  # noqa: N801 - the name users write
    """max(x, 0); its derivative is step(x) (taken as 0 at the kink)."""

    @classmethod
    def eval(cls, x):
        if x.is_Number and x.is_finite:
            return x if x > 0 else sp.S.Zero
        return None


class step(sp.Function):  # noqa: N801 - the name users write
    """Heaviside step, 1 for x > 0 and 0 otherwise; its derivative is 0 almost everywhere."""

    @classmethod
    def eval(cls, x):
        if x.is_Number and x.is_finite:
            return sp.S.One if x > 0 else sp.S.Zero
        return None


class sigmoid(sp.Function):  # noqa: N801 - the name users write
    """The logistic function 1 / (1 + exp(-x))."""

    @classmethod
    def eval(cls, x):
        if x.is_zero:
            return sp.S.Half
        return None


def _unsaid(name: str, doc: str) -> tuple[type[sp.Function], ...]:
    """An elementwise function left unsaid, `name`, and its first and second derivatives
    (`name`1, `name`2; the second's own derivative is not read)."""

    def derivative(of: type[sp.Function]) -> Callable[..., sp.Expr]:
        return lambda self, argindex=1: of(self.args[0])  # noqa: ARG005 - one argument

    second = type(f"{name}2", (sp.Function,), {"__doc__": f"The second derivative of `{name}`."})
    first = type(
        f"{name}1",
        (sp.Function,),
        {"__doc__": f"The derivative of `{name}`.", "fdiff": derivative(second)},
    )
    return type(name, (sp.Function,), {"__doc__": doc, "fdiff": derivative(first)}), first, second


#: An elementwise function the derivation leaves unsaid (σ, "the activation"), and its first
#: and second derivatives. A proof with it holds for every such function; the concrete check
#: evaluates it as tanh(x) + x/4 (UNSAID), so a counterexample is one for that function.
act, act1, act2 = _unsaid("act", "An elementwise function the derivation leaves unsaid.")
#: A second one (g beside f: a document's two activations, each written with a prime),
#: evaluated as tanh(2x)/2 + x/3 (UNSAID_B), unlike `act`, so that a line that takes one for
#: the other is refuted.
actb, actb1, actb2 = _unsaid("actb", "A second elementwise function the derivation leaves unsaid.")
#: Further ones, for a document that applies more functions it never defines (`h(x)`,
#: `p(q(x))`, `\\psi(z)` beside f and g), each evaluated unlike the others (`UNSAID_MORE`).
actc, actc1, actc2 = _unsaid("actc", "A third elementwise function the derivation leaves unsaid.")
actd, actd1, actd2 = _unsaid("actd", "A fourth elementwise function the derivation leaves unsaid.")
acte, acte1, acte2 = _unsaid("acte", "A fifth elementwise function the derivation leaves unsaid.")
actf, actf1, actf2 = _unsaid("actf", "A sixth elementwise function the derivation leaves unsaid.")


class softplus(sp.Function):  # noqa: N801 - the name users write
    """log(1 + exp(x)), a smooth relu; its derivative is sigmoid(x)."""

    @classmethod
    def eval(cls, x):
        if x.is_zero:
            return sp.log(2)
        return None


class _Extremum(sp.Function):
    """max(a, b) or min(a, b) of two arguments, kept in a canonical order (both are
    symmetric), so that max(b, a) is max(a, b); equal or numeric arguments evaluate."""

    nargs = 2
    pick: Callable = max

    @classmethod
    def eval(cls, a, b):
        if a == b:
            return a
        if a.is_Number and b.is_Number and a.is_finite and b.is_finite:
            return cls.pick(a, b)
        if sp.default_sort_key(b) < sp.default_sort_key(a):
            return cls(b, a)
        return None


class maximum(_Extremum):  # noqa: N801 - SymPy's Max is n-ary and rewrites itself
    """max(a, b); its partial derivatives are step(a - b) and step(b - a)."""

    pick = max


class minimum(_Extremum):  # noqa: N801 - SymPy's Min is n-ary and rewrites itself
    """min(a, b); its partial derivatives are step(b - a) and step(a - b)."""

    pick = min
