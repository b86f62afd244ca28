"""The array form of labels (`symbn.language.labels`): an element whose index is a label's
element, `P[n, y[n]]`, is a gather, and a delta with a label, `Delta(c, y[n])`, a one-hot
array.

Both index an array with one integer array per axis (NumPy's advanced indexing, which PyTorch
and JAX share): a label's array itself, which the exported functions take 0-based, as NumPy
and PyTorch number classes (the maths numbers them from 1, so y[n] is position y0[n]), an
`arange` along an index, or a fixed position. The index arrays broadcast against one another
along the axes of the result: P[n, y[n]] is `P[np.arange(N), y]`, and Delta(c, y[n]) along
(n, c) is `np.eye(C)[np.arange(C), y[:, None]]`, the one-hot rows of y.

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
        size = next(labels.range_of(a) or a.size for a in e.args if not a.is_Integer)
        return take(vec, vec.call("eye", str(size), vec.made()), e.args, make)
    return None


def take(vec: Any, code: str, idx: tuple, make: Make) -> Any:
    """`code` (an array, or a call that makes one) at one index array per axis, laid out
    along the indices that the entries use."""
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
        else:  # a size: the last position
            slots.append("-1")
    return make(f"{code}[{', '.join(slots)}]", axes)


def _free(i: sp.Expr) -> list[Index]:
    """The indices an entry uses, in reading order."""
    return [x for x in sp.preorder_traversal(i) if isinstance(x, Index)]
