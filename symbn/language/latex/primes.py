"""An index letter written with a prime in a script (`A^{ij'}`, `\\sum_{j'}`): a second index
over the same range as j, read as a spare letter of that range that the maths around does
not use, the same one wherever j' stands in it. A prime elsewhere (`\\sigma'(z)`, `f'`) is
not touched."""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex.symbols import Symbols
from symbn.language.latex.texlex import Token


def unprimed(
    tokens: Sequence[Token], symbols: Symbols, lo: int, hi: int
) -> tuple[Sequence[Token], int]:
    """The tokens with each primed index letter in a script replaced by its spare letter,
    and where tokens[hi] now stands (the tokens unchanged when none is primed)."""
    scripted = _in_scripts(tokens)
    primed = [k for k in range(len(tokens) - 1) if k in scripted and _primed(tokens, k, symbols)]
    if not primed:
        return tokens, hi
    used = {t.text for t in tokens if t.kind == "letter"}
    spare: dict[str, str] = {}
    for x in dict.fromkeys(tokens[k].text for k in primed):
        free = [y for y in symbols.over(symbols.indices[x]) if y not in used | {*spare.values()}]
        if free:
            spare[x] = free[0]
    out = list(tokens)
    for k in reversed(primed):  # the letters are chosen for the whole row, put in at lo:hi
        if tokens[k].text in spare and lo <= k < hi:
            out[k : k + 2] = [
                Token("letter", spare[tokens[k].text], tokens[k].start, tokens[k + 1].end)
            ]
            hi -= 1
    return out, hi


def _primed(tokens: Sequence[Token], k: int, symbols: Symbols) -> bool:
    t, after = tokens[k], tokens[k + 1]
    return (
        t.kind == "letter"
        and t.text in symbols.indices
        and after.kind == "symbol"
        and after.text == "'"
        and after.start == t.end
    )


def _in_scripts(tokens: Sequence[Token]) -> set[int]:
    """The positions inside a group that follows `_` or `^`, or the one token after it."""
    out: set[int] = set()
    opened: list[bool] = []  # for each open group: whether it is a script's
    for k, t in enumerate(tokens):
        if t.kind == "open":
            opened.append(k > 0 and tokens[k - 1].kind in ("sub", "sup"))
        elif t.kind == "close" and opened:
            opened.pop()
        elif any(opened) or (k > 0 and tokens[k - 1].kind in ("sub", "sup")):
            out.add(k)
    return out
