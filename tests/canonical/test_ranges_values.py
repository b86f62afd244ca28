"""symbn.canonical.ranges on sums over several moved indices: the canonical form keeps the
value of the sum at every size from 1 to 5, computed by the loop evaluator of
tests/canonical/test_ranges_fuzz.py, which shares nothing with the engine.

The change of summation index writes sum_a f_a x_(a - 1) as sum_b f_(b + 1) x_b with b over
x's axis, which holds because the summand is zero where x_(a - 1) is off its axis. An element
of one term only, or under a function, does not vanish the summand: Σ_i Σ_j g[j − i + 2]
g[j − 1] once lost its terms at O ≥ 3 that way (its inner sum became three terms, and the
outer sum was then moved by an element of one of them); Σ_p exp(x[p + 1]) lost exp(0) = 1.
"""

from __future__ import annotations

import importlib.util
import itertools
import random
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
value, L, K, O = FUZZ.value, FUZZ.L, FUZZ.K, FUZZ.O  # noqa: E741 - the output size
i, j, k, q, p = FUZZ.INDICES  # i, j over O; k, q over K; p over L
x, w, g, a = (FUZZ.TENSORS[name] for name in "xwga")  # over L, K, O and (O, K)


def sums(f, *indices):
    for v in reversed(indices):
        f = sp.Sum(f, (v, 1, v.size))
    return f


#: sums of two moved indices over one size, at several offsets
TWO = [
    sums(g[j - i + 2] * g[j - 1], i, j),
    sums(g[j - i + 2] * g[j - 1], j, i),
    sums(g[j - i + 1] * g[i + 1], i, j),
    sums(g[i - j + 3] * g[j - 2], i, j),
    sums(g[j - i] * g[i - 1] * g[j + 1], i, j),
    sums(g[j - i - 1] * g[j + 2] * g[i], i, j),
    sums(g[i + j - 3] * g[j - 1], i, j),
    sums(g[j - i + 2] * g[j - 1], j),  # i free
]
#: over three sizes, and nested sums of three moved indices
THREE = [
    sums(x[p + k - 1] * w[k] * g[p - k + 2], p, k),
    sums(a[i, k] * x[i + k - 2] * w[k + 1], i, k),
    sums(g[j - i + 1] * w[k - 1] * x[i + k - 1], i, j, k),
    sums(g[i - j + 2] * w[q - j + 1] * x[q + 1], i, j, q),
    sums(x[p - k + 1] * w[k - 2] * g[i - p + 3], p, k, i),
    sums(g[j - i + 2] * g[j - 1] * w[k - i + 1], i, j, k),
    sums(g[j - i + 2] * w[q - 1] * w[k - q + 1], i, j, q),  # k free
]
#: an element under a function is not zero off its axis: exp(x[L + 1]) = 1
UNDER_A_FUNCTION = [
    sums(sp.exp(x[p + 1]), p),
    sums(x[p] * sp.exp(x[p - 1]), p),
    sums(g[j - i + 2] * sp.exp(g[j - 1]), i, j),
]
#: sizes (L, K, O): each size from 1 to 5, and some apart
SIZES = [(n, n, n) for n in range(1, 6)] + [(1, 5, 3), (5, 1, 2), (2, 4, 5), (4, 3, 1)]


def _kept(e):
    form = canonical(e)
    rng = random.Random(0)
    free = sorted((s for s in e.free_symbols if s in FUZZ.INDICES), key=str)
    for dims in SIZES:
        sizes = dict(zip((L, K, O), dims, strict=True))
        arrays = {
            name: {
                at: sp.Integer(rng.choice([-3, -2, -1, 1, 2, 3, 5]))
                for at in itertools.product(*[range(1, sizes[n] + 1) for n in b.shape])
            }
            for name, b in FUZZ.TENSORS.items()
        }
        for combo in itertools.product(*[range(1, sizes[s.size] + 1) for s in free]):
            env = dict(zip(free, combo, strict=True))
            got, want = value(form, sizes, env, arrays), value(e, sizes, env, arrays)
            assert sp.expand(got - want) == 0, (e, form, dims, env)


@pytest.mark.parametrize("e", TWO, ids=[str(n) for n in range(len(TWO))])
def test_two_moved_indices_keep_their_value(e):
    _kept(e)


@pytest.mark.parametrize("e", THREE, ids=[str(n) for n in range(len(THREE))])
def test_three_sizes_and_three_moved_indices_keep_their_value(e):
    _kept(e)


@pytest.mark.parametrize("e", UNDER_A_FUNCTION, ids=[str(n) for n in range(len(UNDER_A_FUNCTION))])
def test_an_element_under_a_function_keeps_its_end_terms(e):
    _kept(e)


#: each with one offset, index or size slipped
SLIPPED = [
    (TWO[0], sums(g[j - i + 3] * g[j - 1], i, j)),
    (TWO[0], sums(g[j - i + 2] * g[j - 2], i, j)),
    (TWO[3], sums(g[i - j + 3] * g[i - 2], i, j)),
    (THREE[0], sums(x[p + k - 1] * w[k] * g[p - k + 1], p, k)),
    (THREE[2], sums(g[j - i + 1] * w[k - 1] * x[i + k], i, j, k)),
    (UNDER_A_FUNCTION[0], sums(sp.exp(x[p]), p)),
]


@pytest.mark.parametrize(("e", "slipped"), SLIPPED, ids=[str(n) for n in range(len(SLIPPED))])
def test_a_slipped_sum_is_another_form(e, slipped):
    assert canonical(e) != canonical(slipped)
