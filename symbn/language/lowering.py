"""Claims and definitions written at matrix level, read element by element.

A claim whose sides are arrays written whole (`diff(loss, W) = X.T @ G`) is read at fresh
declared index letters of the right ranges, both sides at the same letters: the claim is
then `diff(loss, W[d, c]) = sum(X[n, d]*G[n, c], n)` and the engine proves it as any other.
An rhs of fewer axes broadcasts along the leading axes of the lhs (as an index-level rhs
may leave out an index of the lhs), and a scalar rhs along all of them. A side written whole
beside a side written with free indices is an error: the letters of the one cannot be
matched with the axes of the other without a guess, so the error says to subscript the
array, `(X.T @ G)[d, c]`, or to write both sides whole.

A definition written whole (`Z = X @ W + b`) defines each element at its `index` letters,
whose ranges must be the expression's shape; without an `index` list, at fresh declared
letters.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symbn.errors import InputError
from symbn.language import indices, matrix
from symbn.language.indices import Index
from symbn.language.scope import Scope
from symbn.language.tensor import Letters, Tensor, show
from symbn.source.spec import Define, Text

#: How a claim or a definition was written: with indices, or with arrays written whole.
INDEX, MATRIX = "index", "matrix"


@dataclass(frozen=True)
class Sides:
    """A claim's two sides in the index language, and how they were written."""

    lhs: sp.Expr
    rhs: sp.Expr | None
    notation: str


def claim(lhs: Text, rhs: Text | None, scope: Scope) -> Sides:
    """Both sides of a claim, read at the same letters when they are written whole."""
    names = Letters(scope.indices.values(), set())
    left = matrix.read(lhs, scope, names)
    right = None if rhs is None else matrix.read(rhs, scope, names)
    if not isinstance(left, Tensor) and not isinstance(right, Tensor):
        return Sides(left, right, INDEX)
    shape = left.shape if isinstance(left, Tensor) else ()
    if rhs is not None:
        _check_sides(left, right, shape, rhs)
    at = names.several(shape, frozenset(), _at(lhs), "reading the claim element by element")
    left_e = left.at(at) if isinstance(left, Tensor) else left
    right_e = right
    if isinstance(right, Tensor):
        right_e = right.at(at[len(at) - len(right.shape) :], at)
    return Sides(left_e, right_e, MATRIX)


def _check_sides(
    left: sp.Expr | Tensor, right: sp.Expr | Tensor | None, shape: tuple, rhs: Text
) -> None:
    """Refuse sides whose shapes do not line up (see the module's docstring)."""
    fail = _at(rhs)
    if isinstance(right, Tensor) and right.shape:
        if not shape and isinstance(left, sp.Expr) and indices.ordered_free(left):
            raise fail(
                f"the lhs is written with indices but the rhs is an array written whole "
                f"({show(right.shape)}): subscript the rhs, as (...)[i, j], or write the lhs "
                "whole too, as diff(loss, W)"
            )
        if len(right.shape) > len(shape) or shape[len(shape) - len(right.shape) :] != right.shape:
            raise fail(
                f"the lhs is {show(shape)} but the rhs is {show(right.shape)}: the two sides "
                "of a claim must have the same shape (or the rhs broadcast to the lhs's)"
            )
    elif shape and isinstance(right, sp.Expr) and indices.ordered_free(right):
        free = ", ".join(sorted(map(str, indices.ordered_free(right))))
        raise fail(
            f"the lhs is an array written whole ({show(shape)}) but the rhs has the free "
            f"indices {free}: write the rhs whole too, or the lhs with indices"
        )


def definition(d: Define, scope: Scope) -> tuple[tuple[Index, ...], sp.Expr, str]:
    """The index letters, the element and the notation of one definition."""
    names = Letters(scope.indices.values(), set())
    value = matrix.read(d.expr, scope, names)
    index = tuple(scope.indices[i] for i in d.index)
    if not isinstance(value, Tensor):
        return index, value, INDEX
    fail = _at(d.expr)
    if value.shape and not index:
        index = names.several(value.shape, frozenset(), fail, f"definition {d.name!r}")
    elif value.shape and tuple(i.size for i in index) != value.shape:
        raise fail(
            f"definition {d.name!r} is {show(value.shape)} but its index "
            f"[{', '.join(d.index)}] runs over {show(tuple(i.size for i in index))}"
        )
    return index, value.at(index if value.shape else (), index), MATRIX


def _at(text: Text):
    """The error maker for a whole expression: the caret under all of it."""
    return lambda message: InputError(message, text.where, len(text.value))
