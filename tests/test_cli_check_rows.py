"""symbn check never lets a document pass that checked nothing: the summary says how many
equation rows got a verdict, and a document with equation rows and no verdict exits 1."""

from __future__ import annotations

import json

import pytest
from documents import FRONT

from symbn import cli

#: Equation rows that cannot be checked: an unknown name, and a relation other than =.
NOTHING = FRONT + "\n$$ \\mu_l = \\nu_l $$\n\n$$ \\mu_l \\approx 0 $$\n"


def run(tmp_path, text: str, *flags: str) -> tuple[int, list[str]]:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    status = cli.main(["check", str(path), *flags])
    return status, [str(path)]


@pytest.mark.parametrize("flags", [(), ("--strict",)])
def test_equation_rows_without_any_verdict_fail(tmp_path, capsys, flags):
    status, (path,) = run(tmp_path, NOTHING, *flags)
    out = capsys.readouterr().out.splitlines()
    assert status == 1
    assert "; 0 of 2 equation rows checked (" in out[-2]
    assert out[-1] == f"nothing in {path} could be checked"


def test_definitions_alone_check_nothing_and_pass(tmp_path, capsys):
    status, _ = run(tmp_path, FRONT)
    out = capsys.readouterr().out.splitlines()
    assert status == 0
    assert "; 0 of 0 equation rows checked (" in out[-1]


def test_one_verdict_is_enough_and_strict_keeps_its_meaning(tmp_path, capsys):
    text = NOTHING + "\n$$ u_{kl} = h_{kl} - \\mu_l $$\n"
    assert run(tmp_path, text)[0] == 0
    assert "; 1 of 3 equation rows checked (" in capsys.readouterr().out
    assert run(tmp_path, text, "--strict")[0] == 1


def test_the_json_summary_counts_the_rows(tmp_path, capsys):
    status, _ = run(tmp_path, NOTHING, "--json")
    (doc,) = json.loads(capsys.readouterr().out)["documents"]
    assert status == 1
    assert (doc["summary"]["rows"], doc["summary"]["rows_checked"]) == (2, 0)


def test_a_notebook_and_a_latex_source_are_checked(tmp_path, capsys):
    import nbformat  # noqa: PLC0415 - only this test writes a notebook

    context = tmp_path / "ctx.toml"
    context.write_text(FRONT.split("+++\n")[1], encoding="utf-8")
    body = FRONT.split("+++\n")[2] + "\n$$ u_{kl} = h_{kl} + \\mu_l $$\n"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(body)]
    (tmp_path / "nb.ipynb").write_text(nbformat.writes(nb), encoding="utf-8")
    paper = "\\begin{document}\n" + body.replace("$$\n\\begin{aligned}", "\\begin{align}")
    paper = paper.replace("\\end{aligned}\n$$", "\\end{align}") + "\\end{document}\n"
    (tmp_path / "paper.tex").write_text(paper, encoding="utf-8")
    for name in ("nb.ipynb", "paper.tex"):
        status = cli.main(["check", str(tmp_path / name), "--context", str(context)])
        out = capsys.readouterr().out
        assert status == 1, out
        assert "4 defined; 1 of 1 equation row checked" in out
        assert ": refuted: u[k, l] = h[k, l] + mu[l]" in out


@pytest.mark.parametrize("name", ["nb.ipynb", "paper.tex"])
def test_a_report_is_written_of_a_markdown_document_only(tmp_path, capsys, name):
    (tmp_path / name).write_text("{}", encoding="utf-8")
    status = cli.main(["check", str(tmp_path / name), "--report", str(tmp_path / "out.md")])
    assert status == 2
    assert "--report writes the report of a Markdown document" in capsys.readouterr().err
    assert not (tmp_path / "out.md").exists()


def test_a_claim_that_also_states_a_size_is_a_row(tmp_path, capsys):
    """`… = b \\in \\mathbb{R}` claims something besides the size it states: its row counts,
    checked or not, while a row that only states a size (`z \\in \\mathbb{R}`) does not."""
    claim = "$$\n\\frac{\\partial y}{\\partial a} = %s \\in \\mathbb{R}\n$$\n"
    head = "$$\ny = a b + c\n$$\n\n$$\nz \\in \\mathbb{R}\n$$\n\n"
    assert run(tmp_path, head + claim % "b")[0] == 0
    assert "; 1 of 1 equation row checked (" in capsys.readouterr().out
    status, _ = run(tmp_path, head + claim % "b \\pm 0")  # ± is not read: unchecked
    out = capsys.readouterr().out.splitlines()
    assert status == 1
    assert "; 0 of 1 equation row checked (" in out[-2]
