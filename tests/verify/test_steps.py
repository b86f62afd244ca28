"""Step-by-step derivations: every line an equality the verifier proves, with its reasons."""

from __future__ import annotations

import pytest
import sympy as sp
from headers import header

from symbn.api import Derivation
from symbn.calculus.derivative import evaluate
from symbn.verify import steps
from symbn.verify.verifier import Verifier

SMALL = (
    header(
        "Centring",
        """
h = { shape = ["N", "L"] }
dy = { shape = ["N", "L"] }
""",
    )
    + """
[[define]]
name = "mu"
index = ["l"]
expr = "sum(h[p, l], p) / N"
latex = "\\\\mu"

[[define]]
name = "u"
index = ["k", "l"]
expr = "h[k, l] - mu[l]"

[[claim]]
name = "du_dh"
lhs = "diff(u[k, l], h[i, j])"
rhs = "Delta(i, k)*Delta(j, l) - Delta(j, l)/N"
steps = true

[[claim]]
name = "dL_dh"
lhs = "sum(dy[k, l] * diff(u[k, l], h[i, j]), k, l)"
rhs = "dy[i, j] - sum(dy[k, j], k) / N"
steps = true
"""
)


@pytest.fixture(scope="module")
def batchnorm(batchnorm_model):
    report = Derivation(batchnorm_model.spec.path, batchnorm_model).verify()
    verified = report.verified
    assert verified.derivations is not None
    return batchnorm_model, report.verifier, verified.results, verified.derivations


def chains(derivation: steps.Derivation) -> list[steps.Chain]:
    return [*derivation.lemmas, derivation.main]


def assert_every_line_equal(verifier: Verifier, derivation: steps.Derivation) -> None:
    def value(e: sp.Expr) -> sp.Expr:  # a line may still hold diff()s: take them
        return evaluate(e, verifier.model)

    for chain in chains(derivation):
        before = chain.lhs
        assert chain.steps, "a chain has at least one step"
        for n, step in enumerate(chain.steps, 1):
            assert step.reasons, f"line {n} says why it follows"
            assert verifier.is_zero(value(before) - value(step.expr)), (
                f"line {n}: {before} != {step.expr}"
            )
            before = step.expr


def reasons(derivation: steps.Derivation) -> set[tuple[str, str]]:
    return {(r.kind, r.name) for c in chains(derivation) for s in c.steps for r in s.reasons}


def test_only_claims_with_steps_get_a_derivation(batchnorm):
    model, _, _, found = batchnorm
    assert list(found) == [c.name for c in model.claims if c.steps]
    assert {"dhhat_dh", "dL_dh"} <= set(found)


@pytest.mark.parametrize("name", ["dhhat_dh", "dL_dh"])
def test_every_line_of_the_main_derivations_is_an_equality(batchnorm, name):
    _, verifier, _, found = batchnorm
    assert_every_line_equal(verifier, found[name])


@pytest.mark.parametrize("name", ["dhhat_dh", "dL_dh"])
def test_the_derivation_ends_at_the_verifiers_closed_form(batchnorm, name):
    model, _, results, found = batchnorm
    result = results[[c.name for c in model.claims].index(name)]
    assert found[name].main.result == result.closed_form


def test_dhhat_shows_product_rule_lemmas_sums_deltas_and_folds(batchnorm):
    _, _, _, found = batchnorm
    why = reasons(found["dhhat_dh"])
    for expected in [
        ("definition", "hhat"),
        ("rule", "product rule"),
        ("rule", "power rule"),
        ("rule", "sum over a delta"),
        ("rule", "derivative of an element"),
        ("fold", "mu"),
        ("fold", "hhat"),
        ("lemma", "1"),
        ("lemma", "2"),
    ]:
        assert expected in why
    lemmas = [c.lhs for c in found["dhhat_dh"].lemmas]
    assert [str(x.expr) for x in lemmas] == ["mu[l]", "var[l]"]


def test_dl_dh_opens_y_and_cites_the_shown_claim(batchnorm):
    _, _, _, found = batchnorm
    derivation = found["dL_dh"]
    first = derivation.main.steps[0]
    assert first.reasons == (steps.Reason("definition", "y"),)
    assert ("claim", "dhhat_dh") in reasons(derivation)
    assert ("rule", "sum over a delta") in reasons(derivation)
    assert not derivation.lemmas


def test_a_small_derivation_line_by_line(build_model):
    model = build_model(SMALL)
    verifier = Verifier(model)
    results = verifier.run()
    assert [r.status for r in results] == ["proved", "proved"]
    found = steps.derivations(model, results, verifier.folds)
    for derivation in found.values():
        assert_every_line_equal(verifier, derivation)
    # the second derivation cites the first instead of deriving du/dh again
    assert ("claim", "du_dh") in reasons(found["dL_dh"])
    # a sum over a delta done by the canon is named
    assert ("rule", "sum over a delta") in reasons(found["du_dh"])


def test_lines_carry_no_internal_bound_index_names(batchnorm):
    _, _, _, found = batchnorm
    for derivation in found.values():
        for chain in chains(derivation):
            for step in chain.steps:
                names = {s.name for s in step.expr.atoms(sp.Symbol)}
                assert not any(n.startswith("_") for n in names), step.expr


def test_every_rule_named_has_an_identity(batchnorm):
    _, _, _, found = batchnorm
    for derivation in found.values():
        for kind, name in reasons(derivation):
            if kind == "rule":
                assert steps.IDENTITIES[name]
