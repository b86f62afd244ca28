"""A softmax along one index written at index level: `\\text{softmax}_j(S^{ij})`.

The subscript names the index the softmax normalises along, so the element is
exp(S_ij) / Σ_j' exp(S_ij'), the sum over a spare letter j' of j's range that the row does not
use. A softmax without the subscript is read on a vector or a matrix written whole
(`symbn.language.latex.lowering`).
"""

from __future__ import annotations

from symbn.language.latex.cursor import Cursor
from symbn.language.latex.texlex import TexError
from symbn.language.latex.tree import Call, Div, Letter, Node, Sum, free_indices, substitute


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
