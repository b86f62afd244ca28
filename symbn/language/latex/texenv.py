"""Environments inside an equation: `cases` rows and their conditions, matrix cells.

A cases row is `value & condition`, `value, condition` or `condition: value`; a condition
is index (in)equalities joined by commas, `\\land` or words, with `==`, `=`, `!=`, `<>`,
`\\neq`, or `\\text{otherwise}`. A matrix is rows at `\\\\` and cells at `&`, a cell
that is only `\\vdots`, `\\cdots` or `\\ddots` standing for omitted cells. A cell or a
cases row that cannot be read is `Unread`, with the reason; the others are still read.
These functions read with a cursor (the texmath parser), whose position they move past
the environment.
"""

from __future__ import annotations

from symbn.language.latex import brackets, texcalc
from symbn.language.latex.cursor import Cursor
from symbn.language.latex.subscripts import index_of
from symbn.language.latex.texmatrix import GREATER, LESS, comparison
from symbn.language.latex.tree import (
    CaseRow,
    Cases,
    Condition,
    Delta,
    Dots,
    Matrix,
    Node,
    Rel,
    Unread,
)
from symbn.source.positions import Span, TexError

MATRICES = frozenset(
    {"pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "matrix", "smallmatrix"}
)
CASES = frozenset({"cases", "dcases"})
#: The environment name of a vector written as a list in delimiters, `(p_1, p_2, p_3)`.
LISTED = "list"
#: What a superscript that transposes a list is (one token).
TRANSPOSED = frozenset({"T", "\\top", "\\intercal"})
EQUALS = frozenset({"==", "="})
UNEQUALS = frozenset({"!=", "<>", "\\neq", "\\ne"})
_WORDS = frozenset({"if", "for", "when", "where"})
#: What cuts a matrix's row into cells: `&`, and commas in a matrix of one row written
#: without `&` (`\\begin{bmatrix} x_1, x_2, x_3 \\end{bmatrix}`).
_CUTS = {False: frozenset({"amp"}), True: frozenset({"amp", ","})}


def environment(p: Cursor, first: int) -> Node:
    """The matrix or cases environment whose \\\\begin is token `first`."""
    env = p.t[first].arg
    end = p.b.groups[first]
    p.pos = end + 1
    rows = list(brackets.split(p.t, p.b, first + 1, end, frozenset({"newline"}), delimiters=False))
    if rows and rows[-1][0] == rows[-1][1]:
        rows.pop()  # a trailing \\
    span = p.span_of(first, end + 1)
    if env in MATRICES:
        cuts = _CUTS[len(rows) == 1 and not any(t.kind == "amp" for t in p.t[first:end])]
        cells = tuple(
            tuple(
                _cell(p, a, b) for a, b in brackets.split(p.t, p.b, lo, hi, cuts, delimiters=False)
            )
            for lo, hi in rows
        )
        return Matrix(env, cells, span=span)
    if env in CASES:
        return Cases(tuple(_readable_row(p, lo, hi) for lo, hi in rows if lo < hi), span=span)
    raise TexError(f"the environment {env} is not read inside an equation", p.t[first].span)


def grouped(p: Cursor, first: int, last: int, close: brackets.Delimiter) -> Node | None:
    """What the delimiters opened at `first` (through token `last`) and closed by `close`
    hold when it is no expression: an inner product `\\langle A, B \\rangle_F`, or a
    vector written as a list (`listed`); None (nothing read) otherwise."""
    if p.t[last].text == "\\langle":  # <A, B>_F
        return texcalc.inner_product(p, first, last + 1, close.first, close.last + 1)
    return listed(p, first, last + 1, close.first, close.last + 1)


def listed(p: Cursor, first: int, lo: int, hi: int, after: int) -> Matrix | None:
    """A vector written as a list of its elements in delimiters, `(p_1, p_2, p_3)`, `[z_1,
    \\ldots, z_K]^T`, `\\{y_1, …, y_n\\}` (tokens[lo:hi] inside, `first` the opener, `after`
    the token after the closer): a column of those cells, as `bmatrix` would write it,
    with the cursor after it (and after a transpose, which a list of a vector's elements
    does not change); None (nothing read) when there is no comma at the top level."""
    pieces = p.pieces(lo, hi)
    if len(pieces) < 2:
        return None
    p.pos = after
    if _transposed(p):
        p.pos += 2
    column = tuple((_cell(p, a, b),) for a, b in pieces)
    return Matrix(LISTED, column, span=p.span_of(first, after))


def _transposed(p: Cursor) -> bool:
    """Whether the cursor is at `^T`, `^\\top` or `^\\intercal`."""
    tok, nxt = p.peek(), p.t[p.pos + 1] if p.pos + 1 < p.hi else None
    return tok is not None and tok.kind == "sup" and nxt is not None and nxt.text in TRANSPOSED


def _cell(p: Cursor, lo: int, hi: int) -> Node:
    if (hi - lo == 1 and (p.is_dots(p.t[lo]) or p.t[lo].text == "…")) or _stops(p, lo, hi):
        return Dots(p.t[lo].text, span=p.span_of(lo, hi))
    if lo == hi:
        at = p.t[lo - 1].end
        raise TexError("an empty matrix cell", Span(at, at + 1))
    saved = p.pos, p.hi, p.depth
    try:
        return p.whole(lo, hi)
    except TexError as exc:  # this cell is unchecked; the others are still read
        p.pos, p.hi, p.depth = saved
        return Unread(exc.message, span=exc.span)


def _stops(p: Cursor, lo: int, hi: int) -> bool:
    """Whether tokens[lo:hi] are three full stops, `...`: dots in a list."""
    return hi - lo == 3 and all(t.text == "." for t in p.t[lo:hi])


def _readable_row(p: Cursor, lo: int, hi: int) -> CaseRow:
    """A cases row, or one whose value is `Unread` with the reason (the other rows are
    still read)."""
    saved = p.pos, p.hi, p.depth
    try:
        return _case_row(p, lo, hi)
    except TexError as exc:
        p.pos, p.hi, p.depth = saved
        return CaseRow(Unread(exc.message, span=exc.span), (), span=p.span_of(lo, hi))


def _case_row(p: Cursor, lo: int, hi: int) -> CaseRow:
    cells = brackets.split(p.t, p.b, lo, hi, frozenset({"amp"}), delimiters=False)
    if len(cells) == 2:
        value, conds = cells
    elif len(cells) == 1:
        colon = brackets.split(p.t, p.b, lo, hi, frozenset({":"}))
        comma = p.pieces(lo, hi)
        if len(colon) == 2:
            conds, value = colon
        elif len(comma) >= 2:
            value, conds = comma[0], (comma[1][0], hi)
        else:
            raise TexError(
                "a cases row needs a condition: write `value & condition`, "
                "`value, condition` or `condition: value`",
                p.span_of(lo, hi),
            )
    else:
        raise TexError("a cases row has at most two cells", p.span_of(lo, hi))
    node = p.whole(*value)
    conditions, otherwise, positive = _conditions(p, *conds)
    return CaseRow(node, conditions, otherwise, positive, span=p.span_of(lo, hi))


def _conditions(
    p: Cursor, lo: int, hi: int
) -> tuple[tuple[Condition, ...], bool, tuple[Node, ...]]:
    while lo < hi and p.t[lo].kind == "text" and p.t[lo].arg.strip() in _WORDS:
        lo += 1
    if hi - lo == 1 and p.t[lo].kind == "text" and p.t[lo].arg.strip() in ("otherwise", "else"):
        return (), True, ()
    if lo >= hi:
        at = p.t[hi - 1].end if hi else 0
        raise TexError("a condition is missing", Span(at, at + 1))
    out, positive = [], []
    for a, b in brackets.split(p.t, p.b, lo, hi, frozenset({",", "\\land", "\\wedge", "text"})):
        if a == b:
            continue
        value = _on_values(p, a, b)
        if value is not None:
            positive.append(value)
            continue
        if b - a != 3:
            raise TexError(
                "a condition compares two indices, as in k == i or k \\neq i",
                p.span_of(a, b) if b > a else p.span_of(lo, hi),
            )
        op = p.t[a + 1].text
        if op not in EQUALS and op not in UNEQUALS:
            raise TexError(f"{op!r} is not ==, =, !=, <> or \\neq", p.t[a + 1].span)
        left = index_of(p.t[a], p.s, None, "the condition")
        right = index_of(p.t[a + 2], p.s, None, "the condition")
        out.append(Condition(left, "==" if op in EQUALS else "!=", right, span=p.span_of(a, b)))
    return tuple(out), False, tuple(positive)


def _on_values(p: Cursor, lo: int, hi: int) -> Node | None:
    """A condition on values, `A_{ij} > 0` or `x \\le 0`, as the difference positive where
    it holds (strict or not: the two differ where the difference is 0, where a step's
    value is a convention); None when tokens[lo:hi] are no such condition."""
    if not any(t.text in GREATER | LESS for t in p.t[lo:hi]):
        return None
    saved = p.pos, p.hi, p.depth
    try:
        value = comparison(p, lo, hi)
    finally:
        p.pos, p.hi, p.depth = saved
    return None if value is None or isinstance(value, Rel | Delta) else value
