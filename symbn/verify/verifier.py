"""Proving or refuting claims for every size, then checking each verdict concretely.

Each claim gets a `Status` (`symbn.verify.verdicts`, which says what each one means); a run
ends in a `Verified` value, the one thing the emitters are handed.

A proof that the concrete check contradicts is symbn's own bug: `InternalError`, never a
pass.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace

import sympy as sp

from symbn.calculus.derivative import evaluate
from symbn.canonical import identities
from symbn.canonical.algebra import algebraic_zero
from symbn.canonical.engine import Canon
from symbn.canonical.fold import Fold, apply, closed_form, folds
from symbn.errors import InternalError
from symbn.language import indices
from symbn.language.model import ClaimExpr, Model
from symbn.verify import adjoint, concrete, steps
from symbn.verify.budget import SHARE, ClaimTimeoutError, Options, UncheckedError, attempt, deadline
from symbn.verify.status import Status
from symbn.verify.verdicts import Counterexample, Result, Verified, describe, inputs_at, mp_str


class Verifier:
    """Verifies the claims of one model, sharing the folds and the canonical forms reached
    between them."""

    def __init__(self, model: Model, options: Options | None = None):
        self.model = model
        self.options = options or Options()
        self.folds: tuple[Fold, ...] = folds(model)
        self.order = list(model.definitions)
        self.canon = Canon()
        self.exp_canon: Canon | None = None
        self.adjoints: dict = {}  # the adjoints reverse mode has reached, for every claim

    def run(self, each: Callable[[int, str, Result | None], None] | None = None) -> list[Result]:
        """The verdict on every claim, in order; `each(n, name, result)`, when given, is called
        before claim n is tried (result None) and once it is decided."""
        results = []
        for n, claim in enumerate(self.model.claims, start=1):
            if each is not None:
                each(n, claim.name, None)
            results.append(self.claim(claim))
            if each is not None:
                each(n, claim.name, results[-1])
        return results

    def completed(self, result: Result) -> Result:
        """`result` with the closed form of its claim's lhs (found now when it has none)."""
        if result.closed_form is not None:
            return result
        claim = next(c for c in self.model.claims if c.name == result.name)
        return replace(result, closed_form=self.closed_form(claim))

    def verified(
        self,
        path: str,
        verdicts: tuple[Result, ...],
        seconds: float,
        *,
        closed_forms: bool = False,
        derivations: bool = False,
    ) -> Verified:
        """The frozen value of a run: with `closed_forms` every result carries the closed form
        of its lhs, and with `derivations` the step-by-step derivations of the claims that ask
        for them are made too (both with the folds and canonical forms this verifier knows)."""
        results = verdicts
        if closed_forms or derivations:
            results = tuple(self.completed(r) for r in verdicts)
        made = None if not derivations else steps.derivations(self.model, list(results), self.folds)
        return Verified(path, self.model, verdicts, seconds, results, made)

    def claim(self, claim: ClaimExpr) -> Result:
        """The verdict on one claim. A derived claim carries its closed form, a refuted or
        unknown one its residual; the closed form of any other is `closed_form`'s to find,
        when something is to show it."""
        start = time.perf_counter()
        try:
            with deadline(self.options.timeout):
                result = self._claim(claim)
        except ClaimTimeoutError:
            return Result(
                claim.name,
                claim.title,
                Status.UNKNOWN,
                time.perf_counter() - start,
                None,
                reason=f"no verdict within the time budget of "
                f"{self.options.timeout:g} s (--timeout)",
            )
        except RecursionError:
            return Result(
                claim.name,
                claim.title,
                Status.UNKNOWN,
                time.perf_counter() - start,
                None,
                reason="the expression is too deeply nested to rewrite",
            )
        except UncheckedError as exc:
            return Result(
                claim.name,
                claim.title,
                Status.UNKNOWN,
                time.perf_counter() - start,
                None,
                reason=str(exc),
            )
        return Result(**{**result.__dict__, "seconds": time.perf_counter() - start})

    def _claim(self, claim: ClaimExpr) -> Result:
        reverse = self.reverse(claim)
        if reverse is not None:
            return self._reverse_claim(claim, reverse)
        lhs = evaluate(claim.lhs, self.model)
        sides = [("lhs", lhs)]
        if claim.rhs is not None:
            sides.append(("rhs", evaluate(claim.rhs, self.model)))
        for side, value in sides:
            if any(
                p.base.has(sp.KroneckerDelta) and not (p.exp.is_Integer and p.exp > 0)
                for p in value.atoms(sp.Pow)
            ):  # 1/diff(x[1, 2], x[i, j])
                raise UncheckedError(
                    f"once diff() is done the {side} divides by, or takes a "
                    "root of, a Kronecker delta, which the rewrite rules "
                    "do not handle"
                )
        for side, value in [*sides, *(("lhs", self.canon(lhs)),)]:
            _defined(side, value)
        rhs = claim.rhs
        if rhs is None:
            shown = self.presented(lhs)
            self.cross_check(claim, claim.lhs, shown)
            return Result(claim.name, claim.title, Status.DERIVED, 0.0, shown)
        probe = self.probe(claim, claim.lhs, rhs)
        difference = lhs - sides[1][1]
        if probe.wrong is None:
            if self.is_zero(difference):
                return self.confirmed(claim, probe)
            return self.failed(claim, probe, lambda: self.simplest(difference))
        share = self.options.timeout * SHARE  # the sides differ: a proof is a broken rule
        if attempt(share, lambda: self.is_zero(difference)):
            probe.confirm(claim)
        return self.failed(claim, probe, lambda: attempt(share, lambda: self.simplest(difference)))

    def _reverse_claim(self, claim: ClaimExpr, reverse: adjoint.Reverse) -> Result:
        """A vector-Jacobian product through a chain of definitions, in reverse mode: the
        concrete search first (cheap at small sizes), then the adjoints, compared with the
        rhs by unfolding what only one side names, and last by unfolding everything."""
        rhs = claim.rhs
        probe = self.probe(claim, claim.lhs, rhs)
        if probe.wrong is not None:  # the sides differ: a proof would be a broken rule
            gap = attempt(
                self.options.timeout * SHARE,
                lambda: self.difference(reverse.run(), rhs, shared=False),
            )
            if gap == 0:
                probe.confirm(claim)
            return self.failed(
                claim,
                probe,
                lambda: (
                    None
                    if gap is None
                    else attempt(self.options.timeout * SHARE, lambda: self.simplest(gap))
                ),
            )
        lhs = reverse.run()
        _defined("lhs", lhs)
        gap = self.difference(lhs, rhs, shared=False)
        if gap == 0:
            return self.confirmed(claim, probe)
        found = self.counterexample(claim, claim.lhs, rhs)
        if found is not None:
            return Result(
                claim.name, claim.title, Status.REFUTED, 0.0, None, self.simplest(gap), found
            )
        if self.difference(lhs, rhs, shared=True) == 0:
            return self.confirmed(claim, probe)
        return Result(
            claim.name,
            claim.title,
            Status.UNKNOWN,
            0.0,
            None,
            self.simplest(gap),
            reason="lhs - rhs does not reduce to zero, and no counterexample was "
            "found at small sizes",
        )

    def confirmed(self, claim: ClaimExpr, probe: Probe) -> Result:
        """Proved, now that the concrete check (run before the proof) agrees."""
        probe.confirm(claim)
        return Result(claim.name, claim.title, Status.PROVED, 0.0, None)

    def failed(self, claim: ClaimExpr, probe: Probe, residual) -> Result:
        """Refuted when a counterexample turns up, else unknown; `residual()` is lhs - rhs
        in its simplest form."""
        found = self.counterexample(claim, claim.lhs, claim.rhs)
        if found is None and probe.wrong is not None:
            found = self.example(probe.wrong, claim.lhs, claim.rhs)
        if found is not None:
            return Result(claim.name, claim.title, Status.REFUTED, 0.0, None, residual(), found)
        return Result(
            claim.name,
            claim.title,
            Status.UNKNOWN,
            0.0,
            None,
            residual(),
            reason="lhs - rhs does not reduce to zero, and no counterexample was "
            "found at small sizes",
        )

    def reverse(self, claim: ClaimExpr) -> adjoint.Reverse | None:
        """Reverse mode for a vector-Jacobian product through more than one definition
        (with an rhs free of diff()); None: the direct way."""
        if claim.rhs is None or claim.rhs.has(sp.Derivative):
            return None
        vjp = adjoint.vjp_form(self.model, claim.lhs)
        if vjp is None:
            return None
        nodes = adjoint.path(self.model, vjp)
        if len(nodes) < 2 or nodes[0] != vjp.output:
            return None
        return adjoint.Reverse(
            self.model, vjp, self.canon, self.folds, self.equal, memo=self.adjoints
        )

    def equal(self, left: sp.Expr, right: sp.Expr) -> bool:
        """left = right, shown by unfolding only what one side names; tried only when the
        two agree at a few concrete points (which rejects the wrong candidates cheaply)."""
        free = tuple(sorted(indices.free(left) | indices.free(right), key=str))
        points = concrete.samples(self.model, left, right, free, minimum={}, seed=0, per_size=4)
        if any(s.disagrees for s in points):
            return False
        return self.difference(left, right, shared=False) == 0

    def difference(self, left: sp.Expr, right: sp.Expr, *, shared: bool) -> sp.Expr:
        return adjoint.difference(self.model, self.canon, self.folds, left, right, shared=shared)

    def closed_form(self, claim: ClaimExpr) -> sp.Expr | None:
        """The closed form of the claim's lhs in the derivation's own names, checked to
        reduce to it (None past the time budget)."""
        try:
            with deadline(self.options.timeout):
                reverse = self.reverse(claim)
                if reverse is None:
                    return self.presented(evaluate(claim.lhs, self.model))
                lhs = reverse.run()
                shown = self.simplest(lhs)
                if not self.equal(lhs, shown):
                    shown = indices.readable(self.canon(lhs), self.model.letters)
                return shown
        except (ClaimTimeoutError, RecursionError):
            return None

    def presented(self, lhs: sp.Expr) -> sp.Expr:
        """The shortest closed form of `lhs` that the rules reduce back to it."""
        shown = self.simplest(lhs)
        if not self.is_zero(lhs - shown):  # presented past what the rules can undo
            shown = indices.readable(self.canon(lhs), self.model.letters)
        if not self.is_zero(lhs - shown):
            raise InternalError(f"the closed form {shown} does not reduce to the lhs {lhs}")
        return shown

    # -- the symbolic side ------------------------------------------------------------
    def simplest(self, e: sp.Expr) -> sp.Expr:
        """The shortest closed form of e in the derivation's own names."""
        return closed_form(self.canon(e), self.model.letters, self.folds)

    def is_zero(self, e: sp.Expr) -> bool:
        """Reduce e under the rules, unfolding definitions latest-first until it is zero."""
        canon = self.canon
        live = set(self.order)
        while True:
            rules = [
                f
                for f in self.folds
                if f.always and f.name in live and self._uses(f.replacement) <= live
            ]
            e = apply(canon(e), rules, canon)
            if e == 0:
                return True
            present = self._uses(e) & set(self.model.definitions)
            if not present:
                return algebraic_zero(e) or self.exp_zero(e)
            latest = max(present, key=self.order.index)
            e = self._unfold(e, latest)
            live.discard(latest)

    def exp_zero(self, e: sp.Expr) -> bool:
        """The last step: e, free of definitions, is zero once sigmoid, tanh and relu are
        written by exp and step (symbn.canonical.identities)."""
        if not e.has(*identities.EXP_FORMED):
            return False
        if self.exp_canon is None:
            self.exp_canon = Canon(exp_form=True)
        return algebraic_zero(self.exp_canon(e))

    def _uses(self, e: sp.Expr) -> set[str]:
        return adjoint.names(self.model, e)

    def _unfold(self, e: sp.Expr, name: str) -> sp.Expr:
        return adjoint.unfold(self.model, e, name)

    # -- the concrete side --------------------------------------------------------------
    def _seed(self, claim: ClaimExpr) -> int:
        return zlib.crc32(f"{claim.name}:{self.options.seed}".encode())

    def probe(self, claim: ClaimExpr, lhs: sp.Expr, rhs: sp.Expr) -> Probe:
        """The concrete check, run before the proof: the samples the cross-check takes (the
        wider search only when no point was defined), stopping at a clear disagreement."""
        probe = Probe()
        for extra in (False, True):
            for s in concrete.samples(
                self.model,
                lhs,
                rhs,
                claim.free,
                minimum=claim.minimum,
                seed=self._seed(claim),
                extra=extra,
            ):
                probe.checked += 1
                if s.disagrees:
                    probe.wrong = s
                    return probe
                if not s.agrees and probe.unsure is None:
                    probe.unsure = s
            if probe.checked:
                break
        return probe

    def cross_check(self, claim: ClaimExpr, lhs: sp.Expr, rhs: sp.Expr) -> None:
        self.probe(claim, lhs, rhs).confirm(claim)

    def counterexample(self, claim: ClaimExpr, lhs: sp.Expr, rhs: sp.Expr):
        for s in concrete.samples(
            self.model,
            lhs,
            rhs,
            claim.free,
            minimum=claim.minimum,
            seed=self._seed(claim),
            extra=True,
            per_size=64,
        ):
            if s.disagrees:
                return self.example(s, lhs, rhs)
        return None

    def example(self, s: concrete.Sample, lhs: sp.Expr, rhs: sp.Expr) -> Counterexample:
        """The counterexample that sample `s` is, with the inputs the claim uses."""
        scale = max(1, abs(s.arith.real(s.lhs)), abs(s.arith.real(s.rhs)))
        return Counterexample(
            sizes={str(k): v for k, v in s.point.sizes.items()},
            indices={str(k): v for k, v in s.indices.items()},
            inputs=inputs_at(self.model, s.point, self.used_inputs(lhs, rhs)),
            lhs=mp_str(s.lhs, scale),
            rhs=mp_str(s.rhs, scale),
        )

    def used_inputs(self, *exprs: sp.Expr) -> set[str]:
        """The inputs that `exprs` depend on, through the definitions they use."""
        todo = [n for e in exprs for n in self._uses(e)]
        seen: set[str] = set()
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            if name in self.model.definitions:
                todo += self._uses(self.model.definitions[name].body)
        return {n for n in seen if n in self.model.inputs}


@dataclass
class Probe:
    """What the concrete check found before the proof: how many points were `checked`,
    the first where the sides clearly differ (`wrong`), and the first where they do not
    quite agree (`unsure`, which contradicts a proof all the same)."""

    checked: int = 0
    wrong: concrete.Sample | None = None
    unsure: concrete.Sample | None = None

    def confirm(self, claim: ClaimExpr) -> None:
        """Raise unless the check confirms a proof of `claim`."""
        s = self.wrong or self.unsure
        if s is not None:
            raise InternalError(
                f"claim {claim.name}: the rewrite rules prove it, but the concrete "
                f"check disagrees at {describe(s)}: lhs = {mp_str(s.lhs)}, "
                f"rhs = {mp_str(s.rhs)}"
            )
        if not self.checked:
            raise UncheckedError(
                "the rewrite rules reduce lhs - rhs to zero, but at no "
                "sampled point are both sides defined, so the concrete "
                "check cannot confirm it"
            )


def _defined(side: str, value: sp.Expr) -> None:
    if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):  # 1/diff(c, x): a derivative of 0
        raise UncheckedError(
            f"the {side} is undefined everywhere: once diff() and "
            f"the sums are done it divides by zero ({value})"
        )
