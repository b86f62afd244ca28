"""The catalogue of rewrite rules: every identity symbn applies, as a value.

A `Rule` states its identity (LaTeX, for the step-by-step documents), says why applying it
makes progress, names the kind of place it applies at (`site`), and holds the function that
applies it there. Each engine registers its rules here, one line each, as autograd registers its
derivatives: `symbn.calculus.derivative` the "derivative" rules, `symbn.canonical.monomials`
and `symbn.canonical.sums` the rules of the canonical form ("product", "monomial", "sum",
"sum term", "sum atom"), with `symbn.canonical.identities` those of the elementary
functions ("function", "monomial"), `symbn.canonical.byexp` the functions against their
definitions ("exp form", and "algebra", which the rational check of
`symbn.canonical.algebra` applies to its atoms), `symbn.canonical.fold` the "fold" and
"present" rules, with `symbn.canonical.quotient` the fold of a softmax. An engine walks an
expression and, at each place, tries the rules of that site in catalogue order, looked up
when it runs: replacing an entry of `CATALOGUE` changes what every engine does, which is
how the tests break a rule on purpose.

An application function returns the rewritten expression, or None when the rule does not
apply there; it takes the engine as its first argument for what it needs of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One identity: its `name`, its LaTeX `identity`, `why` it is applied, the `site` it
    applies at, and `apply`, the function that applies it."""

    name: str
    identity: str
    why: str
    site: str
    apply: Callable


#: Every rule, by name, in the order the engines registered them (calculus, canon, fold).
CATALOGUE: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add `rule` to the catalogue (a name is registered once)."""
    if rule.name in CATALOGUE:
        raise ValueError(f"rule {rule.name!r} is registered twice")
    CATALOGUE[rule.name] = rule
    return rule


def at(site: str) -> tuple[Rule, ...]:
    """The rules of one site, in catalogue order, as the catalogue holds them now."""
    return tuple(r for r in CATALOGUE.values() if r.site == site)


def named(name: str) -> Rule:
    """The rule of this name as the catalogue holds it now."""
    return CATALOGUE[name]
