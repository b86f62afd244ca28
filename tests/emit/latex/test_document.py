"""`symbn latex`: the documents compile with real TeX engines, their Markdown maths renders with
real KaTeX and MathJax, they are deterministic, and a derivation file cannot inject TeX."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from external import check_math, markdown_math, program
from headers import header
from paths import DERIVATION_FILES, ROOT
from reports import report_of

from symbn.cli import main
from symbn.emit import templates
from symbn.emit.latex import document as latex
from symbn.emit.latex import texbreak

# A `str.format` template (filled by `small`), header included: its inputs double their braces.
SMALL = (
    header(
        "Centring {title}",
        'h = {{ shape = ["N", "L"], latex = "{hname}" }}',
        description=r"""
The mean $\\mu_l$ of {description} column.

A second paragraph with **bold**, *emphasis* and `code`.
""",
    )
    + r"""
[[define]]
name = "mu"
index = ["l"]
expr = "sum(h[p, l], p) / N"
latex = "\\mu"

[[define]]
name = "u"
index = ["k", "l"]
expr = "h[k, l] - mu[l]"

[[claim]]
name = "du_dh"
title = "{claim}"
lhs = "diff(u[k, l], h[i, j])"
rhs = "Delta(i, k)*Delta(j, l) - Delta(j, l)/N"
steps = true

[[claim]]
name = "wrong"
lhs = "diff(mu[l], h[i, j])"
rhs = "Delta(j, l)"
"""
)


def small(**fields: str) -> str:
    values = {"title": "", "description": "each", "hname": "h", "claim": "Derivative of u"}
    return SMALL.format(**{**values, **fields})


def render(model, fmt: str) -> str:
    return latex.render(report_of(model), fmt)


@pytest.fixture(scope="module")
def documents(batchnorm_model) -> dict[str, str]:
    report = report_of(batchnorm_model)
    return {fmt: latex.render(report, fmt) for fmt in latex.FORMATS}


# -- real engines -------------------------------------------------------------------------------
def compile_with(engine: str, tex: str, tmp_path: Path) -> str:
    """Compile `tex` with `engine` in tmp_path; the log (the PDF must be there)."""
    found = program(engine)
    (tmp_path / "doc.tex").write_text(tex, encoding="utf-8")
    done = subprocess.run(
        [found, "-halt-on-error", "-interaction=nonstopmode", "-no-shell-escape", "doc.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert (tmp_path / "doc.pdf").read_bytes().startswith(b"%PDF")
    return (tmp_path / "doc.log").read_text(encoding="latin-1")


@pytest.mark.parametrize("engine", ["pdflatex", "lualatex"])
def test_batchnorm_document_compiles(documents, engine, tmp_path):
    compile_with(engine, documents["tex"], tmp_path)


GENERATED = sorted((ROOT / "generated").glob("*.tex"))


def test_every_derivation_has_generated_documents():
    derivations = DERIVATION_FILES
    assert {p.stem for p in GENERATED} == {p.stem for p in derivations}
    assert all(p.with_suffix(".md").exists() for p in GENERATED)


@pytest.mark.parametrize("path", GENERATED, ids=[p.stem for p in GENERATED])
def test_every_generated_document_compiles_with_pdflatex(path, tmp_path):
    compile_with("pdflatex", path.read_text(encoding="utf-8"), tmp_path)


LMODERN = r"\IfFileExists{lmodern.sty}"


def test_latin_modern_is_used_when_it_is_installed(documents, tmp_path):
    log = compile_with("pdflatex", documents["tex"], tmp_path)
    kpsewhich = program("kpsewhich")
    installed = subprocess.run(
        [kpsewhich, "lmodern.sty"], capture_output=True, text=True, timeout=60, check=False
    ).stdout.strip()
    assert ("lmodern.sty" in log) == bool(installed)
    assert ("t1lmr.fd" in log) == bool(installed)  # Latin Modern's T1 text fonts


@pytest.mark.parametrize("path", GENERATED, ids=[p.stem for p in GENERATED])
def test_without_latin_modern_every_generated_document_compiles(path, tmp_path):
    # CI has Latin Modern (texlive-luatex pulls it in): the document is compiled as if it had
    # not, the probe looking for a file that exists nowhere, as on a texlive-latex-base alone
    tex = path.read_text(encoding="utf-8")
    assert tex.count(LMODERN) == 1
    log = compile_with(
        "pdflatex", tex.replace(LMODERN, r"\IfFileExists{symbn-absent.sty}"), tmp_path
    )
    assert "lmodern.sty" not in log
    assert "fontenc.sty" not in log
    assert "lmr" not in log  # no Latin Modern font, as on a texlive-latex-base alone


@pytest.mark.parametrize(
    "path", [p.with_suffix(".md") for p in GENERATED], ids=[p.stem for p in GENERATED]
)
def test_every_generated_markdown_renders(path):
    items = markdown_math(path.read_text(encoding="utf-8"))
    assert items
    done = check_math(items)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"checked {len(items)}" in done.stdout


def test_small_document_with_a_refuted_claim_compiles(build_model, tmp_path):
    tex = render(build_model(small()), "tex")
    assert "refuted" in tex
    compile_with("pdflatex", tex, tmp_path)


def test_markdown_maths_renders_with_katex_and_mathjax(documents):
    items = markdown_math(documents["md"])
    assert len(items) > 50
    done = check_math(items)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"checked {len(items)}" in done.stdout


def test_the_math_checker_rejects_broken_maths():
    done = check_math([(r"\frac{a}{b", True)])
    assert done.returncode != 0
    assert "KaTeX" in done.stderr


# -- what the document holds --------------------------------------------------------------------
def test_document_holds_notation_definitions_claims_and_derivations(documents, batchnorm_model):
    for doc in documents.values():
        assert "Backpropagation through batch normalization" in doc
        for needle in (
            r"{\hat{h}_{k,l}}",
            r"\Delta_{i,k}",
            r"{\sigma^2_{l}}",
            r"{\mu_{l}}",
            r"\overset{(1)}{=}",
            "product rule",
            "sum over a delta",
            "by claim",
            "Lemma 1",
            "folding back into",
        ):
            assert needle in doc, needle
    for claim in batchnorm_model.claims:
        assert "\\texttt{" + claim.name.replace("_", "\\_") + "}" in documents["tex"]
        assert f"(`{claim.name}`)" in documents["md"]
    assert documents["md"].count("Verdict: **") == len(batchnorm_model.claims)


def test_markdown_uses_aligned_and_no_align_environment(documents):
    md = documents["md"]
    assert r"\begin{aligned}" in md
    assert not re.search(r"\\begin\{(align|equation|eqnarray)\*?\}", md)
    assert "\n\n$$\n" in md  # display maths stands apart from the text around it


def test_every_display_row_fits_the_width_with_its_left_column(documents):
    # in an aligned display the left-hand column is as wide as its widest entry, and every row
    # (relation or \\qquad, then its piece) starts after it: together they fit latex.LINE_LETTERS
    displays = re.findall(r"\\begin\{aligned\}\n(.*?)\n\\end\{aligned\}", documents["md"], re.S)
    assert len(displays) > 30
    continued = 0
    for body in displays:
        rows = [row.split("&", 1) for row in body.split("\\\\\n")]
        assert all(len(row) == 2 for row in rows), body
        column = max(texbreak.width(left) for left, _ in rows)
        for left, right in rows:
            assert column + texbreak.width(right) <= latex.LINE_LETTERS, (left, right)
        continued += sum(right.startswith(latex.INDENT) for _, right in rows)
    assert continued >= 5  # lines too long were broken, and their pieces are checked too


WIDE_LHS = (
    header("A wide left-hand side", 'h = { shape = ["N", "L"] }')
    + """
[[claim]]
name = "wide"
lhs = "diff(h[k, l] + 2*h[k, l]**2 + 3*h[k, l]**3 + 4*h[k, l]**4 + 5*h[k, l]**5, h[i, j])"
rhs = "(1 + 4*h[k, l] + 9*h[k, l]**2 + 16*h[k, l]**3 + 25*h[k, l]**4) * Delta(i, k)*Delta(j, l)"
"""
)


def test_a_left_hand_side_too_wide_to_share_its_line_stands_on_its_own(build_model):
    md = render(build_model(WIDE_LHS), "md")
    assert "Verdict: **proved**" in md
    display = md.split("Verdict: **proved**", 1)[1].split("\\end{aligned}", 1)[0]
    rows = display.split("\\begin{aligned}\n", 1)[1].split(" \\\\\n")
    assert rows[0].startswith("&\\frac{\\partial}{\\partial {h_{i,j}}}")
    assert texbreak.width(rows[0]) > latex.HEAD
    assert rows[1].startswith(" &= ")
    assert "&=" not in rows[0]


def test_the_residual_of_a_refuted_claim_and_its_counterexample_inputs(build_model):
    for fmt in latex.FORMATS:
        doc = render(build_model(small()), fmt)
        assert "\\mathrm{lhs} - \\mathrm{rhs} &= " in doc
        assert "with the inputs" in doc
        # the input h of the counterexample, as a matrix (N = L = 1 or larger)
        assert re.search(r"^h &= \\begin\{bmatrix\} [-0-9.]", doc, re.M), fmt


# -- determinism -------------------------------------------------------------------------------
def test_output_is_identical_under_different_hash_seeds(repo_root):
    script = (
        "import sys; from symbn import api; from symbn.language import model; "
        "from symbn.source import toml; "
        "from symbn.emit.latex import document as latex; "
        "m = model.build(toml.load('derivations/batchnorm.toml')); "
        "r = api.Derivation('b', m).verify(); "
        "v = r.verified; sys.stdout.write(latex.render(v, 'tex') + latex.render(v, 'md'))"
    )
    outputs = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=repo_root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            timeout=600,
            check=True,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 10000


# -- nothing from the file reaches TeX unchecked -----------------------------------------------
@pytest.mark.parametrize("field", ["title", "claim"])
def test_commands_in_plain_text_are_escaped(build_model, field, tmp_path):
    evil = r"\\input{/etc/passwd} \\write18{ls} ^^5c % # & ~ _"
    tex = render(build_model(small(**{field: evil})), "tex")
    assert r"\input{/etc" not in tex
    assert r"\write18" not in tex
    assert r"\textbackslash{}input\{/etc/passwd\}" in tex
    compile_with("pdflatex", tex, tmp_path)


def test_cli_exits_2_on_an_injection(write_derivation, capsys):
    path = write_derivation(small(description=r"$\\openout1=x$"))
    assert main(["latex", str(path)]) == 2
    err = capsys.readouterr().err
    assert "error:" in err
    assert r"\openout" in err
    assert "^" in err


def test_template_braces_are_not_template_syntax(build_model):
    md = render(build_model(small(description=r"$\\frac{{a}}{b}$ and {{ x }} and {% y %}")), "md")
    assert r"$\frac{{a}}{b}$" in md
    assert "{{ x }}" in md
    assert "{% y %}" in md


def test_templates_use_strict_undefined():
    assert templates.ENVIRONMENT.undefined is jinja2.StrictUndefined
    for name in [*(f"document.{fmt}.j2" for fmt in latex.FORMATS), "module.py.j2"]:
        with pytest.raises(jinja2.UndefinedError):
            templates.render(name)


# -- the command -------------------------------------------------------------------------------
def test_cli_writes_tex_md_and_pdf(write_derivation, tmp_path, capsys):
    path = write_derivation(small())
    assert main(["latex", str(path), "-o", str(tmp_path / "d.tex")]) == 1  # a claim is refuted
    assert (tmp_path / "d.tex").read_text().startswith("% Generated by symbn")
    assert main(["latex", str(path), "--format", "md"]) == 1
    assert capsys.readouterr().out.startswith("<!-- Generated by symbn")
    program("pdflatex")
    assert main(["latex", str(path), "--pdf", "-o", str(tmp_path / "d.pdf")]) == 1
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")


def test_cli_pdf_without_pdflatex_is_a_clear_error(write_derivation, monkeypatch, tmp_path, capsys):
    path = write_derivation(small())
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    assert main(["latex", str(path), "--pdf", "-o", str(tmp_path / "d.pdf")]) == 2
    assert "pdflatex was not found" in capsys.readouterr().err
    assert not (tmp_path / "d.pdf").exists()


def test_cli_pdf_needs_the_tex_format(write_derivation, capsys):
    path = write_derivation(small())
    assert main(["latex", str(path), "--pdf", "--format", "md"]) == 2
    assert "--pdf" in capsys.readouterr().err


def test_descriptions_of_inputs_definitions_and_claims_reach_the_documents(build_model):
    text = (
        small(hname="\\\\hat{h}")
        .replace(
            'latex = "\\\\hat{h}" }',
            'latex = "\\\\hat{h}", description = "the minibatch, $N$ rows" }',
        )
        .replace('name = "u"\n', 'name = "u"\ndescription = "each entry *centred*"\n')
        .replace('name = "du_dh"\n', 'name = "du_dh"\ndescription = "by the sum rule"\n')
    )
    report = report_of(build_model(text))
    tex, md = latex.render(report, "tex"), latex.render(report, "md")
    assert r"the minibatch, \(N\) rows" in tex
    assert "the minibatch, $N$ rows" in md
    assert r"each entry \emph{centred}" in tex
    assert "each entry *centred*" in md
    assert "\nby the sum rule\n" in tex
    assert "\nby the sum rule\n" in md
