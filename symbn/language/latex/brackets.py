"""What opens and closes what in a token sequence: braces, environments and delimiters.

Braces and `\\begin`/`\\end` must balance (TeX refuses otherwise), so a mismatch is an
error. Delimiters — `(`, `[`, `\\{`, `\\langle`, each bare or sized by `\\left`/`\\right`
or `\\big`, `\\Bigl`, … — are matched within their brace group; what does not pair is
recorded (never raised) so that a lint can report it and the parser can still read the
line, closing an unclosed delimiter at the end of its group.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from symbn.language.latex.texlex import Token
from symbn.source.positions import Span, TexError

OPENERS = {
    "(": ")",
    "[": "]",
    "\\{": "\\}",
    "\\lbrace": "\\rbrace",
    "\\langle": "\\rangle",
    "\\lbrack": "\\rbrack",
    "\\lparen": "\\rparen",
}
CLOSERS = frozenset(OPENERS.values())
#: The bars written as a pair, opening and closing (`\\lvert x \\rvert`).
PAIRED_BARS = {"\\lvert": "\\rvert", "\\lVert": "\\rVert"}
#: What else a size may stand before: the empty delimiter `.` and the bars.
BARS = frozenset({".", "|", "\\|", "\\vert", "\\Vert", "\\lvert", "\\rvert", "\\lVert", "\\rVert"})
SIZES = frozenset(
    {f"\\{b}{s}" for b in ("big", "Big", "bigg", "Bigg") for s in ("", "l", "r", "m")}
    | {"\\left", "\\right", "\\middle"}
)


@dataclass(frozen=True)
class Delimiter:
    """A delimiter as written: tokens `first`..`last` (the sizing command, if any, then the
    delimiter itself), its `size` (`""`, `\\left`, `\\big`, …) and its character."""

    first: int
    last: int
    size: str
    char: str

    @property
    def opens(self) -> bool:
        if self.char in OPENERS or self.size == "\\left" or self.char in PAIRED_BARS:
            return True
        if self.char in PAIRED_BARS.values():
            return False
        return self.char not in CLOSERS and self.size != "\\right" and self.size.endswith("l")

    def written(self, tokens: Sequence[Token]) -> str:
        return "".join(t.text for t in tokens[self.first : self.last + 1])


@dataclass(frozen=True)
class Brackets:
    """The matching of one token range: `groups` maps the index of each `{` and `\\begin`
    to its `}` or `\\end`; `pairs` maps each matched opening delimiter's first token to its
    closer; the rest are `unclosed`, `unopened` and `mismatched` (opener,
    closer) pairs of different kind or size."""

    groups: dict[int, int]
    pairs: dict[int, Delimiter]
    delimiters: dict[int, Delimiter]  # by first token
    unclosed: tuple[Delimiter, ...]
    unopened: tuple[Delimiter, ...]
    mismatched: tuple[tuple[Delimiter, Delimiter], ...]


def delimiter_at(tokens: Sequence[Token], n: int) -> Delimiter | None:
    """The delimiter starting at token n, if one does."""
    t = tokens[n]
    if t.kind == "command" and t.text in SIZES and n + 1 < len(tokens):
        nxt = tokens[n + 1]
        if nxt.text in OPENERS or nxt.text in CLOSERS or nxt.text in BARS:
            return Delimiter(n, n + 1, t.text, nxt.text)
        return None
    if t.text in OPENERS or t.text in CLOSERS:
        return Delimiter(n, n, "", t.text)
    return None


def paren_at(tokens: Sequence[Token], n: int) -> int | None:
    """Where the `(` of a bracket opened at token n stands, sized or not (`(`, `\\left(`,
    `\\big(`); None when no round bracket opens there."""
    d = delimiter_at(tokens, n) if n < len(tokens) else None
    return d.last if d is not None and d.char == "(" and d.opens else None


def _base_size(size: str) -> str:
    if len(size) < 2 or size in ("\\left", "\\right", "\\middle"):
        return size
    return size.rstrip("lrm") if size[-1] in "lrm" and size[-2] == "g" else size


def match(tokens: Sequence[Token], lo: int = 0, hi: int | None = None) -> Brackets:
    """Match braces, environments and delimiters in tokens[lo:hi]."""
    hi = len(tokens) if hi is None else hi
    groups: dict[int, int] = {}
    pairs: dict[int, Delimiter] = {}
    delims: dict[int, Delimiter] = {}
    unclosed: list[Delimiter] = []
    unopened: list[Delimiter] = []
    mismatched: list[tuple[Delimiter, Delimiter]] = []
    stack: list[tuple[int, list[Delimiter]]] = [(-1, [])]  # brace or env, delimiters in it
    n = lo
    while n < hi:
        t = tokens[n]
        if t.kind in ("open", "begin"):
            stack.append((n, []))
        elif t.kind in ("close", "end"):
            if len(stack) == 1:
                what = "}" if t.kind == "close" else t.text
                raise TexError(f"this {what} closes nothing", t.span)
            start, inner = stack.pop()
            opener = tokens[start]
            if (opener.kind == "open") != (t.kind == "close") or opener.arg != t.arg:
                raise TexError(f"{opener.text} is closed by {t.text}", Span(opener.start, t.end))
            groups[start] = n
            unclosed.extend(inner)
        else:
            d = delimiter_at(tokens, n)
            if d is not None and d.size != "\\middle":
                delims[n] = d
                inner = stack[-1][1]
                if d.opens:
                    inner.append(d)
                elif inner:
                    o = inner.pop()
                    pairs[o.first] = d
                    if not _fits(o, d):
                        mismatched.append((o, d))
                else:
                    unopened.append(d)
                n = d.last
        n += 1
    if len(stack) > 1:
        t = tokens[stack[-1][0]]
        raise TexError(f"this {t.text} is never closed", t.span)
    unclosed.extend(stack[0][1])
    return Brackets(
        groups,
        pairs,
        delims,
        tuple(sorted(unclosed, key=lambda d: d.first)),
        tuple(unopened),
        tuple(mismatched),
    )


def _fits(o: Delimiter, c: Delimiter) -> bool:
    closer = OPENERS.get(o.char) or PAIRED_BARS.get(o.char, o.char)  # \left| … \right|
    kind = o.char == "." or c.char in (".", closer)
    size = _base_size(o.size) == _base_size(c.size) or (o.size, c.size) == ("\\left", "\\right")
    return kind and size


def top_level(b: Brackets, lo: int, hi: int, *, delimiters: bool = True) -> Iterator[int]:
    """The indices in [lo, hi) outside every group, environment and (when `delimiters`)
    matched delimiter pair."""
    n = lo
    while n < hi:
        yield n
        if n in b.groups:
            n = b.groups[n]
        elif delimiters and n in b.pairs:
            n = b.pairs[n].last
        n += 1


def split(
    tokens: Sequence[Token],
    b: Brackets,
    lo: int,
    hi: int,
    kinds: frozenset[str],
    *,
    delimiters: bool = True,
) -> list[tuple[int, int]]:
    """tokens[lo:hi] cut at each top-level token whose kind or text is in `kinds`: the
    [start, end) ranges between the cuts."""
    out, start = [], lo
    for n in top_level(b, lo, hi, delimiters=delimiters):
        t = tokens[n]
        if (
            t.kind in kinds
            or (t.kind == "symbol" and t.text in kinds)
            or (t.kind == "command" and t.text in kinds)
        ):
            out.append((start, n))
            start = n + 1
    out.append((start, hi))
    return out


def argument(inside: Sequence[Token], k: int) -> bool:
    """Whether inside[k] may stand in a list of arguments: no symbol but a comma, and a
    number only in a subscript (`J(w_1, w_2, b)`)."""
    t = inside[k]
    if t.kind == "number":
        before = [x.kind for x in inside[max(k - 2, 0) : k]]
        return before[-1:] == ["sub"] or before == ["sub", "open"]
    return t.kind != "symbol" or t.text == ","
