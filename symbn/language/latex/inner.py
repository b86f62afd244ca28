"""A dot between two vectors written as vectors, `\\mathbf{w} \\cdot \\mathbf{x}` or
`\\vec{w} \\cdot \\vec{x}`: their inner product Σ_i w_i x_i, as `\\langle w, x \\rangle`.

Only names set in bold or under an arrow, each of one axis of one size in the context, are
read so: a dot between scalars, or between plain letters (`u \\cdot v` as the product rule
writes it, elementwise at matrix level), stays a product, and so does one beside a Greek
letter (`\\boldsymbol{\\gamma} \\cdot \\mathbf{x}`, a scale applied elementwise).
"""

from __future__ import annotations

from symbn.language.latex.cursor import Cursor
from symbn.language.latex.tree import Frobenius, Node, Ref

#: Commands that set a letter as a vector.
VECTOR_STYLES = frozenset({"\\mathbf", "\\vec", "\\boldsymbol", "\\bm", "\\overrightarrow"})


def vectors(p: Cursor, factors: list[Node], ops: list[str]) -> None:
    """Join the last two factors into their inner product when the operator between them is
    `\\cdot` and both are vectors written as such, of one size."""
    if not ops or ops[-1] != "\\cdot":
        return
    a, b = factors[-2], factors[-1]
    if not (_vector(p, a) and _vector(p, b) and _shape(p, a) == _shape(p, b)):
        return
    factors[-2:] = [Frobenius(a, b, span=a.span.cover(b.span))]
    ops.pop()


def _vector(p: Cursor, node: Node) -> bool:
    """Whether a factor is a vector (a name of one axis, or a row of a matrix, `\\mathbf{x}_i`)
    written in bold or under an arrow around one Latin letter (`\\mathbf{w}`, `\\vec x`)."""
    if len(_shape(p, node)) != 1:
        return False
    written = [t for t in p.t if node.span.start <= t.start and t.end <= node.span.end]
    if len(written) < 2 or written[0].text not in VECTOR_STYLES:
        return False
    if written[1].kind == "letter":  # \vec x
        return True
    return len(written) > 3 and written[2].kind == "letter" and written[3].kind == "close"


def _shape(p: Cursor, node: Node) -> tuple[str, ...]:
    """The shape of a name past its indices (a row's, of a matrix); () for anything else."""
    if not isinstance(node, Ref) or node.kind != "tensor":
        return ()
    return p.s.shape(node.name)[len(node.indices) :]
