"""`^t` as the transpose (`K^t`, `(e_i^t Q K^t)^t`), as many matrix-calculus notes write it.

The context says so with `[notation] transpose = "t"`; the inference says so when the
document's every t is a lone superscript, `^t` or `^{t}`, and one of them stands after a
closing bracket (a t in a braced word, `\\mathrm{tr}`, aside): a time step or an index is
written at a name, never on a bracket, and a step written anywhere else (`h^{t-1}`, `x_t`,
`\\sum_t`) keeps t a letter."""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex.texlex import Token

#: What closes a bracket a superscript may stand on.
CLOSING = frozenset({")", "]", "\\}", "\\rangle", "|"})


def _lone(toks: Sequence[Token], k: int) -> int | None:
    """The position of the `^` that makes the t at `k` a lone superscript, if it is one."""
    if k >= 1 and toks[k - 1].kind == "sup":
        return k - 1
    braced = k >= 2 and toks[k - 1].text == "{" and toks[k - 2].kind == "sup"
    if braced and k + 1 < len(toks) and toks[k + 1].text == "}":
        return k - 2
    return None


def _in_word(toks: Sequence[Token], k: int) -> bool:
    """Whether the letter at `k` is one of a braced word, `\\mathrm{tr}`, `\\mathrm{Att}`."""
    a = b = k
    while a > 0 and toks[a - 1].kind == "letter" and toks[a - 1].end == toks[a].start:
        a -= 1
    while b + 1 < len(toks) and toks[b + 1].kind == "letter" and toks[b + 1].start == toks[b].end:
        b += 1
    braced = a > 0 and toks[a - 1].text == "{" and b + 1 < len(toks) and toks[b + 1].text == "}"
    return b > a and braced


def written(rows: Sequence[Sequence[Token]]) -> bool:
    """Whether the rows write `^t` as the transpose (see the module's docstring)."""
    on_bracket = False
    for toks in rows:
        for k, t in enumerate(toks):
            if t.kind != "letter" or t.text != "t" or _in_word(toks, k):
                continue
            sup = _lone(toks, k)
            if sup is None:
                return False
            on_bracket = on_bracket or (sup >= 1 and toks[sup - 1].text in CLOSING)
    return on_bracket
