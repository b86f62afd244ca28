"""symbn.canonical.ranges, fuzzed: the canonical form of a random expression with moved
indices, relations, deltas and sums has the value of the expression, at every small size and
index, computed here by a loop that shares nothing with the engine (an element off its axis
is 0, and exp of it 1). A rewrite that is not an identity shows up as a difference."""

from __future__ import annotations

import itertools
import random

import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symbn.canonical.engine import canonical
from symbn.language import relations
from symbn.language.indices import Index
from symbn.language.relations import Iverson

L = sp.Symbol("L", integer=True, positive=True)
K = sp.Symbol("K", integer=True, positive=True)
O = sp.Symbol("O", integer=True, positive=True)  # noqa: E741 - the output size
INDICES = [Index("i", O), Index("j", O), Index("k", K), Index("q", K), Index("p", L)]
TENSORS = {
    "x": sp.IndexedBase("x", shape=(L,), real=True),
    "w": sp.IndexedBase("w", shape=(K,), real=True),
    "g": sp.IndexedBase("g", shape=(O,), real=True),
    "a": sp.IndexedBase("a", shape=(O, K), real=True),
}


@st.composite
def positions(draw):
    a = draw(st.sampled_from(INDICES))
    shape = draw(st.sampled_from(["shift", "pair", "flip", "plain", "stride"]))
    c = draw(st.integers(-2, 2))
    if shape == "shift":
        return a + c
    if shape == "pair":
        b = draw(st.sampled_from([x for x in INDICES if x != a]))
        return a + draw(st.sampled_from([1, -1])) * b + c
    if shape == "flip":
        return a.size - a + 1 + c
    if shape == "stride":
        b = draw(st.sampled_from([x for x in INDICES if x != a]))
        return 2 * a + b + c
    return a


@st.composite
def atoms(draw):
    kind = draw(st.sampled_from(["element", "element", "delta", "relation", "exp"]))
    if kind in ("element", "exp"):
        name = draw(st.sampled_from(sorted(TENSORS)))
        base = TENSORS[name]
        element = base[tuple(draw(positions()) for _ in base.shape)]
        return sp.exp(element) if kind == "exp" else element  # exp(0) = 1 off its axis
    a, b = draw(positions()), draw(positions())
    if kind == "delta":
        return sp.KroneckerDelta(a, b)
    return relations.compare(draw(st.sampled_from(["<=", "<"])), a, b)


@st.composite
def expressions(draw):
    terms = []
    for _ in range(draw(st.integers(1, 2))):
        t = sp.Mul(*[draw(atoms()) for _ in range(draw(st.integers(1, 3)))])
        used = sorted({s for s in t.free_symbols if isinstance(s, Index)}, key=str)
        for p in draw(st.lists(st.sampled_from(used), max_size=2, unique=True)) if used else []:
            t = sp.Sum(t, (p, 1, p.size))
        terms.append(draw(st.sampled_from([1, 2, -1])) * t)
    return sp.Add(*terms)


def value(e, sizes, env, arrays):
    """e at integer sizes and indices: loops, no rewriting."""
    if e.is_Number:
        return sp.Rational(e)
    if isinstance(e, Index):
        return env[e]
    if isinstance(e, sp.Symbol):
        return sizes[e]
    if isinstance(e, sp.Indexed):
        at = tuple(int(value(i, sizes, env, arrays)) for i in e.indices)
        return arrays[e.base.label.name].get(at, 0)  # off its axis: 0
    if isinstance(e, sp.Add):
        return sum(value(a, sizes, env, arrays) for a in e.args)
    if isinstance(e, sp.Mul):
        out = sp.Integer(1)
        for a in e.args:
            out *= value(a, sizes, env, arrays)
        return out
    if isinstance(e, sp.Pow):
        return value(e.base, sizes, env, arrays) ** int(e.exp)
    if isinstance(e, sp.exp):
        return sp.exp(value(e.args[0], sizes, env, arrays))
    if isinstance(e, sp.KroneckerDelta):
        a, b = (value(x, sizes, env, arrays) for x in e.args)
        return sp.Integer(1 if a == b else 0)
    if isinstance(e, Iverson):
        return sp.Integer(1 if value(e.args[0], sizes, env, arrays) >= 0 else 0)
    if isinstance(e, sp.Sum):
        (p, _, hi), *rest = e.limits
        inner = sp.Sum(e.function, *rest) if rest else e.function
        return sum(value(inner, sizes, {**env, p: v}, arrays) for v in range(1, sizes[hi] + 1))
    raise TypeError(type(e))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions(), st.integers(0, 10**6))
def test_the_canonical_form_keeps_the_value(e, seed):
    form = canonical(e)
    rng = random.Random(seed)
    free = sorted((s for s in e.free_symbols if isinstance(s, Index)), key=str)
    for dims in [(1, 1, 1), (2, 3, 2), (3, 2, 2), (4, 2, 3)]:
        sizes = dict(zip((L, K, O), dims, strict=True))
        arrays = {
            name: {
                at: sp.Integer(rng.randint(-5, 5))
                for at in itertools.product(*[range(1, sizes[n] + 1) for n in b.shape])
            }
            for name, b in TENSORS.items()
        }
        for combo in itertools.product(*[range(1, sizes[s.size] + 1) for s in free]):
            env = dict(zip(free, combo, strict=True))
            difference = value(e, sizes, env, arrays) - value(form, sizes, env, arrays)
            assert sp.expand(difference) == 0, (e, form, sizes, env)
