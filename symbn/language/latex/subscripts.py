"""Indices: what a subscript token stands for, and which index a bare `\\sum` binds.

`index_of` reads one index token against the range it must run over, `moved_of` a moved
position written with + and - (`x_{i+k-1}`, `h_{t-1}`, `x_{2i+k}`); `bind_sums` gives a
`\\sum` written without an index the one index free in its body and nowhere else in its
scope (the row, or the matrix cell it stands in), as a reader of `\\sum h_{p,1}` would.
"""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex.symbols import PLACEHOLDER, Symbols, spelling_key
from symbn.language.latex.texlex import Token
from symbn.language.latex.tree import (
    Dots,
    Index,
    Last,
    Letter,
    Matrix,
    Moved,
    Node,
    Num,
    Number,
    Sum,
    children,
    free_indices,
    rebuild,
)
from symbn.language.limits import MAX_INDEX, index_too_large
from symbn.source.positions import TexError, TexInputError


def bind_sums(sides: tuple[Node, ...]) -> tuple[Node, ...]:
    """The sides of a row with each bare `\\sum` bound to the one index free in its body and
    nowhere else in its scope: the row, or the matrix cell it stands in. A `TexError` at the
    sum when there is not exactly one such index."""
    return _bind_scope(tuple(_bind_cells(s) for s in sides))


def _bind_cells(node: Node) -> Node:
    if isinstance(node, Matrix):
        rows = tuple(
            tuple(c if isinstance(c, Dots) else _bind_scope((_bind_cells(c),))[0] for c in row)
            for row in node.rows
        )
        return Matrix(node.env, rows, span=node.span)
    return rebuild(node, _bind_cells)


def _bind_scope(roots: tuple[Node, ...]) -> tuple[Node, ...]:
    while (found := _first_bare(roots)) is not None:
        target, bound = found
        outside = {i for r in roots for i in free_indices(_unsummed(r))}  # Σ e^{z_j} twice
        inside = free_indices(target.body)
        cands = [i for i in inside if i not in outside and i not in bound]
        if len(cands) != 1:
            which = ", ".join(inside) or "none"
            raise TexError(
                f"this \\sum names no index, and its body's free indices ({which}) "
                f"do not say which it runs over: write \\sum_p",
                target.span,
            )
        bound_sum = Sum(target.body, (cands[0],), span=target.span)
        roots = tuple(_replace(r, target, bound_sum) for r in roots)
    return roots


def _unsummed(node: Node) -> Node:
    """`node` with every bare `\\sum` (and what it sums) taken out: the indices free
    elsewhere, which no bare sum can bind."""
    if isinstance(node, Sum) and node.indices is None:
        return Num("0")
    return rebuild(node, _unsummed)


def _first_bare(roots: tuple[Node, ...]) -> tuple[Sum, frozenset[str]] | None:
    def find(n: Node, bound: frozenset[str]) -> tuple[Sum, frozenset[str]] | None:
        if isinstance(n, Matrix):
            return None
        if isinstance(n, Sum):
            if n.indices is None:
                return n, bound
            bound = bound | set(n.indices)
        for c in children(n):
            if (got := find(c, bound)) is not None:
                return got
        return None

    for r in roots:
        if (got := find(r, frozenset())) is not None:
            return got
    return None


def _replace(node: Node, target: Node, new: Node) -> Node:
    if node is target:
        return new
    return rebuild(node, lambda c: _replace(c, target, new))


def positions(parts: Sequence[Token]) -> bool:
    """Whether a subscript's tokens (commas aside) are an index letter, then index letters
    and positions, one number at least: `x_{i1}`, `x_{i,2}` (the element of row i at
    column 1 or 2, not a moved position such as `x_{2i}`)."""
    kinds = [a.kind for a in parts]
    numbers = [a.text.isdigit() for a in parts if a.kind == "number"]
    return (
        len(parts) > 1
        and kinds[0] == "letter"
        and all(numbers)
        and len(numbers) > 0
        and (set(kinds) <= {"letter", "number"})
    )


def one_per_axis(toks: Sequence[Token], symbols: Symbols, axes: int) -> list[Token] | None:
    """A subscript written with one character per axis, `w_{1m}`, `w_{nm}` (each a digit, an
    index letter or a size, at least one a letter: `h_{11}`, a number that may be two
    indices, stays refused), one token per axis; None when it is not one (a tensor of one
    axis, or a count other than `axes`)."""
    for t in toks:
        digit = t.kind == "number" and len(t.text) == 1 and t.text.isdigit()
        named = t.text in symbols.indices or symbols.name(t.text) in symbols.sizes
        if not (digit or (t.kind == "letter" and named)):
            return None
    lettered = any(t.kind == "letter" for t in toks)
    return list(toks) if axes > 1 and len(toks) == axes and lettered else None


def index_of(tok: Token, symbols: Symbols, size: str | None, what: str) -> Index:
    """One index token: a declared letter, a concrete number, or a size (the last
    position); `size`, when known, is the range the index must run over."""
    if tok.kind == "letter" and tok.text in symbols.indices:
        rng = symbols.indices[tok.text]
        if size is not None and rng != size and size not in PLACEHOLDER:
            raise TexError(f"index {tok.text} runs over {rng} but {what} has size {size}", tok.span)
        return Letter(tok.text, span=tok.span)
    if tok.kind == "number" and tok.text.isdigit():
        if symbols.notation.get("positions") == "from 0":  # x_0: the first position
            return Number(int(tok.text) + 1, span=tok.span)
        if int(tok.text) < 1:
            raise TexError(f"index {tok.text} is out of range; indices start at 1", tok.span)
        if int(tok.text) > MAX_INDEX:
            raise TexInputError(index_too_large(int(tok.text)), tok.span)
        return Number(int(tok.text), span=tok.span)
    named = symbols.name(tok.text) if tok.kind == "letter" else None  # a size's spelling: J
    if named is not None and named in symbols.sizes:
        if size is not None and named != size:
            raise TexError(
                f"{tok.text} is used as the last position of {what}, which has size {size}",
                tok.span,
            )
        return Last(named, span=tok.span)
    raise TexError(f"{tok.text!r} is not a declared index, a number or a size", tok.span)


def moved_of(tokens: tuple[Token, ...], symbols: Symbols, what: str) -> Moved | Last:
    """A moved position: indices and sizes, each with an optional whole-number factor
    (`2i`, `2 \\cdot i`), and whole numbers, joined by + and -, as in `i+k-1`; or a size
    spelled in several tokens, its last position (`n_l`, the number of layers, in `a^{(n_l)}`)."""
    named = symbols.name(spelling_key(tokens))
    if named is not None and named in symbols.sizes:
        return Last(named, span=tokens[0].span.cover(tokens[-1].span))
    parts: list = []
    coefficients: list[int] = []
    constant, n, sign = 0, 0, 0
    while n < len(tokens):
        tok = tokens[n]
        if tok.text in "+-" and tok.kind == "symbol" and sign == 0:
            sign, n = (1 if tok.text == "+" else -1), n + 1
            continue
        if sign == 0 and n > 0:
            raise TexError(f"{what}: a position joins its terms with + and -", tok.span)
        factor = 1
        if tok.kind == "number" and tok.text.isdigit():
            factor, n = int(tok.text), n + 1
            if n < len(tokens) and tokens[n].text == "\\cdot":
                n += 1
            if n == len(tokens) or tokens[n].kind != "letter":
                constant += (sign or 1) * factor
                sign = 0
                continue
            tok = tokens[n]
        if tok.kind != "letter":
            raise TexError(f"{what}: {tok.text!r} is not read in a position", tok.span)
        parts.append(index_of(tok, symbols, None, what))
        coefficients.append((sign or 1) * factor)
        sign, n = 0, n + 1
    if sign or not parts:
        raise TexError(f"{what}: a position names an index, as in i+k-1", tokens[-1].span)
    return Moved(
        tuple(parts), tuple(coefficients), constant, span=tokens[0].span.cover(tokens[-1].span)
    )
