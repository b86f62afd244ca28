"""Moved indices and relations in the expression language (symbn.language.parse with
symbn.language.relations): what they build, and what is refused at its column."""

from __future__ import annotations

import pytest
import sympy as sp
from exprscope import L, N, h, i, j, k, p, read, refused

from symbn.language.relations import Iverson

BUILT = [
    ("h[i + k - 1, j]", h[i + k - 1, j]),
    ("h[N - i + 1, j]", h[N - i + 1, j]),
    ("h[2*i + k, j]", h[2 * i + k, j]),
    ("h[-1 + i, j]", h[i - 1, j]),
    ("If(k <= i)", Iverson(i - k)),
    ("If(k < i)", Iverson(i - k - 1)),
    ("If(i >= k)", Iverson(i - k)),
    ("If(1 <= i + k - 1 <= N)", Iverson(i + k - 2) * Iverson(N - i - k + 1)),
    ("If(i == k)", sp.KroneckerDelta(i, k)),
    ("If(i != k)", 1 - sp.KroneckerDelta(i, k)),
    ("sum(h[k, j], k, k <= i)", sp.Sum(h[k, j] * Iverson(i - k), (k, 1, N))),
    ("Delta(i + 1, k)", sp.KroneckerDelta(i + 1, k)),
]


@pytest.mark.parametrize(("src", "expected"), BUILT, ids=[r[0] for r in BUILT])
def test_builds_positions_and_relations(src, expected):
    assert read(src) == expected


REFUSED = [
    ("h[i * k, j]", "a position multiplies an index or size by an integer only", 10),
    ("h[i / 2, j]", "a position is written with index names, sizes, integers", 10),
    ("h[i + c, j]", "'c' is not a declared index or size", 14),
    ("If(i)", "expected a comparison of indices", 11),
    ("If(i <= k, k <= p)", "If() takes one comparison, 2 given", 8),
    ("mean(h[k, j], k, k <= i)", "mean() runs over whole ranges", 25),
]


@pytest.mark.parametrize(("src", "message", "col"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refusals_name_the_column(src, message, col):
    refused(src, message, col)


def test_a_position_may_use_a_size_of_another_axis():
    assert read("h[i, L - j + 1]") == h[i, L - j + 1]
    assert read("h[p + 1, j]").indices[0] == p + 1
