"""symbn.canonical.identities: for each identity of the elementary functions, a true claim that
needs it proved and a false one beside it refuted with a counterexample; and one row per rule of
what the canonical form makes of an expression."""

from __future__ import annotations

import pairs
import pytest
import sympy as sp

from symbn.canonical.engine import Canon, Trace
from symbn.language import rules
from symbn.language.functions import relu, sigmoid, step

HEADER = """
[derivation]
title = "identities"
[sizes]
N = "rows"
[indices]
i = "N"
n = "N"
[inputs]
x = { shape = ["N"] }
a = { shape = ["N"], positive = true }
b = { shape = ["N"], positive = true }
c = { shape = [] }
"""

#: rule -> (a true claim that needs it, a false one close to it), as (lhs, rhs).
CLAIMS = {
    "log of a product": (
        ("log(a[i] * b[i] / a[1])", "log(a[i]) + log(b[i]) - log(a[1])"),
        ("log(a[i] * b[i])", "log(a[i]) * log(b[i])"),
    ),
    "log of an exp": (("log(exp(x[i] + c))", "x[i] + c"), ("log(exp(x[i]) + exp(c))", "x[i] + c")),
    "exp of a sum": (
        ("sum(exp(x[n] + c), n)", "exp(c) * sum(exp(x[n]), n)"),
        ("sum(exp(x[n] + c), n)", "exp(c) + sum(exp(x[n]), n)"),
    ),
    "sigmoid and tanh by exp": (
        ("exp(x[i]) / (1 + exp(x[i]))", "sigmoid(x[i])"),
        ("exp(x[i]) / (1 + exp(2*x[i]))", "sigmoid(x[i])"),
    ),
    "tanh": (("tanh(x[i])", "2*sigmoid(2*x[i]) - 1"), ("tanh(x[i])", "2*sigmoid(x[i]) - 1")),
    "hyperbolic functions by exp": (
        ("tanh(x[i])**2 + sech(x[i])**2", "1"),
        ("cosh(x[i])**2 - sinh(x[i])**2", "sinh(x[i])**2"),
    ),
    "cosh and sinh": (
        ("cosh(x[i]) + sinh(x[i])", "exp(x[i])"),
        ("cosh(x[i]) - sinh(x[i])", "exp(x[i])"),
    ),
    "relu by step": (
        ("relu(x[i]) - x[i]", "-x[i] * (1 - step(x[i]))"),
        ("relu(x[i])", "x[i] * step(-x[i])"),
    ),
    "powers of a step": (
        ("step(x[i]) * (1 - step(x[i]))", "0"),
        ("step(x[i]) * (1 - step(x[i]))", "step(x[i])"),
    ),
}


verdicts, test_true_claim_proved_and_false_one_refuted = pairs.tests("identities", HEADER, CLAIMS)


X = sp.Symbol("x", real=True)
Y = sp.Symbol("y", real=True)
POS = sp.Symbol("a", positive=True)
POS2 = sp.Symbol("b", positive=True)

#: (rule the first side must use, first side, second side): the same canonical form.
ROWS = [
    ("log of a product", sp.log(POS * POS2), sp.log(POS) + sp.log(POS2)),
    ("log of a product", sp.log(POS / POS2), sp.log(POS) - sp.log(POS2)),
    ("exp of a sum", sp.exp(X + Y), sp.exp(X) * sp.exp(Y)),
    ("sigmoid and tanh by exp", sigmoid(X), sp.exp(X) / (1 + sp.exp(X))),
    ("sigmoid and tanh by exp", sp.tanh(X), (sp.exp(2 * X) - 1) / (sp.exp(2 * X) + 1)),
    ("hyperbolic functions by exp", sp.sech(X), 2 / (sp.exp(X) + sp.exp(-X))),
    ("hyperbolic functions by exp", sp.cosh(X) * sp.sinh(X), (sp.exp(2 * X) - sp.exp(-2 * X)) / 4),
    ("relu by step", relu(X), X * step(X)),
    ("powers of a step", step(X) ** 3 * Y, step(X) * Y),
]


@pytest.mark.parametrize(("rule", "left", "right"), ROWS, ids=[r[0] for r in ROWS])
def test_identity_rows(rule, left, right):
    trace = Trace()
    exp_form = rules.named(rule).site == "exp form"  # the verifier's last step applies these
    got = Canon(trace, exp_form=exp_form)(left)
    assert got == Canon(exp_form=exp_form)(right)
    assert rule in {step[0].name for step in trace.steps}


def test_sympy_itself_takes_the_log_of_an_exp_of_a_real():
    assert sp.log(sp.exp(X + Y)) == X + Y  # so no rule of symbn does it ("log of an exp" claims)


def test_a_log_of_factors_not_known_positive_stays():
    assert Canon()(sp.log(X * Y)) == sp.log(X * Y)


def test_the_canonical_form_keeps_sigmoid_tanh_and_relu():
    for f in (sigmoid(X), sp.tanh(X), relu(X)):
        assert Canon()(f) == f  # so that a definition a = tanh(y) folds back into a
    assert Canon(exp_form=True)(relu(X)) == X * step(X)
