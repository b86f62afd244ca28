"""A canonical form for index expressions: expanded monomials over sums and Kronecker deltas.

Plain SymPy cannot decide these identities (its `Sum` of deltas leaves Piecewise range
guards, and `simplify` is slow and seed-dependent), so the form is built here from the rules
of `symbn.language.rules` that its stage registers, each stating the identity it applies:
those of products and monomials (`symbn.canonical.monomials`), then those of sums
(`symbn.canonical.sums`). `Canon` rewrites bottom-up, trying at each place the rules of that
site in catalogue order; two expressions that the rules can show equal reach the same
canonical form.

Invariant after each rewrite: sum atoms are `Sum(monomial, (Index.bound(size, height), 1,
size))` whose body depends on the bound index in every factor, with the bound index made from
the sum's nesting height, so that sums differing only in the letter of their index are equal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import sympy as sp

from symbn.canonical import (  # noqa: F401 - the rules of moved indices and relations
    ranges,
    shifts,
)
from symbn.canonical.sums import mentions  # with the rules of monomials, then of sums
from symbn.errors import InternalError
from symbn.language import rules
from symbn.language.indices import Index
from symbn.language.rules import Rule


@dataclass
class Trace:
    """An optional record of (rule, before, after), in the order the rewrites happened."""

    steps: list[tuple[Rule, sp.Expr, sp.Expr]] = field(default_factory=list)

    def add(self, rule: Rule, before: sp.Expr, after: sp.Expr) -> None:
        if before != after:
            self.steps.append((rule, before, after))


class Canon:
    """Canonicaliser, with an optional record of its rewrites; `nest`: whether sums of sums
    are brought to one nesting; `exp_form`: whether sigmoid, tanh and relu are written by
    exp and step (the rules of site "exp form", `symbn.canonical.identities`)."""

    def __init__(self, trace: Trace | None = None, nest: bool = True, exp_form: bool = False):
        self.trace = trace
        self.nest = nest
        self.exp_form = exp_form
        self._memo: dict[sp.Expr, sp.Expr] = {}

    def note(self, rule: Rule, before: sp.Expr, after: sp.Expr | Callable[[], sp.Expr]) -> None:
        """Record a rewrite; `after` may be a thunk, built only when tracing."""
        if self.trace is not None:
            self.trace.add(rule, before, after() if callable(after) else after)

    def __call__(self, e: sp.Expr) -> sp.Expr:
        hit = self._memo.get(e)
        if hit is None:
            hit = self._canon(e)
            self._memo[e] = hit
        return hit

    canon = __call__

    def first(self, site: str, *args) -> sp.Expr | None:
        """What the first rule of `site` that applies to `args` makes of them."""
        for rule in rules.at(site):
            out = rule.apply(self, *args)
            if out is not None:
                return out
        return None

    def _canon(self, e: sp.Expr) -> sp.Expr:
        if isinstance(e, sp.KroneckerDelta):  # a monomial of its own: Delta(1, N) may be 0
            return self.monomial(e)
        if isinstance(e, sp.Indexed):  # at a moved position, it holds that position's range
            return self.monomial(e) if any(not i.is_Atom for i in e.indices) else e
        if not e.args:
            return e
        if isinstance(e, sp.Derivative):
            raise InternalError("derivatives must be evaluated before canonicalisation")
        if isinstance(e, sp.Sum):
            return self.sum(e)
        if isinstance(e, sp.Add | sp.Mul):
            return self.products(e.func(*[self(a) for a in e.args]), e)
        if isinstance(e, sp.Pow):
            base, n = self(e.base), e.exp
            out = base**n
            if n.is_Integer and n < 0 and isinstance(base, sp.Mul):
                out = sp.Mul(*[f**n for f in base.args])
            return self.products(out, e)
        out = e.func(*[self(a) for a in e.args])
        rewritten = self.first("function", out)  # the identities of symbn.canonical.identities
        if rewritten is None and self.exp_form:
            rewritten = self.first("exp form", out)
        return out if rewritten is None else self(rewritten)

    def products(self, e: sp.Expr, before: sp.Expr) -> sp.Expr:
        """The monomials of `e` (expanded by the "product" rules), each normalised by the
        "monomial" rules."""
        out = self.first("product", e, before)
        e = e if out is None else out
        return sp.Add(*[self.monomial(t) for t in sp.Add.make_args(e)])

    def monomial(self, t: sp.Expr) -> sp.Expr:
        out = self.first("monomial", t)
        t = t if out is None else out
        ranged = self.first("relations", t)  # moved positions and relations, last
        if ranged is None:
            return t
        return self.products(ranged, t) if isinstance(ranged, sp.Add) else self.monomial(ranged)

    def sum(self, e: sp.Sum) -> sp.Expr:
        """Sum(body, (p, 1, R), ...) -> linear combination of canonical sum atoms.

        The last limit is summed out first: sum(f, p, q) = sum(sum(f, q), p). The limits are
        summed out one by one, never rebuilt as a nested Sum: SymPy would merge Sum(Sum(f, a),
        b) back into one Sum, and canonicalising that again would recurse without end."""
        for p, lo, hi in e.limits:
            if lo != 1 or not isinstance(p, Index) or hi != p.size:
                raise InternalError(f"sum over {p} must run over its full range")
        body = self(e.function)
        for p, _, hi in reversed(e.limits):
            body = self.sum_over(body, p, hi)
        return body

    def sum_over(self, body: sp.Expr, p: Index, size: sp.Symbol) -> sp.Expr:
        """sum_p of a canonical `body`."""
        out = self.first("sum", body, p, size)
        return self.sum_term(body, p, size) if out is None else out

    def sum_term(self, t: sp.Expr, p: Index, size: sp.Symbol) -> sp.Expr:
        """sum_p of one monomial: its factors split by whether they use p."""
        factors = sp.Mul.make_args(t)
        free = [f for f in factors if not mentions(f, p)]
        dep = [f for f in factors if mentions(f, p)]
        out = self.first("sum term", free, dep, p, size)
        if out is None:
            raise InternalError(f"no rule of the canonical form sums {t} over {p}")
        return out

    def atom(self, body: sp.Expr, p: Index, size: sp.Symbol) -> sp.Expr:
        """sum_p of a product whose every factor uses p."""
        out = self.first("sum atom", body, p, size)
        if out is None:
            raise InternalError(f"no rule of the canonical form names the sum of {body}")
        return out


def canonical(e: sp.Expr, trace: Trace | None = None) -> sp.Expr:
    """The canonical form of `e` (derivatives already evaluated)."""
    return Canon(trace)(e)
