"""symbn.language.scope: a scope gives a tensor's element at indices, and a scalar itself."""

from __future__ import annotations

from exprscope import N, c, h, i, j, scope


def test_an_element_is_the_base_at_its_indices_and_a_scalar_is_itself():
    s = scope()
    assert s.element("h", (i, j)) == h[i, j]
    assert s.element("h", (N, 1)) == h[N, 1]
    assert s.element("c", ()) is c


def test_a_new_scope_is_empty():
    fresh = type(scope())()
    assert (fresh.sizes, fresh.indices, fresh.tensors, fresh.concrete) == ({}, {}, {}, {})
    assert fresh.definitions == set()
