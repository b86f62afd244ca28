"""A sum over the units of one layer, its upper limit that layer's width: `\\sum_{j=1}^{s_l}`,
`\\sum_{k=1}^{n_{l-1}}`, `\\sum_{q=1}^{s_{(l+1)}}`, `\\sum_{j=1}^{n^{[l]}}`, `\\sum_{j=1}^{n_L}`,
`\\sum_{i=1}^{s_{n_l}}` (the output layer spelled as the number of layers).

The reader holds every layer at one width (the units' size; a claim true for any widths is
true at equal ones, and one false there is false), so such a sum runs over the whole range
of its letter. What the width says is kept as a condition on the summand: each name of one
layer and one unit (`a^{(l+1)}_j`, `\\delta_j^{l+1}`, `\\partial z_j^{(l+1)}`) that holds the
sum's letter at its unit must be at the layer the width names, else the row is not read
(a slip of the bound, s_l for s_{l+1}, would be invisible at one width). A weight, two units
at a layer, says nothing, since documents put its layer on either side of it.

The width is a letter with a layer under it that names nothing of the context (s, n): a
name or size the context declares is read as it is.
"""

from __future__ import annotations

from symbn.language.latex.cursor import Cursor
from symbn.language.latex.namesat import arg_at
from symbn.language.latex.symbols import spelling_key
from symbn.language.latex.tree import Index, Last, Letter, Node, Ref, walk
from symbn.source.positions import TexError

#: The index letters of a layer axis (`symbn.language.layers.LETTERS`, which imports the
#: reader's claims and cannot be imported here).
LETTERS = frozenset({"l", "ell"})
#: The brackets a layer may be written in under a width: `s_{(l+1)}`, `n^{[l]}`.
CLOSING = {"(": ")", "[": "]"}


def layer_axis(p: Cursor) -> tuple[str, str] | None:
    """The index letter of the layers and their number (l, L), if the context has one."""
    return next(((x, s) for x, s in p.s.indices.items() if x in LETTERS), None)


def width_layer(p: Cursor, lo: int, hi: int) -> Index | None:
    """The layer whose width tokens[lo:hi] write (`s_{l+1}`: l + 1; `s_{n_l}`: the last),
    or None when they are no width of a layer."""
    axis = layer_axis(p)
    toks = p.t[lo:hi]
    if axis is None or len(toks) < 3 or toks[0].kind != "letter" or len(toks[0].text) != 1:
        return None
    if p.s.name(toks[0].text) is not None or toks[1].kind not in ("sub", "sup"):
        return None
    arg, end = arg_at(tuple(toks), 2)
    if end != len(toks) or not arg:
        return None
    a = lo + (3 if toks[2].kind == "open" else 2)
    b = a + len(arg)
    bracketed = arg[0].text in CLOSING and arg[-1].text == CLOSING[arg[0].text]
    if toks[1].kind == "sup" and not (bracketed and arg[0].text == "["):
        return None  # n^l: a power; n^{[l]}: the width of layer l
    if bracketed:
        a, b = a + 1, b - 1
    named = p.s.name(spelling_key(p.t[a:b]))
    if named == axis[1]:
        return Last(axis[1], span=p.span_of(a, b))  # s_{n_l}: the last layer's
    written = {t.text for t in p.t[a:b] if t.kind == "letter"}
    if not written & {axis[0], axis[1]}:
        return None
    try:
        return p.position(a, b, axis[1], "the layer of a width")
    except TexError:
        return None


def unit_letter(p: Cursor, lo: int, hi: int) -> str | None:
    """The letter of a sum from the first unit, `j=1` (or `j`), if it is a unit's index
    (not the layer letter)."""
    toks = [t.text for t in p.t[lo:hi]]
    if toks[1:] not in ([], ["=", "1"]) or toks[0] not in p.s.indices or toks[0] in LETTERS:
        return None
    return toks[0]


def check_layer(p: Cursor, letter: str, layer: Index, body: Node, first: int) -> None:
    """Raise where the summand holds `letter` at the unit of a name of another layer than
    the width's (`\\sum_{j=1}^{s_l} \\delta^{(l+1)}_j`), or at no name of one layer's units
    (`\\sum_{j=1}^{s_l} W^{(l)}_{ji}`: the width cannot be checked)."""
    axis = layer_axis(p)
    if axis is None:
        return
    seen = False
    for node in walk(body):
        if not isinstance(node, Ref) or len(node.indices) != 2:
            continue
        shape = p.s.shape(node.name)
        if len(shape) != 2 or shape[0] != axis[1] or node.indices[1] != Letter(letter):
            continue
        seen = True
        if node.indices[0] != layer:
            raise TexError(
                f"the sum's upper limit is the width of another layer than the one "
                f"{node.name} stands at; {letter} runs over the units of one layer",
                p.span_from(first),
            )
    if not seen:  # (only a weight's units, or no layer's: the width says nothing checkable)
        raise TexError(
            f"the sum's upper limit is the width of a layer, and no name of one layer's units "
            f"holds {letter}: which layer {letter} runs over is not read",
            p.span_from(first),
        )
