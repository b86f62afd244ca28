"""symbn.verify.document: a Markdown document checked from Python gives the findings `symbn check`
prints, and shows itself in a notebook as coloured HTML or as Markdown."""

from __future__ import annotations

import math
import re

import pytest
from paths import ROOT
from verify.test_document import FRONT, SEED, STEPS

import symbn
from symbn import cli
from symbn.emit import colours as notebook
from symbn.source.context import read_context

CONTEXT = ROOT / "derivations" / "seed.context.toml"
_SECONDS = re.compile(r"\(\d+\.\d\d s\)$")


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_findings_are_the_ones_the_command_prints(tmp_path, capsys):
    doc = write(tmp_path, "doc.md", FRONT + STEPS)
    checked = symbn.check(doc)
    assert cli.main(["check", doc]) == 1 == checked.status()
    printed = capsys.readouterr().out.splitlines()
    assert [_SECONDS.sub("", x) for x in checked.lines()] == [_SECONDS.sub("", x) for x in printed]
    assert not checked.ok
    assert checked.summary["refuted"] == 1
    assert [f.status for f in checked][-4:] == ["proved", "refuted", "proved", "proved"]


def test_a_context_is_a_file_or_a_context_read_before(capsys):
    by_path = symbn.check(SEED, context=CONTEXT)
    by_value = symbn.check(str(SEED), context=read_context(str(CONTEXT), CONTEXT.read_bytes()))
    assert by_path.findings == by_value.findings
    assert cli.main(["check", str(SEED), "--context", str(CONTEXT)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert [str(f) for f in by_path.findings] == [x for x in printed if not x.startswith(" ")][:-1]
    assert by_path.summary["refuted"] == 1


def test_a_document_without_context_is_read_with_the_inferred_one(tmp_path):
    doc = write(tmp_path, "doc.md", STEPS)
    first = symbn.check(doc).findings[0]
    assert (first.where.line, first.status) == (1, "warning")
    assert "no context given" in first.message


def test_a_missing_file_and_a_bad_context_are_bad_input(tmp_path):
    doc = write(tmp_path, "doc.md", STEPS)
    with pytest.raises(symbn.InputError, match=r"cannot read .*nowhere\.md"):
        symbn.check(tmp_path / "nowhere.md", context=CONTEXT)
    with pytest.raises(symbn.InputError, match=r"cannot read .*nowhere\.toml"):
        symbn.check(doc, context=tmp_path / "nowhere.toml")
    with pytest.raises(TypeError, match="not dict"):
        symbn.check(doc, context={"sizes": {}})


@pytest.mark.parametrize("timeout", [math.inf, 0, -1, math.nan])
def test_the_timeout_is_read_as_the_command_reads_it(tmp_path, timeout):
    doc = write(tmp_path, "doc.md", FRONT + STEPS)
    with pytest.raises(symbn.InputError, match="finite number of seconds greater than 0"):
        symbn.check(doc, timeout=timeout)


def test_a_checked_document_shows_itself_as_html_with_coloured_verdicts(tmp_path):
    doc = write(tmp_path, "a<b>.md", FRONT + STEPS + "\n$$ x $$\n")
    page = symbn.check(doc)._repr_html_()
    assert "a<b>" not in page
    assert "a&lt;b&gt;.md" in page
    colours = {
        status: colour
        for colour, status in re.findall(r'color:(#\w+);font-weight:bold">.&nbsp;(\w+)<', page)
    }
    assert colours == {
        "proved": notebook.GREEN,
        "refuted": notebook.RED,
        "unchecked": notebook.AMBER,
        "defined": notebook.GREY,
    }
    refuted = next(r for r in page.split("<tr>") if "refuted</span>" in r)
    assert r"$\Delta_{i,k}\Delta_{j,l} - \frac{1}{N^2}\Delta_{j,l}$" in refuted
    assert "<code>counterexample: N=" in refuted


def test_a_checked_document_shows_itself_as_markdown(tmp_path):
    doc = write(tmp_path, "doc.md", FRONT + STEPS)
    lines = symbn.check(doc)._repr_markdown_().splitlines()
    assert re.fullmatch(
        r"\*\*.*doc\.md\*\*: 8 findings: 3 proved, 1 refuted, 4 defined; "
        r"4 of 4 equation rows checked \(\d+\.\d\d s\)",
        lines[0],
    )
    refuted = next(i for i, x in enumerate(lines) if x.startswith("- ✗ **refuted** `line "))
    maths = r"$\Delta_{i,k}\Delta_{j,l} - \frac{1}{N^2}\Delta_{j,l}$"
    assert lines[refuted].endswith(f": {maths}\\")
    assert lines[refuted + 1].startswith("  `step ")
    assert any(x.startswith("  `counterexample: N=") for x in lines[refuted:])


def test_a_checked_document_has_a_short_repr(tmp_path):
    doc = write(tmp_path, "doc.md", FRONT + STEPS)
    assert re.fullmatch(
        rf"<Document {re.escape(doc)}: 8 findings: 3 proved, 1 refuted, "
        r"4 defined; 4 of 4 equation rows checked \(\d+\.\d\d s\)>",
        repr(symbn.check(doc)),
    )
