"""A canonical form for index expressions: expanded monomials over sums and Kronecker deltas.

Plain SymPy cannot decide these identities (its `Sum` of deltas leaves Piecewise range
guards, and `simplify` is slow and seed-dependent), so the form is built here from a
catalogue of named rewrite rules, each stating the identity it applies. `canon` rewrites
bottom-up; two expressions that the rules can show equal reach the same canonical form.

Invariant after each rewrite: sum atoms are `Sum(monomial, (_<size><height>, 1, size))`
whose body depends on the bound index in every factor, with the bound index named by the
sum's nesting height, so that sums differing only in the letter of their index are equal.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import sympy as sp


@dataclass(frozen=True)
class Rule:
    name: str
    identity: str  # LaTeX of the identity, for the step-by-step documents


#: The catalogue. Each rule's docstring-equivalent is its identity, printed in the docs.
SUM_LINEAR = Rule("linearity of sums", r"\sum_p (f_p + g_p) = \sum_p f_p + \sum_p g_p")
SUM_FACTOR = Rule("factor out of a sum", r"\sum_p c\, f_p = c \sum_p f_p")
SUM_CONST = Rule("sum of a constant", r"\sum_{p=1}^{N} c = N c")
SUM_DELTA = Rule("sum over a delta", r"\sum_p \Delta_{i,p} f_p = f_i")
DELTA_SUBST = Rule("delta substitution", r"\Delta_{i,k} f_k = \Delta_{i,k} f_i")
DELTA_CONCRETE = Rule("distinct concrete indices", r"\Delta_{i,1} \Delta_{i,2} = 0")
RENAME = Rule("rename bound index", r"\sum_p f_p = \sum_q f_q")
INTERCHANGE = Rule("interchange sums", r"\sum_p \sum_q a_q b_{p,q} = \sum_q a_q \sum_p b_{p,q}")
EXPAND = Rule("expand products", r"(a + b) c = a c + b c")

CATALOGUE = (EXPAND, SUM_LINEAR, SUM_FACTOR, SUM_CONST, SUM_DELTA, DELTA_SUBST,
             DELTA_CONCRETE, RENAME, INTERCHANGE)


@dataclass
class Trace:
    """An optional record of (rule, before, after), in the order the rewrites happened."""

    steps: list[tuple[Rule, sp.Expr, sp.Expr]] = field(default_factory=list)

    def add(self, rule: Rule, before: sp.Expr, after: sp.Expr) -> None:
        if before != after:
            self.steps.append((rule, before, after))


def _expand(e: sp.Expr) -> sp.Expr:
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
            elif (isinstance(f, sp.Pow) and isinstance(f.base, sp.Add) and f.exp.is_Integer
                  and f.exp > 1):
                choices.append(sp.Add.make_args(_power(f.base, int(f.exp))))
            else:
                choices.append((f,))
        if all(len(c) == 1 for c in choices):
            out.append(term)
            continue
        for combo in itertools.product(*choices):
            out.append(_expand(sp.Mul(*combo)))
    return sp.Add(*out)


def _power(base: sp.Add, n: int) -> sp.Expr:
    result = base
    for _ in range(n - 1):
        result = sp.Add(*[_expand(sp.Mul(a, b)) for a in sp.Add.make_args(result)
                          for b in base.args])
    return result


def is_index(s: sp.Expr, ranges: dict) -> bool:
    return isinstance(s, sp.Symbol) and s in ranges


def mentions(e: sp.Expr, p: sp.Symbol) -> bool:
    return p in e.free_symbols


class Canon:
    """Canonicaliser for one range map (index symbol -> size symbol)."""

    def __init__(self, ranges: dict, trace: Trace | None = None):
        self.ranges = ranges
        self.trace = trace
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

    def _canon(self, e: sp.Expr) -> sp.Expr:
        if not e.args or isinstance(e, sp.Indexed | sp.KroneckerDelta):
            return e
        if isinstance(e, sp.Derivative):
            raise ValueError("derivatives must be evaluated before canonicalisation")
        if isinstance(e, sp.Sum):
            return self.sum(e)
        if isinstance(e, sp.Add | sp.Mul):
            out = e.func(*[self(a) for a in e.args])
            return self.monomials(_expand(out), e)
        if isinstance(e, sp.Pow):
            base, n = self(e.base), e.exp
            out = base**n
            if n.is_Integer and n > 0:
                out = _expand(out)
            elif n.is_Integer and isinstance(base, sp.Mul):
                out = sp.Mul(*[f**n for f in base.args])
            return self.monomials(out, e)
        return e.func(*[self(a) for a in e.args])

    def monomials(self, e: sp.Expr, before: sp.Expr) -> sp.Expr:
        """Normalise the deltas of every monomial of an expanded expression."""
        if e != before:
            self.note(EXPAND, before, e)
        terms = [self.monomial(t) for t in sp.Add.make_args(e)]
        return sp.Add(*terms)

    def monomial(self, t: sp.Expr) -> sp.Expr:
        """Delta(i,k) f(k) -> Delta(i,k) f(i): substitute each delta class's representative."""
        # (SymPy itself turns Delta(i, k)**n into Delta(i, k), so no power rule is needed.)
        deltas = [f for f in sp.Mul.make_args(t) if isinstance(f, sp.KroneckerDelta)]
        if not deltas:
            return t
        parent: dict = {}

        def find(x):
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for dl in deltas:
            a, b = sorted((find(dl.args[0]), find(dl.args[1])), key=_rep_key)
            if a != b:
                parent[b] = a
        members = sorted({x for dl in deltas for x in dl.args}, key=_rep_key)
        classes: dict = {}
        for x in members:
            classes.setdefault(find(x), []).append(x)
        mapping = {}
        new_deltas = []
        for rep, xs in classes.items():
            concrete = {x for x in xs if x.is_Integer}
            if len(concrete) > 1:
                self.note(DELTA_CONCRETE, t, sp.S.Zero)
                return sp.S.Zero
            for x in xs:
                if x != rep:
                    if not x.is_Integer:
                        mapping[x] = rep
                    new_deltas.append(sp.KroneckerDelta(rep, x))
        rest = [f for f in sp.Mul.make_args(t) if not isinstance(f, sp.KroneckerDelta)]
        rest_mapped = [f.xreplace(mapping) for f in rest]
        out = sp.Mul(*rest_mapped, *new_deltas)
        if out == t:
            return t
        self.note(DELTA_SUBST, t, out)
        changed = any(a != b for a, b in zip(rest, rest_mapped, strict=True))
        return self(out) if changed else out

    def sum(self, e: sp.Sum) -> sp.Expr:
        """Sum(body, (p, 1, R), ...) -> linear combination of canonical sum atoms.

        The last limit is summed out first: sum(f, p, q) = sum(sum(f, q), p). The limits are
        summed out one by one, never rebuilt as a nested Sum: SymPy would merge Sum(Sum(f, a),
        b) back into one Sum, and canonicalising that again would recurse without end."""
        for p, lo, hi in e.limits:
            if lo != 1 or hi != self.ranges.get(p, hi):
                raise ValueError(f"sum over {p} must run over its full range")
        body = self(e.function)
        for p, _, hi in reversed(e.limits):
            body = self.sum_over(body, p, hi)
        return body

    def sum_over(self, body: sp.Expr, p: sp.Symbol, size: sp.Symbol) -> sp.Expr:
        """sum_p of a canonical `body`, term by term."""
        terms = sp.Add.make_args(body)
        if len(terms) > 1:
            self.note(SUM_LINEAR, sp.Sum(body, (p, 1, size)),
                      lambda: sp.Add(*[sp.Sum(t, (p, 1, size)) for t in terms]))
        return sp.Add(*[self.sum_term(t, p, size) for t in terms])

    def sum_term(self, t: sp.Expr, p: sp.Symbol, size: sp.Symbol) -> sp.Expr:
        factors = sp.Mul.make_args(t)
        free = [f for f in factors if not mentions(f, p)]
        dep = [f for f in factors if mentions(f, p)]
        if not dep:
            out = sp.Mul(*free) * size
            if self.trace is not None:
                self.note(SUM_CONST, sp.Sum(t, (p, 1, size)), out)
            return out
        for f in dep:
            if isinstance(f, sp.KroneckerDelta):
                other = f.args[0] if f.args[1] == p else f.args[1]
                if other == p:
                    continue
                rest = [g for g in factors if g is not f]
                out = sp.Mul(*rest).xreplace({p: other})
                if self.trace is not None:
                    self.note(SUM_DELTA, sp.Sum(t, (p, 1, size)), out)
                return self(out)
        if free and self.trace is not None:
            self.note(SUM_FACTOR, sp.Sum(t, (p, 1, size)),
                      sp.Mul(*free) * sp.Sum(sp.Mul(*dep), (p, 1, size)))
        if len(dep) == 1 and isinstance(dep[0], sp.Sum):
            return sp.Mul(*free) * self.interchange(dep[0], p, size)
        return sp.Mul(*free) * self.atom(sp.Mul(*dep), p, size)

    def interchange(self, inner: sp.Sum, p: sp.Symbol, size: sp.Symbol) -> sp.Expr:
        """sum_p sum_q a_q b_pq = sum_q a_q sum_p b_pq: the outer sum moves in to the factors
        that use its index, so the order the user wrote the sums in does not matter."""
        body = inner.function
        if all(mentions(f, p) for f in sp.Mul.make_args(body)):
            return self.block(body, [*inner.limits, (p, 1, size)])
        out = self.sum_over(body, p, size)
        if self.trace is not None:
            self.note(INTERCHANGE, sp.Sum(inner, (p, 1, size)),
                      sp.Sum(sp.Sum(body, (p, 1, size)), *inner.limits))
        for q, _, hi in inner.limits:
            out = self.sum_over(out, q, hi)
        return out

    def block(self, body: sp.Expr, limits: list) -> sp.Sum:
        """A sum over several indices that no factor separates: its bound indices are named
        in the order that gives the smallest body, so sum_p sum_q f = sum_q sum_p f."""
        first = 1 + _height(body)
        best = None
        sizes = {q: hi for q, _, hi in limits}  # not self.ranges: it may not know q
        for order in itertools.permutations(sizes):
            names = {}
            for n, q in enumerate(order):
                size = sizes[q]
                names[q] = sp.Symbol(f"_{size}_{first + n}", integer=True)
                self.ranges.setdefault(names[q], size)
            candidate = body.xreplace(names)
            key = sp.default_sort_key(candidate)
            if best is None or key < best[0]:
                best = (key, candidate, names)
        _, renamed, names = best
        new_limits = sorted(((names[q], 1, hi) for q, _, hi in limits), key=lambda x: x[0].name)
        return sp.Sum(renamed, *new_limits)

    def atom(self, body: sp.Expr, p: sp.Symbol, size: sp.Symbol) -> sp.Sum:
        """A sum whose every factor depends on p, with p renamed after the sum's height."""
        height = 1 + _height(body)
        q = sp.Symbol(f"_{size}_{height}", integer=True)
        while q != p and q in body.free_symbols:  # an outer index may be free after interchange
            height += 1
            q = sp.Symbol(f"_{size}_{height}", integer=True)
        self.ranges.setdefault(q, size)
        inner = body.xreplace({p: q})
        if isinstance(inner, sp.Sum):  # the inner limits last, as `sum` reads them
            renamed = sp.Sum(inner.function, (q, 1, size), *inner.limits)
        else:
            renamed = sp.Sum(inner, (q, 1, size))
        if q != p and self.trace is not None:
            self.note(RENAME, sp.Sum(body, (p, 1, size)), renamed)
        return renamed


def _height(body: sp.Expr) -> int:
    """The largest height among the canonical bound indices inside `body` (0 if none)."""
    return max((int(lim[0].name.rsplit("_", 1)[1]) for s in body.atoms(sp.Sum)
                for lim in s.limits if lim[0].name.startswith("_")), default=0)


def _rep_key(x: sp.Expr) -> tuple:
    """Representatives: concrete indices first, then by name (bound ones last)."""
    if x.is_Integer:
        return (0, int(x), "")
    name = x.name
    return (2 if name.startswith("_") else 1, 0, name)


def canonical(e: sp.Expr, ranges: dict, trace: Trace | None = None) -> sp.Expr:
    """The canonical form of `e` (derivatives already evaluated)."""
    return Canon(ranges, trace)(e)


Rewrite = Callable[[sp.Expr], sp.Expr]
