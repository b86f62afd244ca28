"""A definition followed by the name of the map it defines: `y_i = \\gamma \\hat{x}_i +
\\beta = BN_{\\gamma, \\beta}(x_i)`.

A document may end a definition by naming the whole map, a word in capitals (its
parameters as a subscript) applied to the input. The name is defined by nothing in the
document, so its side states nothing that could be checked: the row is read without it, as
the definition before it. A function symbn knows (`\\mathrm{ReLU}(z)`) or a word written in
lower case (`softmax(z)`) stays a side of the row, and so does the only side after the
first `=`.
"""

from __future__ import annotations

from collections.abc import Callable

from symbn.language.functions import TABLE
from symbn.language.latex.texlex import Token

#: Commands that set a word upright (`\mathrm{BN}`).
_UPRIGHT = frozenset({"\\mathrm", "\\operatorname", "\\textrm", "\\mathit"})


def unnamed(eq: tuple[Token, ...]) -> tuple[Token, ...]:
    """`eq` without a last side that names the map (see the module docstring)."""
    equals = [n for n, t in enumerate(eq) if t.text == "=" and _depth(eq, n) == 0]
    if len(equals) < 2:
        return eq
    last = equals[-1]
    return eq[:last] if _map_name(eq, last + 1) else eq


def _map_name(eq: tuple[Token, ...], n: int) -> bool:
    """Whether eq[n:] is a word in capitals, maybe subscripted, applied to one bracket
    that ends the row."""
    if n < len(eq) and eq[n].text in _UPRIGHT and n + 1 < len(eq) and eq[n + 1].kind == "open":
        n += 1  # \mathrm{BN}: the word in the group
        inner = n + 1
        while inner < len(eq) and eq[inner].kind == "letter":
            inner += 1
        word = "".join(t.text for t in eq[n + 1 : inner])
        if inner >= len(eq) or eq[inner].kind != "close":
            return False
        n = inner + 1
    else:
        start = n
        while n < len(eq) and eq[n].kind == "letter" and (n == start or _touch(eq, n)):
            n += 1
        word = "".join(t.text for t in eq[start:n])
    if len(word) < 2 or not word.isupper() or word.lower() in TABLE or word in TABLE:
        return False
    if n < len(eq) and eq[n].kind == "sub":
        n = _after_group(eq, n + 1)
    return n < len(eq) and eq[n].text == "(" and _after_bracket(eq, n) == len(eq)


def _touch(eq: tuple[Token, ...], n: int) -> bool:
    return eq[n].start == eq[n - 1].end


def _after_group(eq: tuple[Token, ...], n: int) -> int:
    """The position after the braced group (or the one token) at eq[n]."""
    if n >= len(eq) or eq[n].kind != "open":
        return n + 1
    return _after(eq, n, lambda t: {"open": 1, "close": -1}.get(t.kind, 0))


def _after_bracket(eq: tuple[Token, ...], n: int) -> int:
    """The position after the parenthesis closing the one at eq[n]."""
    return _after(eq, n, lambda t: {"(": 1, ")": -1}.get(t.text, 0))


def _after(eq: tuple[Token, ...], n: int, step: Callable[[Token], int]) -> int:
    """The position after the token that closes the one at eq[n], `step` telling how each
    token opens (1) or closes (-1); past the end when none does."""
    depth = 0
    for m in range(n, len(eq)):
        depth += step(eq[m])
        if depth == 0:
            return m + 1
    return len(eq) + 1


def _depth(eq: tuple[Token, ...], n: int) -> int:
    """How many braces and parentheses are open at eq[n]."""
    return sum(
        1 if t.kind == "open" or t.text == "(" else -1 if t.kind == "close" or t.text == ")" else 0
        for t in eq[:n]
    )
