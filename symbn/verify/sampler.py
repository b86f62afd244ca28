"""The concrete side of a verdict: the claim's sides evaluated at sampled sizes, indices and
inputs (`symbn.verify.concrete`), before the proof and independent of it.

A `Sampler` runs the check for one model: `probe` takes the samples the cross-check takes and
stops at a clear disagreement, `counterexample` searches wider for one, and `example` writes a
sample as the `Counterexample` a verdict shows, with the inputs the claim uses. A `Probe`
holds what the check found, and `confirm` raises when it contradicts a proof.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import sympy as sp

from symbn.errors import InternalError
from symbn.language.model import ClaimExpr, Model
from symbn.verify import concrete
from symbn.verify.budget import UncheckedError
from symbn.verify.verdicts import Counterexample, describe, inputs_at, mp_str


class Sampler:
    """The concrete check of one model's claims, each claim's samples drawn from a seed made
    of its name and `seed`."""

    def __init__(self, model: Model, seed: int):
        self.model = model
        self.seed_option = seed

    def seed(self, claim: ClaimExpr) -> int:
        return zlib.crc32(f"{claim.name}:{self.seed_option}".encode())

    def probe(self, claim: ClaimExpr, lhs: sp.Expr, rhs: sp.Expr) -> Probe:
        """The concrete check, run before the proof: the samples the cross-check takes (the
        wider search only when no point was defined), stopping at a clear disagreement."""
        probe = Probe()
        for extra in (False, True):
            for s in self.samples(claim, lhs, rhs, extra=extra):
                probe.checked += 1
                if s.disagrees:
                    probe.wrong = s
                    return probe
                if not s.agrees and probe.unsure is None:
                    probe.unsure = s
            if probe.checked:
                break
        return probe

    def samples(self, claim: ClaimExpr, lhs: sp.Expr, rhs: sp.Expr, **how):
        """The claim's samples (`how`: the options of `concrete.samples`)."""
        return concrete.samples(
            self.model, lhs, rhs, claim.free, minimum=claim.minimum, seed=self.seed(claim), **how
        )

    def counterexample(self, claim: ClaimExpr, lhs: sp.Expr, rhs: sp.Expr):
        """The first clear disagreement of a wider search, as a counterexample (or None)."""
        for s in self.samples(claim, lhs, rhs, extra=True, per_size=64):
            if s.disagrees:
                return self.example(s, lhs, rhs)
        return None

    def example(self, s: concrete.Sample, lhs: sp.Expr, rhs: sp.Expr) -> Counterexample:
        """The counterexample that sample `s` is, with the inputs the claim uses."""
        scale = max(1, abs(s.arith.real(s.lhs)), abs(s.arith.real(s.rhs)))
        return Counterexample(
            sizes={str(k): v for k, v in s.point.sizes.items()},
            indices={str(k): v for k, v in s.indices.items()},
            inputs=inputs_at(self.model, s.point, self.model.used_inputs(lhs, rhs)),
            lhs=mp_str(s.lhs, scale),
            rhs=mp_str(s.rhs, scale),
        )


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
