"""The derivation file's own text in a document: titles and descriptions (Markdown prose with
$...$ and $$...$$ maths) and LaTeX names, for `tex` or `md` output.

Prose is escaped for the format; its maths and the LaTeX names are checked against the
whitelist of `symbn.texprint.check_tex` first, so that nothing in a derivation file can run a
TeX command. A refusal is a InputError at the offending character's line and column in the file.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from symbn.emit.latex.texprint import UnsafeTexError, check_tex, escape_text
from symbn.errors import InputError, Location
from symbn.model import Model
from symbn.readers.tomlmap import read_toml

#: Where a piece of prose stands: (table, entry number, key), e.g. ("claim", 0, "title").
Key = tuple[str, int, str]


def text(s: str, fmt: str) -> str:
    """Plain text, escaped for the format."""
    return escape_text(s) if fmt == "tex" else html.escape(s, quote=False)


def math(tex: str, fmt: str) -> str:
    """Inline maths from LaTeX that is already safe."""
    return rf"\({tex}\)" if fmt == "tex" else f"${tex}$"


def paragraph(model: Model, s: str, key: Key, fmt: str, start: int = 0) -> str:
    """One paragraph of the file's Markdown prose with $...$ maths, for this format; `s` begins
    at character `start` of the string at `key` (which a refusal points into)."""
    fail = _fail(model, key, start)
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


def paragraphs(model: Model, s: str, key: Key, fmt: str) -> list[str]:
    """The paragraphs (split at blank lines) of the file's prose; a paragraph without $$
    display maths is joined into one line."""
    out, start = [], 0
    for block in re.split(r"(\n[ \t]*\n)", s):  # the blank lines too, to keep count of `start`
        if block.strip():  # joining lines keeps the length, so offsets in it stay offsets in s
            joined = block if "$$" in block else block.replace("\n", " ")
            out.append(paragraph(model, joined, key, fmt, start))
        start += len(block)
    return out


def checked_names(model: Model) -> dict[str, str]:
    """The model's LaTeX names, each checked against the whitelist."""
    names = {}
    inputs = {inp.name for inp in model.spec.inputs}
    defines = [d.name for d in model.spec.defines]
    for name, tex in sorted(model.latex_names.items()):
        key = (("inputs", 0, name) if name in inputs
               else ("define", defines.index(name), "latex"))
        try:
            names[name] = check_tex(tex, name=True)
        except UnsafeTexError as exc:
            raise InputError(f"latex name of {name!r}: {exc.message}",
                             _locate(model, *key, exc.offset)) from None
    return names


def _fail(model: Model, key: Key, start: int = 0):
    table, entry, name = key

    def fail(message: str, offset: int) -> InputError:
        return InputError(f"{_what(model, table, entry, name)}: {message}",
                          _locate(model, table, entry, name, start + offset))
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


def _what(model: Model, table: str, entry: int, key: str) -> str:
    if table == "derivation":
        return f"the {key} of the derivation"
    if table == "sizes":
        return f"the description of size {key!r}"
    return f"the title of claim {model.spec.claims[entry].name!r}"


def _locate(model: Model, table: str, entry: int, key: str, offset: int) -> Location:
    """Where character `offset` of the string `key` of a table stands in the file."""
    spec = model.spec
    try:
        _, smap = read_toml(spec.path, Path(spec.path).read_bytes())
    except (OSError, InputError):
        return spec.title.where if table == "derivation" else Location(spec.path, 1, 1)
    if table == "inputs":
        return smap.inner_key("inputs", 0, key, "latex")
    return smap.char(table, entry, key, offset)
