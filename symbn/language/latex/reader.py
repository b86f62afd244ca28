"""The whole reading of a document: Markdown → displays → lines → claims, with every note.

`read` is the entry point the `check` command is to call: it runs no SymPy and raises on no
maths that is merely unreadable (every such problem is a located `Note`), only on maths that
is bad input, as a TOML derivation would be (an `InputError`: a concrete index past
`symbn.language.limits.MAX_INDEX`); the claims it returns are text in the expression
language, for the verifier to prove or refute.
"""

from __future__ import annotations

from dataclasses import dataclass

from symbn.language.latex import inline, inlinecases, workedarrays
from symbn.language.latex.annotations import annotation_claims
from symbn.language.latex.claims import Claim, claims_of
from symbn.language.latex.lints import lint
from symbn.language.latex.rows import Line, read_display
from symbn.language.latex.symbols import Symbols
from symbn.source.document.formats import read_document
from symbn.source.document.markdown import Document
from symbn.source.positions import Note


@dataclass(frozen=True)
class Reading:
    """A document read: its lines (every row of every maths, in order), the claims to
    verify (in order of position), and all notes (errors, warnings, reasons a line is
    unchecked), sorted by position."""

    document: Document
    lines: tuple[Line, ...]
    claims: tuple[Claim, ...]
    notes: tuple[Note, ...]


def read(text: str, symbols: Symbols, path: str = "<document>") -> Reading:
    """Read a document (Markdown, a notebook or LaTeX, by `path`'s suffix) with the given
    symbol table."""
    return reading_of(read_document(text, path), symbols)


def reading_of(doc: Document, symbols: Symbols) -> Reading:
    """The maths of a document already split from its text, read with `symbols`."""
    lines = tuple(
        inline.settle(line, symbols) for d in doc.displays for line in read_display(d, symbols)
    )
    lines = inlinecases.conditioned(lines, doc, symbols)  # with its sentence's assumptions
    cells, cell_notes, taken = workedarrays.worked(lines)  # worked examples in matrices
    claims, claim_notes = claims_of(lines, symbols, taken)
    ann_claims, ann_notes = annotation_claims(lines, symbols)
    notes = [
        *doc.notes,
        *(n for line in lines for n in line.notes),
        *claim_notes,
        *cell_notes,
        *ann_notes,
        *lint(lines, symbols),
    ]
    order = sorted(set(notes), key=lambda n: (n.where.line, n.where.col, n.code, n.message))
    every = sorted((*claims, *cells, *ann_claims), key=lambda c: (c.where.line, c.where.col))
    return Reading(doc, lines, tuple(every), tuple(order))
