"""Whether a document counts its positions from 0, for the inferred context
(`symbn.language.latex.infer`): an input written at step 0 (`x^0`, `x_0`, `x^{(0)}`), an
input's element at position 0 of an axis among others (`T_{r,0}`, as NumPy's `T[r, 0]` is
written once the lexer has read it, `symbn.language.latex.bracketed`), or a sum from 0
(`\\sum_{i=0}^{N}`), says the first position is 0, not 1."""

from __future__ import annotations

from collections.abc import Iterable

from symbn.language.latex.guess import Guess
from symbn.language.latex.namesat import arg_at, limits_at
from symbn.language.latex.texlex import Token


def counted_from_zero(rows: Iterable[tuple[Token, ...]], guess: Guess) -> bool:
    """Whether some row writes an input at step 0 or a sum from 0."""
    return any(_input_at_zero(toks, guess) or _sum_from_zero(toks) for toks in rows)


def _input_at_zero(toks: tuple[Token, ...], guess: Guess) -> bool:
    """Whether a row writes an input with axes at step 0 (`x^0`, `x_0`, `x^{(0)}`): the
    sequence itself starts at 0, not a state before it (`h_0`, a defined name's)."""
    for n, t in enumerate(toks[:-2]):
        tensor = guess.tensors.get(t.text) if t.kind == "letter" else None
        if tensor is None or tensor.defined or not tensor.axes:
            continue
        arg = [a.text for a in arg_at(toks, n + 2)[0]] if toks[n + 1].kind in ("sub", "sup") else []
        if arg in (["0"], ["(", "0", ")"]) or _zero_among(toks, n + 1):
            return True
    return False


def _zero_among(toks: tuple[Token, ...], n: int) -> bool:
    """Whether the scripts from `n` hold a subscript of several positions, one of them 0
    (`T_{r,0}`, `A^{(i)}_{k,0}`)."""
    for _ in range(2):
        if n + 1 >= len(toks) or toks[n].kind not in ("sub", "sup"):
            return False
        arg, after = arg_at(toks, n + 1)
        pieces = " ".join(a.text for a in arg).split(" , ")
        if toks[n].kind == "sub" and len(pieces) > 1 and "0" in pieces:
            return True
        n = after
    return False


def _sum_from_zero(toks: tuple[Token, ...]) -> bool:
    """Whether a row writes a sum from 0 (`\\sum_{i=0}^{N}`): its positions count from 0."""
    return any([a.text for a in limits_at(toks, n)[0]][1:] == ["=", "0"] for n in range(len(toks)))
