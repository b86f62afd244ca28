"""The independent check: a claim evaluated at concrete sizes, indices and input values.

Nothing here uses the calculus or the canonical form. Sums are looped over explicitly,
definitions are computed from their bodies, and diff() perturbs the element and evaluates
again, so an error in a rewrite rule cannot hide in both the proof and this check.

Two number systems do the arithmetic: `ComplexStep` (Python complex numbers; a derivative is
Im f(x + i h) / h, exact to rounding with no cancellation, and fast), and `MultiPrecision`
(50-digit mpmath with central differences), used where diff() is nested, which the complex
step cannot do.
"""

from __future__ import annotations

import cmath
import itertools
import math
import random
from dataclasses import dataclass
from fractions import Fraction

import mpmath
import sympy as sp

from symbn import functions
from symbn.errors import InternalError
from symbn.functions import KINK, UndefinedError
from symbn.model import Model

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

    def derivative(self, at, x0):
        h = 1e-30 * max(1.0, abs(x0.real))
        return complex(at(complex(x0.real, h)).imag / h)


@dataclass(frozen=True)
class Point:
    """Concrete sizes and input values (exact dyadic rationals, so they print exactly)."""

    sizes: dict  # size symbol -> int
    values: dict  # input name -> {index tuple: Fraction}

    @staticmethod
    def draw(model: Model, sizes: dict, rng: random.Random) -> Point:
        values = {}
        for name, (_, shape, positive) in model.inputs.items():
            cells = itertools.product(*[range(1, sizes[s] + 1) for s in shape])
            values[name] = {
                idx: Fraction(rng.randint(1, 48), 16) if positive
                else Fraction(rng.randint(-48, 48), 16)
                for idx in cells
            }
        return Point(sizes, values)


class Evaluator:
    """Values of expressions at one point, with some elements overridden (held at x)."""

    def __init__(self, model: Model, point: Point, overrides: dict | None = None,
                 arith: MultiPrecision | ComplexStep | None = None):
        self.model = model
        self.point = point
        self.overrides = overrides or {}
        self.arith = arith or MultiPrecision()
        self.memo: dict = {}

    def element(self, name: str, idx: tuple) -> mpmath.mpf:
        key = (name, idx)
        if key in self.overrides:
            return self.overrides[key]
        if name in self.model.inputs:
            v = self.point.values[name][idx]
            return self.arith.number(v.numerator, v.denominator)
        if key not in self.memo:
            defn = self.model.definitions[name]
            self.memo[key] = self.value(defn.body, dict(zip(defn.index, idx, strict=True)))
        return self.memo[key]

    def value(self, e: sp.Expr, env: dict) -> mpmath.mpf:
        """The value of `e` with free indices as in `env` (index symbol -> int)."""
        num = self.arith.number
        if e.is_Rational:
            return num(int(e.p), int(e.q))
        if isinstance(e, sp.NumberSymbol):  # E, from exp(1): 60 digits are exact enough
            approx = sp.Rational(str(e.evalf(60)))
            return num(int(approx.p), int(approx.q))
        if isinstance(e, sp.Symbol):
            if e in env:
                return num(env[e])
            if e in self.point.sizes:
                return num(self.point.sizes[e])
            return self.element(e.name, ())
        if isinstance(e, sp.Indexed):
            return self.element(e.base.label.name, self.indices(e.indices, env))
        if isinstance(e, sp.Add):
            return self.arith.fsum(self.value(a, env) for a in e.args)
        if isinstance(e, sp.Mul):
            out = num(1)
            for a in e.args:
                out *= self.value(a, env)
            return out
        if isinstance(e, sp.Pow):
            base = self.value(e.base, env)
            n = e.exp
            if base == 0 and n.is_negative:
                raise UndefinedError("division by zero")
            if self.arith.real(base) <= 0 and not n.is_Integer:
                raise UndefinedError("fractional power of a number that is not positive")
            return base ** (int(n) if n.is_Integer else self.value(n, env))
        if isinstance(e, sp.KroneckerDelta):
            a, b = self.indices(e.args, env)
            return num(1 if a == b else 0)
        if isinstance(e, sp.Sum):
            return self.sum(e, env)
        if isinstance(e, sp.Derivative):
            return self.derivative(e, env)
        return self.function(e, env)

    def function(self, e: sp.Expr, env: dict) -> mpmath.mpf:
        """A function of the language's table at its argument's value."""
        entry = functions.of(e)
        if entry is None or entry.value is None:
            raise InternalError(f"the concrete check cannot evaluate {type(e).__name__}")
        x = self.value(e.args[0], env)
        if entry.kink and abs(self.arith.real(x)) < KINK:
            raise UndefinedError(f"{entry.name} at its kink (rounding decides the side)")
        return entry.value(self.arith, x)

    def indices(self, idx: tuple, env: dict) -> tuple[int, ...]:
        return tuple(int(i) if i.is_Integer else env[i] for i in idx)

    def sum(self, e: sp.Sum, env: dict) -> mpmath.mpf:
        body = e.function
        limits = list(e.limits)
        ranges = [range(1, self.point.sizes[hi] + 1) for _, _, hi in limits]
        total = []
        for combo in itertools.product(*ranges):
            inner = dict(env)
            for (p, _, _), v in zip(limits, combo, strict=True):
                inner[p] = v
            total.append(self.value(body, inner))
        return self.arith.fsum(total)

    def derivative(self, e: sp.Derivative, env: dict) -> mpmath.mpf:
        """The element perturbed, everything else recomputed around it."""
        *rest, (wrt, count) = e.variable_count  # SymPy merges diff(diff(f, a), b)
        if count > 1:
            rest.append((wrt, count - 1))
        inner = sp.Derivative(e.expr, *rest, evaluate=False) if rest else e.expr
        if isinstance(wrt, sp.Indexed):
            key = (wrt.base.label.name, self.indices(wrt.indices, env))
        else:
            key = (wrt.name, ())
        x0 = self.element(*key)

        def at(x):
            ev = Evaluator(self.model, self.point, {**self.overrides, key: x}, self.arith)
            return ev.value(inner, env)

        return self.arith.derivative(at, x0)


@dataclass(frozen=True)
class Sample:
    """Both sides of a claim at one point and one choice of free indices."""

    point: Point
    indices: dict  # index symbol -> int
    lhs: mpmath.mpf
    rhs: mpmath.mpf

    arith: MultiPrecision | ComplexStep

    @property
    def gap(self):
        """|lhs - rhs| relative to the larger side (or to 1)."""
        lhs, rhs = self.arith.real(self.lhs), self.arith.real(self.rhs)
        return abs(lhs - rhs) / max(1, abs(lhs), abs(rhs))

    @property
    def agrees(self) -> bool:
        return self.gap <= self.arith.agree

    @property
    def disagrees(self) -> bool:
        return self.gap > self.arith.disagree


def size_plan(model: Model, minimum: dict, extra: bool = False) -> list[dict]:
    """Small size assignments: all 1, then mixed 2s and 3s (and 4s when searching)."""
    plans = [[1] * len(model.sizes), [2 + n % 2 for n in range(len(model.sizes))],
             [3 - n % 2 for n in range(len(model.sizes))]]
    if extra:
        plans += [[4] * len(model.sizes), [3] * len(model.sizes)]
    out = []
    for plan in plans:
        sizes = {s: max(v, minimum.get(s, 1)) for s, v in zip(model.sizes, plan, strict=True)}
        if sizes not in out:
            out.append(sizes)
    return out


def samples(model: Model, lhs: sp.Expr, rhs: sp.Expr, free: tuple, *, minimum: dict,
            seed: int, extra: bool = False, per_size: int = 12):
    """Yield samples of lhs and rhs at each planned size, skipping undefined points."""
    rng = random.Random(seed)
    nested = any(d.expr.has(sp.Derivative) or sum(n for _, n in d.variable_count) > 1
                 for side in (lhs, rhs) for d in side.atoms(sp.Derivative))
    nested = nested or any(d.body.has(sp.Derivative) for d in model.definitions.values())
    arith = MultiPrecision() if nested else ComplexStep()
    # each nested central difference divides by a step of 1e-15: keep 25 digits after all
    depth = sum(n for e in (lhs, rhs, *[d.body for d in model.definitions.values()])
                for d in e.atoms(sp.Derivative) for _, n in d.variable_count)
    with mpmath.workdps(max(DIGITS, 25 + 15 * depth) if nested else DIGITS):
        for sizes in size_plan(model, minimum, extra):
            point = Point.draw(model, sizes, rng)
            combos = list(itertools.product(*[range(1, sizes[i.size] + 1)
                                              for i in free]))
            if len(combos) > per_size:
                combos = rng.sample(combos, per_size)
            ev = Evaluator(model, point, arith=arith)
            for combo in combos:
                env = dict(zip(free, combo, strict=True))
                try:
                    yield Sample(point, env, ev.value(lhs, env), ev.value(rhs, env), arith)
                except (UndefinedError, OverflowError):  # exp(1000) overflows a float
                    continue
