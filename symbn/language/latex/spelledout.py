"""A function a row defines by spelling out a function of the language:
`g(\\xi) = \\frac{1}{1 + e^{-\\xi}}` makes g the sigmoid wherever the document applies it
(`g(b_i)`), as a name the prose calls the sigmoid is; `r(z) = \\max(0, z)` makes r the relu.

The left side is one letter (Latin or Greek) at one variable, the right side the function's
usual spelling at that variable, token for token. A letter any other row defines otherwise
(`\\phi(z) = \\frac{e^{z_k}}{…}` beside the sigmoid's row) is none of them: which one a row
means is left to its reader. Only tokens are compared; nothing is run.
"""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex.applied import closing
from symbn.language.latex.cuts import display_rows, document_rows
from symbn.language.latex.layerlabels import past_label
from symbn.language.latex.symbols import GREEK
from symbn.language.latex.texlex import Token, tokenize
from symbn.source.document.markdown import Document
from symbn.source.positions import TexError

#: Each function's usual spellings at its variable, `V`: the texts of their tokens.
SPELLINGS: dict[str, tuple[str, ...]] = {
    "sigmoid": (
        "\\frac { 1 } { 1 + e ^ { - V } }",
        "\\frac { 1 } { 1 + \\exp ( - V ) }",
        "1 / ( 1 + e ^ { - V } )",
    ),
    "tanh": (
        "\\frac { e ^ V - e ^ { - V } } { e ^ V + e ^ { - V } }",
        "\\frac { e ^ { V } - e ^ { - V } } { e ^ { V } + e ^ { - V } }",
    ),
    "relu": ("\\max ( 0 , V )", "\\max \\{ 0 , V \\}"),
}
#: Fractions written as `\\frac` is.
FRACS = {"\\dfrac": "\\frac", "\\tfrac": "\\frac"}
#: What a function's letter is written against: its bracket (`g(`, `g\\left(`) or a prime.
AGAINST = frozenset({"(", "'", "\\left", "\\big", "\\Big", "\\bigl", "\\Bigl"})
#: What may stand between a row's last term and its end.
TRAILING = frozenset({".", ",", ";", "\\quad", "\\qquad", "\\,", "\\;", "\\!", "\\ "})


def spelled_out(doc: Document) -> dict[str, str]:
    """The letters (as written: `g`, `\\phi`) each row that defines them defines as one
    function of the language, and that function."""
    found: dict[str, str | None] = {}
    written: set[str] = set()  # letters written as something other than a function
    for d in doc.displays:
        try:
            toks = tokenize(d.text)
        except TexError:
            continue
        written |= {t.text for k, t in enumerate(toks) if not _as_function(toks, k)}
        for row in display_rows(toks, d.text):
            defined = _defined(row)
            if defined is not None:
                letter, function = defined
                found[letter] = function if found.get(letter, function) == function else None
    return {x: f for x, f in found.items() if f is not None and x not in written}


def summed_definitions(doc: Document) -> set[str]:
    """The letters some row defines at an argument with a sum on its right side
    (`\\sigma(A_{ic}) = \\frac{e^{A_{ic}}}{\\sum_j e^{A_{ij}}}`): a normalisation across
    elements, the document's own, which an elementwise function the prose names elsewhere
    (`the sigmoid`) cannot be."""
    out = set()
    for row in document_rows(doc):
        toks = [t for t in row if t.text != "&" and t.kind != "newline"]
        while toks and toks[0].text.startswith("\\text"):
            toks = toks[1:]
        if len(toks) < 4 or not _letter(toks[0].text) or toks[1].text != "(":
            continue
        close = closing(toks, 1)
        if close is not None and close + 1 < len(toks) and toks[close + 1].text == "=":
            after = {t.text for t in toks[close + 2 :]}
            out |= {toks[0].text} if {"\\sum", "\\prod"} & after else set()
    return out


def _as_function(toks: Sequence[Token], k: int) -> bool:
    """Whether token k is written as a function is: against a bracket or a prime (`g(`,
    `g\\left(`, `g'`), after a d or a \\partial (`\\frac{\\partial g}{…}`), or alone in its
    maths."""
    m = past_label(toks, k + 1)  # f_{out}(z): f, at a layer
    after = toks[m] if m < len(toks) else None
    against = after is not None and after.start == toks[m - 1].end and after.text in AGAINST
    before = toks[k - 1].text if k > 0 else ""
    return against or before in ("d", "\\partial") or len(toks) == 1


def _defined(row: Sequence[Token]) -> tuple[str, str | None] | None:
    """(the letter, the function or None) where a row's left side is a letter at one
    variable, `g(\\xi) =`; None where it is not."""
    texts = [t.text for t in row if t.text != "&" and t.kind != "newline"]
    while texts and texts[0].startswith("\\text"):
        texts = texts[1:]  # \text{Let } g(z) = …
    while texts and texts[-1] in TRAILING:
        texts.pop()
    if len(texts) < 6 or texts[1] != "(" or texts[3] != ")" or texts[4] != "=":
        return None
    letter, variable = texts[0], texts[2]
    if not (_letter(letter) and _letter(variable)) or letter == variable:
        return None
    body = tuple(FRACS.get(x, x) for x in texts[5:])
    for function, spellings in SPELLINGS.items():
        for s in spellings:
            if body == tuple(variable if x == "V" else x for x in s.split()):
                return letter, function
    return letter, None


def _letter(text: str) -> bool:
    """Whether a token's text is one Latin letter or one Greek letter's command."""
    if len(text) == 1:
        return text.isascii() and text.isalpha()
    return text.startswith("\\") and text[1:] in GREEK
