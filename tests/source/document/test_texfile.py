"""The LaTeX source reader: the maths of the body, comments skipped, every character
placed in the file."""

from __future__ import annotations

from symbn.source.document.texfile import read_tex
from symbn.verify.document import check

PAPER = r"""\documentclass{article}
\newcommand{\R}{\mathbb{R}} % $x = y$ in the preamble
\begin{document}
\section{Mean}
\begin{equation}
\mu_l = \frac{1}{N}\sum_p h_{pl} \label{eq:mu}
\end{equation}
% $$ \mu_l = 5 $$ commented out
costing 5\% and \$3, \( a = b \) so
\[ c = d \]
$$e = f$$ and $g$.
\begin{itemize}\item x\end{itemize}
\end{document}
"""


EQUATION = "\\begin{equation}\n\\mu_l = \\frac{1}{N}\\sum_p h_{pl} \\label{eq:mu}\n\\end{equation}"


def test_the_maths_of_the_body_in_order():
    doc = read_tex(PAPER, "paper.tex")
    assert [(d.text.strip(), d.inline) for d in doc.displays] == [
        (EQUATION, False),
        ("a = b", True),
        ("c = d", False),
        ("e = f", False),
        ("g", True),
    ]


def test_every_character_is_placed_in_the_file():
    doc = read_tex(PAPER, "paper.tex")
    for d in doc.displays:
        for offset, ch in enumerate(d.text):
            if ch != "\n":
                line, col = d.origin.locate(offset)
                assert doc.lines[line - 1][col - 1] == ch


def test_a_file_without_a_document_environment_is_all_body():
    doc = read_tex("Text $a = b$ % $c$\n", "x.tex")
    assert [d.text for d in doc.displays] == ["a = b"]


OWN = r"""\documentclass{article}
\NewEnviron{bigeq}{%
  \begin{equation}\scalebox{1.4}{$\BODY$}\end{equation}
}
\newenvironment{rows}{\begin{align}}{\end{align}}
\newenvironment{note}{\begin{quote}}{\end{quote}}
\begin{document}
\begin{bigeq}
  \begin{array}{lcl}
    y & = & 2 x \\ \\
    z & = & y + 1
  \end{array}
\end{bigeq}
\begin{rows} a &= b \end{rows}
\begin{note} c = d \end{note}
\end{document}
"""


def test_an_environment_the_preamble_defines_around_maths_is_maths():
    doc = read_tex(OWN, "paper.tex")
    texts = [d.text.strip() for d in doc.displays]
    assert texts[0].startswith(r"\begin{array}{lcl}")
    assert texts[1:] == ["a &= b"]  # not the quote's c = d


def test_an_array_of_equations_is_read_row_by_row():
    text = OWN.replace(r"\begin{rows} a &= b \end{rows}", "")
    statuses = {f.where.line: f.status for f in check(text, "paper.tex").findings}
    assert statuses[10] == "defined"
    assert statuses[11] == "defined"
    wrong = check(text.replace("z & = & y + 1", "z & = & y + 1 \\\\ z & = & 2 x"), "p.tex")
    assert "refuted" in {f.status for f in wrong.findings if f.where.line == 11}
