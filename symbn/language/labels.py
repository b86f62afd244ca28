"""Integer inputs used as indices: labels.

An input declared `range = "C"`, `y = { shape = ["N"], range = "C" }`, holds whole numbers
in 1..C, one a row: class labels. Its name is a `LabelName`, a symbol that carries the size
its values range over (as an `Index` carries its own), so an element `y[n]` may stand
wherever an index over C does: `P[n, y[n]]`, `Delta(c, y[n])`. It is not a real value
(nothing adds or multiplies labels) and nothing is differentiated with respect to it.

The canonical form reads a label element as a value it cannot name, as it reads a size:
`Delta(c, y[n]) f(c) = Delta(c, y[n]) f(y[n])` and `sum_c Delta(c, y[n]) f(c) = f(y[n])`.
"""

from __future__ import annotations

import sympy as sp


class LabelName(sp.Symbol):
    """The name of a label input, whose values are whole numbers in 1..`range` (a size)."""

    __slots__ = ("range",)

    def __new__(cls, name: str, range_: sp.Symbol) -> LabelName:
        obj = sp.Symbol.__xnew__(cls, name, integer=True, positive=True)
        obj.range = range_
        return obj

    def _hashable_content(self):
        return (*super()._hashable_content(), self.range)

    def __getnewargs_ex__(self):
        return ((self.name, self.range), {})


def base(name: str, range_: sp.Symbol, shape: tuple[sp.Symbol, ...]) -> sp.IndexedBase:
    """The base of a label input of `shape` with values in 1..`range_`."""
    return sp.IndexedBase(LabelName(name, range_), shape=shape, integer=True, positive=True)


def range_of(x: sp.Expr) -> sp.Symbol | None:
    """The size a label element `y[n]` ranges over (None for anything else)."""
    if isinstance(x, sp.Indexed) and isinstance(x.base.label, LabelName):
        return x.base.label.range
    return None


def is_label(base: object) -> bool:
    """Whether `base` (an IndexedBase or a symbol) is that of a label input."""
    return isinstance(getattr(base, "label", None), LabelName)


def elements(e: sp.Expr) -> set[sp.Indexed]:
    """The label elements in `e`."""
    return {x for x in e.atoms(sp.Indexed) if range_of(x) is not None}
