"""The value an evaluation bar gives (`symbn.language.latex.bars`): a function of the
language, or its derivative, at the point the bar sets a scalar to."""

from __future__ import annotations

from symbn.language.latex import brackets
from symbn.language.latex.bars import MESSAGE, at
from symbn.language.latex.cursor import Cursor
from symbn.language.latex.tree import Call, Diff, Node, Ref, walk
from symbn.source.positions import TexError


def evaluated(p: Cursor, node: Node, bar: int) -> Node:
    """`node` at the point the bar beginning at token `bar` sets, the cursor moved past its
    subscript; a TexError naming the bar where that is no function at the point."""
    sub = at(p.t, bar, p.hi)
    assert sub is not None
    written = "".join(t.text for t in p.t[bar:sub])
    refused = TexError(MESSAGE.format(bar=written), p.t[bar].span.cover(p.t[sub].span))
    p.pos = sub + 1
    lo, hi = p.group()
    sides = brackets.split(p.t, p.b, lo, hi, frozenset({"="}))
    if len(sides) != 2:
        raise refused
    name, point = p.whole(*sides[0]), p.whole(*sides[1])
    scalar = isinstance(name, Ref) and not name.indices and name.kind == "tensor"
    if not scalar or p.s.shape(name.name) or any(n == name for n in walk(point)):
        raise refused
    if isinstance(node, Diff) and node.wrt == name and isinstance(node.expr, Call):
        node = Call(node.expr.func + "'", node.expr.arg, span=node.span)  # d/dz σ(z): σ'(z)
    if not isinstance(node, Call) or node.arg != name or node.func.endswith("''"):
        raise refused
    return Call(node.func, point, span=p.span_from(bar).cover(node.span))
