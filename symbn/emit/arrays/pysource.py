"""Python source text within the line width: docstrings escaped and wrapped, statements broken
inside their brackets and at their operators.

`escape` keeps user text from ending a docstring or starting a line of code; `doc_lines` and
`statement` lay out generated code so that no line is longer than LINE_CHARS.
"""

from __future__ import annotations

import textwrap
import unicodedata

LINE_CHARS = 99  # longest generated line (the project's limit is 100)
INDENT = "    "


def escape(text: str) -> str:
    """`text` safe inside a triple-quoted docstring: no quote, backslash or control
    character survives unescaped, so it can neither end the string nor start a line."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif unicodedata.category(ch)[0] in "CZ" and ch != " ":
            code = ord(ch)
            out.append(
                f"\\x{code:02x}"
                if code < 0x100
                else f"\\u{code:04x}"
                if code < 0x10000
                else f"\\U{code:08x}"
            )
        else:
            out.append(ch)
    return "".join(out)


def doc_lines(paragraphs: list[str], indent: str) -> tuple[str, ...]:
    """A docstring from paragraphs (lines within a paragraph are kept, long ones wrapped)."""
    body: list[str] = []
    for n, para in enumerate(paragraphs):
        if n:
            body.append("")
        for raw in para.splitlines() or [""]:
            line = escape(raw.rstrip())
            lead = len(line) - len(line.lstrip(" "))
            wrapped = textwrap.wrap(
                line,
                LINE_CHARS - len(indent) - 4,
                break_long_words=False,
                break_on_hyphens=False,
                subsequent_indent=" " * lead,
            )
            body.extend(wrapped or [""])
    body[0] = '"""' + body[0]
    if len(body) == 1 and len(indent) + len(body[0]) + 3 <= LINE_CHARS:
        return (indent + body[0] + '"""',)
    lines = [(indent + b) if b else "" for b in body]
    return (*lines, indent + '"""')


# -- code layout ---------------------------------------------------------------------------
def _split(text: str, seps: tuple[str, ...]) -> list[str]:
    """`text` cut before each separator that stands outside brackets and strings."""
    pieces, depth, quote, start, n = [], 0, "", 0, 0
    while n < len(text):
        ch = text[n]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0:
            for sep in seps:
                if text.startswith(sep, n) and n > start:
                    pieces.append(text[start:n])
                    start = n + (1 if sep.startswith(" ") else len(sep))
                    break
        n += 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces]


def layout(text: str, indent: str) -> list[str]:
    """Lines no longer than LINE_CHARS for an expression, breaking inside brackets."""
    if len(indent) + len(text) <= LINE_CHARS:
        return [indent + text]
    pieces = _split(text, (", ",))
    if len(pieces) > 1:  # an argument list: one argument a line, each with its comma
        lines: list[str] = []
        for n, piece in enumerate(pieces):
            laid = layout(piece, indent)
            lines.extend(laid if n == len(pieces) - 1 else [*laid[:-1], laid[-1] + ","])
        return lines
    for seps in ((" else ",), (" or ",), (" + ", " - "), (" * ", " / ", " @ ")):
        pieces = _split(text, seps)
        if len(pieces) > 1:
            lines = []
            for piece in pieces:
                if lines and len(lines[-1]) + 1 + len(piece) <= LINE_CHARS:
                    lines[-1] += " " + piece
                else:
                    lines.extend(layout(piece, indent))
            return lines
    head, inner, tail = _opening(text)
    if inner:
        return [indent + head, *layout(inner, indent + INDENT), indent + tail]
    if (
        len(text) > 2
        and text.endswith('"')
        and text.startswith(('"', 'f"'))
        and '"' not in (text[text.index('"') + 1 : -1].replace('\\"', ""))
    ):
        return _string_pieces(text, indent)
    return [indent + text]


def _string_pieces(text: str, indent: str) -> list[str]:
    """A long string literal as pieces that Python joins (implicit concatenation), cut after
    spaces outside {placeholders}; the f prefix kept only on pieces with a placeholder."""
    f = text.startswith("f")
    body = text[2 if f else 1 : -1]
    words, depth, start = [], 0, 0
    for n, ch in enumerate(body):
        depth += (ch == "{") - (ch == "}")
        if ch == " " and depth == 0:
            words.append(body[start : n + 1])
            start = n + 1
    words.append(body[start:])
    room = LINE_CHARS - len(indent) - 3
    chunks = [""]
    for word in words:
        if chunks[-1] and len(chunks[-1]) + len(word) > room:
            chunks.append("")
        chunks[-1] += word
    return [f'{indent}{"f" if f and "{" in c else ""}"{c}"' for c in chunks if c]


def _opening(text: str) -> tuple[str, str, str]:
    """`f(args).g()` -> ("f(", "args", ").g()"): the first bracket group opened."""
    depth, quote, first = 0, "", 0
    for n, ch in enumerate(text):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            if depth == 0:
                first = n
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0 and n > first + 1:
                return text[: first + 1], text[first + 1 : n], text[n:]
    return "", "", text


def statement(line: str, indent: str) -> list[str]:
    """`name = expr` (or `return expr`) laid out within LINE_CHARS, parenthesised if broken."""
    for head in (" = ", " += ", " -= "):
        if head in line and line.split(head, 1)[0].isidentifier():
            name, expr = line.split(head, 1)
            lead = f"{name}{head}"
            break
    else:
        lead, expr = (
            ("return ", line[len("return ") :]) if line.startswith("return ") else ("", line)
        )
    if line.startswith("raise ") and len(indent) + len(line) > LINE_CHARS:
        head, inner, tail = _opening(line[len("raise ") :])
        if inner:  # raise Error(\n    message\n)
            return [f"{indent}raise {head}", *layout(inner, indent + INDENT), indent + tail]
    tail = ""
    if line.startswith("if ") and line.endswith(":"):
        lead, expr, tail = "if ", line[3:-1], ":"
    if len(indent) + len(line) <= LINE_CHARS:
        return [indent + line]
    if not lead:  # a call, such as f(x, out=y): broken inside its brackets
        return layout(line, indent)
    return [f"{indent}{lead}(", *layout(expr, indent + INDENT), f"{indent}){tail}"]


def indented(line: str) -> list[str]:
    """A function-body line (four spaces a level) laid out inside its `def`."""
    depth = (len(line) - len(line.lstrip(" "))) // 4
    indent = INDENT * (depth + 1)
    return statement(line.strip(), indent)


def signature(name: str, params: list[str]) -> str:
    """The parameter list of `def name(...)`: one line if it fits, else one a line."""
    flat = ", ".join(params)
    if len(f"def {name}({flat}):") <= LINE_CHARS:
        return flat
    return "\n" + "".join(f"{INDENT}{p},\n" for p in params)
