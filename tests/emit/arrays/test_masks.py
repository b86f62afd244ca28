"""symbn.emit.arrays.masks: a relation between indices as an array, each case's code
checked against a direct loop evaluation (as tests/emit/arrays/test_vectorize.py checks
its cases), a causal mask as a triangle, and a relation with no array form refused."""

from __future__ import annotations

import arraycode
import pytest
import sympy as sp
from emit.arrays.test_vectorize import HEADER

from symbn.emit.arrays.kernel import Output
from symbn.emit.arrays.vectorize import VectorizeError, Vectorizer
from symbn.emit.frameworks.printers import JaxVectorizer, TorchVectorizer
from symbn.language.indices import Index
from symbn.language.relations import Iverson

CASES = {
    "causal": "If(p <= k) * Q[k, p]",
    "strict_transposed": "If(k < p) * Q[k, p]",
    "shifted": "If(p <= k + 1) * Q[k, p]",
    "restricted_sum": "sum(Q[k, p], p, p <= k)",
    "restricted_sum_strict": "sum(A[p, l], p, p < k)",
    "not_equal": "sum(Q[k, p], p, p != k)",
    "one_index": "If(k >= 2) * A[k, l]",
    "two_ranges": "If(j <= k) * A[k, j]",
    "with_a_size": "If(k + 1 <= N) * A[k, l]",
    "chain": "If(2 <= k + l <= N) * A[k, l]",
}


@pytest.fixture(scope="module")
def cases_model(tmp_path_factory):
    return arraycode.cases_model(tmp_path_factory.mktemp("masks"), HEADER, CASES)


def source(m, name: str) -> str:
    claim = next(c for c in m.claims if c.name == name)
    return arraycode.kernel_source(m, [Output("out", claim.lhs, claim.free)])


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_matches_the_loop_evaluation(cases_model, name, tmp_path):
    m = cases_model
    claim = next(c for c in m.claims if c.name == name)
    module = arraycode.load(source(m, name), tmp_path / f"mask_{name}.py")
    arraycode.check_against_loops(m, module.case, [Output("out", claim.lhs, claim.free)])


def test_a_causal_mask_is_a_triangle_and_nothing_loops(cases_model):
    sources = {name: source(cases_model, name) for name in CASES}
    assert not any(" for " in s or "while " in s for s in sources.values())
    assert "np.tri(N, N, 0, dtype=dtype)" in sources["causal"]
    assert "np.arange(1, L + 1" in sources["two_ranges"]


N = sp.Symbol("N", integer=True, positive=True)
k, m = Index("k", N), Index("m", N)


@pytest.mark.parametrize(
    ("printer", "code"),
    [
        (Vectorizer, "np.tri(N, N, -1, dtype=dtype).T"),
        (JaxVectorizer, "jnp.tri(N, N, -1, dtype=dtype).T"),
        (
            TorchVectorizer,
            "torch.tril(torch.ones(N, N, dtype=dtype, device=device), diagonal=-1).T",
        ),
    ],
)
def test_each_library_spells_the_triangle(printer, code):
    t = printer([k, m]).term(Iverson(m - k - 1))  # [k < m] along (k, m)
    assert (t.code, t.axes) == (code, (k, m))


def test_a_relation_of_something_other_than_indices_is_refused():
    x = sp.IndexedBase("x")
    with pytest.raises(VectorizeError, match="compares something other than indices"):
        Vectorizer([k, m]).term(Iverson(x[k] - m))
