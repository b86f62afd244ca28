"""Inline maths in prose: which inline equations are claims.

An inline equation is part of a sentence. Between sizes and numbers only (`$N = 3$`,
`$H = W = 5$`) it sets a worked example's sizes; otherwise it is checked only when it is
plainly a derivation step: it has a derivative (`\\sigma'(x)` too), or every side has a name
the document defines (not an input, not a size), as in `$y = \\gamma \\hat{h} + \\beta$`, or
its left side is such a name, which the equation may define (`$r_i = \\sqrt{\\dots}$`; when it
is not that name's definition, it is prose: `DEFINES_ONLY`). A name equated with itself at
another position (`$c^{t+1} = c^t$`) describes a recurrence's step, and is prose too. Any
other inline equation (`$t_2 = 1 - t_1$`, about inputs only) is prose: unchecked, with that
reason, and never refuted.
"""

from __future__ import annotations

from dataclasses import replace

from symbn.language.latex.rows import Line
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.tree import Call, Diff, Node, Num, Prime, Ref, children, walk
from symbn.source.positions import note

SETTING = (
    "an inline equation between sizes and numbers sets a worked example's sizes; it is not a claim"
)
PROSE = (
    "an inline equation in prose is checked only when it is a derivation step (a "
    "derivative, or a defined name on every side); this one is not"
)

MOVED = (
    "an inline equation between a name and the same name at another position describes a "
    "step of a recurrence (how a value passes on), not a derivation step; it is not a claim"
)

DEFINES_ONLY = (
    "an inline equation in prose for a name the document defines is read as its definition "
    "only; this name is defined elsewhere, so this is not a claim"
)


def settle(line: Line, symbols: Symbols) -> Line:
    """An inline equation line as it is to be read: a claim, or prose with the reason."""
    if line.env != "inline" or line.kind != "equation":
        return line
    if line.relations and all(r == "\\in" for r in line.relations):
        return line  # `$x \\in \\mathbb{R}^d$`: a shape, read as a display's is
    if _derivative(line):
        return line
    moved = _moved(line)
    if not moved and all(_names_defined(side, symbols) for side in line.sides):
        return line
    if not moved and defines_only(line, symbols):
        return line  # `$r_i = \\sqrt{…}$`: kept for the definitions, prose otherwise
    reason = SETTING if all(_setting_side(side) for side in line.sides) else PROSE
    reason = MOVED if moved else reason
    return replace(
        line,
        kind="prose",
        notes=(*line.notes, note(line.display.origin, "unchecked", "inline", reason, line.span)),
    )


def defines_only(line: Line, symbols: Symbols) -> bool:
    """Whether an inline equation is read only because its left side is a name the
    document defines (it may be that name's definition; if it is not, it is prose)."""
    if line.env != "inline" or line.kind != "equation" or not line.sides:
        return False
    if _derivative(line):
        return False
    if all(_names_defined(side, symbols) for side in line.sides):
        return False
    first = line.sides[0]
    return isinstance(first, Ref) and first.kind == "tensor" and _names_defined(first, symbols)


def _derivative(line: Line) -> bool:
    """Whether a line writes a derivative: `\\partial`, `d/dx`, `u'`, or a function's
    derivative at a point (`\\sigma'(x)`)."""
    return any(
        isinstance(n, Diff | Prime) or (isinstance(n, Call) and n.func.endswith("'"))
        for side in line.sides
        for n in walk(side)
    )


def _names_defined(side: Node, symbols: Symbols) -> bool:
    """Whether a side names the loss or a tensor the document defines."""
    defined = set(symbols.tensors) - set(symbols.inputs or ())
    return any(
        isinstance(n, Ref) and (n.kind == "loss" or (n.kind != "size" and n.name in defined))
        for n in walk(side)
    )


def _moved(line: Line) -> bool:
    """Whether an inline equation only equates a name with itself at other indices
    (`$c^{t+1} = c^t$`, "the cell state passes on unchanged")."""
    if len(line.sides) != 2:
        return False
    a, b = line.sides
    return isinstance(a, Ref) and isinstance(b, Ref) and a.name == b.name and a != b


def _setting_side(side: Node) -> bool:
    return all(
        isinstance(n, Num) or (isinstance(n, Ref) and n.kind == "size")
        for n in walk(side)
        if not children(n)
    )
