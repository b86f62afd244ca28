"""A display split into lines: rows of `aligned` at `\\\\`, cells at `&`, sides at `=`.

A row's cells are read the way `aligned` lays them out: `left &= right & annotation`, or
`left & = right`, or `&= right` (a step continuing the chain above), or `left = right &
annotation`; an annotation is a list of index values (`k=1, l=2`), a size
(`\\text{size } N \\times L`) or prose. After the equation, `, \\text{ size } = N \\times
L + L = …` is a size statement about it. Each side is parsed with the symbol table; a
line that cannot be read keeps its reason as a located `Note` instead of a tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from symbn.errors import Location
from symbn.language.latex import brackets, layout, separate
from symbn.language.latex.einstein import summed
from symbn.language.latex.naming import named_last
from symbn.language.latex.separate import IMPLIES, is_relation
from symbn.language.latex.shapes import ShapeExpr, parse_shape
from symbn.language.latex.subscripts import bind_sums, index_of
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.texlex import Token, tokenize
from symbn.language.latex.texmath import parse
from symbn.language.latex.tree import Condition, Index, Letter, Node
from symbn.source.document.markdown import Display
from symbn.source.positions import Note, Span, TexError, TexInputError, note

CHECKED = frozenset({"=", ":=", "\\equiv"})
#: Why a row of these kinds has nothing to check.
NOTHING_TO_CHECK = {
    "prose": "prose: there is no equation to check",
    "expression": "an expression without = states nothing to check",
}
#: A size statement: shapes said to be equal, `N \\times D \\cdot D \\times L = N \\times L`.
SizeChain = tuple[ShapeExpr, ...]


@dataclass(frozen=True)
class Annotation:
    """What stands in a cell after the equation: index values (`k=1, l=2` as
    `bindings`), a `size`, or prose `text`."""

    span: Span
    bindings: tuple[tuple[str, Index], ...] = ()
    size: SizeChain = ()
    text: str = ""


@dataclass(frozen=True)
class Line:
    """One row of a display. `kind`: `equation` (`sides[0]` is its left side), `step` (a
    `&=` row: its sides continue the chain above), `expression` (no relation), `prose`
    (words, or an index described in words), `empty`, or `unreadable` (see `notes`).
    `relations[n]` stands between `sides[n]` and `sides[n+1]` (for a step, before
    `sides[0]`); `sizes` are size statements after the equation (a `size` annotation is
    about the left side); `env` is the environment the row belongs to (`display` or
    `inline` when none); `tokens` are the row's tokens, for lints; `conditions` are the
    side conditions written after the equation (`, \\quad i = j`), at `condition_span`:
    the line holds only where they do; `aside`: a reason after `\\because`, which the
    next step does not go on from. A row that states several equations (`a = 1 \\qquad
    b = 0`) gives one line each."""

    display: Display
    env: str
    row: int
    span: Span
    kind: str
    sides: tuple[Node, ...] = ()
    relations: tuple[str, ...] = ()
    annotation: Annotation | None = None
    sizes: tuple[SizeChain, ...] = ()
    notes: tuple[Note, ...] = ()
    tokens: tuple[Token, ...] = field(default=(), compare=False, repr=False)
    conditions: tuple[Condition, ...] = ()
    condition_span: Span | None = None
    aside: bool = False

    @property
    def where(self) -> Location:
        return self.display.origin.where(self.span.start)

    @property
    def left(self) -> Node | None:
        """The left side, if the row has one (a step's is the right side above)."""
        return self.sides[0] if self.kind == "equation" else None


def read_display(display: Display, symbols: Symbols) -> tuple[Line, ...]:
    """Every row of a display, parsed; problems are notes on the lines, never raised, but
    for maths that is bad input (`InputError`, at its place in the file). Inline maths is
    prose's: a worked example's `$K = 96$` past a limit leaves it unchecked, saying why."""
    try:
        return _read_display(display, symbols)
    except TexInputError as exc:
        if not display.inline:
            raise display.origin.input_error(exc) from None
        problem = note(display.origin, "unchecked", "unreadable", exc.message, exc.span)
        whole = Span(0, max(1, len(display.text)))
        return (Line(display, "inline", 0, whole, "unreadable", notes=(problem,)),)


def _read_display(display: Display, symbols: Symbols) -> tuple[Line, ...]:
    origin = display.origin
    env = "inline" if display.inline else "display"
    whole = Span(0, max(1, len(display.text)))
    try:
        tokens = tokenize(display.text)
        b = brackets.match(tokens)
    except TexError as exc:
        unread = (note(origin, "unchecked", "unreadable", exc.message, exc.span),)
        return (Line(display, env, 0, exc.span, "unreadable", notes=unread),)
    inner, lo, hi = layout.body(tokens, b)
    env = inner or env
    if display.inline and not any(is_relation(t) for t in tokens):
        return (_mention(display, tokens[:hi], symbols),)
    lines = []
    for n, row in enumerate(layout.rows(tokens, b, lo, hi)):
        if not row:
            continue
        if row[-1] - row[0] == len(row) - 1:  # written on one row
            lines += _row(display, tokens, b, symbols, env=env, number=n, lo=row[0], hi=row[-1] + 1)
            continue
        joined = tuple(tokens[k] for k in row)
        try:
            bj = brackets.match(joined)
        except TexError as exc:
            lines.append(_unread(display, env, n, exc, joined))
            continue
        lines += _row(display, joined, bj, symbols, env=env, number=n, lo=0, hi=len(joined))
    return tuple(lines) or (Line(display, env, 0, whole, "empty"),)


def _mention(display: Display, tokens: tuple[Token, ...], symbols: Symbols) -> Line:
    """Inline maths without a relation names things in prose (`$N \\times D$`): read it
    if it can be, and say nothing if it cannot."""
    span = _span(tokens, 0, len(tokens)) if tokens else Span(0, max(1, len(display.text)))
    try:
        sides = bind_sums((parse(tokens, symbols),)) if tokens else ()
    except TexError:
        return Line(display, "inline", 0, span, "prose", tokens=tokens)
    return Line(display, "inline", 0, span, "expression", sides, tokens=tokens)


def _unread(display: Display, env: str, number: int, exc: TexError, row: tuple[Token, ...]) -> Line:
    """A row that cannot be read, with the reason."""
    problem = note(display.origin, "unchecked", "unreadable", exc.message, exc.span)
    span = _span(row, 0, len(row))
    return Line(display, env, number, span, "unreadable", notes=(problem,), tokens=row)


def _span(tokens: Sequence[Token], lo: int, hi: int) -> Span:
    return Span(tokens[lo].start, tokens[hi - 1].end)


def _row(
    display: Display,
    tokens: Sequence[Token],
    b: brackets.Brackets,
    symbols: Symbols,
    *,
    env: str,
    number: int,
    lo: int,
    hi: int,
) -> tuple[Line, ...]:
    origin = display.origin
    hi = layout.trimmed(tuple(tokens), lo, hi) if hi - lo > 1 else hi
    span = _span(tokens, lo, hi)
    cells = brackets.split(tokens, b, lo, hi, frozenset({"amp"}), delimiters=False)
    columns, rest = _columns(tokens, cells)
    notes: list[Note] = []
    annotation = None
    if rest:
        a, z = rest[0][0], rest[-1][1]
        if a < z:
            try:
                annotation = read_annotation(tokens, symbols, a, z)
            except TexError as exc:
                message = f"annotation not read: {exc.message}"
                notes.append(note(origin, "unchecked", "annotation", message, exc.span))
    row = tuple(tokens[lo:hi])
    try:
        parts = [p for eq in columns for p in separate.pieces(display.text, eq, symbols)]
    except TexError as exc:
        notes.insert(0, note(origin, "unchecked", "unreadable", exc.message, exc.span))
        unread = Line(display, env, number, span, "unreadable", annotation=annotation)
        return (replace(unread, notes=tuple(notes), tokens=row),)
    out = []
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        out.append(
            _line(
                display,
                symbols,
                env=env,
                number=number,
                span=span if len(parts) == 1 else _span(part.tokens, 0, len(part.tokens)),
                part=part,
                annotation=annotation if last else None,
                notes=notes if last else [],
                row=row if len(parts) == 1 else part.tokens,
            )
        )
    return tuple(out)


def _columns(
    tokens: Sequence[Token], cells: list[tuple[int, int]]
) -> tuple[list[tuple[Token, ...]], list[tuple[int, int]]]:
    """The equations of a row's cells and the cells after them (an annotation): `a &= b &= c`
    is one equation, `a &=& b` and `a = & b` too, and `a &= b & c &= d` two (align's)."""
    columns: list[tuple[Token, ...]] = []
    rest = layout.cells_after_empty(tokens, cells, is_relation)  # & y = a: one equation
    while rest and (not columns or _opens_column(tokens, rest)):
        equation = list(range(*rest.pop(0)))
        if equation and is_relation(tokens[equation[-1]]) and rest:  # a = & b: & after the =
            equation += range(*rest.pop(0))
        while rest and rest[0][0] < rest[0][1] and is_relation(tokens[rest[0][0]]):
            cell = rest.pop(0)
            equation += range(*cell)  # a & before each relation: a &= b &= c
            if cell[1] - cell[0] == 1 and rest:  # eqnarray's a &=& b: the right side follows
                equation += range(*rest.pop(0))
        while rest and rest[0][0] < rest[0][1] and tokens[rest[0][0]].text in IMPLIES:
            if not any(is_relation(tokens[n]) for n in equation):
                break
            equation += range(*rest.pop(0))  # a = b &\Rightarrow c = d: two equations
        columns.append(tuple(tokens[n] for n in equation))
    return columns, rest


def _opens_column(tokens: Sequence[Token], rest: list[tuple[int, int]]) -> bool:
    """Whether the cells left begin another equation: a left side, then `&=`."""
    return (
        len(rest) > 1
        and rest[0][0] < rest[0][1]
        and rest[1][0] < rest[1][1]
        and tokens[rest[1][0]].text == "="
        and not any(is_relation(tokens[n]) for n in range(*rest[0]))
    )


def _line(
    display: Display,
    symbols: Symbols,
    *,
    env: str,
    number: int,
    span: Span,
    part: separate.Piece,
    annotation: Annotation | None,
    notes: list[Note],
    row: tuple[Token, ...],
) -> Line:
    """The line of one equation of a row (a row may state several)."""
    origin = display.origin
    try:
        line = _equation(display, named_last(part.tokens), symbols)  # a =: g is g = a
    except TexError as exc:
        return Line(
            display,
            env,
            number,
            span,
            "unreadable",
            annotation=annotation,
            notes=(note(origin, "unchecked", "unreadable", exc.message, exc.span), *notes),
            tokens=row,
            aside=part.aside,
        )
    kind = line[0]
    if kind in NOTHING_TO_CHECK and not line[3] and not (annotation and annotation.size):
        notes.append(note(origin, "unchecked", kind, NOTHING_TO_CHECK[kind], span))
    return Line(
        display,
        env,
        number,
        span,
        kind,
        line[1],
        line[2],
        annotation,
        line[3],
        tuple(notes) + line[4],
        row,
        part.conditions,
        part.where,
        part.aside,
    )


def _equation(
    display: Display, eq: tuple[Token, ...], symbols: Symbols
) -> tuple[str, tuple[Node, ...], tuple[str, ...], tuple[SizeChain, ...], tuple[Note, ...]]:
    """kind, sides, relations, size statements and notes of a row's equation tokens."""
    if not eq:
        return "empty", (), (), (), ()
    if all(t.kind == "text" for t in eq):
        return "prose", (), (), (), ()
    b = brackets.match(eq)
    items = brackets.split(eq, b, 0, len(eq), frozenset({","}))
    sizes: list[SizeChain] = []
    while len(items) > 1 and _is_size(eq, items[-1]):
        sizes.insert(0, _size_chain(eq, symbols, *items.pop()))
    for a, z in items[1:]:
        if any(is_relation(eq[n]) for n in brackets.top_level(b, a, z)):
            raise TexError(
                "several equations in one row; write one equation per row", _span(eq, a, z)
            )
    if len(items) > 1:  # a list of expressions, such as the gradients a text asks for
        sides = tuple(parse(eq, symbols, a, z) for a, z in items)
        return "expression", summed(symbols, bind_sums(sides)), (), tuple(sizes), ()
    hi = items[0][1]
    cuts = [n for n in brackets.top_level(b, 0, hi) if is_relation(eq[n])]
    if len(cuts) > 1 and cuts[-1] == hi - 1:  # `a = b =`: the next display goes on from b
        hi = cuts.pop()
    bounds = [0, *cuts, hi]
    relations = tuple(eq[n].text for n in cuts)
    parts = [(bounds[k] + (k > 0), bounds[k + 1]) for k in range(len(bounds) - 1)]
    step = bool(cuts) and parts[0][0] == parts[0][1]
    if step:
        parts = parts[1:]
    elif cuts:  # y_i(z_i) = …: the name, a function of its arguments
        end = layout.name_end(
            eq, b, *parts[0], lambda x, y: parse(eq, symbols, x, y), called=symbols.called
        )
        parts[0] = (parts[0][0], end)
    sides = bind_sums(tuple(parse(eq, symbols, a, z) for a, z in parts))
    if not step:  # (a step is summed against its chain's first side, by the claims)
        sides = summed(symbols, sides)
    notes = tuple(
        note(
            display.origin,
            "unchecked",
            "relation",
            f"the relation {r} is not checked; only = is",
            eq[n].span,
        )
        for r, n in zip(relations, cuts, strict=True)
        if r not in CHECKED and r != "\\in"
    )
    if not cuts:
        kind = "prose" if isinstance(sides[0], Letter) else "expression"
        return kind, sides, (), tuple(sizes), notes
    return ("step" if step else "equation"), sides, relations, tuple(sizes), notes


def _is_size(eq: Sequence[Token], item: tuple[int, int]) -> bool:
    a, z = item
    return a < z and eq[a].kind == "text" and "size" in eq[a].arg.lower()


def _size_chain(eq: Sequence[Token], symbols: Symbols, a: int, z: int) -> SizeChain:
    """`\\text{ size } = A = B`: each shape of the chain."""
    b = brackets.match(eq, a + 1, z)
    links = [(x, y) for x, y in brackets.split(eq, b, a + 1, z, frozenset({"="})) if x < y]
    if not links:
        raise TexError("a size statement names no shape", eq[a].span)
    return tuple(parse_shape(eq, symbols, x, y) for x, y in links)


def read_annotation(tokens: Sequence[Token], symbols: Symbols, lo: int, hi: int) -> Annotation:
    """The annotation in tokens[lo:hi] (the cells after a row's equation)."""
    span = _span(tokens, lo, hi)
    kept = [n for n in range(lo, hi) if tokens[n].kind != "amp"]
    if all(tokens[n].kind == "text" or tokens[n].text in IMPLIES for n in kept):  # By (2) =>
        return Annotation(span, text=" ".join(tokens[n].arg.strip() for n in kept))
    first = tokens[kept[0]]
    if first.kind == "text" and "size" in first.arg.lower():
        return Annotation(span, size=_size_chain(tokens, symbols, kept[0], hi))
    if first.kind == "text" and len(kept) > 1:  # \text{at } k=1, l=2
        lo = kept[1]
    b = brackets.match(tokens, lo, hi)
    d = b.delimiters.get(lo)
    if (
        d is not None
        and d.opens
        and (close := b.pairs.get(lo)) is not None
        and (close.last == hi - 1)
    ):  # (k=1, l=2)
        lo, hi = d.last + 1, close.first
    bindings = []
    for a, z in brackets.split(tokens, b, lo, hi, frozenset({","})):
        if z - a != 3 or tokens[a + 1].text != "=" or tokens[a].text not in symbols.indices:
            raise TexError(
                "an annotation lists index values, as in k=1, l=2, or a size, "
                "as in \\text{size } N \\times L",
                _span(tokens, a, z) if z > a else span,
            )
        letter = tokens[a].text
        value = index_of(tokens[a + 2], symbols, symbols.indices[letter], f"index {letter}")
        if isinstance(value, Letter):
            raise TexError(
                f"{letter}={value.name}: an annotation gives a value", tokens[a + 2].span
            )
        if any(letter == k for k, _ in bindings):
            raise TexError(f"the annotation gives {letter} twice", tokens[a].span)
        bindings.append((letter, value))
    return Annotation(span, bindings=tuple(bindings))
