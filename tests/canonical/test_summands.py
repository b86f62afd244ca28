"""symbn.canonical.summands: a difference of per-example sums gathered into one summand, and
the logs of positive factors split; every step an identity, so nothing false is made zero."""

from __future__ import annotations

import sympy as sp

from symbn.canonical.algebra import algebraic_zero
from symbn.canonical.summands import one_summand, split_logs, summand_zero
from symbn.language.indices import Index

N = sp.Symbol("N", positive=True, integer=True)
II = Index("i", N)
J = Index("j", N)
X = sp.IndexedBase("x", real=True)
Y = sp.IndexedBase("y", real=True)
B = sp.Symbol("b", real=True)


def logs_zero(e: sp.Expr) -> bool:
    return algebraic_zero(split_logs(e))


def test_sums_over_one_range_and_a_sum_free_term_become_one_summand():
    e = sp.Sum(X[II] * Y[II], (II, 1, N)) / N - B + B * sp.Sum(Y[J], (J, 1, N)) / N
    body = one_summand(e)
    assert body is not None
    (k,) = [a for a in body.free_symbols if isinstance(a, Index)]
    assert sp.expand(body - (X[k] * Y[k] / N - B / N + B * Y[k] / N)) == 0


def test_sums_of_different_ranges_or_nested_sums_are_left_alone():
    m = sp.Symbol("M", positive=True, integer=True)
    k = Index("k", m)
    assert one_summand(sp.Sum(X[II], (II, 1, N)) - sp.Sum(Y[k], (k, 1, m))) is None
    assert one_summand(sp.Sum(X[II], (II, 1, N)) * sp.Sum(Y[J], (J, 1, N))) is None
    assert one_summand(B) is None


def test_summands_that_cancel_only_together_are_zero():
    e = sp.Sum(X[II] - Y[II], (II, 1, N)) - sp.Sum(X[J], (J, 1, N)) + sp.Sum(Y[II], (II, 1, N))
    assert summand_zero(e, algebraic_zero)
    assert not summand_zero(e + B, algebraic_zero)


def test_a_constant_is_the_sum_of_its_average():
    e = B - sp.Sum(B, (II, 1, N)) / N
    assert summand_zero(e, algebraic_zero)


def test_logs_of_a_positive_quotient_split_by_factor():
    z = X[II]
    left = sp.log(1 / (1 + sp.exp(-z)))
    right = z - sp.log(1 + sp.exp(z))
    assert logs_zero(left - right)
    assert logs_zero(sp.log(1 - 1 / (1 + sp.exp(-z))) - sp.log(sp.exp(-z) / (1 + sp.exp(-z))))
    assert not logs_zero(left - (z + sp.log(1 + sp.exp(z))))
    assert not logs_zero(sp.log(1 + sp.exp(z)) - sp.log(1 + sp.exp(-z)))


def test_a_log_of_factors_not_known_positive_is_left_whole():
    z = X[II]
    whole = sp.log((1 - sp.exp(z)) / (2 - sp.exp(z)))
    assert split_logs(whole).has(sp.log(1 - sp.exp(z)).func)
    assert not logs_zero(whole - sp.log(sp.exp(z) - 1) + sp.log(sp.exp(z) - 2))
    free = sp.log(X[II] * Y[II])  # real, not positive: log(x y) is not log x + log y
    assert split_logs(free) == free


def test_an_exp_of_exps_is_left_whole():
    """e^{Σ_j e^{x_j}} holds exp atoms in its exponent: written t^c from the inside out, its
    own atom would no longer be found; the expression is left as it is."""
    inner = sp.Sum(sp.exp(X[J]), (J, 1, N))
    e = X[II] - sp.exp(inner) - sp.log(inner)
    assert split_logs(e) == e
    assert not logs_zero(e)
