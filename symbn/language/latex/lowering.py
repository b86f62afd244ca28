"""Matrix-level trees read element by element: `X^T G` at (d, c) is Σ_n X_{nd} G_{nc}.

`elementwise(node, at, symbols)` rewrites a tree whose shape `shapes.shape_of` gives at the
indices `at`, one for each axis but the axes of length one, so that only index-level
nodes are left for the printer:

- a tensor written whole takes the indices of its axes (`X` at (n, d) is X_{nd});
- a matrix product sums over a fresh index of its inner size (vectors are columns, a
  transposed vector a row: `\\mathbf{1}^T G` is a column sum, `\\mathbf{1} b^T` an outer
  product, `v^T w` a scalar);
- a transpose swaps the indices of its two axes;
- elementwise operations (+, −, ⊙, ⊘, a function, a power) give each operand the indices
  of the axes it is broadcast along;
- the ones vector is 1, the identity the delta of its indices, `\\operatorname{diag}(v)`
  Δ_{ab} v_a, the trace Σ_k A_{kk}, `\\operatorname{softmax}` by rows
  exp(Z_{ab}) / Σ_k exp(Z_{ak});
- the derivative of a scalar by a whole tensor (`\\frac{\\partial L}{\\partial W}`) is taken
  by the element at the indices.

A fresh index is a declared letter of the size that neither the tree nor `avoid` uses; when
none is left the line cannot be read, and the error says to declare one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from symbn.language.latex.shapes import (
    ANY,
    MATRIX_FUNCS,
    UNIT,
    Shape,
    column,
    is_matmul,
    regrouped,
    shape_of,
    squeeze,
    unify,
)
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.tree import (
    Call,
    Delta,
    Diff,
    Differential,
    Div,
    Element,
    Frobenius,
    Identity,
    Index,
    Last,
    Letter,
    Moved,
    Mul,
    Node,
    Num,
    Number,
    Ones,
    Pow,
    Ref,
    Rel,
    Sum,
    Transpose,
    free_indices,
    rebuild,
    walk,
)
from symbn.source.positions import Span, TexError

#: An index per axis of a shape, None on an axis of length one.
At = tuple[Index | None, ...]


def elementwise(
    node: Node, at: Sequence[Index], symbols: Symbols, avoid: frozenset[str] = frozenset()
) -> Node:
    """The tree read at element `at` of its shape (one index for each axis of length other
    than one); every index it adds is none of `avoid`, nor of the tree's own."""
    bound = {x for n in walk(node) if isinstance(n, Sum) for x in n.indices or ()}
    used = set(avoid) | set(free_indices(node)) | bound
    used |= {i.name for i in at if isinstance(i, Letter)}
    return _Lowering(symbols, used).at(node, expand(shape_of(node, symbols), tuple(at)))


def expand(shape: Shape, at: Sequence[Index]) -> At:
    """The indices of the axes of `shape` but its axes of length one, with None there."""
    if len(at) != len(squeeze(shape)):
        raise ValueError(f"{len(at)} indices for the shape {shape}")
    given = iter(at)
    return tuple(None if a == UNIT else next(given) for a in shape)


def project(inner: Shape, outer: Shape, idx: At) -> At:
    """The indices of an operand of shape `inner` broadcast to `outer` at `idx`: trailing
    axes aligned, as NumPy does, or a vector along the first axis of a matrix (the column
    broadcast `shapes.broadcast` allows)."""
    if not inner:
        return ()
    if len(inner) == len(outer) or _fits(inner, outer[len(outer) - len(inner) :]):
        tail = idx[len(idx) - len(inner) :]
        return tuple(None if a == UNIT else i for a, i in zip(inner, tail, strict=True))
    return (idx[0],)


def _fits(inner: Shape, tail: Shape) -> bool:
    return all(a == UNIT or unify(a, b) is not None for a, b in zip(inner, tail, strict=True))


class _Lowering:
    def __init__(self, symbols: Symbols, used: set[str]):
        self.s = symbols
        self.used = used

    def fresh(self, size: str, span: Span) -> Letter:
        if size == ANY:
            raise TexError(
                "the size of this ones vector or identity cannot be told from what it "
                "multiplies; write it, as in \\mathbf{1}_N",
                span,
            )
        for letter in self.s.over(size):
            if letter not in self.used:
                self.used.add(letter)
                return Letter(letter, span=span)
        raise TexError(
            f"reading this at index level needs an index letter over {size} that this "
            "line does not use; declare one",
            span,
        )

    def at(self, node: Node, idx: At) -> Node:
        if isinstance(node, Ones):
            return Num("1", span=node.span)
        if isinstance(node, Delta | Rel | Num | Letter | Number | Last | Moved):
            return node
        if isinstance(node, Identity):
            return Delta(*_letters(idx), span=node.span)
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is not None:
            return method(node, idx)
        shape = shape_of(node, self.s)
        return rebuild(node, lambda c: self.at(c, project(shape_of(c, self.s), shape, idx)))

    def _Ref(self, node: Ref, idx: At) -> Node:
        if not shape_of(node, self.s):
            return node
        return Ref(node.name, node.kind, node.indices + _letters(idx), span=node.span)

    def _Sum(self, node: Sum, idx: At) -> Node:
        return replace(node, body=self.at(node.body, idx))

    def _Transpose(self, node: Transpose, idx: At) -> Node:
        inner = shape_of(node.expr, self.s)
        if not inner:
            return self.at(node.expr, ())
        if len(inner) == 1:  # a column's transpose is the row (1, n)
            return self.at(node.expr, (idx[1],))
        if inner[0] == UNIT:  # a row's transpose is the column (n,)
            return self.at(node.expr, (None, idx[0]))
        return self.at(node.expr, (idx[1], idx[0]))

    def _Call(self, node: Call, idx: At) -> Node:
        shape = shape_of(node, self.s)
        if node.func not in MATRIX_FUNCS:
            arg = self.at(node.arg, project(shape_of(node.arg, self.s), shape, idx))
            return Call(node.func, arg, span=node.span)
        inner = shape_of(node.arg, self.s)
        if node.func == "diag":
            a, b = _letters(idx)
            v = self.at(node.arg, expand(inner, (a,)))
            return Mul((Delta(a, b, span=node.span), v), ("",), span=node.span)
        if node.func == "tr":
            k = self.fresh(unify(inner[0], inner[1]) or inner[0], node.span)
            body = self.at(node.arg, (k, k))
            self.used.discard(k.name)
            return Sum(body, (k.name,), span=node.span)
        axis = 0 if len(inner) == 2 and self.s.notation.get("softmax") == "columns" else -1
        k = self.fresh(inner[axis], node.span)  # along each row (or column)
        other = (k, idx[1]) if axis == 0 else (*idx[:-1], k)
        exp_at = Call("exp", self.at(node.arg, idx), span=node.span)
        exp_k = Call("exp", self.at(node.arg, other), span=node.span)
        self.used.discard(k.name)
        return Div(exp_at, Sum(exp_k, (k.name,), span=node.span), span=node.span)

    def _Diff(self, node: Diff, idx: At) -> Node:
        wrt = node.wrt
        if isinstance(wrt, Ref) and shape_of(wrt, self.s) and idx:
            inner = shape_of(node.expr, self.s)
            if inner:  # a Jacobian: ∂y_i/∂x_j at (i, j), at (j, i) in denominator layout
                i, j = _letters(idx)[:: -1 if self.s.notation.get("layout") == "denominator" else 1]
                element = Ref(wrt.name, wrt.kind, (*wrt.indices, j), span=wrt.span)
                of = self.at(node.expr, expand(inner, (i,)))
                return Diff(of, element, node.style, span=node.span)
            element = Ref(wrt.name, wrt.kind, wrt.indices + _letters(idx), span=wrt.span)
            return Diff(self.at(node.expr, ()), element, node.style, span=node.span)
        return Diff(self.at(node.expr, idx), wrt, node.style, span=node.span)

    def _Element(self, node: Element, idx: At) -> Node:  # (∂L/∂Z)_i at j: ∂L/∂Z_{ij}
        inner = shape_of(node.expr, self.s)
        if len(node.indices) > len(squeeze(inner)):
            raise TexError("this subscript gives more indices than the bracket has axes", node.span)
        return self.at(node.expr, expand(inner, (*node.indices, *_letters(idx))))

    def _Differential(self, node: Differential, idx: At) -> Node:
        return Differential(self.at(node.of, idx), span=node.span)

    def _Frobenius(self, node: Frobenius, _idx: At) -> Node:  # a scalar: no indices
        shape = shape_of(node.a, self.s)
        ks = [
            self.fresh(unify(a, b) or a, node.span)
            for a, b in zip(shape, shape_of(node.b, self.s), strict=True)
            if a != UNIT
        ]
        at = expand(shape, tuple(ks))
        pair = Mul((self.at(node.a, at), self.at(node.b, at)), ("",), span=node.span)
        for k in ks:
            self.used.discard(k.name)
        return Sum(pair, tuple(k.name for k in ks), span=node.span) if ks else pair

    def _Pow(self, node: Pow, idx: At) -> Node:
        return Pow(self.at(node.base, idx), node.exp, span=node.span)

    def _Mul(self, node: Mul, idx: At) -> Node:
        grouped = regrouped(node)
        if grouped is not node:
            return self._Mul(grouped, idx)
        shape = shape_of(node, self.s)
        if len(node.factors) == 1:
            return self.at(node.factors[0], idx)
        left: Node = node.factors[0]
        if len(node.factors) > 2:
            left = Mul(node.factors[:-1], node.ops[:-1], span=node.span)
        right, op = node.factors[-1], node.ops[-1]
        sl, sr = shape_of(left, self.s), shape_of(right, self.s)
        if not is_matmul(op, sl, sr):
            a = self.at(left, project(sl, shape, idx))
            b = self.at(right, project(sr, shape, idx))
            if op == "\\oslash":
                return Div(a, b, span=node.span)
            return Mul((a, b), (op,), span=node.span)
        row, col = _as_matrix(shape, idx)
        if len(sl) == 1 and len(sr) == 1:  # two vectors of different sizes: an outer product
            outer = (self.at(left, (row,)), self.at(right, (col,)))
            return Mul(outer, ("",), span=node.span)
        ca, cb = column(sl), column(sr)
        inner = unify(ca[1], cb[0]) or ca[1]
        k = None if inner == UNIT else self.fresh(inner, right.span)  # UNIT: an outer product
        pair = Mul(
            (self.at(left, _back(sl, row, k)), self.at(right, _back(sr, k, col))),
            ("",),
            span=node.span,
        )
        if k is None:
            return pair
        self.used.discard(k.name)  # bound here: a sibling may bind it again
        return Sum(pair, (k.name,), span=node.span)


def _as_matrix(shape: Shape, idx: At) -> tuple[Index | None, Index | None]:
    """The (row, column) indices of a product's result at `idx` (a vector is a column)."""
    if not shape:
        return None, None
    if len(shape) == 1:
        return idx[0], None
    return idx[0], idx[1]


def _back(shape: Shape, row: Index | None, col: Index | None) -> At:
    """An operand's own indices from those of its matrix form (a vector being a column)."""
    return (row,) if len(shape) == 1 else (row, col)


def _letters(idx: At) -> tuple[Index, ...]:
    return tuple(i for i in idx if i is not None)
