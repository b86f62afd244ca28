"""A derivation read as a layer, for any backend: what its forward pass computes and takes,
what it hands the backward pass, and the expression of each input's gradient.

The `[layer]` table names the output, the upstream gradient and each input's gradient claim
(`symbn.language.model` checks that each is a vector-Jacobian product). A gradient is exported only
from a claim that is proved or derived: otherwise `RefusedError`, naming it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from symbn.errors import InputError, RefusedError
from symbn.language.model import ClaimExpr, Model
from symbn.verify.status import PASSED
from symbn.verify.verdicts import Result


@dataclass(frozen=True)
class Gradient:
    """The gradient of `input`: claim `claim`, evaluated as `expr`."""

    input: str
    claim: ClaimExpr
    expr: sp.Expr


@dataclass(frozen=True)
class Plan:
    """forward computes the definitions `forward` from `inputs` and hands backward `cached`;
    backward computes the definitions `backward`, then each gradient."""

    forward: tuple[str, ...]
    inputs: tuple[str, ...]
    cached: tuple[str, ...]
    backward: tuple[str, ...]
    gradients: tuple[Gradient, ...]


def closure(model: Model, names: list[str], stop: frozenset | set = frozenset()) -> list[str]:
    """The definitions among `names` and every definition they use, in file order, not
    looking past `stop`."""
    seen: set[str] = set()
    todo = [n for n in names if n in model.definitions]
    while todo:
        n = todo.pop()
        if n in seen or n in stop:
            continue
        seen.add(n)
        todo += [m for m in model.uses(model.definitions[n].body) if m in model.definitions]
    return [n for n in model.definitions if n in seen]


def plan(
    model: Model, results: dict[str, Result], choose: Callable[[ClaimExpr], sp.Expr | None]
) -> Plan:
    """The layer of `model`; `choose` gives the expression a gradient claim is evaluated as
    (its proved rhs or symbn's closed form, as the backend prefers)."""
    layer = model.spec.layer
    assert layer is not None
    forward = closure(model, [layer.output])
    inputs = _inputs_of(model, forward)
    if layer.upstream in inputs:
        raise InputError(
            f"[layer] the forward pass uses the upstream gradient {layer.upstream!r}", layer.where
        )
    claims = {c.name: c for c in model.claims}
    order = list(model.inputs)
    gradients = []
    for name, cname in sorted(layer.gradients, key=lambda g: order.index(g[0])):
        status = results[cname].status
        if status not in PASSED:
            raise RefusedError(
                f"{model.spec.path}: cannot export the layer: the gradient of "
                f"{name!r} is claim {cname}, which is {status}"
            )
        expr = choose(claims[cname])
        if expr is None:
            raise InputError(
                f"[layer] the gradient of {name!r} has no closed form (claim {cname} is {status})",
                layer.where,
            )
        gradients.append(Gradient(name, claims[cname], expr))
    refs = [m for g in gradients for m in model.uses(g.expr)]
    backward = closure(model, refs, stop=set(forward))
    direct = [m for m in refs if m in model.inputs]
    needed = set(_inputs_of(model, backward, [g.expr for g in gradients])) | set(direct)
    for n in (n for n in model.inputs if n in needed):
        if n != layer.upstream and n not in inputs:
            raise InputError(
                f"[layer] the gradients use the input {n!r}, which the forward pass does not take",
                layer.where,
            )
    used = {m for n in backward for m in model.uses(model.definitions[n].body)} | set(refs)
    cached = [n for n in model.inputs if n in needed and n != layer.upstream]
    cached += [n for n in forward if n in used]
    return Plan(tuple(forward), tuple(inputs), tuple(cached), tuple(backward), tuple(gradients))


def _inputs_of(model: Model, defs: list[str], extra: list[sp.Expr] = ()) -> list[str]:
    used = {m for n in defs for m in model.uses(model.definitions[n].body)}
    used |= {m for e in extra for m in model.uses(e)}
    return [n for n in model.inputs if n in used]
