"""symbn.language.indices: an expression shown to a user names only declared index letters,
a bound index taking one that is in use neither around it nor inside it; when every declared
letter of a range is in use, the numbered name it keeps is reported by `undeclared`."""

from __future__ import annotations

import sympy as sp

from symbn.language import indices
from symbn.language.indices import Index

N = sp.Symbol("N", integer=True, positive=True)
L = sp.Symbol("L", integer=True, positive=True)
i, k, p = (Index(n, N) for n in "ikp")
j, ell = (Index(n, L) for n in "jl")
x = sp.IndexedBase("x", shape=(N,), real=True)
h = sp.IndexedBase("h", shape=(N, L), real=True)
LETTERS = {N: (i, k, p), L: (j, ell)}


def test_canonical_bound_indices_take_declared_letters_not_in_use_around_them():
    inner = sp.Sum(h[Index.bound(N, 1), j] * h[i, Index.bound(L, 1)], (Index.bound(L, 1), 1, L))
    e = x[i] * sp.Sum(inner, (Index.bound(N, 1), 1, N))
    shown = indices.readable(e, LETTERS)
    assert shown == x[i] * sp.Sum(sp.Sum(h[k, j] * h[i, ell], (ell, 1, L)), (k, 1, N))
    assert indices.undeclared(shown, LETTERS) == []


def test_a_numbered_bound_index_takes_a_declared_letter_when_one_is_free():
    i1, i2 = Index("i1", N), Index("i2", N)
    e = x[i] * sp.Sum(x[i1] * sp.Sum(x[i2] ** 2, (i2, 1, N)), (i1, 1, N))
    shown = indices.readable(e, LETTERS)
    assert shown == x[i] * sp.Sum(x[k] * sp.Sum(x[p] ** 2, (p, 1, N)), (k, 1, N))
    assert indices.atoms(shown) <= {i, k, p}


def test_sibling_sums_may_share_a_letter():
    a, b = Index.bound(N, 1), Index("i7", N)
    e = sp.Sum(x[a], (a, 1, N)) + sp.Sum(x[b] ** 2, (b, 1, N))
    assert indices.readable(e, LETTERS) == sp.Sum(x[i], (i, 1, N)) + sp.Sum(x[i] ** 2, (i, 1, N))


def test_when_the_declared_letters_run_out_the_numbered_name_is_reported_and_kept():
    letters = {N: (i,)}
    inner = sp.Sum(x[Index.bound(N, 1)] ** 2, (Index.bound(N, 1), 1, N))
    shown = indices.readable(x[i] * inner, letters)
    i1 = Index("i1", N)
    assert shown == x[i] * sp.Sum(x[i1] ** 2, (i1, 1, N))
    assert indices.undeclared(shown, letters) == [i1]
    assert indices.readable(shown, letters) == shown  # shown again, the same name


def test_an_index_in_two_factors_of_a_product_is_repeated():
    assert indices.repeated(h[i, j] * x[i], [i, j]) == [i]
    assert indices.repeated(h[i, j] * x[k] + x[i], [i]) == []  # a sum's terms: not repeated
    assert indices.repeated(x[i] ** 2, [i]) == []  # one factor
    bound = sp.Sum(h[i, j] * x[i], (i, 1, N))
    assert indices.repeated(bound, [i]) == []  # summed already
