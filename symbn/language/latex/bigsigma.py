"""A capital sigma written for a sum: `\\Sigma^m_{i=1} x_i` read as `\\sum^m_{i=1} x_i`.

Some documents type the summation sign with the Greek letter `\\Sigma` (or `Σ`). It is read
as `\\sum` only when its subscript binds an index, `_{i=1}` (with or without a superscript
before or after it), or names the index a superscript's size bounds, `\\Sigma^K_k` (one
lower-case letter under one upper-case letter or number, not T), or leaves a term out,
`\\Sigma_{k, k \\neq j}^K`: a `\\Sigma` with any other script (`\\Sigma_{ij}`,
`\\Sigma^{-1}`, `\\Sigma_k^T`) or none stays the letter, a covariance matrix or whatever
else the document names with it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar, Protocol, TypeVar


class _Token(Protocol):
    """What is read of a token (`symbn.language.latex.texlex.Token`, a dataclass)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def kind(self) -> str: ...

    @property
    def text(self) -> str: ...


Token = TypeVar("Token", bound=_Token)


def as_sums(toks: tuple[Token, ...]) -> tuple[Token, ...]:
    """`toks` with each `\\Sigma` whose subscript binds an index (`_{i=1}`) read as `\\sum`."""
    if not any(t.text == "\\Sigma" for t in toks):
        return toks
    out = list(toks)
    for n, t in enumerate(toks):
        if (
            t.kind == "command"
            and t.text == "\\Sigma"
            and (_binds(toks, n + 1) or _runs(toks, n + 1))
        ):
            out[n] = replace(t, text="\\sum")
    return tuple(out)


def _binds(toks: tuple[_Token, ...], n: int) -> bool:
    """Whether the scripts from toks[n] (at most a superscript and a subscript, in either
    order) hold a subscript `{letter = …}`."""
    for _ in range(2):
        if n + 1 >= len(toks) or toks[n].kind not in ("sup", "sub"):
            return False
        if toks[n + 1].kind != "open":
            n += 2  # a one-token script, ^m
            continue
        if toks[n].kind == "sub":
            inner = toks[n + 2 : n + 4]
            return len(inner) == 2 and inner[0].kind == "letter" and inner[1].text == "="
        depth, n = 0, n + 1
        while n < len(toks):
            depth += {"open": 1, "close": -1}.get(toks[n].kind, 0)
            n += 1
            if depth == 0:
                break
    return False


def _runs(toks: tuple[_Token, ...], n: int) -> bool:
    """Whether the two scripts from toks[n] are a subscript of one lower-case letter under
    a superscript of one upper-case letter (not T) or number (`^K_k`), or a subscript of a
    letter, a comma and a term left out (`_{k, k \\neq j}`)."""
    scripts: dict[str, list[str]] = {}
    for _ in range(2):
        if n + 1 >= len(toks) or toks[n].kind not in ("sup", "sub"):
            break
        kind, n = toks[n].kind, n + 1
        if toks[n].kind != "open":
            scripts[kind], n = [toks[n].text], n + 1
            continue
        depth, start = 0, n
        while n < len(toks):
            depth += {"open": 1, "close": -1}.get(toks[n].kind, 0)
            n += 1
            if depth == 0:
                break
        scripts[kind] = [t.text for t in toks[start + 1 : n - 1]]
    sub, sup = scripts.get("sub", []), scripts.get("sup", [])
    if len(sub) >= 3 and sub[0].isalpha() and sub[1] == "," and {"\\neq", "\\ne"} & set(sub):
        return True
    bound = len(sup) == 1 and (sup[0].isdigit() or (sup[0].isupper() and sup[0] != "T"))
    return bound and len(sub) == 1 and sub[0].isalpha() and sub[0].islower()
