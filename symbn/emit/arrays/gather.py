"""The array form of labels (`symbn.language.labels`): an element whose index is a label's
element, `P[n, y[n]]`, is a gather, and a delta with a label, `Delta(c, y[n])`, a one-hot
array.

Both index an array with one integer array per axis (NumPy's advanced indexing, which PyTorch
and JAX share): a label's array itself, which the exported functions take 0-based, as NumPy
and PyTorch number classes (the maths numbers them from 1, so y[n] is position y0[n]), an
`arange` along an index, or a fixed position. The index arrays broadcast against one another
along the axes of the result: P[n, y[n]] is `P[np.arange(N), y]`. A delta compares two
such arrays: Delta(c, y[n]) along (n, c) is `(np.arange(C) == y[:, None])` in the working
dtype, the one-hot rows of y (a comparison, measured 4x faster than rows of `np.eye(C)`).

The printer (`arrays.vectorize.Vectorizer`) hands itself and its `Term` to `term`, so this
module imports none of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp

from symbn.language import labels
from symbn.language.indices import Index

Make = Callable[[str, tuple], Any]  # the printer's Term(code, axes)


def term(vec: Any, e: sp.Expr, make: Make) -> Any:
    """The array (a `make` of code and axes) of a node that holds a label as an index, for
    the printer `vec`; None for any other node."""
    if isinstance(e, sp.Indexed) and any(labels.range_of(i) is not None for i in e.indices):
        return take(vec, str(e.base.label), e.indices, make)
    if isinstance(e, sp.KroneckerDelta) and any(labels.range_of(a) is not None for a in e.args):
        axes, (a, b) = _positions(vec, e.args, make, last="{} - 1")
        return make(f"({a} == {b}){vec.cast.format(dtype=vec.dtype)}", axes)
    return None


def take(vec: Any, code: str, idx: tuple, make: Make) -> Any:
    """`code` (an array, or a call that makes one) at one index array per axis, laid out
    along the indices that the entries use."""
    axes, slots = _positions(vec, idx, make, last="-1")
    return make(f"{code}[{', '.join(slots)}]", axes)


def _positions(vec: Any, idx: tuple, make: Make, last: str) -> tuple[tuple, list[str]]:
    """The axes the entries `idx` use, and the code of each entry's 0-based positions, an
    array broadcast along those axes (a size's last position is `last` of its name)."""
    axes = vec.sorted_axes(x for i in idx for x in _free(i))
    slots = []
    for i in idx:
        if i.is_Integer:
            slots.append(str(int(i) - 1))
        elif isinstance(i, Index):
            at = make(vec.call("arange", str(i.size) + vec.index_options), (i,))
            slots.append(vec.align(at, axes).code)
        elif labels.range_of(i) is not None:
            slots.append(vec.align(vec.term(i), axes).code)
        else:
            slots.append(last.format(i))
    return axes, slots


def _free(i: sp.Expr) -> list[Index]:
    """The indices an entry uses, in reading order."""
    return [x for x in sp.preorder_traversal(i) if isinstance(x, Index)]


def scattered(x: sp.Expr | None, k: sp.Expr, axes: tuple) -> bool:
    """Whether k * x, x a delta Delta(c, y[n]) along `axes`, can be added where its ones are
    (`dst[np.arange(N), y] += k`) instead of as a full one-hot: c one of the axes, the
    label's indices and k's the others."""
    if not isinstance(x, sp.KroneckerDelta):
        return False
    a, b = x.args
    label, c = (a, b) if labels.range_of(a) is not None else (b, a)
    if labels.range_of(label) is None or c not in axes:
        return False
    rows = set(axes) - {c}
    return set(_free(label)) <= rows and set(_free(k)) <= rows


def positions_of(vec: Any, dst: str, x: sp.KroneckerDelta, axes: tuple, make: Make) -> tuple:
    """The code of dst at the ones of the delta x (`scattered`), and the axes of that
    selection, along which the value added is laid out."""
    a, b = x.args
    label, c = (a, b) if labels.range_of(a) is not None else (b, a)
    at = take(vec, dst, tuple(label if i == c else i for i in axes), make)
    return at.code, at.axes
