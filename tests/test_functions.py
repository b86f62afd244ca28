"""symbn.functions: the table of the language's functions. Each entry is read by the parser,
differentiated by the chain rule, evaluated by the concrete check and printed in LaTeX, NumPy
and the language; sigmoid and abs (with sign, abs's derivative) are one entry each, and the
verifier proves a true claim about each and refutes a false one."""

from __future__ import annotations

import importlib.util
import math

import numpy as np
import pytest
import sympy as sp
from headers import header
from reports import report_of

from symbn import functions, model
from symbn.concrete import ComplexStep, MultiPrecision
from symbn.emit.latex.texprint import tex
from symbn.emit.numpy import emitter as npemit
from symbn.errors import Location
from symbn.functions import TABLE, UndefinedError
from symbn.notation import formula
from symbn.readers import toml
from symbn.spec import Text

TEXT = header("Functions", """
    x = { shape = ["N"] }
    c = { shape = [], positive = true }
""", sizes={"N": "rows"}, indices={"i": "N", "k": "N", "p": "N"})


def claims(*rows: tuple[str, str, str | None]) -> str:
    return TEXT + "".join(f'\n[[claim]]\nname = "{n}"\nlhs = "{lhs}"\n'
                          + (f'rhs = "{rhs}"\n' if rhs is not None else "")
                          for n, lhs, rhs in rows)


def test_every_name_of_the_table_is_reserved_and_parses(build_model):
    m = build_model(claims(("it", "x[i]", None)))
    for name, entry in TABLE.items():
        assert name in functions.RESERVED
        e = m.parse(Text(f"{name}(x[i] + c)", Location("t", 1, 1, "")))
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
    ("sigmoid", 1 / (1 + math.exp(-0.7)), 1 / (1 + math.exp(0.7))),
    ("relu", 0.7, 0.0),
    ("step", 1.0, 0.0),
    ("abs", 0.7, 0.7),
    ("sign", 1.0, -1.0),
]


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
        assert float(arith.real(entry.value(arith, x))) == pytest.approx(at_plus, rel=1e-12)
        if at_minus is None:
            with pytest.raises(UndefinedError):
                entry.value(arith, arith.number(-7, 10))
        else:
            got = entry.value(arith, arith.number(-7, 10))
            assert float(arith.real(got)) == pytest.approx(at_minus, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("name", sorted(n for n, f in TABLE.items() if f.derivative))
def test_the_derivative_agrees_with_a_central_difference(name):
    entry = TABLE[name]
    arith = MultiPrecision()
    x = sp.Symbol("x", real=True)
    for at in (sp.Rational(7, 10), sp.Rational(13, 10)):
        slope = entry.derivative(x).subs(x, at)
        h = 1e-7
        numeric = (float(arith.real(entry.value(arith, arith.number(at.p, at.q) + h)))
                   - float(arith.real(entry.value(arith, arith.number(at.p, at.q) - h)))) / (2 * h)
        assert float(slope) == pytest.approx(numeric, rel=1e-6, abs=1e-9), name


def test_each_function_prints_in_latex_numpy_and_the_language():
    x = sp.Symbol("x", real=True)
    for name, entry in TABLE.items():
        e = entry.make(x + 1)
        if entry.cls is None:
            continue
        assert formula(e) == f"{name}(x + 1)"
        printed = tex(e)
        assert "x + 1" in printed
        if entry.latex is not None:
            assert printed.startswith(entry.latex)
        assert entry.numpy.format(np="np", x="a")


TRUE_AND_FALSE = [
    ("sigmoid_slope", "diff(sigmoid(x[k]), x[i])",
     "Delta(i, k) * sigmoid(x[i]) * (1 - sigmoid(x[i]))", "proved"),
    ("sigmoid_slope_wrong", "diff(sigmoid(x[k]), x[i])",
     "Delta(i, k) * sigmoid(x[i])**2", "refuted"),
    ("abs_slope", "diff(abs(x[k]), x[i])", "Delta(i, k) * sign(x[i])", "proved"),
    ("abs_slope_wrong", "diff(abs(x[k]), x[i])", "Delta(i, k)", "refuted"),
    ("sign_slope", "diff(sign(x[k]) * c, x[i])", "0", "proved"),
    ("sign_slope_wrong", "diff(sign(x[k]) * x[k], x[i])", "0", "refuted"),
    ("sqrt_of_a_square", "sqrt(x[k]**2)", "abs(x[k])", "proved"),
    ("sum_of_sigmoids", "diff(sum(sigmoid(c * x[p]), p), c)",
     "sum(x[p] * sigmoid(c * x[p]) * (1 - sigmoid(c * x[p])), p)", "proved"),
]


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    path = tmp_path_factory.mktemp("functions") / "f.toml"
    path.write_text(claims(*[(n, lhs, rhs) for n, lhs, rhs, _ in TRUE_AND_FALSE]))
    m = model.build(toml.load(path))
    report = report_of(m)
    return m, {r.name: r for r in report.verdicts}, report


@pytest.mark.parametrize(("name", "lhs", "rhs", "status"), TRUE_AND_FALSE,
                         ids=[row[0] for row in TRUE_AND_FALSE])
def test_true_claims_are_proved_and_false_ones_refuted(verdicts, name, lhs, rhs, status):
    del lhs, rhs
    _, results, _ = verdicts
    assert results[name].status == status, results[name].reason
    if status == "refuted":
        assert results[name].counterexample is not None


def test_the_exported_functions_compute_sigmoid_and_abs(verdicts, tmp_path):
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
