"""Whole arrays of the matrix language, and their operations as NumPy defines them.

A `Tensor` is an array written whole (`X`, `X.T @ G`, `softmax(Z, axis=1)`): its shape, a
tuple of sizes, and the rule that gives its element at any indices in the index language,
so that lowering is reading it at index letters: `(X.T @ G)` at (d, c) is
`sum(X[n, d]*G[n, c], n)`. A sum an operation needs runs over a fresh declared letter of
the right range, none of the letters in use where it stands (`busy`); when none is left,
the error asks for one more. Shapes follow NumPy: elementwise operands broadcast with
trailing axes aligned, and with symbolic sizes an axis broadcasts only against the same
size (no axis is assumed to have length 1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import sympy as sp

from symbn.errors import InputError
from symbn.language.indices import Index

Shape = tuple[sp.Symbol, ...]
Busy = frozenset[Index]
#: An element rule: (indices, the letters in use there) -> the element in the index language.
Element = Callable[[tuple[sp.Expr, ...], Busy], sp.Expr]
#: Makes the error for one operation: located at its operator or operand.
Fail = Callable[[str], InputError]


@dataclass(frozen=True)
class Tensor:
    """An array written whole: `shape` (() for a scalar the matrix language computed), the
    rule for its elements, and how the expression writes it (for messages)."""

    shape: Shape
    element: Element
    written: str

    def at(self, idx: Sequence[sp.Expr], busy: Iterable[Index] = ()) -> sp.Expr:
        """The element at `idx` (as many indices as axes), with `busy` letters also in use."""
        return self.element(tuple(idx), frozenset(busy) | letters(idx))


def letters(idx: Iterable[sp.Expr]) -> Busy:
    """The index letters among `idx` (a concrete index or a size is none)."""
    return frozenset(i for i in idx if isinstance(i, Index))


def show(shape: Shape) -> str:
    """A shape as the messages write it: `D×N`, `a vector over C`, `a scalar`."""
    if not shape:
        return "a scalar"
    if len(shape) == 1:
        return f"a vector over {shape[0]}"
    return "×".join(map(str, shape))


class Letters:
    """Fresh declared index letters: the first one of a size, by name, that is neither
    busy where it is needed nor written by the user anywhere in the expression."""

    def __init__(self, declared: Iterable[Index], reserved: set[Index]):
        self.declared = sorted(declared, key=lambda i: i.name)
        self.reserved = reserved  # filled while the expression is walked

    def fresh(self, size: sp.Symbol, busy: Busy, fail: Fail, why: str) -> Index:
        for letter in self.declared:
            if letter.size == size and letter not in busy and letter not in self.reserved:
                return letter
        raise fail(
            f"{why} needs an index letter over {size} that is not in use there; "
            f"declare one more in [indices] (a letter = {str(size)!r})"
        )

    def several(self, sizes: Sequence[sp.Symbol], busy: Busy, fail: Fail, why: str) -> tuple:
        out: list[Index] = []
        for size in sizes:
            out.append(self.fresh(size, busy | frozenset(out), fail, why))
        return tuple(out)


def broadcast(a: Tensor, b: Tensor, fail: Fail) -> Shape:
    """NumPy's broadcast of two shapes of sizes, trailing axes aligned."""
    long, short = (a.shape, b.shape) if len(a.shape) >= len(b.shape) else (b.shape, a.shape)
    if long[len(long) - len(short) :] != short:
        raise fail(
            f"{a.written} is {show(a.shape)} and {b.written} is {show(b.shape)}: "
            "they do not broadcast (trailing axes must have the same sizes)"
        )
    return long


def _trailing(t: Tensor, idx: tuple) -> tuple:
    return idx[len(idx) - len(t.shape) :] if t.shape else ()


def elementwise(
    op: Callable[..., sp.Expr], operands: Sequence[Tensor], fail: Fail, written: str
) -> Tensor:
    """op applied element by element to one operand, or to two broadcast against each
    other (`A * B`, `max(0, H)`)."""
    shape = operands[0].shape if len(operands) == 1 else broadcast(operands[0], operands[1], fail)

    def element(idx: tuple, busy: Busy) -> sp.Expr:
        return op(*[t.element(_trailing(t, idx), busy) for t in operands])

    return Tensor(shape, element, written)


def matmul(a: Tensor, b: Tensor, names: Letters, fail: Fail, written: str) -> Tensor:
    """`a @ b` by NumPy's rules for one- and two-axis operands: 2-D @ 2-D is the matrix
    product, 1-D @ 2-D and 2-D @ 1-D vector products, 1-D @ 1-D the dot product."""
    for t in (a, b):
        if not t.shape:
            raise fail(f"{t.written} is a scalar: @ multiplies arrays (use * for a scalar)")
        if len(t.shape) > 2:
            raise fail(f"{t.written} is {show(t.shape)}: @ is read for one or two axes only")
    inner = b.shape[0]
    if a.shape[-1] != inner:
        raise fail(
            f"{a.written} is {show(a.shape)} and {b.written} is {show(b.shape)}: "
            "they do not conform"
        )
    rows = len(a.shape) - 1

    def element(idx: tuple, busy: Busy) -> sp.Expr:
        d = names.fresh(inner, busy, fail, "this product")
        inside = busy | {d}
        body = a.element((*idx[:rows], d), inside) * b.element((d, *idx[rows:]), inside)
        return sp.Sum(body, (d, 1, inner))

    return Tensor(a.shape[:-1] + b.shape[1:], element, written)


def transpose(a: Tensor, written: str) -> Tensor:
    """`a.T`: the axes in reverse order (a vector is its own transpose, as in NumPy)."""
    return Tensor(a.shape[::-1], lambda idx, busy: a.element(idx[::-1], busy), written)


def axes_of(a: Tensor, axis: int | None, fail: Fail) -> tuple[int, ...]:
    """The axes a reduction runs over: all of them (axis None), or one, counted from 0
    (negative from the end, as in NumPy)."""
    if axis is None:
        return tuple(range(len(a.shape)))
    if not -len(a.shape) <= axis < len(a.shape):
        raise fail(f"axis {axis} is out of range for {a.written}, which is {show(a.shape)}")
    return (axis % len(a.shape),)


def _insert(idx: tuple, axes: tuple[int, ...], at: tuple) -> tuple:
    """The full indices of an array whose `axes` are reduced: `idx` around `at`."""
    out: list = []
    rest = iter(idx)
    run = iter(at)
    for n in range(len(idx) + len(axes)):
        out.append(next(run) if n in axes else next(rest))
    return tuple(out)


def reduction(a: Tensor, axes: tuple[int, ...], kind: str, names: Letters, fail: Fail) -> Tensor:
    """`a.sum(axis=…)`, `.mean(axis=…)` or `.var(axis=…)` (the population variance, the
    mean square deviation from the mean) over `axes`."""
    sizes = tuple(a.shape[n] for n in axes)
    count = sp.Mul(*sizes)
    why = f"{a.written}.{kind}()"

    def total(idx: tuple, busy: Busy, body: Callable[[tuple, Busy], sp.Expr]) -> sp.Expr:
        run = names.several(sizes, busy, fail, why)
        out = body(_insert(idx, axes, run), busy | frozenset(run))
        for letter in reversed(run):
            out = sp.Sum(out, (letter, 1, letter.size))
        return out

    def element(idx: tuple, busy: Busy) -> sp.Expr:
        if kind == "sum":
            return total(idx, busy, a.element)
        mean = total(idx, busy, a.element) / count
        if kind == "mean":
            return mean

        def square(full: tuple, inside: Busy) -> sp.Expr:
            return (a.element(full, inside) - total(idx, inside, a.element) / count) ** 2

        return total(idx, busy, square) / count

    shape = tuple(s for n, s in enumerate(a.shape) if n not in axes)
    return Tensor(shape, element, f"{why}")


def softmax(a: Tensor, axis: int, names: Letters, fail: Fail, written: str) -> Tensor:
    """exp(a) normalised along `axis`: at its indices, exp(a) over the sum of exp(a) along
    the axis (softmax(Z, axis=1) normalises each row of a matrix)."""
    (n,) = axes_of(a, axis, fail)
    size = a.shape[n]

    def element(idx: tuple, busy: Busy) -> sp.Expr:
        q = names.fresh(size, busy, fail, "softmax")
        other = a.element((*idx[:n], q, *idx[n + 1 :]), busy | {q})
        return sp.exp(a.element(idx, busy)) / sp.Sum(sp.exp(other), (q, 1, size))

    return Tensor(a.shape, element, written)


def ones(size: sp.Symbol, written: str) -> Tensor:
    """The vector of ones over `size` (`ones(N) @ G` sums the columns of G)."""
    return Tensor((size,), lambda _idx, _busy: sp.S.One, written)


def eye(size: sp.Symbol, written: str) -> Tensor:
    """The identity matrix over `size`: Delta at each element."""
    return Tensor((size, size), lambda idx, _busy: sp.KroneckerDelta(*idx), written)


def diag(a: Tensor, fail: Fail, written: str) -> Tensor:
    """As NumPy's diag: the diagonal matrix of a vector, or the diagonal of a square matrix."""
    if len(a.shape) == 1:
        return Tensor(
            a.shape * 2,
            lambda idx, busy: a.element(idx[:1], busy) * sp.KroneckerDelta(*idx),
            written,
        )
    square(a, fail, "diag()")
    return Tensor(a.shape[:1], lambda idx, busy: a.element(idx * 2, busy), written)


def trace(a: Tensor, names: Letters, fail: Fail, written: str) -> Tensor:
    """The sum of the diagonal of a square matrix (a scalar)."""
    square(a, fail, "trace()")

    def element(_idx: tuple, busy: Busy) -> sp.Expr:
        d = names.fresh(a.shape[0], busy, fail, "trace()")
        return sp.Sum(a.element((d, d), busy | {d}), (d, 1, a.shape[0]))

    return Tensor((), element, written)


def outer(a: Tensor, b: Tensor, fail: Fail, written: str) -> Tensor:
    """The outer product of two vectors: a[x] * b[y] at (x, y)."""
    for t in (a, b):
        if len(t.shape) != 1:
            raise fail(f"outer() takes two vectors, but {t.written} is {show(t.shape)}")
    return Tensor(
        a.shape + b.shape,
        lambda idx, busy: a.element(idx[:1], busy) * b.element(idx[1:], busy),
        written,
    )


def square(a: Tensor, fail: Fail, what: str) -> None:
    """Refuse what is not a square matrix for `what`."""
    if len(a.shape) != 2 or a.shape[0] != a.shape[1]:
        raise fail(f"{what} takes a square matrix, but {a.written} is {show(a.shape)}")
