"""symbn.canonical.labelled: pairs with labels, elements y[n] of an integer input used as
indices, that must reach the same canonical form (one row per rule that meets a label), and
pairs that must not."""

from __future__ import annotations

import pytest
import sympy as sp

from symbn.canonical.engine import Trace, canonical
from symbn.language import labels
from symbn.language.indices import Index

N = sp.Symbol("N", integer=True, positive=True)
C = sp.Symbol("C", integer=True, positive=True)
i, k, n, p = (Index(x, N) for x in "iknp")
c, d, q = (Index(x, C) for x in "cdq")
y = labels.base("y", C, (N,))  # y = { shape = ["N"], range = "C" }
t = labels.base("t", N, (N,))  # a label whose values are rows: t = { range = "N" }
Z = sp.IndexedBase("Z", real=True)
w = sp.IndexedBase("w", real=True)
D = sp.KroneckerDelta


def sums(f, *indices):
    for x in reversed(indices):
        f = sp.Sum(f, (x, 1, x.size))
    return f


#: (rule the first side must use, first side, second side).
SAME = [
    ("sum over a label's delta", sums(D(c, y[n]) * Z[n, c], c), Z[n, y[n]]),
    ("sum over a label's delta", sums(D(y[n], c) * Z[n, c] * w[c], c), Z[n, y[n]] * w[y[n]]),
    ("sum over a label's delta", sums(D(c, y[n]), c), 1),
    ("sum over a label's delta", sums(sums(D(c, y[p]), c), p), N),
    (
        "a label's delta summed first",
        sums(w[c] * sums(D(c, y[p]) * Z[p, c], p), c),
        sums(w[y[n]] * Z[n, y[n]], n),
    ),
    ("a label's delta summed first", sums(sums(D(c, y[p]), c), p), N),  # over p first
    ("sum over a label's delta", sums(D(c, y[n]) * D(c, y[k]), c), D(y[n], y[k])),
    ("delta substitution", D(c, y[n]) * Z[n, c], D(c, y[n]) * Z[n, y[n]]),
    ("delta substitution", D(c, y[n]) ** 2 * Z[n, c], D(c, y[n]) * Z[n, y[n]]),
    ("delta substitution", D(i, n) * Z[n, y[n]], D(i, n) * Z[i, y[i]]),
    ("indices of a label", D(i, n) * D(c, y[n]), D(i, n) * D(c, y[i])),
    ("indices of a label", D(i, n) * D(c, y[n]) * Z[i, c], D(n, i) * D(c, y[i]) * Z[i, y[n]]),
    ("indices of a label", D(n, k) * D(c, y[n]) * D(d, y[k]), D(n, k) * D(c, y[k]) * D(c, d)),
    ("sum over a delta", sums(D(p, i) * D(c, y[p]) * Z[p, c], p), D(c, y[i]) * Z[i, y[i]]),
    ("sum over a label's delta", sums(D(p, t[n]) * w[p], p), w[t[n]]),
]


@pytest.mark.parametrize(
    ("rule", "left", "right"), SAME, ids=[f"{m}-{row[0]}" for m, row in enumerate(SAME)]
)
def test_pairs_with_labels_reach_the_same_canonical_form(rule, left, right):
    trace = Trace()
    got = canonical(sp.S(left), trace)
    assert got == canonical(sp.S(right)), (got, canonical(sp.S(right)))
    assert rule in {step[0].name for step in trace.steps}


#: Pairs that differ for some sizes, labels and inputs.
DIFFERENT = [
    (sums(D(c, y[n]) * Z[n, c], c), Z[n, c]),  # the one-hot is not 1
    (sums(D(c, y[n]), n), N / C),  # how many rows have class c: not a closed form
    (sums(D(c, y[n]) * D(c, y[k]), c), D(n, k)),  # two rows may share a class
    (D(c, y[n]) * Z[n, c], Z[n, y[n]]),
    (D(c, y[n]) * D(d, y[n]), D(c, y[n])),  # Delta(c, d) is missing
    (D(1, y[n]), D(2, y[n])),
    (sums(D(p, t[p]) * w[p], p), w[t[p]]),  # t[p] is not a value the sum over p may take
    (sums(Z[n, y[n]], n), sums(Z[n, c], n)),
]


@pytest.mark.parametrize(("left", "right"), DIFFERENT, ids=[str(m) for m in range(len(DIFFERENT))])
def test_pairs_with_labels_that_must_not_be_equal(left, right):
    assert canonical(sp.S(left)) != canonical(sp.S(right))
    assert canonical(sp.S(left - right)) != 0


def test_a_label_equal_to_two_numbers_is_zero():
    assert canonical(D(1, y[n]) * D(2, y[n]) * Z[n, 1]) == 0
    assert canonical(D(1, y[n]) * D(c, y[n]) * Z[n, c]) == canonical(D(1, y[n]) * D(c, 1) * Z[n, 1])
