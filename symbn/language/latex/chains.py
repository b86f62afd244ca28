"""The chain rule written as a product of derivatives: `\\frac{\\partial l}{\\partial h}
\\frac{\\partial h}{\\partial a}`, a gradient (of a scalar by a vector) times the derivative
of that vector by something else, each link's variable the next one's function.

Written so, the product means the chain rule whatever the layout of its Jacobians, the
gradient a row or a column: the sum over the entries of each vector it passes through,

    Σ_p Σ_q ∂l/∂h_p · ∂h_p/∂a_q · ∂a_q/∂W    (one of W's shape),

which is what `chained` puts in the product's place, so that the line is checked with each
derivative taken as it is written. A link from one step of a sequence to a tensor written
whole, `\\frac{\\partial a_t}{\\partial W}`, is not read (`step_to_whole` says why): a
backpropagation through time often means its direct part (the other steps held), and the
total differs.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from symbn.language.latex.shapes import MATMUL_OPS, shape_of
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.tree import Diff, Letter, Mul, Node, Ref, Sum, rebuild, walk
from symbn.source.positions import TexError

Pair = tuple[Node, Node, str]


def chained_pairs(pairs: Sequence[Pair], symbols: Symbols) -> list[Pair]:
    """`pairs` with each chain of derivatives in their sides read as the chain rule."""
    used = {
        n.name for a, b, _ in pairs for side in (a, b) for n in walk(side) if isinstance(n, Letter)
    }
    return [(_read(a, symbols, used), _read(b, symbols, used), rel) for a, b, rel in pairs]


def _read(side: Node, symbols: Symbols, used: set[str]) -> Node:
    """The side with its chains read, or as written when one cannot be."""
    try:
        return chained(side, symbols, used)
    except TexError:
        return side


def chained(node: Node, symbols: Symbols, used: set[str]) -> Node:
    """`node` with each run of factors ∂f/∂u · ∂u/∂v · … (f a scalar, u a vector) read as
    the sum of the chain rule over fresh index letters, none of them in `used` (which takes
    the letters chosen)."""
    node = rebuild(node, lambda c: chained(c, symbols, used))
    if not isinstance(node, Mul):
        return node
    factors: list[Node] = []
    ops: list[str] = []
    run: list[Diff] = []  # the chain being read, its last link's variable still open
    for n, factor in enumerate(node.factors):
        op = node.ops[n - 1] if n else ""
        if run and op in MATMUL_OPS and _links(run[-1], factor, symbols):
            assert isinstance(factor, Diff)
            run.append(factor)
            continue
        if len(run) > 1:
            factors[-1] = _contracted(run, symbols, used)
        run = [factor] if isinstance(factor, Diff) and _gradient(factor, symbols) else []
        factors.append(factor)
        ops.extend([op] if n else [])
    if len(run) > 1:
        factors[-1] = _contracted(run, symbols, used)
    if len(factors) == 1:
        return factors[0]
    return Mul(tuple(factors), tuple(ops), span=node.span)


def _gradient(d: Diff, symbols: Symbols) -> bool:
    """Whether `d` is a scalar's derivative by a vector written whole or at a step."""
    try:
        return not shape_of(d.expr, symbols) and _vector(d.wrt, symbols)
    except TexError:
        return False


def _vector(node: Node, symbols: Symbols) -> bool:
    try:
        return isinstance(node, Ref) and node.kind == "tensor" and len(shape_of(node, symbols)) == 1
    except TexError:
        return False


def _links(last: Diff, factor: Node, symbols: Symbols) -> bool:
    """Whether `factor` is the derivative of the variable of `last` (a vector) by a tensor,
    and not one from a step to a tensor written whole (`step_to_whole`)."""
    if not isinstance(factor, Diff) or factor.expr != last.wrt or not _vector(last.wrt, symbols):
        return False
    by = factor.wrt
    return isinstance(by, Ref) and by.kind == "tensor" and not step_to_whole(factor)


def step_to_whole(d: Node) -> str | None:
    """Why a derivative of one step of a sequence by a tensor written whole (∂a_t/∂W) is
    not read as a link of a chain, or None for any other node."""
    if not isinstance(d, Diff) or not isinstance(d.expr, Ref) or not isinstance(d.wrt, Ref):
        return None
    if not d.expr.indices or d.wrt.indices:
        return None
    return (
        f"the derivative of one step of {d.expr.name} by all of {d.wrt.name} may be meant as "
        "its direct part (the other steps held) or as the total; a chain rule through it is "
        "not read"
    )


def _contracted(run: list[Diff], symbols: Symbols, used: set[str]) -> Node:
    """∂f/∂u · ∂u/∂v · … · ∂w/∂x as Σ over an entry of each of u, v, …, w."""
    letters: list[str] = []
    links: list[Node] = []
    of = run[0].expr
    for before, d in itertools.pairwise(run):
        u = d.expr
        assert isinstance(u, Ref)
        (size,) = shape_of(u, symbols)
        p = next((x for x in symbols.over(size) if x not in used), None)
        if p is None:
            raise TexError(
                f"no index letter over {size} is free to read this chain rule; declare one",
                d.span,
            )
        used.add(p)
        letters.append(p)
        at = Ref(u.name, u.kind, (*u.indices, Letter(p, span=u.span)), span=u.span)
        links.append(Diff(of, at, before.style, span=before.span))
        of = at
    last = run[-1]
    links.append(Diff(of, last.wrt, last.style, span=last.span))
    span = run[0].span.cover(last.span)
    body = Mul(tuple(links), ("",) * (len(links) - 1), span=span)
    return Sum(body, tuple(letters), span=span)
