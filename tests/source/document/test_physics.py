"""The physics package's `\\pdv` and `\\dv` written out as fractions before the maths is read
(symbn.source.document.physics): each argument kept at its place in the file."""

from __future__ import annotations

from symbn.source.document.formats import read_document
from symbn.source.document.physics import expand
from symbn.verify.document import check

DOC = r"""Let $x \in \mathbb{R}^{N}$ and $L = \sum_i x_i^3$.

$$\pdv{L}{x_i} = 3 x_i^2$$

$$\pdv[2]{L}{x_i} = 6 x_i$$

$$\pdv*{L}{x_j} = \pdv{x_j} \sum_i x_i^3 = 3 x_j^2$$
"""


def _line(text: str, written: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if written in line)


def test_the_commands_print_as_fractions():
    assert expand(r"\pdv{f}{x}")[0] == r"\frac{\partial f}{\partial x}"
    assert expand(r"\pdv[2]{f}{x}")[0] == r"\frac{\partial^{2} f}{\partial x^{2}}"
    assert expand(r"\pdv{f}{x}{y}")[0] == r"\frac{\partial^{2} f}{\partial x \partial y}"
    assert expand(r"\pdv{}{x} g")[0] == r"\frac{\partial}{\partial x} g"
    assert expand(r"\dv{f}{t}")[0] == r"\frac{\mathrm{d} f}{\mathrm{d} t}"
    for kept in (r"\pdvx", r"\pdv", r"\pdv{f", r"\dv[]{f}{x}"):
        assert expand(kept)[0] == kept


def test_an_argument_keeps_its_place_in_the_file():
    doc = read_document(DOC, "doc.md")
    d = next(d for d in doc.displays if "3 x_i^2" in d.text)
    assert d.origin.locate(d.text.index("L}")) == (3, 8)
    assert d.origin.locate(d.text.index("x_i}")) == (3, 11)


def test_a_document_written_with_them_is_checked_and_a_slip_refused():
    r = check(DOC, "doc.md")
    got = {(f.where.line, f.status) for f in r.findings if f.kind != "lint"}
    for written in ("3 x_i^2$$", "= 3 x_j^2$$"):
        assert (_line(DOC, written), "proved") in got
    assert (_line(DOC, "6 x_i$$"), "unchecked") in got  # a second derivative is not read
    slip = DOC.replace("3 x_i^2$$", "2 x_i^3$$")
    r = check(slip, "doc.md")
    line = _line(slip, "2 x_i^3$$")
    assert {f.status for f in r.findings if f.where.line == line} <= {"refuted", "unchecked"}
    assert "proved" not in {f.status for f in r.findings if f.where.line == line}


def test_a_document_defining_its_own_command_keeps_it():
    text = "$$\\newcommand{\\dv}[1]{\\delta #1}$$\n\n$$y = \\dv{x}$$\n"
    doc = read_document(text, "doc.md")
    assert "\\delta x" in doc.displays[1].text
