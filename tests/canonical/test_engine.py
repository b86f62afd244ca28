"""symbn.canonical.engine: pairs of expressions that must reach the same canonical form, one row per
rule of the catalogue, and pairs that must not."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
import sympy as sp

from symbn.canonical.engine import Canon, Trace, canonical
from symbn.errors import InternalError
from symbn.language import rules
from symbn.language.assumptions import SimplexLabel, Size
from symbn.language.indices import Index

N = sp.Symbol("N", integer=True, positive=True)
L = sp.Symbol("L", integer=True, positive=True)
i, k, p, q = (Index(n, N) for n in "ikpq")
j, ell, r = (Index(n, L) for n in "jlr")
SITES = ("product", "monomial", "relations", "sum", "sum term", "sum atom")
h = sp.IndexedBase("h", real=True)
w = sp.IndexedBase("w", real=True)
w2 = sp.IndexedBase("w2", real=True)
a, b, c = sp.symbols("a b c", real=True)
D = sp.KroneckerDelta
M = Size("M", 2)  # a size declared { min = 2 }
Y = sp.IndexedBase(SimplexLabel("Y", 1))  # rows along L sum to one: { simplex = "L" }


def sums(f, *indices):
    """sum(f, *indices) as the language writes it: the last index innermost."""
    for x in reversed(indices):
        f = sp.Sum(f, (x, 1, x.size))
    return f


def canon(e, trace=None):
    return canonical(sp.S(e), trace)


#: (rule the first side must use, first side, second side).
SAME = [
    ("linearity of sums", sums(h[p, ell] + w[p], p), sums(h[p, ell], p) + sums(w[p], p)),
    ("factor out of a sum", sums(c * h[p, ell] * w[ell], p), c * w[ell] * sums(h[p, ell], p)),
    ("sum of a constant", sums(c * w[ell], p), N * c * w[ell]),
    ("sum of a constant", sums(sums(1, p), ell), N * L),
    ("sum over a delta", sums(D(i, p) * h[p, ell], p), h[i, ell]),
    ("sum over a delta", sums(D(p, 2) * h[p, ell], p), h[2, ell]),
    ("sum over a delta", sums(D(i, p) * D(p, k) * h[p, ell], p), D(i, k) * h[i, ell]),
    ("delta substitution", (D(i, k) * h[k, ell]) ** 3, D(i, k) * h[i, ell] ** 3),
    ("delta substitution", D(i, k) * h[k, ell], D(i, k) * h[i, ell]),
    ("delta substitution", D(k, i) * h[k, ell] * h[i, ell], D(i, k) * h[i, ell] ** 2),
    ("delta substitution", D(2, k) * h[k, ell], D(2, k) * h[2, ell]),
    ("delta substitution", D(i, k) * D(j, ell) * h[k, ell], D(i, k) * D(j, ell) * h[i, j]),
    ("distinct concrete indices", D(i, 1) * D(i, 2) * h[i, ell], sp.S.Zero),
    ("distinct concrete indices", D(i, k) * D(k, 1) * D(i, 3), sp.S.Zero),
    # a size as an index is its last position: a value, which the deltas never replace
    ("delta substitution", D(i, N) * w[i] / N, D(i, N) * w[N] / N),
    ("delta substitution", D(i, N) * D(i, 1) * h[i, ell], D(1, N) * D(1, i) * h[1, ell]),
    ("sum over a delta", sums(D(p, N) * h[p, ell], p), h[N, ell]),
    ("size below its minimum", D(1, M) * h[M, ell], sp.S.Zero),
    ("size below its minimum", D(i, M) * D(i, 1), sp.S.Zero),
    ("sum of a simplex", sums(Y[k, r] * w[ell], r), w[ell]),
    ("sum of a simplex", sums(Y[p, r], p, r), N),
    ("sum of a simplex", sums(Y[p, r], r, p), N),
    ("rename bound index", sums(h[p, ell], p), sums(h[q, ell], q)),
    ("rename bound index", sums(h[p, ell] * w[ell], ell), sums(h[p, r] * w[r], r)),
    ("expand products", (a + b) * (a - b) * c, a**2 * c - b**2 * c),
    (
        "expand products",
        sums(h[p, ell] * (h[p, ell] - w[ell]), p),
        sums(h[q, ell] ** 2, q) - w[ell] * sums(h[p, ell], p),
    ),
    ("interchange sums", sums(h[p, ell] * w[ell], ell, p), sums(w[ell] * sums(h[p, ell], p), ell)),
    # one block, in any order
    ("rename bound index", sums(h[p, ell], p, ell), sums(h[p, ell], ell, p)),
    # products of independent sums: each keeps its own atom, whatever the bound letter
    ("rename bound index", sums(h[p, ell], p) * sums(w[q], q), sums(w[p], p) * sums(h[q, ell], q)),
    ("rename bound index", sums(h[p, ell] * sums(h[q, ell], q), p), sums(h[q, ell], q) ** 2),
    # nested sums: the inner sum is an atom of the outer one's body
    (
        "rename bound index",
        sums(sums(h[p, ell] * h[q, ell] * w[q], q), p),
        sums(w[p] * h[p, ell], p) * sums(h[q, ell], q),
    ),
    # a sum of sums, in either nesting (rowsum(P o dP) = rowsum(dO o O) in attention)
    (
        "nested sums in normal form",
        sums(w[p] * sums(h[p, ell] * w2[ell, i], ell), p),
        sums(w2[ell, i] * sums(w[p] * h[p, ell], p), ell),
    ),
    (
        "nested sums in normal form",
        sums(w2[r, i] * sums(w[p] * sums(h[p, ell] * w2[ell, k], ell), p), r),
        sums(w2[ell, k] * sums(w[p] * h[p, ell], p), ell) * sums(w2[r, i], r),
    ),
    (
        "nested sums in normal form",
        sums(sums(w2[r, p] * sums(h[q, r] * w[q], q), r), p),
        sums(w[q] * sums(h[q, r] * sums(w2[r, p], p), r), q),
    ),
    # one block of nested sums, written in either order: X^T (X v) = (X^T X) v
    (
        "nested sums in normal form",
        sums(h[k, ell] * sums(h[k, r] * w[r], r), k),
        sums(w[r] * sums(h[k, ell] * h[k, r], k), r),
    ),
    (
        "nested sums in normal form",
        sums(h[k, ell] * sums(h[k, r] * sums(h[q, r], q), r), k),
        sums(sums(h[q, r], q) * sums(h[k, ell] * h[k, r], k), r),
    ),
    (
        "nested sums in normal form",
        sums(w[r] * sums(h[k, r], k) ** 2, r),
        sums(sums(w[r] * h[k, r] * h[p, r], r), k, p),
    ),
]


@pytest.mark.parametrize(
    ("rule", "left", "right"), SAME, ids=[f"{n}-{row[0]}" for n, row in enumerate(SAME)]
)
def test_pairs_reach_the_same_canonical_form(rule, left, right):
    trace = Trace()
    got = canon(left, trace)
    assert got == canon(right), (got, canon(right))
    assert rule in {step[0].name for step in trace.steps}


def test_every_rule_of_the_canonical_form_has_a_row():
    names = {rule.name for site in SITES for rule in rules.at(site)}
    assert len(names) == 22
    identities = {"powers of a step"}  # tests/test_identities.py has its row
    identities |= {  # tests/canonical/test_ranges.py has their rows
        "change of summation index",
        "delta of a moved position",
        "element off its axis",
        "relations in normal form",
        "relations that meet",
        "relation of two indices without offset",
    }
    identities |= {"indices of a label", "sum over a label's delta", "a label's delta summed first"}
    assert names - identities <= {row[0] for row in SAME}


#: Pairs that differ for some sizes and inputs: the canonical forms must differ too.
DIFFERENT = [
    (sums(h[p, ell], p), sums(h[p, j], p)),  # the free index matters
    (sums(D(i, p) * h[p, ell], p), h[k, ell]),
    (D(i, k) * h[k, ell], h[i, ell]),  # the delta is not 1
    (D(i, 1) * h[i, ell], D(i, 2) * h[i, ell]),
    (sums(c, p), sums(c, ell)),  # N c vs L c
    (sums(h[p, ell], p) ** 2, sums(h[p, ell] ** 2, p)),
    (sums(h[p, ell] * h[q, ell], p, q), sums(h[p, ell] * h[p, ell], p)),
    (1 / (N * (a + b)), 1 / (N * a) + 1 / (N * b)),
    (D(1, N) * w[N], sp.S.Zero),  # N may be 1
    (D(2, M) * w[M], sp.S.Zero),  # M may be 2
    (D(i, N) * w[N], w[i]),
    (sums(Y[p, r], p), 1),  # its rows sum to one, not its columns
    (sums(Y[k, r] * Y[k, r], r), 1),
    (sums(h[k, r], r), 1),  # only a declared simplex
    # a factor cannot leave the sum that binds it
    (sums(h[k, ell] * sums(h[k, r] * w[r], r), k), sums(h[k, ell], k) * sums(h[k, r] * w[r], k, r)),
    (sums(w[r] * sums(h[k, r], k) ** 2, r), sums(w[r] * sums(h[k, r] ** 2, k), r)),
]


@pytest.mark.parametrize(("left", "right"), DIFFERENT, ids=[str(n) for n in range(len(DIFFERENT))])
def test_pairs_that_must_not_be_equal(left, right):
    assert canon(left) != canon(right)
    assert canon(left - right) != 0


def test_denominators_are_not_expanded():
    got = canon(1 / (N * (a + b)))
    assert got == (a + b) ** -1 / N
    assert (a + b) ** -1 in sp.Mul.make_args(got)
    got = canon((h[k, ell] - w[ell]) / sp.sqrt(c + w[ell] ** 2) * (a + b))
    assert sp.sqrt(c + w[ell] ** 2) ** -1 in {
        f for t in sp.Add.make_args(got) for f in sp.Mul.make_args(t)
    }
    assert len(sp.Add.make_args(got)) == 4


def test_canonical_form_is_a_fixed_point():
    for _, left, _ in SAME:
        once = canon(left)
        assert canon(once) == once


def test_canon_memoises_and_records_nothing_without_a_trace():
    c1 = Canon()
    e = sums(D(i, p) * h[p, ell], p) + sums(c, p)
    assert c1(e) is c1(e)
    assert c1.trace is None


def test_trace_records_rule_before_and_after():
    trace = Trace()
    before = sums(D(i, p) * h[p, ell], p)
    canon(before, trace)
    rules = [step[0].name for step in trace.steps]
    assert rules[-1] == "sum over a delta"
    rule, seen_before, after = trace.steps[-1]
    assert seen_before != after
    assert after == h[i, ell]
    assert rule.identity.startswith("\\sum_p")


def test_derivatives_must_be_evaluated_first():
    with pytest.raises(InternalError, match="derivatives must be evaluated"):
        canon(sp.Derivative(h[k, ell] ** 2, h[i, j], evaluate=False))


SCRIPT = textwrap.dedent("""
    import sympy as sp
    from symbn.canonical.engine import canonical
    from symbn.language.indices import Index
    N, L = (sp.Symbol(n, integer=True, positive=True) for n in "NL")
    i, k, p, q = (Index(n, N) for n in "ikpq")
    j, l = (Index(n, L) for n in "jl")
    h, w = sp.IndexedBase("h"), sp.IndexedBase("w")
    a, b = sp.symbols("a b")
    D = sp.KroneckerDelta
    e = (sp.Sum(sp.Sum(h[p, l] * w[q] * (h[p, l] - w[l]) * D(i, q), (q, 1, N)), (p, 1, N))
         * (a + b) / (N * (a - b)) + D(k, i) * D(j, l) * h[k, l] * sp.Sum(h[p, j], (p, 1, N))
         + sp.Sum(h[p, l] * h[q, j], (p, 1, N), (q, 1, N), (l, 1, L)))
    print(sp.srepr(canonical(e)))
""")


def test_canonical_form_does_not_depend_on_the_hash_seed(repo_root):
    outputs = set()
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT],
            env=env,
            cwd=repo_root,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert "Sum(" in outputs.pop()
