"""Annotations beside worked examples, checked against the general line they instantiate.

A row `\\frac{\\partial u_{1,2}}{\\partial h_{1,1}} = 0 & k=1, l=2, i=1, j=1` says that it is
a general line (`\\frac{\\partial u_{k,l}}{\\partial h_{i,j}} = …`) at those index values. The
general line is the nearest other line above (else below) whose left side becomes this
row's left side when its index letters take concrete values. Two things follow:

- where the annotation gives a letter a different value than the row's left side does,
  a warning at the annotation's value (`annotation-mismatch`);
- the general line's right side at the annotation's values must equal the row's right
  side: an `annotation` claim (for a general `cases`, the row whose conditions hold),
  for sizes at least the values given (l=2 for l over L says L >= 2).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence

from symbn.language.latex.claims import Claim, implied
from symbn.language.latex.ellipsis import antiunify
from symbn.language.latex.printer import index_text
from symbn.language.latex.rows import Line
from symbn.language.latex.sides import texts
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.tree import (
    Cases,
    Index,
    Last,
    Letter,
    Matrix,
    Node,
    Number,
    rebuild,
    substitute,
    walk,
)
from symbn.source.positions import Note, TexError, note


def unifier(general: Node, concrete: Node) -> dict[str, Index] | None:
    """The values of `general`'s index letters that make it `concrete`; None if none do."""
    diffs = antiunify(general, concrete)
    if not diffs:
        return None
    out: dict[str, Index] = {}
    for a, b, _ in diffs:
        if not isinstance(a, Letter) or isinstance(b, Letter) or out.get(a.name, b) != b:
            return None
        out[a.name] = b
    return out


def skeleton(node: Node) -> Node:
    """The tree with every index erased: two trees can only unify if their skeletons are
    equal."""
    if isinstance(node, Letter | Number | Last):
        return Number(0)
    return rebuild(node, skeleton)


def annotation_claims(
    lines: Sequence[Line], symbols: Symbols
) -> tuple[tuple[Claim, ...], tuple[Note, ...]]:
    """The claims and notes of every annotated line of a document."""
    general: dict[Node, list[int]] = {}
    for m, other in enumerate(lines):
        if (
            other.kind in ("equation", "expression")
            and other.sides
            and any(isinstance(n, Letter) for n in walk(other.sides[0]))
        ):
            general.setdefault(skeleton(other.sides[0]), []).append(m)
    claims: list[Claim] = []
    notes: list[Note] = []
    for n, line in enumerate(lines):
        ann = line.annotation
        if ann is None or not ann.bindings or line.kind != "equation":
            continue
        candidates = sorted(
            general.get(skeleton(line.sides[0]), []), key=lambda m, n=n: (m > n, abs(m - n))
        )
        found = _generals(lines, n, candidates)
        claim, more = _check(line, found, symbols)
        claims += claim
        notes += more
    return tuple(claims), tuple(notes)


def _check(
    line: Line, general: Iterator[tuple[dict[str, Index], Line]], symbols: Symbols
) -> tuple[list[Claim], list[Note]]:
    ann = line.annotation
    assert ann is not None
    origin = line.display.origin
    bindings = dict(ann.bindings)
    nearest = next(general, None)
    if nearest is None:
        return [], [
            note(
                origin,
                "unchecked",
                "annotation",
                "no general line has a left side "
                "this line instantiates; the annotation is not checked",
                ann.span,
            )
        ]
    notes = []
    values, _ = nearest
    for letter, value in ann.bindings:
        if letter in values and values[letter] != value:
            notes.append(
                note(
                    origin,
                    "warning",
                    "annotation-mismatch",
                    f"the annotation says {letter}={index_text(value)}, but this "
                    f"line's left side has {letter}={index_text(values[letter])}",
                    value.span,
                )
            )
    for _, other in itertools.chain([nearest], general):
        if other.kind != "equation":
            continue
        try:
            right = _instance(other.sides[-1], bindings)
            if right is None:
                continue
            lhs, rhs = texts(right, line.sides[-1], symbols, None)
        except TexError as exc:
            notes.append(note(origin, "unchecked", "annotation", exc.message, ann.span))
            return [], notes
        return [
            Claim(
                "annotation",
                lhs,
                rhs,
                origin.where(ann.span.start),
                origin.width(ann.span),
                minimums=implied(ann.bindings, symbols),
                line=line,
                general=other,
            )
        ], notes
    return [], notes


def _generals(
    lines: Sequence[Line], n: int, candidates: list[int]
) -> Iterator[tuple[dict[str, Index], Line]]:
    """The lines among `candidates` whose left side line n instantiates, in their order."""
    left = lines[n].sides[0]
    for m in candidates:
        if m != n and (values := unifier(lines[m].sides[0], left)) is not None:
            yield values, lines[m]


def _instance(right: Node, bindings: Mapping[str, Index]) -> Node | None:
    """The general right side at the annotation's values (None for a line with none)."""
    if isinstance(right, Matrix):
        return None
    if not isinstance(right, Cases):
        return substitute(right, bindings)
    for row in right.rows:
        if row.otherwise:
            continue
        held = []
        for c in row.conditions:
            a, b = (
                bindings.get(i.name, i) if isinstance(i, Letter) else i for i in (c.left, c.right)
            )
            if isinstance(a, Letter) or isinstance(b, Letter):
                raise TexError(
                    "the annotation gives no value to an index the general cases test", c.span
                )
            held.append((a == b) == (c.op == "=="))
        if all(held):
            return substitute(row.value, bindings)
    otherwise = [r for r in right.rows if r.otherwise]
    return substitute(otherwise[0].value, bindings) if otherwise else None
