"""Basis vectors the prose names, in the inferred context: `where $e_i$ is the $i$-th
Euclidean basis vector` makes e the identity's rows, the `[[define]]` `e[i, j] = Delta(i,
j)`, so that `e_i` is the column with a one at i (`e_i^t A` is A's row i, `\\sum_i e_i
e_i^t` the identity), not the i-th number of a vector e."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from symbn.language.latex.guess import Guess, Tensor
from symbn.language.latex.namesat import name_at, name_key
from symbn.language.latex.onehot import letter
from symbn.language.latex.texlex import tokenize
from symbn.source.document.markdown import Document
from symbn.source.positions import TexError

#: What the prose calls a basis vector.
WORDS = ("basis vector", "unit vector")


@dataclass(frozen=True)
class Basis:
    """`name[row, col] = Delta(row, col)`: the rows of the identity, at `index`."""

    name: str
    index: tuple[str, str]
    latex: str


def named(doc: Document) -> set[str]:
    """The names that the inline maths of a line saying `basis vector` (there or on the next
    line) starts with."""
    out = set()
    for d in doc.displays:
        k = d.origin.where(0).line
        said = " ".join(" ".join(doc.lines[k - 1 : k + 1]).lower().split())  # and the next
        if not d.inline or not any(w in said for w in WORDS):
            continue
        try:
            toks = tokenize(d.text)
        except TexError:
            continue
        name = name_at(toks, 0) if toks else None
        if name is not None:
            out.add(name_key(name))
    return out


def bases(
    guess: Guess,
    inputs: list[Tensor],
    shape: Callable[[Tensor], tuple[str, ...]],
    letters: dict[str, str],
) -> list[Basis]:
    """The inputs of one axis the prose calls basis vectors, each at two index letters over
    that axis (taken as `onehot.letter` takes them)."""
    out = []
    for t in inputs:
        full = shape(t)
        if not ({t.name, *t.spellings} & guess.basis) or len(full) != 1:
            continue
        row, col = letter(guess, letters, full[0], 0), letter(guess, letters, full[0], 1)
        if row is not None and col is not None:
            out.append(Basis(t.name, (row, col), t.spellings[0] if t.spellings else t.name))
    return out


def toml_lines(found: list[Basis]) -> list[str]:
    """Each basis as a `[[define]]` table of the context."""
    out = []
    for b in found:
        row, col = b.index
        latex = b.latex.replace("\\", "\\\\").replace('"', '\\"')
        out += ["", "[[define]]", f'name = "{b.name}"', f'index = ["{row}", "{col}"]']
        out += [f'expr = "Delta({row}, {col})"', f'latex = "{latex}"']
    return out
