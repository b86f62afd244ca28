"""Scripts written in a longer form than they need, brought to the short one by the lexer
(`symbn.language.latex.texlex`), so that every reader after it sees one form:

- a prime set as a superscript, `k^{'}`, `k^{\\prime}`, `k^\\prime`: `k'` (a second index
  letter over k's range in a script, `symbn.language.latex.primes`, or a derivative);
- a group of letters inside a subscript, `w_{k{j'}}`, `x_{{i}j}`: the letters alone,
  `w_{kj'}` (TeX prints both alike);
- the logarithm to base e, `\\log_e`, `\\log_{e}`: `\\ln`;
- a letter with a whole number written against it, `z1`, `w2`: `z_1`, `w_2` (a numbered
  name, as worked examples write them), and a one-letter subscript, `E_y1`: `E_{y1}`;
  inside a subscript's braces nothing changes (`x_{i1}`);
- a layer's label and a transpose in one superscript, `A^{[l-1]T}`, `w^{(l)\\top}`: the name
  with its label, transposed, `{A^{[l-1]}}^T`;
- braces around one letter before its script, `{Z}_i`, `\\partial {Z}_i`: the letter with
  its script, `Z_i` (TeX prints both alike); not a command's argument (`\\hat{x}_i`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar


class _Token(Protocol):
    """What this module reads of a token (`symbn.language.latex.texlex.Token`)."""

    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=_Token)

#: How a prime is written inside a superscript.
PRIMES = frozenset({"'", "\\prime"})


def normal(toks: list[T], token: Callable[[str, str, int, int], T]) -> list[T]:
    """`toks` with each script in its short form (see the module's docstring); `token`
    makes a token of a kind, a text, a start and an end."""
    flat = _flat_groups(_numbered(_natural(_primes(_unbraced(toks), token), token), token))
    return _transposed(flat, token)


#: Commands after which a braced letter is an operand, not an argument (`\\partial {Z}_i`).
OPERANDS = frozenset({"\\partial", "\\nabla", "\\cdot", "\\times", "\\odot", "\\circ"})


def _unbraced(toks: list[T]) -> list[T]:
    """`{Z}_i` as `Z_i`: braces around one letter before a script, not a command's argument,
    a script's or the second argument of a fraction (after `}`); `{e}` is `texlex`'s."""
    drop: set[int] = set()
    for n in range(len(toks) - 3):
        one = toks[n].kind == "open" and toks[n + 1].kind == "letter" and toks[n + 1].text != "e"
        if not (one and toks[n + 2].kind == "close" and toks[n + 3].kind in ("sub", "sup")):
            continue
        before = toks[n - 1] if n else None
        free = before is None or before.kind not in ("command", "sub", "sup", "close", "open")
        if free or (before is not None and before.text in OPERANDS):
            drop |= {n, n + 2}
    return [t for k, t in enumerate(toks) if k not in drop]


#: A layer's label in brackets (`[l-1]`, `(l)`) and the transposes written after it.
LABELS = {"[": "]", "(": ")"}
TRANSPOSES = frozenset({"T", "\\top"})


def _transposed(toks: list[T], token: Callable[[str, str, int, int], T]) -> list[T]:
    """`A^{[l-1]T}` as `{A^{[l-1]}}^{T}`: a one-token name, its bracketed label, a transpose."""
    out: list[T] = []
    n = 0
    while n < len(toks):
        braced = toks[n].kind == "sup" and out and n + 1 < len(toks) and toks[n + 1].kind == "open"
        end = close_of(toks, n + 1) if braced else -1
        inner = toks[n + 2 : end] if end > 0 else []
        opening = inner[0].text if inner else ""
        if (
            len(inner) >= 4  # a bracket, a letter, a bracket, T
            and opening in LABELS
            and inner[-2].text == LABELS[opening]
            and inner[-1].text in TRANSPOSES
            and out[-1].kind in ("letter", "command")
        ):
            base, t = out.pop(), inner[-1]
            out += [token("open", "{", base.start, base.start), base, toks[n], toks[n + 1]]
            out += [*inner[:-1], toks[end], token("close", "}", t.start, t.start)]
            out += [token("sup", "^", t.start, t.start), t]
            n = end + 1
            continue
        out.append(toks[n])
        n += 1
    return out


def _numbered(toks: list[T], token: Callable[[str, str, int, int], T]) -> list[T]:
    out: list[T] = []
    groups: list[bool] = []  # each open brace: whether it opens a subscript
    close = False  # a one-letter subscript taken with its number, E_y1 as E_{y1}
    for n, t in enumerate(toks):
        if t.kind == "open":
            groups.append(n > 0 and toks[n - 1].kind == "sub")
        elif t.kind == "close" and groups:
            groups.pop()
        after = toks[n + 1] if n + 1 < len(toks) else None
        whole = after is not None and after.kind == "number" and "." not in after.text
        against = t.kind == "letter" and whole and after.start == t.end and not any(groups)
        lone = n > 0 and toks[n - 1].kind in ("sub", "sup")
        if against and lone and toks[n - 1].kind == "sub":
            out.append(token("open", "{", t.start, t.start))
            close = True
        out.append(t)
        if close and t.kind == "number":
            out.append(token("close", "}", t.end, t.end))
            close = False
        elif against and not lone:
            out.append(token("sub", "_", t.end, t.end))
    return out


def _natural(toks: list[T], token: Callable[[str, str, int, int], T]) -> list[T]:
    out: list[T] = []
    n = 0
    while n < len(toks):
        texts = [t.text for t in toks[n : n + 5]]
        k = 3 if texts[:3] == ["\\log", "_", "e"] else 1
        k = 5 if texts == ["\\log", "_", "{", "e", "}"] else k
        out.append(
            token("command", "\\ln", toks[n].start, toks[n + k - 1].end) if k > 1 else toks[n]
        )
        n += k
    return out


def _primes(toks: list[T], token: Callable[[str, str, int, int], T]) -> list[T]:
    out: list[T] = []
    n = 0
    while n < len(toks):
        t = toks[n]
        braced = n + 3 < len(toks) and toks[n + 1].kind == "open" and toks[n + 3].kind == "close"
        inner = toks[n + 2] if braced else toks[n + 1] if n + 1 < len(toks) else None
        if t.kind == "sup" and out and inner is not None and inner.text in PRIMES:
            end = toks[n + 3 if braced else n + 1].end
            out.append(token("symbol", "'", out[-1].end, end))
            n += 4 if braced else 2
            continue
        out.append(t)
        n += 1
    return out


def _flat_groups(toks: list[T]) -> list[T]:
    drop: set[int] = set()
    depth: list[bool] = []  # for each open group: whether it is a subscript's
    for n, t in enumerate(toks):
        if t.kind == "open":
            depth.append(n > 0 and toks[n - 1].kind == "sub")
            if len(depth) >= 2 and depth[-2] and not depth[-1] and _letters_only(toks, n):
                drop |= {n, close_of(toks, n)}
        elif t.kind == "close" and depth:
            depth.pop()
    return [t for k, t in enumerate(toks) if k not in drop]


def _letters_only(toks: list[T], n: int) -> bool:
    """Whether the group opened at `n` holds letters and primes only."""
    end = close_of(toks, n)
    body = toks[n + 1 : end]
    return end > n + 1 and all(t.kind == "letter" or t.text == "'" for t in body)


def close_of(toks: list[T], n: int) -> int:
    """The index of the brace closing the one opened at `toks[n]` (-1: none)."""
    depth = 0
    for m in range(n, len(toks)):
        depth += {"open": 1, "close": -1}.get(toks[m].kind, 0)
        if depth == 0:
            return m
    return -1
