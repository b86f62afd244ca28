"""Norms between bars: `\\|v\\|^2`, `\\|v\\|_2^2`, `\\lVert v \\rVert^2`, `\\|M\\|_F^2` and
`|v|^2` are the sum of the squares of v's elements, the Frobenius product v : v; a norm
written without the square is the root of it (`\\|v\\|`, and `|x|` of a scalar, √(x²)).

A bar opens a norm only where a bar of the same kind closes it later in the same group, so
that `p(y|x)` or an evaluation bar `\\Big|_{x=0}` is not read as one; the subscript may say
2 or F (any other norm is not read), a superscript is the norm's power.
"""

from __future__ import annotations

from symbn.language.latex import brackets
from symbn.language.latex.cursor import Cursor
from symbn.language.latex.tree import Call, Frobenius, Node, Pow
from symbn.source.positions import TexError

#: Each bar that opens a norm, with the bar that closes it.
BARS = {
    "\\|": "\\|",
    "\\Vert": "\\Vert",
    "\\lVert": "\\rVert",
    "|": "|",
    "\\vert": "\\vert",
    "\\lvert": "\\rvert",
}
_CLOSING = frozenset(BARS.values())


def _bar(p: Cursor, n: int) -> tuple[str, int] | None:
    """The bar written at token n (after `\\left`, `\\big`, … or bare) and the index of its
    last token."""
    tok = p.t[n]
    if tok.text in brackets.SIZES and n + 1 < p.hi and tok.kind == "command":
        n += 1
        tok = p.t[n]
    if tok.text in BARS or tok.text in _CLOSING:
        return tok.text, n
    return None


def closer(p: Cursor, first: int) -> tuple[int, int] | None:
    """The token range (first and last) of the bar that closes a norm opened at token
    `first`, in the same group and before p.hi; None when none does."""
    opened = _bar(p, first)
    if opened is None or opened[0] not in BARS:
        return None
    want = BARS[opened[0]]
    n = opened[1] + 1
    while n < p.hi:
        tok = p.t[n]
        if tok.kind in ("open", "begin"):
            n = p.b.groups.get(n, n) + 1
            continue
        if tok.kind in ("close", "end"):
            return None
        bar = _bar(p, n)
        if bar is not None and bar[0] == want:
            return n, bar[1]
        n = n + 1 if bar is None else bar[1] + 1
    return None


def opens(p: Cursor, first: int) -> bool:
    """Whether token `first` opens a norm that a later bar closes."""
    return closer(p, first) is not None


def norm(p: Cursor, first: int) -> Node | None:
    """The norm opened at token `first`, with its scripts; None where no bar closes it."""
    close = closer(p, first)
    opened = _bar(p, first)
    if close is None or opened is None:
        return None
    inside = p.whole(opened[1] + 1, close[0])
    p.pos = close[1] + 1
    sub, sup, primes = p.read_scripts()
    if primes:
        raise TexError("a prime after a norm is not read", p.span_from(first))
    if sub is not None and [t.text for t in p.t[sub[0] : sub[1]]] not in (["2"], ["F"]):
        raise TexError("only the 2-norm and the Frobenius norm (_2, _F) are read", p.span_of(*sub))
    span = p.span_from(first)
    squares = Frobenius(inside, inside, span=span)
    if sup is not None and [t.text for t in p.t[sup[0] : sup[1]]] == ["2"]:
        return squares
    root = Call("sqrt", squares, span=span)
    if sup is None:
        return root
    return Pow(root, p.whole(*sup), span=span)
