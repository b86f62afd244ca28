"""The independent check: a claim evaluated at concrete sizes, indices and input values.

Nothing here uses the calculus or the canonical form. Sums are looped over explicitly,
definitions are computed from their bodies, and diff() perturbs the element and evaluates
again, so an error in a rewrite rule cannot hide in both the proof and this check.

The arithmetic is one of the two number systems of `verify.arithmetic`.
"""

from __future__ import annotations

import functools
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import mpmath
import sympy as sp

from symbn.errors import InternalError
from symbn.language import assumptions, functions, labels, relations
from symbn.language.functions import KINK, UndefinedError
from symbn.language.model import Model
from symbn.language.relations import Iverson
from symbn.verify.arithmetic import DIGITS, ComplexStep, MultiPrecision


@dataclass(frozen=True)
class Point:
    """Concrete sizes and input values (exact dyadic rationals, so they print exactly)."""

    sizes: dict  # size symbol -> int
    values: dict  # input name -> {index tuple: Fraction}

    @staticmethod
    def draw(model: Model, sizes: dict, rng: random.Random) -> Point:
        values = {}
        for name, (base, shape, positive) in model.inputs.items():
            cells = itertools.product(*[range(1, sizes[s] + 1) for s in shape])
            values[name] = {
                idx: Fraction(rng.randint(1, 48), 16)
                if positive
                else Fraction(rng.randint(-48, 48), 16)
                for idx in cells
            }
            rng_size = getattr(base.label, "range", None) if labels.is_label(base) else None
            if rng_size is not None:  # a label: whole numbers, the first and last often
                top = sizes[rng_size]
                values[name] = {
                    idx: Fraction(rng.choice((1, top, rng.randint(1, top)))) for idx in values[name]
                }
            axis = assumptions.simplex_axis(base)
            if axis is not None:
                values[name] = _simplex(
                    values[name], shape, axis, sizes, positive=positive, rng=rng
                )
        return Point(sizes, values)


def _simplex(
    cells: dict, shape: tuple, axis: int, sizes: dict, *, positive: bool, rng: random.Random
) -> dict:
    """Values whose every row along `axis` is nonnegative (positive, when declared) and sums
    to one: the parts of 64 cut at random points, each over 64 (exact, dyadic)."""
    out = dict(cells)
    n = sizes[shape[axis]]
    rows = itertools.product(*[range(1, sizes[s] + 1) for k, s in enumerate(shape) if k != axis])
    for row in rows:
        cuts = (
            sorted(rng.sample(range(1, 64), n - 1))
            if positive
            else sorted(rng.randint(0, 64) for _ in range(n - 1))
        )
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, 64], strict=True)]
        for c, part in enumerate(parts, start=1):
            out[(*row[:axis], c, *row[axis:])] = Fraction(part, 64)
    return out


class Evaluator:
    """Values of expressions at one point, with some elements overridden (held at x)."""

    def __init__(
        self,
        model: Model,
        point: Point,
        overrides: dict | None = None,
        arith: MultiPrecision | ComplexStep | None = None,
        frozen: Evaluator | None = None,
    ):
        self.model = model
        self.frozen = frozen  # staged partials: the definitions keep its values
        self.point = point
        self.overrides = overrides or {}
        self.arith = arith or MultiPrecision()
        self.memo: dict = {}
        self.perturbed: dict = {}  # (element, value) -> the evaluator with it held there
        self.extents: dict = {}  # tensor name -> the length of each of its axes here

    def element(self, name: str, idx: tuple) -> mpmath.mpf:
        key = (name, idx)
        if key in self.overrides:
            return self.overrides[key]
        if not self._on_axes(name, idx):
            return self.arith.number(0)  # a moved position off its axis: the padding
        if name in self.model.inputs:
            v = self.point.values[name][idx]
            return self.arith.number(v.numerator, v.denominator)
        if self.frozen is not None:
            return self.frozen.element(name, idx)
        if key not in self.memo:
            defn = self.model.definitions[name]
            self.memo[key] = self.value(defn.body, dict(zip(defn.index, idx, strict=True)))
        return self.memo[key]

    def _on_axes(self, name: str, idx: tuple) -> bool:
        """Whether each position of `idx` lies on its axis of tensor `name`."""
        last = self.extents.get(name)
        if last is None:
            last = self.extents[name] = [self.point.sizes[s] for s in self.model.shape(name)]
        return all(1 <= k <= n for k, n in zip(idx, last, strict=True))

    def value(self, e: sp.Expr, env: dict) -> mpmath.mpf:
        """The value of `e` with free indices as in `env` (index symbol -> int)."""
        return _compiled(e)(self, env)

    def indices(self, idx: tuple, env: dict) -> tuple[int, ...]:
        return _indices(idx)(self, env)

    def derivative(self, e: sp.Derivative, env: dict) -> mpmath.mpf:
        """The element perturbed, everything else recomputed around it."""
        *rest, (wrt, count) = e.variable_count  # SymPy merges diff(diff(f, a), b)
        if count > 1:
            rest.append((wrt, count - 1))
        inner = sp.Derivative(e.expr, *rest, evaluate=False) if rest else e.expr
        inner_env = env
        staged = self.model.staged(e.expr) and not rest
        if isinstance(wrt, sp.Indexed):
            key = (wrt.base.label.name, self.indices(wrt.indices, env))
        else:
            key = (wrt.name, ())
        name = self.model.tensor_name(inner)
        if staged and name in self.model.definitions and name != key[0]:
            defn = self.model.definitions[name]  # A's own body, its definitions held fixed
            at_idx = self.indices(inner.indices, env) if isinstance(inner, sp.Indexed) else ()
            inner, inner_env = defn.body, dict(zip(defn.index, at_idx, strict=True))
        x0 = self.element(*key)

        def at(x):
            ev = self.perturbed.get((key, x, staged))
            if ev is None:  # one evaluator a perturbation: its definitions computed once
                ev = Evaluator(
                    self.model,
                    self.point,
                    {**self.overrides, key: x},
                    self.arith,
                    (self.frozen or self) if staged else None,
                )
                self.perturbed[(key, x, staged)] = ev
            return ev.value(inner, inner_env)

        return self.arith.derivative(at, x0)


Compiled = Callable[[Evaluator, dict], object]


@functools.lru_cache(maxsize=1 << 16)
def _compiled(e: sp.Expr) -> Compiled:
    """`e` as a function of an evaluator and the values of the free indices: each node read
    once, not once per point (the arithmetic and the checks are those of the node)."""
    if e.is_Rational:
        p, q = int(e.p), int(e.q)
        return lambda ev, _env: ev.arith.number(p, q)
    if isinstance(e, sp.NumberSymbol):  # E, from exp(1): 60 digits are exact enough
        approx = sp.Rational(str(e.evalf(60)))
        p, q = int(approx.p), int(approx.q)
        return lambda ev, _env: ev.arith.number(p, q)
    if isinstance(e, sp.Symbol):
        return _symbol(e)
    if isinstance(e, sp.Indexed):
        name, at = e.base.label.name, _indices(e.indices)
        return lambda ev, env: ev.element(name, at(ev, env))
    if isinstance(e, sp.Add):
        terms = [_compiled(a) for a in e.args]
        return lambda ev, env: ev.arith.fsum([f(ev, env) for f in terms])
    if isinstance(e, sp.Mul):
        return _product([_compiled(a) for a in e.args])
    if isinstance(e, sp.Pow):
        return _power(_compiled(e.base), e.exp)
    if isinstance(e, Iverson):
        form = _position(e.args[0])
        return lambda ev, env: ev.arith.number(1 if form(ev, env) >= 0 else 0)
    if isinstance(e, sp.KroneckerDelta):
        at = _indices(e.args)
        return lambda ev, env: ev.arith.number(1 if len(set(at(ev, env))) == 1 else 0)
    if isinstance(e, sp.Sum):
        return _sum(_compiled(e.function), [(p, hi) for p, _, hi in e.limits])
    if isinstance(e, sp.Derivative):
        return lambda ev, env: ev.derivative(e, env)
    return _function(e)


def _symbol(e: sp.Symbol) -> Compiled:
    def symbol(ev, env):
        if e in env:
            return ev.arith.number(env[e])
        size = ev.point.sizes.get(e)
        return ev.element(e.name, ()) if size is None else ev.arith.number(size)

    return symbol


def _indices(idx: tuple) -> Callable[[Evaluator, dict], tuple[int, ...]]:
    """The values of indices: a number, an index from `env`, or a size (its last position)
    from the point's sizes."""
    parts = [_position(i) for i in idx]
    return lambda ev, env: tuple(part(ev, env) for part in parts)


def _position(e: sp.Expr) -> Callable[[Evaluator, dict], int]:
    """The value of an index, a size (its last position), a label's element (the whole
    number drawn for it) or a moved position (an integer linear form, such as i + k - 1)."""
    if e.is_Integer:
        k = int(e)
        return lambda _ev, _env: k
    if isinstance(e, sp.Symbol):
        return lambda ev, env: env[e] if e in env else ev.point.sizes[e]
    if labels.range_of(e) is not None:
        return _label(e)
    terms = relations.linear(e)
    if terms is None:
        raise InternalError(f"the concrete check cannot place the index {e}")
    constant = int(terms.pop(sp.S.One, 0))
    parts = [(int(c), _position(x)) for x, c in terms.items()]
    return lambda ev, env: constant + sum(c * part(ev, env) for c, part in parts)


def _label(e: sp.Indexed) -> Callable[[Evaluator, dict], int]:
    """The value of a label's element `y[n]` as an index: the whole number drawn for it."""
    name, at = e.base.label.name, _indices(e.indices)
    return lambda ev, env: int(ev.point.values[name][at(ev, env)])


def _product(factors: list[Compiled]) -> Compiled:
    def product(ev, env):
        out = ev.arith.number(1)
        for f in factors:
            out *= f(ev, env)
        return out

    return product


def _power(base: Compiled, n: sp.Expr) -> Compiled:
    exponent = None if n.is_Integer else _compiled(n)

    def power(ev, env):
        b = base(ev, env)
        if b == 0 and n.is_negative is not False:  # a scalar exponent may be negative
            raise UndefinedError("division by zero")
        if exponent is not None and ev.arith.real(b) <= 0:
            raise UndefinedError("fractional power of a number that is not positive")
        return b ** (int(n) if exponent is None else exponent(ev, env))

    return power


def _sum(body: Compiled, limits: list) -> Compiled:
    def total(ev, env):
        ranges = [range(1, ev.point.sizes[hi] + 1) for _, hi in limits]
        values = []
        for combo in itertools.product(*ranges):
            inner = dict(env)
            for (p, _), v in zip(limits, combo, strict=True):
                inner[p] = v
            values.append(body(ev, inner))
        return ev.arith.fsum(values)

    return total


def _function(e: sp.Expr) -> Compiled:
    """A function of the language's table at its argument's value."""
    entry = functions.of(e)
    if entry is None or entry.value is None:
        raise InternalError(f"the concrete check cannot evaluate {type(e).__name__}")
    args = [_compiled(a) for a in e.args]

    def apply(ev, env):
        xs = [a(ev, env) for a in args]
        # the kink: where the argument is 0, or where the two arguments are equal
        if entry.kink and abs(ev.arith.real(xs[0] - (xs[1] if len(xs) > 1 else 0))) < KINK:
            raise UndefinedError(f"{entry.name} at its kink (rounding decides the side)")
        return entry.value(ev.arith, *xs)

    return apply


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


def size_plan(model: Model, minimum: dict, extra: bool = False, edges: bool = False) -> list[dict]:
    """Small size assignments: all 1, then mixed 2s and 3s (and 4s when searching); with
    moved positions (`edges`), also 1s and 3s mixed, so that a window is wider than the axis
    it slides over (a kernel of 3 taps over an input of 1) and a stride skips past it."""
    plans = [
        [1] * len(model.sizes),
        [2 + n % 2 for n in range(len(model.sizes))],
        [3 - n % 2 for n in range(len(model.sizes))],
    ]
    if edges:
        plans += [[1 + 2 * (n % 2) for n in range(len(model.sizes))]]
        plans += [[3 - 2 * (n % 2) for n in range(len(model.sizes))]]
    if extra:
        plans += [[4] * len(model.sizes), [3] * len(model.sizes)]
    out = []
    for plan in plans:  # no size below its declared minimum or the claim's concrete indices
        sizes = {
            s: max(v, minimum.get(s, 1), assumptions.minimum(s))
            for s, v in zip(model.sizes, plan, strict=True)
        }
        if sizes not in out:
            out.append(sizes)
    return out


def samples(
    model: Model,
    lhs: sp.Expr,
    rhs: sp.Expr,
    free: tuple,
    *,
    minimum: dict,
    seed: int,
    extra: bool = False,
    per_size: int = 12,
):
    """Yield samples of lhs and rhs at each planned size, skipping undefined points."""
    rng = random.Random(seed)
    nested = any(
        d.expr.has(sp.Derivative) or sum(n for _, n in d.variable_count) > 1
        for side in (lhs, rhs)
        for d in side.atoms(sp.Derivative)
    )
    nested = nested or any(d.body.has(sp.Derivative) for d in model.definitions.values())
    arith = MultiPrecision() if nested else ComplexStep()
    bodies = (lhs, rhs, *[d.body for d in model.definitions.values()])
    edges = any(relations.moves(e) for e in bodies)
    # each nested central difference divides by a step of 1e-15: keep 25 digits after all
    depth = sum(
        n
        for e in (lhs, rhs, *[d.body for d in model.definitions.values()])
        for d in e.atoms(sp.Derivative)
        for _, n in d.variable_count
    )
    with mpmath.workdps(max(DIGITS, 25 + 15 * depth) if nested else DIGITS):
        for sizes in size_plan(model, minimum, extra, edges):
            point = Point.draw(model, sizes, rng)
            combos = list(itertools.product(*[range(1, sizes[i.size] + 1) for i in free]))
            if len(combos) > per_size:
                picked = rng.sample(combos, per_size)
                if edges:  # moved indices and masks go wrong first at the first and last
                    ends = [combos[0], combos[-1]]
                    picked = [*ends, *(c for c in picked if c not in ends)][:per_size]
                combos = picked
            ev = Evaluator(model, point, arith=arith)
            for combo in combos:
                env = dict(zip(free, combo, strict=True))
                try:
                    yield Sample(point, env, ev.value(lhs, env), ev.value(rhs, env), arith)
                except (UndefinedError, OverflowError):  # exp(1000) overflows a float
                    continue
