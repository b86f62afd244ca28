"""The generated documents fit the page: pdflatex leaves no line more than 1 pt too wide in any
of them, the shipped ones and documents of refuted claims, whose residuals are long and whose
counterexamples show their input values, large arrays included; and in the Markdown the notation
(sizes, indices, inputs) is a paragraph each."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from external import check_math, markdown_math, program
from headers import header
from paths import ROOT
from reports import report_of

from symbn.emit.latex import document as latex
from symbn.emit.latex import texbreak
from symbn.language import model
from symbn.source import toml

GENERATED = sorted((ROOT / "generated").glob("*.tex"))
TOLERANCE = 1.0  # pt: narrower excesses are invisible, and TeX itself allows \hfuzz = 0.1 pt

# Wrong versions of the shipped derivations: (file, what is replaced, by what), each making a
# claim refuted (or unknown). In those of LONG the two sides differ in terms that cannot cancel
# (sqrt(var + delta) against sqrt(var + 2 delta)), so their residual is wider than the page
# however far it is simplified.
MUTANTS = {
    "core-delta": (
        "batchnorm_core.toml",
        "(N*dy[i, j] - sum(dy[k, j], k) - hhat[i, j] * sum(dy[k, j] * hhat[k, j], k))",
        "(N*dy[i, j] - sum(dy[k, j], k) - hhat[i, j] * sum(dy[k, j] * h[k, j], k))"
        " * sqrt(var[j] + delta) / sqrt(var[j] + 2*delta)",
    ),
    "layernorm-delta": (
        "layernorm.toml",
        "hhat[i, j] * sum(g[i, l] * hhat[i, l], l)) / (L * sqrt(var[i] + delta))",
        "hhat[i, j] * sum(g[i, l] * h[i, l], l)) / (L * sqrt(var[i] + 2*delta))",
    ),
    # the compact backward with an unbiased 1/(N - 1), without its mean term, and a sign slip
    # in dhhat/dh
    "core-unbiased": (
        "batchnorm_core.toml",
        "gamma[j] / (N * sqrt(var[j] + delta))",
        "gamma[j] / ((N - 1) * sqrt(var[j] + delta))",
    ),
    "core-dropped": (
        "batchnorm_core.toml",
        "(N*dy[i, j] - sum(dy[k, j], k) - hhat[i, j]",
        "(N*dy[i, j] - hhat[i, j]",
    ),
    "core-sign": (
        "batchnorm_core.toml",
        "(N*Delta(i, k) - 1 - hhat[i, j]*hhat[k, j])",
        "(N*Delta(i, k) + 1 - hhat[i, j]*hhat[k, j])",
    ),
    # the whole layer's compact backward with a sign slip, and with L for N (unknown today: the
    # sizes that the concrete check tries have N = L)
    "layer-sign": (
        "batchnorm.toml",
        "(N*dy[i, j] - sum(dy[k, j], k) - hhat[i, j]",
        "(N*dy[i, j] + sum(dy[k, j], k) - hhat[i, j]",
    ),
    "layer-size": (
        "batchnorm.toml",
        "gamma[j] / (N * sqrt(var[j] + delta)) * (N*dy[i, j]",
        "gamma[j] / (N * sqrt(var[j] + delta)) * (L*dy[i, j]",
    ),
    # layer normalization's backward with the row sum twice
    "layernorm-dh": (
        "layernorm.toml",
        "(L*g[i, j] - sum(g[i, l], l)",
        "(L*g[i, j] - 2*sum(g[i, l], l)",
    ),
}
LONG = ("core-delta", "layernorm-delta")

# Concrete indices push the sizes of the counterexample up: a 12 x 16 input.
LARGE = (
    header("Large counterexamples", 'h = { shape = ["N", "L"] }')
    + """
[[define]]
name = "u"
index = ["k", "l"]
expr = "h[k, l] - sum(h[p, l], p) / N"

[[claim]]
name = "wide_and_tall"
title = "A claim that only fails for large N and L"
lhs = "diff(u[12, 16], h[12, 16])"
rhs = "1 - 1/(N + 1)"
"""
)


def overfull(log: str) -> list[float]:
    """How many pt too wide each overfull line of a TeX log is."""
    return [
        float(pt)
        for pt in re.findall(r"^Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)", log, re.M)
    ]


def compile_log(tex: str, tmp_path: Path) -> str:
    """The pdflatex log of `tex` (which must compile)."""
    pdflatex = program("pdflatex")
    (tmp_path / "doc.tex").write_text(tex, encoding="utf-8")
    done = subprocess.run(
        [pdflatex, "-halt-on-error", "-interaction=nonstopmode", "-no-shell-escape", "doc.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    return (tmp_path / "doc.log").read_text(encoding="latin-1")


def without_lmodern(tex: str) -> str:
    """`tex` as compiled where Latin Modern is not installed (Computer Modern, OT1)."""
    probe = r"\IfFileExists{lmodern.sty}"
    assert tex.count(probe) == 1
    return tex.replace(probe, r"\IfFileExists{symbn-absent.sty}")


def assert_fits(tex: str, tmp_path: Path) -> None:
    for fonts, text in (("installed", tex), ("minimal", without_lmodern(tex))):
        folder = tmp_path / fonts
        folder.mkdir()
        log = compile_log(text, folder)
        too_wide = [pt for pt in overfull(log) if pt > TOLERANCE]
        assert not too_wide, (fonts, too_wide, re.findall(r"^Overfull \\hbox.*\n.*", log, re.M)[:5])


@pytest.fixture(scope="module")
def mutants(tmp_path_factory) -> dict:
    """name -> (model, results) of each mutant, and of LARGE ("large")."""
    folder = tmp_path_factory.mktemp("mutants")
    out = {}
    for name, (file, old, new) in MUTANTS.items():
        text = (ROOT / "derivations" / file).read_text(encoding="utf-8")
        assert text.count(old) == 1, name
        path = folder / f"{name}.toml"
        path.write_text(text.replace(old, new), encoding="utf-8")
        built = model.build(toml.load(path))
        out[name] = report_of(built)
    path = folder / "large.toml"
    path.write_text(LARGE, encoding="utf-8")
    built = model.build(toml.load(path))
    out["large"] = report_of(built)
    return out


def test_the_overfull_reader_finds_a_line_too_wide(tmp_path):
    # an align* row as long as those the documents would have unbroken, and a line of text
    row = " + ".join(f"x_{{{n}}}" for n in range(60))
    log = compile_log(
        "\\documentclass{article}\\usepackage{amsmath}\\begin{document}\n"
        f"\\begin{{align*}} y &= {row} \\end{{align*}}\n"
        "\\noindent\\hbox to 1.5\\textwidth{x\\hfil}\n\\end{document}\n",
        tmp_path,
    )
    too_wide = overfull(log)
    assert len(too_wide) == 2
    assert min(too_wide) > 100


@pytest.mark.parametrize("path", GENERATED, ids=[p.stem for p in GENERATED])
def test_every_generated_document_fits_the_page(path, tmp_path):
    assert_fits(path.read_text(encoding="utf-8"), tmp_path)


@pytest.mark.parametrize("name", [*MUTANTS, "large"])
def test_documents_of_failed_claims_fit_the_page(mutants, name, tmp_path):
    report = mutants[name]
    failed = [r for r in report.verdicts if r.status in ("refuted", "unknown")]
    assert failed, name
    assert all(r.residual is not None for r in failed)
    assert all(r.counterexample is not None for r in failed if r.status == "refuted")
    tex = latex.render(report, "tex")
    assert ("with the inputs" in tex) == any(r.status == "refuted" for r in failed)
    if name in LONG:  # the residual is too long for the page: it is broken into lines
        (residual,) = re.findall(
            r"What is left of lhs \$-\$ rhs:\n\\begin\{align\*\}\n(.*?)"
            r"\n\\end\{align\*\}",
            tex,
            re.S,
        )
        assert residual.count("\n&\\qquad ") >= 2
    assert_fits(tex, tmp_path)


def test_markdown_of_failed_claims_renders_with_katex_and_mathjax(mutants):
    items = []
    for report in mutants.values():
        items += markdown_math(latex.render(report, "md"))
    assert sum(r"\begin{bmatrix}" in src for src, _ in items) >= len(mutants) - 1
    done = check_math(items)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"checked {len(items)}" in done.stdout


def test_a_large_counterexample_is_cut_into_blocks(mutants):
    report = mutants["large"]
    wide = next(r for r in report.verdicts if r.name == "wide_and_tall")
    assert wide.status == "refuted"
    values = wide.counterexample.inputs["h"]
    assert len(values) >= 12
    assert len(values[0]) >= 16
    for fmt in latex.FORMATS:
        doc = latex.render(report, fmt)
        blocks = re.findall(r"\{h_\{([^{}]*)\}\} &= \\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", doc)
        assert len(blocks) > 2, fmt
        # every value is in exactly one block, and no block has more than MAX_ROWS rows
        cells = [
            c.strip() for _, body in blocks for row in body.split(r"\\") for c in row.split("&")
        ]
        assert len(cells) == len(values) * len(values[0])
        assert all(body.count(r"\\") < texbreak.MAX_ROWS for _, body in blocks)


# -- the Markdown notation -------------------------------------------------------------------
@pytest.mark.parametrize(
    "path", [p.with_suffix(".md") for p in GENERATED], ids=[p.stem for p in GENERATED]
)
def test_markdown_notation_is_a_paragraph_each(path):
    # CommonMark ends a paragraph at a blank line only: each block must stand between two
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    for head in ("**Sizes.**", "**Indices.**", "**Inputs.**"):
        starting = [b for b in blocks if b.startswith(head)]
        assert len(starting) == 1, head
        assert "\n" not in starting[0].strip(), head
