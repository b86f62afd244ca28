"""The sizes of a network's layers as derivations write them, for the inferred context
(`symbn.language.latex.infer`), once the layer letter l is known (`upper.step_letters`):

- a per-layer width: the upper limit of a sum over a unit's index written with the layer
  letter under a letter of its own, `\\sum_{j=1}^{s_l}`, `\\sum_{k=1}^{n_{l-1}}`,
  `\\sum_{q=1}^{s_{(l+1)}}`, `\\sum_{j=1}^{n^{[l]}}`, or with the output layer,
  `\\sum_{j=1}^{n_L}`: that letter (s, n) names no tensor, and every layer is read at one
  width (a claim true for every width holds at one; the checker asks that the sum's letter
  stand at the layer the bound names, `symbn.language.latex.layerbounds`);
- the number of layers written with the layer letter, `n_l` of `\\sum_{l=1}^{n_l - 1}`,
  `a^{(n_l)}` or `l = n_l`: the size of the layer axis, spelled so (the L of `a^L`).

A letter is read so only where a sum or a layer position says it: `s_i` of a sum over i
stays a name of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from symbn.language.latex import upper
from symbn.language.latex.guess import Guess
from symbn.language.latex.layerbounds import LETTERS
from symbn.language.latex.namesat import arg_at, limits_at
from symbn.language.latex.sizing import add_size, differentiated
from symbn.language.latex.texlex import Token

#: Brackets around a layer label: `s_{(l+1)}`, `n^{[l]}`.
CLOSING = {"(": ")", "[": "]"}


@dataclass
class LayerSizes:
    """What a document writes of its layers' sizes."""

    widths: set[str] = field(default_factory=set)  # s of s_l: a layer's width, no tensor
    count: str = ""  # n_l of a^{(n_l)}: the number of layers, as written ("n_l")
    last: bool = False  # a^L, W^{[L]}: the output layer written as the layer letter's capital


def layer_label(toks: list[Token], steps: frozenset[str]) -> tuple[str, int] | None:
    """A layer written as a size's label: `l`, `l+1`, `(l-1)`, `[l]`, `L`, `L-1` (the letter,
    its capital the output layer) and the offset; None for anything else."""
    if len(toks) >= 3 and toks[0].text in CLOSING and toks[-1].text == CLOSING[toks[0].text]:
        toks = toks[1:-1]
    if not toks or toks[0].kind != "letter" or toks[0].text.lower() not in steps:
        return None
    if len(toks) == 1:
        return toks[0].text, 0
    if len(toks) == 3 and toks[1].text in "+-" and toks[2].kind == "number":
        step = int(toks[2].text)
        return toks[0].text, step if toks[1].text == "+" else -step
    return None


def labelled_size(
    toks: list[Token], steps: frozenset[str]
) -> tuple[str, tuple[str, int], int] | None:
    """`s_l`, `s_{l+1}`, `n^{[l]}`, `n_{L-1}` at the start of `toks`: its letter, its layer
    and where it ends."""
    if len(toks) < 3 or toks[0].kind != "letter" or toks[1].kind not in ("sub", "sup"):
        return None
    arg, end = arg_at(tuple(toks), 2)
    layer = layer_label(arg, steps)
    if layer is None or (toks[1].kind == "sup" and arg[0].text != "["):
        return None  # (n^l is a power of n; n^{[l]} the width of layer l)
    return toks[0].text, layer, end


def layer_sizes(rows: list[tuple[Token, ...]], guess: Guess) -> None:
    """Into `guess`: the widths, which name no tensor, and the number of layers as the
    range of the layer letter (`l` or `ell`; a letter that is both a width and the count is
    a width only); the labels of functions of layered names (`h_{W,b}`). A size the rows
    differentiate is none (`sizing.differentiated`: L the loss beside `a^{[L]}`)."""
    _layer_sizes(rows, guess)
    differentiated(rows, guess)


def _layer_sizes(rows: list[tuple[Token, ...]], guess: Guess) -> None:
    if not guess.steps:
        return
    guess.labels |= parameter_labels(rows, guess.steps)  # h_{W,b}: h of W and b
    layer = next((x for x in guess.steps if x in LETTERS), None)
    if layer is None:  # (t of h^{t-1}: steps in time, no widths)
        return
    found = read_sizes(rows, [layer])
    letter = found.count.split("_")[0]
    guess.widths |= found.widths | ({letter} if found.count else set())
    if found.count and letter not in found.widths and layer not in guess.ranges:
        guess.ranges[layer] = guess.layer_count = found.count
        add_size(guess, found.count)
    elif found.last and layer not in guess.ranges:  # a^L beside A^{[l-1]}: l runs up to L
        guess.ranges[layer] = layer.upper()
        add_size(guess, layer.upper())


def read_sizes(rows: list[tuple[Token, ...]], steps: list[str]) -> LayerSizes:
    """The widths and the number of layers the rows write (`LayerSizes`)."""
    out = LayerSizes()
    letters = frozenset(steps)
    if not letters:
        return out
    for toks in rows:
        for n, t in enumerate(toks):
            if t.text == "\\sum":
                _bound(toks, n, letters, out)
            if t.kind == "sup" and n > 0 and toks[n - 1].kind in ("letter", "close", "command"):
                arg = arg_at(toks, n + 1)[0]  # a^{(n_l)}: the last layer, in brackets
                upper = [a.text for a in arg if a.text not in CLOSING and a.text not in ")]"]
                out.last = out.last or upper in [[x.upper()] for x in letters]
                if len(arg) > 2 and arg[0].text in CLOSING and arg[-1].text == CLOSING[arg[0].text]:
                    _count(arg[1:-1], letters, out)
            if t.text == "=" and 0 < n < len(toks) - 1 and toks[n - 1].text in letters:
                _count(list(toks[n + 1 :]), letters, out)  # l = n_l
    return out


def _bound(toks: tuple[Token, ...], n: int, letters: frozenset[str], out: LayerSizes) -> None:
    low, m = limits_at(toks, n)
    if not low or low[0].kind != "letter" or m >= len(toks) or toks[m].kind != "sup":
        return
    high = arg_at(toks, m + 1)[0]
    if low[0].text in letters:  # \sum_{l=1}^{n_l - 1}: over the layers
        _count(high, letters, out)
        return
    found = labelled_size(high, letters)
    if found is not None and found[2] == len(high):
        out.widths.add(found[0])


def _count(toks: list[Token], letters: frozenset[str], out: LayerSizes) -> None:
    """`n_l` (or `n_l - 1`) as the number of layers: a letter under the layer letter."""
    found = labelled_size(toks, letters)
    if found is None or found[1][1] != 0 or found[1][0] not in letters or out.count:
        return
    rest = [t.text for t in toks[found[2] :]]
    if rest in ([], ["-", "1"]) and toks[1].kind == "sub":
        out.count = f"{toks[0].text}_{found[1][0]}"


def parameter_labels(rows: list[tuple[Token, ...]], steps: list[str]) -> set[str]:
    """`h_{W,b}`: a subscript of the names the document writes at layers (`W^{(l)}_{ij}`,
    `b^{(l)}_i`), which says what a function is of, a label (h_Wb), not index letters."""
    letters = frozenset(steps)
    layered: set[str] = set()
    for toks in rows:
        for n in range(1, len(toks)):
            arg = arg_at(toks, n + 1)[0] if toks[n].kind == "sup" else []
            inner = arg[1:-1] if arg[:1] and arg[0].text in CLOSING else arg
            if inner and inner[0].text in letters and (base := upper.labelled_base(toks, n)):
                layered.add(base)
    out = set()
    for toks in rows:
        for n in range(1, len(toks) - 1):
            if toks[n].kind != "sub" or toks[n - 1].kind != "letter":
                continue
            parts = [a.text for a in arg_at(toks, n + 1)[0] if a.text != ","]
            if len(parts) >= 2 and all(x in layered for x in parts):
                out.add(f"{toks[n - 1].text}_{''.join(parts)}")
    return out
