"""Sums, Kronecker deltas and fractions (a derivative when both parts begin with a
differential): the constructs of the maths reader that bind indices or differentiate.

`\\sum_{p=1}^{N}`, `\\sum_p^N` or `\\sum_p` runs over the full range of each index it names;
`\\frac{\\partial X}{\\partial h_{ij}}` (or with `d`, or the operator form followed by what it
acts on) is a derivative; `\\Delta_{i,j}` compares two indices of one range.
"""

from __future__ import annotations

from symbn.language.latex import brackets, calls, layerbounds, subpartial, texrel
from symbn.language.latex.cursor import Cursor
from symbn.language.latex.increments import increment
from symbn.language.latex.symbols import spelling_key
from symbn.language.latex.tree import (
    Delta,
    Diff,
    Div,
    Frobenius,
    Last,
    Letter,
    Mul,
    Neg,
    Node,
    Ref,
    Rel,
    Sum,
    walk,
)
from symbn.source.positions import TexError


def delta(p: Cursor, first: int) -> Node:
    if increment(p.t, first):  # \Delta x: a change of x, a name of its own, if declared
        x = p.t[first + 1].text
        if p.s.name(spelling_key(p.t[first : first + 2])) is None:
            raise TexError(
                f"\\Delta {x}, a change of {x}, is not a declared name; declare it in the "
                f'context (a tensor spelled "\\\\Delta {x}")',
                p.span_of(first, first + 2),
            )
        p.pos = first + 2
        return p.named(first, first + 2)
    sub, sup, primes = p.read_scripts()
    if sub is not None and sup is not None and not primes:  # \delta^j_m: one index up, one down
        parts, (lo, hi) = [sup, sub], (min(sup[0], sub[0]), max(sup[1], sub[1]))
    elif sub is None or sup is not None or primes:
        raise TexError(f"the Kronecker delta is written {p.s.delta}_{{i,j}}", p.span_from(first))
    else:
        lo, hi = sub
        parts = p.pieces(lo, hi)
    if len(parts) == 1 and hi - lo == 2:
        parts = [(lo, lo + 1), (lo + 1, hi)]
    if len(parts) != 2 or any(b - a < 1 for a, b in parts):
        raise TexError(
            "the Kronecker delta takes two indices, as in \\Delta_{i,j}", p.span_of(lo, hi)
        )
    a, b = (p.position(x, y, None, "the delta") for x, y in parts)  # \delta_{s-1,t}, y_n
    ranges = [
        p.s.indices.get(i.name)
        if isinstance(i, Letter)
        else i.size
        if isinstance(i, Last)
        else None
        for i in (a, b)
    ]
    if None not in ranges and ranges[0] != ranges[1]:
        raise TexError(
            f"the delta compares an index over {ranges[0]} with one over {ranges[1]}",
            p.span_of(lo, hi),
        )
    return Delta(a, b, span=p.span_from(first))


def sum(p: Cursor, first: int) -> Node:
    sub, sup, primes = p.read_scripts()
    if primes:
        raise TexError("a prime on \\sum is not read", p.span_from(first))
    indices: tuple[str, ...] | None = None
    where: tuple[Rel, ...] = ()
    layer = layerbounds.width_layer(p, *sup) if sub is not None and sup is not None else None
    unit = layerbounds.unit_letter(p, *sub) if layer is not None and sub is not None else None
    if unit is not None:  # \sum_{j=1}^{s_l}: over the units of one layer
        indices = (unit,)
    elif sub is not None:
        indices, where = sum_indices(p, *sub, sup)
    elif sup is not None:
        raise TexError("\\sum^{…} without an index below", p.span_from(first))
    tok = p.peek()
    negated = tok is not None and tok.kind == "symbol" and tok.text == "-"  # \sum_i -2 x_i
    if negated:
        p.pos += 1
    if p.peek() is None or not p.starts_factor(p.peek()):
        raise TexError("\\sum has nothing to sum", p.span_from(first))
    p.nested(first)
    body = p.term()
    p.depth -= 1
    if unit is not None and layer is not None:
        layerbounds.check_layer(p, unit, layer, body, first)
    if negated:
        body = Neg(body, span=body.span)
    return Sum(body, indices, where, span=p.span_from(first))


def sum_indices(
    p: Cursor, lo: int, hi: int, sup: tuple[int, int] | None
) -> tuple[tuple[str, ...], tuple[Rel, ...]]:
    """The indices a sum's subscript binds, and the relations that restrict its terms."""
    restricted = texrel.restriction(p, lo, hi) if sup is None else None
    if restricted is not None:  # \sum_{m \le n}, \sum_{k \ne i}
        return (restricted[0],), (restricted[1],)
    parts = p.pieces(lo, hi)
    if len(parts) == 2 and sup is not None:  # \sum_{j=1, j \ne i}^{N}: bounds, then a relation
        also = texrel.restriction(p, *parts[1])
        if also is not None:
            indices, where = sum_indices(p, *parts[0], sup)
            if indices == (also[0],):
                return indices, (*where, also[1])
    eq = brackets.split(p.t, p.b, lo, hi, frozenset({"="}))
    if len(eq) == 2:  # \sum_{p=1}^{N}, or up to another index: \sum_{m=1}^{n}
        (a, b), (c, d) = eq
        letter = p.t[a]
        if b - a != 1 or letter.text not in p.s.indices:
            raise TexError("\\sum_{p=1}^{N} needs a declared index before =", p.span_of(lo, hi))
        size = p.s.indices[letter.text]
        if d - c != 1 or sup is None:
            raise TexError(
                f"{letter.text} runs over 1..{size}; write \\sum_{{{letter.text}=1}}^{{{size}}}",
                p.span_of(lo, hi if sup is None else sup[1]),
            )
        bound = Letter(letter.text, span=letter.span)
        return (letter.text,), texrel.bounds(p, bound, c, sup)
    if sup is not None and hi - lo == 1 and p.t[lo].text in p.s.indices:  # \sum_r^n
        letter = Letter(p.t[lo].text, span=p.t[lo].span)
        return (letter.name,), texrel.bounds(p, letter, None, sup)
    if sup is not None:
        raise TexError("write \\sum_{p=1}^{N} or \\sum_p", p.span_of(*sup))
    parts = p.pieces(lo, hi)
    if len(parts) == 1 and all(p.t[n].kind == "letter" for n in range(lo, hi)):
        parts = [(n, n + 1) for n in range(lo, hi)]
    out = []
    for a, b in parts:
        if b - a != 1 or p.t[a].kind != "letter" or p.t[a].text not in p.s.indices:
            raise TexError(
                "\\sum runs over declared index letters",
                p.span_of(a, b) if b > a else p.span_of(lo, hi),
            )
        if p.t[a].text in out:
            raise TexError(f"\\sum binds {p.t[a].text} twice", p.t[a].span)
        out.append(p.t[a].text)
    return tuple(out), ()


def frac(p: Cursor, first: int) -> Node:
    p.nested(first)
    num = p.group()
    den = p.group()
    ns, ds = differential(p, *num), differential(p, *den)
    if ns is None and ds is not None and num[1] - num[0] == 1 and p.t[num[0]].text == "1":
        ns = (ds[0], num[1])  # \frac{1}{\partial x}(f): one over a differential is no number
    if ns is not None and ds is None and subpartial.bare_partial(p, num, den):
        ds = ("partial", den[0])  # \frac{\partial}{o_k}(f): ∂/∂o_k, its second ∂ left out
    if ns is not None and ds is not None:
        return derivative(p, first, num, den, ns=ns, ds=ds)
    n = p.whole(*num)
    d = p.whole(*den)
    p.depth -= 1
    return Div(n, d, span=p.span_from(first))


def over(p: Cursor, first: int, close: int, num: tuple[int, int], den: tuple[int, int]) -> Node:
    """`{a \\over b}` between tokens first and close: TeX's fraction, and a derivative when
    both parts begin with a differential (`{\\partial y \\over \\partial x}`)."""
    ns, ds = differential(p, *num), differential(p, *den)
    if ns is not None and ds is None and subpartial.bare_partial(p, num, den):
        ds = ("partial", den[0])  # {\partial \over o_k}: ∂/∂o_k
    if ns is not None and ds is not None:
        p.nested(first)
        return derivative(p, first, num, den, ns=ns, ds=ds)
    return Div(p.whole(*num), p.whole(*den), span=p.span_of(first, close + 1))


def differential(p: Cursor, lo: int, hi: int) -> tuple[str, int] | None:
    """`partial` or `d` and the index after the marker, when tokens[lo:hi] begin with one."""
    if lo >= hi:
        return None
    t = p.t[lo]
    if t.kind == "command" and t.text == "\\partial":
        return "partial", lo + 1
    if t.kind == "letter" and t.text == "d":
        return "d", lo + 1
    if t.kind == "command" and t.text in ("\\mathrm", "\\operatorname", "\\mathit"):
        if lo + 1 < hi and p.t[lo + 1].text == "d":
            return "d", lo + 2
        if lo + 3 < hi + 1 and [x.text for x in p.t[lo + 1 : lo + 4]] == ["{", "d", "}"]:
            return "d", lo + 4
    return None


def derivative(
    p: Cursor,
    first: int,
    num: tuple[int, int],
    den: tuple[int, int],
    *,
    ns: tuple[str, int],
    ds: tuple[str, int],
) -> Node:
    for start, hi in ((ns[1], num[1]), (ds[1], den[1])):
        if start < hi and p.t[start].kind == "sup":
            raise TexError("higher derivatives are not read", p.t[start].span)
    style = ns[0] if ns[0] == ds[0] else "mixed"
    end = p.pos
    wrt = p.sub(ds[1], den[1])
    if wrt.peek() is None:
        raise TexError("the derivative is with respect to nothing", p.span_of(*den))
    target = wrt.atom()
    if wrt.pos != den[1] or not isinstance(target, Ref):
        raise TexError(
            "the denominator of a derivative is one element, such as \\partial h_{ij}",
            p.span_of(*den),
        )
    p.pos = end
    if ns[1] < num[1]:  # (\frac{df}{dz}: f(z), where the row writes f(z))
        expr = subpartial.function_of(p, ns[1], num[1], target) or p.whole(ns[1], num[1])
    else:  # \frac{\partial}{\partial x} f g: the operator form, on the product after it
        if not p.starts_factor(p.peek()) and not _word_at(p):
            raise TexError("the derivative operator has nothing to act on", p.span_from(first))
        p.nested(first)
        expr = p.term()
        p.depth -= 1
    p.depth -= 1  # the \frac's level
    if isinstance(expr, Ref) and expr.kind == "size":  # dJ/db with J read as a size: a slip
        raise TexError(  # of the reading (J(w, b) = …), never a derivative that is 0
            f"{expr.name} is read as a size here, so its derivative is not read",
            p.span_from(first),
        )
    if _step_term(p, expr, target):  # ∂L_t/∂y_t, L = Σ_t L_t: the loss's, at step t
        expr = Ref(p.s.loss or "", "loss", span=expr.span)
    return Diff(expr, target, style, ns[1] >= num[1] and _wide(expr), span=p.span_from(first))


def _word_at(p: Cursor) -> bool:
    """Whether a word set as text at the cursor is a function or a name, what an operator
    acts on (`\\frac{d}{dx}\\text{GELU}(x)`, `\\frac{d}{dx} \\text{tanh}(x)`)."""
    tok = p.peek()
    if tok is None or tok.kind != "text":
        return False
    return p.s.function(spelling_key([tok])) is not None or calls.word_call(p.t, p.pos) is not None


def _step_term(p: Cursor, expr: Node, target: Ref) -> bool:
    """Whether `expr` is one term of the loss summed over steps (`L_t` of `L = \\sum_t
    L_t`, a loss of the step's output that no line defines) and `target` an element of the
    tensor the loss is of at the same step: the term is the only one that depends on it,
    so its derivative is the loss's."""
    if not isinstance(expr, Ref) or p.s.loss is None or p.s.total(expr.name) != p.s.loss:
        return False
    if p.s.inputs is not None and expr.name not in p.s.inputs:
        return False  # terms a line defines are read as defined
    step = expr.indices
    return (
        target.name == p.s.loss_of
        and len(step) == 1
        and isinstance(step[0], Letter)
        and target.indices[:1] == step
    )


def _wide(expr: Node) -> bool:
    """Whether an operator's product reads otherwise on its first factor alone: both that
    factor and the rest name something (`\\frac{\\partial}{\\partial x} \\frac{1}{N} \\sum_i x_i`
    and `\\frac{\\partial}{\\partial x} (x - \\mu) \\cdot 2` read the same either way)."""
    if not isinstance(expr, Mul) or len(expr.factors) < 2:
        return False
    named = [any(isinstance(n, Ref) and n.kind != "size" for n in walk(f)) for f in expr.factors]
    return named[0] and any(named[1:])


def inner_product(p: Cursor, first: int, lo: int, hi: int, after: int) -> Node:
    """`\\langle A, B \\rangle_F` (or without `_F`, of vectors): the Frobenius product Σ A∘B
    of the two arguments between tokens lo and hi; `after` is past the closing delimiter."""
    parts = p.pieces(lo, hi)
    if len(parts) != 2:
        raise TexError(
            "an inner product takes two arguments: \\langle A, B \\rangle", p.span_from(first)
        )
    a, b = (p.whole(x, y) for x, y in parts)
    p.pos = after
    sub, sup, primes = p.read_scripts()
    frobenius = sub is None or [t.text for t in p.t[sub[0] : sub[1]]] == ["F"]
    if sup is not None or primes or not frobenius:
        raise TexError(
            "an inner product is written \\langle A, B \\rangle, or with _F", p.span_from(first)
        )
    return Frobenius(a, b, span=p.span_from(first))
