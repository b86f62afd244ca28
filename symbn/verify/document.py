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

from symbn.errors import InputError, Location
from symbn.language import defining, layers
from symbn.language.latex import guessed, inline
from symbn.language.latex.calledwith import defined_calls
from symbn.language.latex.claims import ABOVE_UNCHECKED, Claim
from symbn.language.latex.completed import completed
from symbn.language.latex.reader import Reading, reading_of
from symbn.language.latex.symbols import Symbols, of_context
from symbn.language.model import Model
from symbn.source import frontmatter
from symbn.source.context import Context, Partial, read_any, with_spares
from symbn.source.document.formats import read_document
from symbn.source.document.markdown import Document
from symbn.source.positions import Note
from symbn.source.reading import read_path
from symbn.source.spec import Text
from symbn.verify import (
    aliases,
    assumed,
    freename,
    implicit,
    inferred,
    layouts,
    lossmodel,
    namedcase,
    rows,
    sections,
    staging,
    stationary,
    vanishing,
    worked,
)
from symbn.verify.budget import Options
from symbn.verify.finding import Finding
from symbn.verify.judge import Judge
from symbn.verify.status import FINDING_STATUSES, Status

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


def context_of(doc: Document, given: Context | Partial | None) -> Context | Partial | None:
    """The document's context: symbn's part of its `+++` front matter, or the one given
    (not both), complete or `Partial`; None when it has neither. A Hugo post's own front
    matter without a `[symbn]` table is the blog's."""
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
    return given


def check(
    text: str,
    path: str,
    context: Context | Partial | None = None,
    options: Options | None = None,
) -> Checked:
    """Check a document (`InputError` when its context is bad or missing); a context with
    sections checks the maths under each of their headings with theirs."""
    start = time.perf_counter()
    doc = read_document(text, path)  # split once: for the context and for the maths
    given = context_of(doc, context)
    if given is None or not given.sections:
        return _checked(doc, text, path, given, options, start=start)
    done = [
        _checked(part, text, path, ctx, options, start=start)
        for part, ctx in sections.parts(doc, given, path)
    ]
    readings = [c.reading for c in done if c.reading is not None]
    reading = Reading(
        doc,
        tuple(x for r in readings for x in r.lines),
        tuple(x for r in readings for x in r.claims),
        tuple(x for r in readings for x in r.notes),
    )
    return Checked(
        path,
        reading,
        tuple(sorted((f for c in done for f in c.findings), key=_order)),
        time.perf_counter() - start,
        sum(c.rows_checked for c in done),
        sum(c.rows for c in done),
    )


def _checked(
    doc: Document,
    text: str,
    path: str,
    given: Context | Partial | None,
    options: Options | None,
    *,
    start: float,
) -> Checked:
    """Check a document's maths with one context (None: inferred from the maths)."""
    guessing = given is None or isinstance(given, Partial)  # some of it inferred
    shaped = given is not None and (not isinstance(given, Partial) or _shapes_given(given))
    if isinstance(given, Partial):
        given = completed(doc, given)
    ctx = with_spares(given or guessed.context(doc), text)
    symbols = replace(of_context(ctx), called=defined_calls(doc))  # J(w, b) = …
    reading = reading_of(doc, symbols)
    definitions = defining.find(reading.claims, ctx)
    heading = next((ln.strip("# ") for ln in reading.document.lines if ln.startswith("#")), path)
    title = Text(heading, Location(path, 1, 1))
    partials = dict(ctx.notation).get("partials", "total")
    model, left = defining.model(ctx, definitions, title)
    loss = None if ctx.loss is None else ctx.loss.name
    model = replace(model, partials=partials, loss=loss)
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
            Status.ERROR if x.error and not guessing else Status.UNCHECKED,
            f"definition {_eq(x.claim)}: {x.reason}" + (GUESSED if x.error and guessing else ""),
            _eq(x.claim),
        )
        for x in left
    ]

    judged = _judging(
        definitions, title, options or Options(), reading.notes, partials=partials, loss=loss
    )
    judge = judged(ctx, first=model)
    taken = {id(d.claim) for d in definitions}
    prose = [c for c in reading.claims if id(c) not in taken and _inline_definition(c, symbols)]
    out += [
        Finding(c.where, c.width, "claim", Status.UNCHECKED, inline.DEFINES_ONLY) for c in prose
    ]
    named = aliases.aliases(left, aliases.scalars(ctx))  # G_Z = ∂L/∂Z, dw = ∂L/∂w: read below
    claims = [aliases.read_through(c, named) for c in reading.claims]
    claims = [layers.bounded_claim(ctx, c) for c in claims]  # w^{l+1}: a hidden layer l
    kept = [c for c, o in zip(claims, reading.claims, strict=True) if id(o) not in taken]
    pairs = inferred.updates([(c, judge(c)) for c in kept if c.line not in {p.line for p in prose}])
    cased = namedcase.by(reading.document.lines)  # a case the prose names: i = j
    pairs = freename.freed(cased(pairs, judge), model, ctx, judged, cased)  # ∂tanh(z)/∂z
    if guessing:  # a refutation that rests on a doubtful guess is held back
        pairs = _guessed(pairs, ctx, reading, model, judge, shaped=shaped)
    pairs = layouts.settled(pairs, judge)  # Jacobians in two layouts: a slip in one
    pairs = implicit.held(pairs)  # ∂f/∂x_i = ∂f/∂y_i ∂y_i/∂μ ∂μ/∂x_i: a sum left unsaid
    # a slip in a worked example in matrices: blamed once; $b = -2.5$, then b = -3: set again
    pairs = worked.set_again(worked.carried(pairs), [d.claim for d in definitions])
    # ∂ℓ/∂μ = … = 0: solved next; a loss of a name whose definition is left out, said so
    pairs = lossmodel.unreached(  # (μ_k = Σ r x / Σ r below ∂J/∂μ_k: an estimate, too)
        stationary.held(stationary.estimates(pairs, ctx), reading.document.lines),
        ctx,
        definitions,
        left,
    )
    zero = vanishing.vanishing(judge.verifiers[()])  # σ² = Σ (x − μ)/N: a definition that is 0
    at = {d.define.name: d.claim.where.line for d in definitions}
    pairs = vanishing.held(pairs, zero, model.dependencies, at)
    out += [
        Finding(d.claim.where, d.claim.width, "lint", Status.WARNING, vanishing.WARNING)
        for d in definitions
        if d.define.name in zero
    ]
    judged = worked.vouched(pairs, [d.claim for d in definitions])
    done, total = rows.count(
        reading.lines,
        [d.claim for d in definitions] + inferred.declarations(pairs),
        [(c, f.status) for c, f in pairs],
    )
    stepped = {f.where.line for f in judged if f.kind == "step"} & set(above)
    out += [_above(f) if f.kind == "step" and f.where.line in stepped else f for f in judged]
    out += [_note(n) for line, n in above.items() if line not in stepped]  # not claimed
    order = sorted(out, key=_order)
    return Checked(path, reading, tuple(order), time.perf_counter() - start, done, total)


def _judging(
    definitions: list, title: Text, options: Options, notes: tuple, *, partials: str, loss
) -> Callable[..., Judge]:
    """How a judge of a document's claims is made under a context (`ctx`), the definitions
    of the names `without` left out (`first`: the model, when already built)."""

    def judged(ctx: Context, without: frozenset[str] = frozenset(), first=None) -> Judge:
        kept = [d for d in definitions if d.define.name not in without]

        def build(least, simplex=()):
            raised = assumed.assumed(defining.raised(ctx, least), simplex)
            return replace(defining.model(raised, kept, title)[0], partials=partials, loss=loss)

        return Judge(first or build({}), ctx, options, notes, build)

    return judged


def _guessed(
    pairs: list[tuple[Claim, Finding]],
    ctx: Context,
    reading: Reading,
    model: Model,
    judge: Judge,
    *,
    shaped: bool,
) -> list[tuple[Claim, Finding]]:
    """The judged claims under an inferred context, each refutation that rests on a doubtful
    guess held back (`symbn.verify.inferred`) and partials staged as the document reads them;
    unless the user's context gives the shapes (`shaped`), a size statement that agrees with
    the inferred ones is a declaration, not a proof."""
    if not shaped:
        pairs = inferred.declared(pairs)  # X \\in R^{N x D}: the line the shape was read from
    suspects: dict[str, int | str] = {**inferred.described(ctx, reading.document)}
    suspects |= inferred.written_inputs(ctx, reading.claims)
    fixed, counted = inferred.fixed_sizes(ctx), inferred.counted_from_zero(ctx)
    pairs = inferred.later_layers(pairs, ctx)  # \delta^{[l+1]} in matrix notation
    unsaid = inferred.unsaid_through(model.definitions, model.dependencies)  # y = f(x)
    pairs = inferred.held_back(pairs, suspects, fixed, counted, unsaid)
    pairs = inferred.untied(pairs, model.dependencies, model.inputs)
    pairs = staging.settled(pairs, judge)  # (a line held only so, by an untied name: unchecked)
    return inferred.untied(pairs, model.dependencies, model.inputs)


def _shapes_given(given: Partial) -> bool:
    """Whether a partial context gives the shapes of the document's tensors."""
    return bool({"inputs", "defines"} & given.tables.keys())


def _order(f: Finding) -> tuple:
    """Findings in the order of the document: by position, then kind, then message."""
    kind = KINDS.index(f.kind) if f.status != Status.WARNING else len(KINDS)
    return (f.where.line, f.where.col, kind, f.message)


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


#: After a definition the model cannot hold, read with a context symbn inferred.
GUESSED = (
    " (read with the inferred context, which may have misread it: give the document a context)"
)


def _note(n: Note) -> Finding:
    if n.severity == "unchecked":
        return Finding(
            n.where, n.width, NOTE_KINDS.get(n.code, "claim"), Status.UNCHECKED, n.message
        )
    return Finding(n.where, n.width, "lint", n.severity, n.message)


def load_context(path: str) -> Context | Partial:
    """A context file, complete or to be completed from its document (`InputError` when it
    cannot be read)."""
    return read_any(path, read_path(path))
