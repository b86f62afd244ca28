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

The grammar is here; names with their scripts are read by `texnames.Names`, which `Parser`
extends, commands with a braced argument by `texfonts`, and sums, deltas, fractions and
environments by `texcalc` and `texenv`."""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex import (
    along,
    brackets,
    calls,
    decoration,
    differentials,
    directional,
    inner,
    norms,
    points,
    powered,
    primes,
    subpartial,
    texcalc,
    texfonts,
    texmatrix,
    texrel,
    wordnames,
)
from symbn.language.latex.cursor import DOTS
from symbn.language.latex.symbols import ARG_COMMANDS, Symbols, spelling_key
from symbn.language.latex.texenv import UNEQUALS, environment, grouped
from symbn.language.latex.texlex import Token
from symbn.language.latex.texnames import Names
from symbn.language.latex.tree import (
    Add,
    Call,
    Div,
    Dots,
    Frobenius,
    Mul,
    Neg,
    Node,
    Num,
    Series,
)
from symbn.source.positions import TexError

PRODUCT_OPS = frozenset({"\\cdot", "\\times", "*", "\\odot", "\\circ", "\\oslash"})
FRACS = frozenset({"\\frac", "\\dfrac", "\\tfrac"})
#: Tokens that end a term: what no factor starts with.
_ENDS = frozenset({*"+-=,:;)]!<>|'./", *brackets.CLOSERS, "==", "!=", "<>", "<=", ">=", ":="})


def parse(tokens: Sequence[Token], symbols: Symbols, lo: int = 0, hi: int | None = None) -> Node:
    """The tree of tokens[lo:hi], which must be one whole expression."""
    hi = len(tokens) if hi is None else hi
    tokens, hi = primes.unprimed(tokens, symbols, lo, hi)  # A^{ij'}: a spare letter for j'
    p = Parser(tokens, symbols, brackets.match(tokens, lo, hi))
    return p.whole(lo, hi)


class Parser(Names):
    """Recursive descent over tokens[pos:hi], with the display's brackets matched once."""

    # -- expr and term -------------------------------------------------------------------

    def at_point(self, node: Node, bar: int) -> Node:
        return points.evaluated(self, node, bar)

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
        if tok is not None and tok.kind == "text":  # g \\text{tanh}(z): a function's name
            return self.s.function(spelling_key([tok])) is not None
        if tok is None or tok.kind in ("amp", "newline", "close", "end", "sup", "sub"):
            return False
        if tok.kind == "symbol":
            return tok.text in ("(", "[") or (tok.text == "|" and norms.opens(self, self.pos))
        if tok.kind == "command":
            return not (
                tok.text in PRODUCT_OPS
                or tok.text in DOTS
                or tok.text in _ENDS
                or tok.text in UNEQUALS
                or tok.text in ("\\right", "\\middle")
                or (
                    tok.text in brackets.SIZES
                    and not self.opens_at(self.pos)
                    and not norms.opens(self, self.pos)
                )
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
            elif tok.kind == "symbol" and tok.text == ":":  # A : B, looser than a product
                colon = self.pos
                self.pos += 1
                left: Node = factors[0]
                if len(factors) > 1:
                    left = Mul(tuple(factors), tuple(ops), span=self.span_of(first, colon))
                return Frobenius(left, self.term(), span=self.span_from(first))
            elif tok.text in PRODUCT_OPS and tok.kind in ("command", "symbol"):
                self.pos += 1
                factors.append(self.factor())
                elementwise = tok.text == "*" and self.s.notation.get("star") == "elementwise"
                ops.append("\\odot" if elementwise else tok.text)
                inner.vectors(self, factors, ops)  # \mathbf{w} \cdot \mathbf{x}: Σ w_i x_i
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
        if tok is not None and tok.kind in ("sub", "sup"):
            raise TexError(
                "a script with no name before it (a left superscript, {}^p E) is not read",
                tok.span,
            )
        if tok is not None and tok.kind != "text" and not self.starts_factor(tok):
            raise TexError(f"expected a term, found {tok.text!r}", tok.span)
        return self.atom()

    # -- atoms ---------------------------------------------------------------------------
    def atom(self) -> Node:
        first = self.pos
        if (func := calls.labelled_function(self, first)) is not None:  # \\sigma_h(s_h)
            return self.call(func, first)
        tok = self.next()
        if tok.kind == "number":
            nxt = self.peek()
            if tok.text == "1" and nxt is not None and nxt.kind == "sub":
                return texmatrix.ones(self, first, None)  # 1_N
            if tok.text == "1" and self.pos in self.b.delimiters:
                indicator = texmatrix.plain_indicator(self, first)  # 1\{k = i\}, 1(k == i)
                if indicator is not None:
                    return indicator
            return self.scripts(Num(tok.text, span=tok.span), first)
        if tok.kind == "open":
            lo, hi = first + 1, self.b.groups[first]
            self.pos = hi + 1
            parts = brackets.split(self.t, self.b, lo, hi, frozenset({"\\over"}))
            if len(parts) == 2:  # {a \over b}, TeX's fraction
                return self.scripts(texcalc.over(self, first, hi, parts[0], parts[1]), first)
            self.invisible(first, lo, hi)
            return self.scripts(self.whole(lo, hi), first)
        if (tok.text in norms.BARS or tok.text in brackets.SIZES) and (
            bars := norms.norm(self, first)
        ) is not None:  # \|v\|^2, \left| v \right|
            return bars
        if first in self.b.delimiters:
            rel = texrel.bracket(self, first)  # [m \le n], an Iverson bracket
            return rel or self.scripts(self.delimited(first), first)
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
            if (named := calls.spelled(self, first)) is not None:  # \text{Loss}, \text{GELU}(x)
                return named
            raise TexError(f"prose {tok.arg.strip()!r} in the middle of an equation", tok.span)
        raise TexError(f"unexpected {tok.text!r}", tok.span)

    def invisible(self, first: int, lo: int, hi: int) -> None:
        """Refuse braces that would group terms in a product: TeX prints none, so `{a - b} c`
        shows a - b c, and reading it as (a - b) c would check another equation."""
        top = brackets.top_level(self.b, lo, hi)
        terms = any(self.t[n].text in ("+", "-") and n > lo for n in top)
        scripted = first > 1 and self.t[first - 2].kind in ("sub", "sup")  # \sum^N{a - b}
        before = (
            first > 0
            and not scripted
            and (
                self.t[first - 1].kind in ("letter", "number")
                or self.t[first - 1].text in (")", "]")
            )
        )
        nxt = self.peek()
        if terms and (before or (self.starts_factor(nxt) and nxt is not None)):
            raise TexError(
                "braces around terms beside a factor group nothing in print ({a - b} c shows "
                "a - b c); write parentheses",
                self.span_of(first, hi + 1),
            )

    def delimited(self, first: int) -> Node:
        """A group in delimiters; one that is never closed runs to the end of the range (the
        delimiter lint reports it)."""
        d = self.b.delimiters[first]
        if not d.opens:
            raise TexError(f"{d.written(self.t)} closes nothing", self.span_from(first))
        close = self.b.pairs.get(first)
        if close is not None and (node := grouped(self, first, d.last, close)) is not None:
            return node  # <A, B>_F, (p_1, p_2, p_3)
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
        if (whole := calls.spelled(self, first)) is not None:  # RMS(x), d\mathbf{y}
            return whole
        for last in range(run, first - 1, -1):  # the longest run a function or name spells
            key = spelling_key(self.t[first : last + 1])
            func = self.s.function(key)
            if func is not None:
                wordnames.not_names(self.t[first : last + 1], self.s)  # ln(x) beside l and n
                self.pos = last + 1
                return self.call(func, first)
            if last > first and self.s.name(key) is not None:
                self.pos = last + 1
                return self.named(first, last + 1)
        self.pos = first + 1
        if "".join(t.text for t in self.t[first : run + 1]) == "max":
            self.pos = run + 1  # max(0, z), written as letters
            relu = texmatrix.maximum(self, first)
            if relu is not None:
                return relu
            self.pos = first + 1
        if run == first and texmatrix.is_identity(self, first, first + 1):
            return texmatrix.identity(self, first)
        if self.t[first].text == "d" and differentials.on(self.s):  # dX: a differential
            node = differentials.after(self, first, first + 1) or directional.after(self, first)
            if node is not None:
                return node
            self.pos = first + 1
        if self.t[first].text in self.s.gradients:  # dW, d\tilde{H}
            grad = texmatrix.prefixed(self, first)
            if grad is not None:
                return grad
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
        if name == "\\partial" and (slashed := texmatrix.slashed(self, first)) is not None:
            return slashed
        if name == "\\partial" and (op := subpartial.operator(self, first)) is not None:
            return op  # \partial_x f
        if name == "\\dot" and (op := subpartial.dotted(self, first)) is not None:
            return op  # \dot{f}(z): f'(z)
        if name == "\\partial":
            raise TexError(
                "\\partial outside the numerator or denominator of a \\frac is not "
                "read; write \\frac{\\partial y}{\\partial x}",
                tok.span,
            )
        if name == "\\nabla":
            return texmatrix.nabla(self, first)
        if name == "\\max":
            relu = texmatrix.maximum(self, first)
            if relu is not None:
                return relu
        if name in decoration.NOT_READ:
            raise TexError(f"{decoration.NOT_READ[name]} are not read", tok.span)
        if self.is_delta(first):
            return texcalc.delta(self, first)
        func = self.s.function(spelling_key([tok]))
        if func is not None:
            return self.call(func, first)
        if (whole := calls.spelled(self, first)) is not None:  # \operatorname{RMS}(x)
            return whole
        if name in ARG_COMMANDS or name in texmatrix.ONE_FONTS:
            return texfonts.font(self, name, first)
        return self.named(first, first + 1)

    def call(self, func: str, first: int) -> Node:
        tok = self.peek()
        func = powered.primed(self, func)  # \sigma'(z)
        if func == "softmax" and tok is not None and tok.kind == "sub":  # softmax_j(S_{ij})
            return along.softmax(self, first)
        base = powered.log_base(self) if func == "log" else None  # \log_2 x
        power = powered.power_first(self)  # \tanh^2(x): (tanh x)²
        if (opened := powered.parenthesised(self)) is not None:  # \tanh(x)^2: (tanh x)²
            arg = self.delimited(opened[0])
            self.pos = max(self.pos, opened[1])
            call = along.applied(self, func, first, arg)  # softmax(z_j)
            return self.scripts(powered.raised(powered.based(call, base), power), first)
        self.nested(first)
        arg = self.factor()
        self.depth -= 1
        call = Call(func, arg, span=self.span_from(first))
        return powered.raised(powered.based(call, base), power)
