"""One-hot targets of class labels, in the inferred context: a name the prose calls one-hot
(`one-hot targets $Y \\in \\mathbb{R}^{N \\times C}$`) beside the one label of the same rows
whose classes run along its last axis (y of `P_{i, y_i}`, of shape N, classes C) is the
one-hot of that label, `Y[i, c] = Delta(c, y[i])`: a `[[define]]` of the context, so that
∂L/∂Z = (P − Y)/N, written with Y of a loss written with y, is checked. A one-hot name
with no such label, or with several, stays an input whose rows sum to one (`simplex`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from symbn.language.latex.guess import Guess, Tensor
from symbn.language.latex.namesat import arg_at, limits_at, name_at, name_key
from symbn.language.latex.texlex import Token

#: Letters an encoding may take as fresh indices, in the order they are taken.
FRESH = "cqrsuvwefgo"


@dataclass(frozen=True)
class Encoding:
    """`name[rows..., cls] = Delta(cls, label[rows...])`, at the index letters `index`."""

    name: str
    label: str
    index: tuple[str, ...]
    latex: str


def encodings(
    guess: Guess,
    inputs: list[Tensor],
    shape: Callable[[Tensor], tuple[str, ...]],
    classes: Callable[[Tensor], str | None],
    letters: dict[str, str],
) -> list[Encoding]:
    """The inputs that are one-hot encodings of a label, each at index letters over its
    axes: the letters of `letters` (index letter -> size) first, then fresh ones, which
    are added to `letters`."""
    labels = [(t, shape(t), c) for t in inputs if (c := classes(t)) is not None]
    out = []
    for t in inputs:
        full = shape(t)
        if t.name not in guess.one_hot or len(full) < 2:
            continue
        of = [y for y, rows, c in labels if rows == full[:-1] and c == full[-1]]
        if len(of) != 1:
            continue
        index = tuple(letter(guess, letters, s, full[:k].count(s)) for k, s in enumerate(full))
        if None in index:
            continue
        latex = t.spellings[0] if t.spellings else t.name
        out.append(Encoding(t.name, of[0].name, tuple(x for x in index if x), latex))
    return out


def letter(guess: Guess, letters: dict[str, str], size: str, used: int) -> str | None:
    """An index letter over `size`: a declared one (the `used`-th, so that one tensor's
    axes of one size get distinct letters), else a fresh one nothing else names (None:
    none is left)."""
    over = sorted(x for x, s in letters.items() if s == size)
    if used < len(over):
        return over[used]
    taken = {*letters, *guess.ranges, *guess.tensors, *guess.sizes, *guess.bare, *guess.letters}
    fresh = next((x for x in FRESH if x not in taken), None)
    if fresh is not None:
        letters[fresh] = size
    return fresh


def toml_lines(encoded: list[Encoding]) -> list[str]:
    """Each encoding as a `[[define]]` table of the context."""
    out = []
    for e in encoded:
        rows, cls = ", ".join(e.index[:-1]), e.index[-1]
        latex = e.latex.replace("\\", "\\\\").replace('"', '\\"')
        out += ["", "[[define]]", f'name = "{e.name}"']
        index = ", ".join(f'"{x}"' for x in e.index)
        out += [f"index = [{index}]"]
        out += [f'expr = "Delta({cls}, {e.label}[{rows}])"', f'latex = "{latex}"']
    return out


def summing_to_one(rows: Iterable[tuple[Token, ...]]) -> set[str]:
    """The names a row says sum to one over their index (`\\sum_i y_i = 1`, `\\sum_{k=1}^K
    t_k = 1`, in a display or in a sentence): a one-hot or a probability vector, whose
    elements the context declares summing to one (`simplex`)."""
    out = set()
    for toks in rows:
        texts = [t.text for t in toks]
        if texts[-2:] != ["=", "1"] or not texts or texts[0] != "\\sum":
            continue
        low, m = limits_at(toks, 0)
        if not low or low[0].kind != "letter":
            continue
        if m < len(toks) and toks[m].kind == "sup":
            m = arg_at(toks, m + 1)[1]
        name = name_at(toks, m, frozenset({low[0].text}))
        if name is not None and name.end == len(toks) - 2 and name.letters == [low[0].text]:
            out.add(name_key(name))
    return out
