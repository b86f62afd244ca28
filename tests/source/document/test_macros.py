"""Macros a document defines (`\\newcommand`, `\\def`, `\\gdef`, `\\DeclareMathOperator`) expanded
before its maths is read (symbn.source.document.macros): as text only, each character of an
expansion placed at the command's use, a runaway definition left as written."""

from __future__ import annotations

import nbformat

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


#: A dot product in macros: a bold vector with no argument, one defined without braces, a
#: set renamed, a square with a plain-TeX argument, and a derivative whose first argument
#: is optional.
OPTIONAL = r"""# A dot product in macros

$$
\newcommand{\vx}{\mathbf{x}}
\newcommand\vw{\mathbf{w}}
\renewcommand{\R}{\mathbb{R}}
\def\sq#1{{#1}^2}
\newcommand{\pd}[3][\partial]{\frac{#1 #2}{#1 #3}}
$$

Let $\vx \in \R^n$ and $\vw \in \R^n$.

$$y = \sum_j \vw_j \vx_j$$

$$z = \sq{y}$$

$$\pd{y}{\vx_j} = \vw_j$$

$$\pd[\partial]{z}{\vx_j} = 2 y \vw_j$$
"""


def test_an_optional_first_argument_takes_its_default_or_what_the_use_gives():
    macros: dict = {}
    definitions(r"\newcommand{\pd}[3][]{\frac{\partial^{#1} #2}{\partial #3^{#1}}}", macros)
    assert expand(r"\pd{f}{x}", macros)[0] == r"\frac{\partial^{} f}{\partial x^{}}"
    assert expand(r"\pd[2]{f}{x}", macros)[0] == r"\frac{\partial^{2} f}{\partial x^{2}}"
    definitions(r"\newcommand{\E}[2][p]{\mathbb{E}_{#1}[#2]}", macros)
    assert expand(r"\E{x} + \E[q]{y}", macros)[0] == r"\mathbb{E}_{p}[x] + \mathbb{E}_{q}[y]"


def test_a_document_in_those_macros_is_checked_and_its_slips_are_refuted():
    r = check(OPTIONAL, "doc.md")
    got = {(f.where.line, f.status) for f in r.findings}
    assert (_line(OPTIONAL, r"\pd{y}"), "proved") in got
    assert (_line(OPTIONAL, r"\pd[\partial]{z}"), "proved") in got
    assert not [f for f in r.findings if f.status in ("refuted", "error")]
    for old, new in [
        ("= 2 y \\vw_j", "= y \\vw_j"),
        ("{#1}^2}", "{#1}^3}"),
        ("= \\vw_j", "= \\vx_j"),
    ]:
        text = OPTIONAL.replace(old, new)
        line = _line(text, r"\pd[\partial]{z}" if "#1" in old or "2 y" in old else r"\pd{y}")
        assert [f.status for f in check(text, "doc.md").findings if f.where.line == line] == [
            "refuted"
        ]


def test_a_definition_that_uses_itself_is_named_at_its_use_and_does_not_hang():
    text = "$$\\newcommand{\\loop}{x + \\loop}$$\n\n$$y = 2 \\loop$$\n\n$$z = \\loop[2]$$\n"
    doc = read_document(text, "doc.md")
    warned = [(n.where.line, n.where.col) for n in doc.notes if n.code == "macro"]
    assert warned == [(3, 9), (5, 7)]
    r = check(text, "doc.md")
    assert {f.status for f in r.findings if f.where.line == 3} == {"unchecked", "warning"}
    assert any("a definition that uses itself" in f.message for f in r.findings)


def test_a_notebook_cell_defines_macros_for_the_cells_after_it():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("$$\\newcommand{\\half}{\\frac{1}{2}}$$"),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("Let $x \\in \\R$ and\n\n$$y = \\half x^2$$"),
        nbformat.v4.new_markdown_cell("$$\\frac{\\partial y}{\\partial x} = x$$"),
    ]
    text = nbformat.writes(nb)
    doc = read_document(text, "nb.ipynb")
    assert [d.text.strip() for d in doc.displays][2] == r"y = \frac{1}{2} x^2"
    statuses = [f.status for f in check(text, "nb.ipynb").findings]
    assert "proved" in statuses
    assert "refuted" not in statuses
    slipped = text.replace("} = x$$", "} = 2 x$$")
    assert "refuted" in [f.status for f in check(slipped, "nb.ipynb").findings]


def test_a_document_may_define_a_name_katex_knows_otherwise():
    text = "$$\\newcommand{\\N}{M}$$\n\nLet $x \\in \\R^{\\N}$ and $y = \\sum_i x_i$.\n"
    (_, display, *_) = read_document(text, "doc.md").displays
    assert display.text == r"x \in \R^{M}"


def test_a_command_no_line_defines_is_named_as_such():
    text = "Let $x \\in \\R$.\n\n$$\\lossValue = 2 x$$\n\n$$y = \\phi x$$\n"
    messages = {f.where.line: f.message for f in check(text, "doc.md").findings}
    assert "a command that no line of the document defines" in messages[3]
    assert "\\lossValue" in messages[3]
    assert "no line of the document defines" not in messages[5]  # a Greek letter
    defined = "$$\\newcommand{\\lossValue}{L}$$\n\n" + text
    statuses = {f.where.line: f.status for f in check(defined, "doc.md").findings}
    assert statuses[5] == "defined"
