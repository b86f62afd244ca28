"""Lints: slips that are not false equations, as warnings at their positions.

- `delimiter`: a delimiter never closed in its row, one closing nothing, or a pair of
  different kind or size (`\\big[` … `]`, `\\left(` … `\\big)`);
- `mixed-derivative`: `d` and `\\partial` in one derivative (∂𝓛 over d γ);
- `matrix-rows`: rows of one matrix with different numbers of cells;
- `matrix-last`: a cell of a matrix's last row or column (after the dots, so at position
  N or L) whose subscript uses an index letter of that range where the size belongs;
- `ellipsis-operator`: an ellipsis without its + or - (`h_{2,1} \\cdots - h_{N,1}`);
- `use-before-definition`: a tensor that is not an input, used in an equation before the
  first line defining it (when the context says which tensors are inputs);
- `sum-index`: a sum whose index its summand never writes, though the summand has indices
  of its own (`\\sum_{i=1}^n e^{\\theta_j}`: almost always a slip in the index letter).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from symbn.language.latex import bars, brackets, literals, matrices
from symbn.language.latex.rows import Line
from symbn.language.latex.shapes import shape_of
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.texlex import Token
from symbn.language.latex.tree import (
    Diff,
    Dots,
    Last,
    Matrix,
    Node,
    Ref,
    Series,
    Sum,
    free_indices,
    walk,
)
from symbn.source.positions import Note, Span, TexError, note


def lint(lines: Sequence[Line], symbols: Symbols) -> tuple[Note, ...]:
    """Every lint warning of a document's lines, in line order."""
    out: list[Note] = []
    for line in lines:
        out += delimiters(line)
        for side in line.sides:
            out += _mixed(line, side)
            out += _ellipses(line, side)
            out += _idle_sums(line, side)
        out += _matrices(line, symbols)
    out += used_before_definition(lines, symbols)
    return tuple(out)


def _span(tokens: Sequence[Token], d: brackets.Delimiter) -> Span:
    return Span(tokens[d.first].start, tokens[d.last].end)


def delimiters(line: Line) -> list[Note]:
    """Delimiters of the row that do not pair up."""
    toks, origin = line.tokens, line.display.origin
    try:
        b = brackets.match(toks)
    except TexError as exc:
        return [note(origin, "warning", "delimiter", exc.message, exc.span)]
    out = [
        note(
            origin,
            "warning",
            "delimiter",
            f"{d.written(toks)} is never closed in this row",
            _span(toks, d),
        )
        for d in b.unclosed
    ]
    out += [
        note(
            origin,
            "warning",
            "delimiter",
            f"{d.written(toks)} closes nothing in this row",
            _span(toks, d),
        )
        for d in b.unopened
        if bars.at(toks, d.first, len(toks)) is None  # f \Big|_{z=0}: a bar, no delimiter
    ]
    out += [
        note(
            origin,
            "warning",
            "delimiter",
            f"{o.written(toks)} is closed by {c.written(toks)}",
            _span(toks, c),
        )
        for o, c in b.mismatched
    ]
    return out


def _mixed(line: Line, side: Node) -> Iterator[Note]:
    for n in walk(side):
        if isinstance(n, Diff) and n.style == "mixed":
            yield note(
                line.display.origin,
                "warning",
                "mixed-derivative",
                "this derivative "
                "mixes \\partial and d; write the same in the numerator and the "
                "denominator",
                n.span,
            )


def _ellipses(line: Line, side: Node) -> Iterator[Note]:
    for n in walk(side):
        if isinstance(n, Series) and n.problem:
            dots = next(t for _, t in n.terms if isinstance(t, Dots))
            yield note(line.display.origin, "warning", "ellipsis-operator", n.problem, dots.span)


def _idle_sums(line: Line, side: Node) -> Iterator[Note]:
    """A sum over an index its summand does not write, when the summand writes another
    index: the sum only multiplies by the range, which is rarely what was meant."""
    for n in walk(side):
        if not isinstance(n, Sum) or not n.indices:
            continue
        used = free_indices(n.body)
        written = {t.text for t in line.tokens if n.body.span.start <= t.start < n.body.span.end}
        idle = [i for i in n.indices if i not in used and i not in written]
        if idle and used:
            yield note(
                line.display.origin,
                "warning",
                "sum-index",
                f"this sum is over {', '.join(idle)}, which its summand never writes "
                f"(it writes {', '.join(used)}): is an index letter wrong?",
                n.span,
            )


def _matrices(line: Line, symbols: Symbols) -> Iterator[Note]:
    origin = line.display.origin
    for k, side in enumerate(line.sides):
        for m in (n for n in walk(side) if isinstance(n, Matrix) and n.rows):
            lengths = Counter(len(row) for row in m.rows)
            usual = lengths.most_common(1)[0][0]
            for row in m.rows:
                if len(row) != usual:
                    span = row[0].span.cover(row[-1].span)
                    yield note(
                        origin,
                        "warning",
                        "matrix-rows",
                        f"this row has {len(row)} cells and the others {usual}",
                        span,
                    )
            if m is side and k > 0:
                yield from _last(line, m, line.sides[k - 1], symbols)


def _last(line: Line, m: Matrix, left: Node, symbols: Symbols) -> Iterator[Note]:
    try:
        shape = shape_of(left, symbols)
    except TexError:
        return
    if len(shape) != 2:
        return
    for cell, pos in matrices.cells(m, shape):
        if pos is None:
            continue
        for axis, where in enumerate(("row", "column")):
            if not isinstance(pos[axis], Last):
                continue
            size = shape[axis]
            wrong = [i for i in free_indices(cell) if symbols.indices.get(i) == size]
            for letter in wrong:
                span = next(
                    i.span
                    for n in walk(cell)
                    if isinstance(n, Ref)
                    for i in n.indices
                    if getattr(i, "name", None) == letter
                )
                yield note(
                    line.display.origin,
                    "warning",
                    "matrix-last",
                    f"this cell is in the "
                    f"last {where} ({where} {size}), but its subscript has the index "
                    f"{letter}; the last {where} is written {size}",
                    span,
                )


def used_before_definition(lines: Sequence[Line], symbols: Symbols) -> list[Note]:
    """Tensors used in equations of display maths before the line that defines them (the
    first whose left side is the tensor, inline maths included: `$L = -\\sum_k y_k \\log
    p_k$` in a sentence defines L); nothing when the context names no inputs."""
    if symbols.inputs is None:
        return []
    eqs = [ln for ln in lines if ln.kind in ("equation", "step")]
    defining: dict[str, Line] = {}
    written = literals.written(lines)  # C = [c_1 c_2 …], then C = AB defines c_1 …
    for ln in eqs:
        left = ln.left
        if isinstance(left, Ref) and left.kind == "tensor" and ln.relations[0] in ("=", ":="):
            defining.setdefault(left.name, ln)
            cells = () if isinstance(ln.sides[1], Matrix) else written.get(left.name, ())
            for cell in (c for row in cells for c in row if isinstance(c, Ref)):
                defining.setdefault(cell.name, ln)
    out: list[Note] = []
    seen: set[str] = set()
    defined: set[str] = set(symbols.inputs) | symbols.given
    for ln in eqs:
        own = getattr(ln.left, "name", "")
        sides = ln.sides[1:] if ln is defining.get(own) else ln.sides
        if ln.display.inline:  # prose: it may define a name, its uses are not linted
            sides = []
        for side in sides:
            for r in walk(side):
                if not isinstance(r, Ref) or r.kind != "tensor" or r.name in defined:
                    continue
                if ln is defining.get(own) and r.name == own:
                    continue  # itself at an earlier step: a recurrence, read by the model
                if r.name in seen:
                    continue
                seen.add(r.name)
                later = r.name in defining
                out.append(
                    note(
                        ln.display.origin,
                        "warning",
                        "use-before-definition",
                        f"{r.name} is used here before the line that defines it"
                        if later
                        else f"{r.name} is not an input and no line defines it",
                        r.span,
                    )
                )
        defined |= {name for name, at in defining.items() if at is ln}
    return out
