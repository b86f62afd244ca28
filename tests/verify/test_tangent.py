"""symbn.verify.tangent: forward-mode claims through a recurrence (the tangent of the state by
a weight, through one step of the chain rule) proved, with vectors and a weight matrix, and
their slips refuted with a counterexample from the unrolled recurrence."""

from __future__ import annotations

import pytest

import symbn
from symbn.verify.status import Status

TEXT = """
[derivation]
title = "An Elman cell, going forward"

[sizes]
T = "steps"
H = "hidden units"

[indices]
t = "T"
j = "H"
m = "H"
k = "H"

[inputs]
x = { shape = ["T", "H"] }
W = { shape = ["H", "H"] }
b = { shape = ["H"] }

[[define]]
name = "h"
index = ["t", "j"]
expr = "tanh(sum(W[j, m] * h[t - 1, m], m) + x[t, j] + b[j])"

[[claim]]
name = "tangent_b"
lhs = "diff(h[t, j], b[k])"
rhs = "(1 - h[t, j]**2) * (sum(W[j, m] * diff(h[t - 1, m], b[k]), m) + Delta(j, k))"

[[claim]]
name = "tangent_W"
lhs = "diff(h[t, j], W[k, m])"
rhs = "(1 - h[t, j]**2) * (sum(W[j, p] * diff(h[t - 1, p], W[k, m]), p) + Delta(j, k)*h[t - 1, m])"
"""

TEXT = TEXT.replace('k = "H"', 'k = "H"\np = "H"')


def verdicts(text: str) -> dict:
    report = symbn.loads(text, name="cell.toml").verify(timeout=60)
    return {r.name: r for r in report.verdicts}


def test_the_tangents_going_forward_are_proved_through_one_step():
    for r in verdicts(TEXT).values():
        assert r.status == Status.PROVED, (r.name, r.reason)
        assert r.reason.startswith("proved through one step of h")


SLIPS = [
    ("(1 - h[t, j]**2) * (sum(W[j, m]", "(1 - h[t - 1, j]**2) * (sum(W[j, m]", "tangent_b"),
    ("W[j, p] * diff", "W[p, j] * diff", "tangent_W"),
    ("Delta(j, k)*h[t - 1, m]", "Delta(j, k)*h[t, m]", "tangent_W"),
]


@pytest.mark.parametrize(("old", "new", "name"), SLIPS, ids=[s[1] for s in SLIPS])
def test_a_slip_going_forward_is_refuted(old, new, name):
    assert TEXT.count(old) == 1
    r = verdicts(TEXT.replace(old, new))[name]
    assert r.status == Status.REFUTED, (r.status, r.reason)
    assert r.counterexample is not None
