"""The partial derivative written as an operator with its variable as a subscript,
`\\partial_x f`, `\\partial_{w_{11}} E`, `\\partial_z \\left( z^2 + 3 z \\right)`: the
derivative by that variable of the one factor after it (a bracket, a name, a function
applied). Where the factor is followed by another juxtaposed factor (`\\partial_x f g`)
how far the operator reaches is the author's to say: the row is left unread, naming the
construct. A subscript that is no name of the document (`\\partial_i L`, an index letter
standing for x_i) is not read either.

`\\frac{\\partial}{o_k}(…)`, a lone `\\partial` over one name written without its own
`\\partial`, can only mean ∂/∂o_k: it is read so (a `d` over a name, `\\frac{d}{n}`, is a
quotient and stays one).

A function's derivative written with its name: `\\frac{df}{dz}` where the row applies f (or
f') to z itself, and `\\dot{f}(z)`, f'(z), for f a function of the document (σ, or one it
leaves unsaid)."""

from __future__ import annotations

from symbn.language.latex.cursor import Cursor
from symbn.language.latex.symbols import spelling_key
from symbn.language.latex.tree import Call, Diff, Node, Ref
from symbn.source.positions import TexError

#: Why a row with `\\partial_x` before a product is not read.
REACH = (
    "\\partial_x before a product of several factors: how far the operator reaches is not "
    "read; put its operand in brackets, \\partial_x (f g)"
)


def operator(p: Cursor, first: int) -> Node | None:
    """`\\partial_x f` (the `\\partial` at token first read): the derivative of the factor
    after it by x; None (nothing read) when no subscript follows the `\\partial`."""
    tok = p.peek()
    if tok is None or tok.kind != "sub":
        return None
    sub, sup, primes = p.read_scripts()
    if sub is None or sup is not None or primes:
        raise TexError("the partial derivative is written \\partial_x f", p.span_from(first))
    inner = p.sub(*sub)
    wrt = inner.atom() if inner.peek() is not None else None
    if not isinstance(wrt, Ref) or wrt.kind != "tensor" or inner.peek() is not None:
        raise TexError(
            "\\partial_x is read with a name of the document as its subscript only "
            "(an index letter, \\partial_i, is not read)",
            p.span_of(*sub),
        )
    if not p.starts_factor(p.peek()):
        raise TexError("\\partial_x has nothing to act on", p.span_from(first))
    p.nested(first)
    expr = p.factor()
    p.depth -= 1
    if p.peek() is not None and p.starts_factor(p.peek()):
        raise TexError(REACH, p.span_from(first))
    return Diff(expr, wrt, "partial", span=p.span_from(first))


def bare_partial(p: Cursor, num: tuple[int, int], den: tuple[int, int]) -> bool:
    """Whether `\\frac{num}{den}` is a lone `\\partial` over one plain name with no
    differential of its own (`\\frac{\\partial}{o_k}`): the operator ∂/∂o_k with its
    second `\\partial` left out."""
    lone = num[1] - num[0] == 1 and p.t[num[0]].text == "\\partial"
    if not lone or den[0] >= den[1] or p.t[den[0]].text in ("\\partial", "d"):
        return False
    saved = p.pos
    try:
        inner = p.sub(*den)
        wrt = inner.atom()
        return isinstance(wrt, Ref) and wrt.kind == "tensor" and inner.peek() is None
    except TexError:
        return False
    finally:
        p.pos = saved


def function_of(p: Cursor, lo: int, hi: int, target: Ref) -> Node | None:
    """The numerator tokens[lo:hi] of `\\frac{df}{dz}` as f(z) when they are the name of a
    function alone and the row applies that function to z itself (`\\frac{df}{dz} =
    f(z)(1 - f(z))`); None when they are not a function's name. Where the row never writes
    f(z) the variable f is a function of is the author's to say (`\\frac{df}{dw}` beside
    f(w x + b) may mean the chain through w), and a bracket right after the fraction
    (`\\frac{df}{dz}(u)`) may be the point it is taken at: neither is read."""
    if hi - lo != 1 or p.t[lo].kind not in ("letter", "command"):
        return None
    key = spelling_key(p.t[lo : lo + 1])
    func = p.s.function(key)
    if func is None or p.s.name(key) is not None:
        return None
    after = p.peek()
    if after is not None and after.text in ("(", "\\left", "\\big", "\\Big", "\\bigg", "\\Bigg"):
        raise TexError(UNSAID_AT, p.span_of(lo, hi))
    if not _applied_to(p, lo, target):
        raise TexError(UNSAID_BY, p.span_of(lo, hi))
    return Call(func, target, span=p.t[lo].span)


#: Why `\\frac{df}{dz}(u)` and `\\frac{df}{dw}` with no f(w) on the row are not read.
UNSAID_AT = (
    "\\frac{df}{dz} before a bracket: the derivative of a function at a point is written f'(u)"
)
UNSAID_BY = (
    "\\frac{df}{dz} of a function f the row never applies to z itself: which variable f is "
    "a function of is not read"
)


def _applied_to(p: Cursor, at: int, target: Ref) -> bool:
    """Whether the row applies the function named at token `at`, or its derivative, to
    `target` alone: its name, a prime, `(` (or `\\left(`), the target and the bracket."""
    name = p.t[at].text
    for k, tok in enumerate(p.t):
        if k == at or tok.text != name or tok.kind != p.t[at].kind:
            continue
        q = k + 1
        while q < len(p.t) and p.t[q].text in ("'", "\\left"):  # f'(z), f\left(z\right)
            q += 1
        if q >= len(p.t) or p.t[q].text != "(":
            continue
        close = next((j for j in range(q + 1, len(p.t)) if p.t[j].text == ")"), None)
        if close is None:
            continue
        inner = p.sub(q + 1, close - (p.t[close - 1].text == "\\right"))
        try:
            arg = inner.atom()
        except TexError:
            continue
        if inner.peek() is None and arg == target:
            return True
    return False


def dotted(p: Cursor, first: int) -> Node | None:
    """`\\dot{f}(z)` or `\\dot f(z)` (the `\\dot` at token first read), f a function's
    name applied to a bracket: its derivative at z, f'(z); None (nothing read) otherwise,
    as a dot over a name that is no function is a name of its own (`\\dot{x}`)."""
    saved = p.pos
    lo, hi = p.group()
    func = p.s.function(spelling_key(p.t[lo:hi])) if hi - lo == 1 else None
    tok = p.peek()
    if func is None or p.s.name(spelling_key(p.t[lo:hi])) is not None or tok is None:
        p.pos = saved
        return None
    if tok.text not in ("(", "\\left"):
        p.pos = saved
        return None
    p.nested(first)
    arg = p.factor()
    p.depth -= 1
    return Call(func + "'", arg, span=p.span_from(first))
