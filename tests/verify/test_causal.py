"""derivations/attention_causal.toml: causal self-attention's backward is proved, and the
slips an author makes with the mask are refuted, never proved, each with a counterexample at
which both sides, evaluated again, differ. A restriction that P's mask already implies is
no slip, and is proved."""

from __future__ import annotations

import pytest
from paths import ROOT
from verify.test_verifier import check_refuted, verdicts

CAUSAL = ROOT / "derivations" / "attention_causal.toml"
DA = "sum(dO[k, f] * diff(O[k, f], A[i, j]), k, f)"
DV = "sum(dO[k, f] * diff(O[k, f], V[j, e]), k, f)"
DK = "sum(dO[k, f] * diff(O[k, f], K[j, e]), k, f)"
UNMASKED = "exp(A[i, {0}]) / sum(exp(A[i, n]), n)"

#: (name, lhs, rhs): wrong in the author's meaning, each a way to forget or misplace the mask
SLIPS = [
    # the backward written with the softmax over every position, as without the mask
    (
        "softmax_over_all_positions",
        DA,
        f"{UNMASKED.format('j')} * (dP[i, j] - sum({UNMASKED.format('m')} * dP[i, m], m))",
    ),
    # the row sum of the backward restricted to the earlier positions, the diagonal left out
    ("strict_mask_in_the_row_sum", DA, "P[i, j] * (dP[i, j] - sum(P[i, m] * dP[i, m], m, m < i))"),
    # the transposed products masked the wrong way round
    ("dV_mask_transposed", DV, "sum(P[i, j] * dO[i, e], i, i <= j)"),
    ("dK_mask_transposed", DK, "sum(dA[i, j] * Q[i, e], i, i <= j) / sqrt(E)"),
    # the Jacobian's diagonal term without the mask
    (
        "jacobian_diagonal_unmasked",
        "diff(P[i, j], A[k, m])",
        "Delta(i, k) * (Delta(j, m) * exp(A[i, j]) / sum(exp(A[i, n]), n, n <= i)"
        " - P[i, j] * P[i, m])",
    ),
    ("rows_without_the_diagonal", "sum(P[i, j], j, j < i)", "1"),
]

#: (name, lhs, rhs): restrictions that P's mask implies, or the diagonal written apart
TRUE = [
    ("dV_restricted", DV, "sum(P[i, j] * dO[i, e], i, j <= i)"),
    ("dA_restricted", DA, "P[i, j] * (dP[i, j] - sum(P[i, m] * dP[i, m], m, m <= i))"),
    (
        "dA_diagonal_apart",
        DA,
        "P[i, j] * (dP[i, j] - sum(P[i, m] * dP[i, m], m, m < i) - P[i, i] * dP[i, i])",
    ),
]


def with_claims(*claims: tuple[str, str, str]) -> str:
    text = CAUSAL.read_text(encoding="utf-8")
    for name, lhs, rhs in claims:
        text += f'\n[[claim]]\nname = "{name}"\nlhs = "{lhs}"\nrhs = "{rhs}"\n'
    return text


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    from symbn.language import model  # noqa: PLC0415
    from symbn.source import toml  # noqa: PLC0415

    path = tmp_path_factory.mktemp("causal") / "causal.toml"
    path.write_text(with_claims(*SLIPS, *TRUE), encoding="utf-8")
    m = model.build(toml.load(path))
    return m, verdicts(m)


def test_every_claim_of_the_derivation_is_proved(results):
    m, got = results
    for claim in m.claims:
        if claim.name not in {s[0] for s in SLIPS}:
            assert got[claim.name].status == "proved", (claim.name, got[claim.name].residual)


@pytest.mark.parametrize("name", [s[0] for s in SLIPS])
def test_a_slip_with_the_mask_is_refuted_with_a_counterexample(results, name):
    m, got = results
    check_refuted(m, got[name])
    cx = got[name].counterexample
    assert float(cx.lhs) != pytest.approx(float(cx.rhs), rel=1e-6, abs=1e-9)
