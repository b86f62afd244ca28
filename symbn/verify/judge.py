"""The verdict on each claim of a document (`symbn.verify.document`): one verifier for the
claims of one set of sizes, each claim judged with the document's context, and a refutation
held back where the author's meaning differs from the plain reading — a derivative by an
intermediate (`intermediate`), a target that sums to one (`assumed`), a staged partial
derivative — with the reason."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from symbn.errors import SymbnError
from symbn.language import defining, folding
from symbn.language.latex.claims import Claim
from symbn.language.model import ClaimExpr, Model, claim_expr
from symbn.source.context import Context
from symbn.source.positions import Note
from symbn.source.spec import Claim as SpecClaim
from symbn.source.spec import Text
from symbn.verify import (
    aggregate,
    assumed,
    einsteinread,
    induction,
    intermediate,
    lossmodel,
    onestep,
    rounded,
    twoline,
)
from symbn.verify.budget import Options
from symbn.verify.finding import Finding
from symbn.verify.status import FAILED, PASSED, Status
from symbn.verify.verdicts import Result, details
from symbn.verify.verifier import Verifier


def _eq(c: Claim) -> str:
    return f"{c.lhs} = {c.rhs}"


class Judge:
    """The verdict on each claim of one document, with one verifier for them all."""

    def __init__(
        self,
        model: Model,
        context: Context,
        options: Options,
        notes: tuple[Note, ...],
        build: Callable[..., Model],
    ):
        self.options = options
        self.build = build
        self.declared = {s.name: s.minimum for s in context.sizes}
        #: one model and verifier per distinct set of raised minimums
        self.verifiers: dict[tuple[tuple[str, int], ...], Verifier] = {(): Verifier(model, options)}
        self.loss = context.loss
        self.mismatches = [n for n in notes if n.code == "annotation-mismatch"]
        self.restated = intermediate.Restated()  # what lines above proved a name equal to
        self.said = dict(context.notation).get("partials")  # what the context says, if it does
        self.layout_said = "layout" in dict(context.notation)
        self.layout = dict(context.notation).get("layout", "numerator")
        self.free: tuple = ()
        self.shadowed: str | None = None  # a letter free on one side, summed on the other
        self.read_as = ""

    def raised(self, c: Claim) -> tuple[tuple[str, int], ...]:
        """The minimums of a claim above those its sizes declare, in the context's order."""
        order = list(self.declared)
        return tuple(
            sorted(
                (
                    (name, least)
                    for name, least in c.minimums
                    if least > self.declared.get(name, least)
                ),
                key=lambda x: order.index(x[0]),
            )
        )

    def verifier(
        self, c: Claim, partials: str | None = None, simplex: tuple[tuple[str, str], ...] = ()
    ) -> Verifier:
        """The verifier of the model whose sizes are at least the claim's minimums (whose
        partial derivatives are `partials`, when given, and with the inputs of `simplex`
        declared simplices)."""
        key = self.raised(c)
        if partials is not None:
            key = (*key, ("partials", partials))  # type: ignore[assignment]
        key = (*key, *(("simplex", f"{n}:{s}") for n, s in simplex))  # type: ignore[assignment]
        if key not in self.verifiers:
            model = self.build(dict(self.raised(c)), simplex)
            if partials is not None:
                model = replace(model, partials=partials)
            self.verifiers[key] = Verifier(model, self.options)
        return self.verifiers[key]

    def summing_to_one(self, c: Claim, result: Result) -> str | None:
        """Why a refuted line is not refuted: it holds where an input's entries sum to one
        (`symbn.verify.assumed`); None when it does not."""
        if result.status != Status.REFUTED:
            return None
        for name, size in assumed.candidates(result.residual, self.verifier(c).model):
            try:
                again = self.verdict(c, c.lhs, None, ((name, size),))
            except UncheckedError:
                continue
            if again.status == Status.PROVED:
                return assumed.message(name, size)
        return None

    def staged(self, c: Claim, result: Result) -> bool:
        """Whether a refuted line with total derivatives holds with staged partials (the
        other definitions held fixed), when the context has not said which it means."""
        if result.status != Status.REFUTED or not self.local(c):
            return False
        return self.holds_staged(c) is True

    def local(self, c: Claim) -> bool:
        """Whether a line takes a derivative that staged partials read otherwise than total
        ones (of a name other than the loss: the loss's is an adjoint, total in either
        reading), when the context has not said which it means."""
        if self.said is not None or "diff(" not in c.lhs:
            return False
        names = re.findall(r"diff\((\w+)\b", _eq(c))
        return self.loss is None or any(n != self.loss.name for n in names)

    def holds_staged(self, c: Claim) -> bool | None:
        """Whether a line is proved with staged partials (None: it cannot be judged so)."""
        try:
            return self.verdict(c, c.lhs, "staged").status == Status.PROVED
        except UncheckedError:
            return None

    def other_layout(self, c: Claim, result: Result) -> bool:
        """Whether a refuted line with Jacobians holds in the layout the document was not
        read in, when the context has not said which it means (`jacobians.py`)."""
        if result.status != Status.REFUTED or self.layout_said:
            return False
        return self.holds_other(c) is True

    def holds_other(self, c: Claim) -> bool | None:
        """Whether a line is proved with its Jacobians in the other layout (None: it has
        none, or cannot be judged so)."""
        if c.other is None:
            return None
        kept = self.free, self.shadowed  # what the line as read says, not its other reading
        try:
            again = self.verdict(replace(c, rhs=c.other[1], first=None), c.other[0], noted=False)
        except UncheckedError:
            return None
        finally:
            self.free, self.shadowed = kept
        return again.status == Status.PROVED

    def held(self, c: Claim, result: Result) -> str | None:
        """Why a verdict is held back, where the author's meaning may differ from the plain
        reading (None: it stands)."""
        if (held := self.summing_to_one(c, result)) is not None:
            return held
        if self.staged(c, result):
            return (
                "false with total derivatives, true with the other definitions held fixed "
                "(staged partials, the local derivatives of a computational graph): "
                'say partials = "staged" or "total" in the context\'s [notation]'
            )
        if self.other_layout(c, result):
            return (
                f"false with its Jacobians in {self.layout} layout, true in the other: "
                'say layout = "numerator" or "denominator" in the context\'s [notation]'
            )
        if result.status != Status.REFUTED:
            return None
        if (one := assumed.at_one(result.residual, self.verifier(c).model)) is not None:
            return one
        if rounded.evaluated(c):
            return rounded.EVALUATED
        if c.wide:
            return (
                "false with its derivative operator acting on the whole product after it; "
                "its author may mean the first factor only: bracket what it acts on"
            )
        if self.shadowed:
            return (
                f"one side has {self.shadowed} free and the other sums over "
                f"{self.shadowed}: which {self.shadowed} the sum runs over, and whether the "
                "line is about one element or the whole batch, is not said"
            )
        return None

    def __call__(self, c: Claim) -> Finding:
        kind = "claim" if c.kind == "equation" else c.kind
        if c.kind == "size":
            same = c.lhs == c.rhs
            return Finding(
                c.where,
                c.width,
                kind,
                Status.PROVED if same else Status.REFUTED,
                f"size {c.lhs}"
                if same
                else f"size: the left side is {c.lhs}, but this says {c.rhs}",
                _eq(c),
            )
        if c.kind == "shape":  # the shapes do not fit: false whatever the values
            return Finding(
                c.where, c.width, "claim", Status.REFUTED, f"the shapes do not fit: {c.rhs}", ""
            )
        if (sums := rounded.judged(c, self.verifier(c).model)) is not None:
            return sums  # arithmetic with written decimals, their rounding allowed
        try:
            result = self.verdict(c, c.lhs)
            read_as = self.read_as
            held = self.held(c, result)
            if held is not None:
                raise UncheckedError(held)
        except UncheckedError as exc:
            return Finding(
                c.where,
                c.width,
                kind,
                Status.UNCHECKED,
                ("" if kind == "claim" else f"{kind} ") + f"{_eq(c)}: {exc}",
                _eq(c),
            )
        message = ("" if kind == "claim" else f"{kind} ") + _eq(c)
        message += f" ({read_as})" if read_as else ""
        if self.raised(c):
            shown = "the matrix shows" if kind == "matrix" else "the annotation's values say"
            least = ", ".join(f"{name} ≥ {n}" for name, n in self.raised(c))
            message += f" (for {least}, as {shown})"
        claim = _eq(c)
        if result.status == Status.PROVED:
            self.restate(c)
        if c.kind == "step" and result.status != Status.PROVED and c.first:
            try:
                again = self.verdict(c, c.first)
            except UncheckedError:
                again = None
            if again is not None and again.status == Status.PROVED:
                result, claim = again, f"{c.first} = {c.rhs}"
                message = (
                    f"step {c.first} = {c.rhs} (from the chain's first left side; "
                    "the line above does not hold)"
                )
        if c.condition:
            message += f"  when {c.condition}"
        where, width = c.where, c.width
        if c.kind == "annotation" and result.status == Status.REFUTED:
            slip = next(
                (
                    n
                    for n in self.mismatches
                    if n.where.line == c.where.line and n.where.col >= c.where.col
                ),
                None,
            )
            if slip is not None:
                where, width = slip.where, slip.width
                message += f" ({slip.message})"
        model = self.verifier(c).model
        failed = c.matrix and result.status in FAILED and result.residual is not None
        found = Finding(
            where,
            width,
            kind,
            result.status,
            message,
            claim,
            tuple(details(result, model)),
            (result.residual, self.free, model) if failed else None,
        )
        # a proof's reason (by induction) is shown below the line, not appended to it
        said = result.reason and result.status not in PASSED
        return replace(found, message=message + (f": {result.reason}" if said else ""))

    def restate(self, c: Claim) -> None:
        """After a proved side of a chain that starts at a defined name (`\\hat{X} = … =
        c(R) \\cdot R`), the name equal to this side, proved in turn, is noted: later lines
        may take a derivative of the name through what that side uses."""
        if c.kind not in ("equation", "step") or not c.first or c.first == c.lhs:
            return
        name = c.first.split("[", 1)[0]
        if name not in self.verifier(c).model.definitions:
            return
        with contextlib.suppress(UncheckedError):
            self.verdict(replace(c, first=None), c.first)

    def verdict(
        self,
        c: Claim,
        lhs: str,
        partials: str | None = None,
        simplex: tuple[tuple[str, str], ...] = (),
        noted: bool = True,
    ) -> Result:
        """The verifier's verdict on lhs = c.rhs (`UncheckedError` when it cannot be said), with
        the document's partial derivatives or `partials`; a proof `noted` is one that later
        lines may read a name through (`intermediate.Restated`)."""
        name = f"line{c.where.line}col{c.where.col}"
        spec = SpecClaim(
            name,
            Text(name, c.where),
            defining.located(lhs, c.where),
            defining.located(c.rhs, c.where),
            False,
            c.where,
        )
        verifier = self.verifier(c, partials, simplex)
        try:
            expr = claim_expr(spec, verifier.model.scope())
        except SymbnError as exc:
            raise UncheckedError(exc.message) from None
        assert expr.rhs is not None  # a line of a document always has its right side
        self.shadowed = aggregate.shadowed(expr.lhs, expr.rhs)  # as written, before any rewriting
        self.read_as = ""  # how a line proved in a reading of its own was read
        taken = induction.links(verifier.model, expr)  # ∂h[t, p]/∂a[t, q] of a chain
        if taken is not expr and sp.expand(taken.lhs - taken.rhs) == 0:
            return Result(expr.name, expr.title, Status.PROVED, 0.0, None)  # one expression
        expr = taken
        if onestep.proves(verifier.model, expr):  # ∂c[t]/∂f[t] within step t of c
            return Result(expr.name, expr.title, Status.PROVED, 0.0, None)
        if twoline.repeated(expr):  # ∂l/∂h_t = ∂l/∂h_t + …: total on the left, direct right
            self.read_as = REPEATED
            return _repeated(verifier, expr)
        written, expr = expr, twoline.read(verifier.model, expr)
        if (why := folding.refused(verifier.model, expr.lhs, expr.rhs)) is not None:
            raise UncheckedError(why)
        try:
            through = frozenset(
                self.restated.closure(verifier.model, [self.loss.of]) if self.loss else ()
            )
            lossmodel.refuse(self.loss, expr.lhs, expr.rhs, verifier.model, through)
        except lossmodel.UncheckedLossError as exc:
            raise UncheckedError(str(exc)) from None
        try:  # a derivative by an intermediate is taken through the document's expression
            expr = replace(
                expr,
                lhs=self.restated.through(expr.lhs, verifier.model),
                rhs=self.restated.through(expr.rhs, verifier.model),
            )
        except intermediate.UnresolvedError as exc:
            raise UncheckedError(str(exc)) from None
        self.free = expr.free  # the axes of a matrix-level line, in order
        result = verifier.claim(expr)
        if result.status == Status.REFUTED and expr.lhs is not written.lhs:
            self.direct(verifier, written)
        if result.status == Status.REFUTED and (why := einsteinread.unsaid(verifier, expr)):
            raise UncheckedError(why)
        proved = result.status == Status.PROVED and c.kind == "equation"
        if proved and noted and not (partials or simplex):
            self.restated.note(verifier.model, expr.lhs, expr.rhs)
        return result

    def direct(self, verifier: Verifier, written: ClaimExpr) -> None:
        """A line refuted with its derivatives by a folded h total (`twoline`): unchecked
        when it holds with them read as their direct parts, the later steps held."""
        held = replace(
            written,
            lhs=self.restated.through(written.lhs, verifier.model),
            rhs=self.restated.through(written.rhs, verifier.model),
        )
        if verifier.claim(held).status != Status.REFUTED:
            raise UncheckedError(twoline.ambiguous(verifier.model, written))


#: How a line with one derivative on both sides is proved (`_repeated`).
REPEATED = (
    "read with the derivative on the left the total and the same one on the right its direct "
    "part, the later steps held"
)


def _repeated(verifier: Verifier, expr: ClaimExpr) -> Result:
    """The verdict on a line whose left derivative is a term of its right side: proved with
    the left one total and the right one its direct part, else unchecked (never refuted)."""
    mixed = twoline.mixed(verifier.model, expr)
    said = "the same derivative stands on both sides of this line, the total on the left and "
    if mixed is None:
        raise UncheckedError(
            said + "a direct part on the right; that is read only for the state of a "
            "recurrence written over two lines"
        )
    result = verifier.claim(mixed)
    if result.status != Status.PROVED:
        raise UncheckedError(
            said + "its direct part (the later steps held) on the right: so read it is not proved"
        )
    return result


class UncheckedError(Exception):
    """A claim the verifier cannot be asked about, and why."""
