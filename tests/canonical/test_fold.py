"""symbn.canonical.fold: definitions folded back into expressions, and the shortest closed form."""

from __future__ import annotations

import pytest
import sympy as sp

from symbn.calculus.derivative import evaluate
from symbn.canonical.engine import Canon
from symbn.canonical.fold import apply, closed_form, folds, size
from symbn.language import functions, indices, rules
from symbn.language.indices import Index
from symbn.language.model import build
from symbn.source.toml import loads
from symbn.verify.verifier import Verifier


@pytest.fixture(scope="module")
def bn(batchnorm_model):
    m = batchnorm_model
    names = {s.name: s for s in m.indices}
    return m, m.letters, folds(m), names


def fold_of(rules, name, kind):
    found = [f for f in rules if f.name == name and f.is_sum == (kind == "sum")]
    assert len(found) == 1, found
    return found[0]


def test_sum_of_h_folds_to_n_mu(bn):
    m, _letters, rules, ix = bn
    n = m.sizes[0]
    p, ell = ix["p"], ix["l"]
    canon = Canon()
    got = apply(canon(sp.Sum(m.element("h", (p, ell)), (p, 1, n))), list(rules), canon)
    assert got == n * m.element("mu", (ell,))
    rule = fold_of(rules, "mu", "sum")
    assert rule.replacement == n * m.element("mu", rule.wilds)


def test_sum_of_h_squared_folds_to_n_var_plus_mu_squared(bn):
    m, _letters, rules, ix = bn
    n = m.sizes[0]
    p, j = ix["p"], ix["j"]
    canon = Canon()
    got = apply(
        canon(sp.Sum(m.element("h", (p, j)) ** 2, (p, 1, n))), [f for f in rules if f.is_sum], canon
    )
    mu, var = m.element("mu", (j,)), m.element("var", (j,))
    assert sp.expand(got - n * (var + mu**2)) == 0


def test_h_folds_to_hhat_times_the_standard_deviation_plus_mu(bn):
    m, _, rules, _ = bn
    rule = fold_of(rules, "hhat", "element")
    (k, ell) = rule.wilds
    assert rule.target == m.element("h", (k, ell))
    delta = m.element("delta")
    expected = m.element("hhat", (k, ell)) * sp.sqrt(m.element("var", (ell,)) + delta) + m.element(
        "mu", (ell,)
    )
    assert sp.expand(rule.replacement - expected) == 0


def test_a_centred_definition_sums_to_zero(bn):
    _, _, rules, _ = bn
    assert fold_of(rules, "hhat", "sum").replacement == 0  # sum_p hhat_pl = 0
    assert fold_of(rules, "u", "sum").replacement == 0


def test_folds_are_in_definition_order(bn):
    m, _, rules, _ = bn
    order = list(m.definitions)
    positions = [order.index(f.name) for f in rules]
    assert positions == sorted(positions)


def hand_form(m, ix):
    """Delta_jl (N Delta_ik - 1 - hhat_kl hhat_il) / (N sqrt(var_l + delta))."""
    i, j, k, ell = (ix[c] for c in "ijkl")
    n = m.sizes[0]
    hhat = m.bases["hhat"]
    return (
        sp.KroneckerDelta(j, ell)
        * (n * sp.KroneckerDelta(i, k) - 1 - hhat[k, ell] * hhat[i, ell])
        / (n * sp.sqrt(m.element("var", (ell,)) + m.element("delta")))
    )


def test_closed_form_of_dhhat_dh_is_as_short_as_the_hand_form(bn):
    m, letters, rules, ix = bn
    claim = next(c for c in m.claims if c.name == "dhhat_dh_closed")
    lhs = evaluate(claim.lhs, m)
    got = closed_form(Canon()(lhs), letters, rules)
    verifier = Verifier(m)
    hand = hand_form(m, ix)
    assert verifier.is_zero(got - hand)
    assert verifier.is_zero(lhs - got)
    assert not verifier.is_zero(got - hand.subs(m.sizes[0], m.sizes[0] - 1))  # not vacuous
    assert size(got) <= size(hand)
    assert got.has(m.bases["hhat"])
    assert not got.has(m.bases["h"])
    assert not got.has(m.bases["mu"])


def test_closed_form_of_the_backward_pass_uses_hhat_not_h(bn):
    m, letters, rules, _ = bn
    claim = next(c for c in m.claims if c.name == "dL_dh")
    lhs = evaluate(claim.lhs, m)
    got = closed_form(Canon()(lhs), letters, rules)
    assert got.has(m.bases["hhat"])
    assert not got.has(m.bases["h"])
    assert Verifier(m).is_zero(got - claim.rhs)
    # bound indices are shown with declared letters, never symbn's canonical ones
    assert all(lim[0] in m.indices for s in got.atoms(sp.Sum) for lim in s.limits)


def test_closed_form_never_grows(bn):
    m, letters, rules, _ = bn
    canon = Canon()
    for name in ("dmu_dh", "dvar_dh", "du_dh", "dL_dgamma"):
        claim = next(c for c in m.claims if c.name == name)
        canonical = canon(evaluate(claim.lhs, m))
        got = closed_form(canonical, letters, rules)
        assert size(got) <= size(indices.readable(canonical, letters)), name


def test_readable_bound_uses_a_declared_letter_not_in_use(bn):
    m, letters, _, ix = bn
    q = Index.bound(m.sizes[0], 1)
    e = sp.Sum(
        m.element("h", (q, ix["l"])) * m.element("h", (ix["i"], ix["l"])), (q, 1, m.sizes[0])
    )
    got = indices.readable(e, letters)
    (bound,) = [lim[0] for lim in got.limits]
    assert bound.name in {"k", "p"}  # a declared index over N, not the free i
    assert got.function == e.function.xreplace({q: bound})


def fold_rows(m, ix):
    """(rule, expression, what folding gives) on the batch-norm model: one row per rule."""
    n = m.sizes[0]
    p, i, j = ix["p"], ix["i"], ix["j"]
    h, mu = m.bases["h"], m.bases["mu"]
    hhat, var, delta = m.bases["hhat"], m.bases["var"], m.element("delta")
    return [
        ("fold a sum into a definition", sp.Sum(h[p, j], (p, 1, n)) / n, mu[j]),
        (
            "fold an element into a definition",
            h[i, j] - mu[j],
            hhat[i, j] * sp.sqrt(var[j] + delta),
        ),
        ("collecting terms", 2 * h[i, j] / n - 2 * mu[j] / n, 2 * (h[i, j] - mu[j]) / n),
    ]


def test_every_fold_rule_has_a_row(bn):
    m, _, _, ix = bn
    names = {r.name for site in ("fold", "present") for r in rules.at(site)}
    quotient = {"fold a quotient into a definition"}  # tests/test_quotient.py: softmax rows
    function = {"fold a function application into a definition"}  # its own tests, below
    assert names - quotient - function == {row[0] for row in fold_rows(m, ix)}


@pytest.mark.parametrize("row", range(3))
def test_fold_rule_rows(bn, row):
    m, letters, folds_, ix = bn
    name, e, want = fold_rows(m, ix)[row]
    canon = Canon()
    rule = rules.named(name)
    if rule.site == "present":
        assert sp.simplify(rule.apply(canon(e), letters) - want) == 0
        assert rule.apply(canon(e), letters) == sp.factor(want)
        return
    used = [
        f
        for f in folds_
        if f.is_sum == (name == "fold a sum into a definition") and not f.is_function
    ]
    record: list = []
    got = apply(canon(e), used, canon, record)
    assert record, "the rule did not apply"
    assert sp.expand(got - want) == 0 or Verifier(m).is_zero(got - want)


SOFTPLUS = b"""
[derivation]
title = "a function application as a definition"
[sizes]
N = "rows"
L = "columns"
[indices]
i = "N"
p = "N"
j = "L"
[inputs]
h = { shape = ["N", "L"] }
[[define]]
name = "y"
index = ["i", "j"]
expr = "2 * h[i, j]"
[[define]]
name = "a"
index = ["i", "j"]
expr = "softplus(y[i, j])"
[[claim]]
name = "da_dh"
lhs = "diff(a[i, j], h[i, j])"
rhs = "2 * sigmoid(y[i, j])"
"""


@pytest.fixture(scope="module")
def soft():
    """A definition that is one function application the canonical form keeps (relu and
    tanh it writes by step and exp, so no canonical expression holds them)."""
    return build(loads("softplus.toml", SOFTPLUS))


def _index(m, name):
    return next(x for x in m.indices if x.name == name)


def function_rows(m):
    """(rule, before, after) of the function fold, in the model of SOFTPLUS."""
    p, j = _index(m, "p"), _index(m, "j")
    h = m.bases["h"]
    return [
        (
            "fold a function application into a definition",
            2 * functions.softplus(m.element("y", (p, j))) + h[p, j],
            2 * m.element("a", (p, j)) + h[p, j],
        )
    ]


def test_a_function_application_folds_into_its_definition(soft):
    m = soft
    (fold,) = [f for f in folds(m) if f.is_function]
    assert (fold.name, fold.always) == ("a", True)
    ((name, e, want),) = function_rows(m)
    canon = Canon()
    record: list = []
    got = apply(canon(e), [fold], canon, record)
    assert [r[0].name for r in record] == ["a"]
    assert rules.named(name).site == "fold"
    assert got == canon(want)


def test_a_function_application_folds_only_at_the_definitions_own_form(soft):
    m = soft
    (fold,) = [f for f in folds(m) if f.is_function]
    i, j = _index(m, "i"), _index(m, "j")
    canon = Canon()
    y, softplus = m.bases["y"], functions.softplus
    got = apply(canon(softplus(y[i, j]) ** 2 + softplus(y[2, j])), [fold], canon)
    assert got == m.bases["a"][i, j] ** 2 + m.bases["a"][2, j]
    other = softplus(2 * y[i, j])  # not the definition's body at any indices
    assert apply(canon(other), [fold], canon) == canon(other)


STD = b"""
[derivation]
title = "a standard deviation defined by its root"
[sizes]
N = "rows"
[indices]
i = "N"
[inputs]
x = { shape = ["N"] }
[[define]]
name = "mu"
expr = "sum(x[i], i) / N"
[[define]]
name = "s"
expr = "sqrt(sum((x[i] - mu)**2, i) / N)"
[[claim]]
name = "ds_dx"
lhs = "diff(s, x[i])"
rhs = "(x[i] - mu) / (N * s)"
"""


def test_a_root_folds_through_its_square_and_names_a_nonnegative_scalar():
    m = build(loads("std.toml", STD))
    n, s, mu = m.sizes[0], m.element("s"), m.element("mu")
    (fold,) = [f for f in folds(m) if f.name == "s"]
    assert fold.is_sum
    assert fold.replacement == n * mu**2 + n * s**2
    assert s.is_nonnegative
    assert sp.sqrt(s**2) == s
    assert m.element("mu").is_nonnegative is None  # a mean may be negative
