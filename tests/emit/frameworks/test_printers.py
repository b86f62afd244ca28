"""The array printers of PyTorch and JAX (`symbn.emit.frameworks.printers`): how each
spells a reduction. The numbers the spellings compute are checked in test_emitter.py."""

from __future__ import annotations

import sympy as sp

from symbn.emit.arrays import statements
from symbn.emit.arrays.inplace import InPlace
from symbn.emit.arrays.vectorize import MUL, Term
from symbn.emit.frameworks.printers import JaxVectorizer, TorchVectorizer
from symbn.language.indices import Index

N, L = sp.symbols("N L", integer=True, positive=True)
k, p, j = Index("k", N), Index("p", N), Index("j", L)


def test_torch_sums_a_product_over_the_same_axes_and_keeps_einsum_for_a_contraction():
    v = TorchVectorizer([k, p, j])
    a, b = Term("hhat", (k, j)), Term("dy", (k, j))
    assert v._einsum([a, b], (j,)) == "(hhat * dy).sum(0)"
    assert v._einsum([a], (k,)) == "hhat.sum(1)"
    assert v._einsum([Term("x + y", (k, j), MUL - 1)], (j,)) == "(x + y).sum(0)"
    assert v._einsum([a, b], ()) == "(hhat * dy).sum((0, 1))"
    q = Term("Q", (k, p))
    assert v._einsum([q, Term("A", (p, j))], (k, j)).startswith('torch.einsum("')
    assert v._einsum([a], (j, k)).startswith('torch.einsum("')  # a transpose: not a sum


def test_jax_keeps_the_einsum():
    v = JaxVectorizer([k, p, j])
    assert v._einsum([Term("a", (k, j)), Term("b", (k, j))], (j,)).startswith('jnp.einsum("')


def test_a_reciprocal_root_is_one_call_and_a_size_stays_a_python_float():
    var, delta = sp.IndexedBase("var"), sp.Symbol("delta", positive=True)
    v = TorchVectorizer([k, j])
    assert v.term(1 / sp.sqrt(delta + var[j])).code == "torch.rsqrt(delta + var)"
    assert "math.sqrt" in v.term(1 / sp.sqrt(N)).code  # a number: no tensor to call it on
    w = JaxVectorizer([k, j])
    assert w.term(1 / sp.sqrt(delta + var[j])).code == "jax.lax.rsqrt(delta + var)"


def test_torch_adds_a_scaled_array_in_place_without_a_temporary():
    x, dy, gamma, beta, s = (sp.IndexedBase(n) for n in ("x", "dy", "gamma", "beta", "s"))
    a = sp.IndexedBase("a")
    plan = InPlace(TorchVectorizer([k, j]), (k, j), lambda _: False)
    lines = statements.lines(list(plan.lower("y", beta[j] + gamma[j] * x[k, j]).lines))
    assert lines == ["y = torch.addcmul(beta, x, gamma)"]
    lines = statements.lines(list(plan.lower("d", a[j] * dy[k, j] - s[k] * x[k, j]).lines))
    assert lines == ["d = a * dy", "torch.addcmul(d, x, (-s)[:, None], out=d)"]
