"""A known error of symbn.canonical.ranges, kept as a test until it is mended: the
canonical form of Σ_i Σ_j g[j − i + 2] g[j − 1] (two indices over one size, a moved one in
each factor) differs from its value for sizes of 3 and more, found by the fuzz test of
tests/canonical/test_ranges_fuzz.py. The verifier's concrete check (symbn.verify) turns a
proof that rests on such a form into an internal error, never a verdict; the test is
strict, so it fails once the form is right and the mark must go."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import sympy as sp

from symbn.canonical.engine import canonical

_SPEC = importlib.util.spec_from_file_location(
    "ranges_fuzz", Path(__file__).with_name("test_ranges_fuzz.py")
)
assert _SPEC is not None
assert _SPEC.loader is not None
FUZZ = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(FUZZ)  # its loop evaluator, which shares nothing with the engine
value, SIZE = FUZZ.value, FUZZ.O
ROW, COL = FUZZ.INDICES[0], FUZZ.INDICES[1]  # i and j, both over the size O
G = FUZZ.TENSORS["g"]
E = sp.Sum(G[-ROW + COL + 2] * G[COL - 1], (ROW, 1, SIZE), (COL, 1, SIZE))


def _at(n: int, g: list[int]) -> tuple[dict, dict]:
    sizes = {FUZZ.L: 1, FUZZ.K: 1, SIZE: n}
    return sizes, {"g": {(k,): sp.Integer(v) for k, v in enumerate(g[:n], 1)}}


def test_the_form_holds_at_sizes_one_and_two():
    form = canonical(E)
    for n in (1, 2):
        sizes, arrays = _at(n, [2, -1])
        assert value(E, sizes, {}, arrays) == value(form, sizes, {}, arrays)


@pytest.mark.xfail(strict=True, reason="ranges: a double sum of two moved indices, size >= 3")
def test_a_double_sum_of_moved_indices_keeps_its_value_at_three():
    sizes, arrays = _at(3, [2, -1, 3])
    assert value(E, sizes, {}, arrays) == value(canonical(E), sizes, {}, arrays)
