"""Macros a document defines (`\\newcommand`, `\\def`, `\\gdef`, `\\DeclareMathOperator`) expanded
before its maths is read (symbn.source.document.macros): as text only, each character of an
expansion placed at the command's use, a runaway definition left as written."""

from __future__ import annotations

from symbn.source.document.formats import read_document
from symbn.source.document.macros import MAX_DEPTH, definitions, expand
from symbn.verify.document import check

DOC = r"""# Statistics with macros

$$
\newcommand{\avg}[1]{\frac{1}{N}\sum_{i=1}^{N} #1}
\def\sq#1{\left(#1\right)^2}
\DeclareMathOperator{\Var}{Var}
$$

$$\mu = \avg{x_i}$$

$$v = \avg{\sq{x_i - \mu}}$$

$$\frac{\partial \mu}{\partial x_j} = \frac{1}{N}$$

$$\frac{\partial v}{\partial x_j} = \frac{2}{N}(x_j - \mu)$$
"""


def _line(text: str, written: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if written in line)


def test_definitions_are_read_and_blanked():
    macros: dict = {}
    left = definitions(r"\newcommand{\bR}{\mathbb{R}} x \renewcommand\tr{\mathrm{tr}}", macros)
    assert left.strip() == "x"
    assert macros["bR"].body == r"\mathbb{R}"
    assert macros["tr"].body == r"\mathrm{tr}"
    assert expand(r"A \in \bR^{n}", macros)[0] == r"A \in \mathbb{R}^{n}"


def test_a_global_definition_is_a_definition():
    macros: dict = {}
    definitions(r"\gdef\pd#1#2{\frac{\partial #1}{\partial #2}}", macros)
    assert expand(r"\pd{C}{w}", macros)[0] == r"\frac{\partial C}{\partial w}"


def test_arguments_and_operators_are_put_in():
    macros: dict = {}
    definitions(
        r"\newcommand{\ip}[2]{\langle #1, #2 \rangle} \DeclareMathOperator{\Tr}{Tr}", macros
    )
    assert expand(r"\ip{a}{b} + \Tr A", macros)[0] == r"\langle a, b \rangle + \operatorname{Tr} A"


def test_a_document_with_macros_is_checked():
    r = check(DOC, "doc.md")
    got = {(f.where.line, f.status) for f in r.findings if f.kind != "lint"}
    assert (_line(DOC, r"\mu = \avg"), "defined") in got
    assert (_line(DOC, r"v = \avg"), "defined") in got
    assert (_line(DOC, r"\frac{2}{N}(x_j"), "proved") in got
    assert not [f for f in r.findings if f.status in ("refuted", "error")]


def test_a_slip_in_a_document_with_macros_is_not_proved():
    text = DOC.replace(r"\frac{2}{N}(x_j", r"\frac{1}{N}(x_j")
    r = check(text, "doc.md")
    line = _line(text, r"\frac{1}{N}(x_j")
    assert [f.status for f in r.findings if f.where.line == line] == ["refuted"]


def test_a_finding_in_an_expansion_points_at_the_use():
    text = "$$\\newcommand{\\bad}{\\undefinedthing}$$\n\n$$y = 2 \\bad$$\n"
    doc = read_document(text, "doc.md")
    expanded = doc.displays[1]
    at = expanded.text.index("\\undefinedthing")
    assert expanded.origin.locate(at) == (3, 9)
    assert expanded.origin.locate(0) == (3, 3)


def test_a_runaway_definition_is_left_as_written():
    macros: dict = {}
    definitions(r"\def\a{x \a}", macros)
    assert expand(r"y = \a", macros)[0] == r"y = \a"
    definitions(r"\def\b{\b\b}", macros)
    assert expand(r"\b", macros)[0] == r"\b"
    assert MAX_DEPTH < 100


#: A LaTeX source whose preamble defines a macro, and whose comment only seems to.
TEX = r"""\documentclass{article}
\newcommand{\half}{\frac{1}{2}}
% \newcommand{\gone}{x}
\begin{document}
\[ y = \half \gone \]
\end{document}
"""


def test_a_latex_source_defines_its_macros_in_its_preamble_not_in_its_comments():
    (display,) = read_document(TEX, "doc.tex").displays
    assert display.text.strip() == r"y = \frac{1}{2} \gone"


def test_a_command_name_does_not_run_on_into_an_argument():
    macros: dict = {}
    definitions(
        r"\newcommand{\pd}[2]{\frac{\partial#1}{\partial#2}} \newcommand{\V}[1]{#1^{(1)}}", macros
    )
    assert expand(r"\pd{C}{x}", macros)[0] == r"\frac{\partial C}{\partial x}"
    assert expand(r"\pd{\V{a}}{\V{w}}", macros)[0] == r"\frac{\partial a^{(1)}}{\partial w^{(1)}}"
    assert expand(r"\pd{2}{\alpha}", macros)[0] == r"\frac{\partial2}{\partial\alpha}"
