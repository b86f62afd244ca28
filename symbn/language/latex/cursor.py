"""The position of a parser in a display's tokens, and what moving it needs: peeking,
taking, groups, spans, nesting depth.

`Cursor` is the plumbing under `symbn.language.latex.texmath.Parser` (through
`texnames.Names`, which reads names and their scripts); the functions that read one
construct (environments in `texenv`, sums, deltas and fractions in `texcalc`) take a cursor
and call back into the grammar through the methods it declares, which the parser supplies.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Self

from symbn.language.latex import bars, brackets
from symbn.language.latex.symbols import Symbols, key_of, spelling_key
from symbn.language.latex.texlex import Token
from symbn.language.latex.tree import Index, Node
from symbn.source.positions import Span, TexError

DOTS = frozenset({"\\cdots", "\\ldots", "\\dots", "\\vdots", "\\ddots", "\\dotsb", "\\dotsc"})
MAX_DEPTH = 50  # nesting of groups, fractions, scripts and signs in one expression


#: Tokens that make a range more than a product of factors.
_NOT_PRODUCT = frozenset({"+", "-", "/", "\\div", "\\over", "\\pm", "\\mp", "="})


class Cursor:
    """Tokens[pos:hi] of one display, its brackets matched once, and the symbol table."""

    def __init__(self, tokens: Sequence[Token], symbols: Symbols, b: brackets.Brackets):
        self.t = tokens
        self.s = symbols
        self.b = b
        self.pos = 0
        self.hi = 0
        self.delta_key = key_of(symbols.delta)
        self.depth = 0

    def nested(self, start: int) -> None:
        """Count one more level of nesting at token `start`; refuse past MAX_DEPTH (Python's
        own recursion would give out first)."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            tok = self.t[min(start, len(self.t) - 1)]
            raise TexError(f"the maths is nested more than {MAX_DEPTH} deep", tok.span)

    def sub(self, lo: int, hi: int) -> Self:
        """A parser of tokens[lo:hi] that shares this one's matching and depth."""
        p = type(self)(self.t, self.s, self.b)
        p.pos, p.hi, p.depth = lo, hi, self.depth
        return p

    def whole(self, lo: int, hi: int) -> Node:
        """Parse tokens[lo:hi] completely."""
        saved = self.pos, self.hi, self.depth
        self.pos, self.hi = lo, hi
        self.nested(lo)
        if lo >= hi:
            at = self.t[lo - 1].end if lo > 0 else 0
            raise TexError("an expression is missing here", Span(at, at + 1))
        node = self.expr()
        if self.pos < self.hi and bars.at(self.t, self.pos, self.hi) is not None:
            node = self.at_point(node, self.pos)  # f \Big|_{z=0}
        if self.pos < self.hi and not self.stray_close(lo):
            t = self.t[self.pos]
            raise TexError(f"unexpected {t.text!r}", t.span)
        self.pos, self.hi, self.depth = saved
        return node

    def stray_close(self, lo: int) -> bool:
        """Whether what is left of the range from `lo` is one `)` that closes nothing,
        written after a `)` of a product (`\\partial softmax(z_j))`): wherever its `(` was
        meant, the product is the same, so it is left (the delimiter lint reports it). With
        a sign or a division before it (`a b + f(x))`), where it opens changes the value,
        and it is not."""
        return (
            self.pos == self.hi - 1
            and self.t[self.pos - 1].text == ")"
            and any(d.first == self.pos and d.char == ")" for d in self.b.unopened)
            and not any(t.text in _NOT_PRODUCT for t in self.t[lo : self.pos])
        )

    def peek(self) -> Token | None:
        return self.t[self.pos] if self.pos < self.hi else None

    def next(self) -> Token:
        tok = self.peek()
        if tok is None:
            last = self.t[self.hi - 1] if self.hi else None
            raise TexError(
                "the expression ends too early", last.span if last is not None else Span(0, 1)
            )
        self.pos += 1
        return tok

    def span_from(self, first: int) -> Span:
        last = self.t[max(first, self.pos - 1)]
        return Span(self.t[first].start, last.end)

    def group(self) -> tuple[int, int]:
        """The token range of the argument at pos: the inside of a braced group, or one
        token."""
        tok = self.next()
        if tok.kind == "open":
            close = self.b.groups[self.pos - 1]
            lo, self.pos = self.pos, close + 1
            return lo, close
        if tok.kind in ("close", "end", "amp", "newline", "sub", "sup"):
            raise TexError(f"an argument is missing before {tok.text!r}", tok.span)
        if tok.kind == "number" and len(tok.text) > 1:  # TeX takes one digit: \frac12
            raise TexError(
                f"a bare argument {tok.text} is read by TeX as {tok.text[0]} then "
                f"{tok.text[1:]}; write braces",
                tok.span,
            )
        return self.pos - 1, self.pos

    def is_dots(self, tok: Token | None) -> bool:
        return tok is not None and tok.kind == "command" and tok.text in DOTS

    def span_of(self, lo: int, hi: int) -> Span:
        return Span(self.t[lo].start, self.t[hi - 1].end)

    def is_delta(self, first: int) -> bool:
        """Whether token `first` begins a Kronecker delta: the context's spelling of it
        (`\\Delta`), or `\\delta` with two indices in its subscript (`\\delta_{ij}`,
        `\\delta_{i,j}`) even when δ also names a scalar."""
        tok = self.t[first]
        if spelling_key([tok]) == self.delta_key:
            return True
        einstein = self.s.notation.get("sums") == "einstein"  # indices up: \delta^j_m
        if tok.text == "\\delta" and einstein and self._mixed_delta(first):
            return True
        if tok.text != "\\delta" or first + 3 >= len(self.t) or self.t[first + 1].kind != "sub":
            return False
        opened = first + 2
        if self.t[opened].kind != "open":
            return False
        group = self.t[opened + 1 : self.b.groups.get(opened, opened)]
        parts = [list(self.t[x:y]) for x, y in self.pieces(opened + 1, opened + 1 + len(group))]
        if len(parts) == 2 and any(map(self._label_piece, parts)):  # \delta_{c, y_n}
            return all(
                self._label_piece(x) or (len(x) == 1 and self._index_like(x[0])) for x in parts
            )
        inner = [t for t in group if t.text != ","]
        if sum(t.text == "," for t in group) == 1 and any(t.text in "+-" for t in inner):
            return all(self._index_like(t) or t.text in "+-" for t in inner)  # \delta_{s-1,t}
        return len(inner) == 2 and all(self._index_like(t) for t in inner)

    def _mixed_delta(self, first: int) -> bool:
        """`\\delta^j_m` (or `\\delta_m^j`, braced or not): one index letter up, one down, as
        a document that writes indices as superscripts writes the Kronecker delta."""
        kinds = set()
        at = first + 1
        for _ in range(2):
            if at + 1 >= len(self.t) or self.t[at].kind not in ("sub", "sup"):
                return False
            kinds.add(self.t[at].kind)
            arg = at + 1
            end = self.b.groups.get(arg, arg) if self.t[arg].kind == "open" else arg
            inner = self.t[arg + 1 : end] if end != arg else self.t[arg : arg + 1]
            if len(inner) != 1 or not self._index_like(inner[0]):
                return False
            at = end + 1
        return len(kinds) == 2

    def _index_like(self, tok: Token) -> bool:
        return (tok.kind == "letter" and tok.text in self.s.indices) or (
            tok.kind == "number" and tok.text.isdigit()
        )

    def _label_piece(self, toks: list[Token]) -> bool:
        """Whether tokens are an element of a label, `y_n` or `y_{n}`."""
        return (
            len(toks) >= 3
            and self.s.name(spelling_key(toks[:1])) in self.s.labels
            and toks[1].kind == "sub"
        )

    def pieces(self, lo: int, hi: int) -> list[tuple[int, int]]:
        return brackets.split(self.t, self.b, lo, hi, frozenset({","}))

    # -- the grammar, which the parser supplies ---------------------------------------------
    def expr(self) -> Node:
        raise NotImplementedError

    def position(self, a: int, b: int, size: str | None, what: str) -> Index:
        raise NotImplementedError

    def term(self) -> Node:
        raise NotImplementedError

    def factor(self) -> Node:
        raise NotImplementedError

    def atom(self) -> Node:
        raise NotImplementedError

    def starts_factor(self, tok: Token | None) -> bool:
        raise NotImplementedError

    def at_point(self, node: Node, bar: int) -> Node:
        """`node` at the point the evaluation bar at token `bar` sets."""
        raise NotImplementedError

    def read_scripts(self) -> tuple[tuple[int, int] | None, tuple[int, int] | None, int]:
        raise NotImplementedError
