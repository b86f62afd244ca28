"""symbn.language.vjp: the one reading of a claim's lhs as a vector-Jacobian product, which
reverse mode and a `[layer]`'s gradient check share. A constant factor is read as the scale
of the product: reverse mode proves twice the gradient equal to twice its rhs and refutes it
equal to the rhs, and a layer refuses it as the gradient of its input (a row of
tests/emit/test_layer.py)."""

from __future__ import annotations

import pytest
import sympy as sp
from emit.test_layer import layer

from symbn.language import vjp
from symbn.source.positions import Location
from symbn.source.spec import Text
from symbn.verify import adjoint
from symbn.verify.verifier import Verifier

GRADIENT = "sum(dz[k, l] * diff(z[k, l], w[j]), k, l)"
RHS = "sum(dz[k, j] * x[k, j], k)"


@pytest.fixture
def scaled(build_model):
    """The layer of test_layer with its w claim not a [layer] gradient (its lhs is any)."""
    return build_model(layer().replace(', w = "dL_dw"', ""))


def parse(m, text: str) -> sp.Expr:
    return m.parse(Text(text, Location("t", 1, 1, text)))


def read(m, text: str, upstream: str | None = None):
    return vjp.read(parse(m, text), m.tensor_name, m.definitions, upstream)


@pytest.mark.parametrize(
    ("lhs", "scale"),
    [(GRADIENT, 1), (f"2 * {GRADIENT}", 2), (f"-{GRADIENT} / 3", sp.Rational(-1, 3))],
)
def test_a_constant_factor_is_the_scale(scaled, lhs, scale):
    got = read(scaled, lhs)
    assert isinstance(got, vjp.Vjp), got
    assert got.output == "z"
    assert got.scale == scale
    assert got.upstream == scaled.element("dz", got.idx)
    assert read(scaled, lhs, upstream="dz") == got


@pytest.mark.parametrize(
    ("lhs", "why"),
    [
        ("sum(dz[k, l] * x[k, l], k, l)", "not the upstream gradient times one diff()"),
        ("sum(dz[k, l] * diff(z[k, l], w[j]), k)", "does not run over exactly"),
        ("sum(dz[k, l] * diff(x[k, l], w[j]), k, l)", "which is not a definition"),
        ("sum(dz[k, l] * diff(z[k, l], w[l]), k, l)", "shares an index with"),
        (f"x[1, 1] * {GRADIENT}", None),  # a factor with a name joins the upstream
    ],
)
def test_what_is_not_a_vjp_says_why(scaled, lhs, why):
    got = read(scaled, lhs)
    if why is None:
        assert isinstance(got, vjp.Vjp)
        assert got.scale == 1
        assert read(scaled, lhs, upstream="dz").startswith("its lhs does not multiply")
    else:
        assert isinstance(got, str)
        assert why in got


def test_reverse_mode_proves_twice_the_gradient_and_refutes_the_factor_slip(build_model):
    text = layer().replace(', w = "dL_dw"', "")
    text += (
        f'\n[[claim]]\nname = "twice"\nlhs = "2 * {GRADIENT}"\nrhs = "2 * {RHS}"\n'
        f'\n[[claim]]\nname = "twice_slip"\nlhs = "2 * {GRADIENT}"\nrhs = "{RHS}"\n'
    )
    m = build_model(text)
    verifier = Verifier(m)
    got = {c.name: verifier.claim(c) for c in m.claims if c.name.startswith("twice")}
    assert adjoint.vjp_form(m, m.claims[-1].lhs).scale == 2  # reverse mode reads the factor
    assert got["twice"].status == "proved", got["twice"]
    assert got["twice_slip"].status == "refuted"
    assert got["twice_slip"].counterexample is not None
