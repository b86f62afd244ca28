"""The SymPy classes of the language's functions that SymPy lacks: relu, step, sigmoid,
softplus, an activation left unsaid (act, with its derivatives act1 and act2) and max and min
of two arguments. `symbn.language.functions` holds the table that says the rest of what
every stage needs about each (derivative, value in the concrete check, spellings).
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


class act(sp.Function):  # noqa: N801 - the name users write
    """An elementwise function the derivation leaves unsaid (σ, "the activation"); act1 and
    act2 are its first and second derivatives. A proof with it holds for every such
    function; the concrete check evaluates it as tanh(x) + x/4 (UNSAID), so a
    counterexample is one for that function."""

    def fdiff(self, argindex=1):  # noqa: ARG002 - one argument
        return act1(self.args[0])


class act1(sp.Function):  # noqa: N801 - the name users write
    """The derivative of `act`."""

    def fdiff(self, argindex=1):  # noqa: ARG002 - one argument
        return act2(self.args[0])


class act2(sp.Function):  # noqa: N801 - the name users write
    """The second derivative of `act`; its own derivative is not read."""


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
