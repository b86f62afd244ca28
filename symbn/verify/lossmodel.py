"""What a claim may ask of a loss the context gives through its gradient only.

A document's `[loss]` is a function of the tensor `of` alone whose gradient ∂loss/∂of is
the input `upstream`: it is checked as Σ upstream·of, which has the same first derivatives
as any such loss. So a claim may take a first derivative of the loss with respect to `of` or
to what `of` is computed from; a second derivative, the loss's value, a derivative with
respect to something else, or a value for ∂loss/∂of itself (which says which loss it is)
cannot be checked, and `refuse` says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import sympy as sp

from symbn.language.defining import Definition, Left
from symbn.language.latex.claims import Claim
from symbn.language.model import Model
from symbn.source.context import Context, Loss
from symbn.verify.finding import Finding


class UncheckedLossError(Exception):
    """A claim about the loss that the context cannot settle, and why."""


def refuse(
    loss: Loss | None,
    lhs: sp.Expr,
    rhs: sp.Expr | None,
    model: Model,
    through: frozenset[str] = frozenset(),
) -> None:
    """Raise `UncheckedLossError` when the claim lhs = rhs asks what a loss known through its
    gradient cannot answer (`through`: the names lines above proved `of` computed from)."""
    if loss is None:
        return
    _first_derivatives(loss, lhs - (rhs if rhs is not None else 0), model, through)
    _upstream_value(loss, lhs, rhs, model)


def _first_derivatives(loss_table: Loss, e: sp.Expr, model: Model, through: frozenset[str]) -> None:
    """The loss is known through ∂loss/∂of only: a claim may take its first derivative
    with respect to `of` or to what `of` is computed from, nothing else."""
    name = loss_table.name
    loss = model.bases.get(name)
    if loss is None or not e.has(loss):
        if loss is None and any(str(s) == name for s in e.free_symbols):
            raise UncheckedLossError(
                f"{name} is a function of {loss_table.of}, which the document never defines"
            )
        return
    upstream = {loss_table.of, *model.dependencies.get(loss_table.of, set()), *through}
    diffs = sorted((d for d in e.atoms(sp.Derivative) if d.expr.has(loss)), key=sp.default_sort_key)
    for d in diffs:
        wrt = model.tensor_name(d.variables[0])
        if d.expr != loss or len(d.variables) != 1 or any(o is not d and o.has(d) for o in diffs):
            raise UncheckedLossError(
                f"the context gives the loss through its gradient "
                f"∂{name}/∂{loss_table.of} only, so only first derivatives "
                f"of {name} can be checked"
            )
        if wrt not in upstream:
            raise UncheckedLossError(
                f"the context gives {name} as a function of "
                f"{loss_table.of}, which is not computed from {wrt}"
            )
    bare = e.replace(lambda x: isinstance(x, sp.Derivative), lambda _x: sp.S.One)
    if bare.has(loss):
        raise UncheckedLossError(
            f"the value of {name} is not known, only its gradient ∂{name}/∂{loss_table.of}"
        )


def _upstream_value(loss_table: Loss, lhs: sp.Expr, rhs: sp.Expr | None, model: Model) -> None:
    """∂loss/∂of = an expression without the upstream (`∂L/∂Y = Y - Y_true`), or ∂loss/∂w
    of anything else so, says which loss this is; the context gives ∂loss/∂of as an input,
    so it cannot be checked."""
    if rhs is None:
        return
    loss, up = model.bases.get(loss_table.name), model.bases.get(loss_table.upstream)
    if not isinstance(lhs, sp.Derivative) or lhs.expr != loss or up is None:
        return
    if rhs.has(up, sp.Derivative) or _through(rhs, loss_table.upstream, model):
        return
    wrt = model.tensor_name(lhs.variables[0])
    if wrt == loss_table.of:
        raise UncheckedLossError(
            f"∂{loss_table.name}/∂{loss_table.of} is the upstream {loss_table.upstream}, an input "
            f"of the context: a value for it says which loss {loss_table.name} is, which "
            "the context does not say"
        )
    raise UncheckedLossError(  # dw = (1/n) Σ X_i (ŷ_i - y_i): of one loss, not of any
        f"a value for ∂{loss_table.name}/∂{wrt} without the upstream gradient "
        f"∂{loss_table.name}/∂{loss_table.of} holds for one loss only, which the context does "
        "not say"
    )


def _through(e: sp.Expr, upstream: str, model: Model) -> bool:
    """Whether `e` holds a name the model computes from `upstream` (`e = dh ⊙ v`)."""
    names = {model.tensor_name(s) for s in e.free_symbols | e.atoms(sp.Indexed)}
    return any(upstream in model.dependencies.get(n, set()) for n in names if n is not None)


def unreached(
    pairs: list[tuple[Claim, Finding]],
    ctx: Context,
    definitions: Sequence[Definition],
    left: Sequence[Left],
) -> list[tuple[Claim, Finding]]:
    """The findings that name the loss as an unknown name because the definition of what it
    is of was left out, saying so: the loss is then no name of the model at all."""
    if ctx.loss is None:
        return pairs
    unknown = f": unknown name {ctx.loss.name!r}"
    reasons = {id(x.claim): x.reason for x in left}
    of = [d.claim for d in definitions if d.define.name == ctx.loss.of]
    why = next((reasons[id(c)] for c in of if id(c) in reasons), None)
    if why is None:
        return pairs
    said = (
        f": the loss ({ctx.loss.name}) is a function of {ctx.loss.of}, whose definition is left "
        f"out (it {why}), so no line about the loss can be checked"
    )
    return [
        (
            c,
            replace(f, message=f.message.replace(unknown, said))
            if f.message.endswith(unknown)
            else f,
        )
        for c, f in pairs
    ]
