"""Monomials of the canonical form: products expanded into sums of monomials, and the
Kronecker deltas of a monomial brought to one representative per class of equal indices.

The rules here are the first the engine (`symbn.canonical.engine.Canon`) registers; each
application function takes the engine as its first argument, for `note`, which records a
rewrite for the step-by-step documents.
"""

from __future__ import annotations

import itertools

import sympy as sp

from symbn.canonical import labelled
from symbn.language import assumptions, relations
from symbn.language.indices import Index, replace_free
from symbn.language.rules import Rule, register


# -- products -----------------------------------------------------------------------------------
def expand(e: sp.Expr) -> sp.Expr:
    """Distribute products over sums, never touching denominators or fractional powers.

    (SymPy's `expand` also expands denominators, turning 1/(N (a + b)) into 1/(N a + N b),
    which would hide the atom (a + b)^-1.)
    """
    out = []
    for term in sp.Add.make_args(e):
        choices = []
        for f in sp.Mul.make_args(term):
            if isinstance(f, sp.Add):
                choices.append(f.args)
            elif (
                isinstance(f, sp.Pow)
                and isinstance(f.base, sp.Add)
                and f.exp.is_Integer
                and f.exp > 1
            ):
                choices.append(sp.Add.make_args(_power(f.base, int(f.exp))))
            else:
                choices.append((f,))
        if all(len(c) == 1 for c in choices):
            out.append(term)
            continue
        for combo in itertools.product(*choices):
            out.append(expand(sp.Mul(*combo)))
    return sp.Add(*out)


def _power(base: sp.Add, n: int) -> sp.Expr:
    result = base
    for _ in range(n - 1):
        result = sp.Add(
            *[expand(sp.Mul(a, b)) for a in sp.Add.make_args(result) for b in base.args]
        )
    return result


def _expand(engine, e: sp.Expr, before: sp.Expr) -> sp.Expr:
    out = expand(e)
    if out != before:
        engine.note(EXPAND, before, out)
    return out


# -- monomials: Kronecker deltas -------------------------------------------------------------
def _plain_delta(f: sp.Expr) -> bool:
    """A delta of indices, numbers and sizes (one of a moved position is solved by
    symbn.canonical.ranges, and is a factor like any other here)."""
    return isinstance(f, sp.KroneckerDelta) and not any(map(relations.position, f.args))


def _delta_classes(t: sp.Expr) -> list[list[sp.Expr]]:
    """The indices that the deltas of monomial `t` make equal, as classes, each led by its
    representative (a concrete index, else a declared letter, else a canonical bound one)."""
    deltas = [f for f in sp.Mul.make_args(t) if _plain_delta(f)]
    parent: dict = {}

    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for dl in deltas:
        a, b = sorted((find(dl.args[0]), find(dl.args[1])), key=assumptions.rank)
        if a != b:
            parent[b] = a
    classes: dict = {}
    for x in sorted({x for dl in deltas for x in dl.args}, key=assumptions.rank):
        classes.setdefault(find(x), []).append(x)
    return [[rep, *(x for x in xs if x != rep)] for rep, xs in classes.items()]


def _delta_size(engine, t: sp.Expr) -> sp.Expr | None:
    return assumptions.delta_size(engine, t, _delta_classes(t))


def _label_indices(engine, t: sp.Expr) -> sp.Expr | None:
    return labelled.label_indices(engine, t, _delta_classes(t))


def _delta_concrete(engine, t: sp.Expr) -> sp.Expr | None:
    if any(len([x for x in c if x.is_Integer]) > 1 for c in _delta_classes(t)):
        engine.note(DELTA_CONCRETE, t, sp.S.Zero)
        return sp.S.Zero
    return None


def _delta_subst(engine, t: sp.Expr) -> sp.Expr | None:
    # (SymPy itself turns Delta(i, k)**n into Delta(i, k), so no power rule is needed.)
    classes = _delta_classes(t)
    if not classes:
        return None
    mapping, deltas = {}, []
    for rep, *others in classes:
        for x in others:
            # numbers and sizes are values, never replaced; nor is n by a label's y[n]
            if isinstance(x, Index) and x not in rep.free_symbols:
                mapping[x] = rep
            deltas.append(sp.KroneckerDelta(rep, x))
    rest = [f for f in sp.Mul.make_args(t) if not _plain_delta(f)]
    mapped = [replace_free(f, mapping) for f in rest]  # a sum's own index stays its own
    out = sp.Mul(*mapped, *deltas)
    if out == t:
        return None
    engine.note(DELTA_SUBST, t, out)
    changed = any(a != b for a, b in zip(rest, mapped, strict=True))
    return engine(out) if changed else out


# -- the rules, in the order the engine tries them at each site -----------------------------
EXPAND = register(
    Rule(
        "expand products",
        r"(a + b) c = a c + b c",
        "a sum of monomials is the form every other rule reads",
        "product",
        _expand,
    )
)
DELTA_CONCRETE = register(
    Rule(
        "distinct concrete indices",
        r"\Delta_{i,1} \Delta_{i,2} = 0",
        "a monomial that asks one index to be 1 and 2 at once is zero",
        "monomial",
        _delta_concrete,
    )
)
DELTA_SIZE = register(
    Rule(
        "size below its minimum",
        r"\Delta_{1,N} = 0 \quad (N \geq 2)",
        "a monomial that asks a size to be smaller than its minimum is zero",
        "monomial",
        _delta_size,
    )
)
LABEL_INDICES = register(
    Rule(
        "indices of a label",
        r"\Delta_{i,n} \Delta_{c,y_n} = \Delta_{i,n} \Delta_{c,y_i}",
        "the indices of a label's element in a delta are written with one representative, so "
        "that equal labels are seen equal",
        "monomial",
        _label_indices,
    )
)
DELTA_SUBST = register(
    Rule(
        "delta substitution",
        r"\Delta_{i,k} f_k = \Delta_{i,k} f_i",
        "each class of equal indices is written with one representative",
        "monomial",
        _delta_subst,
    )
)
