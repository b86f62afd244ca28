"""Layers of a network written in matrix notation, every name whole: `Z^{[l]} = W^{[l]}
A^{[l-1]} + b^{[l]}`, `\\delta^{(l)} = ((W^{(l+1)})^T \\delta^{(l+1)}) \\odot \\sigma'(z^{(l)})`,
for the inferred context (`symbn.language.latex.upper.step_letters`).

Where a layered name is written with a unit's index (`z^l_j`, `W^{[l]}_{jk}`, `a_k^{(l-1)}`),
the layer letter is an index on a leading axis, and the units say what each layer's
slice is. Where every name written with the layer letter is written whole, and the document
writes them as matrices (an upper-case name among them, or a transpose), nothing says what
a slice is: read on a layer axis, each name would be a scalar at its layer, and a line
missing a transpose (`W^{[l+1]} \\delta^{[l+1]}` for `(W^{[l+1]})^T \\delta^{[l+1]}`) would be
proved as a product of scalars. Each (name, layer) is then a name of its own (`W^{[l]}` is
Wl, `A^{[l-1]}` Alm1: `symbn.language.latex.suplabels`), whose shape the lines solve as a
matrix's, and a line of layer l reads `A^{[l-1]}` as its input (a bias at the layer of the
product's first factor, `b^{[l]}` of `W^{[l]} A^{[l-1]} + b^{[l]}`, is one of each unit, a row:
`symbn.language.latex.conformance.same_layer`); a line that writes a later
layer than the lines define (`\\delta^{[l+1]}`) is not judged
(`symbn.verify.inferred.later_layers`).
"""

from __future__ import annotations

from collections.abc import Iterable

from symbn.language.latex import suplabels
from symbn.language.latex.layerbounds import LETTERS
from symbn.language.latex.namesat import arg_at
from symbn.language.latex.texlex import Token

#: How a transpose is written in a superscript.
TRANSPOSES = frozenset({"T", "\\top", "\\intercal", "\\mathsf"})
#: The signs that move a layer: `l-1`, `l+1`.
SIGNS = frozenset({"+", "-"})


def _layer(arg: list[Token], x: str) -> tuple[bool, bool]:
    """Whether a superscript writes layer x (`l`, `L`, `[l-1]`, `(l+1)`, `[l]T`), and whether it
    also transposes (`A^{[l-1]T}`)."""
    transposed = bool(arg) and arg[-1].text in TRANSPOSES and len(arg) > 1
    texts = [a.text for a in suplabels.unbracketed(arg[:-1] if transposed else arg)]
    at = texts in ([x], [x.upper()]) or (texts[:1] == [x] and texts[1:2] and texts[1] in SIGNS)
    return bool(at), transposed


def _subscripted(toks: tuple[Token, ...], n: int) -> bool:
    """Whether the name before the superscript at n has a subscript of its own (`w_j^{[l]}`,
    `W_{ij}^{(l)}`) or one follows the superscript (`z^l_j`)."""
    k = n - 1
    if toks[k].kind == "close":  # the end of a group: `_{ij}`, or a font's `\\mathbf{z}`
        depth = 0
        while k >= 0:
            depth += {"close": 1, "open": -1}.get(toks[k].kind, 0)
            if depth == 0:
                break
            k -= 1
    before = k >= 2 and toks[k - 1].kind == "sub"
    after = arg_at(toks, n + 1)[1]
    return before or (after < len(toks) and toks[after].kind == "sub")


def _transposes(toks: tuple[Token, ...]) -> bool:
    """Whether a row writes a transpose as a superscript (`^T`, `^{\\top}`)."""
    return any(
        t.kind == "sup" and [a.text for a in arg_at(toks, n + 1)[0]][:1] in (["T"], ["\\top"])
        for n, t in enumerate(toks)
    )


def whole(rows: Iterable[tuple[Token, ...]], x: str) -> bool:
    """Whether the rows write every name at layer x whole, and as matrices (the module's
    docstring); only a layer's letter (`l`, or `\\ell` read as l) is read so."""
    if x not in LETTERS:
        return False  # h^{(t-1)}: a step in time, on its axis whatever its shape
    seen = matrix = False
    for toks in rows:
        for n in range(1, len(toks)):
            if toks[n].kind != "sup" or toks[n - 1].kind not in ("letter", "close", "command"):
                continue
            at, transposed = _layer(arg_at(toks, n + 1)[0], x)
            if not at:
                continue
            if _subscripted(toks, n):
                return False
            seen = True
            upper = toks[n - 1].kind == "letter" and toks[n - 1].text.isupper()
            matrix = matrix or upper or transposed or _transposes(toks)
    return seen and matrix
