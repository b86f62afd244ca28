"""Identities of the elementary functions, each a rule of the canonical form with its
condition: they write every application in one form, so that both sides of a claim reach it.

    log(a b) = log a + log b, log(a^n) = n log a     a, b > 0 (declared positive, exp, sizes)
    log(exp z) = z                                    z real (SymPy's own log does this)
    exp(a + b) = exp a exp b                          (so sum_n exp(x_n + c) = exp c sum_n exp x_n)
    sigmoid(x) = exp x / (1 + exp x), tanh(x) = (exp 2x - 1) / (exp 2x + 1)
    sech x = 2 / (exp x + exp -x), cosh x = (exp x + exp -x) / 2, sinh x = (exp x - exp -x) / 2
    relu(x) = x step(x)
    step(x)^n = step(x)                               n a positive integer (so step (1 - step) = 0)

Each applies at a function application (site "function") or in a monomial ("monomial"); the
canonical form brings its result to canonical form again. The two that write a function by
another (sigmoid and tanh by exp, relu by step) are of site "exp form": the canonical form
keeps sigmoid, tanh and relu, so that a definition a = tanh(y) still folds back into a,
and the verifier applies them only as its last step (`Canon(exp_form=True)`), when a
difference without definitions is not yet zero.
"""

from __future__ import annotations

import sympy as sp

from symbn.language.functions import relu, sigmoid, step
from symbn.language.rules import Rule, named, register

#: The hyperbolic functions besides tanh, which the rule of that name writes by exp.
HYPERBOLIC = (sp.sech, sp.cosh, sp.sinh)
#: The functions the rules of site "exp form" write by exp and step.
EXP_FORMED = (sigmoid, sp.tanh, relu, *HYPERBOLIC)


def _noted(engine, rule: str, e: sp.Expr, out: sp.Expr | None) -> sp.Expr | None:
    if out is not None:
        engine.note(named(rule), e, out)
    return out


def _log_product(engine, e: sp.Expr) -> sp.Expr | None:
    if not isinstance(e, sp.log):
        return None
    (x,) = e.args
    out = None
    if isinstance(x, sp.Mul) and all(f.is_positive for f in x.args):
        out = sp.Add(*[sp.log(f) for f in x.args])
    elif isinstance(x, sp.Pow) and x.base.is_positive and x.exp.is_Rational:
        out = x.exp * sp.log(x.base)
    return _noted(engine, "log of a product", e, out)


def _exp_sum(engine, e: sp.Expr) -> sp.Expr | None:
    if isinstance(e, sp.exp) and isinstance(e.args[0], sp.Add):
        return _noted(engine, "exp of a sum", e, sp.Mul(*[sp.exp(t) for t in e.args[0].args]))
    return None


def _sigmoid(engine, e: sp.Expr) -> sp.Expr | None:
    out = None
    if isinstance(e, sigmoid):
        z = sp.exp(e.args[0])
        out = z / (1 + z)
    elif isinstance(e, sp.tanh):
        z = sp.exp(2 * e.args[0])
        out = (z - 1) / (z + 1)
    return _noted(engine, "sigmoid and tanh by exp", e, out)


def _hyperbolic(engine, e: sp.Expr) -> sp.Expr | None:
    if not isinstance(e, HYPERBOLIC):
        return None
    z = sp.exp(e.args[0])
    out = {sp.sech: 2 / (z + 1 / z), sp.cosh: (z + 1 / z) / 2, sp.sinh: (z - 1 / z) / 2}
    return _noted(engine, "hyperbolic functions by exp", e, out[type(e)])


def _relu(engine, e: sp.Expr) -> sp.Expr | None:
    if isinstance(e, relu):
        return _noted(engine, "relu by step", e, e.args[0] * step(e.args[0]))
    return None


def _step_power(engine, t: sp.Expr) -> sp.Expr | None:
    factors = sp.Mul.make_args(t)
    if not any(_is_step_power(f) for f in factors):
        return None
    out = sp.Mul(*[f.base if _is_step_power(f) else f for f in factors])
    engine.note(STEP_POWER, t, out)
    return engine.monomial(out)


def _is_step_power(f: sp.Expr) -> bool:
    return isinstance(f, sp.Pow) and isinstance(f.base, step) and f.exp.is_Integer and f.exp > 1


LOG_PRODUCT = register(
    Rule(
        "log of a product",
        r"\log(a b) = \log a + \log b,\ \log a^n = n \log a \quad (a, b > 0)",
        "a log of positive factors is the sum of their logs, whichever way it was grouped",
        "function",
        _log_product,
    )
)
EXP_SUM = register(
    Rule(
        "exp of a sum",
        r"e^{a + b} = e^{a} e^{b}",
        "each term of the exponent becomes a factor, which a sum it does not use lets out",
        "function",
        _exp_sum,
    )
)
SIGMOID = register(
    Rule(
        "sigmoid and tanh by exp",
        r"\sigma(x) = \frac{e^{x}}{1 + e^{x}},\ \tanh x = \frac{e^{2x} - 1}{e^{2x} + 1}",
        "the logistic functions written in the exp they are made of",
        "exp form",
        _sigmoid,
    )
)
HYPERBOLIC_BY_EXP = register(
    Rule(
        "hyperbolic functions by exp",
        r"\operatorname{sech} x = \frac{2}{e^{x} + e^{-x}},\ \cosh x = \frac{e^{x} + e^{-x}}{2},"
        r"\ \sinh x = \frac{e^{x} - e^{-x}}{2}",
        "sech, cosh and sinh written in the exp they are made of",
        "exp form",
        _hyperbolic,
    )
)
RELU = register(
    Rule(
        "relu by step",
        r"\operatorname{ReLU}(x) = x \operatorname{step}(x)",
        "the rectifier is its argument where the step is 1",
        "exp form",
        _relu,
    )
)
STEP_POWER = register(
    Rule(
        "powers of a step",
        r"\operatorname{step}(x)^n = \operatorname{step}(x) \quad (n \geq 1)",
        "a step is 0 or 1, so step (1 - step) = 0",
        "monomial",
        _step_power,
    )
)
