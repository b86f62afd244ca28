"""Words written in plain letters that a document uses as one name (`Cost = …`, `MSE = …`,
`\\frac{\\partial Loss}{\\partial w}`), read by the lexer as the words of a `\\text{…}`,
so that the readers after it see them as `\\text{Cost}` is seen: the name a row defines or
differentiates (`symbn.language.latex.calls.text_name`).

A word is taken so only where it stands as the left side of a row's first `=` (at the start
of the row or of an aligned cell) or right after `\\partial`, and only when it looks like a
word: a capital then lower-case letters (`Cost`, `Odds`, four letters or more), lower-case
letters (`loss`, `crossentropy`, four or more, not after a d that may mark a gradient,
`dout`), or capitals (`MSE`, three or more). A
shorter run (`wx`) stays a product of letters, and a function's name (`softmax`, `Tanh`) a
function.
"""

from __future__ import annotations

from dataclasses import replace

from symbn.language.latex.scriptforms import T

#: Words that are functions or operators, never a document's name.
FUNCTIONS = frozenset(
    {
        *("exp", "log", "tanh", "sigmoid", "relu", "softplus", "softmax", "sech", "cosh"),
        *("sinh", "max", "min", "argmax", "argmin", "sum", "mean", "diag", "trace", "sqrt"),
        *("sign", "step", "where", "with", "then", "thus", "hence", "and", "for", "let"),
    }
)
#: Functions written in plain letters beside the language's own words (`ln(x)`, as MathJax
#: shows `\\ln` without its backslash; `Sigmoid(z)`), and the function each is.
PLAIN_FUNCTIONS = {"ln": "log", "Sigmoid": "sigmoid", "Tanh": "tanh"}
#: Tokens before which a row or an aligned cell starts.
STARTS = frozenset({"newline", "amp", "begin"})


def normal(toks: list[T]) -> list[T]:
    """`toks` with each word used as a name made one text token (see the module's
    docstring)."""
    out: list[T] = []
    n = 0
    while n < len(toks):
        m = _word_end(toks, n)
        if m > n:
            word = "".join(t.text for t in toks[n:m])
            end = toks[m - 1].end
            out.append(replace(toks[n], kind="text", text=f"\\text{{{word}}}", end=end, arg=word))  # type: ignore[type-var]
            n = m
        else:
            out.append(toks[n])
            n += 1
    return out


def _word_end(toks: list[T], n: int) -> int:
    """The end of the word used as a name at n, or n when none starts there."""
    if toks[n].kind != "letter" or (n > 0 and _touch(toks, n - 1)):
        return n
    m = n + 1
    while m < len(toks) and toks[m].kind == "letter" and _touch(toks, m - 1):
        m += 1
    if not _wordlike("".join(t.text for t in toks[n:m])):
        return n
    after = toks[m] if m < len(toks) else None
    if after is not None and after.kind == "amp" and m + 1 < len(toks):
        after = toks[m + 1]  # Loss &= …: the word on the left of the aligned =
    starts = n == 0 or toks[n - 1].kind in STARTS
    defined = starts and after is not None and after.text == "=" and not _later_equal(toks, n)
    partial = n > 0 and toks[n - 1].text == "\\partial"
    free = after is None or (after.kind not in ("sub", "sup") and after.text != "(")
    return m if defined or (partial and free) else n


def _later_equal(toks: list[T], n: int) -> bool:
    """Whether an `=` stands before n on its row (the word is then no left side)."""
    k = n - 1
    while k >= 0 and toks[k].kind != "newline":
        if toks[k].text == "=":
            return True
        k -= 1
    return False


def _touch(toks: list[T], k: int) -> bool:
    """Whether token k + 1 is written against token k."""
    return toks[k].end == toks[k + 1].start and toks[k + 1].kind == "letter"


def _wordlike(word: str) -> bool:
    """Whether letters read as one word (see the module's docstring)."""
    if not word.isascii() or word.lower() in FUNCTIONS:
        return False
    capital = word[0].isupper() and word[1:].islower() and len(word) >= 4
    lower = word.islower() and len(word) >= 4 and word[0] != "d"  # dout: d, a gradient's mark
    return capital or lower or (word.isupper() and len(word) >= 3)
