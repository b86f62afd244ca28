"""Elementwise differentiation of index expressions, as a table of rules.

Each rule takes the node and `d`, the derivative of a child, so the same table serves the
one-shot derivative used by the verifier and the staged one that records a derivation step
by step (`d` then leaves the children's derivatives unevaluated).

An element of a definition, such as mu[l], is differentiated through its body (the chain
rule), unless it is the variable itself: then it is held as an independent variable.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from symbn.model import Model

D = Callable[[sp.Expr], sp.Expr]


def _add(e: sp.Add, d: D, _c: Calculus) -> sp.Expr:
    """(f + g)' = f' + g'"""
    return sp.Add(*[d(a) for a in e.args])


def _mul(e: sp.Mul, d: D, _c: Calculus) -> sp.Expr:
    """(f g)' = f' g + f g'"""
    args = e.args
    return sp.Add(*[sp.Mul(*args[:n], d(a), *args[n + 1 :]) for n, a in enumerate(args)])


def _pow(e: sp.Pow, d: D, _c: Calculus) -> sp.Expr:
    """(f^n)' = n f^(n-1) f'  (exponents are numbers in the language)"""
    base, n = e.args
    if n.free_symbols:
        raise ValueError("exponents must be numbers")
    return n * base ** (n - 1) * d(base)


def _function(e: sp.Function, d: D, _c: Calculus) -> sp.Expr:
    """f(g)' = f'(g) g'"""
    return e.fdiff(1) * d(e.args[0])


def _sum(e: sp.Sum, d: D, c: Calculus) -> sp.Expr:
    """(sum_p f)' = sum_p f'  (p renamed first if the variable mentions it)"""
    e = c.free_bound(e)
    return sp.Sum(d(e.function), *e.limits)


def _element(e: sp.Expr, d: D, c: Calculus) -> sp.Expr:
    """dh[k,l]/dh[i,j] = Delta(i,k) Delta(j,l); a definition goes through its body."""
    wrt = c.wrt
    if e == wrt:
        return sp.S.One
    if isinstance(e, sp.Indexed) and isinstance(wrt, sp.Indexed) and e.base == wrt.base:
        return sp.Mul(*[sp.KroneckerDelta(a, b) for a, b in zip(wrt.indices, e.indices,
                                                                  strict=True)])
    name = c.model.tensor_name(e)
    if name in c.model.definitions and c.depends(e):
        return d(c.instantiate(e))
    return sp.S.Zero


#: The rule table: node type -> (name of the rule, rule).
RULES: dict[type, tuple[str, Callable]] = {
    sp.Add: ("sum rule", _add),
    sp.Mul: ("product rule", _mul),
    sp.Pow: ("power rule", _pow),
    sp.Sum: ("derivative of a sum", _sum),
    sp.Indexed: ("chain rule", _element),
    sp.Symbol: ("chain rule", _element),
}


def rule_for(e: sp.Expr) -> tuple[str, Callable]:
    for cls in type(e).__mro__:
        if cls in RULES:
            return RULES[cls]
    if isinstance(e, sp.Function) and len(e.args) == 1:
        return ("chain rule", _function)
    raise ValueError(f"no derivative rule for {type(e).__name__}")


class Calculus:
    """Differentiation with respect to one element `wrt` within one model."""

    def __init__(self, model: Model, wrt: sp.Expr, ranges: dict):
        self.model = model
        self.wrt = wrt
        self.ranges = ranges  # index -> size; fresh bound indices are added to it
        self.target = model.tensor_name(wrt)
        self._deps = _dependencies(model)

    def depends(self, e: sp.Expr) -> bool:
        """Whether `e` can change with the variable (through definitions, transitively)."""
        for x in sp.preorder_traversal(e):
            if isinstance(x, sp.Indexed | sp.Symbol):
                name = self.model.tensor_name(x)
                if name == self.target or self.target in self._deps.get(name, ()):
                    return True
        return False

    def derivative(self, e: sp.Expr) -> sp.Expr:
        """The whole derivative of `e`, nested diff() included."""
        if isinstance(e, sp.Derivative):
            return self.derivative(evaluate(e, self.model, self.ranges))
        if not self.depends(e):
            return sp.S.Zero
        _, rule = rule_for(e)
        return rule(e, self.derivative, self)

    def step(self, e: sp.Expr) -> tuple[str, sp.Expr]:
        """One rule applied at the top of `e`, children left as unevaluated derivatives."""
        name, rule = rule_for(e)

        def later(child: sp.Expr) -> sp.Expr:
            if not self.depends(child):
                return sp.S.Zero
            if child == self.wrt:
                return sp.S.One
            return sp.Derivative(child, self.wrt, evaluate=False)

        if name == "chain rule" and self.model.tensor_name(e) in self.model.definitions:
            name = f"definition of {self.model.tensor_name(e)}"
        return name, rule(e, later, self)

    def instantiate(self, e: sp.Expr) -> sp.Expr:
        """The body of the definition behind element `e`, at e's indices, captures avoided."""
        return instantiate(self.model, e, self.ranges, avoid=_index_symbols(self.wrt))

    def free_bound(self, e: sp.Sum) -> sp.Sum:
        """Rename the bound indices of `e` that the variable also uses."""
        avoid = _index_symbols(self.wrt)
        return rename_limits(e, lambda p: p in avoid, avoid, self.ranges)


def evaluate(e: sp.Expr, model: Model, ranges: dict) -> sp.Expr:
    """Replace every diff() in `e` by its derivative, innermost first."""
    if not e.has(sp.Derivative):
        return e
    if isinstance(e, sp.Derivative):
        inner = evaluate(e.expr, model, ranges)
        for v, count in e.variable_count:
            for _ in range(count):
                inner = Calculus(model, v, ranges).derivative(inner)
        return inner
    return e.func(*[evaluate(a, model, ranges) for a in e.args])


def unfold(e: sp.Expr, model: Model, ranges: dict) -> sp.Expr:
    """Replace every element of a definition by its body, down to the inputs."""
    def visit(x: sp.Expr, bound: frozenset) -> sp.Expr:
        if isinstance(x, sp.Indexed | sp.Symbol):
            if model.tensor_name(x) in model.definitions:
                return visit(instantiate(model, x, ranges, avoid=bound), bound)
            return x
        if isinstance(x, sp.Sum):
            inner = bound | {lim[0] for lim in x.limits}
            return sp.Sum(visit(x.function, inner), *x.limits)
        if not x.args:
            return x
        return x.func(*[visit(a, bound) for a in x.args])
    return visit(e, frozenset())


def instantiate(model: Model, e: sp.Expr, ranges: dict, avoid: frozenset = frozenset()):
    """Body of definition element `e` = D[a, b] at indices (a, b), bound indices renamed."""
    defn = model.definitions[model.tensor_name(e)]
    actual = tuple(e.indices) if isinstance(e, sp.Indexed) else ()
    taken = set(avoid) | {s for a in actual for s in _index_symbols(a)}
    body = _rename_bound(defn.body, taken, ranges)
    return body.xreplace(dict(zip(defn.index, actual, strict=True)))


def _rename_bound(e: sp.Expr, taken: set, ranges: dict) -> sp.Expr:
    if isinstance(e, sp.Sum):
        e = rename_limits(e, lambda p: p in taken, taken, ranges)
        inner = taken | {lim[0] for lim in e.limits}
        return sp.Sum(_rename_bound(e.function, inner, ranges), *e.limits)
    if not e.args or not e.has(sp.Sum):
        return e
    return e.func(*[_rename_bound(a, taken, ranges) for a in e.args])


def rename_limits(e: sp.Sum, clash: Callable[[sp.Symbol], bool], avoid: set,
                  ranges: dict) -> sp.Sum:
    """`e` with each bound index for which `clash` holds renamed to a fresh one."""
    body, limits = e.function, []
    for index, lo, hi in e.limits:
        new = index
        if clash(index):
            new = fresh(ranges, hi, avoid | {lim[0] for lim in limits} | _index_symbols(body))
            body = body.xreplace({index: new})
        limits.append((new, lo, hi))
    return sp.Sum(body, *limits)


def fresh(ranges: dict, size: sp.Symbol, avoid: set) -> sp.Symbol:
    """A declared index over `size` not in `avoid`, else a new primed one (registered)."""
    same = [i for i, s in ranges.items() if s == size]
    for i in sorted(same, key=str):
        if i not in avoid and not str(i).startswith("_"):
            return i
    base = str(sorted(same, key=str)[0]) if same else "q"
    n = 1
    while True:
        sym = sp.Symbol(f"{base}{n}", integer=True)
        if sym not in avoid and (sym not in ranges or ranges[sym] == size):
            ranges[sym] = size
            return sym
        n += 1


def _index_symbols(e: sp.Expr) -> set:
    return {s for s in e.atoms(sp.Symbol) if s.is_integer and not s.is_positive}


def _dependencies(model: Model) -> dict[str, set[str]]:
    """For each definition, every input and definition it uses, transitively."""
    deps: dict[str, set[str]] = {}
    for name, defn in model.definitions.items():
        used: set[str] = set()
        for x in sp.preorder_traversal(defn.body):
            if isinstance(x, sp.Indexed | sp.Symbol):
                other = model.tensor_name(x)
                if other is not None:
                    used.add(other)
                    used |= deps.get(other, set())
        deps[name] = used
    return deps
