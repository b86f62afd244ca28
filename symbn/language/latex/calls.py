"""A function the document defines by a word: `RMS(\\mathbf{x}) = \\sqrt{…}`.

The word written against a bracket of names is one name, the function's value at those
arguments (RMS), wherever it is written so (`\\frac{\\mathbf{x}}{RMS(\\mathbf{x})}`,
`RMS(\\mathbf{x})^3`), and never the product of its letters and the bracket. Its spelling
holds the arguments, so the same word at other arguments names nothing. A word of the
expression language or of matrix notation (`exp`, `softmax`, `max`, `diag`) stays a call.
A word set as text that a row defines or differentiates (`\\text{Loss} = …`) is a name
(`text_name`).
"""

from __future__ import annotations

import keyword
from collections.abc import Sequence

from symbn.language.latex import texmatrix, wordnames
from symbn.language.latex.symbols import ARG_COMMANDS, GREEK, spelling_key
from symbn.language.latex.texlex import Token
from symbn.language.latex.texnames import Names
from symbn.language.latex.tree import Node

#: Words that are functions of the language or of matrix notation, never a document's name.
FUNCTION_WORDS = frozenset(
    {
        *("exp", "log", "ln", "tanh", "sigmoid", "relu", "ReLU", "ReLu", "softplus"),
        *("Sigmoid", "Tanh"),
        *("softmax", "Softmax", "max", "min", "sqrt", "sign", "erf", "step", "abs"),
        *("sin", "cos", "tan", "sinh", "cosh", "sech", "diag", "tr", "Tr", "trace", "det"),
        *("argmax", "argmin", "mean", "sum", "var", "std", "vec", "rank"),
    }
)

#: Fonts of a loss's letter (`\\mathcal{L}(w)`, a function of w as `J(\\theta)` is; not
#: `\\mathcal{O}(n)` nor `\\mathcal{N}(x)`).
SCRIPT = frozenset({"\\mathcal", "\\mathscr"})
#: Upper-case letters that name a loss or a cost.
LOSS_LETTERS = frozenset("CEJLR")
#: Those also read at one vector (`E(\\mathbf{w})`); `L(\\mathbf{p})` is the loss written
#: with what it is of, which a row may define at one class only (`-\\log p_i`).
COST_LETTERS = LOSS_LETTERS - {"L"}

#: Words set upright that are prose even before an `=` (`\\text{where} = …` is no name).
PROSE_WORDS = frozenset({"where", "with", "for", "and", "then", "thus", "hence", "so", "let"})
#: Commands that set a word upright, as a function's name is set.
UPRIGHT = frozenset({"\\operatorname", "\\mathrm", "\\text", "\\textrm", "\\textit"})


def word_call(
    toks: Sequence[Token], n: int, hi: int | None = None, *, styled: bool = False
) -> tuple[str, str, int] | None:
    """At token n, a word of two or more letters (or one set upright, `\\operatorname{RMS}`,
    `\\mathrm{Att}`) written against `(`, names and commas in the bracket, then `)`: the
    word, its spelling with the arguments, and the position after the bracket; None when the
    tokens are not that. `styled` takes one letter in any font too (`\\mathscr{L}(\\theta)`,
    a name only where the context spells it so)."""
    hi = len(toks) if hi is None else hi
    found = _word(toks, n, hi, styled)
    script = found is None and toks[n].text in SCRIPT  # \mathcal{L}(w): as L(w) is
    found = _word(toks, n, hi, True) if script else found
    if found is None or (script and found[0] not in LOSS_LETTERS):
        return None
    word, written, m = found
    if word in FUNCTION_WORDS or m + 1 >= hi or toks[m + 1].text != "(":
        return None
    if not _against(toks, m):
        return None
    close = next((k for k in range(m + 2, hi) if toks[k].text in ("(", ")")), None)
    if close is None or toks[close].text != ")" or close == m + 2:
        return None
    inside = toks[m + 2 : close]
    after_letter = n > 0 and toks[n - 1].kind == "letter"  # R M S(x): a product of letters
    one = len(word) < 2 and (script or not styled)
    if one and not _one_letter(word, inside, after_letter, script):
        return None
    if any((t.kind == "symbol" and t.text != ",") or t.kind in ("text", "begin") for t in inside):
        return None
    return word, f"{written}({_written(inside)})", close + 1


def _one_letter(
    word: str, inside: Sequence[Token], after_letter: bool, script: bool = False
) -> bool:
    """Whether a single letter at its arguments is a function the document may define: a
    lower-case one at one matrix or vector (`c(R)`); an upper-case one, the letter of a loss
    or a cost, at one lower-case name (`J(\\theta)`, `E(w)`, `\\mathcal{L}(w)`; `S(R)` stays a
    product) or, not in a script font and not L, at one bold vector (`E(\\mathbf{w})`; not
    `L(\\mathbf{p})`, the loss written with what it is of), not after another letter."""
    if word in COST_LETTERS and not script and not after_letter and len(inside) > 1:
        return _one_array(inside)  # E(\mathbf{w}): the cost at the weights
    if word.isupper() and not after_letter and len(inside) == 1:
        t = inside[0]
        greek = t.kind == "command" and t.text[1:] in GREEK and t.text[1].islower()
        return (t.kind == "letter" and t.text.islower()) or greek
    return not word.isupper() and _one_array(inside)


def _one_array(toks: Sequence[Token]) -> bool:
    """Whether tokens are one upper-case letter or one bold name (`R`, `\\mathbf{x}`): what a
    single letter is a function of when it is a vector's or a matrix's function (`c(R)`),
    never a scalar's (`f(x)`, which stays an elementwise function or a product)."""
    if len(toks) == 1:
        return toks[0].kind == "letter" and toks[0].text.isupper()
    bold = toks[0].text in ("\\mathbf", "\\boldsymbol", "\\bm")
    return len(toks) == 4 and bold and toks[2].kind == "letter"


def _word(toks: Sequence[Token], n: int, hi: int, styled: bool) -> tuple[str, str, int] | None:
    """The word at n, how it is written, and the index of its last token: letters written
    together (not inside a longer run), or letters in the group of an upright command (or,
    `styled`, of any font, or one Greek letter)."""
    fonts = ARG_COMMANDS if styled else UPRIGHT
    if styled and toks[n].kind == "command" and toks[n].text[1:] in GREEK:  # \Lambda(\theta)
        return toks[n].text, toks[n].text, n
    if toks[n].kind == "text":  # \text{GELU}, one token: its word, if it is one
        word = toks[n].arg
        return (word, toks[n].text, n) if word.isascii() and word.isalpha() else None
    if toks[n].kind == "command" and toks[n].text in fonts and n + 2 < hi:
        if toks[n + 1].kind != "open":
            return None
        close = next((k for k in range(n + 2, hi) if toks[k].kind != "letter"), hi)
        word = "".join(t.text for t in toks[n + 2 : close])
        if close >= hi or toks[close].kind != "close":
            return None
        return word, f"{toks[n].text}{{{word}}}", close
    inside_word = n > 0 and _against(toks, n - 1) and toks[n - 1].kind == "letter"
    if toks[n].kind != "letter" or inside_word:
        return None
    m = n
    while m + 1 < hi and toks[m + 1].kind == "letter" and _against(toks, m):
        m += 1
    word = "".join(t.text for t in toks[n : m + 1])
    return word, word, m


def spelled(p: Names, first: int) -> Node | None:
    """The name whose spelling runs on past the letters at `first`: a word at its
    arguments (`RMS(\\mathbf{x})`) or a d written against a name (`d\\mathbf{y}`, a
    gradient the context spells whole), when the context spells it; None otherwise."""
    call = word_call(p.t, first, p.hi) or word_call(p.t, first, p.hi, styled=True)
    ends = [call[2]] if call is not None else []
    ends += [first + 1] if p.t[first].kind == "text" else []  # \text{Loss}, a name alone
    if p.t[first].text == "d" and (end := texmatrix.against(p, first + 1)) is not None:
        ends.append(end)
    for end in ends:
        if p.s.name(spelling_key(p.t[first:end])) is not None:
            p.pos = end
            return p.named(first, end)
    word = wordnames.word_at(p.t, first)  # net_{h1}: a word with its label, one name
    if word is not None and p.s.name(spelling_key(p.t[first : word[2]])) is not None:
        p.pos = wordnames.run_end(p.t, first)
        return p.named(first, p.pos)
    return None


def labelled_function(p: Names, first: int) -> str | None:
    """The function a name written with a subscript spells in the context's [functions]
    (`\\sigma_{h}`, `f_{out}`: a layer's activation), moving past the subscript so that its
    argument or prime follows; None, leaving the position, for anything else."""
    if first + 2 >= p.hi or p.t[first + 1].kind != "sub" or p.t[first].kind == "number":
        return None
    end = first + 3
    if p.t[first + 2].kind == "open":
        end = next((k + 1 for k in range(first + 3, p.hi) if p.t[k].kind == "close"), p.hi)
    func = p.s.function(spelling_key(p.t[first:end]))
    if func is not None:
        p.pos = end
    return func


def _against(toks: Sequence[Token], k: int) -> bool:
    """Whether token k + 1 is written against token k, with no space between."""
    return toks[k].end == toks[k + 1].start


def _written(toks: Sequence[Token]) -> str:
    """The LaTeX of tokens, a space only where a command would run into a letter."""
    out = ""
    for k, t in enumerate(toks):
        out += t.text
        later = toks[k + 1] if k + 1 < len(toks) else None
        joined = t.kind == "command" and later is not None and later.kind == "letter"
        if later is not None and (t.text == "," or joined):
            out += " "
    return out


def text_name(toks: tuple[Token, ...], n: int) -> str | None:
    """The word set as text at n that a row names, `\\text{Loss} = …` or `\\partial
    \\text{MSE}`: letters only (no spaces: `\\text{ if }` is prose), no word of the
    language and no Python word; None otherwise."""
    t = toks[n]
    word = t.arg if t.kind == "text" else ""
    if len(word) < 2 or not (word.isascii() and word.isalpha()) or keyword.iskeyword(word):
        return None
    if word.lower() in PROSE_WORDS or word in FUNCTION_WORDS:
        return None
    defined = n + 1 < len(toks) and toks[n + 1].text == "="
    return word if defined or (n > 0 and toks[n - 1].text == "\\partial") else None
