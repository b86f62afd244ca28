"""Claims through a recurrence, proved by induction over its steps.

A recurrence h[t, k] = f(h[t - 1, .], W, ...) cannot be unfolded for every T, so the chain
rule stops at it (`ThroughRecurrenceError`). What a derivation states about it is a step of
reverse mode: for a scalar F that uses h, with A[s, k] = diff(F, h[s, k]) the total
derivative (h[s, k] held at a value, every later step recomputed from it),

    diff(F, v) = (partial F / partial v, h held) + sum_{s,k} A[s, k] * partial f(s, k) / partial v

for v an element of h (then only the steps after v's contribute) or of anything h uses
(W, b, h0). The induction over t, from the last step back: the total derivative at t
is its direct part plus the steps after t, each through the adjoint at that later step,
which the induction has already; at t = T there is no later step, and the steps past T are
off the time axis, hence zero, in the same identity. So a claim whose lhs is diff(F, v) and
whose rhs names the total derivatives of F only as diff(F, h[p]) is proved by proving, with
the rules, the *step identity*: the lhs written as above with A a fresh input, equal to the
rhs with each diff(F, h[p]) read as A[p], for every value of h and A. In that step model h
is an input too (its elements at the step are written back for the function applications
that define them: tanh(pre(s, k)) is h[s, k]).

The independent check is the concrete one on the derivation itself: the recurrence unrolled
at small T and every diff() taken by perturbing the element and recomputing the later
steps. A claim it contradicts is refuted with its counterexample; a proof it contradicts is
symbn's own bug.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sympy as sp

from symbn.calculus.derivative import ThroughRecurrenceError, evaluate, instantiate
from symbn.language import folding, indices
from symbn.language.model import ClaimExpr, Model, tensors_in
from symbn.verify import twoline
from symbn.verify.budget import SHARE, UncheckedError, attempt
from symbn.verify.status import Status
from symbn.verify.verdicts import Result


@dataclass(frozen=True)
class Plan:
    """A claim through recurrence `name`: its lhs names the total derivatives `expanded`
    of `loss`, its rhs those of loss with respect to elements of `name` only."""

    name: str
    loss: sp.Expr
    expanded: tuple[sp.Derivative, ...]


def plan(model: Model, claim: ClaimExpr) -> Plan | str | None:
    """How the claim goes through a recurrence: None when it does not, a `Plan` when it is
    proved by induction, or the reason it cannot be (the claim is then unknown)."""
    through = [
        (d, r) for d in derivatives(claim) for r in recurrences(model) if passes(model, d, r)
    ]
    if not through:
        return None
    names = {r for _, r in through}
    if len(names) > 1:
        return "the claim differentiates through more than one recurrence"
    name = names.pop()
    losses = {d.expr for d, _ in through}
    loss = next(iter(losses))
    if (
        claim.rhs is None
        or len(losses) > 1
        or any(len(d.variables) != 1 for d, _ in through)
        or loss.has(sp.Derivative)
        or indices.free(loss)
        or model.tensor_name(loss) == name
    ):
        return (
            f"a claim through the recurrence {name!r} is proved by induction when it has an "
            "rhs and every diff() through it is a first derivative diff(F, v) of one scalar F"
        )
    expanded = tuple(d for d in derivatives(claim, "lhs") if (d, name) in through)
    if not expanded:
        return f"the lhs of a claim through the recurrence {name!r} names no diff({loss}, v)"
    for d in derivatives(claim, "rhs"):
        if (d, name) in through and model.tensor_name(d.variables[0]) != name:
            return (
                f"the rhs of a claim through the recurrence {name!r} may name only the "
                f"total derivatives diff({loss}, {name}[...]), not {d}"
            )
    return Plan(name, loss, expanded)


def links(model: Model, claim: ClaimExpr) -> ClaimExpr:
    """The claim with each derivative of an element of a tensor by an element of another
    (a link of a chain rule written out, ∂h[t, p]/∂a[t, q]) taken, when it can be without
    going through a recurrence; so that what is left through one is the loss's own."""
    subs: dict[sp.Expr, sp.Expr] = {}
    for d in derivatives(claim):
        of = d.expr
        if len(d.variables) != 1 or not isinstance(of, sp.Indexed) or of.has(sp.Derivative):
            continue
        if model.tensor_name(of) not in model.definitions or not recurrences(model):
            continue
        step = _one_step(model, d)  # ∂z[l + 1, k]/∂z[l, j]: the next step's own line
        if step is not None:
            subs[d] = step
            continue
        taken: sp.Expr | None = d
        if folding.refused(model, d) is not None:  # by a folded h: through the later a
            taken = twoline.link(model, d, claim.lhs - claim.rhs)
        if taken is None:
            continue
        try:
            subs[d] = evaluate(taken, model)
        except ThroughRecurrenceError:
            continue
    if not subs:
        return claim
    rhs = _collapsed(claim.rhs.xreplace(subs)) if claim.rhs is not None else None
    return replace(claim, lhs=_collapsed(claim.lhs.xreplace(subs)), rhs=rhs)


def _one_step(model: Model, d: sp.Derivative) -> sp.Expr | None:
    """∂h[t + 1, k]/∂h[t, j] for a recurrence h of lag 1: the derivative of h's line at the
    later step with the step before held, all there is of it (h[t + 1] reads h at t only);
    None for any other derivative of h by h."""
    of, (v,) = d.expr, d.variables
    name = model.tensor_name(of)
    rec = model.definitions[name].recurrence if name in model.definitions else None
    if rec is None or model.tensor_name(v) != name or rec.lags != (1,):
        return None
    if not isinstance(of, sp.Indexed):
        return None
    if sp.simplify(of.indices[rec.axis] - v.indices[rec.axis]) != 1:
        return None
    body = instantiate(model, of, avoid=indices.atoms(v))
    try:
        return evaluate(sp.Derivative(body, v, evaluate=False), held(model, name))
    except ThroughRecurrenceError:
        return None


def held(model: Model, name: str, extra: dict | None = None) -> Model:
    """The derivation with the recurrence `name` an input (and the inputs `extra`, name to
    (base, shape, False)): what a step of it reads, every step held."""
    shape = model.shape(name)
    inputs = {**model.inputs, name: (model.bases[name], shape, False), **(extra or {})}
    definitions = {n: x for n, x in model.definitions.items() if n != name}
    bases = {**model.bases, **{n: b for n, (b, _, _) in (extra or {}).items()}}
    deps: dict[str, set[str]] = {}
    for n, x in definitions.items():
        used = tensors_in(x.body, bases)
        deps[n] = used.union(*(deps.get(u, set()) for u in used))
    return replace(model, inputs=inputs, definitions=definitions, bases=bases, dependencies=deps)


def _collapsed(e: sp.Expr) -> sp.Expr:
    """`e` with each sum Σ_j f(j) δ(j, i) over one index, i an index of j's range, as f(i)."""

    def one(s: sp.Sum) -> sp.Expr:
        if len(s.limits) != 1 or not isinstance(s.function, sp.Mul):
            return s
        j = s.limits[0][0]
        for delta in s.function.atoms(sp.KroneckerDelta):
            if delta not in s.function.args or j not in delta.args:
                continue
            (i,) = [x for x in delta.args if x != j] or [j]
            size = getattr(j, "size", None)
            if isinstance(i, indices.Index) and size is not None and i.size == size:
                return (s.function / delta).xreplace({j: i})
        return s

    return e.replace(lambda x: isinstance(x, sp.Sum), one)


def derivatives(claim: ClaimExpr, side: str = "both") -> list[sp.Derivative]:
    sides = {"lhs": [claim.lhs], "rhs": [claim.rhs], "both": [claim.lhs, claim.rhs]}[side]
    found = {d for e in sides if e is not None for d in e.atoms(sp.Derivative)}
    return sorted(found, key=sp.default_sort_key)


def recurrences(model: Model) -> list[str]:
    return [n for n, d in model.definitions.items() if d.recurrence is not None]


def passes(model: Model, d: sp.Derivative, name: str) -> bool:
    """Whether diff() `d` differentiates through recurrence `name`."""
    deps = model.dependencies
    used = tensors_in(d.expr, model.bases)
    reaches = name in used or any(name in deps.get(u, ()) for u in used)
    return reaches and any(model.tensor_name(v) in (deps[name] | {name}) for v in d.variables)


class Induction:
    """The proof of one claim by induction over the steps of recurrence `plan.name`."""

    def __init__(self, verifier, claim: ClaimExpr, plan: Plan):
        self.verifier, self.claim, self.plan = verifier, claim, plan
        self.model: Model = verifier.model
        name = plan.name
        self.axis_letter = self.model.definitions[name].index[
            self.model.definitions[name].recurrence.axis
        ]
        shape = self.model.shape(name)
        self.adjoint = sp.IndexedBase(self._adjoint_name(), shape=shape, real=True)
        self.step_model = self._step_model()
        self.step_claim = self._step_claim()

    def _adjoint_name(self) -> str:
        loss = self.model.tensor_name(self.plan.loss) or "F"
        base = f"d{loss}_d{self.plan.name}"
        name = base
        while name in self.model.bases:
            name += "_"
        return name

    def _step_model(self) -> Model:
        """The derivation with the recurrence and its adjoint as inputs."""
        shape = self.model.shape(self.plan.name)
        return held(
            self.model, self.plan.name, {self.adjoint.label.name: (self.adjoint, shape, False)}
        )

    def _step_claim(self) -> ClaimExpr:
        """lhs: each total derivative it names as the direct part and each step's local
        derivative through the adjoint there; rhs: each total derivative read as the
        adjoint."""
        claim = self.claim
        expansions = {d: self.expansion(d.variables[0]) for d in self.plan.expanded}
        lhs = claim.lhs.xreplace(expansions)
        name = self.plan.name
        rhs = claim.rhs.replace(  # diff(loss, a[L, j]), by what is not h: taken as it is
            lambda x: (
                isinstance(x, sp.Derivative)
                and x.expr == self.plan.loss
                and self.model.tensor_name(x.variables[0]) == name
            ),
            lambda x: self.adjoint[tuple(x.variables[0].indices)],
        )
        return replace(claim, lhs=lhs, rhs=rhs, steps=False)

    def expansion(self, wrt: sp.Expr) -> sp.Expr:
        """diff(loss, wrt) = the direct part (h held) + sum over h[s, k] of the adjoint there
        times the derivative of h's definition at s with respect to wrt."""
        model, claim, name = self.model, self.claim, self.plan.name
        taken = indices.atoms(claim.lhs) | indices.atoms(claim.rhs)
        slots = []
        for letter in model.definitions[name].index:
            new = indices.fresh(letter.size, taken, model.letters)
            taken.add(new)
            slots.append(new)
        element = model.element(name, tuple(slots))
        body = instantiate(model, element, avoid=taken)
        local = evaluate(sp.Derivative(body, wrt, evaluate=False), self.step_model)
        local = local.xreplace({body: element})  # tanh(pre(s, k)) is h[s, k]
        direct = sp.Derivative(self.plan.loss, wrt, evaluate=False)
        steps = sp.Sum(self.adjoint[tuple(slots)] * local, *[(s, 1, s.size) for s in slots])
        return direct + steps

    def back(self, e: sp.Expr | None) -> sp.Expr | None:
        """`e` with each adjoint element written as the total derivative it stands for."""
        if e is None:
            return None
        base = self.model.bases[self.plan.name]
        return e.replace(
            lambda x: isinstance(x, sp.Indexed) and x.base == self.adjoint,
            lambda x: sp.Derivative(self.plan.loss, base[x.indices], evaluate=False),
        )

    def reason(self) -> str:
        """What the verdict of a proof says: by induction, and checked by unrolling."""
        t, name, loss = self.axis_letter, self.plan.name, self.plan.loss
        if all(self.model.tensor_name(d.variables[0]) == name for d in self.plan.expanded):
            given = f"the total derivatives of {loss} at the later steps of {name}"
        else:
            given = f"the total derivative of {loss} at each step of {name}"
        return (
            f"proved by induction over {t}: the step identity holds with {given} taken as "
            f"given (at {t} = {t.size} no later step is on the axis); checked with the "
            f"recurrence unrolled at small {t.size}"
        )

    def run(self) -> Result:
        verifier, claim = self.verifier, self.claim
        probe = verifier.sampler.probe(claim, claim.lhs, claim.rhs)  # unrolled, perturbed
        step = type(verifier)(self.step_model, verifier.options)
        if probe.wrong is not None:
            gap = attempt(verifier.options.timeout * SHARE, lambda: step.residual(self.step_claim))
            found = verifier.sampler.counterexample(claim, claim.lhs, claim.rhs)
            if found is None:
                found = verifier.sampler.example(probe.wrong, claim.lhs, claim.rhs)
            return Result(claim.name, claim.title, Status.REFUTED, 0.0, None, self.back(gap), found)
        result = step._claim(self.step_claim)
        if result.status == Status.PROVED:
            probe.confirm(claim)
            return Result(claim.name, claim.title, Status.PROVED, 0.0, None, reason=self.reason())
        found = verifier.sampler.counterexample(claim, claim.lhs, claim.rhs)
        residual = self.back(result.residual)
        if found is not None:
            return Result(claim.name, claim.title, Status.REFUTED, 0.0, None, residual, found)
        if result.status == Status.REFUTED:
            why = (
                "the step identity does not hold for every value of the later steps' total "
                "derivatives, and unrolling the recurrence at small sizes found no "
                "counterexample to the claim"
            )
        else:
            why = result.reason or "the step identity does not reduce to zero"
        if probe.checked == 0:
            raise UncheckedError("no sampled point of the unrolled recurrence is defined")
        return Result(claim.name, claim.title, Status.UNKNOWN, 0.0, None, residual, reason=why)


def unsupported(verifier, claim: ClaimExpr, reason: str) -> Result:
    """A claim through a recurrence that the induction does not cover: refuted when the
    unrolled check finds a counterexample, else unknown with `reason`."""
    if claim.rhs is not None:
        probe = verifier.sampler.probe(claim, claim.lhs, claim.rhs)
        if probe.wrong is not None:
            found = verifier.sampler.counterexample(claim, claim.lhs, claim.rhs)
            if found is None:
                found = verifier.sampler.example(probe.wrong, claim.lhs, claim.rhs)
            return Result(claim.name, claim.title, Status.REFUTED, 0.0, None, None, found)
    raise UncheckedError(reason)
