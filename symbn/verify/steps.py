"""The step-by-step derivation of a claim, rebuilt from the engine's own record of its rewrites.

A derivation is a chain of equalities that starts at the claim's lhs:

1. differentiation, one wave at a time: every derivative still in the expression takes one
   rule of `symbn.calculus.derivative` (`Calculus.step`: sum, product, power and chain rules, the
   derivative of a sum, an element's deltas), with its children left as derivatives;
   a derivative of a definition's element is opened through the definition when it is the
   only one left, taken from an earlier claim whose derivation is shown (`steps = true`),
   or else derived apart as a lemma, as a person would set it aside;
2. the sum and delta rewrites of the canonical form, replayed from its `Trace`,
   grouped by rule;
3. the folds of `symbn.canonical.fold` (sum_p h_pl = N mu_l, ...), replayed from its record, and the
   final presentation of the closed form.

Each line is an equality; the tests check every one of them with the verifier.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symbn.calculus.derivative import Calculus, instantiate
from symbn.canonical.engine import Canon, Trace
from symbn.canonical.fold import Applied, Fold, closed_form
from symbn.canonical.sums import RENAME
from symbn.language import indices, rules
from symbn.language.model import ClaimExpr, Model
from symbn.verify.status import Status

#: The LaTeX identity of every rule a derivation line may cite, in catalogue order.
IDENTITIES = {rule.name: rule.identity for rule in rules.CATALOGUE.values()}

_KIND_ORDER = {"definition": 0, "claim": 1, "lemma": 2, "rule": 3, "fold": 4, "present": 5}


@dataclass(frozen=True, order=True)
class Reason:
    """Why a line follows from the one before.

    kind: "rule" (name is a rule of IDENTITIES), "definition" (name is the definition opened),
    "claim" (name is the earlier claim used), "lemma" (name is the lemma's number),
    "fold" (name is the definition folded back in) or "present" (common factors collected).
    """

    kind: str
    name: str

    def key(self) -> tuple:
        return (_KIND_ORDER[self.kind], self.name)


@dataclass(frozen=True)
class Line:
    """One line `= expr` of a chain, with the reasons for it (sorted, without repeats)."""

    expr: sp.Expr
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Chain:
    """lhs = steps[0].expr = steps[1].expr = ...; expressions are ready to print."""

    lhs: sp.Expr
    steps: tuple[Line, ...]

    @property
    def result(self) -> sp.Expr:
        return self.steps[-1].expr if self.steps else self.lhs


@dataclass(frozen=True)
class Derivation:
    """The chain of one claim, after the lemmas it uses (numbered from 1, in order)."""

    claim: str
    lemmas: tuple[Chain, ...]
    main: Chain


class Stepper:
    """Builds derivations for the claims of one model.

    shown: the earlier claims whose derivations are shown, {name: (lhs, result)}; a later
    derivation cites them instead of deriving the same derivative again.
    """

    def __init__(self, model: Model, folds: tuple[Fold, ...]):
        self.model = model
        self.folds = folds
        self.shown: dict[str, tuple[sp.Expr, sp.Expr]] = {}

    def cite(self, claim: ClaimExpr, result: sp.Expr) -> None:
        """Let later derivations use `claim` (its lhs a derivative of an element) = result."""
        if _element_derivative(claim.lhs) and not result.has(sp.Derivative):
            self.shown[claim.name] = (claim.lhs, result)

    def derive(self, claim: ClaimExpr) -> Derivation:
        lemmas: list[tuple[sp.Expr, Chain]] = []
        main = self.chain(claim.lhs, lemmas)
        return Derivation(claim.name, tuple(c for _, c in lemmas), main)

    # -- one chain -------------------------------------------------------------------------
    def chain(self, lhs: sp.Expr, lemmas: list, *, lemma: bool = False) -> Chain:
        """lhs = ... = its closed form; a lemma's folds are only those of sums (sum_p h_pl =
        N mu_l), so that its result, used inside a larger expression, leaves the choice of
        the element folds (h_kl = ...) to the end."""
        steps: list[Line] = []
        e = lhs
        first = True
        while e.has(sp.Derivative):
            e, reasons = self.wave(e, lemmas, top=first)
            first = False
            steps.append(Line(e, reasons))
        steps.extend(self.rewrites(e, lemma=lemma))
        return Chain(self.show(lhs), tuple(_tidy(self.show(lhs), steps, self.show)))

    def show(self, e: sp.Expr) -> sp.Expr:
        return indices.readable(e, self.model.letters)

    def wave(self, e: sp.Expr, lemmas: list, *, top: bool) -> tuple[sp.Expr, tuple]:
        """One rule at every innermost derivative of `e`."""
        found = _derivatives(e)
        replace: dict = {}
        reasons: set[Reason] = set()
        for d, bound in found:
            if d in replace:
                continue
            new, why = self.one(d, bound, lemmas, alone=len(found) == 1, top=top)
            replace[d] = new
            reasons.add(why)
        return e.xreplace(replace), tuple(sorted(reasons, key=Reason.key))

    def one(
        self, d: sp.Derivative, bound: frozenset, lemmas: list, *, alone: bool, top: bool
    ) -> tuple[sp.Expr, Reason]:
        ((wrt, count),) = d.variable_count
        x = d.expr
        if count > 1:  # one order at a time
            inner = sp.Derivative(x, wrt, evaluate=False)
            return sp.Derivative(inner, (wrt, count - 1), evaluate=False), Reason(
                "rule", "chain rule"
            )
        calc = Calculus(self.model, wrt)
        if not calc.depends(x):
            return sp.S.Zero, Reason("rule", "constant")
        name = self.model.tensor_name(x)
        if name is not None:
            target = self.model.tensor_name(wrt)
            if x == wrt or name == target:
                _, out = calc.one_rule(x)
                return out, Reason("rule", "derivative of an element")
            if name in self.model.definitions:
                return self.definition(d, bound, lemmas, alone=alone or top)
        rule, out = calc.one_rule(x)
        return out, Reason("rule", rule.name)

    def definition(
        self, d: sp.Derivative, bound: frozenset, lemmas: list, *, alone: bool
    ) -> tuple[sp.Expr, Reason]:
        """d = diff(D[a], w) for a definition D: cite, open or set aside as a lemma."""
        for claim, (lhs, result) in reversed(self.shown.items()):
            mapped = _instance(lhs, result, d, self.model.letters, bound)
            if mapped is not None:
                return mapped, Reason("claim", claim)
        x, wrt = d.expr, d.variable_count[0][0]
        if alone:
            avoid = bound | _indices(wrt)
            body = instantiate(self.model, x, avoid=avoid)
            return (
                sp.Derivative(body, wrt, evaluate=False),
                Reason("definition", self.model.tensor_name(x)),
            )
        for n, (lhs, chain) in enumerate(lemmas, start=1):
            mapped = _instance(lhs, chain.result, d, self.model.letters, bound)
            if mapped is not None:
                return mapped, Reason("lemma", str(n))
        chain = self.chain(d, lemmas, lemma=True)
        lemmas.append((d, chain))
        return _instance(d, chain.result, d, self.model.letters, bound), Reason(
            "lemma", str(len(lemmas))
        )

    # -- after the derivatives: the canon's rewrites, then the folds ------------------------
    def rewrites(self, e: sp.Expr, *, lemma: bool) -> list[Line]:
        trace = Trace()
        canonical = Canon(trace)(e)
        steps: list[Line] = []
        current = e
        pending: set[Reason] = set()
        done: list[tuple[sp.Expr, sp.Expr]] = []
        for rule, before, after in trace.steps:
            why = Reason("rule", rule.name)
            silent = rule.name == RENAME.name  # invisible once bound indices are shown
            now = before  # the rewrites recorded before this one, inside its `before`
            for old, rewritten in done:
                now = _rewrite(now, old, rewritten)
            done.append((before, after))
            new = _rewrite(current, now, after)
            if new == current:  # rewritten inside a node no longer in the expression
                if not silent:
                    pending.add(why)
                continue
            current = new
            reasons = pending if silent else pending | {why}
            pending = set()
            if steps and (not reasons or _phase(steps[-1].reasons) == _phase(tuple(reasons))):
                reasons |= set(steps[-1].reasons)
                steps[-1] = Line(current, tuple(sorted(reasons, key=Reason.key)))
            else:
                steps.append(Line(current, tuple(sorted(reasons, key=Reason.key))))
        if current != canonical:
            names = pending or {Reason("rule", "expand products")}
            steps.append(Line(canonical, tuple(sorted(names, key=Reason.key))))
        record: list[Applied] = []
        used = tuple(f for f in self.folds if f.is_sum) if lemma else self.folds
        closed_form(canonical, self.model.letters, used, record)
        for fold, _before, after in record:
            why = Reason("present", "") if fold is None else Reason("fold", fold.name)
            steps.append(Line(after, (why,)))
        return steps


def _phase(reasons: tuple[Reason, ...]) -> str:
    """Rewrites of products (one phase) and of sums (another): consecutive rewrites of one
    phase make one line."""
    products = {r.name for r in (*rules.at("product"), *rules.at("monomial"))}
    return "products" if all(r.name in products for r in reasons) else "sums"


def _rewrite(e: sp.Expr, before: sp.Expr, after: sp.Expr) -> sp.Expr:
    """`e` with `before` replaced by `after`; a one-index sum `before` also matches the last
    index of a sum over several (the canon sums those out one at a time, last first)."""
    new = e.xreplace({before: after})
    if new != e or not isinstance(before, sp.Sum) or len(before.limits) != 1:
        return new

    def hit(x: sp.Expr) -> bool:
        return (
            isinstance(x, sp.Sum)
            and len(x.limits) > 1
            and x.limits[-1] == before.limits[0]
            and x.function == before.function
        )

    return e.replace(hit, lambda x: sp.Sum(after, *x.limits[:-1]))


def _tidy(lhs: sp.Expr, steps: list[Line], show) -> list[Line]:
    """Readable bound indices; a line that prints as the line before is merged into it."""
    out: list[Line] = []
    previous = lhs
    for step in steps:
        expr = show(step.expr)
        if expr == previous and out:
            merged = tuple(sorted(set(out[-1].reasons) | set(step.reasons), key=Reason.key))
            out[-1] = Line(out[-1].expr, merged)
            continue
        if expr == previous:
            continue
        out.append(Line(expr, step.reasons))
        previous = expr
    return out


def _derivatives(e: sp.Expr) -> list[tuple[sp.Derivative, frozenset]]:
    """The innermost derivatives of `e` in a fixed order, each with the indices bound
    around it."""
    out: list[tuple[sp.Derivative, frozenset]] = []

    def visit(x: sp.Expr, bound: frozenset) -> None:
        if isinstance(x, sp.Derivative) and not x.expr.has(sp.Derivative):
            out.append((x, bound))
            return
        if isinstance(x, sp.Sum):
            bound = bound | {lim[0] for lim in x.limits}
        for a in x.args:
            visit(a, bound)

    visit(e, frozenset())
    return out


def _element_derivative(e: sp.Expr) -> bool:
    """diff(D[a, b], w[c, d]) with plain index letters, each used once."""
    if not isinstance(e, sp.Derivative) or len(e.variable_count) != 1:
        return False
    ((wrt, count),) = e.variable_count
    idx = [*_element_indices(e.expr), *_element_indices(wrt)]
    return (
        count == 1
        and None not in idx
        and all(isinstance(i, sp.Symbol) for i in idx)
        and len(set(idx)) == len(idx)
    )


def _element_indices(x: sp.Expr) -> list:
    if isinstance(x, sp.Indexed):
        return list(x.indices)
    return [] if isinstance(x, sp.Symbol) else [None]


def _instance(
    lhs: sp.Expr, result: sp.Expr, d: sp.Derivative, letters: indices.Letters, bound: frozenset
) -> sp.Expr | None:
    """`result` at the indices of `d`, when `d` is `lhs` with its index letters renamed."""
    ((w1, _),) = lhs.variable_count
    ((w2, count),) = d.variable_count
    a, b = lhs.expr, d.expr
    if count != 1 or type(a) is not type(b) or type(w1) is not type(w2):
        return None
    if isinstance(a, sp.Indexed) and (a.base != b.base or w1.base != w2.base):
        return None
    if not isinstance(a, sp.Indexed) and a != b:
        return None
    mapping: dict = {}
    for old, new in zip(
        [*_element_indices(a), *_element_indices(w1)],
        [*_element_indices(b), *_element_indices(w2)],
        strict=True,
    ):
        if mapping.setdefault(old, new) != new:
            return None
    avoid = set(bound) | {i for i in mapping.values() if isinstance(i, sp.Symbol)}
    return indices.rename_bound(result, avoid, letters).xreplace(mapping)


def _indices(e: sp.Expr) -> frozenset:
    return frozenset(_element_indices(e)) - {None}


def derivations(
    model: Model,
    results: list,
    folds: tuple[Fold, ...],
) -> dict[str, Derivation]:
    """{claim name: derivation} for the claims with `steps = true`, in claim order.

    results: the verifier's results in claim order; a claim cited by a later derivation must
    have been proved (or derived).
    """
    stepper = Stepper(model, folds)
    out: dict[str, Derivation] = {}
    recurrent = {n for n, d in model.definitions.items() if d.recurrence is not None}
    for claim, result in zip(model.claims, results, strict=True):
        if not claim.steps or _through(model, claim, recurrent):
            continue  # a recurrence is proved by induction, not unfolded step by step
        out[claim.name] = derivation = stepper.derive(claim)
        if result.status == Status.PROVED and claim.rhs is not None:
            stepper.cite(claim, claim.rhs)
        elif result.status == Status.DERIVED:
            stepper.cite(claim, derivation.main.result)
    return out


def _through(model: Model, claim: ClaimExpr, recurrent: set[str]) -> bool:
    """Whether the claim names a recurrence, or a definition that uses one."""
    sides = [claim.lhs] if claim.rhs is None else [claim.lhs, claim.rhs]
    used = {n for e in sides for n in model.uses(e)}
    return any(n in recurrent or recurrent & model.dependencies.get(n, set()) for n in used)
