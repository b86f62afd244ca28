"""Matrix-level expressions: a small tree that the LaTeX and text printers spell and that a
test evaluates with NumPy, so that what is printed is what was checked.

Every node is a matrix with a `shape` (rows, columns); a size is a size symbol or 1. A
tensor with one index is a column vector (n x 1), as most papers write one (a bias spread over
the rows is 1 b^T in XW + 1 b^T, a dot product u^T v); a scalar is 1 x 1.
Elementwise operations (Hadamard, quotient, powers, functions) take operands of one shape;
the raising (`matrix.raised`) makes them conform with ones vectors, so nothing here
broadcasts implicitly.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import sympy as sp

from symbn.errors import InternalError

Shape = tuple[sp.Expr, sp.Expr]
ONE = sp.S.One


class Node:
    """A matrix-valued expression."""

    @property
    def shape(self) -> Shape:
        raise NotImplementedError

    @property
    def scalar(self) -> bool:
        return self.shape == (ONE, ONE)


@dataclass(frozen=True)
class Leaf(Node):
    """A declared tensor (an input or a definition), whole: X, b, h_1."""

    name: str
    dims: Shape

    @property
    def shape(self) -> Shape:
        return self.dims


@dataclass(frozen=True)
class Scalar(Node):
    """A scalar without indices: a number, a size, a scalar input, sqrt(E)."""

    value: sp.Expr

    @property
    def shape(self) -> Shape:
        return (ONE, ONE)


@dataclass(frozen=True)
class Ones(Node):
    """The column of `size` ones, 1_N."""

    size: sp.Expr

    @property
    def shape(self) -> Shape:
        return (self.size, ONE)


@dataclass(frozen=True)
class Eye(Node):
    """The identity matrix I_N."""

    size: sp.Expr

    @property
    def shape(self) -> Shape:
        return (self.size, self.size)


@dataclass(frozen=True)
class Tril(Node):
    """The lower-triangular matrix of ones M_N, (M_N)_ij = [j <= i]: a causal mask."""

    size: sp.Expr

    @property
    def shape(self) -> Shape:
        return (self.size, self.size)


@dataclass(frozen=True)
class Transpose(Node):
    arg: Node

    @property
    def shape(self) -> Shape:
        rows, cols = self.arg.shape
        return (cols, rows)


@dataclass(frozen=True)
class MatMul(Node):
    """The matrix product a b (a's columns are b's rows)."""

    a: Node
    b: Node

    @property
    def shape(self) -> Shape:
        return (self.a.shape[0], self.b.shape[1])


@dataclass(frozen=True)
class Scale(Node):
    """A scalar (1 x 1) times a matrix: c A."""

    factor: Node
    arg: Node

    @property
    def shape(self) -> Shape:
        return self.arg.shape


@dataclass(frozen=True)
class Plus(Node):
    """The sum of terms of one shape."""

    terms: tuple[Node, ...]

    @property
    def shape(self) -> Shape:
        return self.terms[0].shape


@dataclass(frozen=True)
class Hadamard(Node):
    """The elementwise product of factors of one shape, A ⊙ B."""

    factors: tuple[Node, ...]

    @property
    def shape(self) -> Shape:
        return self.factors[0].shape


@dataclass(frozen=True)
class Quotient(Node):
    """The elementwise quotient A ⊘ B of one shape, or A / c for a scalar c."""

    num: Node
    den: Node

    @property
    def shape(self) -> Shape:
        return self.num.shape


@dataclass(frozen=True)
class Power(Node):
    """Each element to the power `exp` (a rational number)."""

    base: Node
    exp: sp.Rational

    @property
    def shape(self) -> Shape:
        return self.base.shape


@dataclass(frozen=True)
class Apply(Node):
    """A function of the language's table applied to each element (of args of one shape)."""

    function: str
    args: tuple[Node, ...]

    @property
    def shape(self) -> Shape:
        return self.args[0].shape


@dataclass(frozen=True)
class Grad(Node):
    """The gradient of the loss by a tensor, of its shape: the layer's upstream gradient
    pulled back to `wrt` (or the derivative of the scalar definition `of`)."""

    of: str | None  # None: the loss of the derivation's [layer]
    wrt: str
    dims: Shape

    @property
    def shape(self) -> Shape:
        return self.dims


def children(n: Node) -> tuple[Node, ...]:
    """The operands of `n`, in order."""
    match n:
        case Transpose(a) | Power(a, _):
            return (a,)
        case MatMul(a, b) | Quotient(a, b) | Scale(a, b):
            return (a, b)
        case Plus(xs) | Hadamard(xs) | Apply(_, xs):
            return tuple(xs)
    return ()


def walk(n: Node) -> Iterator[Node]:
    """`n` and every node below it, parents first."""
    yield n
    for c in children(n):
        yield from walk(c)


def leaves(n: Node) -> set[str]:
    """The tensor names `n` uses."""
    own = {n.name} if isinstance(n, Leaf) else set()
    return own.union(*(leaves(c) for c in children(n)))


# -- constructors that keep the tree tidy (each an identity) -----------------------------------
def transpose(n: Node, really: bool = True) -> Node:
    """n^T, taken through products and sums down to the leaves: (AB)^T = B^T A^T,
    (A + B)^T = A^T + B^T (an elementwise operation keeps it outside: (A ⊙ B)^T)."""
    if not really or n.scalar or isinstance(n, Eye):
        return n
    match n:
        case Transpose(a):
            return a
        case MatMul(a, b):
            return MatMul(transpose(b), transpose(a))
        case Scale(c, a):
            return Scale(c, transpose(a))
        case Plus(xs):
            return plus([transpose(x) for x in xs])
    return Transpose(n)


def matmul(a: Node, b: Node) -> Node:
    if a.shape[1] != b.shape[0]:
        raise InternalError(f"a product of {a.shape} and {b.shape}, which do not conform")
    if isinstance(a, Eye):
        return b
    if isinstance(b, Eye):
        return a
    if isinstance(a, Scale) and isinstance(a.factor, Scalar):  # c A B: the number in front
        return scale(a.factor, matmul(a.arg, b))
    if isinstance(b, Scale) and isinstance(b.factor, Scalar):
        return scale(b.factor, matmul(a, b.arg))
    return MatMul(a, b)


def scale(c: Node, n: Node) -> Node:
    """c n for a scalar c: numbers multiplied out, 1 n as n, c 1 as c."""
    if isinstance(c, Scalar) and c.value == 1:
        return n
    if isinstance(n, Scalar) and n.value == 1:
        return c
    if isinstance(c, Scalar) and isinstance(n, Scale) and isinstance(n.factor, Scalar):
        return scale(Scalar(c.value * n.factor.value), n.arg)
    if isinstance(c, Scalar) and isinstance(n, Scalar):
        return Scalar(c.value * n.value)
    return Scale(c, n)


def hadamard(nodes: Sequence[Node]) -> Node:
    """The elementwise product of nodes of one shape, constant factors pulled in front."""
    coeff: sp.Expr = ONE
    factors: list[Node] = []
    for n in nodes:
        for f in n.factors if isinstance(n, Hadamard) else (n,):
            if isinstance(f, Scale) and isinstance(f.factor, Scalar):
                coeff *= f.factor.value
                factors.append(f.arg)
            else:
                factors.append(f)
    core = factors[0] if len(factors) == 1 else Hadamard(tuple(factors))
    return scale(Scalar(coeff), core)


def plus(nodes: Sequence[Node]) -> Node:
    """The sum of nodes of one shape, the terms without a minus sign first."""
    terms = [t for n in nodes for t in (n.terms if isinstance(n, Plus) else (n,))]
    terms.sort(key=lambda t: (negated(t), spread(t)))
    return terms[0] if len(terms) == 1 else Plus(tuple(terms))


def spread(n: Node) -> bool:
    """`n` is a vector or scalar spread along an axis by a ones vector."""
    if isinstance(n, Scale):
        return spread(n.arg)
    return isinstance(n, MatMul) and (isinstance(n.a, Ones) or isinstance(n.b, Transpose))


def negated(n: Node) -> bool:
    return (
        isinstance(n, Scale)
        and isinstance(n.factor, Scalar)
        and n.factor.value.could_extract_minus_sign()
    )
