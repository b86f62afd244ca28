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

from symbn.language.latex import brackets, dsoftmax
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.texlex import Token
from symbn.language.latex.tree import (
    Add,
    Call,
    Delta,
    Diff,
    Differential,
    Div,
    Element,
    Frobenius,
    Identity,
    Letter,
    Mul,
    Neg,
    Node,
    Num,
    Ones,
    OnesAt,
    Pow,
    Prime,
    Ref,
    Rel,
    Sum,
    Transpose,
    walk,
)
from symbn.source.positions import Span, TexError

Shape = tuple[str, ...]
MATMUL_OPS = frozenset({"", "\\cdot", "\\times", "*"})
#: An axis of length one (a row vector is (UNIT, n)); an axis whose size is the one that
#: makes the expression conform (a ones vector or identity written without its size).
UNIT, ANY = "1", "?"
#: Functions that are not elementwise: what they do to shapes is in `shape_of`.
MATRIX_FUNCS = frozenset({"diag", "tr", "softmax"})


class ShapeError(TexError):
    """Shapes that do not fit: a product of two matrices that does not conform, two sides
    of different shapes. A line with one is false as written, whatever convention its
    author keeps for vectors."""


def show(s: Shape) -> str:
    """A shape as messages write it: `D × N`, `a scalar`."""
    return " × ".join("n" if a == ANY else a for a in s) if s else "a scalar"


def squeeze(s: Shape) -> Shape:
    """The shape without its axes of length one: a row ("1", C) compares as (C,)."""
    return tuple(a for a in s if a != UNIT)


def unify(a: str, b: str) -> str | None:
    """The size two axes that must be equal come to, or None when they differ."""
    if b in (a, ANY):
        return a
    return b if a == ANY else None


def broadcast(a: Shape, b: Shape, span: Span) -> Shape:
    """NumPy's broadcast of two shapes of sizes (an axis of length one, UNIT, against any),
    and the way people write a column added to a matrix: a vector whose size is the first
    axis of a matrix and not its last is broadcast across the columns."""
    if len(a) < len(b):
        a, b = b, a
    tail = _trailing(b, a)
    if tail is not None:
        return tail
    if len(b) == 1 and len(a) == 2 and unify(a[0], b[0]) is not None:
        return (unify(a[0], b[0]) or a[0], a[1])
    # two matrices that do not fit are a slip; how a vector is spread over a matrix is a
    # convention of the author's, and the line is only not read
    matrices = len(a) == 2 and len(b) == 2 and UNIT not in a + b
    raise (ShapeError if matrices else TexError)(
        f"{show(b)} does not broadcast against {show(a)}", span
    )


def _trailing(b: Shape, a: Shape) -> Shape | None:
    """`a` broadcast with `b`, which has no more axes, aligned at their last axes."""
    out = list(a)
    for k in range(1, len(b) + 1):
        x, y = a[-k], b[-k]
        if y == UNIT:
            continue
        if x == UNIT:
            out[-k] = y
            continue
        u = unify(x, y)
        if u is None:
            return None
        out[-k] = u
    return tuple(out)


def column(s: Shape) -> Shape:
    """A shape as a matrix in a product: a vector is a column (n, 1)."""
    return (s[0], UNIT) if len(s) == 1 else s


def uncolumn(s: Shape) -> Shape:
    """A product's matrix shape back as written: (n, 1) is the vector (n,), (1, 1) a scalar."""
    return () if s == (UNIT, UNIT) else (s[0],) if s[1] == UNIT else s


def described(node: Node) -> str:
    """How a message names an operand: `W`, `X^T`, `∂loss/∂Z`, or `this factor`."""
    if isinstance(node, Transpose):
        inner = described(node.expr)
        if inner == "the ones vector":
            return "the transposed ones vector"
        return "this factor" if inner == "this factor" else f"{inner}^T"
    if isinstance(node, Ref) and not node.indices:
        return node.name
    if isinstance(node, Diff) and isinstance(node.wrt, Ref) and isinstance(node.expr, Ref):
        return f"∂{node.expr.name}/∂{node.wrt.name}"
    if isinstance(node, Ones | Identity):
        return "the ones vector" if isinstance(node, Ones) else "I"
    return "this factor"


def matmul(a: Shape, b: Shape, left: str, right: str, span: Span) -> Shape:
    """The shape of the matrix product of shapes `a` and `b` (vectors as columns)."""
    if len(a) == 1 and len(b) == 1:  # two vectors that cannot be multiplied elementwise
        return (a[0], b[0])
    ca, cb = column(a), column(b)
    if len(ca) != 2 or len(cb) != 2 or unify(ca[1], cb[0]) is None:
        error = ShapeError if len(a) == 2 and len(b) == 2 and UNIT not in a + b else TexError
        raise error(f"{left} is {show(a)} and {right} is {show(b)}: they do not conform", span)
    square = (ANY, ANY)  # I or the all-ones matrix of open size: as many rows as columns
    return uncolumn((cb[0] if ca == square else ca[0], ca[1] if cb == square else cb[1]))


def is_matmul(op: str, a: Shape, b: Shape) -> bool:
    """Whether factors of shapes `a` and `b` joined by `op` (juxtaposed, or a product sign
    other than the elementwise ones) are a matrix product: two matrices; a matrix and a
    vector it conforms with, juxtaposed (`Wx`); a column and a row (`\\mathbf{1} b^T`, and
    `\\mathbf{1}_N b` for two vectors of different sizes, where no other reading is). A
    vector beside a matrix otherwise scales it elementwise (`\\gamma \\hat{h}`, and
    `u \\cdot v` as the product rule writes it)."""
    if op not in MATMUL_OPS or not a or not b:
        return False
    if len(a) == 1 and len(b) == 1:  # u v^T written u v (or u \\cdot v) for two sizes
        return unify(a[0], b[0]) is None
    if len(a) == 2 and len(b) == 1:
        return op == "" and unify(a[1], b[0]) is not None
    if len(a) == 1 and len(b) == 2:
        return b[0] == UNIT
    return len(a) == 2 and len(b) == 2


def shape_of(node: Node, symbols: Symbols) -> Shape:
    """The matrix-level shape of a tree; () for scalars and for index-level expressions."""
    if isinstance(node, Ref):  # x_i of an N × D matrix X: row i, a vector over D
        return symbols.shape(node.name)[len(node.indices) :]
    if isinstance(node, Sum):
        return shape_of(node.body, symbols)
    if isinstance(node, Num | Delta | Rel | Letter | OnesAt):
        return ()
    if isinstance(node, Ones):  # the all-ones matrix, square, where the context says so
        if node.size is None and symbols.notation.get("ones") == "matrix":
            return (ANY, ANY)
        return (node.size or ANY,)
    if isinstance(node, Identity):
        return (node.size or ANY, node.size or ANY)
    if isinstance(node, Transpose):
        inner = shape_of(node.expr, symbols)
        if not inner and not _has_matrices(node.expr, symbols):
            raise TexError(
                "this is a scalar in the context, and a transpose is read on a vector or a "
                "matrix: declare the shapes of its names",
                node.span,
            )
        if len(inner) > 2:
            raise TexError("a transpose of more than two axes is not read", node.span)
        return uncolumn(column(inner)[::-1]) if inner else ()
    if isinstance(node, Call) and node.func in MATRIX_FUNCS:
        return _function(node, shape_of(node.arg, symbols))
    if isinstance(node, Neg | Call | Prime):
        return shape_of(node.arg if isinstance(node, Neg | Call) else node.expr, symbols)
    if isinstance(node, Diff):
        return _diff(node, symbols)
    if isinstance(node, Element):  # (∂L/∂Z)_i: row i (picked.py fits the indices to the axes)
        return squeeze(shape_of(node.expr, symbols))[len(node.indices) :]
    if isinstance(node, Differential):
        return shape_of(node.of, symbols)
    if isinstance(node, Frobenius):
        a, b = shape_of(node.a, symbols), shape_of(node.b, symbols)
        if len(a) != len(b) or any(unify(x, y) is None for x, y in zip(a, b, strict=True)):
            raise ShapeError(
                f"the Frobenius product A : B takes two sides of one shape; these are "
                f"{show(a)} and {show(b)}",
                node.span,
            )
        return ()
    if isinstance(node, Pow):
        if shape_of(node.exp, symbols):
            raise TexError("an exponent is a number", node.exp.span)
        return shape_of(node.base, symbols)
    if isinstance(node, Add):
        out: Shape = ()
        for _, t in node.terms:
            out = broadcast(out, shape_of(t, symbols), t.span)
        return out
    if isinstance(node, Div):
        return broadcast(shape_of(node.num, symbols), shape_of(node.den, symbols), node.span)
    if isinstance(node, Mul):
        grouped = regrouped(node)
        if grouped is not node:
            return shape_of(grouped, symbols)
        out = shape_of(node.factors[0], symbols)
        for n, (op, f) in enumerate(zip(node.ops, node.factors[1:], strict=True)):
            fs = shape_of(f, symbols)
            if is_matmul(op, out, fs):
                left = described(node.factors[0]) if n == 0 else "the product before it"
                out = matmul(out, fs, left, described(f), f.span)
            elif op == "" and len(fs) == 2 and isinstance(node.factors[n], Ones):
                raise TexError(
                    "a column of ones times this matrix does not conform; if \\mathbf{1} is "
                    "the all-ones matrix here, write \\mathbf{1}\\mathbf{1}^\\top",
                    node.factors[n].span.cover(f.span),
                )
            else:
                out = broadcast(out, fs, f.span)
        return out
    raise TexError("this has no shape a line can be read at", node.span)


def regrouped(node: Mul) -> Mul:
    """The product with each run of juxtaposed factors as one factor, which binds tighter
    than a written operator: `A \\odot \\mathbf{1} b^T` is A ⊙ (1 bᵀ), `dZ \\cdot W^T`
    is dZ · (Wᵀ); `d\\sigma(p) \\cdot v`, a Jacobian applied, is dσ(p) v. Else the node."""
    written = tuple(
        "" if dsoftmax.applies(f, op) else op for f, op in zip(node.factors, node.ops, strict=False)
    )
    if written != node.ops:
        node = Mul(node.factors, written, span=node.span)
    if "" not in node.ops or all(op == "" for op in node.ops):
        return node
    factors: list[Node] = []
    ops: list[str] = []
    run: list[Node] = [node.factors[0]]
    for op, f in zip(node.ops, node.factors[1:], strict=True):
        if op == "":
            run.append(f)
            continue
        factors.append(_run(run))
        ops.append(op)
        run = [f]
    factors.append(_run(run))
    return Mul(tuple(factors), tuple(ops), span=node.span)


def _run(run: list[Node]) -> Node:
    if len(run) == 1:
        return run[0]
    return Mul(tuple(run), ("",) * (len(run) - 1), span=run[0].span.cover(run[-1].span))


def _has_matrices(node: Node, symbols: Symbols) -> bool:
    """Whether a tree has a vector or matrix in it (a scalar such as 1ᵀv may be transposed;
    one made of scalars only is a slip of shapes)."""
    return any(
        isinstance(n, Ones | Identity)
        or (isinstance(n, Ref) and not n.indices and bool(symbols.shape(n.name)))
        for n in walk(node)
    )


def is_whole(node: Node, symbols: Symbols) -> bool:
    """Whether a tree is written at matrix level: it has a shape, and one that fits."""
    try:
        return bool(shape_of(node, symbols))
    except TexError:
        return False


def _function(node: Call, arg: Shape) -> Shape:
    if node.func == "softmax":
        if not arg:
            raise TexError(
                "softmax is read on a vector or a matrix written whole (by rows), not on "
                "one element",
                node.span,
            )
        return arg
    if node.func == "diag":
        if len(squeeze(arg)) != 1:
            raise TexError(f"diag of {show(arg)}: diag takes a vector", node.span)
        (n,) = squeeze(arg)
        return (n, n)
    if len(arg) != 2 or unify(arg[0], arg[1]) is None:
        raise TexError(f"the trace of {show(arg)}: a trace takes a square matrix", node.span)
    return ()


def _diff(node: Diff, symbols: Symbols) -> Shape:
    expr = shape_of(node.expr, symbols)
    wrt = node.wrt
    rest = shape_of(wrt, symbols) if isinstance(wrt, Ref) and wrt.kind == "tensor" else ()
    if rest:
        of, by = squeeze(expr), squeeze(rest)
        if len(of) == 1 and len(by) == 1:  # a Jacobian (jacobians.py), numerator layout first
            flip = symbols.notation.get("layout") == "denominator"
            return (by[0], of[0]) if flip else (of[0], by[0])
        if expr:
            raise TexError(
                f"the derivative of {show(expr)} by all of {wrt.name} is not read; the "
                "gradient of a scalar by a tensor is",
                node.span,
            )
        return rest
    return expr


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
    return matmul(a, b, "the left side", "the right side", e.span)
