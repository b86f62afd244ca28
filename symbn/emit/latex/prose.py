"""The derivation file's own text in a document: titles and descriptions (Markdown prose with
$...$ and $$...$$ maths) and LaTeX names, for `tex` or `md` output.

Prose is escaped for the format; its maths and the LaTeX names are checked against the
whitelist of `texsafe.check_tex` first, so that nothing in a derivation file can run a
TeX command. A refusal is an InputError at the offending character's line and column in the
file: every piece of prose arrives as a `Text` that knows where each of its characters stands.
"""

from __future__ import annotations

import html
import re

from symbn.emit.latex.texsafe import UnsafeTexError, check_tex, escape_text
from symbn.errors import InputError
from symbn.language.model import Model
from symbn.source.spec import Text


def text(s: str, fmt: str) -> str:
    """Plain text, escaped for the format."""
    return escape_text(s) if fmt == "tex" else html.escape(s, quote=False)


def math(tex: str, fmt: str) -> str:
    """Inline maths from LaTeX that is already safe."""
    return rf"\({tex}\)" if fmt == "tex" else f"${tex}$"


def paragraph(prose: Text, what: str, fmt: str, start: int = 0, end: int | None = None) -> str:
    """One paragraph of the file's Markdown prose with $...$ maths, for this format: the
    characters `start` to `end` of `prose` (`what` names it in a refusal, which points at the
    offending character)."""
    s = prose.value[start:end]
    fail = _fail(prose, what, start)
    out = []
    for kind, piece, offset in _split_math(s, fail):
        if kind == "text":
            try:
                out.append(_markup(piece, fmt))
            except UnsafeTexError as exc:
                raise fail(exc.message, offset + exc.offset) from None
            continue
        try:
            check_tex(piece)
        except UnsafeTexError as exc:
            raise fail(exc.message, offset + exc.offset) from None
        if kind == "inline":
            out.append(math(piece, fmt))
        elif fmt == "tex":
            out.append(rf"\[{piece}\]")
        else:
            out.append(f"\n$$\n{piece}\n$$\n")
    return "".join(out).strip()


def paragraphs(prose: Text, what: str, fmt: str) -> list[str]:
    """The paragraphs (split at blank lines) of the file's prose; a paragraph without $$
    display maths is joined into one line."""
    out, start = [], 0
    for block in re.split(r"(\n[ \t]*\n)", prose.value):  # the blank lines too: offsets
        if block.strip():
            one = Text(
                block if "$$" in block else block.replace("\n", " "),
                prose.where,
                lambda n, at=start: prose.locate(at + n),
            )
            out.append(paragraph(one, what, fmt))
        start += len(block)
    return out


def checked_names(model: Model) -> dict[str, str]:
    """The model's LaTeX names, each checked against the whitelist."""
    names = {}
    for decl in [*model.spec.inputs, *model.spec.defines]:
        if decl.latex is None or not decl.latex.value:
            continue
        try:
            names[decl.name] = check_tex(decl.latex.value, name=True)
        except UnsafeTexError as exc:
            raise InputError(
                f"latex name of {decl.name!r}: {exc.message}", decl.latex.locate(exc.offset)
            ) from None
    return names


def _fail(prose: Text, what: str, start: int = 0):
    def fail(message: str, offset: int) -> InputError:
        return InputError(f"{what}: {message}", prose.locate(start + offset))

    return fail


def _split_math(s: str, fail) -> list[tuple[str, str, int]]:
    """[(text | inline | display, piece, offset in s)]; \\$ is a literal dollar."""
    out = []
    n, start = 0, 0
    while n < len(s):
        if s[n] == "\\" and s[n + 1 : n + 2] == "$":
            n += 2
            continue
        if s[n] != "$":
            n += 1
            continue
        delim = "$$" if s.startswith("$$", n) else "$"
        end = s.find(delim, n + len(delim))
        if end < 0:
            raise fail(f"the math opened by {delim} is not closed", n)
        out.append(("text", s[start:n], start))
        kind = "display" if delim == "$$" else "inline"
        out.append((kind, s[n + len(delim) : end], n + len(delim)))
        n = start = end + len(delim)
    out.append(("text", s[start:], start))
    return [x for x in out if x[1] or x[0] != "text"]


_MARKUP = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|`([^`]+)`")


def _markup(s: str, fmt: str) -> str:
    """**bold**, *emphasis* and `code` of Markdown prose, the rest escaped."""
    s = s.replace("\\$", "$")
    if fmt == "md":
        return html.escape(s, quote=False).replace("$", "\\$")
    out, last = [], 0
    for m in _MARKUP.finditer(s):
        out.append(escape_text(s[last : m.start()]))
        bold, emph, code = m.groups()
        if bold is not None:
            out.append(rf"\textbf{{{escape_text(bold)}}}")
        elif emph is not None:
            out.append(rf"\emph{{{escape_text(emph)}}}")
        else:
            out.append(rf"\texttt{{{escape_text(code)}}}")
        last = m.end()
    out.append(escape_text(s[last:]))
    return "".join(out)
