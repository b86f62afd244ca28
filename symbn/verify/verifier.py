"""Proving or refuting claims for every size, then checking each verdict concretely.

Each claim gets a `Status` (`symbn.verify.verdicts`, which says what each one means); a run
ends in a `Verified` value, the one thing the emitters are handed. The concrete check runs
before each proof and independently of it (`symbn.verify.sampler`).

A proof that the concrete check contradicts is symbn's own bug: `InternalError`, never a
pass.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from symbn.calculus.derivative import ThroughRecurrenceError, evaluate
from symbn.canonical import byexp, identities, nodes, unfold
from symbn.canonical.algebra import algebraic_zero
from symbn.canonical.engine import Canon
from symbn.canonical.flat import flat_zero
from symbn.canonical.fold import Fold, closed_form, folds
from symbn.canonical.summands import split_logs, summand_zero
from symbn.errors import InternalError
from symbn.language import indices
from symbn.language.model import ClaimExpr, Model
from symbn.verify import adjoint, concrete, induction, steps, tangent
from symbn.verify.budget import SHARE, ClaimTimeoutError, Options, UncheckedError, attempt, deadline
from symbn.verify.sampler import Probe, Sampler
from symbn.verify.status import Status
from symbn.verify.verdicts import Result, Verified


class Verifier:
    """Verifies the claims of one model, sharing the folds and the canonical forms reached
    between them."""

    def __init__(self, model: Model, options: Options | None = None):
        self.model = model
        self.options = options or Options()
        self.folds: tuple[Fold, ...] = folds(model)
        self.canon = Canon()
        self.exp_canon: Canon | None = None
        self.adjoints: dict = {}  # the adjoints reverse mode has reached, for every claim
        self.sampler = Sampler(model, self.options.seed)

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
                nodes.check(result.closed_form, result.residual)
        except ClaimTimeoutError:
            reason = f"no verdict within the time budget of {self.options.timeout:g} s (--timeout)"
        except RecursionError:
            reason = "the expression is too deeply nested to rewrite"
        except (UncheckedError, nodes.UnhandledNodeError) as exc:
            reason = str(exc)
        except ThroughRecurrenceError as exc:
            reason = f"diff() through a recurrence outside the induction's form: {exc}"
        else:
            return Result(**{**result.__dict__, "seconds": time.perf_counter() - start})
        seconds = time.perf_counter() - start
        return Result(claim.name, claim.title, Status.UNKNOWN, seconds, None, reason=reason)

    def _claim(self, claim: ClaimExpr) -> Result:
        forward = tangent.plan(self.model, claim)
        if forward is not None and (done := tangent.Tangent(self, claim, forward).run()):
            return done
        through = induction.plan(self.model, claim)
        if isinstance(through, str):
            return induction.unsupported(self, claim, through)
        if through is not None:
            return induction.Induction(self, claim, through).run()
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
        nodes.check(*(value for _, value in sides))
        for side, value in [*sides, *(("lhs", self.canon(lhs)),)]:
            _defined(side, value)
        rhs = claim.rhs
        if rhs is None:
            shown = self.presented(lhs)
            self.sampler.probe(claim, claim.lhs, shown).confirm(claim)
            return Result(claim.name, claim.title, Status.DERIVED, 0.0, shown)
        probe = self.sampler.probe(claim, claim.lhs, rhs)
        difference = lhs - sides[1][1]
        if probe.wrong is None:
            if self.is_zero(difference) or self.last_resort(difference):
                return self.confirmed(claim, probe)
            return self.failed(claim, probe, lambda: self.simplest(difference))
        share = self.options.timeout * SHARE  # the sides differ: a proof is a broken rule
        if attempt(share, lambda: self.is_zero(difference) or self.last_resort(difference)):
            probe.confirm(claim)
        return self.failed(claim, probe, lambda: attempt(share, lambda: self.simplest(difference)))

    def _reverse_claim(self, claim: ClaimExpr, reverse: adjoint.Reverse) -> Result:
        """A vector-Jacobian product through a chain of definitions, in reverse mode: the
        concrete search first (cheap at small sizes), then the adjoints, compared with the
        rhs by unfolding what only one side names, and last by unfolding everything."""
        rhs = claim.rhs
        probe = self.sampler.probe(claim, claim.lhs, rhs)
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
        found = self.sampler.counterexample(claim, claim.lhs, rhs)
        if found is not None:
            return Result(
                claim.name, claim.title, Status.REFUTED, 0.0, None, self.simplest(gap), found
            )
        if self.difference(lhs, rhs, shared=True) == 0 or self.last_resort(gap):
            return self.confirmed(claim, probe)
        return self.unknown(claim, probe, self.simplest(gap))

    def confirmed(self, claim: ClaimExpr, probe: Probe) -> Result:
        """Proved, now that the concrete check (run before the proof) agrees."""
        probe.confirm(claim)
        return Result(claim.name, claim.title, Status.PROVED, 0.0, None)

    def failed(self, claim: ClaimExpr, probe: Probe, residual) -> Result:
        """Refuted when a counterexample turns up, else unknown; `residual()` is lhs - rhs
        in its simplest form."""
        found = self.sampler.counterexample(claim, claim.lhs, claim.rhs)
        if found is None and probe.wrong is not None:
            found = self.sampler.example(probe.wrong, claim.lhs, claim.rhs)
        if found is not None:
            return Result(claim.name, claim.title, Status.REFUTED, 0.0, None, residual(), found)
        return self.unknown(claim, probe, residual())

    def unknown(self, claim: ClaimExpr, probe: Probe, shown: sp.Expr | None) -> Result:
        """Unknown, with lhs - rhs in its simplest form `shown`; proved when that is 0, since
        the presentation's rewrites are the rules' too."""
        if shown == 0:
            return self.confirmed(claim, probe)
        return Result(
            claim.name,
            claim.title,
            Status.UNKNOWN,
            0.0,
            None,
            shown,
            reason="lhs - rhs does not reduce to zero, and no counterexample was "
            "found at small sizes",
        )

    def reverse(self, claim: ClaimExpr) -> adjoint.Reverse | None:
        """Reverse mode for a vector-Jacobian product through more than one definition
        (with an rhs free of diff()); None: the direct way, and always for a staged partial
        (of a name other than the loss), which goes through its own line only."""
        if claim.rhs is None or claim.rhs.has(sp.Derivative):
            return None
        vjp = adjoint.vjp_form(self.model, claim.lhs)
        if vjp is None or (self.model.partials == "staged" and vjp.output != self.model.loss):
            return None  # a staged partial holds the definitions fixed; the adjoints do not
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
        """left - right reduced by the one unfolding loop (symbn.canonical.unfold), with the
        last word `zero`."""
        return unfold.difference(
            self.model, self.canon, self.folds, left, right, shared=shared, zero=self.zero
        )

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
                nodes.check(shown)
                return shown
        except (
            ClaimTimeoutError,
            RecursionError,
            nodes.UnhandledNodeError,
            ThroughRecurrenceError,
        ):
            return None

    def presented(self, lhs: sp.Expr) -> sp.Expr:
        """The shortest closed form of `lhs` that the rules reduce back to it."""
        shown = self.simplest(lhs)
        if not self.is_zero(lhs - shown):  # presented past what the rules can undo
            shown = indices.readable(self.canon(lhs), self.model.letters)
        if not self.is_zero(lhs - shown):
            raise InternalError(f"the closed form {shown} does not reduce to the lhs {lhs}")
        return shown

    def residual(self, claim: ClaimExpr) -> sp.Expr:
        """lhs - rhs of `claim` in its simplest form."""
        rhs = sp.S.Zero if claim.rhs is None else evaluate(claim.rhs, self.model)
        return self.simplest(evaluate(claim.lhs, self.model) - rhs)

    # -- the symbolic side ------------------------------------------------------------
    def simplest(self, e: sp.Expr) -> sp.Expr:
        """The shortest closed form of e in the derivation's own names."""
        return closed_form(self.canon(e), self.model.letters, self.folds)

    def is_zero(self, e: sp.Expr) -> bool:
        """Reduce e under the rules, unfolding definitions latest-first until it is zero
        (symbn.canonical.unfold)."""
        return self.difference(e, sp.S.Zero, shared=True) == 0

    def last_resort(self, e: sp.Expr) -> bool:
        """e is zero once every definition is unfolded down to the inputs with no fold at
        all, its radicals and exp multiples in one form: the last attempt before unknown,
        for a difference that still holds a user's name beside what it stands for
        (sqrt(delta + var[j]) - std[j]), where no single fold applies."""
        gap = unfold.difference(
            self.model, self.canon, (), e, sp.S.Zero, shared=True, zero=self.zero
        )
        return gap == 0

    def zero(self, e: sp.Expr) -> bool:
        """The last word on e, free of definitions: zero as a rational function of its
        atoms, or once the functions are written by exp (`exp_zero`), or once its sums are
        flattened and their bound indices renamed alike (`symbn.canonical.flat`), or once
        its logs are split by factor, or its per-example sums gathered into one summand
        (`symbn.canonical.summands`)."""
        return (
            algebraic_zero(e)
            or self.exp_zero(e)
            or self.log_zero(e)
            or flat_zero(e)
            or summand_zero(e, self.summand_zero)
        )

    def summand_zero(self, e: sp.Expr) -> bool:
        """The last word on the one summand of a difference of per-example sums
        (symbn.canonical.summands)."""
        return algebraic_zero(e) or self.exp_zero(e) or self.log_zero(e)

    def log_zero(self, e: sp.Expr) -> bool:
        """e is zero once its functions are written by exp and the logs of its positive
        factors split (symbn.canonical.summands.split_logs)."""
        return e.has(sp.log) and algebraic_zero(split_logs(self._exp_canon()(e)))

    def _exp_canon(self) -> Canon:
        if self.exp_canon is None:
            self.exp_canon = Canon(exp_form=True)
        return self.exp_canon

    def exp_zero(self, e: sp.Expr) -> bool:
        """The last step: e, free of definitions, is zero once sigmoid, tanh and relu are
        written by exp and step (symbn.canonical.identities)."""
        if not e.has(*identities.EXP_FORMED, *byexp.FORMED):
            return False
        return algebraic_zero(self._exp_canon()(e))


def _defined(side: str, value: sp.Expr) -> None:
    if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):  # 1/diff(c, x): a derivative of 0
        raise UncheckedError(
            f"the {side} is undefined everywhere: once diff() and "
            f"the sums are done it divides by zero ({value})"
        )
