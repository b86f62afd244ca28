"""The syntax tree of an equation line, every node with its span in the display's text.

Nodes are frozen dataclasses compared without their spans, so two readings of the same
maths written in different places are equal (the ellipsis reader anti-unifies terms by
this equality). Operations on trees live here as functions, not methods: walking,
rebuilding, the free indices of a node, substituting index values.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from symbn.source.positions import Span

_NOWHERE = Span(0, 0)


@dataclass(frozen=True)
class Node:
    """Base of all nodes; `span` is where the node is written (ignored by ==)."""

    span: Span = field(default=_NOWHERE, compare=False, kw_only=True)


# Indices: what stands in a subscript.
@dataclass(frozen=True)
class Letter(Node):
    """A declared index letter, `k` in h_{kl}."""

    name: str


@dataclass(frozen=True)
class Number(Node):
    """A concrete 1-based index, `1` in h_{1,1}."""

    value: int


@dataclass(frozen=True)
class Last(Node):
    """A size used as an index, the last position: `N` in h_{N,1}."""

    size: str


@dataclass(frozen=True)
class Moved(Node):
    """A moved position: indices and sizes with integer coefficients, and a constant, as
    `i+k-1` in x_{i+k-1} or `t-1` in h_{t-1} (an element off its axis is zero)."""

    parts: tuple[Letter | Number | Last, ...]
    coefficients: tuple[int, ...]
    constant: int


@dataclass(frozen=True)
class LabelAt(Node):
    """An element of an integer label used as an index: `y_n` in P_{n,y_n} (a context's
    input declared with `range`)."""

    name: str
    indices: tuple[Letter | Number | Last | Moved, ...]


Index = Letter | Number | Last | Moved | LabelAt


# Expressions.
@dataclass(frozen=True)
class Num(Node):
    """A number as written: `2`, `0.5`."""

    text: str


@dataclass(frozen=True)
class Ref(Node):
    """A size, tensor or the loss (`kind`), with its subscript indices (none at matrix
    level: `h` for the whole N×L matrix)."""

    name: str
    kind: str
    indices: tuple[Index, ...] = ()


@dataclass(frozen=True)
class Neg(Node):
    arg: Node


@dataclass(frozen=True)
class Add(Node):
    """A sum of terms, each with its sign (+1 or -1), in the written order."""

    terms: tuple[tuple[int, Node], ...]


@dataclass(frozen=True)
class Mul(Node):
    """A product; `ops[n]` is the operator written between factors n and n+1: `""`
    (juxtaposition), `\\cdot`, `\\times`, `*` or `\\odot` (elementwise at matrix level)."""

    factors: tuple[Node, ...]
    ops: tuple[str, ...]


@dataclass(frozen=True)
class Div(Node):
    num: Node
    den: Node


@dataclass(frozen=True)
class Pow(Node):
    base: Node
    exp: Node


@dataclass(frozen=True)
class Call(Node):
    """A function of the expression language applied to one argument: sqrt, exp, …"""

    func: str
    arg: Node


@dataclass(frozen=True)
class Element(Node):
    """An expression in brackets at indices, `(\\frac{\\partial L}{\\partial Z})_i` or
    `(\\nabla_Z L)_{ij}`: its element (or row) at its leading axes."""

    expr: Node
    indices: tuple[Index, ...]


@dataclass(frozen=True)
class Rel(Node):
    """A relation between two indices, `[m \\le n]`: 1 where it holds, else 0; `op` is how
    the expression language writes it (`<=`, `<`, `>=`, `>`, `!=`, `==`)."""

    left: Index
    op: str
    right: Index


@dataclass(frozen=True)
class Sum(Node):
    """Σ over the full declared range of each index; `indices` is None for a bare `\\sum`
    whose index is not yet bound (see texmath.bind_sums)."""

    body: Node
    indices: tuple[str, ...] | None
    where: tuple[Rel, ...] = ()  # \sum_{m \le n}: the relations its terms satisfy


@dataclass(frozen=True)
class Diff(Node):
    """∂expr/∂wrt, `wrt` one element (or a whole tensor, which cannot be checked); `style`
    is how it was written: `partial`, `d`, or `mixed` (∂ over d); `wide`: written as an
    operator, `\\frac{\\partial}{\\partial x} f g`, and read on the product of two or more
    factors after it (its author may have meant the first factor only)."""

    expr: Node
    wrt: Node
    style: str
    wide: bool = False


@dataclass(frozen=True)
class Prime(Node):
    """`u'`: the derivative of `expr` with respect to the variable of the line's left side,
    which only the line's context can say."""

    expr: Node


@dataclass(frozen=True)
class Delta(Node):
    """The Kronecker delta Δ_ab."""

    a: Index
    b: Index


@dataclass(frozen=True)
class Differential(Node):
    """`dX`, where the context reads `d` as a differential: the first-order change of `of`
    (a Ref) when the variables of its line change (see differentials.py)."""

    of: Node


@dataclass(frozen=True)
class Frobenius(Node):
    """`A : B`: Σ A ⊙ B over every axis, of two sides of one shape (a scalar)."""

    a: Node
    b: Node


@dataclass(frozen=True)
class Transpose(Node):
    """`X^T`, `X^\\top`, `X'`: the transpose of a matrix-level expression (a vector is a
    column, its transpose a row)."""

    expr: Node


@dataclass(frozen=True)
class Ones(Node):
    """`\\mathbf{1}`, `\\mathbf{1}_N`, `1_N`: a column of ones, of the size written or
    else of the size that makes it conform (None)."""

    size: str | None = None


@dataclass(frozen=True)
class OnesAt(Node):
    """`\\mathbf{1}_h` with an index letter, in Einstein notation: 1 at every h, a factor
    that carries the index h so that `1_h x_{bh}` repeats it (and sums over it)."""

    index: Letter


@dataclass(frozen=True)
class Identity(Node):
    """`I`, `I_N`: the identity matrix, of the size written or the one that conforms."""

    size: str | None = None


@dataclass(frozen=True)
class Space(Node):
    """`\\mathbb{R}^{N \\times D}`: the real arrays of that shape (`dims` sizes, or "1")."""

    dims: tuple[str, ...]


@dataclass(frozen=True)
class Dots(Node):
    """`\\cdots`, `\\ldots`, `\\dots`, `\\vdots` or `\\ddots` standing for omitted terms or
    cells."""

    command: str


@dataclass(frozen=True)
class Series(Node):
    """A sum written with an ellipsis: signed terms, some of them `Dots`; `problem` says
    why it cannot be read (an operator missing around the dots), else None."""

    terms: tuple[tuple[int, Node], ...]
    problem: str | None = None


@dataclass(frozen=True)
class Condition(Node):
    """An index (in)equality of a `cases` row: `op` is `==` or `!=`."""

    left: Index
    op: str
    right: Index


@dataclass(frozen=True)
class CaseRow(Node):
    """One row of `cases`: its value where all its conditions hold (or `otherwise`); a
    condition on values (`x > 0`, `x \\le 0`) is in `positive`, as the difference that is
    positive where it holds."""

    value: Node
    conditions: tuple[Condition, ...]
    otherwise: bool = False
    positive: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Cases(Node):
    rows: tuple[CaseRow, ...]


@dataclass(frozen=True)
class Unread(Node):
    """A matrix cell that could not be read, and why: the other cells still are."""

    message: str


@dataclass(frozen=True)
class Matrix(Node):
    """A matrix environment (`pmatrix`, …): rows of cells, a cell a node or `Dots`."""

    env: str
    rows: tuple[tuple[Node, ...], ...]


def _map_value(value: object, fn: Callable[[Node], Node]) -> object:
    if isinstance(value, Node):
        return fn(value)
    if isinstance(value, tuple):
        return tuple(_map_value(v, fn) for v in value)
    return value


def _values(value: object) -> Iterator[Node]:
    if isinstance(value, Node):
        yield value
    elif isinstance(value, tuple):
        for v in value:
            yield from _values(v)


def children(node: Node) -> tuple[Node, ...]:
    """The direct subnodes of a node, in written order."""
    return tuple(
        n
        for f in dataclasses.fields(node)
        if f.name != "span"
        for n in _values(getattr(node, f.name))
    )


def rebuild(node: Node, fn: Callable[[Node], Node]) -> Node:
    """The node with `fn` applied to each direct subnode (spans kept)."""
    changes = {
        f.name: _map_value(getattr(node, f.name), fn)
        for f in dataclasses.fields(node)
        if f.name != "span"
    }
    return dataclasses.replace(node, **changes)


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, parents before children."""
    yield node
    for c in children(node):
        yield from walk(c)


def free_indices(node: Node) -> tuple[str, ...]:
    """The index letters free in a node (not bound by a sum), in order of first use."""
    out: list[str] = []

    def visit(n: Node, bound: frozenset[str]) -> None:
        if isinstance(n, Letter):
            if n.name not in bound and n.name not in out:
                out.append(n.name)
            return
        if isinstance(n, Sum) and n.indices:
            bound = bound | set(n.indices)
        for c in children(n):
            visit(c, bound)

    visit(node, frozenset())
    return tuple(out)


def substitute(node: Node, values: Mapping[str, Index]) -> Node:
    """The node with each free index letter in `values` replaced by its value."""

    def sub(n: Node, bound: frozenset[str]) -> Node:
        if isinstance(n, Letter):
            return values[n.name] if n.name in values and n.name not in bound else n
        if isinstance(n, Sum) and n.indices:
            bound = bound | set(n.indices)
        return rebuild(n, lambda c: sub(c, bound))

    return sub(node, frozenset())
