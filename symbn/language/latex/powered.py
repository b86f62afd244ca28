"""What a function's name carries before its argument: a prime, `\\sigma'(z)`, its
derivative (a second prime is not read); or a whole power, `\\tanh^2(z)`,
`tanh^{2}(z)`, `\\sigma^2(x)`, as calculus books write sin²x, is the square of the value,
(tanh z)², never the function applied twice nor a power of the argument.

Only a whole number of at least 2 is read so: `f^{-1}` (the inverse) and `f^{(n)}` (a
derivative) stay unread, and an argument after a power must be written in brackets
(`\\tanh^2 z` is not read, as where the power ends is then unclear).

A logarithm's base under its name, `\\log_2 x`, `log_{10}(x)`, is a whole number of at
least 2 (the value is ln x / ln 2) or e (`log_e x`, the natural logarithm); any other base
is not read.

An argument in parentheses is the same whether or not braces hold them: `\\log{(x)}^{2}`
reads as `\\log(x)^2`, (log x)², the way it prints.
"""

from __future__ import annotations

from symbn.language.latex.cursor import Cursor
from symbn.language.latex.texlex import TexError
from symbn.language.latex.tree import Call, Div, Node, Num, Pow


def primed(p: Cursor, func: str) -> str:
    """The function, or its derivative (`func'`) when a prime follows its name (the
    cursor moved past it)."""
    tok = p.peek()
    if tok is None or tok.kind != "symbol" or tok.text != "'":
        return func
    p.pos += 1
    after = p.peek()
    if after is not None and after.kind == "symbol" and after.text == "'":
        raise TexError(f"a second derivative of {func} is not read", after.span)
    return func + "'"


def power_first(p: Cursor) -> Num | None:
    """The power written at the cursor before a function's argument (the cursor moved past
    it), or None with the cursor left where it was."""
    tok = p.peek()
    if tok is None or tok.kind != "sup":
        return None
    start = p.pos
    p.pos += 1
    try:
        lo, hi = p.group()
    except TexError:
        p.pos = start
        return None
    toks = p.t[lo:hi]
    after = p.peek()
    whole = len(toks) == 1 and toks[0].kind == "number" and toks[0].text.isdigit()
    if not whole or int(toks[0].text) < 2:
        raise TexError(
            "a superscript on a function's name other than a whole power of at least 2 "
            "(a layer's label, \\sigma^{[l]}, or an inverse, f^{-1}) is not read",
            p.span_of(start, p.pos),
        )
    if after is None or after.text not in ("(", "\\left", "\\big", "\\Big", "\\bigl", "\\Bigl"):
        raise TexError(
            f"a power on a function's name is read with the argument in brackets: "
            f"f^{toks[0].text}(x)",
            p.span_of(start, p.pos),
        )
    return Num(toks[0].text, span=toks[0].span)


def parenthesised(p: Cursor) -> tuple[int, int] | None:
    """Where a function's argument in parentheses opens, and where what holds it ends: at
    the cursor, `\\tanh(x)`, or inside a brace group that holds only the parentheses,
    `\\tanh{\\left(x \\right)}^{2}` as SymPy prints (tanh x)²: braces show nothing, so a power
    after them is the call's, as after `\\tanh(x)`, never the argument's. None for any other
    argument."""
    at, end = p.pos, p.pos
    tok = p.peek()
    if tok is not None and tok.kind == "open" and p.pos in p.b.groups:
        at, end = p.pos + 1, p.b.groups[p.pos] + 1
    d = p.b.delimiters.get(at)
    if d is None or not d.opens or p.t[d.last].text != "(":
        return None
    close = p.b.pairs.get(at)
    if end > at and (close is None or close.last + 2 != end):  # \tanh{(x) + 1}: not only
        return None
    return at, end


def raised(call: Node, power: Num | None) -> Node:
    """The value of the call, raised to the power written on the function's name."""
    return call if power is None else Pow(call, power, span=call.span)


def log_base(p: Cursor) -> Num | None:
    """The base written under a logarithm's name (the cursor moved past it): a whole
    number, or None for no base or base e."""
    tok = p.peek()
    if tok is None or tok.kind != "sub":
        return None
    start = p.pos
    p.pos += 1
    lo, hi = p.group()
    toks = p.t[lo:hi]
    if len(toks) == 1 and toks[0].kind == "letter" and toks[0].text == "e":
        return None
    whole = len(toks) == 1 and toks[0].kind == "number" and toks[0].text.isdigit()
    if whole and int(toks[0].text) >= 2:
        return Num(toks[0].text, span=toks[0].span)
    raise TexError(
        "a logarithm to a base that is not e or a whole number of at least 2 is not read",
        p.span_of(start, p.pos),
    )


def based(value: Node, base: Num | None) -> Node:
    """A logarithm's value to the base written under its name: ln x / ln b."""
    if base is None:
        return value
    return Div(value, Call("log", base, span=base.span), span=value.span)
