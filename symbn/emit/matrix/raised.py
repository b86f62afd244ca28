"""Index expressions raised to matrix form, where that form is exact.

`matrix_form(e, axes, model)` is the matrix-level expression (`matrix.tree`) whose element at
`axes` (the result's free indices, rows then columns: (), (i,), (i, j)) is `e`, or None when
symbn knows no such form. The rules, each exact:

    sum(X[n, d] * G[n, c], n)  at (d, c)  ->  X^T G          (a sum over a shared index)
    sum(G[n, c], n)            at (c,)    ->  G^T 1_N        (column sums; row sums G 1)
    sum(v[n] * G[n, c], n)     at (c,)    ->  G^T v;  sum(u[n] * v[n], n)  ->  u^T v
    sum(A[i, m] * B[i, m], m)  at (i,)    ->  (A ⊙ B) 1      (elementwise, then summed)
    Delta(i, j)                at (i, j)  ->  I_N
    If(j <= i), If(j < i)      at (i, j)  ->  M_N, M_N - I_N  (the causal mask)
    A[i, j] * B[i, j]                     ->  A ⊙ B;  A[i, j] / B[i, j]  ->  A ⊘ B
    X[i, j] + b[j]                        ->  X + 1_N b^T   (a vector is a column: n x 1)
    tanh(H[i, j]), H[i, j]**2             ->  tanh(H), H^{⊙2}  (elementwise)
    diff(L, W[d, c])           at (d, c)  ->  ∂L/∂W         (L a scalar definition)
    sum(dY[k, n] * diff(Y[k, n], W[d, c]), k, n) -> ∂ℒ/∂W   (the [layer]'s loss)

Anything else (a diagonal X[i, i], a trace, three indices in one product, an index used as a
number, a partial range) raises `UnraisableError` inside and gives None: the caller then shows
the index form, never an approximate matrix form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

import sympy as sp

from symbn.emit.matrix.tree import (
    ONE,
    Apply,
    Eye,
    Grad,
    Leaf,
    Node,
    Ones,
    Power,
    Quotient,
    Scalar,
    Tril,
    hadamard,
    matmul,
    plus,
    scale,
    transpose,
)
from symbn.language import functions, indices, vjp
from symbn.language.indices import Index
from symbn.language.model import Model
from symbn.language.relations import Iverson, linear


class UnraisableError(Exception):
    """The expression has no exact matrix form that symbn knows."""


@dataclass(frozen=True)
class Term:
    """A matrix-level `node` whose element at `axes` (one per dimension that is not 1) is
    the index expression it was raised from."""

    node: Node
    axes: tuple[Index, ...]


def matrix_form(e: sp.Expr, axes: Sequence[Index], model: Model) -> Node | None:
    """The matrix form of `e` laid out along `axes` (a vector as a column), or None."""
    axes = tuple(axes)
    if len(axes) > 2 or len(set(axes)) != len(axes):
        return None
    try:
        return conform(Raiser(model).term(e), axes)
    except UnraisableError:
        return None


# -- laying a term out along given axes ------------------------------------------------------
def conform(t: Term, axes: tuple[Index, ...]) -> Node:
    """`t` as a matrix along `axes`: transposed, or spread along a missing axis with a ones
    vector; a vector along one axis is a column."""
    if not set(t.axes) <= set(axes):
        raise UnraisableError(f"{t.axes} do not fit in {axes}")
    if not axes:
        return t.node
    if len(axes) == 1:
        (a,) = axes
        if not t.axes:  # a scalar spread along a
            return scale(t.node, Ones(a.size))
        return t.node
    a, b = axes
    if t.axes == (a, b):
        return t.node
    if t.axes == (b, a):
        return transpose(t.node)
    if t.axes == (a,):
        return matmul(t.node, transpose(Ones(b.size)))
    if t.axes == (b,):
        return matmul(Ones(a.size), transpose(t.node))
    return scale(t.node, matmul(Ones(a.size), transpose(Ones(b.size))))


def union(terms: Sequence[Term]) -> tuple[Index, ...]:
    """The axes a set of elementwise operands is laid out along: those of the first matrix
    among them, else the indices in order of appearance (two vectors: their outer product)."""
    every = tuple(dict.fromkeys(a for t in terms for a in t.axes))
    order = next((t.axes for t in terms if len(t.axes) == 2), every)
    if len(order) > 2 or not set(every) <= set(order):
        raise UnraisableError("more than two indices in one elementwise operation")
    return order


def elementwise(terms: Sequence[Term]) -> tuple[list[Node], tuple[Index, ...]]:
    """The operands laid out alike, along the axes of `union`."""
    axes = union(terms)
    return [conform(t, axes) for t in terms], axes


# -- the raising -------------------------------------------------------------------------------
def mask(e: Iverson) -> Term:
    """[j <= i] at (i, j), two indices of one range: the lower triangle of ones M_N (with
    the diagonal), and [j < i] M_N - I_N; any other relation has no matrix form here."""
    terms = linear(e.args[0]) or {}
    c = terms.pop(sp.S.One, sp.S.Zero)
    rows = [x for x, k in terms.items() if k == 1 and isinstance(x, Index)]
    cols = [x for x, k in terms.items() if k == -1 and isinstance(x, Index)]
    if len(terms) != 2 or len(rows) != 1 or len(cols) != 1 or c not in (0, -1):
        raise UnraisableError(f"{e} is not a causal mask")
    (i,), (j,) = rows, cols
    if i.size != j.size:
        raise UnraisableError(f"{e} compares indices of two ranges")
    node = Tril(i.size)
    return Term(node if c == 0 else plus([node, scale(Scalar(-ONE), Eye(i.size))]), (i, j))


def pure(e: sp.Expr) -> bool:
    """`e` is a scalar without indices: numbers, sizes, scalar inputs and definitions."""
    return not indices.atoms(e) and not e.has(sp.Indexed, sp.Sum, sp.Derivative)


Piece: TypeAlias = sp.Expr | Term  # a factor of a product, raised already or not


class Raiser:
    """Raises the index expressions of one derivation (`model` names the tensors)."""

    def __init__(self, model: Model):
        self.model = model

    def term(self, e: sp.Expr) -> Term:
        if pure(e):
            if e.has(sp.KroneckerDelta):
                raise UnraisableError("a delta of concrete indices")
            return Term(Scalar(e), ())
        layer = self.model.spec.layer
        if layer is not None and e.has(sp.Derivative):
            grad = self.gradient(e, layer.output, layer.upstream)
            if grad is not None:
                return grad
        match e:
            case sp.Indexed():
                return self.element(e)
            case sp.KroneckerDelta():
                a, b = e.args
                if not (isinstance(a, Index) and isinstance(b, Index)) or a == b:
                    raise UnraisableError(f"{e} is not an identity matrix")
                return Term(Eye(a.size), (a, b))
            case sp.Add():
                fixed = sp.Add(*[x for x in e.args if pure(x)])
                rest = [self.term(x) for x in e.args if not pure(x)]
                parts = [*([Term(Scalar(fixed), ())] if fixed != 0 else []), *rest]
                nodes, axes = elementwise(parts)
                return Term(plus(nodes), axes)
            case sp.Mul():
                return self.product(list(e.args))
            case sp.Pow() if e.exp.is_Number and e.exp < 0:
                return self.product([e])
            case sp.Pow() if e.exp.is_Rational:
                base = self.term(e.base)
                return Term(Power(base.node, e.exp), base.axes)
            case sp.Sum():
                return self.sum(e)
            case sp.Derivative():
                return self.derivative(e)
            case Iverson():
                return mask(e)
        entry = functions.of(e)
        if entry is None or not e.args:
            raise UnraisableError(f"no matrix form of {type(e).__name__}")
        nodes, axes = elementwise([self.term(a) for a in e.args])
        return Term(Apply(entry.name, tuple(nodes)), axes)

    def element(self, e: sp.Indexed) -> Term:
        idx = tuple(e.indices)
        if not all(isinstance(i, Index) for i in idx) or len(set(idx)) != len(idx):
            raise UnraisableError(f"{e} is not one element of a whole tensor")
        if len(idx) > 2:
            raise UnraisableError(f"{e} has more than two axes")
        sizes = tuple(i.size for i in idx)
        dims = (sizes[0], ONE) if len(sizes) == 1 else sizes
        return Term(Leaf(e.base.label.name, dims), idx)

    def gradient(self, e: sp.Expr, output: str, upstream: str) -> Term | None:
        """The lhs of a gradient claim of the [layer] as the loss's gradient, if it is one."""
        read = vjp.read(e, self.model.tensor_name, self.model.definitions, upstream)
        if isinstance(read, str) or read.output != output or read.scale != 1:
            return None
        wrt = self.element(read.wrt) if isinstance(read.wrt, sp.Indexed) else None
        if wrt is None:
            return None
        assert isinstance(wrt.node, Leaf)
        return Term(Grad(None, wrt.node.name, wrt.node.shape), wrt.axes)

    def derivative(self, e: sp.Derivative) -> Term:
        """diff(L, W[d, c]) of a scalar definition L: the gradient ∂L/∂W."""
        name = self.model.tensor_name(e.expr)
        if name is None or not isinstance(e.expr, sp.Symbol) or len(e.variable_count) != 1:
            raise UnraisableError(f"{e} is not the gradient of a scalar")
        v, count = e.variable_count[0]
        if count != 1 or not isinstance(v, sp.Indexed):
            raise UnraisableError(f"{e} is not a first derivative by a tensor")
        wrt = self.element(v)
        assert isinstance(wrt.node, Leaf)
        return Term(Grad(name, wrt.node.name, wrt.node.shape), wrt.axes)

    def raised(self, piece: Piece) -> Term:
        return piece if isinstance(piece, Term) else self.term(piece)

    def product(self, pieces: Sequence[Piece]) -> Term:
        """The product of `pieces`: numbers in front, scalars as scalars, the rest elementwise,
        a negative power in the denominator of a quotient."""
        coeff = sp.Mul(*[p for p in pieces if not isinstance(p, Term) and pure(p)])
        num: list[Term] = []
        den: list[Term] = []
        for p in pieces:
            if isinstance(p, Term):
                num.append(p)
            elif pure(p):
                continue
            elif isinstance(p, sp.Pow) and p.exp.is_Number and p.exp < 0:
                den.append(self.term(p.base ** (-p.exp)))
            else:
                num.append(self.term(p))
        scalars = [t.node for t in num if not t.axes]
        under = [t.node for t in den if not t.axes]
        num = [t for t in num if t.axes]
        den = [t for t in den if t.axes]
        axes: tuple[Index, ...] = ()
        outer = None if den else self.outer(num)
        if outer is not None:
            out, axes = outer.node, outer.axes
        elif num or den:
            nodes, axes = elementwise([*num, *den])
            top, bottom = nodes[: len(num)], nodes[len(num) :]
            if not bottom:
                out = hadamard(top)
            elif top:
                out = Quotient(hadamard(top), hadamard(bottom))
            else:
                out = Power(hadamard(bottom), sp.Integer(-1))
        else:
            out = Scalar(ONE)
        for s in scalars:
            out = scale(s, out)
        if under:
            node = under[0] if len(under) == 1 else hadamard(under)
            out = Quotient(out, node)
        return Term(scale(Scalar(coeff), out), axes)

    def outer(self, terms: list[Term]) -> Term | None:
        """u[i] * v[j] as the outer product u v^T of two columns, if that is what `terms`
        are (vectors along two axes)."""
        axes = tuple(dict.fromkeys(a for t in terms for a in t.axes))
        if len(axes) != 2 or any(len(t.axes) != 1 for t in terms):
            return None
        x, y = axes
        left = hadamard([t.node for t in terms if t.axes == (x,)])
        right = hadamard([t.node for t in terms if t.axes == (y,)])
        return Term(matmul(left, transpose(right)), (x, y))

    def sum(self, e: sp.Sum) -> Term:
        for p, lo, hi in e.limits:
            if not isinstance(p, Index) or lo != 1 or hi != p.size:
                raise UnraisableError(f"{e} does not sum over a whole range")
        body = e.function
        if isinstance(body, sp.Add):  # a sum of terms: the sum of their sums
            nodes, axes = elementwise([self.term(sp.Sum(x, *e.limits)) for x in body.args])
            return Term(plus(nodes), axes)
        pieces: list[Piece] = list(sp.Mul.make_args(body))
        for p, _, _ in e.limits:
            pieces = [self.contract(pieces, p)]
        return self.raised(pieces[0])

    def contract(self, pieces: list[Piece], p: Index) -> Term:
        """sum over p of the product of `pieces`: a row or column sum, or a matrix product
        (a vector v times a matrix B along p is B^T v, a column)."""

        def axes_of(x: Piece) -> set:
            return set(x.axes) if isinstance(x, Term) else set(indices.ordered_free(x))

        inside = [x for x in pieces if p in axes_of(x)]
        outside = [x for x in pieces if p not in axes_of(x)]
        if not inside:
            return self.product([*outside, p.size])
        around = set().union(*(axes_of(x) for x in inside)) - {p}
        vectors = [f for f in inside if axes_of(f) == {p}]
        if len(around) <= 1 and vectors and len(vectors) < len(inside):  # B^T a
            (x,) = around
            a = conform(self.product(vectors), (p,))
            b = conform(self.product([f for f in inside if axes_of(f) != {p}]), (x, p))
            reduced = Term(matmul(b, a), (x,))
        elif not around and len(vectors) > 1:  # a^T b, a dot product
            a = conform(self.product(vectors[:1]), (p,))
            reduced = Term(matmul(transpose(a), conform(self.product(vectors[1:]), (p,))), ())
        elif len(around) <= 1:
            reduced = self.reduce(self.product(inside), p)
        elif len(around) == 2:
            x, y = sorted(around, key=lambda i: i.name)
            left = [f for f in inside if y not in axes_of(f)]
            right = [f for f in inside if y in axes_of(f)]
            if any(x in axes_of(f) for f in right):
                raise UnraisableError("three indices in one factor")
            a = conform(self.product(left), (x, p))
            b = conform(self.product(right), (p, y))
            reduced = Term(matmul(a, b), (x, y))
        else:
            raise UnraisableError("a sum over a product of more than two axes")
        return self.product([reduced, *outside]) if outside else reduced

    def reduce(self, t: Term, p: Index) -> Term:
        """The sum of `t` along its axis p: A^T 1 (down the columns, a column), A 1 (along
        the rows), 1^T v (of a vector)."""
        if p not in t.axes:  # the factors along p cancelled out: p's size copies
            return Term(scale(Scalar(p.size), t.node), t.axes)
        rest = tuple(a for a in t.axes if a != p)
        if not rest:
            return Term(matmul(transpose(Ones(p.size)), conform(t, (p,))), ())
        (x,) = rest
        return Term(matmul(conform(t, (x, p)), Ones(p.size)), (x,))
