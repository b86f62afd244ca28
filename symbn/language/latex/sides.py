"""Both sides of an equation at index level, printed in the expression language.

A matrix-level pair (`h = XW + b`) is read element by element at fresh index letters; one
matrix-level side is read at the index letters the other side leaves free (`u = h_{kl} -
\\mu_l` claims u[k, l] = h[k, l] - mu[l]), or at fresh ones when the other side is a constant
(`\\sum_t y_t = 0`: zero at every element); ellipses are read first.
"""

from __future__ import annotations

from symbn.language.latex import differentials, ellipsis
from symbn.language.latex.lowering import elementwise
from symbn.language.latex.printer import to_language
from symbn.language.latex.shapes import Shape, ShapeError, shape_of, squeeze, unify
from symbn.language.latex.symbols import Symbols
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
    Number,
    Pow,
    Ref,
    free_indices,
    rebuild,
    walk,
)
from symbn.source.positions import Span, TexError


def shape_text(shape: Shape) -> str:
    """A shape as a size claim shows it: `N × L`, or `scalar`."""
    return " × ".join(shape) if shape else "scalar"


def texts(left: Node, right: Node, symbols: Symbols, wrt: Node | None) -> tuple[str, str]:
    """Both sides printed, their ellipses read and matrix-level sides read element-wise."""
    left, right = _indexed(left, right, symbols, wrt)
    return to_language(left, symbols, wrt=wrt), to_language(right, symbols, wrt=wrt)


def _indexed(left: Node, right: Node, symbols: Symbols, wrt: Node | None) -> tuple[Node, Node]:
    """Both sides at index level, their ellipses read first."""
    left, right = at_element(left, symbols), at_element(right, symbols)
    avoid = frozenset(free_indices(left)) | frozenset(free_indices(right))
    left = ellipsis.resolve(left, symbols, avoid)
    right = ellipsis.resolve(right, symbols, avoid)
    return align(left, right, symbols, wrt)


def at_element(node: Node, symbols: Symbols) -> Node:
    """`\\frac{\\partial (\\gamma \\hat{x} + \\beta)}{\\partial \\hat{x}_k}`: a tensor
    written whole inside a derivative by its own element, every other name there a scalar
    or written at its indices, stands at that element (γ x̂_k + β); the derivative of an
    elementwise expression by one element reads no other."""
    if isinstance(node, Diff) and isinstance(node.wrt, Ref) and node.wrt.indices:
        v = node.wrt
        names = [x for x in walk(node.expr) if isinstance(x, Ref)]
        whole = [x for x in names if not x.indices and symbols.shape(x.name)]
        alone = whole and all(x.name == v.name for x in whole)
        if alone and len(symbols.shape(v.name)) == len(v.indices) and not _summed(node.expr):
            return Diff(_placed(node.expr, v), v, node.style, span=node.span)
    return rebuild(node, lambda c: at_element(c, symbols))


def _placed(node: Node, v: Ref) -> Node:
    if isinstance(node, Ref) and node.name == v.name and not node.indices:
        return Ref(v.name, v.kind, v.indices, span=node.span)
    return rebuild(node, lambda c: _placed(c, v))


#: What an elementwise expression is made of (a sum, a transpose, a softmax is not).
_ELEMENTWISE = (Ref, Num, Neg, Add, Mul, Div, Pow, Call, Letter, Number)


def _summed(node: Node) -> bool:
    """Whether anything but an elementwise expression stands in `node`."""
    return any(
        not isinstance(x, _ELEMENTWISE) or (isinstance(x, Call) and x.func == "softmax")
        for x in walk(node)
    )


def by_variable(
    left: Node, right: Node, symbols: Symbols, wrt: Node | None, span: Span
) -> list[tuple[str, str]]:
    """A pair written in differentials, one printed pair for each variable it varies (see
    differentials.py)."""
    left, right = _indexed(left, right, symbols, wrt)
    used = {x.name for side in (left, right) for x in walk(side) if isinstance(x, Letter)}
    out = []
    for name in differentials.variables_of(left, right, symbols, span):
        element = fresh(symbols.shape(name), symbols, used, span)
        at = Ref(name, symbols.kind(name), element)
        a, b = (differentials.by(side, at, symbols.inputs) for side in (left, right))
        out.append((to_language(a, symbols, wrt=wrt), to_language(b, symbols, wrt=wrt)))
    return out


def align(left: Node, right: Node, symbols: Symbols, wrt: Node | None = None) -> tuple[Node, Node]:
    """Both sides at index level: a matrix-level pair at fresh indices; one matrix-level
    side at the indices the other side leaves free (not those of `wrt`), or, when it is
    elementwise and none is left, at those both sides write (`y_i = \\gamma_i \\hat{x} +
    \\beta_i`: x̂ at i)."""
    diagonal = diagonal_pair(left, right, symbols, wrt)
    if diagonal is not None:
        return diagonal
    sl, sr = squeeze(shape_of(left, symbols)), squeeze(shape_of(right, symbols))
    if not sl and not sr:
        return elementwise(left, (), symbols), elementwise(right, (), symbols)
    used = _written(left) | _written(right)
    if sl and sr:
        both = _same(sl, sr)
        if both is None:
            raise ShapeError(
                f"the left side is {shape_text(sl)} and the right side {shape_text(sr)}", right.span
            )
        at = fresh(both, symbols, used, left.span)
        return elementwise(left, at, symbols), elementwise(right, at, symbols)
    whole, other = (left, right) if sl else (right, left)
    shape = sl or sr
    taken = set(free_indices(whole)) | (set(free_indices(wrt)) if wrt is not None else set())
    constant = not any(
        isinstance(n, Diff) or (isinstance(n, Ref) and n.kind != "size") for n in walk(other)
    )
    if constant or _by_scalar(whole, other, symbols):  # Σ_t y_t = 0: zero at every element
        # (not y = x w, a product unsaid); ∂x̂/∂μ = -1/σ: each element's derivative
        at = fresh(shape, symbols, used, whole.span)
    else:
        free = [i for i in free_indices(other) if i not in taken]
        if not any(symbols.indices[c] in shape for c in free) and not _summed(whole):
            free = [i for i in free_indices(other) if i in taken]  # γ_i x̂ + β_i: x̂ at i
        at = _implied(shape, free, symbols, whole)
    at_whole = elementwise(whole, at, symbols)
    other = elementwise(other, (), symbols)
    return (at_whole, other) if sl else (other, at_whole)


def _by_scalar(whole: Node, other: Node, symbols: Symbols) -> bool:
    """Whether `whole` is a derivative by a scalar (`∂x̂/∂μ`) and `other` a scalar with no
    free index: the derivative of each element is that scalar."""
    if not isinstance(whole, Diff) or free_indices(other):
        return False
    try:
        return not squeeze(shape_of(whole.wrt, symbols)) and not squeeze(shape_of(other, symbols))
    except TexError:
        return False


def diagonal_pair(
    left: Node, right: Node, symbols: Symbols, wrt: Node | None
) -> tuple[Node, Node] | None:
    """`\frac{ds}{dz} = s(1 - s)`, a vector's derivative by a vector of its size set equal
    to a vector: the derivative of a map taken element by element, which claims the whole
    Jacobian, ∂s_i/∂z_j = δ_ij (s(1 - s))_i, so that a map that is not elementwise (a
    softmax) is refuted by its entries off the diagonal; None for any other pair."""
    for d, other in ((left, right), (right, left)):
        if not isinstance(d, Diff) or not isinstance(d.wrt, Ref) or d.wrt.indices:
            continue
        try:
            of, by = (squeeze(shape_of(x, symbols)) for x in (d.expr, d.wrt))
            rest = squeeze(shape_of(other, symbols))
        except TexError:
            return None
        if len(of) != 1 or len(by) != 1 or len(rest) > 1:
            return None
        pair = unify(of[0], by[0])  # ∂y/∂x̂ = γ: a scalar, the same on the whole diagonal
        size = unify(pair, rest[0]) if pair is not None and rest else pair
        if size is None:
            return None
        used = _written(left) | _written(right)
        if wrt is not None:
            used |= set(free_indices(wrt))
        i, j = fresh((size, size), symbols, used, d.span)
        element = Ref(d.wrt.name, d.wrt.kind, (j,), span=d.wrt.span)
        jac = Diff(elementwise(d.expr, (i,), symbols), element, d.style, span=d.span)
        diag = Mul(
            (Delta(i, j, span=other.span), elementwise(other, (i,) if rest else (), symbols)), ("",)
        )
        return (jac, diag) if d is left else (diag, jac)
    return None


def _written(node: Node) -> set[str]:
    """The index letters a side writes, free or at a name under a sum (`\\sum_i e_i …`): a
    fresh letter must be none of them, or the sum would capture it. A sum whose letter the
    body never writes (`\\sum_j \\frac{\\partial L}{\\partial A} \\odot A`) sums along
    the axis that letter indexes, so that letter is left free to be taken."""
    return set(free_indices(node)) | {n.name for n in walk(node) if isinstance(n, Letter)}


def _same(a: Shape, b: Shape) -> Shape | None:
    """The shape two sides both have (a size left open on one side taken from the other)."""
    if len(a) != len(b):
        return None
    out = [unify(x, y) for x, y in zip(a, b, strict=True)]
    return None if None in out else tuple(x for x in out if x is not None)


def fresh(shape: Shape, symbols: Symbols, used: set[str], span: Span) -> tuple[Index, ...]:
    """Index letters for each axis of `shape`, none of them in `used`."""
    out = []
    for size in shape:
        letter = next((x for x in symbols.over(size) if x not in used), None)
        if letter is None:
            raise TexError(
                f"no index letter over {size} is free to read this line element by "
                "element; declare one",
                span,
            )
        used.add(letter)
        out.append(Letter(letter))
    return tuple(out)


def _implied(
    shape: Shape, candidates: list[str], symbols: Symbols, whole: Node
) -> tuple[Index, ...]:
    out = []
    for size in shape:
        fits = [c for c in candidates if symbols.indices[c] == size and c not in out]
        if len(fits) != 1:
            which = "nothing" if not fits else " or ".join(fits)
            raise TexError(
                f"this side is {shape_text(shape)} and the other side is at index "
                f"level; {which} could stand for its axis over {size}: write its "
                "indices",
                whole.span,
            )
        out.append(fits[0])
    return tuple(Letter(c) for c in out)
