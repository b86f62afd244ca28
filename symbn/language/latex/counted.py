"""An index's range written as its values: `i = 1, \\dots, K`, `i = 1, 2, \\ldots, m`, as
prose says where an index runs ("where $i=1,\\dots,K$", "for $l = 1, \\dots, L$").

Such a row sets no name: i is no scalar equal to 1, it is an index letter over 1..K.
"""

from __future__ import annotations

from symbn.language.latex.rowfacts import sets_constant
from symbn.language.latex.spaces import ELLIPSIS, index_range
from symbn.language.latex.texlex import Token

#: What may stand before the index letter of a range in its row: the row's start, a comma
#: of a list of statements, a word (`\\text{for }`), a space or a quantifier.
BEFORE = frozenset({",", ";", "\\quad", "\\qquad", "\\forall", "\\;", "\\,", "\\ "})
#: What may follow the range's last value: the row's end, or the next statement.
AFTER = frozenset({",", ";", ".", "\\quad", "\\qquad"})


def counted(toks: tuple[Token, ...], n: int) -> tuple[str, str] | None:
    """`i = 1, \\dots, K` when its `=` is token `n`: the index letter and the size it runs
    up to (a letter of its own, written last after dots); None when it is no such range."""
    if not (0 < n < len(toks) - 1 and toks[n].text == "="):
        return None
    letter = toks[n - 1]
    if letter.kind != "letter" or (n > 1 and not _opens(toks[n - 2])):
        return None
    if toks[n + 1].text != "1":
        return None
    end, dots = n + 2, False
    while end < len(toks) and (toks[end].text in ELLIPSIS or toks[end].kind == "number"):
        dots |= toks[end].text not in (",", ".") and toks[end].kind != "number"
        dots |= toks[end].text == "." and toks[end - 1].text == "."
        end += 1
    if not dots or end >= len(toks):
        return None
    last = toks[end]
    if last.kind != "letter" or last.text == letter.text:
        return None
    if end + 1 < len(toks) and toks[end + 1].text not in AFTER:
        return None  # K_l, K-1, K+1: not a size written alone
    return letter.text, last.text


def _opens(tok: Token) -> bool:
    return tok.kind == "text" or tok.text in BEFORE


def counts(toks: tuple[Token, ...]) -> bool:
    """Whether a row is an index's range written as its values, alone or first in a list
    of statements (`i = 1, \\dots, K, \\mathbf{z} \\in \\mathbb{R}^K`): its first `=` is
    the range's (`y_i = f(x_i), i = 1, \\dots, n` defines y still)."""
    first = next((n for n, t in enumerate(toks) if t.text == "="), None)
    return first is not None and counted(toks, first) is not None


def written_range(toks: tuple[Token, ...], n: int) -> tuple[str, str] | None:
    """The index letter and size of a range whose `\\in` or `=` is token `n`: `i \\in
    \\{1, \\dots, n\\}` or `i = 1, \\dots, n`."""
    return index_range(toks, n) or counted(toks, n)


def naming(rows: list[tuple[Token, ...]], inline: set[int]) -> list[tuple[Token, ...]]:
    """The rows that may name what they set: not an inline one that sets names to a
    constant (`$\\mathbf{y} = \\mathbf{0}$`, a case the prose considers), nor an index's
    range written as its values."""
    return [
        r for k, r in enumerate(rows) if (k not in inline or not sets_constant(r)) and not counts(r)
    ]
