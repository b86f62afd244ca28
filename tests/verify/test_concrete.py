"""symbn.verify.concrete: the independent numeric check on cases small enough to do by hand."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import mpmath
import pytest
import sympy as sp
from headers import header

from symbn.language import model as model_module
from symbn.source import toml
from symbn.verify import arithmetic, concrete
from symbn.verify.arithmetic import ComplexStep, MultiPrecision
from symbn.verify.concrete import Evaluator, Point, UndefinedError

TEXT = (
    header(
        "Concrete",
        """
x = { shape = ["N", "L"] }
c = { shape = [], positive = true }
""",
    )
    + """
[[define]]
name = "m"
index = ["l"]
expr = "sum(x[p, l], p) / N"

[[define]]
name = "q"
index = ["k", "l"]
expr = "c * (x[k, l] - m[l])**2"

[[claim]]
name = "dm"
lhs = "diff(m[l], x[i, j])"
rhs = "Delta(j, l) / N"

[[claim]]
name = "logs"
lhs = "log(x[i, j])"
rhs = "log(x[i, j])"

[[claim]]
name = "corner"
lhs = "x[2, 3]"
rhs = "x[2, 3]"
"""
)

X = [[1, 2, -3], [4, -5, 6]]  # x[k, l] for N = 2, L = 3
C = Fraction(3, 2)


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    path = tmp_path_factory.mktemp("concrete") / "concrete.toml"
    path.write_text(TEXT)
    return model_module.build(toml.load(path))


@pytest.fixture(scope="module")
def at(model):
    n, size_l = model.sizes
    values = {
        "x": {(a + 1, b + 1): Fraction(v) for a, row in enumerate(X) for b, v in enumerate(row)},
        "c": {(): C},
    }
    return Point({n: 2, size_l: 3}, values)


def mp(v: Fraction) -> mpmath.mpf:
    return mpmath.mpf(v.numerator) / v.denominator


def ix(model, names):
    return [next(s for s in model.indices if s.name == n) for n in names]


def test_sum_delta_and_sizes(model, at):
    x = model.bases["x"]
    p, ell, i, k = ix(model, "plik")
    n, _ = model.sizes
    ev = Evaluator(model, at)
    assert ev.value(sp.Sum(x[p, ell], (p, 1, n)), {ell: 3}) == -3 + 6
    assert ev.value(sp.Sum(x[p, ell] ** 2, (p, 1, n), (ell, 1, model.sizes[1])), {}) == sum(
        v * v for row in X for v in row
    )
    assert ev.value(sp.KroneckerDelta(i, k), {i: 1, k: 1}) == 1
    assert ev.value(sp.KroneckerDelta(i, k), {i: 1, k: 2}) == 0
    assert ev.value(sp.KroneckerDelta(i, 2) * x[i, 1], {i: 2}) == 4
    assert ev.value(n * model.bases["c"] + sp.Rational(1, 4), {}) == 2 * C + Fraction(1, 4)


def test_definitions_are_computed_from_their_bodies(model, at):
    k, ell = ix(model, "kl")
    ev = Evaluator(model, at)
    mean = Fraction(1 + 4, 2)
    assert ev.value(model.element("m", (ell,)), {ell: 1}) == mp(mean)
    got = ev.value(model.element("q", (k, ell)), {k: 2, ell: 1})
    assert got == mp(C * (4 - mean) ** 2)


@pytest.mark.parametrize("arith", [MultiPrecision(), ComplexStep()], ids=["mp", "complex"])
def test_derivative_matches_the_analytic_value(model, at, arith):
    """d q_kl / d x_ij = 2 c (x_kl - m_l) (Delta_ik - 1/N) Delta_jl."""
    x = model.bases["x"]
    i, j, k, ell = ix(model, "ijkl")
    e = sp.Derivative(model.element("q", (k, ell)), x[i, j], evaluate=False)
    tolerance = mpmath.mpf("1e-20") if isinstance(arith, MultiPrecision) else 1e-12
    with mpmath.workdps(arithmetic.DIGITS):
        ev = Evaluator(model, at, arith=arith)
        for a, b, kk, ll in itertools.product(range(1, 3), range(1, 4), range(1, 3), range(1, 4)):
            mean = Fraction(X[0][ll - 1] + X[1][ll - 1], 2)
            exact = 2 * C * (X[kk - 1][ll - 1] - mean) * ((a == kk) - Fraction(1, 2)) * (b == ll)
            got = arith.real(ev.value(e, {i: a, j: b, k: kk, ell: ll}))
            if isinstance(arith, ComplexStep):
                assert abs(got - float(exact)) < tolerance
            else:
                assert abs(got - mp(exact)) < tolerance


def test_derivative_holds_the_other_elements(model, at):
    x = model.bases["x"]
    i, j = ix(model, "ij")
    e = sp.Derivative(x[1, 1] * x[2, 1], x[i, j], evaluate=False)
    with mpmath.workdps(arithmetic.DIGITS):
        ev = Evaluator(model, at)
        assert abs(ev.value(e, {i: 1, j: 1}) - 4) < mpmath.mpf("1e-20")
        assert abs(ev.value(e, {i: 2, j: 1}) - 1) < mpmath.mpf("1e-20")
        assert abs(ev.value(e, {i: 1, j: 2})) < mpmath.mpf("1e-20")


@pytest.mark.parametrize("src", ["log(x)", "x**(-1)", "sqrt(x)", "x**(1/3)"])
def test_undefined_values_raise(model, at, src):
    x = model.bases["x"]
    e = {
        "log(x)": sp.log(x[1, 3]),
        "x**(-1)": 1 / (x[1, 3] + 3),
        "sqrt(x)": sp.sqrt(x[1, 3]),
        "x**(1/3)": x[2, 2] ** sp.Rational(1, 3),
    }[src]
    with pytest.raises(UndefinedError):
        Evaluator(model, at).value(e, {})


def test_undefined_points_are_skipped(model):
    claim = next(c for c in model.claims if c.name == "logs")
    kept = list(concrete.samples(model, claim.lhs, claim.rhs, claim.free, minimum={}, seed=3))
    assert kept
    assert all(
        s.point.values["x"][(s.indices[ix(model, "i")[0]], s.indices[ix(model, "j")[0]])] > 0
        for s in kept
    )
    total = sum(
        min(12, s[model.sizes[0]] * s[model.sizes[1]]) for s in concrete.size_plan(model, {})
    )
    assert len(kept) < total  # some x <= 0 were drawn and skipped
    assert all(s.agrees for s in kept)


def test_samples_are_deterministic_for_a_seed(model):
    claim = model.claims[0]

    def run(seed):
        return [
            (s.point.sizes, s.indices, str(s.lhs), str(s.rhs))
            for s in concrete.samples(
                model, claim.lhs, claim.rhs, claim.free, minimum={}, seed=seed
            )
        ]

    assert run(5) == run(5)
    assert run(5) != run(6)


def test_size_plan_starts_with_all_ones_and_respects_the_minimum(model):
    n, size_l = model.sizes
    plan = concrete.size_plan(model, {})
    assert plan[0] == {n: 1, size_l: 1}
    assert len(plan) == len({tuple(sorted(map(str, s.items()))) for s in plan})  # no repeats
    bigger = concrete.size_plan(model, {size_l: 3}, extra=True)
    assert all(s[size_l] >= 3 for s in bigger)
    assert bigger[0] == {n: 1, size_l: 3}
    assert len(bigger) >= len(plan)
    claim = next(c for c in model.claims if c.name == "corner")
    assert {str(s): v for s, v in claim.minimum.items()} == {"N": 2, "L": 3}
    for s in concrete.samples(
        model, claim.lhs, claim.rhs, claim.free, minimum=claim.minimum, seed=0
    ):
        assert s.point.sizes[n] >= 2
        assert s.point.sizes[size_l] >= 3


def test_sample_gap_agree_and_disagree(at):
    arith = MultiPrecision()
    same = concrete.Sample(at, {}, mpmath.mpf(2), mpmath.mpf(2), arith)
    apart = concrete.Sample(at, {}, mpmath.mpf(2), mpmath.mpf("2.001"), arith)
    assert same.agrees
    assert not same.disagrees
    assert apart.disagrees
    assert not apart.agrees


SIMPLEX = (
    header(
        "Simplex",
        """
    y = { shape = ["N", "L"], simplex = "L" }
    w = { shape = ["L", "N"], simplex = "L", positive = true }
""",
        sizes={"N": "rows", "L": '{ description = "classes", min = 3 }'},
        indices={"k": "N", "l": "L"},
    )
    + """
[[claim]]
name = "rows"
lhs = "sum(y[k, l], l)"
rhs = "1"
"""
)


def test_simplex_rows_sum_to_one_and_sizes_keep_their_minimum(build_model):
    m = build_model(SIMPLEX)
    n, size = m.sizes
    plans = concrete.size_plan(m, {}, extra=True)
    assert all(p[size] >= 3 for p in plans)
    assert min(p[n] for p in plans) == 1
    rng = random.Random(5)
    for sizes in plans:
        point = Point.draw(m, sizes, rng)
        for name, axis, positive in (("y", 1, False), ("w", 0, True)):
            cells = point.values[name]
            rows = {idx[:axis] + idx[axis + 1 :] for idx in cells}
            for row in rows:
                entries = [v for idx, v in cells.items() if idx[:axis] + idx[axis + 1 :] == row]
                assert len(entries) == sizes[size]
                assert sum(entries) == 1
                assert all(v > 0 if positive else v >= 0 for v in entries)
