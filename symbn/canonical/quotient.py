"""Folding quotient definitions back in: D_ij = u_ij / sum_m u_im, a row softmax.

Such a definition is linear in no atom, so `symbn.canonical.fold` cannot solve it for one. It folds
instead where a monomial holds its normaliser: each (sum_m u_xm)^-1 of a monomial pairs with
one u_xy of the same monomial, at the top or inside any of its sums (the normaliser does not
use their bound indices, so it moves in), and the pair becomes D_xy:

    exp(A_ij) exp(A_ik) / (sum_m exp(A_im))^2   ->   P_ij P_ik
    exp(A_ij) sum_n exp(A_in) V_ne / (sum_m exp(A_im))^2   ->   P_ij sum_n P_in V_ne

A normaliser with no u left to pair with stays as it is (sum_m exp(A_im) / sum_m exp(A_im)
is 1 already, by the canonical form).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy as sp

from symbn.language import indices
from symbn.language.rules import Rule, register


@dataclass(frozen=True)
class Quotient:
    """D[wilds] = numerator / normaliser, the normaliser sum_m numerator(j -> m).

    `is_sum`, `always` and `replacement` read as those of a sum fold
    (`symbn.canonical.fold.Fold`): a quotient fold always shrinks the expression, so it is
    applied wherever it matches."""

    name: str
    wilds: tuple[sp.Symbol, ...]
    numerator: sp.Expr
    normaliser: sp.Sum
    replacement: sp.Expr

    is_sum = True
    is_function = False
    always = True

    @property
    def target(self) -> sp.Sum:
        return self.normaliser


def quotient(name: str, index: tuple, body: sp.Expr, element: sp.Expr) -> Quotient | None:
    """The quotient fold of the definition `element = body` (canonical), if the body is one
    factor u at the definition's indices over the sum of u along one of them."""
    factors = sp.Mul.make_args(body)
    if len(factors) != 2:
        return None
    for norm, num in (factors, factors[::-1]):
        if not (
            isinstance(norm, sp.Pow)
            and norm.exp == -1
            and isinstance(norm.base, sp.Sum)
            and len(norm.base.limits) == 1
            and not num.has(sp.Sum)
        ):
            continue
        s = norm.base
        m = s.limits[0][0]
        for j in index:
            others = tuple(x for x in index if x != j)
            if (
                j.size == m.size
                and s.function.xreplace({m: j}) == num
                and indices.free(s) == set(others)
            ):
                return Quotient(name, index, num, s, element)
    return None


def fold_quotient(e: sp.Expr, fold: Quotient) -> sp.Expr | None:
    """`e` with every normaliser of `fold` paired with a numerator of its monomial; None when
    none is."""
    out = _fold(e, fold)
    return None if out == e else out


def _fold(e: sp.Expr, fold: Quotient) -> sp.Expr:
    if not e.has(sp.Sum):
        return e
    if isinstance(e, sp.Add):
        return sp.Add(*[_fold(t, fold) for t in e.args])
    if isinstance(e, sp.Sum):
        return sp.Sum(_fold(e.function, fold), *e.limits)
    factors = [_fold(f, fold) for f in e.args] if isinstance(e, sp.Mul) else [e]
    for n, f in enumerate(factors):
        if not (isinstance(f, sp.Pow) and f.exp.is_Integer and f.exp < 0):
            continue
        mapping = _match(fold, f.base)
        if mapping is None:
            continue
        left = -int(f.exp)
        rest = [g for m, g in enumerate(factors) if m != n]
        while left:
            paired = _pair(rest, fold, mapping)
            if paired is None:
                break
            rest, left = paired, left - 1
        factors = [*rest, f.base**-left]
        break
    return sp.Mul(*factors)


def _match(fold: Quotient, atom: sp.Expr) -> dict | None:
    """The values of the fold's other indices under which its normaliser is `atom`."""
    if not isinstance(atom, sp.Sum) or len(atom.limits) != 1:
        return None
    if atom.limits[0][2] != fold.normaliser.limits[0][2]:
        return None
    others = [w for w in fold.wilds if w in fold.normaliser.free_symbols]
    values = sorted(
        indices.free(atom) | {i for x in atom.atoms(sp.Indexed) for i in x.indices if i.is_Integer},
        key=str,
    )
    for combo in itertools.product(values, repeat=len(others)):
        mapping = dict(zip(others, combo, strict=True))
        if fold.normaliser.xreplace(mapping) == atom:
            return mapping
    return None


def _pair(factors: list, fold: Quotient, mapping: dict) -> list | None:
    """`factors` with one numerator u_xy of the fold at `mapping` made D_xy: a factor itself
    (u or a power of it), else one inside a sum among them; None if there is none."""
    free = [w for w in fold.wilds if w not in mapping]
    (j,) = free
    for n, f in enumerate(factors):
        base, power = _power(f, fold)
        y = _numerator_at(base, fold, mapping, j)
        if y is not None and power.is_Integer and power > 0:
            d = fold.replacement.xreplace({**mapping, j: y})
            return [*factors[:n], d, _raised(base, power - 1), *factors[n + 1 :]]
    for n, f in enumerate(factors):
        if isinstance(f, sp.Sum):
            inner = _pair(list(sp.Mul.make_args(f.function)), fold, mapping)
            if inner is not None:
                return [*factors[:n], sp.Sum(sp.Mul(*inner), *f.limits), *factors[n + 1 :]]
    return None


def _power(f: sp.Expr, fold: Quotient) -> tuple[sp.Expr, sp.Expr]:
    """`f` as base**power, reading exp(n z) as exp(z)**n when the numerator is an exp
    (SymPy writes exp(z)**2 as exp(2 z))."""
    if isinstance(f, sp.Pow):
        return f.base, f.exp
    if isinstance(f, sp.exp) and isinstance(fold.numerator, sp.exp):
        n, z = f.args[0].as_coeff_Mul()
        if n.is_Integer and n > 1:
            return sp.exp(z), n
    return f, sp.S.One


def _raised(base: sp.Expr, n: sp.Expr) -> sp.Expr:
    return sp.exp(n * base.args[0]) if isinstance(base, sp.exp) else base**n


def _numerator_at(e: sp.Expr, fold: Quotient, mapping: dict, j: sp.Symbol) -> sp.Expr | None:
    """The index y at which `e` is the fold's numerator (other indices at `mapping`)."""
    if e.func != fold.numerator.func or e.has(sp.Sum):
        return None
    pattern = fold.numerator.xreplace(mapping)
    for y in indices.atoms(e) | {i for x in e.atoms(sp.Indexed) for i in x.indices if i.is_Integer}:
        if getattr(y, "size", j.size) == j.size and pattern.xreplace({j: y}) == e:
            return y
    return None


FOLD_QUOTIENT = register(
    Rule(
        "fold a quotient into a definition",
        r"\frac{e^{A_{i,j}} e^{A_{i,k}}}{\left(\sum_m e^{A_{i,m}}\right)^2} = P_{i,j} P_{i,k}",
        "a definition u_ij / sum_m u_im names each numerator of its monomial that a normaliser "
        "divides: applied wherever it matches",
        "fold",
        fold_quotient,
    )
)
