"""Claims through a recurrence in forward mode, proved through one step of the chain rule.

What a derivation states going forward (`\\partial h^t / \\partial b = \\sigma'(a^t) [v
\\partial h^{t-1} / \\partial b + 1]`): for v an input (b, w, an element of W) and a
recurrence h[s, k] = f(s, k), the tangent D[s, k] = diff(h[s, k], v), total (every step
recomputed), obeys one step of the chain rule,

    D[s, k] = (partial f(s, k) / partial v, h held)
              + sum_{r, m} partial f(s, k) / partial h[r, m] * D[r, m],

and so does every diff(Y, v) of a Y computed from h: (partial Y / partial v, h held) +
sum_{r, m} partial Y / partial h[r, m] * D[r, m]. A claim whose diff()s through the
recurrence are all by one input v is proved by proving, with the rules, its *step identity*:
each such diff written so with D a fresh input (the lhs's, or else each D of the lhs written
through one more step), for every value of h and D. Each rewrite is the chain rule, which
the true tangents obey, so a proof of the identity is one of the claim; the off-axis step
before the first is zero there as in the definition. The independent check is the unrolled
one of `symbn.verify.induction`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sympy as sp

from symbn.calculus.derivative import evaluate, instantiate
from symbn.language import indices
from symbn.language.model import ClaimExpr, Model, tensors_in
from symbn.verify import induction
from symbn.verify.status import Status
from symbn.verify.verdicts import Result


@dataclass(frozen=True)
class Forward:
    """A claim through recurrence `name` whose diff()s through it are all by `wrt`."""

    name: str
    wrt: sp.Expr


def plan(model: Model, claim: ClaimExpr) -> Forward | None:
    """The forward plan of a claim, or None when it is not one (see the module)."""
    through = [
        (d, r)
        for d in induction.derivatives(claim)
        for r in induction.recurrences(model)
        if induction.passes(model, d, r)
    ]
    if not through or claim.rhs is None or len({r for _, r in through}) != 1:
        return None
    if any(len(d.variables) != 1 or d.expr.has(sp.Derivative) for d, _ in through):
        return None
    name = through[0][1]
    at_step = [d for d, _ in through if model.tensor_name(d.variables[0]) == name]
    if not all(same_step(model, d.expr, d.variables[0], name) for d in at_step):
        return None
    wrts = {v for d, _ in through for v in d.variables if d not in at_step}
    if len(wrts) != 1 or model.tensor_name(next(iter(wrts))) not in model.inputs:
        return None
    return Forward(name, wrts.pop())


def same_step(model: Model, y: sp.Expr, q: sp.Expr, name: str) -> bool:
    """Whether `y`, every other definition opened, reads recurrence `name` only at the step
    of its element `q` and under no sum over steps: its total derivative by q (the later
    steps recomputed) is then the partial one (∂h^t/∂a^t of h^t = σ(a^t))."""
    axis = model.definitions[name].recurrence.axis
    for _ in range(len(model.definitions) + 1):
        opened = {
            x: instantiate(model, x)
            for x in y.atoms(sp.Indexed)
            if x.base.label.name in model.definitions and x.base.label.name != name
        }
        opened |= {
            x: instantiate(model, x)
            for x in y.atoms(sp.Symbol)
            if x.name in model.definitions and model.bases.get(x.name) == x
        }
        if not opened:
            break
        y = y.xreplace(opened)
    steps = {x.indices[axis] for x in y.atoms(sp.Indexed) if x.base.label.name == name}
    summed = any(
        {lim[0] for lim in s.limits} & step.free_symbols for s in y.atoms(sp.Sum) for step in steps
    )
    return steps <= {q.indices[axis]} and not summed


class Tangent:
    """The proof of one claim through its step identity (see the module)."""

    def __init__(self, verifier, claim: ClaimExpr, forward: Forward):
        self.verifier, self.claim, self.forward = verifier, claim, forward
        self.model: Model = verifier.model
        name = forward.name
        base = f"d{name}_d{self.model.tensor_name(forward.wrt)}"
        while base in self.model.bases:
            base += "_"
        self.tangent = sp.IndexedBase(base, shape=self.model.shape(name), real=True)
        self.step_model = self._step_model()
        self.taken = indices.atoms(claim.lhs) | indices.atoms(claim.rhs or sp.S.Zero)

    def _step_model(self) -> Model:
        """The derivation with the recurrence and its tangent as inputs."""
        model, name = self.model, self.forward.name
        shape = model.shape(name)
        tangent = self.tangent.label.name
        inputs = {
            **model.inputs,
            name: (model.bases[name], shape, False),
            tangent: (self.tangent, shape, False),
        }
        definitions = {n: d for n, d in model.definitions.items() if n != name}
        bases = {**model.bases, tangent: self.tangent}
        deps: dict[str, set[str]] = {}
        for n, d in definitions.items():
            used = tensors_in(d.body, bases)
            deps[n] = used.union(*(deps.get(u, set()) for u in used))
        return replace(
            model, inputs=inputs, definitions=definitions, bases=bases, dependencies=deps
        )

    def _slots(self) -> tuple[sp.Expr, ...]:
        slots = []
        for letter in self.model.definitions[self.forward.name].index:
            new = indices.fresh(letter.size, self.taken, self.model.letters)
            self.taken.add(new)
            slots.append(new)
        return tuple(slots)

    def chain(self, y: sp.Expr, stepped: bool) -> sp.Expr:
        """diff(y, v) through the tangents of the recurrence (each written through one
        more step when `stepped`)."""
        wrt, base = self.forward.wrt, self.model.bases[self.forward.name]
        slots = self._slots()
        through = evaluate(sp.Derivative(y, base[slots], evaluate=False), self.step_model)
        tangent = self.step(slots) if stepped else self.tangent[slots]
        direct = evaluate(sp.Derivative(y, wrt, evaluate=False), self.step_model)
        return direct + sp.Sum(through * tangent, *[(s, 1, s.size) for s in slots])

    def step(self, slots: tuple[sp.Expr, ...]) -> sp.Expr:
        """The tangent at `slots`, through one step of the recurrence's definition."""
        element = self.model.element(self.forward.name, slots)
        body = instantiate(self.model, element, avoid=self.taken | set(slots))
        self.taken |= indices.atoms(body)
        return self.chain(body, stepped=False).xreplace({body: element})  # tanh(…) is h

    def identity(self, stepped: bool) -> ClaimExpr:
        claim, model, name = self.claim, self.model, self.forward.name

        def through(x: sp.Expr) -> bool:
            return isinstance(x, sp.Derivative) and induction.passes(model, x, name)

        def local(x: sp.Expr) -> bool:  # by an element of h, read at that step only
            return through(x) and model.tensor_name(x.variables[0]) == name

        def partial(d: sp.Derivative) -> sp.Expr:
            return evaluate(d, self.step_model)

        lhs = claim.lhs.replace(local, partial)
        rhs = (claim.rhs or sp.S.Zero).replace(local, partial)
        lhs = lhs.replace(through, lambda d: self.chain(d.expr, stepped))
        rhs = rhs.replace(through, lambda d: self.chain(d.expr, False))
        return replace(claim, lhs=lhs, rhs=rhs, steps=False)

    def run(self) -> Result | None:
        """PROVED or REFUTED; None when neither identity is proved and the unrolled check
        finds nothing (the claim is then left to `symbn.verify.induction`)."""
        verifier, claim = self.verifier, self.claim
        probe = verifier.sampler.probe(claim, claim.lhs, claim.rhs)  # unrolled, perturbed
        if probe.wrong is not None:
            found = verifier.sampler.counterexample(claim, claim.lhs, claim.rhs)
            if found is None:
                found = verifier.sampler.example(probe.wrong, claim.lhs, claim.rhs)
            return Result(claim.name, claim.title, Status.REFUTED, 0.0, None, None, found)
        step = type(verifier)(self.step_model, verifier.options)
        for stepped in (False, True):
            if step._claim(self.identity(stepped)).status == Status.PROVED:
                probe.confirm(claim)
                return Result(
                    claim.name, claim.title, Status.PROVED, 0.0, None, reason=self.reason()
                )
        return None

    def reason(self) -> str:
        name, wrt = self.forward.name, self.forward.wrt
        letter = self.model.definitions[name].index[self.model.definitions[name].recurrence.axis]
        return (
            f"proved through one step of {name}: the identity holds for every value of the "
            f"tangents diff({name}[...], {wrt}) (the chain rule, which they obey); checked "
            f"with the recurrence unrolled at small {letter.size}"
        )
