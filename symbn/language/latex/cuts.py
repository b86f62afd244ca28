"""A display's tokens cut into the rows of its maths and each row into its equations, for
the inference (`symbn.language.latex.infer`): a row ends at `\\\\`, a matrix written out
stays within its row, and wide spacing between two equations (`Q = X W_Q, \\quad K = X
W_K`) cuts a row in two."""

from __future__ import annotations

from collections.abc import Iterator

from symbn.language.latex.listings import MATRICES
from symbn.language.latex.texlex import Token, tokenize
from symbn.source.document.markdown import Document
from symbn.source.positions import TexError


def equations(row: tuple[Token, ...], text: str) -> list[tuple[Token, ...]]:
    """A row cut at wide spacing outside brackets (after a comma or not) that ends an
    equation and starts another (`Q = X W_Q, \\quad K = X W_K`; not `k=1, l=2`)."""
    out: list[tuple[Token, ...]] = []
    depth, start = 0, 0  # counted here: a row cut from a display may leave a group unclosed
    for n, t in enumerate(row):
        if t.kind == "open" or t.text in ("(", "[", "\\{", "\\left"):
            depth += 1
        elif t.kind == "close" or t.text in (")", "]", "\\}", "\\right"):
            depth -= 1
        elif (
            depth == 0
            and n + 1 < len(row)
            and any(w in text[t.end : row[n + 1].start] for w in ("quad", "\\hspace", "~"))
            and _equals(row[start : n + (t.text != ",")])
            and _equals(row[n + 1 :])
            and len(row) - n > 4  # not a side condition, `, \\quad i = j`
        ):  # `a = b, \\quad c = d` and `a = b \\qquad c = d`
            out.append(row[start : n + (t.text != ",")])
            start = n + 1
    return [*out, row[start:]]


def _equals(toks: tuple[Token, ...]) -> bool:
    return any(t.text == "=" for t in toks)


def display_rows(toks: tuple[Token, ...], text: str) -> list[tuple[Token, ...]]:
    """A display's rows, each cut into its equations; a matrix written out is in its row
    (its rows are no rows of the maths), its cells run together."""
    out: list[tuple[Token, ...]] = []
    row: list[Token] = []
    depth = 0
    for t in toks:
        depth += (t.kind == "begin") - (t.kind == "end") if t.arg in MATRICES else 0
        if t.kind == "newline" and not depth:
            out.extend(equations(tuple(row), text))
            row = []
        elif t.kind not in ("amp", "begin", "end", "newline"):
            row.append(t)
    return out + equations(tuple(row), text)


def document_rows(doc: Document) -> Iterator[tuple[Token, ...]]:
    """The rows of every display of a document that tokenizes, in order."""
    for d in doc.displays:
        try:
            toks = tokenize(d.text)
        except TexError:
            continue
        yield from display_rows(toks, d.text)
