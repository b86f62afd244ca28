"""Relations between indices as documents write them: the Iverson bracket `[m \\le n]` (or
`\\mathbb{1}[m \\le n]`, `\\mathbb{1}_{m \\le n}`, the indicator `1(k == i)`, `1\\{k = i\\}`)
and the restriction of a sum, `\\sum_{m \\le n}`, `\\sum_{k \\ne i}`, `\\sum_{m=1}^{n}` (a sum
up to another index).

A relation compares two index tokens, a declared letter, a number or a size (the last
position), at least one of them a letter: anything else in brackets (`[H > 0]`, `[a, b]`) is
not a relation, and is left to the rest of the reader. Two letters of different ranges are
an error at the relation.
"""

from __future__ import annotations

from symbn.language.latex import brackets
from symbn.language.latex.cursor import Cursor
from symbn.language.latex.subscripts import index_of
from symbn.language.latex.tree import Last, Letter, Number, Rel
from symbn.source.positions import TexError

#: Each comparison token, as the expression language writes it.
OPS = {
    "<": "<",
    "\\lt": "<",
    "\\le": "<=",
    "\\leq": "<=",
    "\\leqslant": "<=",
    "<=": "<=",
    ">": ">",
    "\\gt": ">",
    "\\ge": ">=",
    "\\geq": ">=",
    "\\geqslant": ">=",
    ">=": ">=",
    "\\ne": "!=",
    "\\neq": "!=",
    "!=": "!=",
    "=": "==",
    "==": "==",
}


def relation(p: Cursor, lo: int, hi: int) -> Rel | None:
    """tokens[lo:hi] as a relation of two indices (`m \\le n`), or None when they are not
    one."""
    parts = brackets.split(p.t, p.b, lo, hi, frozenset(OPS))
    if len(parts) != 2 or any(b - a != 1 for a, b in parts):
        return None
    (a, op), (c, _) = parts
    toks = (p.t[a], p.t[c])
    if not any(t.kind == "letter" and t.text in p.s.indices for t in toks):
        return None
    left, right = (index_of(t, p.s, None, "the relation") for t in toks)
    ranges = {p.s.indices[x.name] for x in (left, right) if isinstance(x, Letter)}
    if len(ranges) > 1:
        raise TexError("the relation compares indices of different ranges", p.span_of(lo, hi))
    return Rel(left, OPS[p.t[op].text], right, span=p.span_of(lo, hi))


def bracket(p: Cursor, first: int) -> Rel | None:
    """The Iverson bracket `[m \\le n]` opened at token `first`, the cursor moved past it;
    None (the cursor where it was) when the brackets hold no relation. (The indicator on a
    1, `1(k == i)`, is texmatrix.plain_indicator.)"""
    d = p.b.delimiters.get(first)
    close = p.b.pairs.get(first)
    if d is None or close is None or p.t[d.last].text != "[":
        return None
    rel = relation(p, d.last + 1, close.first)
    if rel is not None:
        p.pos = close.last + 1
    return rel


def restriction(p: Cursor, lo: int, hi: int) -> tuple[str, Rel] | None:
    """`\\sum_{m \\le n}`'s subscript tokens[lo:hi]: the index bound (the letter on the
    left) and the relation its terms satisfy; None when the subscript is no relation."""
    rel = relation(p, lo, hi)
    if rel is None or rel.op == "==":
        return None
    if not isinstance(rel.left, Letter):
        raise TexError(
            "a restricted sum names its index on the left, as in \\sum_{m \\le n}",
            p.span_of(lo, hi),
        )
    return rel.left.name, rel


def bounds(p: Cursor, letter: Letter, lower: int | None, upper: tuple[int, int]) -> tuple[Rel, ...]:
    """`\\sum_{m=a}^{b}` over part of m's range, a and b one index token each (token
    `lower`, tokens `upper`; no lower token: `\\sum_m^b`, from the first position): the
    relations a <= m and m <= b that are not the range's own."""
    size = p.s.indices[letter.name]
    written = [t.text for t in p.t[upper[0] : upper[1]]]
    if written == [size, "-", "1"] and p.s.notation.get("positions") == "from 0":
        return ()  # \sum_{i=0}^{m-1}, counted from zero: the whole range
    if upper[1] - upper[0] != 1:
        raise TexError(
            f"{letter.name} runs over 1..{size}; write its upper limit as one index",
            p.span_of(*upper),
        )
    high = index_of(p.t[upper[0]], p.s, size, f"the sum over {letter.name}")
    out = []
    if lower is not None:
        low = index_of(p.t[lower], p.s, size, f"the sum over {letter.name}")
        if not (isinstance(low, Number) and low.value == 1):
            out.append(Rel(low, "<=", letter, span=p.t[lower].span))
    if not (isinstance(high, Last) and high.size == size):
        out.append(Rel(letter, "<=", high, span=p.span_of(*upper)))
    return tuple(out)
