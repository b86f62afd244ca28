"""Einstein summation, when the context opts in (`[notation] sums = "einstein"`): an index
letter that stands in two or more factors of one product, and is not free on the row's left
side, is summed over that product.

`m_b = \\frac{1}{H} \\mathbf{1}_h x_{bh}` is m_b = (1/H) sum_h x_bh, and
`\\frac{\\partial l}{\\partial \\gamma_q} = \\frac{\\partial l}{\\partial y_{bh}}
\\frac{\\partial y_{bh}}{\\partial \\gamma_q}` sums over b and h but not q, free on the left.
A factor counts once whatever it holds inside (`(x_{bh} - m_b)^2` is one factor using b and
h), a fraction's numerator and denominator are factors of the product they stand in, and a
sum written out binds its own index as it always does. The sum is placed around the
smallest product that holds every use of the index: `\\partial/\\partial x (1_h x_{bh})`
sums inside the derivative, `(\\partial l/\\partial y_{bh}) (\\mu_{bh} \\delta_{bp})` around both.
"""

from __future__ import annotations

from symbn.language.latex.symbols import Symbols
from symbn.language.latex.tree import (
    Div,
    Mul,
    Neg,
    Node,
    Sum,
    free_indices,
    rebuild,
)


def summed(
    symbols: Symbols, sides: tuple[Node, ...], first: Node | None = None
) -> tuple[Node, ...]:
    """`einstein(sides, first)` when the context reads Einstein summation, else `sides`."""
    return einstein(sides, first) if symbols.notation.get("sums") == "einstein" else sides


def einstein(sides: tuple[Node, ...], first: Node | None = None) -> tuple[Node, ...]:
    """The sides of a row with the repeated indices of each product summed; an index free on
    the chain's first left side (`first`, or else the row's own first side) is never summed
    on the others."""
    if not sides:
        return sides
    if first is None:
        first, sides = _summed(sides[0], frozenset()), sides[1:]
        keep = frozenset(free_indices(first))
        return (first, *(_summed(s, keep) for s in sides))
    keep = frozenset(free_indices(first))
    return tuple(_summed(s, keep) for s in sides)


def _factors(node: Node) -> list[Node]:
    """The factors of a product, fractions and signs opened up."""
    if isinstance(node, Mul):
        return [f for x in node.factors for f in _factors(x)]
    if isinstance(node, Div):
        return [*_factors(node.num), *_factors(node.den)]
    if isinstance(node, Neg):
        return _factors(node.arg)
    return [node]


def _summed(node: Node, keep: frozenset[str]) -> Node:
    """`node` with each product summed over the indices that two or more of its factors
    use: the smallest product that holds every use of the index (what it sums is bound
    within it, and a product inside sums only its own repeats)."""
    if isinstance(node, Sum) and node.indices:  # a sum written out binds its own indices
        bound = keep | set(node.indices)
        return rebuild(node, lambda c: _summed(c, bound))
    if not isinstance(node, Mul | Div | Neg):
        return rebuild(node, lambda c: _summed(c, keep))
    counts: dict[str, int] = {}
    for f in _factors(node):
        for i in free_indices(f):
            counts[i] = counts.get(i, 0) + 1
    repeated = tuple(i for i, n in counts.items() if n > 1 and i not in keep)
    inside = keep | set(repeated)
    body = rebuild(node, lambda c: _summed(c, inside))
    return Sum(body, repeated, span=node.span) if repeated else body
