"""Index expressions rewritten for array evaluation (`symbn.emit.arrays.arrayrewrite`).

`alpha` must give one key to expressions that differ only in the names of their indices (free
or bound) and different keys to different arrays, with a renaming that maps free indices
consistently. `Rewriter` must turn a delta under a sum into a substitution, move constant
factors out of sums and distribute only when `cost` goes down; every rewrite is checked to
keep the value, by expanding both sides at concrete sizes with exact element values.
`cost` is checked against counts worked out by hand.
"""

from __future__ import annotations

import random

import arraycode
import pytest
import sympy as sp
from headers import header

from symbn.emit.arrays.arrayrewrite import NOMINAL, Rewriter, alpha, cost
from symbn.language import indices
from symbn.language.indices import Index

N, L = sp.symbols("N L", integer=True, positive=True)
I_, K, P = (Index(n, N) for n in "ikp")
J, L_ = (Index(n, L) for n in "jl")
A, B, C, Q, H, MU, DY, GAMMA = (
    sp.IndexedBase(n) for n in ("A", "B", "c", "Q", "h", "mu", "dy", "gamma")
)
S = sp.Symbol("s", positive=True)
SIZES = {N: 3, L: 2}


def over(size: sp.Symbol, p: sp.Symbol) -> tuple:
    return (p, 1, size)


def value(e: sp.Expr, point: dict, seed: int = 0) -> float:
    """`e` at N = 3, L = 2 and the free indices of `point`, every array element and s an
    exact rational drawn from `seed` (the same element gets the same value in every call)."""
    expanded = e.xreplace(SIZES).doit().xreplace(point)
    values = {S: sp.Rational(7, 5)}
    for x in expanded.atoms(sp.Indexed):
        rng = random.Random(f"{seed} {x}")  # a str seed: the same under any hash seed
        values[x] = sp.Rational(rng.randint(-40, 40), rng.randint(1, 9))
    return float(expanded.xreplace(values))


def same_value(a: sp.Expr, b: sp.Expr) -> bool:
    """a and b agree at every value of their free indices, for two draws of the elements."""
    free = sorted(indices.free(a) | indices.free(b), key=str)
    points = [{}]
    for x in free:
        points = [{**pt, x: n} for pt in points for n in range(1, SIZES[x.size] + 1)]
    return all(
        value(a, pt, seed) == pytest.approx(value(b, pt, seed), rel=1e-12, abs=1e-12)
        for pt in points
        for seed in (0, 1)
    )


# -- alpha -----------------------------------------------------------------------------------
def test_centred_values_under_other_index_names_have_one_key():
    """h - mu inside sum((h[p, l] - mu[l])**2, p) (p free in it) and h[k, l] - mu[l]."""
    variance = sp.Sum((H[P, L_] - MU[L_]) ** 2, over(N, P))
    inside = next(x for x in sp.preorder_traversal(variance) if isinstance(x, sp.Add))
    key_p, env_p = alpha(inside)
    key_k, env_k = alpha(H[K, L_] - MU[L_])
    assert key_p == key_k
    assert env_p[P] == env_k[K]
    assert env_p[L_] == env_k[L_]
    assert env_p[P] != env_p[L_]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (sp.Sum(DY[K, J], over(N, K)), sp.Sum(DY[I_, J], over(N, I_))),
        (sp.Sum(A[P, L_] * B[P, L_], over(N, P)), sp.Sum(A[K, J] * B[K, J], over(N, K))),
        (A[K, L_] * sp.Sum(B[K, L_], over(N, K)), A[I_, L_] * sp.Sum(B[P, L_], over(N, P))),
        (
            sp.Sum(A[P, L_] * sp.Sum(B[P, L_], over(N, P)), over(N, P)),
            sp.Sum(A[P, L_] * sp.Sum(B[K, L_], over(N, K)), over(N, P)),
        ),
    ],
    ids=["bound", "free_and_bound", "free_name_reused_as_bound", "shadowed_bound"],
)
def test_expressions_differing_only_in_index_names_have_one_key(first, second):
    key_first, env_first = alpha(first)
    key_second, env_second = alpha(second)
    assert key_first == key_second
    back = {v: x for x, v in env_first.items()}
    renamed = second.xreplace({x: back[v] for x, v in env_second.items()})
    assert same_value(first, renamed)  # equal keys, equal arrays through the renamings


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (A[I_, K], A[K, K]),
        (A[K, L_], B[K, L_]),
        (A[K, L_], C[L_]),
        (sp.Sum(A[P, L_], over(N, P)), sp.Sum(A[P, L_], over(N, P)) / N),
        (
            sp.Sum(A[P, L_] * sp.Sum(Q[P, K], over(N, K)), over(N, P)),
            sp.Sum(A[P, L_] * sp.Sum(Q[K, K], over(N, K)), over(N, P)),
        ),
        (sp.Sum(Q[P, K], over(N, K), over(N, P)), sp.Sum(Q[K, K], over(N, K), over(N, P))),
    ],
    ids=["diagonal", "other_array", "other_rank", "other_factor", "nested_sums", "double_sum"],
)
def test_different_arrays_have_different_keys(first, second):
    assert alpha(first)[0] != alpha(second)[0]


def test_the_renaming_maps_free_indices_consistently():
    """A[i, k] and A[k, i] are one array: the renamings say which axis is which."""
    key_ik, env_ik = alpha(A[I_, K])
    key_ki, env_ki = alpha(A[K, I_])
    assert key_ik == key_ki
    assert env_ik[I_] == env_ki[K]
    assert env_ik[K] == env_ki[I_]
    assert env_ik[I_] != env_ik[K]
    for e in (A[I_, K], H[K, L_] - MU[L_], C[L_] * Q[I_, K] + A[K, L_]):
        key, env = alpha(e)
        assert set(env) == indices.free(e)
        assert len(set(env.values())) == len(env)  # no two free indices merged
        assert all(str(env[x]).startswith(f"_a{x.size}_") for x in env)
        assert key.xreplace({v: x for x, v in env.items()}) == e
    key, env = alpha(GAMMA[J] * sp.Sum(DY[K, J], over(N, K)))
    assert set(env) == {J}  # the bound k is renamed inside the key, not in the renaming
    assert K not in key.free_symbols


def test_nested_sums_over_one_range_never_capture_each_other():
    """The outer and the inner bound index get different names, and an inner sum gets the
    name it has standing alone: its key does not depend on the sums around it."""
    column = sp.Sum(DY[K, L_], over(N, K))
    nested = sp.Sum(H[P, L_] * column, over(N, P))
    key, _ = alpha(nested)
    outer = key.limits[0][0]
    (inner_sum,) = [s for s in key.atoms(sp.Sum) if s != key]
    inner = inner_sum.limits[0][0]
    assert outer != inner
    assert inner_sum == alpha(column)[0]
    assert inner not in key.function.xreplace({inner_sum: sp.S.One}).free_symbols


# -- Rewriter ----------------------------------------------------------------------------------
REWRITES = [
    (
        "delta_becomes_a_substitution",
        sp.Sum(sp.KroneckerDelta(I_, P) * A[P, L_], over(N, P)),
        A[I_, L_],
    ),
    (
        "delta_chain",
        sp.Sum(sp.KroneckerDelta(I_, P) * sp.KroneckerDelta(P, K), over(N, P)),
        sp.KroneckerDelta(I_, K),
    ),
    (
        "delta_in_one_term_of_a_sum",
        sp.Sum(sp.KroneckerDelta(I_, P) * A[P, L_] + B[P, L_], over(N, P)),
        A[I_, L_] + sp.Sum(B[P, L_], over(N, P)),
    ),
    (
        "delta_in_a_double_sum",
        sp.Sum(sp.KroneckerDelta(I_, P) * A[P, J] * B[K, J], over(N, P), over(L, J)),
        sp.Sum(A[I_, J] * B[K, J], over(L, J)),
    ),
    (
        "constant_factor_leaves_the_sum",
        sp.Sum(C[L_] * A[P, L_], over(N, P)),
        C[L_] * sp.Sum(A[P, L_], over(N, P)),
    ),
    ("constant_body_becomes_a_size", sp.Sum(C[L_], over(N, P)), N * C[L_]),
    (
        "constant_along_one_of_two_indices",
        sp.Sum(A[P, L_], over(N, P), over(N, K)),
        N * sp.Sum(A[P, L_], over(N, P)),
    ),
    (
        "no_capture_of_a_bound_index",
        sp.Sum(sp.KroneckerDelta(I_, P) * sp.Sum(Q[I_, P], over(N, I_)), over(N, P)),
        sp.Sum(sp.KroneckerDelta(I_, P) * sp.Sum(Q[I_, P], over(N, I_)), over(N, P)),
    ),
]


@pytest.mark.parametrize(("name", "before", "after"), REWRITES, ids=[r[0] for r in REWRITES])
def test_rewrite_reaches_the_expected_form_and_keeps_the_value(name, before, after):
    got = Rewriter()(before)
    assert got == after, name
    assert same_value(got, before)


def test_a_delta_whose_other_index_is_bound_inside_is_not_substituted():
    """sum_p Delta(i, p) sum_i Q[i, p] is the column sum at p = i; substituting p -> i
    inside would make it the trace."""
    e = sp.Sum(sp.KroneckerDelta(I_, P) * sp.Sum(Q[I_, P], over(N, I_)), over(N, P))
    trace = sp.Sum(Q[I_, I_], over(N, I_))
    assert not same_value(e, trace)
    assert same_value(Rewriter()(e), e)


def test_a_factor_constant_along_a_sum_moves_out_of_it():
    q = Index("q", N)
    rw = Rewriter()
    assert rw(sp.Sum(C[L_] * A[q, L_], over(N, q))) == C[L_] * sp.Sum(A[q, L_], over(N, q))


COMPACT = (
    C[L_]
    * (
        N * A[K, L_]
        - sp.Sum(A[P, L_], over(N, P))
        - B[K, L_] * sp.Sum(A[P, L_] * B[P, L_], over(N, P))
    )
    / (N * sp.sqrt(S + C[L_] ** 2))
)


def test_top_keeps_the_outermost_product_and_call_distributes():
    rw = Rewriter()
    top = rw.top(COMPACT)
    spread = rw(COMPACT)
    assert isinstance(top, sp.Mul)
    assert any(isinstance(f, sp.Add) and indices.free(f) == {K, L_} for f in top.args)
    assert isinstance(spread, sp.Add)
    assert len(spread.args) == 3
    assert C[L_] * A[K, L_] / sp.sqrt(S + C[L_] ** 2) in spread.args  # N / N cancelled
    assert cost(spread) < cost(top)
    assert same_value(top, COMPACT)
    assert same_value(spread, COMPACT)


def test_no_distribution_when_it_costs_more():
    """c * (A + B) is two full-size passes; c*A + c*B is three."""
    e = C[L_] * (A[K, L_] + B[K, L_])
    assert Rewriter()(e) == e
    assert cost(e) < cost(C[L_] * A[K, L_] + C[L_] * B[K, L_])


def test_no_distribution_of_a_factor_with_the_axes_of_the_sum():
    """A factor as large as the sum it multiplies is never spread over its terms."""
    e = A[K, L_] * (B[K, L_] + sp.Sum(A[P, L_], over(N, P)) / N)
    assert Rewriter().distribute(e) == e


# -- cost --------------------------------------------------------------------------------------
FULL = NOMINAL**2
COSTS = [
    ("element", A[K, L_], 0),
    ("column_sum", sp.Sum(A[P, L_], over(N, P)), FULL),
    ("scaled", C[L_] * A[K, L_], FULL),
    ("number_times_array", 2 * A[K, L_], FULL),
    ("identity", sp.KroneckerDelta(I_, K), FULL),
    ("vector_function", sp.sqrt(S + C[L_] ** 2), 3 * NOMINAL),
    ("factored", C[L_] * (A[K, L_] + B[K, L_]), 2 * FULL),
    ("distributed", C[L_] * A[K, L_] + C[L_] * B[K, L_], 3 * FULL),
    ("matrix_product", sp.Sum(A[K, J] * Q[J, P], over(L, J)), NOMINAL**3),
]


@pytest.mark.parametrize(("name", "e", "want"), COSTS, ids=[c[0] for c in COSTS])
def test_cost_counts_the_elements_written(name, e, want):
    assert cost(e) == want, name


# -- moved from test_vectorize.py ------------------------------------------------------------
HEADER = header(
    "rewrite cases",
    """
A = { shape = ["N", "L"] }
B = { shape = ["N", "L"] }
c = { shape = ["L"] }
s = { shape = [], positive = true }
""",
)

CASES = {
    "compact_backward": "c[l] * (N * A[k, l] - sum(A[p, l], p) - B[k, l] "
    "* sum(A[p, l] * B[p, l], p)) / (N * sqrt(s + c[l]**2))",
}


@pytest.fixture(scope="module")
def cases_model(tmp_path_factory):
    return arraycode.cases_model(tmp_path_factory.mktemp("rewrite"), HEADER, CASES)


def test_distribution_lowers_the_cost(cases_model):
    m = cases_model
    claim = next(c for c in m.claims if c.name == "compact_backward")
    rw = Rewriter()
    assert cost(rw(claim.lhs)) < cost(claim.lhs)
