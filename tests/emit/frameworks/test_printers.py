"""The array printers of PyTorch and JAX (`symbn.emit.frameworks.printers`): how each
spells a reduction. The numbers the spellings compute are checked in test_emitter.py."""

from __future__ import annotations

import sympy as sp

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
