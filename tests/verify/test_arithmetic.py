"""The two number systems of the concrete check (`symbn.verify.arithmetic`): each takes the
derivative of a function of one number to its own accuracy, and spells the language's
functions as the exact values have them."""

from __future__ import annotations

import math

import mpmath
import pytest

from symbn.verify.arithmetic import DIGITS, ComplexStep, MultiPrecision


@pytest.mark.parametrize(
    ("arith", "tolerance"), [(MultiPrecision(), 1e-30), (ComplexStep(), 1e-14)], ids=["mp", "cs"]
)
def test_the_derivative_of_tanh_is_one_minus_its_square(arith, tolerance):
    with mpmath.workdps(DIGITS):
        x0 = arith.number(3, 10)
        got = arith.real(arith.derivative(arith.tanh, x0))
        want = 1 - mpmath.tanh(mpmath.mpf(3) / 10) ** 2
        assert abs(got - want) < tolerance
        assert abs(got - (1 - math.tanh(0.3) ** 2)) < 1e-15  # and not some other slope


@pytest.mark.parametrize("arith", [MultiPrecision(), ComplexStep()], ids=["mp", "cs"])
def test_exact_fractions_and_sums(arith):
    with mpmath.workdps(DIGITS):
        third = arith.number(1, 3)
        total = arith.real(arith.fsum([third, third, third]))
        assert abs(total - 1) < 1e-15
        assert abs(arith.real(arith.log(arith.exp(arith.number(2))) - 2)) < 1e-15
