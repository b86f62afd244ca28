"""The gradient of a scalar written at what it is taken by: `\\nabla L(w_{i})`,
`\\nabla J(\\theta)`, `\\nabla \\mathcal{L}(b)`.

A name the context declares as a scalar, written against a bracket that holds one name or
one element (`w_{i}`, `b_{o}`, `\\mathbf{w}`), after `\\nabla` with no subscript, is read as
the derivative of that scalar by the argument: ∂L/∂w_i, as `\\nabla_{w_i} L` is. With
several arguments (`\\nabla f(x, y)`) the gradient is the vector of the partials by each;
that is not read, and the row is left unchecked with a reason naming it. A function the
document defines by a row (`g(x) = x^2 + 3x`) is put in before the maths is read, and its
gradient is written by the document reader as `\\nabla_{x}` of its body.
"""

from __future__ import annotations

from symbn.language.latex.applied import closing, plain, split_arguments
from symbn.language.latex.cursor import Cursor
from symbn.language.latex.symbols import spelling_key
from symbn.language.latex.tree import Diff, Node, Ref
from symbn.source.positions import TexError

#: The most tokens a scalar's name spans before its bracket: `\\mathcal{L}`, `\\text{Loss}`.
LONGEST_NAME = 4


def applied(p: Cursor, first: int) -> Node | None:
    """At p.pos, just after `\\nabla`: a declared scalar's name against a bracket of one
    plain argument, read as the scalar's derivative by that argument (p.pos moves past the
    bracket); None, nothing read, when the tokens are not a scalar's name at a bracket.
    A TexError when they are, but the bracket holds several arguments or a argument that is
    not one name."""
    found = _name_before_bracket(p)
    if found is None:
        return None
    name, bracket = found
    close = closing(p.t, bracket)
    if close is None or close > p.hi or close == bracket + 1:
        return None
    inside = p.t[bracket + 1 : close]
    parts = split_arguments(inside)
    if len(parts) > 1:
        raise TexError(
            "\\nabla of a function of several arguments is the vector of its partial "
            "derivatives; it is not read (write each component, "
            "\\frac{\\partial f}{\\partial x})",
            p.span_of(first, close + 1),
        )
    if not plain(inside):
        raise TexError(
            "\\nabla F(…) is read only at one name or element, F's derivative by it",
            p.span_of(first, close + 1),
        )
    wrt = p.whole(bracket + 1, close)
    if not isinstance(wrt, Ref) or wrt.kind != "tensor" or wrt.name == name:
        raise TexError(
            "\\nabla F(…) takes a declared name or one of its elements as its argument",
            p.span_of(bracket, close + 1),
        )
    of = Ref(name, p.s.kind(name), span=p.span_of(p.pos, bracket))
    p.pos = close + 1
    return Diff(of, wrt, "partial", span=p.span_from(first))


def _name_before_bracket(p: Cursor) -> tuple[str, int] | None:
    """The declared scalar spelled by the tokens from p.pos up to a `(` written against them,
    and the position of that `(`; None when there is none; a TexError when they spell a
    name with axes (its gradient at one argument is no derivative of one scalar)."""
    lo = p.pos
    for bracket in range(lo + 1, min(lo + LONGEST_NAME + 1, p.hi)):
        if p.t[bracket].text != "(" or p.t[bracket].start != p.t[bracket - 1].end:
            continue
        if any(t.kind in ("sub", "sup", "symbol") for t in p.t[lo:bracket]):
            return None
        name = p.s.name(spelling_key(p.t[lo:bracket]))
        if name is None or p.s.kind(name) not in ("tensor", "loss"):
            return None
        if p.s.shape(name):
            raise TexError(
                f"\\nabla {name}(…) is read only where {name} is a scalar; {name} has "
                f"{len(p.s.shape(name))} ax{'is' if len(p.s.shape(name)) == 1 else 'es'}",
                p.span_of(lo, bracket),
            )
        return name, bracket
    return None
