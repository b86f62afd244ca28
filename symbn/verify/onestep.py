"""A derivative taken within one step of a recurrence: ∂c[t]/∂f[t] where c[t] = f[t] c[t-1] +
…, or ∂h[t]/∂c[t] where h[t] = o[t] tanh(c[t]).

The chain rule stops at a recurrence (`ThroughRecurrenceError`), since unfolding it goes
step after step without end. But a variable that stands at step t (an element whose axis
along the steps is at t) moves nothing computed before step t, when every definition uses
its own step and earlier ones only (a causal model): the recurrence's elements at earlier
steps are held. So a derivative by such an element, of an expression whose elements all
stand at step t or before, is that of the model in which the recurrence refers, instead of
to itself, to an input of its own shape holding its earlier steps; the result is read back
with that input as the recurrence. Nothing else is taken so: a variable without a step
(a weight shared by every step), an expression at a later step, or a sum over the steps
leaves the derivative as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sympy as sp

from symbn.calculus.derivative import ThroughRecurrenceError, evaluate, instantiate
from symbn.language.model import ClaimExpr, Model, tensors_in


@dataclass(frozen=True)
class Step:
    """The model with recurrence `name`'s earlier steps held in input `held` (a base of its
    shape), and the step `at` (along an axis of `size`) a derivative is taken at."""

    model: Model
    name: str
    held: sp.IndexedBase
    at: sp.Expr
    size: sp.Expr

    def form(self, e: sp.Expr) -> sp.Expr:
        """`e` in the held model: the recurrence's elements at the step as its line there,
        those before it as the held input."""
        base = self.model.bases[self.name]
        out = {}
        for x in e.atoms(sp.Indexed):
            if x.base == base:
                at = _step(self.model, x, self.size)
                out[x] = instantiate(self.model, x) if at == self.at else self.held[x.indices]
        return e.xreplace(out)


def proves(model: Model, claim: ClaimExpr) -> bool:
    """Whether the claim holds once every derivative in it is taken within one step (each
    must be such a derivative, all at one step), the recurrence's elements at that step
    read through its line and those before it held."""
    found = claim.lhs.atoms(sp.Derivative) | (
        claim.rhs.atoms(sp.Derivative) if claim.rhs is not None else set()
    )
    if claim.rhs is None or not found or any(d.expr.has(sp.Derivative) for d in found):
        return False
    subs, steps = {}, []
    for d in found:
        if (got := _taken(model, d)) is None:
            return False
        subs[d] = got[0]
        steps.append(got[1])
    if any(s.at != steps[0].at for s in steps):
        return False
    gap = steps[0].form((claim.lhs - claim.rhs).xreplace(subs))
    return sp.expand(gap) == 0 or sp.simplify(gap) == 0


def taken(model: Model, d: sp.Derivative) -> sp.Expr | None:
    """The derivative `d` within one step of the model's one recurrence (the earlier steps
    read as the recurrence again), or None when it is not one."""
    got = _taken(model, d)
    return None if got is None else got[0].xreplace({got[1].held: model.bases[got[1].name]})


def _taken(model: Model, d: sp.Derivative) -> tuple[sp.Expr, Step] | None:
    """The derivative `d` within one step of the model's one recurrence, in the model that
    holds its earlier steps, and that step; None when it is not one (see the module's
    docstring)."""
    names = [n for n, x in model.definitions.items() if x.recurrence is not None]
    if len(names) != 1 or len(d.variables) != 1 or not isinstance(d.variables[0], sp.Indexed):
        return None
    of = model.tensor_name(d.expr) if isinstance(d.expr, sp.Indexed | sp.Symbol) else None
    if of in model.inputs and of != model.tensor_name(d.variables[0]):
        return None  # ∂u/∂W with u never defined: how u depends on W is not known, not 0
    name = names[0]
    defn = model.definitions[name]
    size = defn.index[defn.recurrence.axis].size
    at = _step(model, d.variables[0], size)
    if at is None or not _causal(model, name, size):
        return None
    if not _before(model, _reaching(model, name), d.expr, at, size):
        return None
    held, base = _held(model, name)
    try:
        return evaluate(d, held), Step(held, name, base, at, size)
    except (ThroughRecurrenceError, ValueError, TypeError):
        return None


def _step(model: Model, e: sp.Indexed, size: sp.Expr) -> sp.Expr | None:
    """The position of element `e` along its one axis of the steps' size (None: no such
    axis, or two)."""
    name = model.tensor_name(e)
    if name is None:
        return None
    axes = [k for k, s in enumerate(model.shape(name)) if s == size]
    return e.indices[axes[0]] if len(axes) == 1 else None


def _causal(model: Model, name: str, size: sp.Expr) -> bool:
    """Whether every definition along the steps uses its own step and earlier ones only,
    of every name with an axis of the steps (never t + 1), and none that reaches the
    recurrence without such an axis (a total over the steps)."""
    stepped = {n for n in model.bases if n in model.inputs or n in model.definitions}
    stepped = {n for n in stepped if size in model.shape(n)} | _reaching(model, name)
    for defn in model.definitions.values():
        own = [i for i in defn.index if i.size == size]
        if own and not _before(model, stepped, defn.body, own[0], size):
            return False
        for used in tensors_in(defn.body, model.bases) if own else ():
            if model.dependencies.get(used, set()) & stepped and size not in model.shape(used):
                return False  # a total over the steps (S = Σ_t x_t) read at every step
    return True


def _reaching(model: Model, name: str) -> set[str]:
    """The recurrence and every definition that uses it."""
    return {name} | {n for n, deps in model.dependencies.items() if name in deps}


def _before(model: Model, names: set[str], e: sp.Expr, step: sp.Expr, size: sp.Expr) -> bool:
    """Whether every element in `e` of `names` stands at `step` or before along the steps
    (a name with no axis of the steps, a total over them, or a sum over the steps' index
    in `e`, does not)."""
    if any(lim[0].size == size for s in e.atoms(sp.Sum) for lim in s.limits):
        return False
    for used in tensors_in(e, model.bases) & names:
        base = model.bases[used]
        elements = [x for x in e.atoms(sp.Indexed) if x.base == base]
        if not isinstance(base, sp.IndexedBase) or not elements:
            return False
        for x in elements:
            at = _step(model, x, size)
            behind = None if at is None else sp.expand(step - at)
            if behind is None or not (behind.is_integer and behind.is_nonnegative):
                return False
    return True


def _held(model: Model, name: str) -> tuple[Model, sp.IndexedBase]:
    """The model in which recurrence `name` refers to an input of its shape (its earlier
    steps, held), and that input's base."""
    base = model.bases[name]
    label = f"{name}_held"
    while label in model.bases:
        label += "_"
    shape = model.shape(name)
    held = sp.IndexedBase(label, shape=shape, real=True)
    defn = model.definitions[name]
    body = defn.body.replace(
        lambda x: isinstance(x, sp.Indexed) and x.base == base,
        lambda x: held[tuple(x.indices)],
    )
    definitions = {**model.definitions, name: replace(defn, body=body, recurrence=None)}
    bases = {**model.bases, label: held}
    deps: dict[str, set[str]] = {}
    for n, x in definitions.items():
        used = tensors_in(x.body, bases)
        deps[n] = used.union(*(deps.get(u, set()) for u in used))
    inputs = {**model.inputs, label: (held, shape, False)}
    new = replace(model, inputs=inputs, definitions=definitions, bases=bases, dependencies=deps)
    return new, held
