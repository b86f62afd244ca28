"""`act`, an elementwise function a document leaves unsaid (σ "the activation"): its
derivatives, documents read with it and no context, and no array code for it
(`symbn.language.functions`)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from mutated import mutant_verdicts
from test_cli_process import symbn as run

from symbn.language import functions
from symbn.language.latex.guessed import toml_of
from symbn.verify.document import check

DOC = (Path(__file__).parents[1] / "markdown" / "dense_activation.md").read_text(encoding="utf-8")


def _statuses(text: str, line: int | None = None) -> list[str]:
    return [f.status for f in check(text, "doc.md").findings if line in (None, f.where.line)]


def test_its_derivatives_are_act1_and_act2():
    x = sp.Symbol("x")
    assert functions.TABLE["act"].derivative(x) == functions.TABLE["act1"].make(x)
    assert sp.diff(functions.TABLE["act"].make(x**2), x) == 2 * x * functions.TABLE["act1"].make(
        x**2
    )
    assert functions.derivative_text("act1", "z") == "(act2(z))"
    assert functions.derivative_text("act2", "z") is None  # a third derivative is not read


def test_a_layer_with_an_unsaid_activation_is_checked_with_no_context():
    assert 'act = ["\\\\phi"]' in toml_of(DOC, "doc.md")
    statuses = _statuses(DOC)
    assert statuses.count("proved") == 4  # ∂E/∂u through φ', ∂E/∂c, ∂E/∂V, ∂E/∂h
    assert "refuted" not in statuses


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"\odot \phi'(\mathbf{u})", r"\odot \phi(\mathbf{u})"),  # the function for its slope
        (r"\odot \phi'(\mathbf{u})", r"\odot \phi(\mathbf{u})(1 - \phi(\mathbf{u}))"),  # σ's
        (r"\mathbf{h}^\top $$", r"\mathbf{c}^\top $$"),
    ],
)
def test_a_slip_is_not_proved_and_one_true_of_some_function_is_not_refuted(old, new):
    assert DOC.count(old) == 1
    got = mutant_verdicts(DOC, old, old, new)
    assert got
    assert "proved" not in got
    assert "refuted" not in got  # σ' = σ(1 - σ) holds for one σ: held back, not refuted


def test_two_unsaid_functions_are_not_taken_for_one():
    text = DOC.replace(r"\mathbf{o} = \phi(\mathbf{u})", r"\mathbf{o} = \psi(\phi(\mathbf{u}))")
    assert 'act = ["\\\\psi"]\nactb = ["\\\\phi"]' in toml_of(text, "doc.md")
    row = DOC.split("\n").index(next(x for x in DOC.split("\n") if "odot \\phi'" in x)) + 1
    assert _statuses(text, row) == ["unchecked"]  # ψ'(φ(u)) left out: not proved


def test_it_has_no_array_code(tmp_path):
    path = tmp_path / "act.toml"
    path.write_text(
        '[derivation]\ntitle = "An unsaid function"\n\n[sizes]\nN = "rows"\n\n'
        '[indices]\ni = "N"\n\n[inputs]\nz = { shape = ["N"] }\n\n'
        '[[define]]\nname = "a"\nindex = ["i"]\nexpr = "act(z[i])"\n\n'
        '[[claim]]\nname = "one"\nlhs = "1"\n',
        encoding="utf-8",
    )
    out = run("numpy", str(path))
    assert out.returncode == 2, out.stderr
    assert "act() is a function the derivation leaves unsaid" in out.stderr


def test_a_name_defined_by_a_derivative_is_unchecked_not_bad_input():
    text = DOC + "\n$$ \\delta_j = \\frac{\\partial E}{\\partial o_j} \\phi'(u_j) $$\n"
    last = len(text.rstrip("\n").split("\n"))
    got = [f for f in check(text, "doc.md").findings if f.where.line == last]
    assert [f.status for f in got] == ["unchecked"]
    assert "defined by a derivative is not held" in got[0].message
