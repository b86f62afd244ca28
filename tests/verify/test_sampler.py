"""symbn.verify.sampler: the concrete check finds a clear disagreement on a false claim and
none on a true one, writes it as a counterexample with the inputs the claim uses, and a
probe that disagrees (or checked nothing) never confirms a proof."""

from __future__ import annotations

import pytest

from symbn.errors import InternalError
from symbn.verify.budget import UncheckedError
from symbn.verify.sampler import Probe, Sampler

TRUE = ("var_true", "diff(var[l], h[i, j])", "2/N * (h[i, l] - mu[l]) * Delta(j, l)")
FALSE = ("var_bessel", "diff(var[l], h[i, j])", "2/(N - 1) * (h[i, l] - mu[l]) * Delta(j, l)")


@pytest.fixture
def model_and_claims(build_model, repo_root):
    """batchnorm.toml with the two claims above appended, and those two claims."""
    text = (repo_root / "derivations" / "batchnorm.toml").read_text(encoding="utf-8")
    for name, lhs, rhs in (TRUE, FALSE):
        text += f'\n[[claim]]\nname = "{name}"\nlhs = "{lhs}"\nrhs = "{rhs}"\n'
    m = build_model(text)
    return m, m.claims[-2:]


def test_a_false_claim_disagrees_and_a_true_one_does_not(model_and_claims):
    m, claims = model_and_claims
    sampler = Sampler(m, seed=0)
    true, false = claims
    good = sampler.probe(true, true.lhs, true.rhs)
    assert good.checked > 0
    assert good.wrong is None
    good.confirm(true)  # agrees: no error
    bad = sampler.probe(false, false.lhs, false.rhs)
    assert bad.wrong is not None
    with pytest.raises(InternalError, match="concrete check disagrees"):
        bad.confirm(false)


def test_the_counterexample_names_the_inputs_the_claim_uses(model_and_claims):
    m, claims = model_and_claims
    sampler = Sampler(m, seed=0)
    _, false = claims
    found = sampler.counterexample(false, false.lhs, false.rhs)
    used = m.used_inputs(false.lhs, false.rhs)
    assert found is not None
    assert found.lhs != found.rhs
    assert set(found.inputs) == used
    assert found.sizes["N"] >= 2  # 2/(N - 1) is undefined at N = 1
    assert used == {"X", "W", "b"}  # h = X W + b; var and mu are definitions over h


def test_seeds_differ_by_claim_and_by_option(model_and_claims):
    m, (true, false) = model_and_claims
    assert Sampler(m, 0).seed(true) != Sampler(m, 0).seed(false)
    assert Sampler(m, 0).seed(true) != Sampler(m, 1).seed(true)


def test_a_probe_that_checked_nothing_confirms_nothing(model_and_claims):
    _, claims = model_and_claims
    with pytest.raises(UncheckedError, match="no sampled point"):
        Probe().confirm(claims[0])
