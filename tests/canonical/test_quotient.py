"""symbn.canonical.quotient: a row softmax folded back in, wherever its normaliser divides a
monomial, on the attention model; and the claims it lets symbn prove, or refute."""

from __future__ import annotations

import pytest
import sympy as sp

from symbn.canonical.engine import Canon
from symbn.canonical.fold import apply, folds
from symbn.canonical.quotient import Quotient
from symbn.language import model, rules
from symbn.source import toml
from symbn.verify.verifier import Verifier

HEADER = """
[derivation]
title = "softmax"
[sizes]
N = "rows"
M = "columns"
E = "features"
[indices]
i = "N"
k = "N"
j = "M"
m = "M"
n = "M"
e = "E"
[inputs]
A = { shape = ["N", "M"] }
V = { shape = ["M", "E"] }
dO = { shape = ["N", "E"] }
[[define]]
name = "P"
index = ["i", "j"]
expr = "exp(A[i, j]) / sum(exp(A[i, m]), m)"
"""


CLAIMS = """
[[claim]]
name = "jacobian"
lhs = "diff(P[i, j], A[k, m])"
rhs = "Delta(i, k) * P[i, j] * (Delta(j, m) - P[i, m])"

[[claim]]
name = "jacobian_slip"
lhs = "diff(P[i, j], A[k, m])"
rhs = "Delta(i, k) * P[i, j] * (Delta(j, m) - P[i, j])"

[[claim]]
name = "vjp"
lhs = "sum(dO[k, e] * diff(sum(P[k, n] * V[n, e], n), A[i, j]), k, e)"
rhs = "P[i, j] * (sum(dO[i, e] * V[j, e], e) - sum(P[i, m] * sum(dO[i, e] * V[m, e], e), m))"

[[claim]]
name = "vjp_slip"
lhs = "sum(dO[k, e] * diff(sum(P[k, n] * V[n, e], n), A[i, j]), k, e)"
rhs = "P[i, j] * sum(dO[i, e] * V[j, e], e) - sum(P[i, m] * sum(dO[i, e] * V[m, e], e), m)"
"""


@pytest.fixture(scope="module")
def softmax(tmp_path_factory):
    path = tmp_path_factory.mktemp("quotient") / "softmax.toml"
    path.write_text(HEADER + CLAIMS, encoding="utf-8")
    m = model.build(toml.load(path))
    ix = {x.name: x for x in m.indices}
    return m, ix


def quotient_rows(m, ix):
    """(rule, expression, what folding gives): the quotient fold's row of the rule tables."""
    i, j, k, n, e = ix["i"], ix["j"], ix["k"], ix["n"], ix["e"]
    a, v, p = m.bases["A"], m.bases["V"], m.bases["P"]
    norm = sp.Sum(sp.exp(a[i, n]), (n, 1, n.size))
    return [
        ("fold a quotient into a definition", sp.exp(a[i, j]) / norm, p[i, j]),
        # a squared normaliser, its numerators at two indices
        (
            "fold a quotient into a definition",
            sp.exp(a[i, j]) * sp.exp(a[i, ix["m"]]) / norm**2,
            p[i, j] * p[i, ix["m"]],
        ),
        # the numerator inside a sum that the normaliser does not use
        (
            "fold a quotient into a definition",
            sp.exp(a[i, j]) * sp.Sum(sp.exp(a[i, n]) * v[n, e], (n, 1, n.size)) / norm**2,
            p[i, j] * sp.Sum(p[i, n] * v[n, e], (n, 1, n.size)),
        ),
        # on the diagonal: exp(A_ij)^2 is exp(2 A_ij)
        (
            "fold a quotient into a definition",
            sp.exp(2 * a[k, j]) / norm.xreplace({i: k}) ** 2,
            p[k, j] ** 2,
        ),
    ]


def test_the_softmax_is_a_quotient_fold(softmax):
    m, ix = softmax
    (q,) = [f for f in folds(m) if isinstance(f, Quotient)]
    assert q.name == "P"
    assert q.is_sum
    assert q.replacement == m.element("P", (ix["i"], ix["j"]))


@pytest.mark.parametrize("row", range(4))
def test_quotient_rows(softmax, row):
    m, ix = softmax
    name, e, want = quotient_rows(m, ix)[row]
    canon = Canon()
    record: list = []
    got = apply(canon(e), list(folds(m)), canon, record)
    assert [r[0].name for r in record] == ["P"]
    assert got == canon(want)
    assert rules.named(name).site == "fold"


def test_a_normaliser_without_its_numerator_stays(softmax):
    m, ix = softmax
    i, j, n = ix["i"], ix["j"], ix["n"]
    a = m.bases["A"]
    e = sp.exp(2 * a[i, j]) / sp.Sum(sp.exp(a[i, n]), (n, 1, n.size))  # exp(A)^2 / sum: P e^A
    canon = Canon()
    got = apply(canon(e), list(folds(m)), canon)
    assert got == canon(m.element("P", (i, j)) * sp.exp(a[i, j]))
    other = sp.exp(a[ix["k"], j]) / sp.Sum(sp.exp(a[i, n]), (n, 1, n.size))  # another row
    assert apply(canon(other), list(folds(m)), canon) == canon(other)


def test_softmax_claims_are_proved_and_slips_refuted(softmax):
    m, _ = softmax
    got = {r.name: r for r in Verifier(m).run()}
    assert got["jacobian"].status == "proved"
    assert got["vjp"].status == "proved"
    for name in ("jacobian_slip", "vjp_slip"):
        assert got[name].status == "refuted", (name, got[name])
        c = got[name].counterexample
        assert c is not None
        assert c.lhs != c.rhs
