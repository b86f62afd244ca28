"""Elementwise differentiation of index expressions, by the "derivative" rules of the
catalogue (`symbn.language.rules`), one registration each.

Each rule takes the engine, the node and `d`, the derivative of a child, so the same rules
serve the one-shot derivative used by the verifier and the staged one that records a
derivation step by step (`d` then leaves the children's derivatives unevaluated).

An element of a definition, such as mu[l], is differentiated through its body (the chain
rule), unless it is the variable itself: then it is held as an independent variable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from symbn.errors import InternalError
from symbn.language import functions, indices, relations, rules
from symbn.language.model import Model, tensors_in
from symbn.language.rules import Rule, register

D = Callable[[sp.Expr], sp.Expr]


class ThroughRecurrenceError(Exception):
    """diff() through a recurrence (a definition that refers to itself at earlier steps), or
    with respect to one of its elements: the chain rule would unfold it step after step
    without end, so the verifier proves such a claim by induction over the steps."""


def _recurrent(c: Calculus, name: str | None) -> bool:
    defn = c.model.definitions.get(name) if name is not None else None
    return defn is not None and defn.recurrence is not None


def _constant(c: Calculus, e: sp.Expr, _d: D) -> sp.Expr | None:
    return None if c.depends(e) else sp.S.Zero


def _element(c: Calculus, e: sp.Expr, _d: D) -> sp.Expr | None:
    """dh[k,l]/dh[i,j] = Delta(i,k) Delta(j,l), and the variable's own derivative 1."""
    wrt = c.wrt
    if e == wrt:
        return sp.S.One
    if isinstance(e, sp.Indexed) and isinstance(wrt, sp.Indexed) and e.base == wrt.base:
        if _recurrent(c, c.target) and not _same_step(c, e, wrt):  # h[t + 1] moves with h[t]
            raise ThroughRecurrenceError(f"{e} depends on {wrt} through the recurrence")
        return sp.Mul(
            *[sp.KroneckerDelta(a, b) for a, b in zip(wrt.indices, e.indices, strict=True)]
        )
    return None


def _same_step(c: Calculus, e: sp.Indexed, wrt: sp.Indexed) -> bool:
    """Whether two elements of a recurrence are at one step (the same entry on its time
    axis): each reads the other steps of its own tensor only before it, so the one is a
    delta of the other, as any two elements of an input are."""
    rec = c.model.definitions[c.target].recurrence
    assert rec is not None
    return e.indices[rec.axis] == wrt.indices[rec.axis]


def _definition(c: Calculus, e: sp.Expr, d: D) -> sp.Expr | None:
    """An element of a definition is differentiated through its body."""
    if isinstance(e, sp.Indexed | sp.Symbol) and c.model.tensor_name(e) in c.model.definitions:
        if _recurrent(c, c.model.tensor_name(e)):
            raise ThroughRecurrenceError(f"{e} is a step of a recurrence")
        return d(c.instantiate(e))
    return None


def _add(_c: Calculus, e: sp.Expr, d: D) -> sp.Expr | None:
    return sp.Add(*[d(a) for a in e.args]) if isinstance(e, sp.Add) else None


def _constant_factor(c: Calculus, e: sp.Expr, d: D) -> sp.Expr | None:
    if not isinstance(e, sp.Mul):
        return None
    varying = [a for a in e.args if c.depends(a)]
    if len(varying) != 1:
        return None
    return sp.Mul(*[d(a) if a is varying[0] else a for a in e.args])


def _mul(_c: Calculus, e: sp.Expr, d: D) -> sp.Expr | None:
    if not isinstance(e, sp.Mul):
        return None
    args = e.args
    return sp.Add(*[sp.Mul(*args[:n], d(a), *args[n + 1 :]) for n, a in enumerate(args)])


def _pow(c: Calculus, e: sp.Expr, d: D) -> sp.Expr | None:
    """d(b**g) = g b**(g - 1) db + b**g log(b) dg; the second term only for an exponent
    that depends on the variable (a scalar input or definition), since log(b) is undefined
    where b <= 0, as b**g is for a g that is not an integer."""
    if not isinstance(e, sp.Pow):
        return None
    base, n = e.args
    out = n * base ** (n - 1) * d(base)
    if not n.is_Number and c.depends(n):
        out += e * sp.log(base) * d(n)
    return out


def _sum(c: Calculus, e: sp.Expr, d: D) -> sp.Expr | None:
    if not isinstance(e, sp.Sum):
        return None
    e = c.free_bound(e)  # p renamed first if the variable mentions it
    return sp.Sum(d(e.function), *e.limits)


def _function(_c: Calculus, e: sp.Expr, d: D) -> sp.Expr | None:
    entry = functions.of(e)
    if entry is None or entry.derivative is None:
        return None
    return sp.Add(*[slope * d(a) for slope, a in zip(entry.partials(e.args), e.args, strict=True)])


#: The derivative rules, in the order the engine tries them.
CONSTANT = register(
    Rule(
        "constant",
        r"\partial c = 0",
        "what does not depend on the variable drops out",
        "derivative",
        _constant,
    )
)
ELEMENT = register(
    Rule(
        "derivative of an element",
        r"\frac{\partial h_{k,l}}{\partial h_{i,j}} = \Delta_{i,k} \Delta_{j,l}",
        "an element of the variable's own tensor is one of the variables or independent of it",
        "derivative",
        _element,
    )
)
DEFINITION = register(
    Rule(
        "definition",
        r"\partial D_{a} = \partial (\text{the body of } D \text{ at } a)",
        "a definition depends on the variable through its body (the chain rule)",
        "derivative",
        _definition,
    )
)
SUM_RULE = register(
    Rule(
        "sum rule",
        r"\partial (f + g) = \partial f + \partial g",
        "the derivative of a sum is the sum of the derivatives",
        "derivative",
        _add,
    )
)
CONSTANT_FACTOR = register(
    Rule(
        "constant factor",
        r"\partial (c f) = c\, \partial f",
        "only one factor depends on the variable",
        "derivative",
        _constant_factor,
    )
)
PRODUCT_RULE = register(
    Rule(
        "product rule",
        r"\partial (f g) = (\partial f)\, g + f\, \partial g",
        "each factor is differentiated in turn",
        "derivative",
        _mul,
    )
)
POWER_RULE = register(
    Rule(
        "power rule",
        r"\partial f^g = g f^{g-1}\, \partial f + f^g \log f\, \partial g",
        "an exponent is a number or a scalar; its term drops out when it is constant",
        "derivative",
        _pow,
    )
)
SUM_DERIVATIVE = register(
    Rule(
        "derivative of a sum",
        r"\partial \sum_p f_p = \sum_p \partial f_p",
        "a sum over an index's range is a finite sum",
        "derivative",
        _sum,
    )
)
CHAIN_RULE = register(
    Rule(
        "chain rule",
        r"\partial F(g) = F'(g)\, \partial g",
        "a function of one argument, differentiated through its argument",
        "derivative",
        _function,
    )
)


def rule_for(c: Calculus, e: sp.Expr, d: D) -> tuple[Rule, sp.Expr]:
    """The first derivative rule that applies to `e`, and what it makes of it."""
    for rule in rules.at("derivative"):
        out = rule.apply(c, e, d)
        if out is not None:
            return rule, out
    raise InternalError(f"no derivative rule for {type(e).__name__}")


class Calculus:
    """Differentiation with respect to one element `wrt` within one model."""

    def __init__(self, model: Model, wrt: sp.Expr):
        self.model = model
        self.wrt = wrt
        self.target = model.tensor_name(wrt)
        # staged partials: the other definitions are held fixed, so nothing depends on the
        # variable through them
        self._deps = model.dependencies if model.partials != "staged" else {}

    def depends(self, e: sp.Expr) -> bool:
        """Whether `e` can change with the variable (through definitions, transitively;
        directly only, for staged partials)."""
        return any(
            name == self.target or self.target in self._deps.get(name, ())
            for name in tensors_in(e, self.model.bases)
        )

    def derivative(self, e: sp.Expr) -> sp.Expr:
        """The whole derivative of `e`, nested diff() included."""
        if isinstance(e, sp.Derivative):
            return self.derivative(evaluate(e, self.model))
        return rule_for(self, e, self.derivative)[1]

    def one_rule(self, e: sp.Expr) -> tuple[Rule, sp.Expr]:
        """One rule applied at the top of `e`, children left as unevaluated derivatives."""

        def later(child: sp.Expr) -> sp.Expr:
            if not self.depends(child):
                return sp.S.Zero
            if child == self.wrt:
                return sp.S.One
            return sp.Derivative(child, self.wrt, evaluate=False)

        return rule_for(self, e, later)

    def instantiate(self, e: sp.Expr) -> sp.Expr:
        """The body of the definition behind element `e`, at e's indices, captures avoided."""
        return instantiate(self.model, e, avoid=indices.atoms(self.wrt))

    def free_bound(self, e: sp.Sum) -> sp.Sum:
        """Rename the bound indices of `e` that the variable also uses."""
        avoid = indices.atoms(self.wrt)
        return indices.rename_limits(e, lambda p: p in avoid, avoid, self.model.letters)


def evaluate(e: sp.Expr, model: Model) -> sp.Expr:
    """Replace every diff() in `e` by its derivative, innermost first."""
    if not e.has(sp.Derivative):
        return e
    if isinstance(e, sp.Derivative):
        if model.partials == "staged" and not model.staged(e.expr):  # the loss's: total
            model = replace(model, partials="total")
        inner = staged_subject(evaluate(e.expr, model), e.variable_count[0][0], model)
        for v, count in e.variable_count:
            for _ in range(count):
                inner = Calculus(model, v).derivative(inner)
        return inner
    return e.func(*[evaluate(a, model) for a in e.args])


def staged_subject(e: sp.Expr, wrt: sp.Expr, model: Model) -> sp.Expr:
    """What a staged partial ∂A/∂B differentiates: A's own expression when A is an element
    of a definition other than B's tensor (its definitions held fixed), else `e`."""
    name = model.tensor_name(e)
    if model.partials != "staged" or name not in model.definitions:
        return e
    return e if name == model.tensor_name(wrt) else instantiate(model, e, indices.atoms(wrt))


def instantiate(model: Model, e: sp.Expr, avoid: frozenset | set = frozenset()) -> sp.Expr:
    """Body of definition element `e` = D[a, b] at indices (a, b), bound indices renamed so
    that none of them captures an index of `avoid` or of (a, b)."""
    defn = model.definitions[model.tensor_name(e)]
    actual = tuple(e.indices) if isinstance(e, sp.Indexed) else ()
    taken = set(avoid) | {s for a in actual for s in indices.atoms(a)}
    body = indices.rename_bound(defn.body, taken, model.letters)
    out = body.xreplace(dict(zip(defn.index, actual, strict=True)))
    for at, letter in zip(actual, defn.index, strict=True):  # D[t - 1] is 0 where t = 1
        if relations.position(at):
            out *= relations.in_range(at, letter.size)
    return out
