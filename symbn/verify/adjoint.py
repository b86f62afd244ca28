"""Reverse mode through the definitions: a vector-Jacobian product, one definition at a time.

A claim `sum(g[a] * diff(F[a], x[e]), a)` (or `diff(F, x[e])` for a scalar definition F)
is the adjoint of x[e] when F's adjoint is g. The adjoints are propagated backwards through
the definitions between F and x, in reverse file order (the definitions are topologically
sorted by construction):

    adj_E[e] = sum_C sum_c adj_C[c] * (partial C[c] / partial E[e])

with the partial derivative holding every other definition fixed. Each adjoint is brought
to canonical form, folded into the user's names and, when it equals one of the user's own
definitions (a backward definition such as dh = the compact batch-norm backward), replaced
by that definition's element before going on. Every step is the size of one definition, so
the whole costs what the depth costs, where the direct way expands every definition down to
the inputs at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symbn.calculus.derivative import Calculus, instantiate
from symbn.canonical.engine import Canon
from symbn.canonical.fold import Fold, apply, size
from symbn.language import indices, vjp
from symbn.language.model import Model, tensors_in
from symbn.language.vjp import Vjp


def vjp_form(model: Model, lhs: sp.Expr) -> Vjp | None:
    """`lhs` as a vector-Jacobian product of a definition (`symbn.language.vjp`), or None
    when it is not one."""
    out = vjp.read(lhs, model.tensor_name, model.definitions)
    return None if isinstance(out, str) else out


class Partial(Calculus):
    """Differentiation by one element holding every other definition fixed: only the
    element's own tensor varies (the other paths are other adjoints)."""

    def depends(self, e: sp.Expr) -> bool:
        return self.target in tensors_in(e, self.model.bases)


def path(model: Model, vjp: Vjp) -> list[str]:
    """The definitions through which `vjp.output` depends on the variable, output first."""
    target = model.tensor_name(vjp.wrt)
    deps = model.dependencies
    inside = {vjp.output} | deps[vjp.output]
    return [
        n for n in reversed(model.definitions) if n in inside and target in deps[n] and n != target
    ]


@dataclass(frozen=True)
class Step:
    """One adjoint as it was reached: `name`'s adjoint at `slots`, and the user's
    definition it was recognised as (None when it is kept as an expression)."""

    name: str
    slots: tuple
    value: sp.Expr
    named: str | None

    def adjoint(self, model: Model) -> tuple[tuple, sp.Expr]:
        """The adjoint carried on: the user's element when it was recognised."""
        return self.slots, (
            self.value if self.named is None else model.element(self.named, self.slots)
        )


class Reverse:
    """The adjoints of one claim: `run()` gives the lhs in the user's names."""

    def __init__(
        self,
        model: Model,
        vjp: Vjp,
        canon: Canon,
        folds: tuple[Fold, ...],
        equal,
        *,
        memo: dict | None = None,
    ):
        """equal(a, b): whether a = b is shown by a bounded reduction (never a guess);
        memo: the adjoints already reached, shared between the claims of one output and
        upstream (an adjoint does not depend on the variable)."""
        self.model, self.vjp, self.canon, self.equal = model, vjp, canon, equal
        self.folds = [f for f in folds if f.always]
        self.elements = [f for f in folds if not f.always]
        # every index free in the claim is the user's letter, which no adjoint may take:
        # the variable's, and the upstream's that the sum does not bind (dO[i, f] summed
        # over k and f leaves i free whatever letter the output's definition uses)
        self.free = (
            indices.free(vjp.wrt)
            | indices.free(vjp.scale)
            | (indices.free(vjp.upstream) - set(vjp.idx))
        )
        self.steps: list[Step] = []
        self.memo = {} if memo is None else memo

    def slots(self, name: str) -> tuple:
        """Indices of `name`'s adjoint: its own letters, none of them the claim's."""
        taken = set(self.free)
        out = []
        for i in self.model.definitions[name].index:
            new = i if i not in taken else indices.fresh(i.size, taken, self.model.letters)
            taken.add(new)
            out.append(new)
        return tuple(out)

    def run(self) -> sp.Expr:
        model, vjp = self.model, self.vjp
        nodes = path(model, vjp)
        target = model.tensor_name(vjp.wrt)
        adjoint: dict[str, tuple[tuple, sp.Expr]] = {}
        out_slots = self.slots(vjp.output)
        adjoint[vjp.output] = (
            out_slots,
            self.tidy(vjp.upstream.xreplace(dict(zip(vjp.idx, out_slots, strict=True)))),
        )
        for name in [*nodes[1:], target]:
            element = vjp.wrt if name == target else model.element(name, self.slots(name))
            key = (vjp.output, adjoint[vjp.output][1], element)
            if key in self.memo:
                self.steps.append(self.memo[key])
                adjoint[name] = self.memo[key].adjoint(model)
                continue
            total = sp.S.Zero
            for consumer in nodes:
                if consumer in adjoint and name in model.uses(model.definitions[consumer].body):
                    total += self.contribution(consumer, adjoint[consumer], element)
            slots = tuple(element.indices) if isinstance(element, sp.Indexed) else ()
            value = self.tidy(total)
            named = None if name == target else self.recognise(slots, value)
            step = Step(name, slots, value, named)
            self.steps.append(step)
            adjoint[name] = step.adjoint(model)
            if name != target:
                self.memo[key] = step
        return self.canon(vjp.scale * adjoint[target][1])

    def contribution(self, consumer: str, adj: tuple, element: sp.Expr) -> sp.Expr:
        """sum_c adj_C[c] * partial C[c] / partial element, c fresh."""
        slots, value = adj
        taken = set(self.free) | indices.atoms(element) | indices.atoms(value)
        fresh = []
        for s in slots:
            new = indices.fresh(s.size, taken, self.model.letters)
            taken.add(new)
            fresh.append(new)
        value = value.xreplace(dict(zip(slots, fresh, strict=True)))
        at = self.model.element(consumer, tuple(fresh))
        body = instantiate(self.model, at, avoid=taken)
        partial = Partial(self.model, element).derivative(body)
        term = value * partial
        return sp.Sum(term, *[(c, 1, c.size) for c in fresh]) if fresh else term

    def tidy(self, e: sp.Expr) -> sp.Expr:
        """Canonical, with the sums and the function applications folded into names, and
        each element fold applied where it makes the form shorter (h_kl = hhat_kl
        sqrt(var_l + delta) + mu_l), so that the adjoints speak the user's names."""
        e = apply(self.canon(e), self.folds, self.canon)
        for fold in self.elements:
            if e.has(fold.target.base):
                candidate = apply(apply(e, [fold], self.canon), self.folds, self.canon)
                if size(candidate) < size(e):
                    e = candidate
        return e

    def recognise(self, slots: tuple, value: sp.Expr) -> str | None:
        """The user's definition (not on the forward path) that `value` equals, if any."""
        model = self.model
        if value == 0:
            return None
        forward = {self.vjp.output} | model.dependencies[self.vjp.output]
        sizes = tuple(s.size for s in slots)
        mentioned = set(model.uses(value))
        for other, defn in model.definitions.items():
            if (
                other in forward
                or tuple(i.size for i in defn.index) != sizes
                or not (set(model.uses(model.definitions[other].body)) - forward) & mentioned
            ):
                continue
            if self.equal(value, model.element(other, slots)):
                return other
        return None
