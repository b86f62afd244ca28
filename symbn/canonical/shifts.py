"""The rules of the canonical form for a relation between two indices of one range, as a
causal mask writes it: [m < i], [m <= i], [m <= i + 1] are one relation [m <= i] and deltas.

A relation of two indices a, b of one range, [s (a - b) + c >= 0] with s = 1 or -1, is
written with c = 0 and the deltas of the positions between: [m < i] = [m <= i] - Delta(m, i),
[m <= i + 1] = [m <= i] + Delta(m, i + 1). Under a sum the deltas are summed out, so a sum
restricted to m < i and one restricted to m <= i less its last term reach one form. Two
relations that hold together only where a = b are that delta: [m <= i] [i <= m] =
Delta(m, i).

Each application function takes the engine (`symbn.canonical.engine.Canon`) first, as the
rules of `symbn.canonical.ranges` do; they come after that module's rules at the site
"relations", so that a relation implied or contradicted is dropped (or the monomial zero)
before it is split.
"""

from __future__ import annotations

import sympy as sp

from symbn.canonical import ranges  # its rules come first at "relations"
from symbn.language import relations
from symbn.language.indices import Index
from symbn.language.relations import Iverson
from symbn.language.rules import Rule, register

#: The largest offset |c| written out as deltas: [m <= i + 5] stays as it is.
SHIFT_LIMIT = 3


def _pair(r: sp.Expr) -> tuple[Index, Index, int, int] | None:
    """(a, b, s, c) of a relation [s (a - b) + c >= 0] of two indices of one range."""
    if not isinstance(r, Iverson):
        return None
    terms = relations.linear(r.args[0])
    if terms is None:
        return None
    c = int(terms.pop(sp.S.One, sp.S.Zero))
    if len(terms) != 2 or not all(isinstance(x, Index) for x in terms):
        return None
    a, b = sorted(terms, key=sp.default_sort_key)
    if a.size != b.size or {terms[a], terms[b]} != {1, -1}:
        return None
    return a, b, int(terms[a]), c


def _shift(engine, t: sp.Expr) -> sp.Expr | None:
    factors = sp.Mul.make_args(t)
    guards = {  # the range of a moved position stays as its element or delta has it
        r
        for f in factors
        for at, n in ranges.moved(f) + ranges.solved(f)
        for r in sp.Mul.make_args(relations.in_range(at, n))
    }
    for f in factors:
        pair = _pair(f)
        if pair is None or pair[3] == 0 or abs(pair[3]) > SHIFT_LIMIT or f in guards:
            continue
        a, b, s, c = pair
        # [x + c >= 0] for x = s (a - b): [x >= 0] plus x = -1..-c, or less x = 0..-c-1
        at = range(-c, 0) if c > 0 else range(-c)
        deltas = sp.Add(*[sp.KroneckerDelta(a, b + s * v) for v in at])
        rest = sp.Mul(*[g for g in factors if g is not f])
        out = rest * (Iverson(s * (a - b)) + (deltas if c > 0 else -deltas))
        engine.note(SHIFT, t, out)
        return sp.expand(out)
    return None


def _meet(engine, t: sp.Expr) -> sp.Expr | None:
    factors = sp.Mul.make_args(t)
    pairs = [(f, _pair(f)) for f in factors]
    for f, p in pairs:
        for g, q in pairs:
            if p and q and p[3] == q[3] == 0 and p[:2] == q[:2] and p[2] == -q[2]:
                rest = [x for x in factors if x is not f and x is not g]
                out = sp.Mul(*rest, sp.KroneckerDelta(p[0], p[1]))
                engine.note(MEET, t, out)
                return out
    return None


MEET = register(
    Rule(
        "relations that meet",
        r"[m \le i]\,[i \le m] = \Delta_{m,i}",
        "two relations that hold together at one position only are its delta, which sums out",
        "relations",
        _meet,
    )
)
SHIFT = register(
    Rule(
        "relation of two indices without offset",
        r"[m < i] = [m \le i] - \Delta_{m,i}, \quad [m \le i + 1] = [m \le i] + \Delta_{m,i+1}",
        "a relation of two indices of one range has one spelling, the positions between written "
        "as deltas, so that a sum restricted to m < i and one to m <= i less its last term are "
        "one form",
        "relations",
        _shift,
    )
)
