"""Letters a document uses as numbers, for the inferred context
(`symbn.language.latex.upper`): such a letter in a superscript of a name is a power, not a
step or a layer (`u_{ik}^{m-1}` beside `m u_{ik}^{m-1}` or `(\\ldots)^{\\frac{1}{m-1}}`).

A lower-case letter is a number of the document when some row writes it

- in the exponent of a bracket (`\\left(\\frac{1}{d}\\right)^{\\frac{1}{m-1}}`, `(a + b)^m`):
  a bracket has no layers, so what is raised is a power;
- as a coefficient before a name, outside every script (`m u_{ik}^{m-1}`, `m d^2(v, x)`).

A layer letter is written neither way (`a^{l-1}_k`, `w^{l+1}_{kj} \\delta^{l+1}_k`).
"""

from __future__ import annotations

from collections.abc import Iterable

from symbn.language.latex.namesat import arg_at
from symbn.language.latex.texlex import Token

#: What closes a bracket whose superscript is a power.
CLOSING = frozenset({")", "]", "\\}", "\\rbrace", "\\rbrack", "\\rangle"})


def numbers(rows: Iterable[tuple[Token, ...]]) -> set[str]:
    """The lower-case letters some row of `rows` uses as numbers (see the module)."""
    out: set[str] = set()
    for toks in rows:
        scripted = _in_scripts(toks)
        for n, t in enumerate(toks):
            if t.kind == "sup" and n > 0 and toks[n - 1].text in CLOSING:
                out |= {a.text for a in arg_at(toks, n + 1)[0] if _lower(a)}
            elif _lower(t) and n not in scripted and _coefficient(toks, n):
                out.add(t.text)
    return out


def exponents(rows: Iterable[tuple[Token, ...]]) -> set[str]:
    """The letters of `numbers` that some row writes in a superscript (`u^{m-1}`,
    `(\\ldots)^{\\frac{1}{m-1}}`): the exponents of the document, each a scalar."""
    rows = list(rows)
    raised = {
        a.text
        for toks in rows
        for n, t in enumerate(toks)
        if t.kind == "sup"
        for a in arg_at(toks, n + 1)[0]
        if _lower(a)
    }
    return numbers(rows) & raised


def _in_scripts(toks: tuple[Token, ...]) -> set[int]:
    """The positions of the tokens inside a script's argument."""
    out: set[int] = set()
    for n, t in enumerate(toks):
        if t.kind in ("sub", "sup"):
            _, after = arg_at(toks, n + 1)
            out |= set(range(n + 1, after))
    return out


def _coefficient(toks: tuple[Token, ...], n: int) -> bool:
    """Whether the letter at `n` stands apart before a name with a script (`m u_{ik}`, not
    `mu` nor `m_i`), and after no name it could be a letter of."""
    if n + 2 >= len(toks) or toks[n + 1].kind != "letter" or toks[n + 1].start == toks[n].end:
        return False
    if n > 0 and toks[n - 1].kind in ("letter", "command", "sub", "sup"):
        return False
    return toks[n + 2].kind in ("sub", "sup", "symbol") and toks[n + 2].text != ","


def _lower(t: Token) -> bool:
    return t.kind == "letter" and len(t.text) == 1 and t.text.islower()
