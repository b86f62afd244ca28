"""symbn.verify.induction: the backward pass through time of an Elman RNN proved by induction
over t, its typical slips refuted with a counterexample from the unrolled recurrence, and
what the induction does not cover left unknown with the reason."""

from __future__ import annotations

import pytest

import symbn
from symbn.verify.status import Status

RECURSION = "dy[t, m] + sum(W[j, m] * diff(loss, h[t + 1, j]) * (1 - h[t + 1, j]**2), j)"


@pytest.fixture(scope="module")
def text(repo_root) -> str:
    return (repo_root / "derivations" / "rnn_bptt.toml").read_text(encoding="utf-8")


def verdicts(text: str) -> dict:
    report = symbn.loads(text, name="rnn.toml").verify(timeout=60)
    return {r.name: r for r in report.verdicts}


def test_every_claim_is_proved_by_induction(text):
    for r in verdicts(text).values():
        assert r.status == Status.PROVED, (r.name, r.reason)
        assert r.reason.startswith("proved by induction over t:")
        assert "unrolled at small T" in r.reason


SLIPS = [
    (  # 1 - h^2 of the step itself instead of the next one
        RECURSION,
        RECURSION.replace("(1 - h[t + 1, j]**2)", "(1 - h[t, m]**2)"),
        "dh_recursion",
    ),
    (  # W instead of its transpose
        RECURSION,
        RECURSION.replace("W[j, m]", "W[m, j]"),
        "dh_recursion",
    ),
    (  # the direct term dropped
        RECURSION,
        RECURSION.replace("dy[t, m] + ", ""),
        "dh_recursion",
    ),
    (  # the initial state left out of the weights' gradient
        "* (h[t - 1, m] + If(t == 1) * h0[m]), t)",
        "* h[t - 1, m], t)",
        "dW",
    ),
    (  # the input weights' gradient through the next step's derivative
        "sum(diff(loss, h[t, j]) * (1 - h[t, j]**2) * x[t, e], t)",
        "sum(diff(loss, h[t, j]) * (1 - h[t, j]**2) * x[t - 1, e], t)",
        "dU",
    ),
]


@pytest.mark.parametrize(("old", "new", "name"), SLIPS, ids=[s[1] for s in SLIPS])
def test_a_slip_is_refuted_with_an_unrolled_counterexample(text, old, new, name):
    assert old in text
    got = verdicts(text.replace(old, new))
    for claim, r in got.items():
        if claim == name:
            assert r.status == Status.REFUTED, (r.status, r.reason)
            assert r.counterexample is not None
            assert "T" in r.counterexample.sizes
            assert r.residual is not None
        else:
            assert r.status == Status.PROVED


def test_the_wrong_step_is_shown_in_the_residual(text):
    got = verdicts(text.replace(RECURSION, RECURSION.replace("h[t + 1, j]**2", "h[t, j]**2")))
    shown = str(got["dh_recursion"].residual)
    assert "h[t, j]" in shown
    assert "Derivative(loss, h[t + 1, j])" in shown


def test_a_claim_outside_the_induction_is_unknown_with_the_reason(text):
    head = text.split("[[claim]]")[0]
    more = """
[[claim]]
name = "first"
lhs = "diff(h[1, 1], W[1, 1])"
rhs = "(1 - h[1, 1]**2) * h0[1]"

[[claim]]
name = "mixed"
lhs = "diff(h[1, 1], W[1, 1]) * diff(h[1, 1], b[1])"
rhs = "(1 - h[1, 1]**2)**2 * h0[1]"

[[claim]]
name = "last"
lhs = "diff(h[T, 1], W[1, 1])"
rhs = "0"

[[claim]]
name = "derived"
lhs = "diff(loss, b[j])"
"""
    got = verdicts(head + more)
    assert got["first"].status == Status.PROVED  # going forward (symbn.verify.tangent)
    assert got["mixed"].status == Status.UNKNOWN  # by two weights: neither mode's form
    assert "every diff() through it is a first derivative diff(F, v) of one scalar F" in (
        got["mixed"].reason
    )
    assert got["last"].status == Status.REFUTED  # the unrolled check still runs
    assert got["last"].counterexample is not None
    assert got["derived"].status == Status.UNKNOWN
    assert "recurrence" in got["derived"].reason


def test_steps_are_not_asked_of_a_claim_proved_by_induction(text, tmp_path):
    from symbn.cli import main  # noqa: PLC0415 - the command, as a user runs it

    path = tmp_path / "steps.toml"
    old = 'title = "The gradient of the bias"'
    path.write_text(text.replace(old, old + "\nsteps = true"), encoding="utf-8")
    out = tmp_path / "steps.tex"
    assert main(["latex", str(path), "-o", str(out)]) == 0
    assert "proved by induction over" in out.read_text(encoding="utf-8")
