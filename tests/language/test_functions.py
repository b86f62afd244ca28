"""symbn.language.functions: the table of the language's functions. Each entry is read by the
parser, differentiated by the chain rule, evaluated by the concrete check and printed in LaTeX,
NumPy and the language; sigmoid and abs (with sign, abs's derivative) are one entry each, and
the verifier proves a true claim about each and refutes a false one."""

from __future__ import annotations

import importlib.util
import math

import numpy as np
import pytest
import sympy as sp
from headers import claim_tables, header
from reports import report_of

from symbn.emit.latex.texprint import tex
from symbn.emit.numpy import emitter as npemit
from symbn.errors import Location
from symbn.language import functions, model
from symbn.language.functions import TABLE, UndefinedError
from symbn.language.notation import formula
from symbn.source import toml
from symbn.source.spec import Text
from symbn.verify.arithmetic import ComplexStep, MultiPrecision

TEXT = header(
    "Functions",
    """
    x = { shape = ["N"] }
    c = { shape = [], positive = true }
""",
    sizes={"N": "rows"},
    indices={"i": "N", "k": "N", "p": "N"},
)


def claims(*rows: tuple[str, str, str | None]) -> str:
    return TEXT + claim_tables(rows)


def test_every_name_of_the_table_is_reserved_and_parses(build_model):
    m = build_model(claims(("it", "x[i]", None)))
    for name, entry in TABLE.items():
        assert name in functions.RESERVED
        args = ", ".join(["x[i] + c", "x[k]"][: entry.arity])
        e = m.parse(Text(f"{name}({args})", Location("t", 1, 1, "")))
        if entry.cls is None:
            assert isinstance(e, sp.Pow)
        else:
            assert functions.of(e) is entry, name


#: (name, value at 0.7 and at -0.7) from the mathematics, not from the table.
VALUES = [
    ("sqrt", None, None),
    ("exp", math.exp(0.7), math.exp(-0.7)),
    ("log", math.log(0.7), None),
    ("tanh", math.tanh(0.7), math.tanh(-0.7)),
    ("sech", 1 / math.cosh(0.7), 1 / math.cosh(0.7)),
    ("cosh", math.cosh(0.7), math.cosh(0.7)),
    ("sinh", math.sinh(0.7), -math.sinh(0.7)),
    ("sigmoid", 1 / (1 + math.exp(-0.7)), 1 / (1 + math.exp(0.7))),
    ("relu", 0.7, 0.0),
    ("step", 1.0, 0.0),
    ("abs", 0.7, 0.7),
    ("sign", 1.0, -1.0),
    ("softplus", math.log(1 + math.exp(0.7)), math.log(1 + math.exp(-0.7))),
    ("erf", math.erf(0.7), math.erf(-0.7)),
    ("max", 0.7, -0.2),  # max(x, -0.2)
    ("min", -0.2, -0.7),  # min(x, -0.2)
    ("act", math.tanh(0.7) + 0.7 / 4, -math.tanh(0.7) - 0.7 / 4),  # its stand-in
    ("act1", 1.25 - math.tanh(0.7) ** 2, 1.25 - math.tanh(0.7) ** 2),
    ("act2", -2 * math.tanh(0.7) / math.cosh(0.7) ** 2, 2 * math.tanh(0.7) / math.cosh(0.7) ** 2),
    ("actb", math.tanh(1.4) / 2 + 0.7 / 3, -math.tanh(1.4) / 2 - 0.7 / 3),  # a second stand-in
    ("actb1", 4 / 3 - math.tanh(1.4) ** 2, 4 / 3 - math.tanh(1.4) ** 2),
    ("actb2", -4 * math.tanh(1.4) / math.cosh(1.4) ** 2, 4 * math.tanh(1.4) / math.cosh(1.4) ** 2),
    *(  # further stand-ins, tanh(kx)/k + x/c
        row
        for name, k, c in (("actc", 3, 5), ("actd", 1, 2), ("acte", 2, 5), ("actf", 3, 3))
        for t in (math.tanh(0.7 * k),)
        for row in (
            (name, t / k + 0.7 / c, -t / k - 0.7 / c),
            (name + "1", 1 - t**2 + 1 / c, 1 - t**2 + 1 / c),
            (name + "2", -2 * k * t * (1 - t**2), 2 * k * t * (1 - t**2)),
        )
    ),
]
#: The second argument of the functions of two arguments in VALUES.
SECOND = -0.2


def test_every_entry_has_a_row_of_values():
    assert {row[0] for row in VALUES} == set(TABLE)


@pytest.mark.parametrize(("name", "at_plus", "at_minus"), VALUES, ids=[v[0] for v in VALUES])
def test_the_concrete_value_in_both_arithmetics(name, at_plus, at_minus):
    entry = TABLE[name]
    if entry.value is None:  # sqrt is a power: the rules of powers evaluate it
        assert entry.cls is None
        return
    for arith in (ComplexStep(), MultiPrecision()):
        x = arith.number(7, 10)
        rest = [arith.number(-2, 10)] * (entry.arity - 1)
        assert float(arith.real(entry.value(arith, x, *rest))) == pytest.approx(at_plus, rel=1e-12)
        if at_minus is None:
            with pytest.raises(UndefinedError):
                entry.value(arith, arith.number(-7, 10))
        else:
            got = entry.value(arith, arith.number(-7, 10), *rest)
            assert float(arith.real(got)) == pytest.approx(at_minus, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("name", sorted(n for n, f in TABLE.items() if f.derivative))
def test_the_derivative_agrees_with_a_central_difference(name):
    entry = TABLE[name]
    arith = MultiPrecision()
    xs = sp.symbols("x y", real=True)[: entry.arity]
    for both in ((sp.Rational(7, 10), sp.Rational(-2, 10)), (sp.Rational(13, 10), 2)):
        point = both[: entry.arity]
        values = [arith.number(sp.Rational(a).p, sp.Rational(a).q) for a in point]
        for n, slope in enumerate(entry.partials(xs)):
            h = 1e-7

            def at(step, n=n, values=values):
                moved = [v + step if m == n else v for m, v in enumerate(values)]
                return float(arith.real(entry.value(arith, *moved)))

            numeric = (at(h) - at(-h)) / (2 * h)
            exact = _value(slope.subs(dict(zip(xs, point, strict=True))), arith)
            assert exact == pytest.approx(numeric, rel=1e-6, abs=1e-9), (name, n)


def _value(e: sp.Expr, arith: MultiPrecision) -> float:
    """A number, or a function of the table at a number (act1(7/10): its stand-in's)."""
    entry = functions.of(e)
    if entry is None or entry.value is None:
        return float(e)
    at = sp.Rational(e.args[0])
    return float(arith.real(entry.value(arith, arith.number(at.p, at.q))))


def test_each_function_prints_in_latex_numpy_and_the_language():
    x, y = sp.symbols("x y", real=True)
    for name, entry in TABLE.items():
        args = (x + 1, y)[: entry.arity]
        e = entry.make(*args)
        if entry.cls is None:
            continue
        written = ", ".join(map(str, e.args))
        assert formula(e) == f"{name}({written})"
        printed = tex(e)
        assert "x + 1" in printed
        if entry.latex is not None:
            assert printed.startswith(entry.latex)
        assert entry.numpy.format(np="np", x="a", y="b") or name.startswith("act")


TRUE_AND_FALSE = [
    (
        "sigmoid_slope",
        "diff(sigmoid(x[k]), x[i])",
        "Delta(i, k) * sigmoid(x[i]) * (1 - sigmoid(x[i]))",
        "proved",
    ),
    (
        "sigmoid_slope_wrong",
        "diff(sigmoid(x[k]), x[i])",
        "Delta(i, k) * sigmoid(x[i])**2",
        "refuted",
    ),
    ("abs_slope", "diff(abs(x[k]), x[i])", "Delta(i, k) * sign(x[i])", "proved"),
    ("abs_slope_wrong", "diff(abs(x[k]), x[i])", "Delta(i, k)", "refuted"),
    ("sign_slope", "diff(sign(x[k]) * c, x[i])", "0", "proved"),
    ("sign_slope_wrong", "diff(sign(x[k]) * x[k], x[i])", "0", "refuted"),
    ("sqrt_of_a_square", "sqrt(x[k]**2)", "abs(x[k])", "proved"),
    (
        "sum_of_sigmoids",
        "diff(sum(sigmoid(c * x[p]), p), c)",
        "sum(x[p] * sigmoid(c * x[p]) * (1 - sigmoid(c * x[p])), p)",
        "proved",
    ),
    ("softplus_slope", "diff(softplus(x[k]), x[i])", "Delta(i, k) * sigmoid(x[i])", "proved"),
    (
        "softplus_slope_wrong",
        "diff(softplus(x[k]), x[i])",
        "Delta(i, k) * sigmoid(-x[i])",
        "refuted",
    ),
    (
        "gelu_slope",
        "diff(x[k] * (1 + erf(x[k] / sqrt(2))) / 2, x[i])",
        "Delta(i, k) * ((1 + erf(x[i] / sqrt(2))) / 2 + x[i] * exp(-x[i]**2 / 2) / sqrt(2 * pi))",
        "proved",
    ),
    (
        "gelu_slope_wrong",
        "diff(x[k] * (1 + erf(x[k] / sqrt(2))) / 2, x[i])",
        "Delta(i, k) * ((1 + erf(x[i] / sqrt(2))) / 2 + x[i] * exp(-x[i]**2 / 2) / sqrt(pi))",
        "refuted",
    ),
    ("max_slope", "diff(max(x[k], c), x[i])", "Delta(i, k) * step(x[i] - c)", "proved"),
    ("max_slope_wrong", "diff(max(x[k], c), x[i])", "Delta(i, k) * step(c - x[i])", "refuted"),
    ("max_by_its_other_argument", "diff(max(c, x[k]), c)", "step(c - x[k])", "proved"),
    ("min_slope", "diff(min(x[k], c), c)", "step(x[k] - c)", "proved"),
    ("min_slope_wrong", "diff(min(x[k], c), c)", "step(c - x[k])", "refuted"),
    ("pi_is_a_number", "c * sqrt(2 * pi)**2", "2 * pi * c", "proved"),
    ("pi_is_not_22_7", "c * pi", "c * 22 / 7", "refuted"),
    ("mean_is_the_average", "diff(mean(x[p]**2, p), x[i])", "2 * x[i] / N", "proved"),
    ("mean_is_not_bessel", "mean(x[p], p)", "sum(x[p], p) / (N - 1)", "refuted"),
]


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    path = tmp_path_factory.mktemp("functions") / "f.toml"
    path.write_text(claims(*[(n, lhs, rhs) for n, lhs, rhs, _ in TRUE_AND_FALSE]))
    m = model.build(toml.load(path))
    report = report_of(m)
    return m, {r.name: r for r in report.verdicts}, report


@pytest.mark.parametrize(
    ("name", "lhs", "rhs", "status"), TRUE_AND_FALSE, ids=[row[0] for row in TRUE_AND_FALSE]
)
def test_true_claims_are_proved_and_false_ones_refuted(verdicts, name, lhs, rhs, status):
    del lhs, rhs
    _, results, _ = verdicts
    assert results[name].status == status, results[name].reason
    if status == "refuted":
        assert results[name].counterexample is not None


def test_the_exported_functions_compute_each_function(verdicts, tmp_path):
    *_, report = verdicts
    source = npemit.render(report)
    path = tmp_path / "f.py"
    path.write_text(source)
    loaded = importlib.util.spec_from_file_location("f_generated", path)
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    x = np.array([-1.5, -0.2, 0.3, 2.0])
    got = module.claim_sigmoid_slope(x=x)
    s = 1 / (1 + np.exp(-x))
    np.testing.assert_allclose(got, np.diag(s * (1 - s)), rtol=1e-12)
    np.testing.assert_allclose(module.claim_sqrt_of_a_square(x=x), np.abs(x), rtol=1e-15)
    np.testing.assert_allclose(module.claim_abs_slope(x=x), np.diag(np.sign(x)), rtol=1e-15)
    gelu = [
        (1 + math.erf(v / math.sqrt(2))) / 2 + v * math.exp(-v * v / 2) / math.sqrt(2 * math.pi)
        for v in x
    ]
    np.testing.assert_allclose(module.claim_gelu_slope(x=x), np.diag(gelu), rtol=1e-13)
    assert module._erf(x.astype(np.float32)).dtype == np.float32
    np.testing.assert_allclose(module.claim_softplus_slope(x=x), np.diag(s), rtol=1e-13)
    c = 0.25
    np.testing.assert_allclose(module.claim_max_slope(x=x, c=c), np.diag(x > c), rtol=0)
    np.testing.assert_allclose(module.claim_max_by_its_other_argument(x=x, c=c), x < c, rtol=0)
    np.testing.assert_allclose(module.claim_min_slope(x=x, c=c), x > c, rtol=0)
