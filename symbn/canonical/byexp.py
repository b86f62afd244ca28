"""The functions of the table against their definitions: each a catalogue rule, applied only
at the verifier's last step (site "exp form", or "algebra" inside
`symbn.canonical.algebra.algebraic_zero`), so that a claim that writes a function by what it
is gets the verdict of one that names it.

    softplus(x) = log(1 + exp x)
    max(a, b) = (a + b + |a - b|) / 2,  min(a, b) = (a + b - |a - b|) / 2
    step(-x) = 1 - step(x)                          x != 0 (the kink is never sampled)
    exp(c x) = (exp x)^c                             c a rational number (algebra)

With "sigmoid and tanh by exp" (symbn.canonical.identities, whose rules come first) these
prove sigmoid(x) = 1/(1 + exp(-x)), tanh(x) = (1 - exp(-2x))/(1 + exp(-2x)),
sigmoid' = sigmoid (1 - sigmoid) written either way, softplus(x) = log(1 + exp x),
min(a, b) = -max(-a, -b) and step(x) + step(-x) = 1.
"""

from __future__ import annotations

import sympy as sp

from symbn.canonical import identities  # noqa: F401 - its "exp form" rules come first
from symbn.language.functions import maximum, minimum, softplus, step
from symbn.language.rules import Rule, named, register

#: The functions the rules of this module write by others (beside identities.EXP_FORMED).
FORMED = (softplus, maximum, minimum, step)


def _noted(engine, rule: str, e: sp.Expr, out: sp.Expr | None) -> sp.Expr | None:
    if out is not None and engine is not None:
        engine.note(named(rule), e, out)
    return out


def _softplus(engine, e: sp.Expr) -> sp.Expr | None:
    if isinstance(e, softplus):
        return _noted(engine, "softplus by exp", e, sp.log(1 + sp.exp(e.args[0])))
    return None


def _extremum(engine, e: sp.Expr) -> sp.Expr | None:
    out = None
    if isinstance(e, maximum | minimum):
        a, b = e.args
        sign = 1 if isinstance(e, maximum) else -1
        out = (a + b + sign * sp.Abs(a - b)) / 2
    return _noted(engine, "max and min by abs", e, out)


def _step_negation(engine, e: sp.Expr) -> sp.Expr | None:
    if isinstance(e, step) and e.args[0].could_extract_minus_sign():
        return _noted(engine, "step of a negation", e, 1 - step(-e.args[0]))
    return None


def exp_power(_engine, e: sp.Expr) -> tuple[sp.Expr, sp.Rational] | None:
    """exp(c x) as (exp x, c) for a rational c other than 1; None for any other node."""
    if not isinstance(e, sp.exp):
        return None
    c, rest = e.args[0].as_coeff_Mul()
    if not c.is_Rational or c == 1 or rest == 1:
        return None
    return sp.exp(rest), c


SOFTPLUS = register(
    Rule(
        "softplus by exp",
        r"\operatorname{softplus}(x) = \log(1 + e^{x})",
        "the smooth rectifier written in the log and exp it is made of",
        "exp form",
        _softplus,
    )
)
EXTREMUM = register(
    Rule(
        "max and min by abs",
        r"\max(a, b) = \frac{a + b + |a - b|}{2},\ \min(a, b) = \frac{a + b - |a - b|}{2}",
        "both extrema written by one absolute value, so min(a, b) = -max(-a, -b)",
        "exp form",
        _extremum,
    )
)
STEP_NEGATION = register(
    Rule(
        "step of a negation",
        r"\operatorname{step}(-x) = 1 - \operatorname{step}(x) \quad (x \neq 0)",
        "a step and its mirror image add up to 1 away from the kink, which is never sampled",
        "exp form",
        _step_negation,
    )
)
EXP_POWER = register(
    Rule(
        "exp of a multiple",
        r"e^{c x} = \left(e^{x}\right)^{c} \quad (c \in \mathbb{Q})",
        "exp(-x) is 1/exp(x) and exp(2x) its square: one atom for the rational check",
        "algebra",
        exp_power,
    )
)
