"""The tokens and rows of a display's text, for the text substitutions done before it is
read (`symbn.source.document.templates`): a command, an escaped character or a character
is a token; a row ends at `\\\\` and at an environment's `\\begin`/`\\end`, and its number
and label (`\\tag{2}`, `\\label{eq:x}`) are no part of it. Nothing is run."""

from __future__ import annotations

from dataclasses import dataclass

#: What ends a row, and what separates a row's cells.
ROW_ENDS = frozenset({"\\\\", "\\begin", "\\end", "\\cr"})
#: What numbers or labels a row, written after it: `\\tag{2}`, `\\label{eq:x}`.
NUMBERING = frozenset({"\\tag", "\\label"})
UNNUMBERED = frozenset({"\\nonumber", "\\notag"})


@dataclass(frozen=True)
class Tok:
    """A token of a display's text: a command (`\\theta`), an escaped character, or one
    character; `start` and `end` are offsets in the text."""

    text: str
    start: int
    end: int


def tokens(text: str) -> list[Tok]:
    """The tokens of `text`, spaces left out."""
    out: list[Tok] = []
    n = 0
    while n < len(text):
        if text[n] == "\\" and n + 1 < len(text):
            end = n + 2
            if text[n + 1].isascii() and text[n + 1].isalpha():
                while end < len(text) and text[end].isascii() and text[end].isalpha():
                    end += 1
            out.append(Tok(text[n:end], n, end))
            n = end
            continue
        if not text[n].isspace():
            out.append(Tok(text[n], n, n + 1))
        n += 1
    return out


def untagged(row: list[Tok]) -> list[Tok]:
    """A row without the `\\tag{…}`, `\\label{…}`, `\\nonumber` and `\\notag` at its end."""
    while row:
        if row[-1].text in UNNUMBERED:
            row = row[:-1]
            continue
        opens = [m for m in range(len(row)) if row[m].text == "{"]
        if row[-1].text != "}" or not opens or "}" in [t.text for t in row[opens[-1] : -1]]:
            return row
        if opens[-1] == 0 or row[opens[-1] - 1].text not in NUMBERING:
            return row
        row = row[: opens[-1] - 1]
    return row


def rows(toks: list[Tok]) -> list[tuple[int, int]]:
    """The rows of a display, as ranges of its tokens: cut at `\\\\` and environments."""
    out, start, depth = [], 0, 0
    for k, t in enumerate(toks):
        depth += (t.text == "{") - (t.text == "}")
        if depth <= 0 and t.text in ROW_ENDS:
            out.append((start, k))
            start = k + 1
            if t.text in ("\\begin", "\\end") and k + 1 < len(toks) and toks[k + 1].text == "{":
                start = group_end(toks, k + 1)
    out.append((start, len(toks)))
    return [(a, b) for a, b in out if a < b]


def group_end(toks: list[Tok], k: int) -> int:
    """The position after the group that opens at toks[k]."""
    depth = 0
    for m in range(k, len(toks)):
        depth += (toks[m].text == "{") - (toks[m].text == "}")
        if depth == 0:
            return m + 1
    return len(toks)


def closing(row: list[Tok], n: int) -> int | None:
    """The position of the `)` that closes the bracket opening at row[n]."""
    depth = 0
    for m in range(n, len(row)):
        depth += (row[m].text in ("(", "{")) - (row[m].text in (")", "}"))
        if depth == 0:
            return m if row[m].text == ")" else None
    return None
