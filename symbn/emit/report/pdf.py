"""The report as a PDF: its Markdown turned into LaTeX and compiled by pdflatex.

The Markdown is parsed by markdown-it-py and each block written as LaTeX: headings,
paragraphs with bold, italics, code and links, lists, quotes and code blocks. Prose is
escaped; a formula goes in as maths only when it keeps to the whitelist of commands
(`symbn.emit.latex.texsafe.check_tex`, with the environments a derivation uses), and is
shown as its source otherwise, so nothing in a document can run a TeX command. A display
wider than the page is scaled to its width. Should pdflatex still refuse the document (a
`\\left` without its `\\right`), it is compiled again with every formula as its source.
The mark of each verdict is coloured as in the HTML report (`symbn.emit.colours`).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

from symbn.emit.colours import MARK_COLOURS, NAMES, tex_definitions
from symbn.emit.latex.document import compile_pdf
from symbn.emit.latex.texsafe import UnsafeTexError, check_tex, escape_text
from symbn.emit.templates import render
from symbn.errors import InternalError

ENVIRONMENTS = (
    "aligned",
    "cases",
    "pmatrix",
    "bmatrix",
    "vmatrix",
    "matrix",
    "gathered",
    "split",
    "array",
)
_ENV = re.compile(r"\\(?:begin|end)\{(?:" + "|".join(ENVIRONMENTS) + r")\}")
#: Characters of the report that prose escaping does not spell.
SYMBOLS = {
    "✓": r"\checkmark{}",
    "✗": r"\ensuremath{\times}",
    "≔": ":=",
    "⚠": r"\textbf{!}",
    "‼": r"\textbf{!!}",
    "∂": r"\ensuremath{\partial}",
    "×": r"\ensuremath{\times}",
    "𝓛": r"\ensuremath{\mathcal{L}}",
    "−": "-",
    "·": r"\ensuremath{\cdot}",
    "…": r"\ldots{}",
}
HEADINGS = {"h1": "section*", "h2": "subsection*", "h3": "subsubsection*"}


def text(s: str) -> str:
    """Prose escaped for LaTeX; a character LaTeX cannot spell becomes `?`."""
    out = []
    for c in s:
        if c in SYMBOLS:
            out.append(SYMBOLS[c])
            continue
        try:
            out.append(escape_text(c))
        except UnsafeTexError:
            out.append("?")
    return "".join(out)


def maths(src: str, display: bool, *, verbatim: bool = False) -> str:
    """A formula as maths when the whitelist allows it, else as its source in code."""
    try:
        if verbatim:
            raise UnsafeTexError("verbatim", 0)
        bare = _ENV.sub(" ", src)
        if bare != src:  # the alignment of an environment: its & and \\ are its own
            bare = bare.replace("\\\\", " ").replace("&", " ")
        check_tex(bare)
    except UnsafeTexError:
        code = rf"\texttt{{{text(src)}}}"
        return rf"\begin{{quote}}{code}\end{{quote}}" if display else code
    if display:
        return rf"\begin{{center}}\fitdisplay{{{src.strip()}}}\end{{center}}"
    return rf"\({src}\)"


def mark(s: str) -> str:
    """The text of a verdict's list item (`✓ line 3:1 `), its mark coloured."""
    return rf"\textcolor{{{NAMES[MARK_COLOURS[s[0]]]}}}{{{text(s[0])}}}{text(s[1:])}"


class _Writer:
    def __init__(self, verbatim: bool):
        self.verbatim = verbatim
        self.item = False  # at the start of a list item

    def inline(self, children: list[Token]) -> str:
        out = []
        first, self.item = self.item, False
        for n, t in enumerate(children):
            kind = t.type
            if (
                kind == "text"
                and first
                and n == 0
                and t.content[:1] in MARK_COLOURS
                and (t.content[1:].startswith(" line "))
            ):
                out.append(mark(t.content))
            elif kind == "text":
                out.append(text(t.content))
            elif kind in ("softbreak",):
                out.append("\n")
            elif kind == "hardbreak":
                out.append("\\newline\n")
            elif kind in ("strong_open", "em_open"):
                out.append(r"\textbf{" if kind == "strong_open" else r"\emph{")
            elif kind in ("strong_close", "em_close"):
                out.append("}")
            elif kind == "code_inline":
                out.append(rf"\texttt{{{text(t.content)}}}")
            elif kind == "math_inline":
                out.append(maths(t.content, False, verbatim=self.verbatim))
            elif kind == "math_inline_double":
                out.append(maths(t.content, True, verbatim=self.verbatim))
            elif kind in ("link_open", "link_close", "image"):
                out.append(text(t.content) if kind == "image" else "")
            else:
                out.append(text(t.content))
        return "".join(out)

    def blocks(self, tokens: list[Token]) -> str:
        out = []
        for t in tokens:
            kind = t.type
            if kind == "heading_open":
                out.append(f"\\{HEADINGS.get(t.tag, 'paragraph*')}{{")
            elif kind == "heading_close":
                out.append("}\n")
            elif kind == "inline":
                out.append(self.inline(t.children or []))
            elif kind == "paragraph_close":
                out.append("\n\n")
            elif kind in ("bullet_list_open", "ordered_list_open"):
                env = "itemize" if kind == "bullet_list_open" else "enumerate"
                out.append(f"\\begin{{{env}}}\n")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                env = "itemize" if kind == "bullet_list_close" else "enumerate"
                out.append(f"\\end{{{env}}}\n")
            elif kind == "list_item_open":
                out.append(r"\item ")
                self.item = True
            elif kind == "blockquote_open":
                out.append("\\begin{quote}\n")
            elif kind == "blockquote_close":
                out.append("\\end{quote}\n")
            elif kind == "math_block":
                out.append(maths(t.content, True, verbatim=self.verbatim) + "\n\n")
            elif kind in ("fence", "code_block"):
                body = "\\newline\n".join(
                    text(x) or "~" for x in t.content.rstrip("\n").split("\n")
                )
                out.append(f"\\begin{{quote}}\\ttfamily\\small {body}\\end{{quote}}\n")
            elif kind == "hr":
                out.append("\\par\\noindent\\rule{\\linewidth}{0.4pt}\n")
        return "".join(out)


def tex(markdown: str, title: str, *, verbatim: bool = False) -> str:
    """The LaTeX document of the report's Markdown (every formula as its source when
    `verbatim`)."""
    md = MarkdownIt("commonmark", {"html": False})
    md.use(dollarmath_plugin, allow_blank_lines=False)
    body = _Writer(verbatim).blocks(md.parse(markdown))
    return render("report.tex.j2", title=text(title), body=body, colours=tex_definitions())


def document(markdown: str, title: str) -> bytes:
    """The PDF of the report."""
    try:
        return compile_pdf(tex(markdown, title))
    except InternalError:
        return compile_pdf(tex(markdown, title, verbatim=True))
