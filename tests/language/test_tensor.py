"""symbn.language.tensor: shapes by NumPy's rules, fresh letters, and the element rules of
the array operations read at given indices."""

from __future__ import annotations

import pytest
import sympy as sp

from symbn.errors import InputError
from symbn.language import tensor
from symbn.language.indices import Index
from symbn.language.tensor import Letters, Tensor

N, C = (sp.Symbol(n, integer=True, positive=True) for n in "NC")
i, k = Index("i", N), Index("k", N)
j = Index("j", C)
A = sp.IndexedBase("A", shape=(N, C))
a = Tensor((N, C), lambda idx, _busy: A[idx], "A")
v = Tensor((C,), lambda idx, _busy: sp.IndexedBase("v")[idx], "v")


def fail(message: str) -> InputError:
    return InputError(message)


def test_shapes_are_shown_as_messages_write_them():
    assert tensor.show(()) == "a scalar"
    assert tensor.show((C,)) == "a vector over C"
    assert tensor.show((N, C)) == "N×C"


def test_trailing_axes_broadcast_and_others_do_not():
    assert tensor.broadcast(a, v, fail) == (N, C)
    assert tensor.broadcast(v, a, fail) == (N, C)
    with pytest.raises(InputError, match=r"A\.T is C×N and v is a vector over C: they do not"):
        tensor.broadcast(tensor.transpose(a, "A.T"), v, fail)


def test_a_fresh_letter_is_neither_busy_nor_reserved():
    names = Letters([k, i, j], {i})
    assert names.fresh(N, frozenset(), fail, "x") == k
    with pytest.raises(InputError, match="x needs an index letter over N"):
        names.fresh(N, frozenset({k}), fail, "x")
    assert names.several((N, C), frozenset(), fail, "x") == (k, j)


def test_axes_count_from_zero_and_from_the_end():
    assert tensor.axes_of(a, None, fail) == (0, 1)
    assert tensor.axes_of(a, -1, fail) == (1,)
    with pytest.raises(InputError, match="axis -3 is out of range for A, which is N×C"):
        tensor.axes_of(a, -3, fail)


def test_a_reduction_keeps_the_other_axes_in_order():
    names = Letters([i, k, j], set())
    total = tensor.reduction(a, (0,), "sum", names, fail)
    assert total.shape == (C,)
    assert total.at((j,)) == sp.Sum(A[i, j], (i, 1, N))
    assert tensor.reduction(a, (0,), "mean", names, fail).at((j,)) == sp.Sum(A[i, j], (i, 1, N)) / N


def test_elements_at_concrete_indices():
    names = Letters([i, k, j], set())
    assert tensor.eye(N, "eye(N)").at((sp.Integer(1), sp.Integer(2))) == 0
    product = tensor.matmul(tensor.ones(N, "ones(N)"), a, names, fail, "ones(N) @ A")
    assert product.at((sp.Integer(2),)) == sp.Sum(A[i, 2], (i, 1, N))
