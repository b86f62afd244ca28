"""Sums written out with an ellipsis, read as sums over an index — or refused with a reason.

`t(a) + t(a+1) + \\cdots + t(b)` has a template t(p) found by anti-unifying its last term
(the first after the dots) with the nearest earlier term of the same sign: the two must
differ only in one concrete subscript (the same pair of values wherever they differ). The
run of listed terms is then followed back from that term, one index value at a time; a
listed term that breaks the pattern but holds the varying tensor at the expected value
(a worked example's first term often does) stays in the run, and its difference from
t(v) is added. With b the size S of the varying axis the series is

    Σ_{p=1}^{S} t(p) − Σ_{v<a} t(v) + Σ_broken (term − t(v))

and with b a number, the terms t(a)..t(b) written out. `0 + 0 + \\cdots + 0` is 0.
Anything ambiguous — two subscripts varying, a step other than 1, alternating signs, an
operator missing around the dots, nothing before or after them — raises a `TexError`
whose message is the reason the line is unchecked. Nothing is guessed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from symbn.language.latex.symbols import Symbols
from symbn.language.latex.tree import (
    Add,
    Delta,
    Dots,
    Index,
    Last,
    Letter,
    Neg,
    Node,
    Num,
    Number,
    Ref,
    Series,
    Sum,
    free_indices,
    rebuild,
    substitute,
    walk,
)
from symbn.source.positions import TexError

MAX_TERMS = 64  # a series between two numbers is written out up to this many terms
SERIES_DOTS = frozenset({"\\cdots", "\\ldots", "\\dots", "\\dotsb", "\\dotsc"})


@dataclass(frozen=True)
class Place:
    """Where an index stands: tensor `owner` (None in a delta) at `axis`; (None, -1)
    elsewhere."""

    owner: str | None
    axis: int


def resolve(node: Node, symbols: Symbols, avoid: frozenset[str] = frozenset()) -> Node:
    """The tree with every Series read as a sum (see the module docstring); `avoid` are
    index letters a new summation index must not take (the row's free indices)."""
    if isinstance(node, Series):
        return read_series(node, symbols, avoid)
    return rebuild(node, lambda c: resolve(c, symbols, avoid))


def antiunify(a: Node, b: Node) -> list[tuple[Index, Index, Place]] | None:
    """The index leaves at which two trees differ, with where they stand; None when they
    differ anywhere else."""
    out: list[tuple[Index, Index, Place]] = []
    return out if _au(a, b, Place(None, -1), out) else None


def _au(a: object, b: object, leaf: Place, out: list) -> bool:
    if isinstance(a, Letter | Number | Last) and isinstance(b, Letter | Number | Last):
        if a != b:
            out.append((a, b, leaf))
        return True
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_au(x, y, leaf, out) for x, y in zip(a, b, strict=True))
    if not isinstance(a, Node) or not isinstance(b, Node):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, Ref) and isinstance(b, Ref):
        if (a.name, a.kind, len(a.indices)) != (b.name, b.kind, len(b.indices)):
            return False
        return all(
            _au(x, y, Place(a.name, n), out)
            for n, (x, y) in enumerate(zip(a.indices, b.indices, strict=True))
        )
    if isinstance(a, Delta):
        leaf = Place(None, 0)
    return all(
        _au(getattr(a, f.name), getattr(b, f.name), leaf, out)
        for f in dataclasses.fields(a)
        if f.name != "span"
    )


def read_series(s: Series, symbols: Symbols, avoid: frozenset[str] = frozenset()) -> Node:
    """One Series as a tree without ellipsis, or a `TexError` with the reason."""
    dots = [n for n, (_, t) in enumerate(s.terms) if isinstance(t, Dots)]
    if s.problem:
        raise TexError(s.problem, s.terms[dots[0]][1].span)
    if len(dots) > 1:
        raise TexError("more than one ellipsis in one sum is not read", s.span)
    d = dots[0]
    dot = s.terms[d][1]
    assert isinstance(dot, Dots)
    if dot.command not in SERIES_DOTS:
        raise TexError(f"{dot.command} stands in a sum; a sum's ellipsis is \\cdots", dot.span)
    before, after = list(s.terms[:d]), list(s.terms[d + 1 :])
    if not before or not after:
        raise TexError(
            "an ellipsis needs listed terms before it and a last term after it", dot.span
        )
    before = [(sign, resolve(t, symbols, avoid)) for sign, t in before]
    after = [(sign, resolve(t, symbols, avoid)) for sign, t in after]
    sign, last = after[0]
    if s.terms[d][0] != sign:  # a + b - \cdots + c: the dots' sign is the series'
        raise TexError(
            "the signs of this series alternate; only sums of terms of one sign are read", s.span
        )
    same = [t for g, t in before if g == sign]
    if _all_zero([last, *same[-1:]]):
        rest = [(g, t) for g, t in before + after if not _all_zero([t, t])] or [(1, last)]
        return Add(tuple(rest), span=s.span) if len(rest) > 1 else _signed(*rest[0], s)
    anchor, var = _anchor(before, sign, last, s)
    size = _axis_size(var, symbols, s)
    letter = _fresh(size, symbols, avoid | set(free_indices(last)), s)
    template = _template(last, var, letter)
    m = var[0][0]
    assert isinstance(m, Number)
    run, broken, start = _walk_back(
        before, anchor, sign, template=template, letter=letter, m=m.value, s=s
    )
    top = var[0][1]
    pieces: list[tuple[int, Node]] = list(before[:start])
    if isinstance(top, Last):
        pieces.append((sign, Sum(template, (letter,), span=s.span)))
        pieces += [(-sign, _at(template, letter, v)) for v in range(1, run)]
    else:
        assert isinstance(top, Number)
        if top.value - run + 1 > MAX_TERMS:
            raise TexError(
                f"the series runs over {top.value - run + 1} terms; at most "
                f"{MAX_TERMS} are written out",
                s.span,
            )
        pieces += [(sign, _at(template, letter, v)) for v in range(run, top.value + 1)]
    for v, (g, term) in broken:
        pieces += [(g, term), (-sign, _at(template, letter, v))]
    pieces += after[1:]
    return Add(tuple(pieces), span=s.span) if len(pieces) > 1 else _signed(*pieces[0], s)


def _signed(sign: int, node: Node, s: Series) -> Node:
    return node if sign > 0 else Neg(node, span=s.span)


def _all_zero(nodes: list[Node]) -> bool:
    zero = [isinstance(n, Num) and n.text.replace(".", "", 1).isdigit() for n in nodes]
    return len(nodes) == 2 and all(zero) and all(float(n.text) == 0 for n in nodes)  # type: ignore[attr-defined]


def _anchor(
    before: list[tuple[int, Node]], sign: int, last: Node, s: Series
) -> tuple[int, list[tuple[Index, Index, Place]]]:
    """The position of the nearest earlier term of the same sign that differs from the last
    in one concrete subscript, and where they differ."""
    reason = "no earlier term of the same sign differs from the last term in one subscript"
    for n in range(len(before) - 1, -1, -1):
        g, term = before[n]
        if g != sign:
            continue
        diffs = antiunify(term, last)
        if not diffs:
            continue
        pairs = {(a, b) for a, b, _ in diffs}
        if len(pairs) > 1:
            raise TexError(
                "two subscripts vary between the terms of this series; only one may", s.span
            )
        a, b = diffs[0][0], diffs[0][1]
        if not isinstance(a, Number) or not isinstance(b, Number | Last):
            reason = "the varying subscript of this series is not a number"
            continue
        if isinstance(b, Number) and b.value <= a.value:
            raise TexError("the last term's index is not after the earlier terms'", s.span)
        if n < len(before) - 1:
            between = before[n + 1]
            if between[0] != sign:
                raise TexError(
                    "the signs of this series alternate; only sums of terms of one sign are read",
                    s.span,
                )
        return n, diffs
    raise TexError(reason, s.span)


def _axis_size(var: list[tuple[Index, Index, Place]], symbols: Symbols, s: Series) -> str:
    sizes = {symbols.shape(leaf.owner)[leaf.axis] for _, _, leaf in var if leaf.owner}
    top = var[0][1]
    if isinstance(top, Last):
        sizes.add(top.size)
    if len(sizes) != 1:
        raise TexError(
            "the range of this series' index cannot be told from where it stands", s.span
        )
    return sizes.pop()


def _fresh(size: str, symbols: Symbols, used: set[str] | frozenset[str], s: Series) -> str:
    for letter in symbols.over(size):
        if letter not in used:
            return letter
    raise TexError(
        f"no index letter over {size} is free to sum this series by; declare one", s.span
    )


def _template(last: Node, var: list[tuple[Index, Index, Place]], letter: str) -> Node:
    top = var[0][1]

    def sub(n: Node) -> Node:
        if isinstance(n, Letter | Number | Last) and n == top:
            return Letter(letter, span=n.span)
        return rebuild(n, sub)

    positions = {(leaf.owner, leaf.axis) for _, _, leaf in var}

    def place(n: Node) -> Node:  # only at the varying places, not at every equal index
        if isinstance(n, Ref):
            idx = tuple(
                Letter(letter, span=i.span) if (n.name, k) in positions and i == top else i
                for k, i in enumerate(n.indices)
            )
            return Ref(n.name, n.kind, idx, span=n.span)
        if isinstance(n, Delta) and (None, 0) in positions:
            return sub(n)
        return rebuild(n, place)

    return place(last)


def _at(template: Node, letter: str, v: int) -> Node:
    return substitute(template, {letter: Number(v)})


def _walk_back(
    before: list[tuple[int, Node]],
    anchor: int,
    sign: int,
    *,
    template: Node,
    letter: str,
    m: int,
    s: Series,
) -> tuple[int, list[tuple[int, tuple[int, Node]]], int]:
    """Follow the run of listed terms back from the anchor (value m): the first value of the
    run, the terms in it that break the pattern (by value), and the position where the run
    starts in `before` (earlier terms are other summands)."""
    broken: list[tuple[int, tuple[int, Node]]] = []
    for n in range(anchor + 1, len(before)):  # between the anchor and the dots
        v = m + n - anchor
        if not _fits(before[n], sign, template, letter=letter, v=v, s=s):
            if not _holds(before[n][1], template, letter, v):
                raise TexError(
                    "a term between the pattern and the ellipsis does not fit the pattern", s.span
                )
            broken.append((v, before[n]))
    start, run = anchor, m
    for n in range(anchor - 1, -1, -1):
        v = m - (anchor - n)
        if v < 1:
            break
        if _fits(before[n], sign, template, letter=letter, v=v, s=s):
            start, run = n, v
        elif _holds(before[n][1], template, letter, v):
            broken.append((v, before[n]))
            start, run = n, v
        else:
            break
    return run, broken, start


def _fits(
    term: tuple[int, Node], sign: int, template: Node, *, letter: str, v: int, s: Series
) -> bool:
    """Whether a listed term is t(v); a `TexError` when it is t(w) for another w, or −t(v)."""
    g, node = term
    diffs = antiunify(template, node)
    if not diffs or any(not (isinstance(a, Letter) and a.name == letter) for a, _, _ in diffs):
        return False
    values = {b for _, b, _ in diffs}
    if values != {Number(v)}:
        if len(values) == 1 and isinstance(next(iter(values)), Number):
            raise TexError("the index of this series does not step by 1", s.span)
        return False
    if g != sign:
        raise TexError(
            "the signs of this series alternate; only sums of terms of one sign are read", s.span
        )
    return True


def _holds(node: Node, template: Node, letter: str, v: int) -> bool:
    """Whether a term that breaks the pattern holds the varying tensor at value v (so it
    stands for t(v) written another way)."""
    refs = [r for r in walk(template) if isinstance(r, Ref) and Letter(letter) in r.indices]
    if not refs:
        return False
    want = substitute(refs[0], {letter: Number(v)})
    return any(isinstance(r, Ref) and r == want for r in walk(node))
