"""flat_zero: a difference of sums nested two ways is zero; anything else is not."""

from __future__ import annotations

import sympy as sp

from symbn.canonical.flat import flat_zero
from symbn.language.indices import Index

T, E = sp.symbols("T E", positive=True, integer=True)
r, s, t = (Index(x, T) for x in "rst")
e, f = (Index(x, E) for x in "ef")
P, V, G, Q = (sp.IndexedBase(x) for x in "PVGQ")


def summed(body, *idx):
    return sp.Sum(body, *((i, 1, i.size) for i in idx))


def test_the_same_sum_nested_two_ways_is_zero():
    one = summed(V[r, f] * summed(G[s, f] * P[s, r] * P[s, t] * Q[s, e], s), r, f)
    two = summed(P[r, t] * Q[r, e] * summed(G[r, f] * summed(P[r, s] * V[s, f], s), f), r)
    assert flat_zero(one - two)
    assert flat_zero(3 * one - 3 * two)


def test_a_real_difference_is_not_zero():
    one = summed(V[r, f] * summed(G[s, f] * P[s, r] * P[s, t] * Q[s, e], s), r, f)
    wrong = summed(
        P[r, t] * Q[r, e] * summed(G[r, f] * summed(P[s, r] * V[s, f], s), f), r
    )  # P transposed
    assert not flat_zero(one - wrong)
    assert not flat_zero(one - 2 * one / 3)


def test_a_bound_index_does_not_capture_a_free_one():
    # sum_r P[r, t] * Q[r, e] is not sum_r P[r, t] * Q[t, e] although the letters meet
    left = summed(P[r, t], r) * Q[r, e]  # r free in the second factor
    right = summed(P[r, t] * Q[r, e], r)
    assert not flat_zero(left - right)
    assert flat_zero(left - summed(P[s, t], s) * Q[r, e])


def test_products_of_sums_are_distributed():
    left = summed(P[t, r], r) * summed(P[t, s] * G[s, e], s)
    right = summed(summed(P[t, s] * P[t, r] * G[r, e], s), r)
    assert flat_zero(left - right)
    assert flat_zero(summed(P[t, r], r) ** 2 - summed(summed(P[t, r] * P[t, s], s), r))
