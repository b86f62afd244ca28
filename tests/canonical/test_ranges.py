"""symbn.canonical.ranges: moved indices and relations between indices, with rows that must
reach one canonical form and rows that must not."""

from __future__ import annotations

import pytest
import sympy as sp

from symbn.canonical.engine import Trace, canonical
from symbn.language import relations
from symbn.language.indices import Index
from symbn.language.relations import Iverson

L = sp.Symbol("L", integer=True, positive=True)
K = sp.Symbol("K", integer=True, positive=True)
O = sp.Symbol("O", integer=True, positive=True)  # noqa: E741 - the output size
i, j = Index("i", O), Index("j", O)
k, q = Index("k", K), Index("q", K)
p = Index("p", L)
m, n = Index("m", L), Index("n", L)
F = sp.Symbol("F", integer=True, positive=True)
e = Index("e", F)
h = sp.IndexedBase("h", shape=(F, O), real=True)  # an upstream gradient with channels
v = sp.IndexedBase("v", shape=(F, K), real=True)  # a kernel with channels
x = sp.IndexedBase("x", shape=(L,), real=True)
w = sp.IndexedBase("w", shape=(K,), real=True)
g = sp.IndexedBase("g", shape=(O,), real=True)
D = sp.KroneckerDelta


def sums(f, *indices):
    for v in reversed(indices):
        f = sp.Sum(f, (v, 1, v.size))
    return f


def le(a, b):
    return relations.compare("<=", a, b)


def lt(a, b):
    return relations.compare("<", a, b)


#: (rule the first side must use, first side, second side)
SAME = [
    # dX of a convolution, written over the output or over the kernel
    (
        "change of summation index",
        sums(g[i] * w[p - i + 1], i),
        sums(g[p - k + 1] * w[k], k),
    ),
    ("sum over a delta", sums(D(p, i + k - 1) * g[i], i), g[p - k + 1]),
    ("element off its axis", x[i + k - 1], x[i + k - 1] * le(1, i + k - 1) * le(i + k - 1, L)),
    # a relation implied by the ranges, or by another, is dropped
    ("relations in normal form", le(1, m) * x[m], x[m]),
    ("relations in normal form", le(m, n) * le(m, n + 1) * x[m], le(m, n) * x[m]),
    ("relations in normal form", le(m, n) * lt(n, m), sp.S.Zero),
    ("relations in normal form", D(m + k, m) * x[m], sp.S.Zero),
    ("delta of a moved position", D(p, i + k - 1) * x[p], D(p, i + k - 1) * x[i + k - 1]),
    ("delta of a moved position", D(m - 2, n - 2) * x[n], D(m, n) * x[m]),
    # a causal mask written strict or not, its last term apart: one form
    (
        "relation of two indices without offset",
        sums(lt(m, n) * x[m], m) + x[n],
        sums(le(m, n) * x[m], m),
    ),
    (
        "relation of two indices without offset",
        sums(le(m, n + 1) * x[m], m),
        sums(le(m, n) * x[m], m) + x[n + 1],
    ),
    ("relation of two indices without offset", lt(n, m) * x[m], le(n, m) * x[m] - D(m, n) * x[n]),
    ("relations that meet", le(m, n) * le(n, m) * x[m], D(m, n) * x[n]),
    # stride 2: the delta is summed over the kernel's index, whose coefficient is 1
    ("sum over a delta", sums(D(p, 2 * i + k - 3) * w[k], k), w[p - 2 * i + 3]),
    # the output positions read in reverse, the moved element inside a nested sum
    (
        "change of summation index",
        sums(sums(h[e, O - i + 1] * v[e, p - 2 * (O - i) + 1], e), i),
        sums(sums(h[e, i] * v[e, p - 2 * i + 3], e), i),
    ),
]

#: pairs that must not be equal: each differs at some sizes and indices
DIFFERENT = [
    (sums(g[i] * w[p - i + 1], i), sums(g[p + k - 1] * w[k], k)),  # the flipped kernel
    (le(m, n) * x[m], lt(m, n) * x[m]),
    (sums(le(m, n) * x[m], m), sums(x[m], m)),
    (x[m - 1], x[m]),
    (sums(D(p, i + k - 1) * g[i], i), g[p - k]),
    (D(p, i + k - 1) * x[p], D(p, i + k) * x[i + k - 1]),
    (sums(lt(m, n) * x[m], m), sums(le(m, n) * x[m], m)),
    (sums(lt(m, n) * x[m], m) + x[n], sums(le(m, n + 1) * x[m], m)),
    (sums(le(n, m) * x[m], m), sums(le(m, n) * x[m], m) - x[n]),
    (le(m, n) * le(n, m) * x[m], le(m, n) * x[m]),
    (sums(g[i] * w[p - 2 * i + 3], i), sums(g[i] * w[p - i + 2], i)),  # the stride forgotten
    (sums(D(p, 2 * i + k - 3) * w[k], k), w[p - 2 * i + 2]),  # the padding off by one
    (
        sums(sums(h[e, O - i + 1] * v[e, p - 2 * (O - i) + 1], e), i),
        sums(sums(h[e, i] * v[e, p - 2 * i + 2], e), i),
    ),
]


@pytest.mark.parametrize(("rule", "left", "right"), SAME, ids=[r[0] for r in SAME])
def test_pairs_reach_the_same_canonical_form(rule, left, right):
    trace = Trace()
    got = canonical(sp.S(left), trace)
    assert got == canonical(sp.S(right)), (got, canonical(sp.S(right)))
    assert rule in {step[0].name for step in trace.steps}


@pytest.mark.parametrize(("left", "right"), DIFFERENT, ids=[str(n) for n in range(len(DIFFERENT))])
def test_different_pairs_stay_apart(left, right):
    assert canonical(sp.S(left)) != canonical(sp.S(right))


def test_relations_have_one_spelling():
    assert Iverson(2 * m - 3) == Iverson(m - 2)  # over the integers
    assert lt(m, n) == le(m + 1, n)
    assert Iverson(sp.Integer(-1)) == 0
    assert Iverson(sp.Integer(0)) == 1
    assert Iverson(m - n) ** 3 == Iverson(m - n)


def test_what_the_ranges_decide():
    assert relations.holds(m - 1)
    assert not relations.holds(m - 2)
    assert relations.holds(L - m)
    assert not relations.holds(O - m)
    assert relations.fails(-k)
    assert not relations.fails(n - m)
    assert relations.spelled(lt(m, n)) == (m, "<", n)
    assert relations.spelled(le(m, n)) == (m, "<=", n)
