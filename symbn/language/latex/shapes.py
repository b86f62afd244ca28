"""Shapes: matrix-level lines read element by element, and statements of size.

A line such as `h = XW + b` or `\\hat{h} = \\frac{h - \\mu}{\\sqrt{\\sigma^2 + \\delta}}` is
written at matrix level. `shape_of` gives the shape of such a tree by NumPy's rules
(trailing axes aligned, an axis broadcast only against itself), juxtaposing two
matrices being their matrix product; `elementwise` rewrites it at chosen indices, so
`XW + b` at (i, j) is `sum(X[i, d]*W[d, j], d) + b[j]`.

Size statements (`\\text{size } N \\times L`, or `N \\times D \\cdot D \\times L + L`) are
read into `ShapeExpr` trees and `evaluate`d by the same rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from symbn.language.latex import brackets
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.texlex import Token
from symbn.language.latex.tree import (
    Add,
    Call,
    Delta,
    Diff,
    Div,
    Index,
    Letter,
    Mul,
    Neg,
    Node,
    Num,
    Pow,
    Prime,
    Ref,
    Sum,
    free_indices,
    rebuild,
)
from symbn.source.positions import Span, TexError

Shape = tuple[str, ...]
MATMUL_OPS = frozenset({"", "\\cdot", "\\times", "*"})


def broadcast(a: Shape, b: Shape, span: Span) -> Shape:
    """NumPy's broadcast of two shapes of sizes (no axis of length 1 is assumed)."""
    if len(a) < len(b):
        a, b = b, a
    if a[len(a) - len(b) :] != b:
        raise TexError(f"{_show(b)} does not broadcast against {_show(a)}", span)
    return a


def _show(s: Shape) -> str:
    return " × ".join(s) if s else "a scalar"


def shape_of(node: Node, symbols: Symbols) -> Shape:
    """The matrix-level shape of a tree; () for scalars and for index-level expressions."""
    if isinstance(node, Ref):
        return () if node.indices else symbols.shape(node.name)
    if isinstance(node, Num | Sum | Delta | Letter):
        return ()
    if isinstance(node, Neg | Call | Prime):
        return shape_of(node.arg if isinstance(node, Neg | Call) else node.expr, symbols)
    if isinstance(node, Diff):
        return shape_of(node.expr, symbols)
    if isinstance(node, Pow):
        if shape_of(node.exp, symbols):
            raise TexError("an exponent is a number", node.exp.span)
        return shape_of(node.base, symbols)
    if isinstance(node, Add):
        out: Shape = ()
        for _, t in node.terms:
            out = broadcast(out, shape_of(t, symbols), node.span)
        return out
    if isinstance(node, Div):
        return broadcast(shape_of(node.num, symbols), shape_of(node.den, symbols), node.span)
    if isinstance(node, Mul):
        out = shape_of(node.factors[0], symbols)
        for op, f in zip(node.ops, node.factors[1:], strict=True):
            out = _product(out, shape_of(f, symbols), op, f.span)
        return out
    raise TexError("this has no shape a line can be read at", node.span)


def _product(a: Shape, b: Shape, op: str, span: Span) -> Shape:
    if len(a) == 2 and len(b) == 2 and op in MATMUL_OPS:
        if a[1] != b[0]:
            raise TexError(f"{_show(a)} times {_show(b)}: the inner sizes differ", span)
        return (a[0], b[1])
    return broadcast(a, b, span)


def elementwise(
    node: Node, at: Sequence[Index], symbols: Symbols, avoid: frozenset[str] = frozenset()
) -> Node:
    """The tree read at element `at` of its shape (which has len(at) axes): each tensor
    written whole gets the trailing indices of `at`, a matrix product a sum over a fresh
    index (none of `avoid` or of the tree's own)."""
    used = set(avoid) | set(free_indices(node)) | {i.name for i in at if isinstance(i, Letter)}
    return _Elementwise(symbols, used).at(node, tuple(at))


class _Elementwise:
    def __init__(self, symbols: Symbols, used: set[str]):
        self.s = symbols
        self.used = used

    def fresh(self, size: str, span: Span) -> str:
        for letter in self.s.over(size):
            if letter not in self.used:
                self.used.add(letter)
                return letter
        raise TexError(
            f"a matrix product over {size} needs an index letter over {size} that "
            "this line does not use; declare one",
            span,
        )

    def at(self, node: Node, idx: tuple[Index, ...]) -> Node:
        shape = shape_of(node, self.s)
        idx = idx[len(idx) - len(shape) :] if shape else ()
        if not shape:
            return node
        if isinstance(node, Ref):
            return Ref(node.name, node.kind, idx, span=node.span)
        if isinstance(node, Mul):
            return self.product(node, idx)
        if isinstance(node, Pow):
            return Pow(self.at(node.base, idx), node.exp, span=node.span)
        if isinstance(node, Diff):
            return Diff(self.at(node.expr, idx), node.wrt, node.style, span=node.span)
        return rebuild(node, lambda c: self.at(c, idx))

    def product(self, node: Mul, idx: tuple[Index, ...]) -> Node:
        factors = [node.factors[0]]
        shapes = [shape_of(node.factors[0], self.s)]
        ops: list[str] = []
        for op, f in zip(node.ops, node.factors[1:], strict=True):
            fs = shape_of(f, self.s)
            if len(shapes[-1]) == 2 and len(fs) == 2 and op in MATMUL_OPS:
                if isinstance(factors[-1], Sum):
                    raise TexError(
                        "a product of more than two matrices is not read; name the "
                        "product of the first two",
                        node.span,
                    )
                d = Letter(self.fresh(shapes[-1][1], f.span), span=f.span)
                pair = Mul(
                    (self.at(factors[-1], (idx[0], d)), self.at(f, (d, idx[1]))),
                    ("",),
                    span=node.span,
                )
                factors[-1] = Sum(pair, (d.name,), span=node.span)
                shapes[-1] = (shapes[-1][0], fs[1])
            else:
                factors.append(f)
                shapes.append(fs)
                ops.append(op)
        out = [self.at(f, idx) if s else f for f, s in zip(factors, shapes, strict=True)]
        if len(out) == 1:
            return out[0]
        return Mul(tuple(out), tuple(ops), span=node.span)


# -- size statements -----------------------------------------------------------------------
@dataclass(frozen=True)
class Dims:
    """`N \\times L`: a shape written out."""

    dims: Shape
    span: Span


@dataclass(frozen=True)
class ShapeOp:
    """`a \\cdot b` (a matrix product, op `matmul`) or `a + b` (broadcast, op `add`)."""

    op: str
    left: ShapeExpr
    right: ShapeExpr
    span: Span


ShapeExpr = Dims | ShapeOp


def parse_shape(tokens: Sequence[Token], symbols: Symbols, lo: int, hi: int) -> ShapeExpr:
    """`N \\times D \\cdot D \\times L + L`: sizes joined by \\times, shapes by \\cdot and +."""
    b = brackets.match(tokens, lo, hi)
    terms = brackets.split(tokens, b, lo, hi, frozenset({"+"}))
    out: ShapeExpr | None = None
    for a, z in terms:
        term: ShapeExpr | None = None
        for c, d in brackets.split(tokens, b, a, z, frozenset({"\\cdot"})):
            dims = _dims(tokens, symbols, c, d, (a, z))
            term = (
                dims if term is None else ShapeOp("matmul", term, dims, term.span.cover(dims.span))
            )
        assert term is not None
        out = term if out is None else ShapeOp("add", out, term, out.span.cover(term.span))
    assert out is not None
    return out


def _dims(
    tokens: Sequence[Token], symbols: Symbols, lo: int, hi: int, around: tuple[int, int]
) -> Dims:
    pieces = [(n, n + 1) for n in range(lo, hi) if tokens[n].text != "\\times"]
    if lo >= hi or len(pieces) * 2 - 1 != hi - lo:
        at = tokens[min(lo, around[1] - 1)]
        raise TexError("a shape is sizes joined by \\times, as in N \\times L", at.span)
    dims = []
    for a, _ in pieces:
        t = tokens[a]
        if t.text not in symbols.sizes:
            raise TexError(f"{t.text!r} is not a size", t.span)
        dims.append(t.text)
    return Dims(tuple(dims), Span(tokens[lo].start, tokens[hi - 1].end))


def evaluate(e: ShapeExpr) -> Shape:
    """The shape a size expression comes to; a `TexError` where sizes do not fit."""
    if isinstance(e, Dims):
        return e.dims
    a, b = evaluate(e.left), evaluate(e.right)
    if e.op == "add":
        return broadcast(a, b, e.span)
    return _product(a, b, "", e.span)
