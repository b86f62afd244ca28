"""A recurrence: a definition that refers to itself at earlier steps of one axis.

`h[t, j] = tanh(sum(W[j, m] * (h[t - 1, m] + If(t == 1) * h0[m]), m) + ...)` uses its own
element at t - 1. The one thing a definition may use of itself is an element whose entry on
one axis, the time axis, is the definition's own letter of that axis less a constant c >= 1
(`h[t - 1, m]`, `h[t - 2, m]`); every self-reference uses the same axis. Before the first
step the element is off its axis, hence zero, as any moved position is; the initial state is
written as an input added where the step before is off the axis (`If(t == 1) * h0[m]`).

`find` reads the recurrence of a parsed body, or says at which self-reference it is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symbn.errors import InputError, Location
from symbn.language import relations
from symbn.language.indices import Index


@dataclass(frozen=True)
class Recurrence:
    """The time axis of a self-referring definition and the lags c of its uses D[t - c]."""

    axis: int
    lags: tuple[int, ...]

    def letter(self, index: tuple[Index, ...]) -> Index:
        """The definition's own letter of the time axis."""
        return index[self.axis]


class SelfReferenceError(ValueError):
    """A self-reference that is not D[..., t - c, ...] with c >= 1 on the one time axis."""


def uses(name: str, body: sp.Expr) -> list[sp.Indexed]:
    """The elements of `name` that `body` holds, in a stable order."""
    found = {x for x in body.atoms(sp.Indexed) if x.base.label.name == name}
    return sorted(found, key=sp.default_sort_key)


def find(name: str, index: tuple[Index, ...], body: sp.Expr) -> Recurrence | None:
    """The recurrence of definition `name[index] = body` (None when the body does not use
    `name`); `SelfReferenceError` names what is wrong with a use."""
    elements = uses(name, body)
    if not elements and not any(
        isinstance(s, sp.Symbol) and s.name == name for s in body.free_symbols
    ):
        return None
    if not index or len(elements) == 0:
        raise SelfReferenceError(
            f"definition {name!r} uses itself; a definition may refer to itself only at an "
            "earlier step of one axis, such as h[t - 1, m]"
        )
    axes: set[int] = set()
    lags: set[int] = set()
    for e in elements:
        found = _lag(e, index)
        if found is None:
            raise SelfReferenceError(
                f"definition {name!r} uses itself at {e}; a recurrence refers to itself at "
                f"{_example(name, index)}: its own letter less a constant c >= 1 on one "
                "axis, the time axis"
            )
        axes.add(found[0])
        lags.add(found[1])
    if len(axes) > 1:
        raise SelfReferenceError(
            f"definition {name!r} refers to itself at earlier positions of more than one "
            "axis; a recurrence runs along one axis, the time axis"
        )
    return Recurrence(axes.pop(), tuple(sorted(lags)))


def _lag(e: sp.Indexed, index: tuple[Index, ...]) -> tuple[int, int] | None:
    """(axis, c) when element `e` is at t - c (c >= 1) on exactly one axis, t being the
    definition's letter there, and at plain indices elsewhere; else None."""
    if len(e.indices) != len(index):
        return None
    moved = []
    for axis, (at, letter) in enumerate(zip(e.indices, index, strict=True)):
        if not relations.position(at):  # a letter, a number or a size: not moved
            continue
        terms = relations.linear(at)
        if terms is None:
            return None
        c = terms.pop(sp.S.One, sp.S.Zero)
        if terms != {letter: 1} or not (c.is_Integer and c <= -1):
            return None
        moved.append((axis, int(-c)))
    return moved[0] if len(moved) == 1 else None


def _example(name: str, index: tuple[Index, ...]) -> str:
    return f"{name}[{', '.join([f'{index[0]} - 1', *map(str, index[1:])])}]"


def checked(
    name: str, index: tuple[Index, ...], body: sp.Expr, itself: Location | None
) -> Recurrence | None:
    """The recurrence of a definition that uses itself, refused at its first self-use
    unless it is one (`find`)."""
    if itself is None:
        return None
    try:
        found = find(name, index, body)
    except SelfReferenceError as exc:
        raise InputError(str(exc), itself, len(name)) from None
    if found is None:
        raise InputError(
            f"definition {name!r} uses itself; a definition may refer to itself only at an "
            "earlier step of one axis, such as h[t - 1, m]",
            itself,
            len(name),
        )
    return found
