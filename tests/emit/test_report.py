"""symbn.emit.report: the document with its verdicts, as Markdown, HTML (KaTeX) and PDF."""

from __future__ import annotations

import re

import external
from paths import ROOT
from verify.test_document import FRONT, SEED, STEPS

from symbn.emit import colours
from symbn.emit.report import markdown, pdf, report
from symbn.emit.report.pdf import maths
from symbn.verify.document import check, load_context


def checked():
    return check(FRONT + STEPS, "doc.md")


def test_the_markdown_report_is_the_document_with_a_list_after_each_display():
    r = checked()
    text = markdown.annotated(r)
    original = (FRONT + STEPS).splitlines()
    kept = [x for x in text.splitlines() if not x.startswith(("- ", "  `", "> "))]
    assert [x for x in kept if x] == [x for x in original if x]
    after = text[text.index("&= \\frac{1}{N}\\Delta_{j,l}(N\\Delta_{i,k} - 1)") :]
    items = re.findall(r"^- (\S) line (\d+):(\d+) \*\*(\w+)\*\*", after, re.M)
    assert [(m, s) for m, _, _, s in items] == [
        ("✓", "proved"),
        ("✗", "refuted"),
        ("✓", "proved"),
        ("✓", "proved"),
    ]
    assert "`counterexample: N=" in after


def test_the_seed_report_marks_its_slip():
    r = check(
        SEED.read_text(encoding="utf-8"),
        str(SEED),
        load_context(str(ROOT / "derivations" / "seed.context.toml")),
    )
    text = markdown.annotated(r)
    assert "- ✗ line 125:67 **refuted**: `annotation 1 - 1/N = 0" in text
    assert text.count("- ✗ ") == 1


def test_the_html_report_typesets_the_maths_and_needs_no_network():
    external.node_modules()
    page = report(checked(), ".html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert 'class="katex-display"' in page
    assert "katex-mathml" in page
    assert "data:font/woff2;base64," in page
    assert not re.search(r"(src|href)=\"https?:", page)
    assert "url(fonts/" not in page
    assert "✗</span> line" in page


def test_html_in_the_document_is_escaped():
    external.node_modules()
    r = check(FRONT + "\n<script>alert(1)</script>\n", "doc.md")
    page = report(r, ".html").decode("utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_maths_outside_the_whitelist_goes_into_the_pdf_as_its_source():
    assert maths(r"\frac{1}{N}", False) == r"\(\frac{1}{N}\)"
    assert maths(r"\begin{aligned} a &= b \\ c &= d \end{aligned}", True).startswith(
        r"\begin{center}\fitdisplay{"
    )
    assert maths(r"\input{/etc/passwd}", False).startswith(r"\texttt{")
    assert maths(r"\begin{verbatim}x\end{verbatim}", True).startswith(r"\begin{quote}")


def test_the_pdf_report_compiles():
    external.program("pdflatex")
    pdf = report(checked(), ".pdf")
    assert pdf.startswith(b"%PDF")


def test_the_page_and_the_pdf_leave_out_the_front_matter():
    r = checked()
    assert "[sizes]" in markdown.annotated(r)  # the Markdown report is the document
    shown = markdown.annotated(r, front_matter=False)
    assert "[sizes]" not in shown
    assert "+++" not in shown
    assert shown.startswith("> Checked by symbn: 3 proved, 1 refuted, 4 defined.")
    assert "[sizes]" not in pdf.tex(shown, "doc.md")


def test_without_node_the_page_has_its_maths_as_mathml_and_coloured_marks(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no node, no npm
    monkeypatch.delenv("NODE_PATH", raising=False)
    page = report(checked(), ".html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert 'class="katex' not in page
    assert page.count('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">') == 2
    assert 'symbn-unread">' not in page
    marks = re.findall(
        r'<li><span class="symbn-mark" style="color:(#\w+)">(.)</span> line '
        r"\d+:\d+ <strong>(\w+)</strong>",
        page,
    )
    assert {(m, s) for _, m, s in marks} == {("≔", "defined"), ("✓", "proved"), ("✗", "refuted")}
    assert all(c == colours.MARK_COLOURS[m] for c, m, _ in marks)
    assert colours.MARK_COLOURS["✗"] == colours.RED != colours.MARK_COLOURS["✓"]
    assert "[sizes]" not in page


def test_the_pdf_colours_its_marks_as_the_page_does():
    tex = pdf.tex(markdown.annotated(checked(), front_matter=False), "doc.md")
    assert r"\usepackage{color}" in tex
    assert r"\definecolor{symbnred}{rgb}{0.812,0.133,0.180}" in tex
    assert r"\item \textcolor{symbngreen}{\checkmark{}} line " in tex
    assert r"\item \textcolor{symbnred}{\ensuremath{\times}} line " in tex
    assert r"\item \textcolor{symbngrey}{:=} line " in tex
    assert "textcolor" not in pdf.tex("- ✓ a list item of the author's\n", "doc.md")


def test_a_display_numbered_by_hand_has_its_list_right_after_it():
    text = FRONT + "Differentiating the centred input,\n$$ u_{kl} = h_{kl} - \\mu_l $$ \\(1\\)\n"
    text += "we get\n$$\n\\frac{\\partial u_{kl}}{\\partial h_{ij}} = \\Delta_{i,k}\\Delta_{j,l}\n"
    text += "$$ $(2)$\n"
    text += "which is wrong.\n"
    lines = markdown.annotated(check(text, "doc.md")).splitlines()
    claim = next(n for n, x in enumerate(lines) if x.startswith("$$ $(2)$"))
    assert lines[claim + 1] == ""
    assert lines[claim + 2].startswith("- ")
    assert lines.index("which is wrong.") > claim + 2
