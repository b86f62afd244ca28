"""Folding the user's definitions back into an expression, and choosing its shortest form.

A definition D = c A + r that is linear in one atom A gives the identity A = (D - r) / c.
For a sum atom (mu_l = (1/N) sum_p h_pl gives sum_p h_pl = N mu_l) the fold always shrinks
the expression and is applied whenever it matches; for an element (hhat_kl = (h_kl -
mu_l)/sqrt(var_l + delta) gives h_kl = hhat_kl sqrt(var_l + delta) + mu_l) it is applied
only where it makes the closed form shorter.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

import sympy as sp

from symbn.canonical import nodes
from symbn.canonical.engine import Canon
from symbn.canonical.monomials import expand
from symbn.canonical.quotient import FOLD_QUOTIENT, Quotient, quotient
from symbn.language import functions, indices, rules
from symbn.language.model import Model
from symbn.language.rules import Rule, register


@dataclass(frozen=True)
class Fold:
    """`target` (with the definition's indices `wilds` free) equals `replacement`."""

    name: str
    wilds: tuple[sp.Symbol, ...]
    target: sp.Expr
    replacement: sp.Expr

    @property
    def is_sum(self) -> bool:
        return isinstance(self.target, sp.Sum)

    @property
    def is_function(self) -> bool:
        """A definition that is one function application: tanh(y_kl) = a_kl."""
        return functions.of(self.target) is not None

    @property
    def always(self) -> bool:
        """Applied wherever it matches (it names a sum or a function application), rather
        than only where the closed form gets shorter."""
        return self.is_sum or self.is_function


def folds(model: Model) -> tuple[Fold | Quotient, ...]:
    """For each definition: a fold if it is one function application, a quotient (softmax),
    or linear in a sum atom or in an element (the root's square, for a root: σ = √(Σ …/N)
    gives Σ … = N σ²), and sum_p D = 0 for each index p along which it
    sums to zero (sum_p (h_pl - mu_l) = 0)."""
    canon = Canon()
    out: list[Fold] = []
    for name, defn in model.definitions.items():
        body = apply(canon(defn.body), [f for f in out if f.is_sum], canon)
        element = model.element(name, defn.index)
        if functions.of(body) is not None and set(indices.free(body)) == set(defn.index):
            out.append(Fold(name, defn.index, body, element))
            continue
        q = quotient(name, defn.index, body, element)
        if q is not None:  # softmax: folded where its normaliser divides (symbn.canonical.quotient)
            out.append(q)
            continue
        for p in defn.index:
            along = (p, 1, p.size)
            total = apply(canon(sp.Sum(body, along)), [f for f in out if f.is_sum], canon)
            if total == 0:
                rest = tuple(i for i in defn.index if i != p)
                out.append(Fold(name, rest, canon(sp.Sum(element, along)), sp.S.Zero))
        body, element = _unrooted(body, element)  # σ = √(Σ …/N): Σ … = N σ²
        for target in _candidates(body, defn.index, name):
            z = sp.Dummy("z")
            linear = body.xreplace({target: z})
            c = sp.diff(linear, z)
            if c == 0 or c.has(z):
                continue
            if isinstance(target, sp.Sum) and c.has(sp.Indexed):
                # g = (sum_m dh W) (1 - a^2) names no sum: folding it everywhere would divide
                # every sum_m dh W by (1 - a^2), a quotient nothing cancels again
                continue
            r = linear.xreplace({z: sp.S.Zero})
            solved = sp.expand((element - r) / c, power_exp=False)  # no exp(sum) Product
            if nodes.handled(solved):
                out.append(Fold(name, defn.index, target, canon(solved)))
            break
    return tuple(out)


def _unrooted(body: sp.Expr, element: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """A definition that is a square root, `σ = √(Σ …)/√N`, squared (`σ² = Σ …/N`), so
    that its sum can be folded; any other as it is."""
    half = [p for p in body.atoms(sp.Pow) if p.exp == sp.S.Half and p.base.has(sp.Sum)]
    square = sp.expand(sp.expand_power_base(body**2, force=False), power_exp=False)
    if not half or any(p.exp.q == 2 for p in square.atoms(sp.Pow)):
        return body, element
    return square, element**2


def _candidates(body: sp.Expr, index: tuple, name: str) -> list[sp.Expr]:
    """Atoms the body could be solved for: sums that mention every index of the
    definition (so that a match determines them all), then its elements at exactly them."""
    sums, elements = [], []
    for t in sp.Add.make_args(body):
        for f in sp.Mul.make_args(t):
            if isinstance(f, sp.Sum) and f not in sums and indices.free(f) == set(index):
                sums.append(f)
            elif (
                isinstance(f, sp.Indexed)
                and tuple(f.indices) == index
                and index
                and str(f.base.label) != name
                and f not in elements
            ):
                elements.append(f)
    return sums + elements


#: One fold as it was applied: (the fold, or None for the final presentation, before, after).
Applied = tuple[Fold | None, sp.Expr, sp.Expr]


def apply(
    e: sp.Expr, folds: list[Fold], canon: Canon, record: list[Applied] | None = None
) -> sp.Expr:
    """Rewrite every occurrence of each rule's target, then re-canonicalise.

    record: when given, each fold that changed `e` is appended to it as (fold, before, after).
    """
    atoms = None
    for fold in folds:
        if atoms is None:
            atoms = e.atoms(sp.Sum, sp.Indexed, *functions.classes())
        if isinstance(fold, Quotient):
            found = rules.named(FOLD_QUOTIENT.name).apply(e, fold)
            after = None if found is None else canon(found)
        else:
            kind = FOLD_SUM if fold.is_sum else FOLD_FUNCTION if fold.is_function else FOLD_ELEMENT
            found = rules.named(kind.name).apply(atoms, fold)
            after = canon(e.xreplace(found)) if found else None
        if after is not None:
            before, e = e, after
            atoms = None
            if record is not None:
                record.append((fold, before, e))
    return e


def _sum_occurrences(atoms: set, fold: Fold) -> dict:
    """{each sum among `atoms` that is the fold's target at some indices: what it equals}."""
    out = {}
    for atom in atoms:
        if not isinstance(atom, sp.Sum):
            continue
        mapping = _match(fold, atom)
        if mapping is not None:
            out[atom] = fold.replacement.xreplace(mapping)
    return out


def _function_occurrences(atoms: set, fold: Fold) -> dict:
    """{each application among `atoms` that is the fold's target at some indices: the
    definition's element there}."""
    out = {}
    for atom in atoms:
        if type(atom) is not type(fold.target) or _tensors(atom) != _tensors(fold.target):
            continue
        mapping = _assign(fold, atom)
        if mapping is not None:
            out[atom] = fold.replacement.xreplace(mapping)
    return out


def _element_occurrences(atoms: set, fold: Fold) -> dict:
    """{each element among `atoms` of the fold's target tensor: what it equals}."""
    base = fold.target.base
    return {
        x: fold.replacement.xreplace(dict(zip(fold.wilds, x.indices, strict=True)))
        for x in atoms
        if isinstance(x, sp.Indexed) and x.base == base
    }


def _match(rule: Fold, atom: sp.Sum) -> dict | None:
    """The values of the rule's index letters under which its target is `atom`."""
    if [lim[2] for lim in atom.limits] != [lim[2] for lim in rule.target.limits]:
        return None
    if _tensors(atom) != _tensors(rule.target):  # a match maps indices, never tensors
        return None
    return _assign(rule, atom)


def _assign(rule: Fold, atom: sp.Expr) -> dict | None:
    """The values of the rule's index letters under which its target is `atom`, among the
    free and concrete indices of `atom`."""
    values = indices.free(atom)
    values |= {i for x in atom.atoms(sp.Indexed) for i in x.indices if i.is_Integer}
    values = sorted(values, key=str)
    for combo in itertools.product(values, repeat=len(rule.wilds)):
        mapping = dict(zip(rule.wilds, combo, strict=True))
        if rule.target.xreplace(mapping) == atom:
            return mapping
    return None


@functools.lru_cache(maxsize=4096)
def _tensors(e: sp.Expr) -> frozenset:
    """The tensors whose elements `e` holds."""
    return frozenset(x.base for x in e.atoms(sp.Indexed))


def closed_form(
    e: sp.Expr,
    letters: indices.Letters,
    folds: tuple[Fold, ...],
    record: list[Applied] | None = None,
) -> sp.Expr:
    """The shortest presentable form of canonical `e` over the optional element folds.

    The element folds are chosen best first: of those that still apply, the one whose form
    is shortest, until none shortens it (h_kl = u_kl + mu_l before h_kl = hhat_kl
    sqrt(var_l + delta) + mu_l when u is the shorter, whatever the order of definition).

    record: when given, receives the folds of the chosen form in the order they were
    applied, then (None, folded, presented) for the final presentation.
    """
    canon = Canon()
    sums = [f for f in folds if f.always]
    e = apply(e, sums, canon, record)
    show = rules.named(PRESENT.name).apply
    best = show(e, letters, factor=False)  # the numerator is factored once, at the end
    best_size = size(best)
    chosen: list[Fold] = []
    current = e
    while True:
        candidates = []
        for fold in folds:
            if fold.always or fold in chosen or not current.has(fold.target.base):
                continue
            cand = apply(apply(current, [fold], canon), sums, canon)
            shown = show(cand, letters, factor=False)
            candidates.append((size(shown), len(candidates), fold, cand, shown))
        better = [c for c in candidates if c[0] < best_size]
        if not better:
            break
        best_size, _, fold, current, best = min(better, key=lambda c: c[:2])
        chosen.append(fold)
    best = show(current, letters)
    if record is not None:
        for fold in chosen:  # replay the winner, recording it
            e = apply(apply(e, [fold], canon, record), sums, canon, record)
        record.append((None, e, best))
    return best


def size(e: sp.Expr) -> int:
    return int(sp.count_ops(e, visual=False)) + len(list(sp.preorder_traversal(e)))


def present(e: sp.Expr, letters: indices.Letters, factor: bool = True) -> sp.Expr:
    """Common factors pulled out, fractions combined, the numerator factored when that is
    shorter (when `factor`), bound indices given declared letters."""
    terms = sp.Add.make_args(e)
    if len(terms) > 1:
        outer = common_factor(terms)
        inner = sp.together(sp.Add(*[t / outer for t in terms]))
        e = outer * inner
    if factor and e.has(sp.Add):
        factored = _factored(e)
        if factored is not None and size(factored) < size(e):
            e = factored
    return indices.readable(e, letters)


#: Numerators with more terms than this are left as they are: factoring them costs more
#: than a shorter form is worth.
_FACTOR_TERMS = 24


def _factored(e: sp.Expr) -> sp.Expr | None:
    """e as a factored numerator over its denominator: 2 (N - 1) h - 2 N h + ... becomes
    -2 h; None when the numerator is too long to try."""
    numer, denom = sp.fraction(sp.together(e))
    numer = expand(numer)
    if len(sp.Add.make_args(numer)) > _FACTOR_TERMS:
        return None
    factored = sp.factor(numer) / denom
    return factored if nodes.handled(factored) else None  # exp(sum) as a Product


def common_factor(terms: tuple[sp.Expr, ...]) -> sp.Expr:
    """The largest product of powers that divides every monomial (numbers left inside)."""
    powers = [t.as_powers_dict() for t in terms]
    shared = []
    for base in sorted(powers[0], key=sp.default_sort_key):
        if base.is_Number:
            continue
        exps = [sp.S(p.get(base, 0)) for p in powers]
        if not all(x.is_Number for x in exps):  # exp(x) is E**x: no least power of E
            continue
        if all(x.is_positive for x in exps):
            shared.append(base ** min(exps))
        elif all(x.is_negative for x in exps):
            shared.append(base ** max(exps))
    return sp.Mul(*shared)


FOLD_SUM = register(
    Rule(
        "fold a sum into a definition",
        r"\sum_{p} h_{p,l} = N \mu_l",
        "a definition linear in a sum atom names that sum: applied wherever it matches",
        "fold",
        _sum_occurrences,
    )
)
FOLD_ELEMENT = register(
    Rule(
        "fold an element into a definition",
        r"h_{k,l} = \hat{h}_{k,l} \sqrt{\sigma^2_l + \delta} + \mu_l",
        "a definition linear in an element gives that element in the definition's name: "
        "applied only where the closed form gets shorter",
        "fold",
        _element_occurrences,
    )
)
FOLD_FUNCTION = register(
    Rule(
        "fold a function application into a definition",
        r"\tanh(\hat{y}_{k,l}) = a_{k,l}",
        "a definition that is one function application names it: applied wherever it matches",
        "fold",
        _function_occurrences,
    )
)
PRESENT = register(
    Rule(
        "collecting terms",
        r"a c + b c = (a + b) c",
        "common factors pulled out, fractions combined, the numerator factored when shorter",
        "present",
        present,
    )
)
