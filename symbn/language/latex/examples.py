"""A scalar of one example, named with the example's letter: `E_n = \\frac{1}{2} \\sum_k
(y_k - d_k)^2`, the error of example n.

A document may name the loss of one example by a subscript that its maths uses nowhere
else: the row defines E_n from the outputs of that example, written without n. The letter
is then part of the name (the scalar E_n, as a layer's `[l]` is of `W^{[l]}`), not an axis
along which the definition would be constant. It is read so only when the row `E_n = …`
stands in the displays and every use of the letter in them is that subscript of that name:
a letter some sum runs over (`E = \\sum_n E_n`), or one that another name carries
(`y_{nk}`), stays an index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from symbn.language.latex.texlex import Token


def example_labels(rows: Sequence[tuple[Token, ...]], taken: Iterable[str]) -> set[str]:
    """The names `E_n` (as `E_n`) that display rows define with a subscript letter used
    nowhere else in them; `taken` are the letters that sums run over."""
    summed = set(taken)
    out = set()
    for toks in rows:
        found = _defined_at(toks)
        if found is None or found[1] in summed or found[1] == found[0]:
            continue
        base, letter = found
        if all(_on(toks2, base, letter) for toks2 in rows):
            out.add(f"{base}_{letter}")
    return out


def _defined_at(toks: tuple[Token, ...]) -> tuple[str, str] | None:
    """(name, letter) of a row that begins `E_n =` or `E_{n} =`; None otherwise."""
    texts = [t.text for t in toks[:6]]
    if len(toks) < 4 or toks[0].kind != "letter" or toks[1].kind != "sub":
        return None
    if toks[2].kind == "letter" and texts[3] == "=":
        return toks[0].text, toks[2].text
    if texts[2:5] == ["{", toks[3].text, "}"] and toks[3].kind == "letter" and texts[5:6] == ["="]:
        return toks[0].text, toks[3].text
    return None


def _on(toks: tuple[Token, ...], base: str, letter: str) -> bool:
    """Whether every use of `letter` in the row is the subscript of `base`."""
    for n, t in enumerate(toks):
        if t.kind != "letter" or t.text != letter:
            continue
        braced = n >= 3 and toks[n - 1].kind == "open" and n + 1 < len(toks)
        closed = braced and toks[n + 1].kind == "close" and toks[n - 2].kind == "sub"
        if closed and toks[n - 3].text == base:
            continue
        if n >= 2 and toks[n - 1].kind == "sub" and toks[n - 2].text == base:
            continue
        return False
    return True
