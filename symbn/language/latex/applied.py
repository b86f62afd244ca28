"""A scalar written with what it depends on: `J(w_1, w_2, b)`, `J(W, b; x, y)`,
`l(f(x), y)`, `\\mathcal{L}(\\theta)`.

Such a name stands for the scalar itself only when its arguments are plain names: each
argument a letter or a Greek letter (with its scripts and a font or accent, `\\hat{y}`,
`\\mathbf{w}`), or a function of such (`f(x)`), separated by commas or a semicolon and none
written twice. A name applied to anything else — `J(w + \\epsilon, b)`, `J(w', b)`,
`J(2, b)`, `J(w, w)` — is the scalar at another point, never the name, so the row is left
unchecked.
"""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex.symbols import ARG_COMMANDS, GREEK
from symbn.language.latex.texlex import Token
from symbn.source.positions import Span, TexError

#: What may decorate a name in an argument: fonts and accents.
DECORATIONS = ARG_COMMANDS - {"\\operatorname"}
#: The kinds of token a plain argument is spelled with, besides a command.
PLAIN = frozenset({"letter", "sub", "sup", "open", "close"})


def applied_at(
    toks: Sequence[Token], pos: int, written: str, lo: int, *, loss: bool, defined: str | None
) -> int:
    """Past the arguments of the name toks[lo:pos] written with them (`J(w, b)`), or pos
    when it is a function at one argument (a name not the loss); a TexError when they are
    not the names the scalar depends on (`J(w + \\epsilon, b)`)."""
    end = call_end(toks, pos, single=loss or defined is not None)
    if end is not None and end > pos and defined not in {None, _text(toks[pos:end])}:
        end = None  # J(w_2, w_1, b) where J(w_1, w_2, b) = …: J at another point
    if defined is not None and end == pos:
        end = None  # J(w + \epsilon) where J(w) = …: J at another point, no product
    if end is None:
        raise TexError(
            f"{written}(…) writes {written} at arguments other than the names it depends on; "
            f"it is not read as {written}",
            Span(toks[lo].start, toks[pos].end),
        )
    if loss and end == pos:
        raise TexError(
            f"{written}(…) writes the loss as a function of what it depends on; it is not "
            "read as a product",
            Span(toks[lo].start, toks[pos].end),
        )
    return end


def call_end(toks: Sequence[Token], n: int, *, single: bool = False) -> int | None:
    """Past the arguments that open at toks[n]: n when no list of arguments opens there
    (`\\sigma(z)` is a function at z unless `single`), the end when they are plain names,
    None when they are written but are not (`J(w + \\epsilon, b)`)."""
    if n >= len(toks) or toks[n].text != "(":
        return n
    close = closing(toks, n)
    if close is None or close == n + 1:
        return n
    inside = toks[n + 1 : close]
    parts = split_arguments(inside)
    if len(parts) < 2 and not single:
        return n
    texts = [" ".join(t.text for t in p) for p in parts]
    if any(not plain(p) for p in parts) or len(set(texts)) != len(texts):
        return None
    return close + 1


def closing(toks: Sequence[Token], n: int) -> int | None:
    """The `)` closing the `(` at toks[n], counting those written inside."""
    depth = 0
    for k in range(n, len(toks)):
        if toks[k].text == "(":
            depth += 1
        elif toks[k].text == ")":
            depth -= 1
            if depth == 0:
                return k
    return None


def split_arguments(inside: Sequence[Token]) -> list[Sequence[Token]]:
    """The arguments of a call, cut at its top-level commas and semicolons."""
    out: list[Sequence[Token]] = []
    depth, start = 0, 0
    for k, t in enumerate(inside):
        depth += (t.text == "(") - (t.text == ")")
        if depth == 0 and t.text in {",", ";"}:
            out.append(inside[start:k])
            start = k + 1
    out.append(inside[start:])
    return out


def plain(arg: Sequence[Token]) -> bool:
    """Whether one argument is a name, decorated or applied to names (`f(x)`), with
    numbers only in its subscripts (`w_1`)."""
    if not arg:
        return False
    for k, t in enumerate(arg):
        if t.kind == "command":
            if t.text not in DECORATIONS and t.text[1:] not in GREEK:
                return False
        elif t.kind == "number":
            before = [x.kind for x in arg[max(k - 2, 0) : k]]
            if before[-1:] != ["sub"] and before != ["sub", "open"]:
                return False
        elif t.kind == "symbol":
            if t.text not in {"(", ")", ","}:
                return False
        elif t.kind not in PLAIN:
            return False
    return arg[0].kind in {"letter", "command"}


def _text(toks: Sequence[Token]) -> str:
    return " ".join(t.text for t in toks)
