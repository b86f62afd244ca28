"""symbn.canonical.byexp: each function of the table against its definition. For each rule a true
claim that needs it is proved and a false one beside it refuted with a counterexample; one
row per rule of what it makes of an expression; and the rule switched off loses the proof."""

from __future__ import annotations

import dataclasses

import pairs
import pytest
import sympy as sp
from headers import header

from symbn.canonical.algebra import algebraic_zero
from symbn.canonical.engine import Canon, Trace
from symbn.language import rules
from symbn.language.functions import maximum, minimum, softplus, step

HEADER = header(
    "functions against their definitions",
    'x = { shape = ["N"] }\ny = { shape = ["N"] }',
    sizes={"N": "rows"},
    indices={"i": "N", "j": "N"},
)

#: name -> (a true claim, a false one close to it), as (lhs, rhs).
CLAIMS = {
    "sigmoid": (
        ("sigmoid(x[i])", "1 / (1 + exp(-x[i]))"),
        ("sigmoid(x[i])", "1 / (1 + exp(x[i]))"),
    ),
    "sigmoid_reversed": (
        ("1 / (1 + exp(-x[i]))", "sigmoid(x[i])"),
        ("1 / (1 + exp(-2*x[i]))", "sigmoid(x[i])"),
    ),
    "sigmoid_derivative": (
        ("diff(1 / (1 + exp(-x[i])), x[j])", "sigmoid(x[i]) * (1 - sigmoid(x[i])) * Delta(i, j)"),
        ("diff(1 / (1 + exp(-x[i])), x[j])", "sigmoid(x[i]) * (1 + sigmoid(x[i])) * Delta(i, j)"),
    ),
    "sigmoid_derivative_by_exp": (
        ("diff(sigmoid(x[i]), x[j])", "exp(-x[i]) / (1 + exp(-x[i]))**2 * Delta(i, j)"),
        ("diff(sigmoid(x[i]), x[j])", "exp(x[i]) / (1 + exp(-x[i]))**2 * Delta(i, j)"),
    ),
    "tanh": (
        ("tanh(x[i])", "(1 - exp(-2*x[i])) / (1 + exp(-2*x[i]))"),
        ("tanh(x[i])", "(1 - exp(-x[i])) / (1 + exp(-x[i]))"),
    ),
    "softplus": (
        ("softplus(x[i])", "log(1 + exp(x[i]))"),
        ("softplus(x[i])", "log(1 + exp(-x[i]))"),
    ),
    "softplus_reversed": (
        ("log(1 + exp(x[i])) - x[i]", "softplus(x[i]) - x[i]"),
        ("log(2 + exp(x[i]))", "softplus(x[i])"),
    ),
    "min_by_max": (
        ("min(x[i], y[i])", "-max(-x[i], -y[i])"),
        ("min(x[i], y[i])", "-max(x[i], y[i])"),
    ),
    "max_by_min": (
        ("max(x[i], y[i]) + min(x[i], y[i])", "x[i] + y[i]"),
        ("max(x[i], y[i]) - min(x[i], y[i])", "x[i] - y[i]"),
    ),
    "step_complement": (("step(x[i]) + step(-x[i])", "1"), ("step(x[i]) - step(-x[i])", "1")),
    "relu_of_a_negation": (
        ("relu(x[i]) - relu(-x[i])", "x[i]"),
        ("relu(x[i]) + relu(-x[i])", "x[i]"),
    ),
}


verdicts, test_true_claim_proved_and_false_one_refuted = pairs.tests("byexp", HEADER, CLAIMS)


X = sp.Symbol("x", real=True)
Y = sp.Symbol("y", real=True)

#: (rule the first side must use, first side, second side): the same exp form.
ROWS = [
    ("softplus by exp", softplus(X), sp.log(1 + sp.exp(X))),
    ("max and min by abs", maximum(X, Y), (X + Y + sp.Abs(X - Y)) / 2),
    ("max and min by abs", minimum(X, Y), -maximum(-X, -Y)),
    ("step of a negation", step(-X) * Y, Y - step(X) * Y),
]

#: (rule, expression): zero to the rational check only with the rule.
ALGEBRA_ROWS = [
    ("exp of a multiple", sp.exp(-X) + 1 - (sp.exp(X) + 1) / sp.exp(X)),
    ("exp of a multiple", 1 / (1 + sp.exp(-X)) - sp.exp(X) / (1 + sp.exp(X))),
    ("exp of a multiple", sp.exp(X / 2) * (sp.exp(X / 2) + 1) - sp.exp(X) - sp.exp(X / 2)),
]


@pytest.mark.parametrize(("rule", "left", "right"), ROWS, ids=[r[0] for r in ROWS])
def test_rows(rule, left, right):
    trace = Trace()
    got = Canon(trace, exp_form=True)(left)
    assert got == Canon(exp_form=True)(right)
    assert rule in {step[0].name for step in trace.steps}


@pytest.mark.parametrize(("rule", "e"), ALGEBRA_ROWS, ids=[r[0] for r in ALGEBRA_ROWS])
def test_algebra_rows(rule, e, monkeypatch):
    assert algebraic_zero(e)
    entry = rules.named(rule)
    monkeypatch.setitem(
        rules.CATALOGUE, rule, dataclasses.replace(entry, apply=lambda _engine, _x: None)
    )
    assert not algebraic_zero(e)


@pytest.mark.parametrize(("rule", "left", "right"), ROWS, ids=[r[0] for r in ROWS])
def test_without_the_rule_the_sides_differ(rule, left, right, monkeypatch):
    entry = rules.named(rule)
    monkeypatch.setitem(
        rules.CATALOGUE, rule, dataclasses.replace(entry, apply=lambda _engine, _e: None)
    )
    assert Canon(exp_form=True)(left) != Canon(exp_form=True)(right)
