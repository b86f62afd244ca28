"""symbn.emit.arrays.extent: the output length a forward pass computes from the positions it
reads, one row per kind of read, and the refusal when nothing tells it."""

from __future__ import annotations

import pytest
import sympy as sp

from symbn.emit.arrays import extent
from symbn.emit.arrays.statements import Assign, If
from symbn.emit.arrays.vectorize import VectorizeError
from symbn.language.indices import Index

L, K, O = (sp.Symbol(s, integer=True, positive=True) for s in "LKO")  # noqa: E741
i, k = Index("i", O), Index("k", K)
x = sp.IndexedBase("x", shape=(L,))
w = sp.IndexedBase("w", shape=(K,))

#: (the position x is read at, padding, the length of O as the forward computes it)
ROWS = [
    (i + k - 1, "valid", "-K + L + 1"),  # no padding: O = L - K + 1
    (i + k - 1, "zero", "-K + L + 1"),  # the positions never reach below the axis
    (i + k - 2, "zero", "-K + L + 3"),  # one zero at each end
    (2 * i + k - 3, "zero", "(-K + L + 4) // 2"),  # stride 2, padding 1
    (3 * i + k - 5, "zero", "(-K + L + 7) // 3"),  # stride 3, padding 2
    (2 * i + k - 2, "valid", "(-K + L + 2) // 2"),  # stride 2, no padding
    (i - 1, "zero", "L + 2"),  # h[t - 1]: one zero before, and one after, as padding is
]


@pytest.mark.parametrize(("at", "padding", "length"), ROWS, ids=[str(r[:2]) for r in ROWS])
def test_the_output_length_from_a_read(at, padding, length):
    body = sp.Sum(w[k] * x[at], (k, 1, K))
    assert extent.lengths([body], O, {"L", "K"}, padding) == [length]


def test_the_statements_bind_the_length_and_refuse_below_one():
    body = sp.Sum(w[k] * x[2 * i + k - 3], (k, 1, K))
    bind, check = extent.computed([body], [O], {"L", "K"}, "zero")
    assert bind == Assign("O", "(-K + L + 4) // 2")
    assert isinstance(check, If)
    assert check.test == "O < 1"
    assert "the windows do not fit" in check.body[0].error


def test_a_length_nothing_tells_is_refused():
    with pytest.raises(VectorizeError, match="no argument gives the size O"):
        extent.computed([w[k]], [O], {"L", "K"}, "zero")
    # a read along O whose axis's own size is unknown tells nothing either
    with pytest.raises(VectorizeError, match="no argument gives the size O"):
        extent.computed([x[i + k - 1]], [O], {"K"}, "zero")
