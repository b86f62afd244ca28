"""A total derivative by an element of h, the second line of a recurrence written over two
lines (`a[t] = … h[t - 1] …`, then `h[t] = f(a[t])`), read through the steps after it:

    ∂F/∂h[s, q] = ∂F/∂h[s, q] (every a held) + Σ_c Σ_j ∂a[s + c, j]/∂h[s, q] · ∂F/∂a[s + c, j]

over each lag c at which a's own line reads h, the first term F's own derivative, the
second a's line as written differentiated by h, times the total derivatives by a. The model
folds h into a (`symbn.language.folding`), so h is no longer read inside a and a derivative
by h held would miss the later steps; written so, the later steps are total derivatives by
elements of a, the recurrence, which induction over t proves. Only a first derivative of a
scalar F that reaches a through h alone (the loss of h, of y = W h + b, …) is rewritten; any other
is left as written, and `folding.refused` says why it is not checked.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from symbn.calculus.derivative import evaluate
from symbn.language import folding, indices, lowering, relations
from symbn.language.model import ClaimExpr, Model, tensors_in


def read(model: Model, claim: ClaimExpr) -> ClaimExpr:
    """The claim with its total derivatives by a folded h read through a (the same claim,
    the same object, when it has none)."""
    assert claim.rhs is not None
    lhs, rhs = through(model, claim.lhs), through(model, claim.rhs)
    if lhs is claim.lhs and rhs is claim.rhs:
        return claim
    return replace(claim, lhs=lhs, rhs=rhs)


def ambiguous(model: Model, claim: ClaimExpr) -> str:
    """Why a line true with its derivatives by h read as direct parts is not refuted."""
    h, a = next(p for p in model.folded if p[0] in tensors_in(claim.lhs - claim.rhs, model.bases))
    return (
        f"{h} and {a} make one recurrence over two lines; this line holds when its "
        f"derivatives by {h} are their direct parts (the later steps held), and not when "
        "they are total derivatives: say which is meant"
    )


def repeated(claim: ClaimExpr) -> bool:
    """Whether the claim's left side, a derivative, is a term of its right side (`∂l/∂h_t =
    ∂l/∂h_t + ∂l/∂h_{t+1} ∂h_{t+1}/∂h_t`): read alike on both sides the line would say the
    other terms are zero, which no author means."""
    lhs, rhs = claim.lhs, claim.rhs
    return isinstance(lhs, sp.Derivative) and isinstance(rhs, sp.Add) and lhs in rhs.args


def mixed(model: Model, claim: ClaimExpr) -> ClaimExpr | None:
    """A `repeated` claim read with its left side the total derivative by a folded h and the
    same derivative on the right its direct part (the later steps held), the other terms
    read through as `read` does; None when the left side is no such derivative."""
    assert claim.rhs is not None
    assert isinstance(claim.lhs, sp.Derivative)
    total = _through(model, claim.lhs, claim.lhs - claim.rhs)
    if total is None:
        return None
    (v,) = claim.lhs.variables
    direct = evaluate(sp.Derivative(claim.lhs.expr, v), model)
    rest = through(model, claim.rhs - claim.lhs)
    return replace(claim, lhs=total, rhs=direct + rest)


def through(model: Model, e: sp.Expr) -> sp.Expr:
    """`e` with each total derivative by an element of a folded h read through a."""
    if not model.folded:
        return e
    subs: dict[sp.Expr, sp.Expr] = {}
    for d in sp.preorder_traversal(e):
        if isinstance(d, sp.Derivative) and (new := _through(model, d, e)) is not None:
            subs[d] = new
    return e.xreplace(subs) if subs else e


def link(model: Model, d: sp.Derivative, whole: sp.Expr) -> sp.Expr | None:
    """∂X/∂h[s, q] for X an element (of h at a later step, ∂h[t + 1, p]/∂h[t, q], a link of
    a chain rule written out) through the steps after h[s, q], the derivatives by a left
    for the caller to take; None when it is not one to rewrite."""
    return _through(model, d, whole, element=True)


def _through(
    model: Model, d: sp.Derivative, whole: sp.Expr, *, element: bool = False
) -> sp.Expr | None:
    """∂F/∂h[s, q] through the steps after it, or None when it is not one to rewrite (F one
    scalar, or with `element` one element of a tensor)."""
    (v, count), *more = d.variable_count
    if more or count != 1 or not isinstance(v, sp.Indexed):
        return None
    h = v.base.label.name
    pair = next((p for p in model.folded if p[0] == h), None)
    if pair is None or d.expr.has(sp.Derivative) or model.staged(d.expr):
        return None
    if indices.free(d.expr) and not element:  # not one scalar F, as induction takes
        return None
    a = pair[1]
    axis = folding.time_axis(model, h, a)
    rec = model.definitions[a].recurrence
    written = dict(model.unfolded).get(a)
    if axis is None or rec is None or written is None:
        return None
    if folding.opened(model, d.expr, h, a) is None or not folding.later(model, d.expr, h, a, v):
        return None  # F reaches a other than through h, or h held is already the total
    index, body, _ = lowering.definition(written, model.scope())
    step = index[rec.axis]
    lags = {step - y.indices[axis] for y in body.atoms(sp.Indexed) if y.base.label.name == h}
    if not lags or not all(c.is_Integer and c >= 1 for c in lags):
        return None
    out = evaluate(sp.Derivative(d.expr, v), model)
    taken = indices.atoms(whole) | indices.atoms(v)
    for c in sorted(lags):
        there = (rec.axis, v.indices[axis] + c)
        out += _later_step(model, d, a, (index, body), there, taken=taken)
    return out


def _later_step(
    model: Model,
    d: sp.Derivative,
    a: str,
    line: tuple[tuple, sp.Expr],
    at: tuple[int, sp.Expr],
    *,
    taken: set,
) -> sp.Expr:
    """Σ_j ∂a[s + c, j]/∂v · ∂F/∂a[s + c, j] for d = ∂F/∂v, a's line as written at step
    s + c (zero off the axis)."""
    f, v = d.expr, d.variable_count[0][0]
    index, body = line
    axis, position = at
    fresh: list[indices.Index] = []
    places: list[sp.Expr] = []
    for k, letter in enumerate(index):
        if k == axis:
            places.append(position)
            continue
        new = indices.fresh(letter.size, taken | set(fresh), model.letters)
        fresh.append(new)
        places.append(new)
    avoid = taken | set(fresh) | indices.atoms(position)
    body = indices.rename_bound(body, avoid, model.letters)
    there = body.xreplace(dict(zip(index, places, strict=True)))
    local = evaluate(sp.Derivative(there, v), model)
    later = sp.Derivative(f, model.bases[a][tuple(places)], evaluate=False)
    term = relations.in_range(position, index[axis].size) * local * later
    return sp.Sum(term, *[(j, 1, j.size) for j in fresh]) if fresh else term
