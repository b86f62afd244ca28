"""The inferred context written as a context file (`symbn.language.latex.guessed`), and
documents checked with it: the founding document and the layer-norm document read with no
context give the verdicts their hand-written contexts give, the slip included; what the
maths does not say is left out, so its lines are unchecked, never refuted."""

from __future__ import annotations

import subprocess
import sys

from paths import ROOT

from symbn.language.latex import guessed
from symbn.source.context import read_context
from symbn.verify.document import check, load_context

SEED = ROOT / "docs" / "seed" / "000_58bc31ae350973dc.txt"
LAYERNORM = ROOT / "derivations" / "layernorm_backward.md"


def verdicts(checked) -> dict[int, str]:
    return {f.where.line: f.status for f in checked.findings if f.kind != "lint"}


def test_the_toml_reads_as_a_context_file():
    text = "$$\ny_i = \\sum_{j=1}^{D} W_{ij} x_j\n$$\n"
    ctx = read_context("doc.md", guessed.toml_of(text, "doc.md").encode())
    assert [s.name for s in ctx.sizes] == ["D", "n_i"]
    assert {t.name: t.shape for t in ctx.inputs} == {"W": ("n_i", "D"), "x": ("D",)}
    assert [(t.name, t.shape) for t in ctx.defined] == [("y", ("n_i",))]


def test_the_seed_document_with_no_context_finds_the_slip_and_refutes_nothing_else():
    text = SEED.read_text(encoding="utf-8")
    inferred = check(text, str(SEED))
    by_hand = check(text, str(SEED), load_context(str(ROOT / "derivations/seed.context.toml")))
    assert inferred.findings[0].status == "warning"
    assert "no context given" in inferred.findings[0].message
    refuted = [line for line, s in verdicts(inferred).items() if s == "refuted"]
    assert refuted == [line for line, s in verdicts(by_hand).items() if s == "refuted"]
    assert inferred.summary["proved"] >= 0.9 * by_hand.summary["proved"]


def test_the_layernorm_document_without_its_front_matter_gets_every_verdict():
    text = LAYERNORM.read_text(encoding="utf-8")
    body = text.split("+++", 2)[2]
    shift = text[: len(text) - len(body)].count("\n")
    with_front = {line - shift: s for line, s in verdicts(check(text, "ln.md")).items()}
    assert verdicts(check(body, "ln.md")) == with_front


def test_a_loss_of_unclear_tensor_and_a_reserved_name_are_left_out():
    text = (
        "$$\nmax_i = 2 x_i\n$$\n\n"  # max is a function of the language
        "$$\n\\frac{\\partial L}{\\partial z} = 1\n$$\n"  # z is not defined: no loss
    )
    toml = guessed.toml_of(text, "doc.md")
    assert "max" not in toml
    assert "[loss]" not in toml
    assert "L = " not in toml


def test_symbn_context_prints_it_and_check_reads_with_it(tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text("$$\ny_i = 2 x_i\n$$\n\n$$\n\\frac{\\partial y_i}{\\partial x_j} = 3\n$$\n")
    run = [sys.executable, "-m", "symbn"]
    printed = subprocess.run(
        [*run, "context", str(doc)], capture_output=True, text=True, check=False
    )
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == guessed.toml_of(doc.read_text(), str(doc))
    checked = subprocess.run([*run, "check", str(doc)], capture_output=True, text=True, check=False)
    assert checked.returncode == 1, checked.stdout  # 3 is wrong: 2 Delta(i, j)
    assert "warning: no context given" in checked.stdout
    assert "refuted: diff(y[i], x[j]) = 3" in checked.stdout


def test_a_name_written_as_a_size_is_not_also_a_tensor():
    r"""`z \in \mathbb{R}^{K}` makes K a size; the K of `\partial y_j / \partial K` is then
    left out (its line unchecked), rather than a context that declares K twice and does not
    read."""
    text = (
        "$$\nz \\in \\mathbb{R}^{K}\n$$\n\n$$\ny_j = 2 z_j\n$$\n\n"
        "$$\n\\frac{\\partial y_j}{\\partial K} = 0\n$$\n"
    )
    ctx = read_context("doc.md", guessed.toml_of(text, "doc.md").encode())
    assert "K" in {s.name for s in ctx.sizes}
    assert "K" not in {t.name for t in (*ctx.inputs, *ctx.defined)}
    checked = check(text, "doc.md")  # the document is read with it, not refused
    assert checked.findings[0].status == "warning"


def test_a_size_written_with_a_letter_that_is_also_an_index_keeps_no_such_spelling():
    """n, one size's other spelling (aliases), and an index letter of its own (`w_{n,1}`):
    the inferred context names no spelling that is an index letter, so it reads."""
    guess = guessed.Guess(ranges={"n": "n_n"}, sizes=["m", "n_n"], aliases={"n": "m", "M": "m"})
    table = guessed._spellings(guess, [], ["m", "n_n"])
    assert 'm = ["M"]' in table
    assert not any('"n"' in line for line in table)


def test_a_gradient_is_spelled_only_for_a_scalar_the_context_declares():
    """`\\nabla C` beside an inline definition of C that the context leaves out: the
    [gradients] table spelled C's gradient anyway, and the whole inferred context did not
    read (exit 2 on a document it could partly check)."""
    doc = (
        "# n\n\nThe error is $C=\\frac12 \\| \\mathbf{y} - \\mathbf{a}^L \\|^2 = \\frac12 "
        "\\sum_{k} | y_k - a_k^L |$.\n\n$$\\nabla C = \\left(\\frac{\\partial C}{\\partial w_0}, "
        "\\ldots, \\frac{\\partial C}{\\partial w_N}\\right)^T$$\n\n"
        "$$\\frac{\\partial C}{\\partial w_{jk}^\\ell} = \\frac{\\partial C}{\\partial z_j^\\ell} "
        "a_{k}^{\\ell-1}$$\n"
    )
    read_context("inferred.toml", guessed.toml_of(doc, "doc.md").encode())
    assert check(doc, "doc.md").count("error") == 0


def test_a_row_written_out_by_its_elements_is_sized_by_the_range_of_its_index():
    """`\\mathbf{x}_i = (x_{i,1}, …, x_{i,n})` with i over m: x is m × n (its shape named
    the index letter i, and the inferred context did not read)."""
    doc = (
        "# r\n\n$$\\mathbf{x}_{i} = (x_{i, 1}, x_{i, 2}, \\cdots, x_{i, n})$$\n\n"
        "$$J = \\frac{1}{m}\\sum_{i=1}^{m} \\sum_{j=1}^{n} x_{i, j} w_j$$\n\n"
        "$$\\frac{\\partial J}{\\partial w_j} = \\frac{1}{m}\\sum_{i=1}^{m} x_{i, j}$$\n"
    )
    toml = guessed.toml_of(doc, "doc.md")
    assert 'x = { shape = ["m", "n"], latex = "\\\\mathbf{x}" }' in toml
    r = check(doc, "doc.md")
    assert r.count("error") == 0
    assert [f.status for f in r.findings if f.where.line == 7] == ["proved"]
