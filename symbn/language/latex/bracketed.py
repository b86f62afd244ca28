"""Element access written as NumPy writes it, brought by the lexer
(`symbn.language.latex.texlex`) to the subscript every reader after it knows:

- `X[i, j]`, `x[i]`, `W[k, r]`: the element `X_{i,j}`, `x_{i}` of the named tensor;
- `A_i[r, c]`, `W_2[k, j]`, `W_{out}[k, j]`: the subscript before the bracket is a layer or
  a label, so the element is `A^{(i)}_{r,c}`, `W^{(2)}_{k,j}`, `W^{(out)}_{k,j}` (a layer
  letter, a concrete layer, a word, in the parentheses the layer readers know);
- `Z[r, 0]`, `A_{i-1}[k, 0]`: a last position 0 (NumPy counts from 0) is the one column of
  a column vector, so the element is `Z_{r}`, `A^{(i-1)}_{k}`; a document that writes
  another column of it (`Z[r, 1]`) leaves the two spellings to disagree, and is not read.

A bracket is read so only when it holds positions alone, each a letter, a whole number
or a letter moved by a whole number (`t-1`), separated by commas, and comes straight after
a one-letter name that is no part of a word or of a script; one position needs the bracket
against the name (`x[i]`, not `x [i]`, a product), and `E[x]`, `P[x]`, `V[x]` are left as
they are (an expectation, a probability, a variance). Anything else in the bracket (an
Iverson condition `[i = j]`, a sum `[a + b]`, an interval after `\\in`) is no element.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from symbn.language.latex.scriptforms import _Token, close_of

T = TypeVar("T", bound=_Token)

#: Letters that write an operator on a bracket, not a tensor's element (E[x], P[x], V[x]).
OPERATORS = frozenset({"E", "P", "V"})
#: The argument of the `_` of a subscript written in brackets.
MARK = "["


def normal(toks: list[T], token: Callable[..., T]) -> list[T]:
    """`toks` with each element access in brackets written as a subscript (see the module's
    docstring); `token` makes a token of a kind, a text, a start, an end and an argument.
    The subscript's `_` has the argument `[` (`MARK`): an element in brackets gives every
    axis of its tensor, never a slice."""
    out: list[T] = []
    n = 0
    while n < len(toks):
        found = _access(toks, n)
        if found is None:
            out.append(toks[n])
            n += 1
            continue
        label, (lo, hi) = found
        base = toks[n]
        out.append(base)
        if label is not None:  # A_{i-1}[k, 0]: A^{(i-1)}_{k,0}
            a, b = label
            at = toks[a].start
            out += [token("sup", "^", at, at), token("open", "{", at, at)]
            out += [token("symbol", "(", at, at), *toks[a:b], token("symbol", ")", at, at)]
            out.append(token("close", "}", at, at))
        first, last = toks[lo - 1], toks[hi]
        out += [token("sub", "_", first.start, first.start, MARK), token("open", "{", *_at(first))]
        column = hi - lo >= 3 and toks[hi - 1].text == "0" and toks[hi - 2].text == ","
        out += toks[lo : hi - 2] if column else toks[lo:hi]  # A[r, 0]: the element A_r
        out.append(token("close", "}", *_at(last)))
        n = hi + 1
    return out


def _at(t: _Token) -> tuple[int, int]:
    return t.start, t.end


def _access(toks: list[T], n: int) -> tuple[tuple[int, int] | None, tuple[int, int]] | None:
    """At a one-letter name `toks[n]`: the token range of its label (None: no subscript)
    and that of the positions inside its bracket; None when there is no such access."""
    base = toks[n]
    if base.kind != "letter" or not _alone(toks, n):
        return None
    label = None
    at = n + 1
    if at + 1 < len(toks) and toks[at].kind == "sub":
        if toks[at + 1].kind == "open":
            end = close_of(toks, at + 1)
            if end < 0:
                return None
            label, at = (at + 2, end), end + 1
        elif toks[at + 1].kind in ("letter", "number"):
            label, at = (at + 1, at + 2), at + 2
        else:
            return None
        if label[1] <= label[0] or any(t.text in ("[", "]", ",") for t in toks[slice(*label)]):
            return None
    if at >= len(toks) or toks[at].text != "[":
        return None
    close = next((m for m in range(at + 1, len(toks)) if toks[m].text in ("[", "]")), -1)
    if close < 0 or toks[close].text != "]":
        return None
    parts = _parts(toks[at + 1 : close])
    if parts is None:
        return None
    if parts == 1 and (toks[at].start != toks[at - 1].end or base.text in OPERATORS):
        return None  # x [i]: a product; E[x]: an expectation
    return label, (at + 1, close)


def _alone(toks: list[T], n: int) -> bool:
    """Whether the letter at `n` is a name of its own: not a script's argument nor a letter
    of a word written against it (after a command it is that command's argument or operand,
    `\\partial W[i, k]`, `\\hat x[i]`, the element either way)."""
    if n == 0:
        return True
    before = toks[n - 1]
    if before.kind in ("sub", "sup"):
        return False
    return not (before.kind == "letter" and before.end == toks[n].start)


def _parts(inner: list[T]) -> int | None:
    """How many positions `inner` holds (a letter, a whole number, or a letter moved by a
    whole number, separated by commas); None when it holds anything else."""
    parts: list[list[T]] = [[]]
    for t in inner:
        if t.text == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    return len(parts) if all(map(_position, parts)) else None


def _position(part: list[T]) -> bool:
    if len(part) == 1:
        t = part[0]
        return t.kind == "letter" or (t.kind == "number" and t.text.isdigit())
    return (
        len(part) == 3
        and part[0].kind == "letter"
        and part[1].text in ("+", "-")
        and part[2].kind == "number"
        and part[2].text.isdigit()
    )
