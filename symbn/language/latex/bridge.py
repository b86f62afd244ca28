"""A chain `A = B = C` whose middle side B cannot be read (a Jacobian of a vector by a
vector, ∂h/∂a, between a gradient and its elementwise product): the sides on either side of
it are still claimed against each other, A = C, which the chain asserts whatever B is; the
pairs with B are kept, so that B's reason is reported at its place. And `A \\equiv B` is
checked as = unless A is a lone name (then it says what the name stands for, and names a
gradient when B is a derivative).
"""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex.chains import chained_pairs
from symbn.language.latex.jacobians import row_gradient
from symbn.language.latex.rows import CHECKED
from symbn.language.latex.shapes import ShapeError, shape_of
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.tree import Diff, Node, Ref
from symbn.source.positions import TexError

Pair = tuple[Node, Node, str]


def bridged(pairs: Sequence[Pair], symbols: Symbols) -> list[Pair]:
    """`pairs` with their chains of derivatives read (`chains.chained_pairs`), each pair
    after an unreadable side of `=` relations claimed from the last readable side before
    it."""
    out: list[Pair] = []
    pairs = chained_pairs(pairs, symbols)  # ∂l/∂h ∂h/∂a: the chain rule
    carried: Node | None = None  # the last side read, when the side after it is not
    for written, right, rel in pairs:
        left = written
        if carried is not None and rel in CHECKED and _unread(left, symbols):
            left = carried
        out.append((left, right, rel))
        unread = rel in CHECKED and _unread(right, symbols)
        carried = left if unread and not _unread(left, symbols) else None
    return out


def _unread(side: Node, symbols: Symbols) -> bool:
    """Whether a side cannot be read on its own (a misfit of shapes within it is read: it
    is false as written; a gradient written as a row times a Jacobian is not)."""
    try:
        shape_of(side, symbols)
        row_gradient(side, symbols)
    except ShapeError:
        return False
    except TexError:
        return True
    return False


def identity(left: Node, right: Node, rel: str) -> None:
    """Refuse `A \\equiv B` with a lone name A: it says what the name stands for (`\\delta^l
    \\equiv \\delta A^l`), no identity to check; after anything else (`d_Q L(\\theta) \\equiv
    …`, the derivative identified with a matrix) it is checked as =. A name given a
    derivative (`\\delta^l_j \\equiv \\partial C / \\partial z^l_j`) is read as the definition
    `=` would write: the name of that gradient, which the lines below it read."""
    if rel == "\\equiv" and isinstance(left, Ref) and not isinstance(right, Diff):
        raise TexError(
            "\\equiv after a name says what the name stands for; it is not checked", left.span
        )
