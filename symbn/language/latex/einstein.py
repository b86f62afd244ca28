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

from itertools import pairwise

from symbn.language.latex.symbols import Symbols
from symbn.language.latex.tree import (
    Add,
    Diff,
    Div,
    Mul,
    Neg,
    Node,
    Ref,
    Sum,
    free_indices,
    rebuild,
)


def summed(
    symbols: Symbols, sides: tuple[Node, ...], first: Node | None = None
) -> tuple[Node, ...]:
    """`einstein(sides, first)` when the context reads Einstein summation, else `sides`
    with the sum of a chain rule by a scalar left unsaid read (`unsaid_chain_sums`)."""
    if symbols.notation.get("sums") == "einstein":
        return einstein(sides, first)
    return unsaid_chain_sums(symbols, sides, first)


def unsaid_chain_sums(
    symbols: Symbols, sides: tuple[Node, ...], first: Node | None = None
) -> tuple[Node, ...]:
    """`\\frac{\\partial f}{\\partial \\gamma} = \\frac{\\partial f}{\\partial y_i}
    \\frac{\\partial y_i}{\\partial \\gamma}`: a derivative by a scalar or by one element
    (`\\partial f / \\partial W_{ij}`), set equal to a chain of derivatives whose links share
    an index the left side does not have. As written the line cannot be read (i is free on
    one side only); the chain rule's sum over i, which its author leaves unsaid, is the only
    reading it has, and each such chain (a term of a sum of them) is summed over its shared
    indices but those free on the left side. Any other side stays as written."""
    lead = first if first is not None else (sides[0] if sides else None)
    if first is None and len(sides) > 1 and not isinstance(lead, Diff):
        return _chain_first(sides)
    if not isinstance(lead, Diff) or not isinstance(lead.wrt, Ref):
        return sides
    if len(lead.wrt.indices) < len(symbols.shape(lead.wrt.name)):
        return sides  # ∂f/∂x written whole, by a vector: its element is meant, not a sum
    keep = frozenset(free_indices(lead))  # ∂f/∂W_{ij}: i and j are the element's, not summed
    return tuple(
        s
        if s is lead or not set(free_indices(s)) - keep or not _chains(s, keep)
        else _summed(s, keep)
        for s in sides
    )


def _chain_first(sides: tuple[Node, ...]) -> tuple[Node, ...]:
    """`\\frac{\\partial L}{\\partial z_k} \\frac{\\partial z_k}{\\partial W_{ij}} =
    \\frac{\\partial L}{\\partial z_i} x_j`: a row that starts with a chain whose links share
    an index no other side has. Read with k free, it would claim the chain for each k; the
    chain rule's sum over k is what its author means, as after a derivative."""
    chain, rest = sides[0], sides[1:]
    keep = frozenset(i for s in rest for i in free_indices(s))
    if not set(free_indices(chain)) - keep or not _chains(chain, keep):
        return sides
    return (_summed(chain, keep), *rest)


def _chains(node: Node, keep: frozenset[str]) -> bool:
    """Whether `node` is a chain of two or more derivatives, each by what the next one
    differentiates (`diff(f, y[i]) diff(y[i], γ)`), or a sum of such chains and terms with
    no free index but those of `keep`."""
    if isinstance(node, Add):
        return all(_chains(t, keep) or not set(free_indices(t)) - keep for _, t in node.terms)
    if not isinstance(node, Mul) or len(node.factors) < 2:
        return False
    links = node.factors
    if not all(isinstance(f, Diff) and isinstance(f.wrt, Ref) for f in links):
        return False
    return all(
        isinstance(b, Diff) and isinstance(a, Diff) and _name(a.wrt) == _name(b.expr)
        for a, b in pairwise(links)
    )


def _name(node: Node) -> str | None:
    return node.name if isinstance(node, Ref) else None


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
