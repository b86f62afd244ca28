"""symbn.cli: the `symbn check` command — its text and JSON, exit statuses, --strict,
--context and --report paths."""

from __future__ import annotations

import json

import pytest
from paths import ROOT
from verify.test_document import FRONT, SEED, STEPS

from symbn import cli

CONTEXT = str(ROOT / "derivations" / "seed.context.toml")


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_one_line_per_finding_in_the_compilers_convention(tmp_path, capsys):
    doc = write(tmp_path, "doc.md", FRONT + STEPS)
    assert cli.main(["check", doc]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(x.startswith(f"{doc}:") and ": refuted: step " in x for x in out)
    assert out[-1].startswith(
        f"{doc}: 8 findings: 3 proved, 1 refuted, 4 defined; 4 of 4 equation rows checked ("
    )
    assert any(x.startswith("    counterexample: N=") for x in out)


def test_a_document_with_nothing_refuted_exits_0_and_strict_fails_on_unchecked(tmp_path):
    doc = write(tmp_path, "doc.md", FRONT + STEPS.replace("N^2", "N") + "\n$$ x $$\n")
    assert cli.main(["check", doc]) == 0
    assert cli.main(["check", doc, "--strict"]) == 1


def test_json_lists_every_line_with_kind_status_and_claim(tmp_path, capsys):
    doc = write(tmp_path, "doc.md", FRONT + STEPS)
    assert cli.main(["check", doc, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == 1
    (document,) = data["documents"]
    assert document["path"] == doc
    assert document["summary"]["refuted"] == 1
    kinds = {(x["kind"], x["status"]) for x in document["lines"]}
    assert {("definition", "defined"), ("claim", "proved"), ("step", "refuted")} <= kinds
    step = next(x for x in document["lines"] if x["status"] == "refuted")
    assert set(step) == {"line", "col", "kind", "status", "text", "message", "claim"}
    assert step["claim"].endswith("= Delta(i, k)*Delta(j, l) - 1/N**2*Delta(j, l)")
    assert step["text"].startswith("\\Delta_{i,k}")


def test_bad_input_exits_2_with_the_place(tmp_path, capsys):
    doc = write(tmp_path, "doc.md", "+++\n[sizes]\nN = 3\n[indices]\n+++\n")
    assert cli.main(["check", doc]) == 2
    err = capsys.readouterr().err
    assert f"{doc}:3:5: error: size 'N' takes a description string" in err
    assert cli.main(["check", str(tmp_path / "missing.md")]) == 2


def test_context_file_and_front_matter_are_not_both_taken(tmp_path, capsys):
    doc = write(tmp_path, "doc.md", FRONT)
    assert cli.main(["check", doc, "--context", CONTEXT]) == 2
    assert "drop --context or the front matter" in capsys.readouterr().err


def test_the_seed_is_refuted_at_its_annotation(capsys):
    assert cli.main(["check", str(SEED), "--context", CONTEXT]) == 1
    out = capsys.readouterr().out
    assert f"{SEED}:125:67: refuted: annotation 1 - 1/N = 0" in out


@pytest.mark.parametrize("name", ["report.md", "report.txt"])
def test_report_paths(tmp_path, name):
    doc = write(tmp_path, "doc.md", FRONT + STEPS)
    out = tmp_path / name
    status = cli.main(["check", doc, "--report", str(out)])
    if name.endswith(".md"):
        assert status == 1
        assert "✗ line" in out.read_text(encoding="utf-8")
    else:
        assert status == 2
        assert not out.exists()


def test_report_unwritable_or_onto_the_input_is_bad_input(tmp_path):
    doc = write(tmp_path, "doc.md", FRONT)
    assert cli.main(["check", doc, "--report", str(tmp_path / "no" / "r.md")]) == 2
    assert cli.main(["check", doc, "--report", doc]) == 2
    assert cli.main(["check", doc, doc, "--report", str(tmp_path / "r.md")]) == 2


def test_the_default_is_every_document_of_derivations(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert cli.main(["check"]) == 0
    out = capsys.readouterr().out
    assert "derivations/layernorm_backward.md: " in out
    assert "README.md" not in out


def test_a_definition_the_inferred_context_misreads_is_unchecked_not_bad_input(tmp_path, capsys):
    # c_k (no root around it) is read as an element of c, so the definition has a free
    # index k: with a context that is the user's input error (exit 2); with the inferred one
    # it is symbn's reading, so the line gets no verdict and says why
    text = "# Scores\n\nThe scores:\n\n"
    text += "$Score(Q,K,V) = \\text{softmax}(\\frac{QK^{\\top}}{c_k})V$\n"
    text += "\nwith $c_k$ the width.\n"
    assert cli.main(["check", write(tmp_path, "doc.md", text)]) != 2
    out = capsys.readouterr().out
    row = [line for line in out.splitlines() if "doc.md:5:" in line]
    assert row
    assert all(": unchecked: " in line for line in row)
