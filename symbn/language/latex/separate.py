"""One row cut into the equations it states, each with the side conditions after it.

TeX drops spacing, so `a = 1 \\qquad b = 0` reaches the parser as `a = 1 b = 0`, which
juxtaposition would read as one chain a = 1·b = 0. The lexer keeps every token's offsets,
so the text between two tokens still shows what stood there. A row is cut:

- at a top-level comma or semicolon, at wide spacing between two factors (`\\quad`, `\\qquad`,
  `\\hspace{…}`, `\\enspace`, `~`, `\\ `), and before `\\text{for …}`, `\\text{if …}` and
  the like: each piece with a relation is an equation of its own;
- at `\\Rightarrow` or `\\implies` between two equations, each a claim; words before the
  row's first equation (`\\text{(Mean)}`) are its label, and dropped;
- a piece that only compares indices (`i = j`, `\\text{for } k \\neq i`, `(l \\ne j)`) is a
  side condition of the equation before it, which holds only there; a range
  (`i = 1, \\ldots, N`) says every value, and is no condition;
- words that begin with `for`, `if`, `when`, … and are not such a condition make the row
  unreadable (they restrict the equation in a way symbn cannot read); words that give a
  reason (`\\text{(by the chain rule)}`) or an equation number are a remark, and dropped;
  other words may qualify the equation, and make the row unreadable; any other piece (a
  size statement, a list of expressions, a factor) stays with the piece before it.

Narrow spacing (`\\,`, `\\;`, `\\:`) or a line break between two factors of a side that
stands between two relations may separate two equations as well as join a product: such a
row is not read (a `TexError` naming the spacing), never taken as one chain.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from symbn.language.latex import brackets
from symbn.language.latex.mapnames import unnamed
from symbn.language.latex.perexample import valued
from symbn.language.latex.rowwords import (
    CONDITIONS,
    DEFINING,
    bracketed_remark,
    hypothesis,
    introduced,
    label,
    opens_words,
    parenthesised,
    remark,
    word,
)
from symbn.language.latex.subscripts import index_of
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.texlex import Token
from symbn.language.latex.tree import Condition, Letter, Number
from symbn.source.positions import Span, TexError

#: Relations a row may state; only = (and := for a definition) is checked.
RELATIONS = frozenset(
    {
        "=",
        ":=",
        "\\approx",
        "\\neq",
        "\\ne",
        "<",
        ">",
        "\\le",
        "\\leq",
        "\\ge",
        "\\geq",
        "\\equiv",
        "\\propto",
        "\\sim",
        "\\to",
        "\\mapsto",
        "\\in",
    }
)
#: Arrows between two equations of a row, each a claim of its own (`Y = XW \\Rightarrow
#: dY = dX\\,W + X\\,dW`); the arrow itself states nothing to check.
IMPLIES = frozenset(
    {"\\Rightarrow", "\\implies", "\\Longrightarrow", "\\therefore", "\\iff", "\\Leftrightarrow"}
    | {"\\because"}
)
#: The arrow before a reason: what follows it is an aside (`a = b \\quad \\because c = d`).
REASONS = frozenset({"\\because"})
#: Spacing that separates two equations on one row.
WIDE = ("\\quad", "\\qquad", "\\hspace", "\\enspace", "~", "\\ ")
#: Spacing that may separate two equations or stand inside a product.
NARROW = ("\\,", "\\;", "\\:", "\\>", "\\thinspace", "\\medspace", "\\thickspace")
_EQUALS = frozenset({"=", "=="})
_UNEQUALS = frozenset({"\\neq", "\\ne", "!=", "<>"})
_JOINS = frozenset({",", "\\land", "\\wedge"})
#: Tokens after which no factor is juxtaposed (an operator or an opening is pending).
_PENDING = frozenset({"+", "-", "(", "[", "/", "*", "\\cdot", "\\times", "\\odot", "\\circ"})
_BIG = frozenset({"\\sum", "\\prod"})
#: Narrow spacing too wide for a product inside a bracket (`[a \\; b]`; `\\,` is a product's).
_SPACED = frozenset({"narrow \\;", "narrow \\:", "narrow \\>", "narrow \\medspace"})
#: An index's range after an equation: `i = 1, \\ldots, N` says every i.
RANGE_DOTS = frozenset({"\\dots", "\\ldots", "\\cdots"})
RANGE = "range"
#: What a product's next factor, not an equation's left side, begins with.
_OPENERS = _BIG | {"(", "[", "\\left", "\\big", "\\Big", "\\bigg", "\\Bigg", "\\bigl", "\\Bigl"}


@dataclass(frozen=True)
class Piece:
    """One equation of a row: its tokens (with what stays with it), its side
    conditions with their span (None without any), and whether it is an aside: a reason
    given after `\\because`, which the steps after it do not go on from."""

    tokens: tuple[Token, ...]
    conditions: tuple[Condition, ...] = ()
    where: Span | None = None
    aside: bool = False


def is_relation(tok: Token) -> bool:
    return tok.text in RELATIONS and tok.kind in ("symbol", "command")


def pieces(text: str, eq: tuple[Token, ...], symbols: Symbols) -> tuple[Piece, ...]:
    """The equations of a row's tokens `eq` (from the display `text`), in order."""
    eq = mapped(eq)
    b = brackets.match(eq)
    segments = _segments(text, eq, b)
    if not segments:  # nothing, or only joins: `$$ \\implies $$`, `$$ , $$`
        return (Piece(()),)
    out: list[list] = []  # [lo, hi, conditions, span, aside]
    for first, hi in segments:
        aside = first > 0 and eq[first - 1].text in REASONS
        aside = aside or bool(out and out[-1][4] and eq[first - 1].text in (",", ";"))
        if not out:
            out.append([first, hi, [], None, aside])
            continue
        if all(eq[n].kind == "text" and not eq[n].arg.strip() for n in range(first, hi)):
            continue  # \\text{   }: a space, nothing said
        lo = first + (word(eq[first]) == "and" and hi - first > 1)  # and: read what follows
        whole = Span(eq[lo].start, eq[hi - 1].end)
        if bracketed_remark(eq, lo, hi):
            continue  # `\\quad (\\text{by the chain rule})`: a remark
        if len(out) == 1 and eq[first - 1].text in IMPLIES and hypothesis(eq, out[0][0]):
            where = Span(eq[out[0][0]].start, eq[out[0][1] - 1].end)
            out[0] = [lo, hi, _hypothesis(eq, out[0], symbols), where, aside]
            continue
        if _has_relation(eq, b, out[-1][0], out[-1][1]):
            conds = index_conditions(eq, lo, hi, symbols)
            if conds is not None:
                out[-1][2] += conds
                out[-1][3] = whole if out[-1][3] is None else out[-1][3].cover(whole)
                continue
        if out[-1][2] and _ranged(out[-1], eq, lo, hi):
            continue
        if word(eq[lo]) in DEFINING and hi - lo > 1 and _has_relation(eq, b, lo + 1, hi):
            out.append([lo + 1, hi, [], None, False])  # `, \\text{where } r = …`: one more
            continue
        if word(eq[lo]) in CONDITIONS or (out[-1][2] and not _has_relation(eq, b, lo, hi)):
            raise TexError(
                "the condition after this equation is not read: a side condition compares "
                "indices, as in i = j or k \\neq i",
                whole,
            )
        if _has_relation(eq, b, lo, hi) and not _is_size(eq, lo):
            out.append([lo, hi, [], None, aside])
        elif all(eq[n].kind == "text" for n in range(lo, hi)):
            if not remark(eq[lo]):
                raise TexError("the words after this equation may qualify it", whole)
        else:
            out[-1][1] = hi  # read with the piece before, as one row
    if introduced(eq[out[0][0]]):  # `\text{Let } f = …`, `\text{so } g = …`: the equation
        out[0][0] += out[0][1] - out[0][0] > 1
    said = range(out[0][0], out[0][1])
    labelled = label(eq[out[0][0]]) or (len(out) > 1 and eq[out[0][1]].text in IMPLIES)
    if len(out) > 1 and all(eq[n].kind == "text" for n in said) and labelled:
        del out[0]  # a label before the equation: `\\text{(Mean)} \\mu = …`, `By (3) =>`
    for piece in out:
        _narrow(text, eq, b, piece[0], piece[1])
        piece[2] = [c for c in piece[2] if c != RANGE]
        piece[3] = piece[3] if piece[2] else None
    return tuple(_cased(Piece(eq[lo:hi], tuple(c), span, a), symbols) for lo, hi, c, span, a in out)


def _hypothesis(eq: tuple[Token, ...], piece: list, symbols: Symbols) -> list[Condition]:
    """The side conditions a hypothesis before an arrow states (`\\text{if } i = j
    \\Rightarrow …`): the equation after the arrow holds only there. A hypothesis that
    compares no indices (`\\text{if } y = 1`, `\\text{assuming } …`) makes the row unread:
    what follows it is no claim of its own."""
    conds = index_conditions(eq, piece[0], piece[1], symbols)
    if conds is None:
        raise TexError(
            "the equation after this hypothesis holds only under it, and the hypothesis is "
            "not read: a side condition compares indices, as in i = j or k \\neq i",
            Span(eq[piece[0]].start, eq[piece[1] - 1].end),
        )
    return conds


def mapped(eq: tuple[Token, ...]) -> tuple[Token, ...]:
    """`(Q, K, V) \\mapsto \\mathrm{Att}(Q, K, V) = …`: the equation after the arrow (what
    the arguments map to, the function at them), without a last side naming the map
    (`y = … = BN_{\\gamma}(x)`, see `mapnames`); the row itself when it is neither."""
    eq = valued(eq)  # y_l(\\boldsymbol{x}): the name y_l (see `perexample`)
    arrow = next((n for n, t in enumerate(eq) if t.text == "\\mapsto"), None)
    if arrow is None or not any(is_relation(t) for t in eq[arrow + 1 :]):
        return unnamed(eq)
    return unnamed(eq[arrow + 1 :])


def _cased(piece: Piece, symbols: Symbols) -> Piece:
    """A subscript that states a case, `y_{k \\neq i}` (the case k ≠ i of a derivation by
    cases), read as `y_k` with k ≠ i a side condition of the equation, which holds only
    there."""
    toks, conds, where = list(piece.tokens), list(piece.conditions), piece.where
    for n in range(len(toks) - 5, -1, -1):  # from the end, so that a cut moves nothing ahead
        a, rel, c = toks[n + 2], toks[n + 3], toks[n + 4]
        if [t.kind for t in toks[n : n + 6]] != _CASED or rel.text not in _UNEQUALS:
            continue
        if not _one_letter(toks, n - 1):  # \sum_{k \ne i}, \mathbb{1}_{k \ne i}: no case
            continue
        try:
            cond = Condition(
                index_of(a, symbols, None, "the condition"),
                "!=",
                index_of(c, symbols, None, "the condition"),
                span=Span(a.start, c.end),
            )
        except TexError:
            continue
        if cond not in conds:
            conds.append(cond)
        where = cond.span if where is None else where.cover(cond.span)
        del toks[n + 3 : n + 5]
    if toks == list(piece.tokens):
        return piece
    return Piece(tuple(toks), tuple(conds), where, piece.aside)


def _one_letter(toks: list[Token], n: int) -> bool:
    """Whether toks[n] is a name of one letter (not the end of a word such as max)."""
    if n < 0 or toks[n].kind != "letter":
        return False
    return n == 0 or toks[n - 1].kind != "letter" or toks[n - 1].end != toks[n].start


#: The tokens of a subscript that states a case: `_ { k \neq i }`.
_CASED = ["sub", "open", "letter", "command", "letter", "close"]


def _ranged(piece: list, eq: tuple[Token, ...], lo: int, hi: int) -> bool:
    """Whether eq[lo:hi] goes on a range written after the equation, `i = 1, \\ldots, N`:
    the index takes every value, so the condition `i = 1` it began with is dropped."""
    if hi - lo != 1:
        return False
    conds = piece[2]
    if eq[lo].text in RANGE_DOTS:
        last = conds[-1]
        if last == RANGE or (
            last.op == "==" and isinstance(last.left, Letter) and isinstance(last.right, Number)
        ):
            conds[-1] = RANGE
            return True
        return False
    if conds[-1] == RANGE and eq[lo].kind in ("letter", "number"):
        conds.pop()
        return True
    return False


def _segments(text: str, eq: tuple[Token, ...], b: brackets.Brackets) -> list[tuple[int, int]]:
    """The row cut at top-level commas, wide spacing between factors and words."""
    _spaced_items(text, eq, b)
    out, start = [], 0
    for n in brackets.top_level(b, 0, len(eq)):
        t = eq[n]
        if (t.kind == "symbol" and t.text in (",", ";")) or t.text in IMPLIES:
            out.append((start, n))
            start = n + 1
        elif n > start and (
            opens_words(t)
            or parenthesised(t)
            or (label(eq[0]) and t.kind != "text" and all(x.kind == "text" for x in eq[:n]))
            or ((t.kind == "text" or _juxtaposed(eq, n)) and _gap(text, eq, n).startswith("wide"))
        ):
            out.append((start, n))
            start = n
    out.append((start, len(eq)))
    return [(lo, hi) for lo, hi in out if lo < hi]


def _gap(text: str, eq: tuple[Token, ...], n: int) -> str:
    """What separates eq[n-1] from eq[n]: `wide …`, `narrow …`, `line break` or ``."""
    between = text[eq[n - 1].end : eq[n].start]
    for w in WIDE:
        if w in between:
            return f"wide {w}"
    for w in NARROW:
        if w in between:
            return f"narrow {w}"
    return "line break" if "\n" in between else ""


def _juxtaposed(eq: tuple[Token, ...], n: int) -> bool:
    """Whether eq[n] would multiply eq[n-1] by juxtaposition."""
    prev, cur = eq[n - 1], eq[n]
    if prev.kind in ("sup", "sub", "amp", "open", "begin") or prev.text in _PENDING:
        return False
    if is_relation(prev) or is_relation(cur) or prev.text == ",":
        return False
    if cur.kind in ("sup", "sub", "close", "end", "amp", "newline", "text"):
        return False
    return cur.text not in _PENDING or cur.text in ("(", "[")


def _has_relation(eq: tuple[Token, ...], b: brackets.Brackets, lo: int, hi: int) -> bool:
    return any(is_relation(eq[n]) for n in brackets.top_level(b, lo, hi))


def _is_size(eq: tuple[Token, ...], lo: int) -> bool:
    return eq[lo].kind == "text" and "size" in eq[lo].arg.lower()


def index_conditions(
    eq: tuple[Token, ...], lo: int, hi: int, symbols: Symbols
) -> list[Condition] | None:
    """The index (in)equalities of eq[lo:hi] (None when it is not only those)."""
    while lo < hi and opens_words(eq[lo]):
        lo += 1
    if hi - lo > 2 and eq[lo].text in ("(", "\\left(") and eq[hi - 1].text in (")", "\\right)"):
        lo, hi = lo + 1, hi - 1
    parts: list[list[Token]] = [[]]
    for t in eq[lo:hi]:
        if t.text in _JOINS or (t.kind == "text" and t.arg.strip().lower() == "and"):
            parts.append([])
        else:
            parts[-1].append(t)
    out = []
    for part in parts:
        if len(part) != 3 or not (part[1].text in _EQUALS or part[1].text in _UNEQUALS):
            return None
        try:
            a = index_of(part[0], symbols, None, "the condition")
            c = index_of(part[2], symbols, None, "the condition")
        except TexError:
            return None
        if not (isinstance(a, Letter) or isinstance(c, Letter)):
            return None
        op = "==" if part[1].text in _EQUALS else "!="
        out.append(Condition(a, op, c, span=Span(part[0].start, part[2].end)))
    return out


def _narrow(text: str, eq: tuple[Token, ...], b: brackets.Brackets, lo: int, hi: int) -> None:
    """Refuse narrow spacing or a line break between two factors of a middle side."""
    cuts = [n for n in brackets.top_level(b, lo, hi) if is_relation(eq[n])]
    for a, z in itertools.pairwise(cuts):
        for n in brackets.top_level(b, a + 2, z):
            gap = _gap(text, eq, n)
            if (
                gap
                and _juxtaposed(eq, n)
                and eq[n].text not in _OPENERS
                and not (eq[n].kind == "begin" and eq[n].arg.endswith("matrix"))  # as ( does
                and not _after_big(eq, b, a + 1, n)
            ):
                shown = gap.removeprefix("narrow ")
                raise TexError(
                    f"{shown} between two factors of a side that stands between two "
                    "relations could separate two equations or join a product; write "
                    "\\quad between two equations, or \\cdot in a product",
                    Span(eq[n - 1].end, max(eq[n].start, eq[n - 1].end + 1)),
                )


def _spaced_items(text: str, eq: tuple[Token, ...], b: brackets.Brackets) -> None:
    """Refuse two factors set apart by spacing wider than `\\,` inside a round or square
    bracket: `(u \\quad v)` and `[a \\; b]^T` list items or stack a vector, which
    juxtaposition would read as the product uv (numbers alone are a row vector of a worked
    example, `numarrays`' to read)."""
    for k, closer in b.pairs.items():
        opener = b.delimiters[k]
        inside = eq[opener.last + 1 : closer.first]
        numbers = all(t.kind == "number" or t.text in ("-", ",") for t in inside)
        if opener.char not in ("(", "[") or numbers:
            continue  # [0.5 \\; 0.6]: a row of numbers, which a worked example reads as one
        for n in brackets.top_level(b, opener.last + 2, closer.first):
            gap = _gap(text, eq, n)
            spaced = gap.startswith("wide") or gap in _SPACED
            if spaced and _juxtaposed(eq, n) and eq[n].text not in _OPENERS:
                raise TexError(
                    f"{gap.split()[-1]} between two items in a bracket makes a list or a "
                    "stacked vector, not read; write \\cdot in a product",
                    Span(eq[n - 1].end, max(eq[n].start, eq[n - 1].end + 1)),
                )


def _after_big(eq: tuple[Token, ...], b: brackets.Brackets, lo: int, n: int) -> bool:
    """Whether eq[n-1] ends the limits of a \\sum or \\prod (its body follows)."""
    opens = {close: start for start, close in b.groups.items()}
    k = n - 1
    for _ in range(2):  # a subscript and a superscript
        k = opens.get(k, k)
        if k - 1 < lo or eq[k - 1].kind not in ("sub", "sup"):
            break
        k -= 2
    return k >= lo and eq[k].text in _BIG
