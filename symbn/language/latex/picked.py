"""A subscript on an expression in brackets or on a derivative, `(\\frac{\\partial L}{\\partial
Z})_i`, `(\\nabla_Z L)_{ij}`, `[A - Y]_{i,j}`: the element of a vector or matrix written whole
at those indices, or the row at its first (the indices stand at its leading axes)."""

from __future__ import annotations

from symbn.language.latex.cursor import Cursor
from symbn.language.latex.shapes import shape_of, squeeze
from symbn.language.latex.symbols import PLACEHOLDER
from symbn.language.latex.texlex import Token
from symbn.language.latex.tree import Element, Node, Ref, walk
from symbn.source.positions import TexError


def element(p: Cursor, node: Node, sub: tuple[int, int], first: int) -> Node:
    """`node` (read from token `first`) at the indices of the subscript tokens `sub`."""
    lo, hi = sub
    try:
        shape = squeeze(shape_of(node, p.s))
    except TexError:
        shape = ()
    guessing = any(isinstance(x, Ref) and p.s.shape(x.name) == PLACEHOLDER for x in walk(node))
    if guessing:  # shapes not solved yet: the indices only, (…)_{ij} at two
        letters = all(t.kind == "letter" and t.text in p.s.indices for t in p.t[lo:hi])
        shape = (None,) * (hi - lo if letters else len(p.pieces(lo, hi)))
    if not shape:
        raise TexError(
            "a subscript here is not read; only names, and vectors or matrices in brackets, "
            "take indices",
            p.span_of(lo, hi),
        )
    parts = p.pieces(lo, hi)
    letters = all(t.kind == "letter" and t.text in p.s.indices for t in p.t[lo:hi])
    if len(parts) == 1 and hi - lo == len(shape) > 1 and letters:  # (…)_{ij}
        parts = [(n, n + 1) for n in range(lo, hi)]
    if len(parts) > len(shape) or any(b <= a for a, b in parts):
        raise TexError(
            f"this has {len(shape)} ax{'is' if len(shape) == 1 else 'es'} but the subscript "
            f"gives {len(parts)} indices",
            p.span_of(lo, hi),
        )
    at = tuple(
        p.position(a, b, size, f"axis {n + 1} of the bracket")
        for n, ((a, b), size) in enumerate(zip(parts, shape, strict=False))
    )
    return Element(node, at, span=p.span_from(first))


#: What closes a bracket that a subscript may follow (after `\\right` or `\\big`, or bare).
_CLOSERS = frozenset({")", "]", "\\rbrack", "\\rparen"})


def subscript_letters(toks: tuple[Token, ...]) -> dict[int, str]:
    """The letters of each subscript written on a closing bracket (`\\right)_{ij}`), by
    their place in `toks`: index letters, not names."""
    out: dict[int, str] = {}
    for n in range(1, len(toks) - 1):
        if toks[n].kind != "sub" or toks[n - 1].text not in _CLOSERS:
            continue
        end = n + 2
        if toks[n + 1].kind == "open":
            end = next((k for k in range(n + 2, len(toks)) if toks[k].kind == "close"), n + 2)
        out |= {k: toks[k].text for k in range(n + 1, end) if toks[k].kind == "letter"}
    return out
