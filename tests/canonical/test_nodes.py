"""symbn.canonical.nodes: a SymPy node the engine does not handle (a Product that SymPy's own
factoring writes for exp of a sum) makes a claim unknown with that reason, never an
internal error."""

from __future__ import annotations

import sympy as sp
from headers import header

from symbn.canonical import fold, nodes
from symbn.language.indices import Index
from symbn.verify import verifier

N = sp.Symbol("N", integer=True, positive=True)
K = Index("k", N)
X = sp.IndexedBase("x")
S = sp.Sum(X[K], (K, 1, N))

GATE = (
    header(
        "a gate written by exp",
        'x = { shape = ["N", "D"] }\nw = { shape = ["D"] }',
        sizes={"N": "batch", "D": "inputs"},
        indices={"k": "N", "d": "D", "e": "D"},
    )
    + """
[[claim]]
name = "gate"
lhs = "diff(1 / (1 + exp(-sum(x[k, d] * w[d], d))), w[e])"
rhs = "exp(-sum(x[k, d] * w[d], d)) * x[k, e] / (1 + exp(-sum(x[k, d] * w[d], d)))**2"
"""
)


def test_sympy_factor_writes_exp_of_a_sum_as_a_product():
    a = sp.exp(-S)
    assert sp.factor(a**2 + 2 * a + 1).has(sp.Product)  # why the guard exists
    assert nodes.unhandled(sp.factor(a**2 + 2 * a + 1)) == "Product"


def test_the_presentation_never_factors_into_a_product():
    a = sp.exp(-S)
    got = fold._factored(a**2 + 2 * a + 1)
    assert got is None or nodes.handled(got)


def test_the_language_is_handled():
    assert nodes.handled(sp.KroneckerDelta(K, 1) * sp.sqrt(X[K] + 1) * sp.pi + sp.exp(S))
    assert not nodes.handled(sp.Product(sp.exp(X[K]), (K, 1, N)))
    assert not nodes.handled(sp.Float(0.5) * X[K])


def test_a_claim_whose_rewrite_holds_an_unhandled_node_is_unknown(build_model, monkeypatch):
    model = build_model(GATE)
    assert verifier.Verifier(model).run()[0].status == "proved"
    real = verifier.evaluate

    def with_a_product(e, m):  # exp(sum) - Product(exp): zero, in a node nothing handles
        out = real(e, m)
        q = next(iter(out.atoms(sp.Sum))).limits[0][0]
        x = sp.IndexedBase("w")[q]
        return out + sp.exp(sp.Sum(x, (q, 1, q.size))) - sp.Product(sp.exp(x), (q, 1, q.size))

    monkeypatch.setattr(verifier, "evaluate", with_a_product)
    (result,) = verifier.Verifier(model).run()
    assert result.status == "unknown"
    assert "Product" in result.reason
