"""A refuted line that holds where an input's entries sum to one: said so, not refuted.

Derivations of softmax cross-entropy write `\\sum_k y_k = 1` silently, the targets being a
one-hot or a probability vector; a context (or the inferred one) that does not declare y a
simplex makes such a line false for arbitrary y. When a refutation's residual sums an input
along one axis, the line is checked again with that input declared a simplex along it; when
it then holds, the line is unchecked with the assumption named, so that the author can
declare it (`simplex = "K"`) or see that it was needed. A line that is false either way is
still refuted.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from symbn.language import assumptions
from symbn.language.model import Model
from symbn.source.context import Context


def candidates(residual: sp.Expr | None, model: Model) -> list[tuple[str, str]]:
    """(input, size) for each input summed along one of its axes in `residual`, that is not
    already a simplex."""
    out: list[tuple[str, str]] = []
    if residual is None:
        return out
    for s in sorted(residual.atoms(sp.Sum), key=sp.default_sort_key):
        f, limits = s.function, s.limits
        if not isinstance(f, sp.Indexed) or len(limits) != 1:
            continue
        name = model.tensor_name(f)
        if name not in model.inputs or name is None:
            continue
        _, shape, _ = model.inputs[name]
        axes = [a for a, i in enumerate(f.indices) if i == limits[0][0]]
        if len(axes) == 1 and assumptions.simplex_axis(model.inputs[name][0]) is None:
            pair = (name, str(shape[axes[0]]))
            if pair not in out:
                out.append(pair)
    return out


def assumed(context: Context, simplex: tuple[tuple[str, str], ...]) -> Context:
    """The context with each named input declared a simplex along its axis of that size."""
    if not simplex:
        return context
    given = dict(simplex)
    inputs = tuple(
        replace(i, simplex=given[i.name]) if i.name in given else i for i in context.inputs
    )
    return replace(context, inputs=inputs)


def message(name: str, size: str) -> str:
    return (
        f"false for arbitrary {name}, true where the entries of {name} sum to one along "
        f'{size} (a one-hot or a probability vector): declare {name} with simplex = "{size}" '
        "in the context if they do"
    )


def at_one(residual: sp.Expr | None, model: Model) -> str | None:
    """The element of a cross-entropy's target where a refuted line holds once it is 1
    (`-y_k \\log p_k = -\\log p_k`, y one-hot and k the true class: the residual (1 - y_k)
    log p_k), as a message; None when there is none."""
    if residual is None:
        return None
    targets = _targets(model)
    elements = [a for a in residual.atoms(sp.Indexed) if model.tensor_name(a) in targets]
    for e in sorted(elements, key=sp.default_sort_key):
        if sp.simplify(residual.xreplace({e: sp.S.One})) == 0:
            return (
                f"false for arbitrary {e}, true where {e} = 1 (a one-hot target at its true "
                "class): a line about the example's own class, which the prose may assume"
            )
    return None


def _targets(model: Model) -> set[str]:
    """The inputs a definition multiplies a logarithm by (y of -Σ y_i log p_i): targets."""
    out: set[str] = set()
    for d in model.definitions.values():
        for m in sp.preorder_traversal(d.body):
            if isinstance(m, sp.Mul) and any(isinstance(f, sp.log) for f in m.args):
                out |= {
                    n for a in m.atoms(sp.Indexed) if (n := model.tensor_name(a)) in model.inputs
                }
    return out
