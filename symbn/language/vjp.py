"""The one reading of a claim's lhs as a vector-Jacobian product.

    c * sum(g[a] * diff(F[a], x[e]), a)        (or c * g * diff(F, x[e]) for a scalar F)

is the product of the upstream gradient g with the Jacobian of the definition F by the
element x[e], times a factor c without indices or names. Reverse mode reads a claim this way
(`symbn.verify.adjoint`), and so does the model when it checks that a `[layer]`'s gradient
claim is the gradient of its input (`symbn.language.model`), which also asks that the
upstream be the layer's own and that c be 1.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass

import sympy as sp

from symbn.language import indices


@dataclass(frozen=True)
class Vjp:
    """A claim's lhs read as `scale * sum(upstream * diff(output[idx], wrt), idx)`."""

    output: str  # the definition differentiated
    idx: tuple  # its element's indices in the claim (summed), () for a scalar
    upstream: sp.Expr  # the factor the derivative is multiplied by (1 when none)
    wrt: sp.Expr  # the element differentiated by
    scale: sp.Expr = sp.S.One  # a factor without indices or names, outside the sum


def read(
    lhs: sp.Expr,
    tensor_name: Callable[[sp.Expr], str | None],
    definitions: Container[str],
    upstream: str | None = None,
) -> Vjp | str:
    """`lhs` as a vector-Jacobian product of one of `definitions`, or why it is not one (a
    clause of a sentence). `tensor_name` names the tensor behind an element; `upstream`, when
    given, is the name the upstream factor must have, at the output's own indices."""
    body, bound, scale = lhs, (), []
    outer = [f for f in sp.Mul.make_args(lhs) if isinstance(f, sp.Sum)]
    if len(outer) == 1:  # c * sum(...): the constant joins the upstream factor
        (total,) = outer
        scale = [f for f in sp.Mul.make_args(lhs) if f is not total]
        body, bound = total.function, tuple(lim[0] for lim in total.limits)
        if any(f.has(sp.Derivative) or indices.free(f) & set(bound) for f in scale):
            return "its lhs multiplies the sum() by a diff() or by the sum's own indices"
    factors = (*sp.Mul.make_args(body), *scale)
    diffs = [f for f in factors if isinstance(f, sp.Derivative)]
    if len(diffs) != 1:
        return "its lhs is not the upstream gradient times one diff()"
    (d,) = diffs
    rest = [f for f in factors if f is not d]
    constant = sp.Mul(*[f for f in rest if not _named(f, tensor_name)])
    up = sp.Mul(*[f for f in rest if _named(f, tensor_name)])
    output, wrt = d.expr, d.variable_count[0][0]
    idx = tuple(output.indices) if isinstance(output, sp.Indexed) else ()
    if upstream is not None:
        problem = _not_upstream(up, upstream, output, idx, tensor_name)
        if problem:
            return problem
    if len(d.variable_count) != 1 or d.variable_count[0][1] != 1:
        return "its diff() is not a first derivative by one element"
    name = tensor_name(output)
    if name not in definitions:
        return f"its lhs differentiates {output}, which is not a definition"
    if up.has(sp.Derivative):
        return "its lhs is not the upstream gradient times one diff()"
    if len(set(idx)) != len(idx) or not all(isinstance(i, indices.Index) for i in idx):
        return f"the output element {output} has not one distinct index per axis"
    if set(bound) != set(idx) or len(bound) != len(idx):
        return "its sum() does not run over exactly the output's indices"
    if tensor_name(wrt) is None:
        return f"its lhs differentiates with respect to {wrt}, which is not a tensor"
    if indices.free(wrt) & set(idx):
        return f"the element {wrt} it differentiates by shares an index with {output}"
    return Vjp(name, idx, up, wrt, constant)


def _named(f: sp.Expr, tensor_name) -> bool:
    """Whether `f` has indices or names a tensor (the upstream's part, not the constant's)."""
    return bool(indices.free(f)) or any(
        isinstance(x, sp.Indexed | sp.Symbol) and tensor_name(x) is not None
        for x in sp.preorder_traversal(f)
    )


def _not_upstream(up: sp.Expr, name: str, output: sp.Expr, idx: tuple, tensor_name) -> str:
    """Why `up` is not the element of the upstream `name` at the output's indices ('')."""
    if tensor_name(up) != name:
        return f"its lhs does not multiply the diff() by the upstream gradient {name!r}"
    up_idx = tuple(up.indices) if isinstance(up, sp.Indexed) else ()
    if up_idx != idx or len(set(idx)) != len(idx) or not all(i.is_Symbol for i in idx):
        return (
            f"its upstream factor {up} and the output element {output} do not share one "
            "distinct index per axis"
        )
    return ""
