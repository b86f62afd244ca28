"""`cases` rows as claims, and whether the rows cover every case exactly once.

A row `k == i, l != j: v` of `X = \\begin{cases}…` claims X = v where its conditions hold.
In the expression language, an equality is a substitution (k := i on both sides) and an
inequality a factor: both sides are multiplied by (1 - Delta(l, j)). An `otherwise` row
is multiplied by 1 minus the other rows' indicators. The rows of one `cases` should be
exhaustive and disjoint: `coverage` tries every consistent truth assignment of the index
(in)equalities the rows mention and reports an assignment no row, or two rows, cover.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from symbn.language.latex.printer import index_text, to_language
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.tree import (
    Add,
    Call,
    CaseRow,
    Cases,
    Delta,
    Index,
    Last,
    Letter,
    Mul,
    Node,
    Num,
    Number,
    Unread,
    substitute,
)
from symbn.source.positions import TexError

MAX_ATOMS = 8  # distinct (in)equalities coverage tries


def condition_text(row: CaseRow, symbols: Symbols | None = None) -> str:
    """The row's condition as the claim shows it: `k == i, l != j`, `A[i, j] > 0` or
    `otherwise`."""
    if row.otherwise:
        return "otherwise"
    out = [f"{index_text(c.left)} {c.op} {index_text(c.right)}" for c in row.conditions]
    if symbols is not None:
        out += [f"{to_language(value, symbols)} > 0" for value in row.positive]
    return ", ".join(out)


def restrict(left: Node, row: CaseRow, cases: Cases, symbols: Symbols) -> tuple[Node, Node] | None:
    """Both sides of the row's claim: `left = row.value` under the row's conditions; None
    when the conditions can never hold (two different numbers said equal, an index said
    unequal to itself)."""
    subs: dict[str, Index] = {}
    factors: list[Node] = []
    for cond in row.conditions:
        a, b = _now(cond.left, subs), _now(cond.right, subs)
        _same_range(a, b, symbols, cond)
        if cond.op == "==":
            if isinstance(a, Letter):
                _bind(subs, a.name, b)
            elif isinstance(b, Letter):
                _bind(subs, b.name, a)
            elif a != b and isinstance(a, Number) and isinstance(b, Number):
                return None
            elif a != b:
                factors.append(Delta(a, b, span=cond.span))
        elif a == b:  # k \neq k: the row would hold whatever its value
            return None
        else:
            factors.append(_not(Delta(a, b, span=cond.span)))
    factors += [Call("step", value, span=value.span) for value in row.positive]
    if row.otherwise:
        others = [_indicator(r) for r in cases.rows if r is not row and not r.otherwise]
        if others:
            factors.append(Add(((1, Num("1")), *((-1, o) for o in others)), span=row.span))
    lhs, rhs = substitute(left, subs), substitute(row.value, subs)
    if factors:
        lhs = Mul((lhs, *factors), ("",) * len(factors), span=lhs.span)
        rhs = Mul((rhs, *factors), ("",) * len(factors), span=rhs.span)
    return lhs, rhs


def _now(i: Index, subs: Mapping[str, Index]) -> Index:
    while isinstance(i, Letter) and i.name in subs:
        i = subs[i.name]
    return i


def _bind(subs: dict[str, Index], name: str, value: Index) -> None:
    if value == Letter(name):
        return
    subs[name] = value


def _not(d: Delta) -> Node:
    return Add(((1, Num("1")), (-1, d)), span=d.span)


def _indicator(row: CaseRow) -> Node:
    factors = [
        Delta(c.left, c.right, span=c.span)
        if c.op == "=="
        else _not(Delta(c.left, c.right, span=c.span))
        for c in row.conditions
    ]
    factors += [Call("step", value, span=value.span) for value in row.positive]
    if len(factors) == 1:
        return factors[0]
    return Mul(tuple(factors), ("",) * (len(factors) - 1), span=row.span)


def _range(i: Index, symbols: Symbols) -> str | None:
    if isinstance(i, Letter):
        return symbols.indices.get(i.name)
    return i.size if isinstance(i, Last) else None


def _same_range(a: Index, b: Index, symbols: Symbols, where: Node) -> None:
    ra, rb = _range(a, symbols), _range(b, symbols)
    if ra is not None and rb is not None and ra != rb:
        raise TexError(f"the condition compares an index over {ra} with one over {rb}", where.span)


def coverage(cases: Cases) -> list[tuple[CaseRow | None, str]]:
    """The rows' gaps and overlaps: (a row to point at, or None for the whole cases, and
    the message), one per uncovered or doubly covered assignment (none when a row could
    not be read)."""
    if any(isinstance(row.value, Unread) or row.positive for row in cases.rows):
        return []  # conditions on values: their cover is not tried
    atoms: list[tuple[Index, Index]] = []
    for row in cases.rows:
        for c in row.conditions:
            pair = (c.left, c.right)
            if pair not in atoms and pair[::-1] not in atoms:
                atoms.append(pair)
    if len(atoms) > MAX_ATOMS:
        return []
    out: list[tuple[CaseRow | None, str]] = []
    for truth in itertools.product((True, False), repeat=len(atoms)):
        value = dict(zip(atoms, truth, strict=True))
        if not _consistent(value):
            continue
        holding = [
            r
            for r in cases.rows
            if not r.otherwise
            and all(
                value.get((c.left, c.right), value.get((c.right, c.left))) == (c.op == "==")
                for c in r.conditions
            )
        ]
        if not holding:
            holding = [r for r in cases.rows if r.otherwise]
        case = ", ".join(
            f"{index_text(a)} {'==' if t else '!='} {index_text(b)}" for (a, b), t in value.items()
        )
        if not holding:
            out.append((None, f"no row of these cases covers {case}"))
        elif len(holding) > 1:
            numbers = " and ".join(str(cases.rows.index(r) + 1) for r in holding)
            out.append((holding[1], f"rows {numbers} of these cases both cover {case}"))
    return out


def _consistent(value: Mapping[tuple[Index, Index], bool]) -> bool:
    """Whether the equalities and inequalities can all hold together."""
    parent: dict[Index, Index] = {}

    def find(x: Index) -> Index:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for (a, b), t in value.items():
        if t:
            parent[find(a)] = find(b)
    for (a, b), t in value.items():
        if not t and find(a) == find(b):
            return False
    groups: dict[Index, set[int]] = {}
    for x in {i for pair in value for i in pair}:
        if isinstance(x, Number):
            groups.setdefault(find(x), set()).add(x.value)
    return all(len(v) == 1 for v in groups.values())
