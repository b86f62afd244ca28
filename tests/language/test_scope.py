"""symbn.language.scope: a scope gives a tensor's element at indices, and a scalar itself."""

from __future__ import annotations

from exprscope import N, c, h, i, j, scope

from symbn.language.assumptions import minimum
from symbn.language.defining import scope_of
from symbn.source.context import read_context


def test_an_element_is_the_base_at_its_indices_and_a_scalar_is_itself():
    s = scope()
    assert s.element("h", (i, j)) == h[i, j]
    assert s.element("h", (N, 1)) == h[N, 1]
    assert s.element("c", ()) is c


def test_a_new_scope_is_empty():
    fresh = type(scope())()
    assert (fresh.sizes, fresh.indices, fresh.tensors, fresh.concrete) == ({}, {}, {}, {})
    assert fresh.definitions == set()


def test_a_context_declares_sizes_and_inputs_as_a_derivation_file_does(tmp_path):
    """One builder for both: a size's minimum and an input's assumptions are kept."""
    text = (
        b'[sizes]\nN = { description = "rows", min = 2 }\n[indices]\ni = "N"\n'
        b'[inputs]\nx = { shape = ["N"], positive = true }\n'
        b"[defines]\nm = { shape = [] }\n"
    )
    scope = scope_of(read_context(str(tmp_path / "c.toml"), text))
    assert minimum(scope.sizes["N"]) == 2
    base, _ = scope.tensors["x"]
    assert base[scope.indices["i"]].is_positive
    assert "m" in scope.definitions
