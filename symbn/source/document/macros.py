"""Macros a document defines for its maths (`\\newcommand{\\tr}{\\mathrm{tr}}`), expanded
before the maths is read.

MathJax and LaTeX let a document name its own commands: `\\newcommand{\\bR}{\\mathbb{R}}`,
`\\renewcommand`, `\\newcommand{\\norm}[1]{\\|#1\\|}` with arguments, `\\def\\Attn{\\mathrm{Att}}`
(or `\\gdef`) and `\\DeclareMathOperator{\\tr}{tr}`. Each definition is read from the maths
it stands in (and, in a LaTeX source, from anywhere in the file) and is blanked there;
from then on every use of the command is replaced by its body, its arguments (the groups
after it) put in for #1 … #9. This is text substitution and nothing else: no definition is
run, a body is never read as anything but text for the reader's own whitelist, and an
expansion deeper than `MAX_DEPTH` or longer than `MAX_GROWTH` times the maths it stands in
is left as written, with a warning at the use (its line then reads the command as unknown).
A definition may give its first argument a default (`\\newcommand{\\pd}[3][]{…}`), which a
use replaces in brackets (`\\pd[2]{f}{x}`). Every character of an expansion is placed where
the command was written, so a finding in it points at the use.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from symbn.source.document.markdown import Display, Document
from symbn.source.document.texfile import blank_comments
from symbn.source.positions import Note, Origin, Span, note

#: How deep a body may use other macros, and how much longer expanded maths may be.
MAX_DEPTH = 8
MAX_GROWTH = 20

#: The commands that define a macro.
DEFINERS = frozenset({"newcommand", "renewcommand", "DeclareMathOperator", "def", "gdef"})
#: The definers of plain TeX: `\\def\\name#1{…}`, and `\\gdef` (global, the same here).
PLAIN = frozenset({"def", "gdef"})


@dataclass(frozen=True)
class Macro:
    """A command the document defines: how many arguments it takes and its body."""

    arity: int
    body: str
    operator: bool = False  # \DeclareMathOperator: the body is the operator's name
    default: str | None = None  # \newcommand{\f}[2][x]: #1 is optional, x when not given


def expand_document(doc: Document, whole: bool = False) -> Document:
    """The document with the macros its maths defines expanded in its maths (`whole`: the
    definitions anywhere in the file count, as in a LaTeX source)."""
    macros: dict[str, Macro] = {}
    if whole:  # a LaTeX source's preamble, its comments left out
        definitions(blank_comments("\n".join(doc.lines)), macros)
    if not macros and not any(definitions(d.text, {}) != d.text for d in doc.displays):
        return doc
    displays = []
    notes = list(doc.notes)
    for d in doc.displays:
        blanked = definitions(d.text, macros)
        text, where = expand(blanked, macros)
        if text == blanked and (use := _first_use(blanked, macros)) is not None:
            notes.append(_unexpanded(d, use))
        if text == d.text:
            displays.append(d)
        else:
            displays.append(replace(d, text=text, origin=moved(d.origin, where)))
    return replace(doc, displays=tuple(displays), notes=tuple(notes))


def _first_use(text: str, macros: dict[str, Macro]) -> tuple[int, int] | None:
    """The offsets of the first use of a macro in `text` (start, end), if any."""
    n = 0
    while n < len(text):
        command = _command_at(text, n)
        if command is not None and command[0] in macros:
            return n, command[1]
        n = command[1] if command is not None else n + 1 + (text[n] == "\\")
    return None


def _unexpanded(d: Display, use: tuple[int, int]) -> Note:
    """Why the macros of display `d`, which uses one at `use`, are left as written."""
    name = d.text[use[0] : use[1]]
    message = (
        f"the macros of this maths are not expanded: {name} (or a macro its body uses) nests "
        f"deeper than {MAX_DEPTH} levels, grows past {MAX_GROWTH} times the maths it stands "
        "in, or lacks its arguments; a definition that uses itself never ends"
    )
    return note(d.origin, "warning", "macro", message, Span(*use))


def definitions(text: str, macros: dict[str, Macro]) -> str:
    """Read every definition in `text` into `macros`; the text with them blanked."""
    out = list(text)
    n = 0
    while n < len(text):
        command = _command_at(text, n)
        if command is None:
            n += 2 if text[n] == "\\" else 1
            continue
        name, after = command
        read = _definition(text, name, after) if name in DEFINERS else None
        if read is None:
            n = after
            continue
        defined, macro, end = read
        macros[defined] = macro
        out[n:end] = [" "] * (end - n)
        n = end
    return "".join(out)


def _definition(text: str, definer: str, n: int) -> tuple[str, Macro, int] | None:
    """The macro a definer at offset n defines: (its name, it, the offset after its body)."""
    if definer not in PLAIN and n < len(text) and text[n] == "*":
        n += 1
    n = _skip(text, n)
    braced = definer not in PLAIN and n < len(text) and text[n] == "{"
    command = _command_at(text, _skip(text, n + 1) if braced else n)
    if command is None:
        return None
    name, n = command
    if braced:
        n = _skip(text, n)
        if n >= len(text) or text[n] != "}":
            return None
        n += 1
    arity = 0
    n = _skip(text, n)
    if definer in PLAIN:
        while text.startswith("#", n) and n + 1 < len(text) and text[n + 1] == str(arity + 1):
            arity, n = arity + 1, n + 2
    elif definer != "DeclareMathOperator" and text.startswith("[", n):
        if n + 2 >= len(text) or not text[n + 1].isdigit() or text[n + 2] != "]":
            return None
        arity, n = int(text[n + 1]), _skip(text, n + 3)
    default, n = _optional(text, n) if arity else (None, n)
    n = _skip(text, n)
    end = group_end(text, n) if n < len(text) and text[n] == "{" else -1
    if end < 0:
        return None
    operator = definer == "DeclareMathOperator"
    return name, Macro(arity, text[n + 1 : end - 1], operator, default), end


def _optional(text: str, n: int) -> tuple[str | None, int]:
    """The text of an optional argument `[…]` at offset n (its brackets outside braces) and
    the offset after it; None and n when there is none."""
    depth = 0
    if not text.startswith("[", n):
        return None, n
    for k in range(n + 1, len(text)):
        depth += {"{": 1, "}": -1}.get(text[k], 0)
        if depth == 0 and text[k] == "]":
            return text[n + 1 : k], k + 1
    return None, n


def _command_at(text: str, n: int) -> tuple[str, int] | None:
    """The name of the command written at offset n (`\\name`) and the offset after it."""
    if n >= len(text) or text[n] != "\\":
        return None
    end = n + 1
    while end < len(text) and text[end].isascii() and text[end].isalpha():
        end += 1
    return (text[n + 1 : end], end) if end > n + 1 else None


def _skip(text: str, n: int) -> int:
    while n < len(text) and text[n].isspace():
        n += 1
    return n


def expand(text: str, macros: dict[str, Macro]) -> tuple[str, list[int]]:
    """`text` with the macros expanded, and for each character of it the offset in `text` it
    stands for (the command's own, for the characters of an expansion)."""
    limit = MAX_GROWTH * max(len(text), 1)
    chars, where = _expand(text, list(range(len(text))), macros, 0, limit)
    if chars is None:
        return text, list(range(len(text)))
    return chars, where


def _expand(
    text: str, at: list[int], macros: dict[str, Macro], depth: int, limit: int
) -> tuple[str | None, list[int]]:
    out: list[str] = []
    where: list[int] = []
    n = 0
    while n < len(text):
        m = _command_at(text, n)
        macro = macros.get(m[0]) if m else None
        if m is None or macro is None:
            step = 2 if text[n] == "\\" and n + 1 < len(text) else 1
            out.append(text[n : n + step])
            where += at[n : n + step]
            n += step
            continue
        if depth >= MAX_DEPTH:
            return None, []
        args, after = _arguments(text, m[1], macro)
        if args is None:
            return None, []
        body = f"\\operatorname{{{macro.body}}}" if macro.operator else macro.body
        for k, arg in enumerate(args, 1):
            body = _put(body, f"#{k}", arg)
        inner, _ = _expand(body, [at[n]] * len(body), macros, depth + 1, limit)
        if inner is None:
            return None, []
        if inner[:1].isalpha() and _ends_in_word("".join(out[-40:])):
            inner = " " + inner  # \partial\VAR{a}: \partial a, not \partiala
        out.append(inner)
        where += [at[n]] * len(inner)
        n = after
        if len(where) > limit:
            return None, []
    return "".join(out), where


def _ends_in_word(text: str) -> bool:
    """Whether `text` ends in a command's name (`\\partial`), which a letter would run on."""
    word = len(text) - len(text.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return 0 < word < len(text) and text[-word - 1] == "\\"


def _put(body: str, slot: str, arg: str) -> str:
    """`body` with `arg` put in at each `slot`, a space before it where a command's name
    would run on into it (`\\partial#1` with C is `\\partial C`, as TeX reads it)."""
    parts = body.split(slot)
    out = parts[0]
    for part in parts[1:]:
        word = _ends_in_word(out) and arg[:1].isalpha()
        out += (" " if word else "") + arg + part
    return out


def _arguments(text: str, n: int, macro: Macro) -> tuple[list[str] | None, int]:
    """The arguments of `macro` after offset n (its optional one in brackets, then groups or
    single characters) and the offset after them; None when the text ends first."""
    args = []
    arity = macro.arity
    if macro.default is not None:
        given, n = _optional(text, _skip(text, n))
        args.append(macro.default if given is None else given)
        arity -= 1
    for _ in range(arity):
        while n < len(text) and text[n].isspace():
            n += 1
        if n >= len(text):
            return None, n
        if text[n] == "{":
            end = group_end(text, n)
            if end < 0:
                return None, n
            args.append(text[n + 1 : end - 1])
            n = end
        else:
            args.append(text[n])
            n += 1
    return args, n


def group_end(text: str, n: int) -> int:
    """The offset after the group that opens at text[n] ('{'), or -1 when it never closes."""
    depth = 0
    k = n
    while k < len(text):
        c = text[k]
        if c == "\\":
            k += 2
            continue
        depth += {"{": 1, "}": -1}.get(c, 0)
        k += 1
        if depth == 0:
            return k
    return -1


def moved(origin: Origin, where: list[int]) -> Origin:
    """The map of the expanded text: character k stands where offset where[k] of the
    written text does."""
    starts: list[int] = []
    lines: list[int] = []
    cols: list[int] = []
    prev: tuple[int, int] | None = None
    for k, offset in enumerate(where):
        line, col = origin.locate(offset)
        if prev is None or (line, col) != (prev[0], prev[1] + 1):
            starts.append(k)
            lines.append(line)
            cols.append(col)
        prev = (line, col)
    if not starts:
        return origin
    return replace(origin, starts=tuple(starts), lines=tuple(lines), cols=tuple(cols))
