"""A parser of symbn's own from LaTeX tokens to the syntax tree, with the symbol table at hand.

The grammar, loosest first:

    expr    := [+|-] term { (+|-) term }        a `\\cdots` term makes it a Series
    term    := factor { [\\cdot|\\times|*|\\odot|/] factor }   juxtaposition multiplies
    factor  := [-] atom { _sub | ^sup | ' }
    atom    := number | name | (expr) | {expr} | \\frac | \\sqrt | \\sum | Δ | function
             | \\begin{cases} | \\begin{pmatrix} …

What the symbols say decides the reading: `h_{kl}` is h[k, l] when h has two axes and
k, l are declared indices (commas always split); `\\sigma^2_l` is the name `var` when
`\\sigma^2` is a spelling, else a power; a size in a subscript is the last position;
`\\frac{\\partial X}{\\partial h_{ij}}` (or with `d`) is a derivative; `\\sum` runs over
the full range of each index it names. Every problem is a `TexError` at its span.
"""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex import brackets, texcalc
from symbn.language.latex.cursor import DOTS, Cursor
from symbn.language.latex.subscripts import index_of
from symbn.language.latex.symbols import ARG_COMMANDS, PLAIN_FONTS, Symbols, spelling_key
from symbn.language.latex.texenv import UNEQUALS, environment
from symbn.language.latex.texlex import Token
from symbn.language.latex.tree import (
    Add,
    Call,
    Div,
    Dots,
    Index,
    Letter,
    Mul,
    Neg,
    Node,
    Num,
    Pow,
    Prime,
    Ref,
    Series,
)
from symbn.source.positions import TexError

PRODUCT_OPS = frozenset({"\\cdot", "\\times", "*", "\\odot", "\\circ"})
FRACS = frozenset({"\\frac", "\\dfrac", "\\tfrac"})
NOT_READ = {
    "\\int": "integrals",
    "\\prod": "products \\prod",
    "\\lim": "limits",
    "\\infty": "infinity",
    "\\pm": "\\pm",
    "\\mp": "\\mp",
    "\\max": "max",
    "\\min": "min",
}
#: Tokens that end a term: what no factor starts with.
_ENDS = frozenset(
    {
        "+",
        "-",
        "=",
        ",",
        ":",
        ";",
        ")",
        "]",
        "!",
        "<",
        ">",
        "|",
        *brackets.CLOSERS,
        "==",
        "!=",
        "<>",
        "<=",
        ">=",
        ":=",
        "'",
        ".",
        "/",
    }
)


def parse(tokens: Sequence[Token], symbols: Symbols, lo: int = 0, hi: int | None = None) -> Node:
    """The tree of tokens[lo:hi], which must be one whole expression."""
    hi = len(tokens) if hi is None else hi
    p = Parser(tokens, symbols, brackets.match(tokens, lo, hi))
    return p.whole(lo, hi)


class Parser(Cursor):
    """Recursive descent over tokens[pos:hi], with the display's brackets matched once."""

    # -- expr and term -------------------------------------------------------------------

    def expr(self) -> Node:
        first = self.pos
        terms: list[tuple[int, Node]] = []
        problem = None
        sign = 1
        tok = self.peek()
        if tok is not None and tok.text in ("+", "-") and tok.kind == "symbol":
            sign = -1 if tok.text == "-" else 1
            self.pos += 1
        while True:
            tok = self.peek()
            if self.is_dots(tok):
                assert tok is not None
                self.pos += 1
                terms.append((sign, Dots(tok.text, span=tok.span)))
            else:
                terms.append((sign, self.term()))
            tok = self.peek()
            if tok is not None and tok.kind == "symbol" and tok.text in ("+", "-"):
                sign = -1 if tok.text == "-" else 1
                self.pos += 1
                continue
            if self.is_dots(tok) or (isinstance(terms[-1][1], Dots) and self.starts_factor(tok)):
                assert tok is not None
                where = "after" if isinstance(terms[-1][1], Dots) else "before"
                dots = terms[-1][1].command if isinstance(terms[-1][1], Dots) else tok.text
                problem = problem or (
                    f"a + or - is missing {where} {dots}; the terms around "
                    "an ellipsis need their operators"
                )
                sign = 1
                continue
            break
        span = self.span_from(first)
        if any(isinstance(n, Dots) for _, n in terms):
            return Series(tuple(terms), problem, span=span)
        if len(terms) == 1:
            s, n = terms[0]
            return n if s == 1 else Neg(n, span=span)
        return Add(tuple(terms), span=span)

    def starts_factor(self, tok: Token | None) -> bool:
        if tok is None or tok.kind in ("amp", "newline", "close", "end", "sup", "sub", "text"):
            return False
        if tok.kind == "symbol":
            return tok.text in ("(", "[")
        if tok.kind == "command":
            return not (
                tok.text in PRODUCT_OPS
                or tok.text in DOTS
                or tok.text in _ENDS
                or tok.text in UNEQUALS
                or tok.text in ("\\right", "\\middle")
                or (tok.text in brackets.SIZES and not self.opens_at(self.pos))
            )
        return True

    def opens_at(self, n: int) -> bool:
        d = self.b.delimiters.get(n)
        return d is not None and d.opens

    def term(self) -> Node:
        first = self.pos
        factors = [self.factor()]
        ops: list[str] = []
        while True:
            tok = self.peek()
            if tok is None:
                break
            if tok.kind == "symbol" and tok.text == "/":
                self.pos += 1
                den = self.factor()
                factors[-1] = Div(factors[-1], den, span=factors[-1].span.cover(den.span))
            elif tok.text in PRODUCT_OPS and tok.kind in ("command", "symbol"):
                self.pos += 1
                factors.append(self.factor())
                ops.append(tok.text)
            elif self.starts_factor(tok):
                factors.append(self.factor())
                ops.append("")
            else:
                break
        if len(factors) == 1:
            return factors[0]
        return Mul(tuple(factors), tuple(ops), span=self.span_from(first))

    def factor(self) -> Node:
        first = self.pos
        tok = self.peek()
        if tok is not None and tok.kind == "symbol" and tok.text == "-":
            self.pos += 1
            self.nested(first)
            arg = self.factor()
            self.depth -= 1
            return Neg(arg, span=self.span_from(first))
        if tok is not None and tok.kind != "text" and not self.starts_factor(tok):
            raise TexError(f"expected a term, found {tok.text!r}", tok.span)
        return self.atom()

    # -- atoms ---------------------------------------------------------------------------
    def atom(self) -> Node:
        first = self.pos
        tok = self.next()
        if tok.kind == "number":
            return self.scripts(Num(tok.text, span=tok.span), first)
        if tok.kind == "open":
            lo, hi = first + 1, self.b.groups[first]
            self.pos = hi + 1
            return self.scripts(self.whole(lo, hi), first)
        if first in self.b.delimiters:
            return self.scripts(self.delimited(first), first)
        if tok.kind == "begin":
            return self.scripts(environment(self, first), first)
        if tok.kind == "letter":
            return self.letters(first)
        if tok.kind == "command":
            return self.command(tok, first)
        if tok.kind == "text":
            func = self.s.function(spelling_key([tok]))
            if func is not None:
                return self.call(func, first)
            raise TexError(f"prose {tok.arg.strip()!r} in the middle of an equation", tok.span)
        raise TexError(f"unexpected {tok.text!r}", tok.span)

    def delimited(self, first: int) -> Node:
        """A group in delimiters; one that is never closed runs to the end of the range (the
        delimiter lint reports it)."""
        d = self.b.delimiters[first]
        if not d.opens:
            raise TexError(f"{d.written(self.t)} closes nothing", self.span_from(first))
        close = self.b.pairs.get(first)
        node = self.whole(d.last + 1, self.hi if close is None else close.first)
        self.pos = self.hi if close is None else close.last + 1
        return node

    def letters(self, first: int) -> Node:
        """A run of adjacent letters that spells a function or a name (`ReLU`), else one
        letter."""
        run = first
        while (
            run + 1 < self.hi
            and self.t[run + 1].kind == "letter"
            and self.t[run + 1].start == self.t[run].end
        ):
            run += 1
        for last in range(run, first, -1):
            key = spelling_key(self.t[first : last + 1])
            func = self.s.function(key)
            if func is not None:
                self.pos = last + 1
                return self.call(func, first)
            if self.s.name(key) is not None:
                self.pos = last + 1
                return self.named(first, last + 1)
        self.pos = first + 1
        if self.s.name(spelling_key(self.t[first : first + 1])) is None and run > first:
            word = "".join(t.text for t in self.t[first : run + 1])
            raise TexError(
                f"{word!r} is not a declared name or function (read as letters, "
                f"{self.t[first].text!r} is unknown)",
                self.span_of(first, run + 1),
            )
        return self.named(first, first + 1)

    def command(self, tok: Token, first: int) -> Node:
        name = tok.text
        if name in FRACS:
            return self.scripts(texcalc.frac(self, first), first)
        if name == "\\sqrt":
            nxt = self.peek()
            if nxt is not None and nxt.text == "[":
                raise TexError("roots other than square roots are not read", nxt.span)
            lo, hi = self.group()
            return self.scripts(Call("sqrt", self.whole(lo, hi), span=self.span_from(first)), first)
        if name in ("\\sum", "\\Sum"):
            return texcalc.sum(self, first)
        if name in DOTS:
            raise TexError(
                f"{name} stands where a term was expected; an ellipsis stands "
                "between terms joined by + or -",
                tok.span,
            )
        if name == "\\partial":
            raise TexError(
                "\\partial outside the numerator or denominator of a \\frac is not "
                "read; write \\frac{\\partial y}{\\partial x}",
                tok.span,
            )
        if name in NOT_READ:
            raise TexError(f"{NOT_READ[name]} are not read", tok.span)
        if self.is_delta(first):
            return texcalc.delta(self, first)
        func = self.s.function(spelling_key([tok]))
        if func is not None:
            return self.call(func, first)
        if name in ARG_COMMANDS:
            lo, hi = self.group()
            func = self.s.function(spelling_key(self.t[first : self.pos]))
            if func is not None:
                return self.call(func, first)
            if self.s.name(spelling_key(self.t[first : self.pos])) is None and name in PLAIN_FONTS:
                if lo >= hi:
                    raise TexError(f"{name}{{}} is empty", self.span_of(first, self.pos))
                return self.named(lo, hi)  # \mathit{w} is the symbol w
            return self.named(first, self.pos)
        return self.named(first, first + 1)

    def call(self, func: str, first: int) -> Node:
        self.nested(first)
        arg = self.factor()
        self.depth -= 1
        return Call(func, arg, span=self.span_from(first))

    # -- names, scripts and indices ------------------------------------------------------
    def read_scripts(self) -> tuple[tuple[int, int] | None, tuple[int, int] | None, int]:
        sub = sup = None
        primes = 0
        while (tok := self.peek()) is not None:
            if tok.kind == "sub" and sub is None:
                self.pos += 1
                sub = self.script_arg(tok)
            elif tok.kind == "sup" and sup is None and primes == 0:
                self.pos += 1
                sup = self.script_arg(tok)
            elif tok.kind == "symbol" and tok.text == "'" and sup is None:
                self.pos += 1
                primes += 1
            elif tok.kind in ("sub", "sup"):
                raise TexError(f"a second {tok.text} on the same symbol; use braces", tok.span)
            else:
                break
        return sub, sup, primes

    def script_arg(self, mark: Token) -> tuple[int, int]:
        if self.peek() is None:
            raise TexError(f"{mark.text} needs an argument", mark.span)
        lo, hi = self.group()
        tok = self.t[lo]
        if hi - lo == 1 and tok.kind == "number" and len(tok.text) > 1 and self.t[lo - 1] is mark:
            raise TexError(
                f"{mark.text}{tok.text} means {mark.text}{tok.text[0]} then "
                f"{tok.text[1:]} in TeX; write {mark.text}{{{tok.text}}}",
                tok.span,
            )
        return lo, hi

    def scripts(self, node: Node, first: int) -> Node:
        """Powers and primes on an atom that is not a name; subscripts are refused."""
        sub, sup, primes = self.read_scripts()
        if sub is not None:
            raise TexError(
                "a subscript here is not read; only names take indices", self.span_of(*sub)
            )
        return self.finish(node, sup, primes, first)

    def finish(self, node: Node, sup: tuple[int, int] | None, primes: int, first: int) -> Node:
        if primes > 1:
            raise TexError("second derivatives (u'') are not read", self.span_from(first))
        if primes:
            node = Prime(node, span=self.span_from(first))
        if sup is not None:
            node = Pow(node, self.whole(*sup), span=self.span_from(first))
        return node

    def named(self, lo: int, hi: int) -> Node:
        """The symbol spelled by tokens[lo:hi], with its scripts."""
        base = spelling_key(self.t[lo:hi])
        sub, sup, primes = self.read_scripts()
        name = None
        if sup is not None:
            name = self.s.name(f"{base} ^ {{ {spelling_key(self.t[sup[0] : sup[1]])} }}")
            if name is not None:
                sup = None
        name = name or self.s.name(base)
        written = "".join(t.text for t in self.t[lo:hi])
        if len(written) > 40:
            written = written[:39] + "…"
        if name is None:
            tok = self.t[lo]
            if tok.kind == "letter" and tok.text in self.s.indices and sub is None:
                if sup is not None or primes:
                    raise TexError(f"the index {tok.text} stands outside a subscript", tok.span)
                return Letter(tok.text, span=tok.span)
            raise TexError(
                f"unknown symbol {written}; declare it in the context (a size, tensor or spelling)",
                self.span_of(lo, hi),
            )
        kind = self.s.kind(name)
        indices: tuple[Index, ...] = ()
        if sub is not None:
            indices = self.indices(name, written, *sub)
        node = Ref(name, kind, indices, span=self.span_from(lo))
        return self.finish(node, sup, primes, lo)

    def indices(self, name: str, written: str, lo: int, hi: int) -> tuple[Index, ...]:
        shape = self.s.shape(name)
        what = f"{written}"
        if not shape:
            raise TexError(f"{written} has no axes; it takes no subscript", self.span_of(lo, hi))
        parts = self.pieces(lo, hi)
        if (
            len(parts) == 1
            and hi - lo == len(shape) > 1
            and all(
                self.t[n].kind == "letter" and self.t[n].text in self.s.indices
                for n in range(lo, hi)
            )
        ):
            parts = [(n, n + 1) for n in range(lo, hi)]
        if len(parts) != len(shape):
            axes = " × ".join(shape)
            given = "".join(t.text for t in self.t[lo:hi])
            raise TexError(
                f"{written} has {len(shape)} ax{'is' if len(shape) == 1 else 'es'} "
                f"({axes}) but the subscript {given!r} gives {len(parts)}; separate "
                "indices with commas, as in h_{k,l}",
                self.span_of(lo, hi),
            )
        out = []
        for n, ((a, b), size) in enumerate(zip(parts, shape, strict=True)):
            if b - a != 1:
                raise TexError(
                    f"axis {n + 1} of {what}: an index is one letter, number or size",
                    self.span_of(a, b) if b > a else self.span_of(lo, hi),
                )
            out.append(index_of(self.t[a], self.s, size, f"axis {n + 1} of {what}"))
        return tuple(out)
