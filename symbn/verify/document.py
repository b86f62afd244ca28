"""A Markdown derivation checked line by line, as its author wrote it: document → findings.

The reader (`symbn.language.latex.reader`) turns each display line into claims in the expression
language, or into a located reason why it cannot; the document's definitions and its
context build a model (`symbn.language.defining`), and the verifier proves or refutes every claim
for every size. Each finding is one line of the report, at the line and column of the
document it is about:

- a definition: `defined`; a claim, step, cases row, matrix cell or annotation: `proved`,
  `refuted` (with the counterexample) or `unknown`; a size statement: `proved` when the
  shapes agree, else `refuted`;
- a line that says nothing checkable, or that the language cannot say yet: `unchecked`,
  with the reason; a lint: `warning`; maths or a definition that cannot be read: `error`.

A `&=` step is checked against the line above; when that fails, against the chain's first
left side, so that a wrong step is refuted once and the steps after it are not blamed. A
refuted annotation is reported at the index value that disagrees with its line, when one
does. A matrix cell or an annotated row is verified for the sizes its layout or its index
values imply (`Claim.minimums`), in a model of the same definitions whose sizes have those
minimums (one a distinct set), and its finding says so; no other claim is.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from symbn.errors import InputError, Location, SymbnError
from symbn.language import defining
from symbn.language.latex import guessed, inline
from symbn.language.latex.claims import ABOVE_UNCHECKED, Claim
from symbn.language.latex.completed import completed
from symbn.language.latex.reader import Reading, reading_of
from symbn.language.latex.symbols import Symbols, of_context
from symbn.language.model import Model, claim_expr
from symbn.source import frontmatter
from symbn.source.context import Context, Partial, read_any, with_spares
from symbn.source.document.formats import read_document
from symbn.source.document.markdown import Document
from symbn.source.positions import Note
from symbn.source.reading import read_path
from symbn.source.spec import Claim as SpecClaim
from symbn.source.spec import Text
from symbn.verify import inferred, intermediate, lossmodel, rows, worked
from symbn.verify.budget import Options
from symbn.verify.finding import Finding
from symbn.verify.status import FAILED, FINDING_STATUSES, PASSED, Status
from symbn.verify.verdicts import Result, details
from symbn.verify.verifier import Verifier

KINDS = ("definition", "claim", "step", "annotation", "cases", "matrix", "size", "lint")
#: The kind of a line a reader's note of this code leaves unchecked (else `claim`).
NOTE_KINDS = {
    "step": "step",
    ABOVE_UNCHECKED: "step",
    "annotation": "annotation",
    "cases": "cases",
    "matrix": "matrix",
    "size": "size",
}


@dataclass(frozen=True)
class Checked:
    """A document checked: its reading and every finding, in the order of the document."""

    path: str
    reading: Reading | None
    findings: tuple[Finding, ...]
    seconds: float
    #: the equation rows that got a verdict, and all of them (see `symbn.verify.rows`)
    rows_checked: int = 0
    rows: int = 0

    def count(self, status: str) -> int:
        return sum(1 for f in self.findings if f.status == status)

    @property
    def summary(self) -> dict[str, int]:
        return {s: self.count(s) for s in FINDING_STATUSES}


def context_of(doc: Document, given: Context | Partial | None) -> Context | None:
    """The document's context: symbn's part of its `+++` front matter, or the one given
    (not both); None when it has neither. A Hugo post's own front matter without a
    `[symbn]` table is the blog's."""
    front, path = doc.front_matter, doc.path
    part = None
    if front is not None and front.markup == "+++":
        part = frontmatter.context_part(front.text)
    if front is not None and part is not None:
        if given is not None:
            raise InputError(
                f"{path} has its own context in front matter; drop --context or the front matter",
                front.origin.where(0),
            )
        given = read_any(path, part.encode("utf-8"), front.origin.lines[0])
    return completed(doc, given) if isinstance(given, Partial) else given


def check(
    text: str,
    path: str,
    context: Context | Partial | None = None,
    options: Options | None = None,
) -> Checked:
    """Check a document (`InputError` when its context is bad or missing)."""
    start = time.perf_counter()
    doc = read_document(text, path)  # split once: for the context and for the maths
    given = context_of(doc, context)
    ctx = with_spares(given or guessed.context(doc), text)
    symbols = of_context(ctx)
    reading = reading_of(doc, symbols)
    definitions = defining.find(reading.claims, ctx)
    heading = next((ln.strip("# ") for ln in reading.document.lines if ln.startswith("#")), path)
    title = Text(heading, Location(path, 1, 1))
    partials = dict(ctx.notation).get("partials", "total")
    model, left = defining.model(ctx, definitions, title)
    model = replace(model, partials=partials)
    above = {n.where.line: n for n in reading.notes if n.code == ABOVE_UNCHECKED}
    out: list[Finding] = [_note(n) for n in reading.notes if n.code != ABOVE_UNCHECKED]
    if given is None:
        first = Location(path, 1, 1, text.split("\n", 1)[0])
        out.append(Finding(first, 1, "lint", Status.WARNING, guessed.NOTE.format(path=path)))
    out += [
        Finding(
            d.claim.where,
            d.claim.width,
            "definition",
            Status.DEFINED,
            f"definition {_eq(d.claim)}",
            _eq(d.claim),
        )
        for d in definitions
        if d.claim not in {x.claim for x in left}
    ]
    out += [
        Finding(
            x.claim.where,
            x.claim.width,
            "definition",
            Status.ERROR if x.error else Status.UNCHECKED,
            f"definition {_eq(x.claim)}: {x.reason}",
            _eq(x.claim),
        )
        for x in left
    ]
    judge = _Judge(
        model,
        ctx,
        options or Options(),
        reading.notes,
        lambda least: replace(
            defining.model(defining.raised(ctx, least), definitions, title)[0], partials=partials
        ),
    )
    taken = {id(d.claim) for d in definitions}
    prose = [c for c in reading.claims if id(c) not in taken and _inline_definition(c, symbols)]
    out += [
        Finding(c.where, c.width, "claim", Status.UNCHECKED, inline.DEFINES_ONLY) for c in prose
    ]
    pairs = [(c, judge(c)) for c in reading.claims if id(c) not in taken and c not in prose]
    if given is None:  # a refutation that rests on a doubtful guess is held back
        pairs = inferred.held_back(pairs, inferred.written_inputs(ctx, reading.claims))
    judged = worked.vouched(pairs, [d.claim for d in definitions])
    done, total = rows.count(
        reading.lines, [d.claim for d in definitions], [(c, f.status) for c, f in pairs]
    )
    stepped = {f.where.line for f in judged if f.kind == "step"} & set(above)
    out += [_above(f) if f.kind == "step" and f.where.line in stepped else f for f in judged]
    out += [_note(n) for line, n in above.items() if line not in stepped]  # not claimed
    order = sorted(
        out,
        key=lambda f: (
            f.where.line,
            f.where.col,
            KINDS.index(f.kind) if f.status != Status.WARNING else len(KINDS),
            f.message,
        ),
    )
    return Checked(path, reading, tuple(order), time.perf_counter() - start, done, total)


def _eq(c: Claim) -> str:
    return f"{c.lhs} = {c.rhs}"


def _above(f: Finding) -> Finding:
    """A step whose line above is not checked: checked against the chain's first left
    side, which its verdict says."""
    return replace(
        f,
        message=f"{f.message} (against the chain's first left side: the line above is not checked)",
    )


def _inline_definition(c: Claim, symbols: Symbols) -> bool:
    return c.line is not None and inline.defines_only(c.line, symbols)


def _note(n: Note) -> Finding:
    if n.severity == "unchecked":
        return Finding(
            n.where, n.width, NOTE_KINDS.get(n.code, "claim"), Status.UNCHECKED, n.message
        )
    return Finding(n.where, n.width, "lint", n.severity, n.message)


class _Judge:
    """The verdict on each claim of one document, with one verifier for them all."""

    def __init__(
        self,
        model: Model,
        context: Context,
        options: Options,
        notes: tuple[Note, ...],
        build: Callable[[dict[str, int]], Model],
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
        self.free: tuple = ()

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

    def verifier(self, c: Claim, partials: str | None = None) -> Verifier:
        """The verifier of the model whose sizes are at least the claim's minimums (and
        whose partial derivatives are `partials`, when given)."""
        key = self.raised(c)
        if partials is not None:
            key = (*key, ("partials", partials))  # type: ignore[assignment]
        if key not in self.verifiers:
            model = self.build(dict(self.raised(c)))
            if partials is not None:
                model = replace(model, partials=partials)
            self.verifiers[key] = Verifier(model, self.options)
        return self.verifiers[key]

    def staged(self, c: Claim, result: Result) -> bool:
        """Whether a refuted line with total derivatives holds with staged partials (the
        other definitions held fixed), when the context has not said which it means."""
        if result.status != Status.REFUTED or self.said is not None or "diff(" not in c.lhs:
            return False
        try:
            return self.verdict(c, c.lhs, "staged").status == Status.PROVED
        except _Unchecked:
            return False

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
        try:
            result = self.verdict(c, c.lhs)
            if self.staged(c, result):
                raise _Unchecked(
                    "false with total derivatives, true with the other definitions held fixed "
                    "(staged partials, the local derivatives of a computational graph): "
                    'say partials = "staged" or "total" in the context\'s [notation]'
                )
        except _Unchecked as exc:
            return Finding(
                c.where,
                c.width,
                kind,
                Status.UNCHECKED,
                ("" if kind == "claim" else f"{kind} ") + f"{_eq(c)}: {exc}",
                _eq(c),
            )
        message = ("" if kind == "claim" else f"{kind} ") + _eq(c)
        if self.raised(c):
            shown = "the matrix shows" if kind == "matrix" else "the annotation's values say"
            least = ", ".join(f"{name} ≥ {n}" for name, n in self.raised(c))
            message += f" (for {least}, as {shown})"
        claim = _eq(c)
        if c.kind == "step" and result.status != Status.PROVED and c.first:
            try:
                again = self.verdict(c, c.first)
            except _Unchecked:
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

    def verdict(self, c: Claim, lhs: str, partials: str | None = None) -> Result:
        """The verifier's verdict on lhs = c.rhs (`_Unchecked` when it cannot be said), with
        the document's partial derivatives or `partials`."""
        name = f"line{c.where.line}col{c.where.col}"
        spec = SpecClaim(
            name,
            Text(name, c.where),
            defining.located(lhs, c.where),
            defining.located(c.rhs, c.where),
            False,
            c.where,
        )
        verifier = self.verifier(c, partials)
        try:
            expr = claim_expr(spec, verifier.model.scope())
        except SymbnError as exc:
            raise _Unchecked(exc.message) from None
        try:
            lossmodel.refuse(self.loss, expr.lhs, expr.rhs, verifier.model)
        except lossmodel.UncheckedLossError as exc:
            raise _Unchecked(str(exc)) from None
        try:  # a derivative by an intermediate is taken through the document's expression
            expr = replace(
                expr,
                lhs=self.restated.through(expr.lhs, verifier.model),
                rhs=self.restated.through(expr.rhs, verifier.model),
            )
        except intermediate.UnresolvedError as exc:
            raise _Unchecked(str(exc)) from None
        self.free = expr.free  # the axes of a matrix-level line, in order
        result = verifier.claim(expr)
        if result.status == Status.PROVED and c.kind == "equation" and partials is None:
            assert expr.rhs is not None  # a line of a document always has its right side
            self.restated.note(verifier.model, expr.lhs, expr.rhs)
        return result


class _Unchecked(Exception):
    """A claim the verifier cannot be asked about, and why."""


def load_context(path: str) -> Context | Partial:
    """A context file, complete or to be completed from its document (`InputError` when it
    cannot be read)."""
    return read_any(path, read_path(path))
