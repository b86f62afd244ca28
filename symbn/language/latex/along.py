"""A softmax along one index written at index level: `\\text{softmax}_j(S^{ij})`.

The subscript names the index the softmax normalises along, so the element is
exp(S_ij) / Σ_j' exp(S_ij'), the sum over a spare letter j' of j's range that the row does not
use. A softmax without the subscript is read on a vector or a matrix written whole
(`symbn.language.latex.lowering`), but for one written on an element of a vector:
`softmax(z_j)` is the j-th element of the softmax of z (the softmax of one number would be
1, which nobody writes a softmax for), exp(z_j) / Σ_k exp(z_k).
"""

from __future__ import annotations

from symbn.language.latex.cursor import Cursor
from symbn.language.latex.texlex import TexError
from symbn.language.latex.tree import (
    Call,
    Div,
    Letter,
    Node,
    Ref,
    Sum,
    free_indices,
    substitute,
)


def applied(p: Cursor, func: str, first: int, arg: Node) -> Node:
    """`func`, written from token `first`, applied to `arg`: the element of a softmax for
    one of a vector's elements, when the softmax is written by its name (a `\\sigma` read
    as the softmax is often applied to a row, `\\sigma(p_i)`, and is not read so)."""
    span = p.span_from(first)
    named = "softmax" in "".join(t.text + t.arg for t in p.t[first : p.pos]).lower()
    element = of_element(p, arg, span) if func == "softmax" and named else None
    return element or Call(func, arg, span=span)


def of_element(p: Cursor, arg: Node, span) -> Node | None:
    """The element of the softmax of a vector that `arg` writes at one index letter
    (`softmax(z_j)`), or None when `arg` is no element of a vector."""
    if not (
        isinstance(arg, Ref)
        and arg.kind == "tensor"
        and len(arg.indices) == 1
        and isinstance(arg.indices[0], Letter)
        and len(p.s.shape(arg.name)) == 1
        and arg.indices[0].name in p.s.indices
    ):
        return None
    return _normalised(p, arg, arg.indices[0].name, span)


def softmax(p: Cursor, first: int) -> Node:
    """The softmax along the index of its subscript, the argument read after it."""
    sub, sup, primes = p.read_scripts()
    toks = p.t[sub[0] : sub[1]] if sub is not None else ()
    if sup is not None or primes or len(toks) != 1 or toks[0].text not in p.s.indices:
        raise TexError(
            "a softmax at index level is written along one index letter: \\text{softmax}_j(…)",
            p.span_from(first),
        )
    j = toks[0].text
    p.nested(first)
    arg = p.factor()
    p.depth -= 1
    span = p.span_from(first)
    if j not in free_indices(arg):
        raise TexError(f"the softmax is along {j}, which its argument does not use", span)
    return _normalised(p, arg, j, span)


def _normalised(p: Cursor, arg: Node, j: str, span) -> Node:
    """exp(arg) / Σ_j' exp(arg at j'), j' a spare letter of j's range."""
    used = {t.text for t in p.t if t.kind == "letter"}
    spare = next((x for x in p.s.over(p.s.indices[j]) if x not in used), None)
    if spare is None:
        raise TexError(
            f"a softmax along {j} needs a second index letter over {p.s.indices[j]}; declare one",
            span,
        )
    other = substitute(arg, {j: Letter(spare, span=span)})
    return Div(
        Call("exp", arg, span=span),
        Sum(Call("exp", other, span=span), (spare,), span=span),
        span=span,
    )
