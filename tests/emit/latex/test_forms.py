"""`symbn latex --notation`: a derivation in matrix form where every side of an equation has
an exact matrix form, the rest in index form and named; the default follows the source and
leaves the index documents as they were; the matrix documents compile and render."""

from __future__ import annotations

import types

import pytest
from external import check_math, markdown_math, program
from headers import header
from paths import ROOT

import symbn
from symbn.cli import main
from symbn.emit.latex import document
from symbn.emit.latex.forms import Forms
from symbn.errors import InputError

LINEAR = (
    header(
        "A linear layer",
        """
    X = { shape = ["N", "D"] }
    W = { shape = ["D", "C"] }
    b = { shape = ["C"] }
    G = { shape = ["N", "C"], latex = "\\\\bar{Y}" }
""",
        sizes={"N": "rows", "D": "features", "C": "classes"},
        indices={"n": "N", "k": "N", "d": "D", "e": "D", "c": "C", "j": "C"},
    )
    + """
[[define]]
name = "Y"
index = ["n", "c"]
expr = "sum(X[n, d] * W[d, c], d) + b[c]"

[[claim]]
name = "dW"
lhs = "sum(G[k, j] * diff(Y[k, j], W[d, c]), k, j)"
rhs = "sum(X[n, d] * G[n, c], n)"

[[claim]]
name = "db"
lhs = "sum(G[k, j] * diff(Y[k, j], b[c]), k, j)"
rhs = "sum(G[n, c], n) / N"

[[claim]]
name = "dY_dW"
lhs = "diff(Y[n, c], W[d, j])"

[layer]
output = "Y"
upstream = "G"
gradients = { W = "dW", b = "db" }
"""
)


@pytest.fixture(scope="module")
def linear():
    return symbn.loads(LINEAR, "linear.toml").verify()


def test_matrix_form_where_every_side_raises(linear):
    md, fallbacks = document.written(linear.verified, "md", "matrix")
    assert r"{Y} &= {X} {W} + \mathbf{1}_{N} {b}^{\top}" in md
    assert r"\frac{\partial \mathcal{L}}{\partial {W}} &= {X}^{\top} {\bar{Y}}" in md
    db = r"\frac{\partial \mathcal{L}}{\partial {b}} &= \frac{1}{N} {\bar{Y}}^{\top} \mathbf{1}_{N}"
    assert db in md
    assert "**Matrix form.** A vector is a column" in md
    assert fallbacks == ["claim dY_dW has no matrix form that symbn knows: shown in index form"]
    assert r"\frac{\partial {Y_{n,c}}}{\partial {W_{d,j}}}" in md


def test_a_refuted_claim_shows_its_residual_in_matrix_form(linear):
    md = symbn.latex(linear, format="md", notation="matrix")
    db = md[md.index("(`db`)") :]
    assert "Verdict: **refuted**" in md[md.index("(`dW`)") :]
    assert r"\mathrm{lhs} - \mathrm{rhs} &= " in db
    assert r"{\bar{Y}}^{\top} \mathbf{1}_{N}" in db[db.index(r"\mathrm{lhs}") :]


def test_the_default_follows_the_source_and_index_is_the_index_document(linear):
    v = linear.verified
    assert document.render(v, "tex") == document.render(v, "tex", "index")
    assert document.written(v, "md", "index")[1] == []
    assert "Matrix form" not in document.render(v, "md")
    assert r"\sum_{n=1}^{N}" in document.render(v, "md")


def test_each_definition_and_claim_follows_its_own_notation(linear):
    forms = Forms(linear.verified.model, None, {})
    assert forms.wanted(types.SimpleNamespace(notation="matrix"))
    assert not forms.wanted(types.SimpleNamespace(notation="index"))
    assert not forms.wanted(types.SimpleNamespace())  # nothing said: the model's, index
    assert Forms(linear.verified.model, "matrix", {}).wanted(types.SimpleNamespace())


def test_an_unknown_notation_is_refused(linear):
    with pytest.raises(InputError, match="unknown notation 'tensor'"):
        document.render(linear.verified, "tex", "tensor")


def test_the_command_names_each_equation_left_in_index_form(tmp_path, capsys):
    path = tmp_path / "linear.toml"
    path.write_text(LINEAR)
    code = main(["latex", str(path), "--notation", "matrix", "--format", "md"])
    out, err = capsys.readouterr()
    assert code == 1  # db is refuted
    assert r"{X}^{\top} {\bar{Y}}" in out
    assert "symbn: warning: claim dY_dW has no matrix form that symbn knows" in err
    assert "symbn: warning: claim db is refuted; the document shows it so" in err


@pytest.fixture(scope="module")
def attention():
    return symbn.load(ROOT / "derivations" / "attention.toml").verify().verified


def test_a_matrix_document_compiles(attention):
    program("pdflatex")
    assert document.compile_pdf(document.render(attention, "tex", "matrix")).startswith(b"%PDF")


def test_a_matrix_document_renders_with_katex_and_mathjax(attention):
    items = markdown_math(document.render(attention, "md", "matrix"))
    done = check_math(items)
    assert done.returncode == 0, done.stderr[-3000:]
