"""The independent check: a claim evaluated at concrete sizes, indices and input values.

Nothing here uses the calculus or the canonical form. Sums are looped over explicitly,
definitions are computed from their bodies, and diff() is a central difference in 50-digit
arithmetic (mpmath) with the element perturbed, so an error in a rewrite rule cannot hide
in both the proof and this check.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from fractions import Fraction

import mpmath
import sympy as sp

from symbn.lang import relu, step
from symbn.model import Model

DIGITS = 50  # working precision of the check
STEP = mpmath.mpf("1e-15")  # relative step of the central difference
AGREE = mpmath.mpf("1e-12")  # |lhs - rhs| <= AGREE * scale: the sides agree
DISAGREE = mpmath.mpf("1e-8")  # |lhs - rhs| > DISAGREE * scale: a counterexample


class UndefinedError(Exception):
    """The expression is not defined at this point (log of a negative, 0 ** -1, ...)."""


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

    def __init__(self, model: Model, point: Point, overrides: dict | None = None):
        self.model = model
        self.point = point
        self.overrides = overrides or {}
        self.memo: dict = {}

    def element(self, name: str, idx: tuple) -> mpmath.mpf:
        key = (name, idx)
        if key in self.overrides:
            return self.overrides[key]
        if name in self.model.inputs:
            v = self.point.values[name][idx]
            return mpmath.mpf(v.numerator) / v.denominator
        if key not in self.memo:
            defn = self.model.definitions[name]
            self.memo[key] = self.value(defn.body, dict(zip(defn.index, idx, strict=True)))
        return self.memo[key]

    def value(self, e: sp.Expr, env: dict) -> mpmath.mpf:
        """The value of `e` with free indices as in `env` (index symbol -> int)."""
        if e.is_Integer:
            return mpmath.mpf(int(e))
        if e.is_Rational:
            return mpmath.mpf(int(e.p)) / int(e.q)
        if isinstance(e, sp.Symbol):
            if e in env:
                return mpmath.mpf(env[e])
            if e in self.point.sizes:
                return mpmath.mpf(self.point.sizes[e])
            return self.element(e.name, ())
        if isinstance(e, sp.Indexed):
            return self.element(str(e.base.label), self.indices(e.indices, env))
        if isinstance(e, sp.Add):
            return mpmath.fsum(self.value(a, env) for a in e.args)
        if isinstance(e, sp.Mul):
            out = mpmath.mpf(1)
            for a in e.args:
                out *= self.value(a, env)
            return out
        if isinstance(e, sp.Pow):
            base = self.value(e.base, env)
            n = e.exp
            if base == 0 and n.is_negative:
                raise UndefinedError("division by zero")
            if base < 0 and not n.is_Integer:
                raise UndefinedError("fractional power of a negative number")
            return base ** (int(n) if n.is_Integer else self.value(n, env))
        if isinstance(e, sp.KroneckerDelta):
            a, b = self.indices(e.args, env)
            return mpmath.mpf(1 if a == b else 0)
        if isinstance(e, sp.Sum):
            return self.sum(e, env)
        if isinstance(e, sp.Derivative):
            return self.derivative(e, env)
        return self.function(e, env)

    def function(self, e: sp.Expr, env: dict) -> mpmath.mpf:
        x = self.value(e.args[0], env)
        if isinstance(e, relu):
            return x if x > 0 else mpmath.mpf(0)
        if isinstance(e, step):
            return mpmath.mpf(1 if x > 0 else 0)
        if isinstance(e, sp.exp):
            return mpmath.exp(x)
        if isinstance(e, sp.tanh):
            return mpmath.tanh(x)
        if isinstance(e, sp.log):
            if x <= 0:
                raise UndefinedError("log of a number that is not positive")
            return mpmath.log(x)
        raise TypeError(f"cannot evaluate {type(e).__name__}")

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
        return mpmath.fsum(total)

    def derivative(self, e: sp.Derivative, env: dict) -> mpmath.mpf:
        """Central difference in the element, everything else recomputed around it."""
        (wrt, count), = e.variable_count
        if count != 1:
            raise TypeError("one variable at a time")
        if isinstance(wrt, sp.Indexed):
            key = (str(wrt.base.label), self.indices(wrt.indices, env))
        else:
            key = (wrt.name, ())
        x0 = self.element(*key)
        h = STEP * max(1, abs(x0))

        def at(x):
            ev = Evaluator(self.model, self.point, {**self.overrides, key: x})
            return ev.value(e.expr, env)

        return (at(x0 + h) - at(x0 - h)) / (2 * h)


@dataclass(frozen=True)
class Sample:
    """Both sides of a claim at one point and one choice of free indices."""

    point: Point
    indices: dict  # index symbol -> int
    lhs: mpmath.mpf
    rhs: mpmath.mpf

    @property
    def gap(self) -> mpmath.mpf:
        scale = max(mpmath.mpf(1), abs(self.lhs), abs(self.rhs))
        return abs(self.lhs - self.rhs) / scale


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
    with mpmath.workdps(DIGITS):
        for sizes in size_plan(model, minimum, extra):
            point = Point.draw(model, sizes, rng)
            combos = list(itertools.product(*[range(1, sizes[model.ranges[i]] + 1)
                                              for i in free]))
            if len(combos) > per_size:
                combos = rng.sample(combos, per_size)
            ev = Evaluator(model, point)
            for combo in combos:
                env = dict(zip(free, combo, strict=True))
                try:
                    yield Sample(point, env, ev.value(lhs, env), ev.value(rhs, env))
                except UndefinedError:
                    continue
