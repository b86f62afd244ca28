"""The two number systems of the concrete check: `ComplexStep` (Python complex numbers; a
derivative is Im f(x + i h) / h, exact to rounding with no cancellation, and fast), and
`MultiPrecision` (50-digit mpmath with central differences), used where diff() is nested,
which the complex step cannot do. Each spells the language's functions, a sum and a
derivative of a function of one number `at` at `x0`.
"""

from __future__ import annotations

import cmath
import math

import mpmath

DIGITS = 50  # working precision of MultiPrecision


class MultiPrecision:
    """mpmath numbers; diff() is a central difference with a relative step of 1e-15."""

    agree = mpmath.mpf("1e-12")  # |lhs - rhs| <= agree * scale: the sides agree
    disagree = mpmath.mpf("1e-8")  # |lhs - rhs| > disagree * scale: a counterexample
    nests = True

    def number(self, p: int, q: int = 1):
        return mpmath.mpf(p) / q

    def fsum(self, xs):
        return mpmath.fsum(xs)

    def real(self, x):
        return x

    def exp(self, x):
        return mpmath.exp(x)

    def tanh(self, x):
        return mpmath.tanh(x)

    def log(self, x):
        return mpmath.log(x)

    def erf(self, x):
        return mpmath.erf(x)

    def derivative(self, at, x0):
        h = mpmath.mpf("1e-15") * max(1, abs(x0))
        return (at(x0 + h) - at(x0 - h)) / (2 * h)


class ComplexStep:
    """Python complex numbers; diff() is the complex step Im f(x + i h) / h."""

    agree = 1e-9
    disagree = 1e-6
    nests = False

    def number(self, p: int, q: int = 1):
        return complex(p / q)

    def fsum(self, xs):
        xs = list(xs)
        return complex(math.fsum(x.real for x in xs), math.fsum(x.imag for x in xs))

    def real(self, x):
        return x.real

    def exp(self, x):
        return cmath.exp(x)

    def tanh(self, x):
        return cmath.tanh(x)

    def log(self, x):
        return cmath.log(x)

    def erf(self, x):
        # Python has no complex erf: mpmath's, at the working precision (50 digits), keeps
        # the imaginary part of the complex step exact to rounding
        return complex(mpmath.erf(mpmath.mpc(x.real, x.imag)))

    def derivative(self, at, x0):
        h = 1e-30 * max(1.0, abs(x0.real))
        return complex(at(complex(x0.real, h)).imag / h)
