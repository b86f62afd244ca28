"""symbn.language.walker: numbers, names and operators build exactly these SymPy objects."""

from __future__ import annotations

import pytest
import sympy as sp
from exprscope import N, b, built, c, ell, g, m, read, refused

VALID = [
    ("0.1 * c", sp.Rational(1, 10) * c),
    ("1e-3", sp.Rational(1, 1000)),
    ("2.5e2 * c", 250 * c),
    ("1_000 * c", 1000 * c),
    ("c / N", c / N),
    ("-c + +c**2", -c + c**2),
    ("c**(-1/2)", c ** sp.Rational(-1, 2)),
    ("2 * pi", 2 * sp.pi),
    ("c ** g", c**g),
    ("(1 - b[l]) ** (2 * g)", (1 - b[ell]) ** (2 * g)),
    ("(4 * m[l]**2)**(1/2)", 2 * sp.Abs(m[ell])),
    ("(m[l]**2)**(3/2)", sp.Abs(m[ell]) ** 3),
]


@pytest.mark.parametrize(("src", "expected"), VALID, ids=[v[0] for v in VALID])
def test_builds_exact_sympy_objects(src, expected):
    built(src, expected)


def test_decimals_are_exact_rationals_not_floats():
    got = read("0.1 + 0.2")
    assert got == sp.Rational(3, 10)
    assert not got.atoms(sp.Float)


REFUSED = [
    ("c.real", "unsupported syntax: attribute access", 8),
    ("c ** h[1, 1]", "an exponent is a number or a scalar", 13),
    ("c ** sum(b[l], l)", "an exponent is a number or a scalar", 13),
    ("(-2) ** c", "is not a real number for every exponent", 8),
]


@pytest.mark.parametrize(("src", "message", "col"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refusals_name_the_column(src, message, col):
    refused(src, message, col)
