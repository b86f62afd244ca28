"""symbn.canonical.ranges on windows moved along two axes (a 2-D convolution's input
gradient): the nested sums reach one form whichever parametrisation each is written in,
and an element at a number below 1 is off its axis."""

from __future__ import annotations

import pytest
import sympy as sp

from symbn.canonical.engine import Trace, canonical
from symbn.language.indices import Index

L = sp.Symbol("L", integer=True, positive=True)
K = sp.Symbol("K", integer=True, positive=True)
O = sp.Symbol("O", integer=True, positive=True)  # noqa: E741 - the output size
i, j = Index("i", O), Index("j", O)
k, q = Index("k", K), Index("q", K)
p, n = Index("p", L), Index("n", L)
g = sp.IndexedBase("g", shape=(O, O), real=True)  # the upstream gradient of a 2-D output
w = sp.IndexedBase("w", shape=(K, K), real=True)  # a 2-D kernel
x = sp.IndexedBase("x", shape=(L,), real=True)
v = sp.IndexedBase("v", shape=(K,), real=True)


def sums(f, *indices):
    for a in reversed(indices):
        f = sp.Sum(f, (a, 1, a.size))
    return f


#: dX of a 2-D correlation: over the kernel, over the output, and one axis of each
BY_KERNEL = sums(g[p - k + 1, n - q + 1] * w[k, q], k, q)
SAME = [
    (BY_KERNEL, sums(g[i, j] * w[p - i + 1, n - j + 1], i, j)),
    (BY_KERNEL, sums(g[i, n - q + 1] * w[p - i + 1, q], q, i)),
    (BY_KERNEL, sums(g[p - k + 1, j] * w[k, n - j + 1], j, k)),
    (sums(g[i, j] * w[p - i + 1, n - j + 1], j, i), sums(g[p - k + 1, n - q + 1] * w[k, q], q, k)),
]
#: each differs at some sizes and positions
DIFFERENT = [
    (BY_KERNEL, sums(g[p - k + 1, n - q] * w[k, q], k, q)),  # one axis off by one
    (BY_KERNEL, sums(g[p - k + 1, n - q + 1] * w[q, k], k, q)),  # the kernel transposed
    (BY_KERNEL, sums(g[p + k - 1, n + q - 1] * w[k, q], k, q)),  # the kernel not flipped
    (BY_KERNEL, sums(g[i, n - q + 1] * w[p - i, q], q, i)),
    (x[1] * v[k], sp.S.Zero),  # the first position is on its axis
]


@pytest.mark.parametrize(("left", "right"), SAME, ids=[str(m) for m in range(len(SAME))])
def test_a_window_moved_along_two_axes_has_one_form(left, right):
    trace = Trace()
    got = canonical(sp.S(left), trace)
    assert got == canonical(sp.S(right)), (got, canonical(sp.S(right)))
    assert "change of summation index" in {step[0].name for step in trace.steps}


@pytest.mark.parametrize(("left", "right"), DIFFERENT, ids=[str(m) for m in range(len(DIFFERENT))])
def test_different_windows_stay_apart(left, right):
    assert canonical(sp.S(left)) != canonical(sp.S(right))


@pytest.mark.parametrize("element", [x[0], x[-1], x[1 - 2] ** 2])
def test_an_element_below_its_axis_is_zero(element):
    trace = Trace()
    assert canonical(element * v[k], trace) == 0
    assert "element off its axis" in {step[0].name for step in trace.steps}
