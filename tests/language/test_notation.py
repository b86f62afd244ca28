"""symbn.language.notation: formulas in the expression language of derivation files. Each node
has its spelling, a node the language lacks raises, and what symbn prints for a claim (closed
forms, residuals) parses back as an rhs and is proved equal to what it stands for."""

from __future__ import annotations

import re

import pytest
import sympy as sp
from reports import report_of

from symbn.language import model
from symbn.language.functions import relu, step
from symbn.language.notation import NotationError, formula
from symbn.source import toml
from symbn.verify.verifier import Verifier

N = sp.Symbol("N", integer=True, positive=True)
i, j, k, p, q = sp.symbols("i j k p q", integer=True)
h = sp.IndexedBase("h")
x = sp.Symbol("x", real=True)


@pytest.mark.parametrize(
    ("expr", "text"),
    [
        (sp.KroneckerDelta(i, j), "Delta(i, j)"),
        (sp.Sum(h[p, j], (p, 1, N)), "sum(h[p, j], p)"),
        (sp.Sum(h[p, q], (q, 1, N), (p, 1, N)), "sum(h[p, q], p, q)"),  # outer index first
        (sp.Derivative(h[k, j], h[i, j]), "diff(h[k, j], h[i, j])"),
        (sp.Derivative(x**3, x, 2), "diff(diff(x**3, x), x)"),
        (sp.exp(1), "exp(1)"),
        (sp.sqrt(x + 1), "sqrt(x + 1)"),
        (relu(x) * step(x), "relu(x)*step(x)"),
        (sp.Abs(x), "abs(x)"),
        (sp.tanh(x) + sp.log(x) - sp.exp(x), "-exp(x) + log(x) + tanh(x)"),
        ((x + 1) ** sp.Rational(-3, 2) / N, "1/(N*(x + 1)**(3/2))"),
    ],
)
def test_each_node_has_its_spelling(expr, text):
    assert formula(expr) == text


@pytest.mark.parametrize(
    "expr",
    [
        sp.Function("Foo")(x),
        sp.Piecewise((x, x > 0), (0, True)),
        sp.Float(0.5) * x,
        sp.Symbol("_N_1", integer=True),
        sp.sin(x),
    ],
)
def test_a_node_outside_the_language_raises(expr):
    with pytest.raises(NotationError, match="no spelling in the expression language"):
        formula(expr)


def _claim(name: str, lhs: str, rhs: str) -> str:
    return f'\n[[claim]]\nname = "{name}"\nlhs = """{lhs}"""\nrhs = """{rhs}"""\n'


@pytest.mark.parametrize("name", ["batchnorm", "layernorm"])
def test_printed_closed_forms_parse_back_and_are_proved(name, repo_root, tmp_path):
    """Every closed form symbn prints, pasted into an rhs against the claim's own lhs."""
    path = repo_root / "derivations" / f"{name}.toml"
    text = path.read_text()
    m = model.build(toml.load(path))
    results = report_of(m).results
    extra = ""
    for c, r in zip(m.spec.claims, results, strict=True):
        if r.closed_form is not None:
            extra += _claim(f"again_{c.name}", c.lhs.value, formula(r.closed_form))
    assert extra.count("[[claim]]") >= 8
    again = tmp_path / f"{name}.toml"
    again.write_text(text + extra)
    m2 = model.build(toml.load(again))
    checked = Verifier(m2).run()
    assert [r.status for r in checked if r.name.startswith("again_")] == ["proved"] * extra.count(
        "[[claim]]"
    )


def test_a_printed_residual_parses_back_and_is_proved(repo_root, tmp_path):
    """The residual of a refuted claim is lhs - rhs: pasted back, it is proved."""
    text = (repo_root / "derivations" / "batchnorm.toml").read_text()
    slip = text.replace(
        'rhs = "2/N * (h[i, l] - mu[l]) * Delta(j, l)"',
        'rhs = "2/(N - 1) * (h[i, l] - mu[l]) * Delta(j, l)"',
    )
    assert slip != text
    path = tmp_path / "slip.toml"
    path.write_text(slip)
    m = model.build(toml.load(path))
    claim = next(c for c in m.claims if c.name == "dvar_dh")
    result = Verifier(m).claim(claim)
    assert result.status == "refuted"
    printed = formula(result.residual)
    assert "KroneckerDelta" not in printed
    assert "Delta(j, l)" in printed
    assert re.fullmatch(r"-2\*Delta\(j, l\)\*u\[i, j\]/\(N\*\(N - 1\)\)", printed), printed
    path.write_text(
        slip
        + _claim(
            "residual",
            "diff(var[l], h[i, j]) - 2/(N - 1) * (h[i, l] - mu[l]) * Delta(j, l)",
            printed,
        )
    )
    m2 = model.build(toml.load(path))
    again = next(c for c in m2.claims if c.name == "residual")
    assert Verifier(m2).claim(again).status == "proved"
