"""Full-size array expressions evaluated in place: the fewest whole-array passes and no
full-size temporary, as a careful hand would write them.

A full-size value (an array laid out along every axis of the output) of an expression such
as `gamma/(N*sqrt(var+delta)) * (N*dy - sum(dy) - hhat*sum(dy*hhat))` is a combination of
full-size arrays (dy, hhat) with small coefficients (the column sums, gamma, var). NumPy
evaluates `c * (N*dy - s1 - hhat*s2)` operator by operator, allocating a full-size array at
each one. `InPlace.lower` instead writes one fresh array and updates it:

    dst = hhat * (s2 / N)          # one pass, the only allocation
    dst += s1 / N                  # the small terms, in place
    np.subtract(dy, dst, out=dst)  # the pivot: the term whose coefficient divides the rest
    dst *= gamma / np.sqrt(...)    # the common factor, in place

Small subexpressions are cheap and printed as they are. A factor is only ever divided out
symbolically (by a number or a size, never by a value at run time), so no plan divides by a
runtime zero. Each plan counts its passes over full-size arrays and its full-size
temporaries; of the alternatives `lower` keeps the cheapest. A temporary the kernel owns and
needs no more can be taken over as the destination (`Plan.takes`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import overload

import sympy as sp

from symbn.emit.arrays import gather
from symbn.emit.arrays.arrayrewrite import negative, numeric
from symbn.emit.arrays.statements import Assign, Into, Statement, Update
from symbn.emit.arrays.vectorize import ATOM, Term, Vectorizer, paren
from symbn.language import functions, indices
from symbn.language.functions import step
from symbn.language.indices import Index


@dataclass(frozen=True)
class Plan:
    """Statements leaving `dst` a fresh array; `passes` over full-size arrays, `temps`
    full-size temporaries; `takes` the kernel temporary reused as `dst` (renamed by the
    caller)."""

    lines: tuple[Statement, ...]
    passes: int
    temps: int = 0
    takes: sp.Expr | None = None

    @property
    def cost(self) -> tuple[int, int]:
        return (self.passes + self.temps, len(self.lines))

    def then(self, line: Statement, passes: int = 1, temps: int = 0) -> Plan:
        return Plan((*self.lines, line), self.passes + passes, self.temps + temps, self.takes)


def builds_array(t: Term) -> bool:
    """The code builds a new array (arithmetic or a call that makes one), not a name, a view
    or an einsum."""
    return t.prec < ATOM or t.fresh


class InPlace:
    """Plans for full-size values along `axes`.

    `ownable(e)` is the kernel's answer to: is `e` a temporary whose array this output may
    overwrite (built here, used once here, needed by nothing after)?
    """

    def __init__(self, vec: Vectorizer, axes: tuple, ownable: Callable[[sp.Expr], bool]):
        self.vec = vec
        self.axes = tuple(axes)
        self.full = set(axes)
        self.ownable = ownable

    # what kind of thing a subexpression is
    def big(self, e: sp.Expr) -> bool:
        return indices.free(e) == self.full

    def safe(self, k: sp.Expr) -> bool:
        """A coefficient that may be divided out symbolically: numbers and sizes only."""
        return k != 0 and all(_is_size(s) for s in k.free_symbols) and not k.has(sp.Indexed)

    def code(self, e: sp.Expr) -> str:
        return self.vec.align(self.vec.term(e), self.axes).code

    def scale(self, dst: str, plan: Plan, mult: sp.Expr) -> Plan:
        """plan, then dst multiplied by the small factor `mult` in place."""
        if mult == 1:
            return plan
        if mult == -1:
            return plan.then(Into(dst, self.vec.function("negative"), (dst,)))
        factors = sp.Mul.make_args(mult)
        if all(isinstance(f, sp.Pow) and negative(f.exp) for f in factors) and not any(
            f.exp == -sp.S.Half and self.vec.reciprocal_root and not numeric(f.base)
            for f in factors
        ):  # a product with a reciprocal root where the library has one: no division
            return plan.then(Update(dst, "/", self.code(1 / mult)))
        return plan.then(Update(dst, "*", self.code(mult)))

    # the plans
    def lower(self, dst: str, e: sp.Expr, mult: sp.Expr = sp.S.One) -> Plan:
        """The cheapest plan found for dst = mult * e (mult small)."""
        if self.ownable(e) or self.vec.known(e) is not None:
            return self.single(dst, e, mult)
        if isinstance(e, sp.Mul):
            return self.product(dst, e, mult)
        if isinstance(e, sp.Add):
            return self.total(dst, e, mult)
        return self.single(dst, e, mult)

    def single(self, dst: str, e: sp.Expr, mult: sp.Expr) -> Plan:
        if self.ownable(e):
            return self.scale(dst, Plan((), 0, takes=e), mult)
        if isinstance(e, step) and self.vec.step_by_sign and self.vec.known(e) is None:
            # max(sign(x), 0) is step(x) with NaN kept, as np.heaviside(x, 0) has it, and
            # measured several times faster than np.heaviside on random data
            vec = self.vec
            sign = vec.apply(functions.TABLE["sign"], vec.align(vec.term(e.args[0]), self.axes))
            plan = Plan((Assign(dst, sign.code), Into(dst, vec.function("maximum"), (dst, "0"))), 2)
            return self.scale(dst, plan, mult)
        t = self.vec.term(e)
        if mult == 1:  # a name or a view is copied: dst is always an array of its own
            laid = self.vec.align(t, self.axes)
            copy = laid.code if builds_array(t) else self.vec.copy(paren(laid, ATOM))
            return Plan((Assign(dst, copy),), 1)
        if builds_array(t):
            return self.scale(dst, Plan((Assign(dst, self.code(e)),), 1), mult)
        return Plan((Assign(dst, self.code(mult * e)),), 1)

    def product(self, dst: str, e: sp.Mul, mult: sp.Expr) -> Plan:
        bigs = [f for f in e.args if self.big(f)]
        small = sp.Mul(*[f for f in e.args if not self.big(f)])
        mult = mult * small
        if not bigs:  # the small factors broadcast against each other
            return Plan((Assign(dst, self.code(mult)),), 1)
        if len(bigs) == 1:
            return self.lower(dst, bigs[0], mult)
        owned = [f for f in bigs if self.ownable(f)]
        made = [f for f in bigs if builds_array(self.vec.term(f))]
        first = (owned or made or [None])[0]
        if first is None:
            plan = Plan((Assign(dst, self.code(sp.Mul(*bigs[:2]))),), 1)
            rest = bigs[2:]
        else:
            plan = self.single(dst, first, sp.S.One)
            rest = [f for f in bigs if f is not first]
        for f in rest:
            t = self.vec.term(f)
            plan = plan.then(Update(dst, "*", self.code(f)), temps=int(builds_array(t)))
        return self.scale(dst, plan, mult)

    def total(self, dst: str, e: sp.Add, mult: sp.Expr) -> Plan:
        common, terms = _common_factor(e)
        mult = mult * common
        split = [(t, *self.coefficient(t)) for t in terms]
        bigs = [(k, x) for _, k, x in split if x is not None]
        scatter = [(t, k, x) for t, k, x in split if gather.scattered(x, k, self.axes)]
        if scatter and len(scatter) < len(bigs):  # a one-hot added where its ones are
            kept = [t for t, k, x in split if (t, k, x) not in scatter]
            plan = self.lower(dst, sp.Add(*kept), mult)
            for _, k, x in scatter:
                target, axes = gather.positions_of(self.vec, dst, x, self.axes, Term)
                term = k * mult
                neg = negative(term)
                value = self.vec.align(self.vec.term(-term if neg else term), axes).code
                plan = plan.then(Update(target, "-" if neg else "+", value), passes=0)
            return plan
        smalls = sp.Add(*[t for t, _, x in split if x is None])
        if not bigs:
            return Plan((Assign(dst, self.code(mult * sp.Add(*terms))),), 1)
        plans = [
            self.pivot(dst, (k, x), bigs[:n] + bigs[n + 1 :], smalls, mult)
            for n, (k, x) in enumerate(bigs)
            if self.safe(k) and (len(bigs) > 1 or mult != 1 or k in (1, -1))
        ]
        plans.append(self.accumulate(dst, bigs, smalls, mult))
        return min(plans, key=lambda p: p.cost)  # ties: a pivot (subtract, then scale)

    def coefficient(self, t: sp.Expr) -> tuple[sp.Expr, sp.Expr | None]:
        """t = k * x with k small and x full-size (x None: t is small)."""
        if not self.big(t):
            return t, None
        if isinstance(t, sp.Mul) and any(self.big(f) for f in t.args):
            k = sp.Mul(*[f for f in t.args if not self.big(f)])
            return k, sp.Mul(*[f for f in t.args if self.big(f)])
        return sp.S.One, t

    def accumulate(self, dst: str, bigs: list, smalls: sp.Expr, mult: sp.Expr) -> Plan:
        """dst = first term (mult folded into every coefficient), then += each other."""
        order = sorted(bigs, key=lambda kx: (not self.ownable(kx[1]), negative(kx[0])))
        k, x = order[0]
        if (
            smalls != 0
            and k * mult == 1
            and not self.ownable(x)
            and not builds_array(self.vec.term(x))
        ):
            plan = Plan((Assign(dst, self.code(x + smalls)),), 1)  # one pass for both
            smalls = sp.S.Zero
        elif (
            smalls != 0
            and not self.ownable(x)  # taken over: no new array at all
            and (fused := self.fused(smalls * mult, x, k * mult)) is not None
        ):
            plan = Plan((Assign(dst, fused),), 1)  # small + k*x in one pass
            smalls = sp.S.Zero
        else:
            plan = self.lower(dst, x, k * mult)
        for k, x in order[1:]:
            term = k * mult * x
            fused = self.fused(None, x, k * mult, dst)
            if fused is not None:
                plan = plan.then(Into(dst, *fused))
                continue
            neg = negative(term)
            t = self.vec.term(-term if neg else term)
            plan = plan.then(
                Update(dst, "-" if neg else "+", self.code(-term if neg else term)),
                passes=1 + int(builds_array(t)),
                temps=int(builds_array(t)),
            )
        if smalls != 0:
            term = mult * smalls
            neg = negative(term)
            plan = plan.then(Update(dst, "-" if neg else "+", self.code(-term if neg else term)))
        return plan

    @overload
    def fused(self, a: sp.Expr, x: sp.Expr, k: sp.Expr) -> str | None: ...
    @overload
    def fused(
        self, a: None, x: sp.Expr, k: sp.Expr, dst: str
    ) -> tuple[str, tuple[str, ...]] | None: ...

    def fused(self, a, x, k, dst=None):
        """a + k*x in one pass without a temporary, where the library has it (x a full-size
        array read as it is, k small and no plain sign): the code of a new array (`a` small),
        or with `a` None the (function, arguments) adding k*x into `dst`."""
        vec = self.vec
        if not vec.multiply_add or k in (1, -1) or builds_array(vec.term(x)) or self.big(k):
            return None
        if a is not None and numeric(a):
            return None
        number = numeric(k)
        fn = vec.function("add" if number else "addcmul")
        scaled = (self.code(x), f"alpha={vec.term(k).code}" if number else self.code(k))
        if a is None:
            return fn, (dst, *scaled)
        return f"{fn}({self.code(a)}, {', '.join(scaled)})"

    def pivot(self, dst: str, kx: tuple, others: list, smalls: sp.Expr, mult: sp.Expr) -> Plan:
        """mult*k * (x + rest/k): the rest into dst, then x added in one pass (the pivot's
        coefficient k divides the others symbolically), then the factor mult*k."""
        k, x = kx
        rest = sp.Add(*[kk / k * xx for kk, xx in others], smalls / k)
        outer = mult * k
        vec = self.vec
        if rest == 0:
            return self.lower(dst, x, outer)
        if not self.big(rest):  # x with small terms added
            if self.ownable(x) or builds_array(self.vec.term(x)):  # x computed into dst first
                neg = negative(rest)
                plan = self.lower(dst, x).then(
                    Update(dst, "-" if neg else "+", self.code(-rest if neg else rest))
                )
            else:  # one pass for x and the rest
                plan = Plan((Assign(dst, self.code(x + rest)),), 1)
            return self.scale(dst, plan, outer)
        flip = negative(rest) or outer == -1
        plan = self.lower(dst, -rest if flip else rest)
        xc = self.code(x)
        if outer == -1:  # -x - rest = (-rest) - x
            return plan.then(Into(dst, vec.function("subtract"), (dst, xc)))
        op = "subtract" if flip else "add"
        return self.scale(dst, plan.then(Into(dst, vec.function(op), (xc, dst))), outer)


def _common_factor(e: sp.Add) -> tuple[sp.Expr, list]:
    """(c, terms) with e = c * sum(terms): the factors every term shares, numbers apart."""
    sets = [set(sp.Mul.make_args(t)) for t in e.args]
    shared = set.intersection(*sets) - {f for f in sets[0] if f.is_Number}
    if not shared:
        return sp.S.One, list(e.args)
    c = sp.Mul(*sorted(shared, key=sp.default_sort_key))
    return c, [t / c for t in e.args]


def _is_size(s: sp.Symbol) -> bool:
    """A size: a positive integer symbol that is not an index."""
    return bool(s.is_integer and s.is_positive) and not isinstance(s, Index)
