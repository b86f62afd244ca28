"""Maths written with Markdown's escapes for a processor that unescapes it before MathJax
(symbn.source.document.kramdown): read unescaped only where a document escapes
consistently, each character kept at its offset."""

from __future__ import annotations

from symbn.source.document.kramdown import escaped, unescape
from symbn.source.document.markdown import read_markdown
from symbn.verify.document import check

ESCAPED = r"""Let $x \in \mathbb{R}^{N}$, $y_i = x\_i^2$ and $L = \sum_i y\_i$.

\begin{align\*}
\frac{\partial L}{\partial x_i} &= \sum_j \frac{\partial L}{\partial y_j}
\frac{\partial y\_j}{\partial x\_i} \\\\
&= 2 x\_i
\end{align\*}

$$\frac{\partial y\_i}{\partial x\_j} = 2 x\_i \delta\_{ij}$$
"""


def _line(text: str, written: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if written in line)


def test_unescaping_keeps_offsets_and_row_breaks():
    cases = {
        r"x\_i": "x_ i",
        r"a \\\\ b": r"a   \\ b",
        r"\\{ a \\}": r" \{ a  \}",
        r"\begin{align\*}": r"\begin{align* }",
        r"\|x\|": "| x| ",
        r"\alpha \, b": r"\alpha \, b",
    }
    for written, read in cases.items():
        assert unescape(written) == read
        assert len(unescape(written)) == len(written)


def test_a_document_is_escaped_only_when_it_escapes_consistently():
    assert escaped([r"a &= b \\\\ &= c"])
    assert escaped([r"x^{(l)}\_j"])
    assert escaped([r"\begin{align\*} a &= b \end{align\*}"])
    # a literal underscore in a name, and no escape that only Markdown would need
    assert not escaped([r"np\_sup\_zero = 1"])
    # a plain row break: this document's maths is LaTeX as written
    assert not escaped([r"a &= b \\\\ c", r"d &= e \\ &= f"])
    assert not escaped([r"a = b", r"\{ x \}"])


def test_an_escaped_document_is_read_as_its_page_shows_it():
    doc = read_markdown(ESCAPED, "doc.md")
    texts = [d.text for d in doc.displays]
    assert texts[1] == "y_i = x_ i^2"
    assert texts[3].startswith(r"\begin{align* }")
    assert r"  \\" in texts[3]
    d = doc.displays[3]
    at = d.text.index("2 x_ i")
    assert d.origin.locate(at) == (_line(ESCAPED, "&= 2 x"), 4)


def test_an_escaped_document_is_checked_and_its_slips_refused():
    r = check(ESCAPED, "doc.md")
    got = {(f.where.line, f.status) for f in r.findings if f.kind != "lint"}
    assert (_line(ESCAPED, "&= 2 x"), "proved") in got
    slip = ESCAPED.replace("&= 2 x\\_i", "&= 3 x\\_i")
    r = check(slip, "doc.md")
    statuses = {f.status for f in r.findings if f.where.line == _line(slip, "&= 3 x")}
    assert statuses
    assert "proved" not in statuses


def test_a_document_written_plainly_keeps_its_backslashes():
    text = "$$\\begin{aligned} a &= b \\\\ &= c \\end{aligned}$$\n\n$$n\\_x = 2$$\n"
    doc = read_markdown(text, "doc.md")
    assert [d.text for d in doc.displays][1] == "n\\_x = 2"
