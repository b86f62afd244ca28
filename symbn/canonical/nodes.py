"""The SymPy nodes the engine handles, and a check that an expression holds no other.

SymPy's own algorithms sometimes answer with a node no stage of symbn knows: `factor` and
`expand` write exp(sum_k x_k) as `Product(exp(x_k), k)`, and a later stage (the printer of
the expression language, the concrete check, the rules) would meet it unprepared. A claim
whose expressions come to hold such a node has no verdict: it is unknown, with the node named
as the reason, never an internal error.
"""

from __future__ import annotations

import sympy as sp
from sympy.core.containers import Tuple

from symbn.language import functions
from symbn.language.relations import Iverson


class UnhandledNodeError(Exception):
    """An expression holds a SymPy node that the engine does not handle."""

    def __init__(self, node: str):
        super().__init__(f"the rewrite produced a SymPy {node}, which symbn does not handle")
        self.node = node


def _handled() -> tuple[type, ...]:
    return (
        sp.Add,
        sp.Mul,
        sp.Pow,
        sp.Symbol,
        sp.Indexed,
        sp.IndexedBase,
        sp.Rational,
        sp.Sum,
        sp.KroneckerDelta,
        Iverson,
        sp.Derivative,
        Tuple,
        sp.core.numbers.Pi,
        sp.core.numbers.Exp1,
        *functions.classes(),
    )


HANDLED = _handled()


def unhandled(e: sp.Basic) -> str | None:
    """The class name of the first node of `e` outside `HANDLED`, or None."""
    if not isinstance(e, sp.Basic):
        return None
    for x in sp.preorder_traversal(e):
        if not isinstance(x, HANDLED):
            return type(x).__name__
    return None


def check(*exprs: sp.Basic | None) -> None:
    """Raise UnhandledNodeError when one of `exprs` holds a node outside `HANDLED`."""
    for e in exprs:
        if e is None:
            continue
        node = unhandled(e)
        if node is not None:
            raise UnhandledNodeError(node)


def handled(e: sp.Basic) -> bool:
    """Whether `e` holds only nodes the engine handles."""
    return unhandled(e) is None
