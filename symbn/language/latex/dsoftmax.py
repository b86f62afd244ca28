"""The differential of the softmax written as a map, `d\\sigma(p) \\cdot v` and
`d\\sigma(p)^t`, where the context reads d as a differential (`[notation] differentials =
"d"`) and σ spells the softmax: the Jacobian of the softmax at the vector p,

    dσ(p) = diag(σ(p)) − σ(p) σ(p)ᵀ,      (∂σ(p)_a/∂p_b = σ_a δ_ab − σ_a σ_b)

a matrix, so that `dσ(p)·v` is the change of σ(p) in the direction v: the `\\cdot` after
it is a matrix product (`shapes.regrouped`), where between another matrix and a vector it
scales elementwise, as the product rule writes `u' \\cdot v`. Only the softmax's
is read; d before another function is no differential of a name and is left unread."""

from __future__ import annotations

from symbn.language.latex.symbols import spelling_key
from symbn.language.latex.tree import Add, Call, Mul, Node, Transpose
from symbn.source.positions import TexError

#: The most tokens a function's spelling takes (`\operatorname { softmax }`).
LONGEST = 4


def after(p, first: int) -> Node | None:
    """`dσ(x)` with the d at token `first` and σ spelling the softmax right after it: its
    Jacobian (transposed for `dσ(x)^t`); None when no softmax follows the d."""
    start = first + 1
    for last in range(min(start + LONGEST, len(p.t)) - 1, start - 1, -1):
        if p.s.function(spelling_key(p.t[start : last + 1])) != "softmax":
            continue
        p.pos = last + 1
        node = p.call("softmax", start)
        if isinstance(node, Call):
            return jacobian(node, p.span_from(first))
        if isinstance(node, Transpose) and isinstance(node.expr, Call):
            return Transpose(jacobian(node.expr, node.expr.span), span=p.span_from(first))
        raise TexError("the differential of a softmax with a power is not read", node.span)
    return None


def jacobian(call: Call, span) -> Node:
    """diag(σ(x)) − σ(x) σ(x)ᵀ, for the softmax `call` of a vector x."""
    outer = Mul((call, Transpose(call, span=span)), ("",), span=span)
    return Add(((1, Call("diag", call, span=span)), (-1, outer)), span=span)


def applies(factor: Node, op: str) -> bool:
    """Whether `op` after `factor` applies a softmax's Jacobian, diag(σ) − σσᵀ as `jacobian`
    builds it (`d\\sigma(p) \\cdot v`, or its transpose): a matrix product, not the
    elementwise scaling of `u \\cdot v`."""
    inner = factor.expr if isinstance(factor, Transpose) else factor
    if op != "\\cdot" or not isinstance(inner, Add) or len(inner.terms) != 2:
        return False
    (plus, diag), (minus, outer) = inner.terms
    if (plus, minus) != (1, -1) or not isinstance(diag, Call) or diag.func != "diag":
        return False
    s = diag.arg
    if not (isinstance(s, Call) and s.func == "softmax" and isinstance(outer, Mul)):
        return False
    if len(outer.factors) != 2:
        return False
    left, right = outer.factors
    return left == s and isinstance(right, Transpose) and right.expr == s
