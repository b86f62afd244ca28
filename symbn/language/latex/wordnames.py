"""Names written as words, as worked numeric examples write them: `net_{h1}`, `out_{o1}`,
`target_{o1}` (a run of three or more italic letters with a label under it, one name, not a
product of letters), a label under a letter that the document also writes under such a word
(`E_{o1}` beside `out_{o1}`) or that is a word itself (`E_{total}`), and a `+` over a name
(`w_5^{+}`, the weight after an update).

A run of letters with no label under it stays what it was (`xy` a product, `ReLu` a
function's spelling), and a word that spells a function (`max_j`, `exp`) is no name.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from symbn.language.latex.symbols import DEFAULT_FUNCTIONS, GREEK, MATRIX_FUNCTIONS, Symbols
from symbn.language.latex.texlex import Token
from symbn.source.positions import Span, TexError

MIN_WORD = 3  # letters in a word that names a quantity (net, out): `wx_i` is w times x_i
MIN_LABEL_WORD = 4  # letters in a word under a letter that labels it (E_{total})
SHORT_WORD = 3  # letters of a word under a name that is its label where they are no index
#: Words written in letters that are functions or operators, never names.
NOT_WORDS = frozenset(
    {w for w in (*DEFAULT_FUNCTIONS, *MATRIX_FUNCTIONS) if w.isalpha()}
    | {"max", "min", "argmax", "argmin", "sum", "sin", "cos", "tan", "det", "lim", "sgn"}
)
#: The mark of a label written under words in the labels given to the name reader: `_h1`.
ANY = "_"


def run_end(toks: tuple[Token, ...], n: int) -> int:
    """The position after the run of adjacent letters that starts at `n`."""
    m = n + 1
    while m < len(toks) and toks[m].kind == "letter" and toks[m].start == toks[m - 1].end:
        m += 1
    return m


def _group(toks: tuple[Token, ...], n: int) -> list[Token] | None:
    """The tokens of a subscript's argument at n: a braced group of letters and numbers, or
    one number; None for anything else."""
    if n < len(toks) and toks[n].kind == "number":
        return [toks[n]]
    if n >= len(toks) or toks[n].kind != "open":
        return None
    m = n + 1
    while m < len(toks) and toks[m].kind in ("letter", "number"):
        m += 1
    if m >= len(toks) or toks[m].kind != "close" or m == n + 1:
        return None
    return list(toks[n + 1 : m])


def _scripted(toks: tuple[Token, ...], n: int) -> list[Token]:
    """The tokens of a script's argument at `n`: its braced group (inner groups too) or
    the one token."""
    if toks[n].kind != "open":
        return [toks[n]]
    depth, m = 1, n + 1
    while m < len(toks) and depth:
        depth += {"open": 1, "close": -1}.get(toks[m].kind, 0)
        m += 1
    return list(toks[n + 1 : m - 1])


def word_at(toks: tuple[Token, ...], n: int) -> tuple[str, str, int] | None:
    """The word name at `n` (`net` of `net_{h1}`) with its label: the word, the label and the
    position after the subscript; None when `n` starts no such word."""
    if toks[n].kind != "letter" or (
        n > 0 and toks[n - 1].kind == "letter" and toks[n - 1].end == toks[n].start
    ):
        return None
    m = run_end(toks, n)
    word = "".join(t.text for t in toks[n:m])
    if m - n < MIN_WORD or word in NOT_WORDS or m >= len(toks) or toks[m].kind != "sub":
        return None
    label = _group(toks, m + 1)
    if label is None:
        return None
    after = m + 2 + (len(label) + 1 if toks[m + 1].kind == "open" else 0)
    return word, "".join(t.text for t in label), after


def labels_of(rows: Iterable[tuple[Token, ...]]) -> set[str]:
    """The labels the rows write under words (`h1`, `o1`), each marked `_h1`: they label a
    letter too (`E_{o1}`)."""
    out = set()
    for toks in rows:
        for n in range(len(toks)):
            if (word := word_at(toks, n)) is not None and not word[1].isdigit():
                out.add(ANY + word[1])
    return out


def script_labels(rows: Iterable[tuple[Token, ...]], taken: Iterable[str]) -> set[str]:
    """Subscripts under a name that are labels, part of it, each marked `_KL`: two or more
    capitals (`D_{KL}`, `L_{CE}`), a small letter and a number (`a_{h1}`, `z_{o2}`) or
    three small letters (`a_{pre}`, `A_{out}`: a word shorter than `label_under` reads) whose
    letters the document uses as no position (not `w_{CD}` beside `w_{C1}`, nor `x_{i1}`
    beside `x_i`), nor as the sizes and index letters `taken`."""
    found: set[str] = set()
    used = set(taken)
    for toks in rows:
        for n in range(1, len(toks) - 1):
            if toks[n].kind != "sub":
                continue
            group = _scripted(toks, n + 1)
            joined = "".join(t.text for t in group)
            named = toks[n - 1].kind == "letter" or toks[n - 1].text == "}"
            named = named or toks[n - 1].text[1:] in GREEK  # (not \sum_{IJ}, \int_{UV})
            capitals = len(group) >= 2 and joined.isalpha() and joined.isupper()
            numbered = [t.kind for t in group] == ["letter", "number"] and joined.islower()
            worded = len(group) == SHORT_WORD and joined.isalpha() and joined.islower()
            if named and (capitals or numbered or (worded and joined not in NOT_WORDS)):
                found.add(joined)
            else:  # x_{i,K}, w_{C1}, x_{K-1}, x_i: every letter in it is a position
                used |= {t.text for t in group if t.kind == "letter"}
    return {ANY + j for j in found if not {*j} & used}


def label_under(parts: list[Token], labels: frozenset[str], uppers: frozenset[str]) -> str | None:
    """The label a subscript of letters and numbers is (`o1` written under a word elsewhere,
    a word of four letters or more not all index letters, `total`), or None."""
    if (hyphened := _hyphened(parts)) is not None:
        return hyphened
    if not parts or not all(p.kind in ("letter", "number") for p in parts):
        return None
    joined = "".join(p.text for p in parts)
    if ANY + joined in labels:
        return joined
    letters = [p.text for p in parts if p.kind == "letter"]
    word = len(letters) == len(parts) >= MIN_LABEL_WORD
    return joined if word and not set(letters) <= uppers and joined not in NOT_WORDS else None


def _hyphened(parts: list[Token]) -> str | None:
    """Words joined by hyphens (`naive-softmax` of `J_{naive-softmax}`, `skip-gram`), each of
    three letters or more: a label, never a position moved (`x_{i-1}`); None for any other."""
    words = "".join(p.text if p.kind == "letter" else " " if p.text == "-" else "?" for p in parts)
    runs = words.split(" ")
    if len(runs) < 2 or not all(len(r) >= MIN_WORD and r.isalpha() for r in runs):
        return None
    spaced = all(a.end == b.start for a, b in pairwise(parts))
    return "-".join(runs) if spaced else None


def plus_over(arg: list[Token]) -> tuple[str, str] | None:
    """A superscript that is a lone `+` (`w_5^{+}`: the weight after its update), as a
    label: its ASCII suffix and its LaTeX; None for any other."""
    return ("plus", "+") if [a.text for a in arg] == ["+"] else None


def component(toks: tuple[Token, ...], n: int) -> tuple[list[str], int]:
    """The index letters of a subscript at `n` written after a word's call (`rms(x)_i`,
    `rmsnorm(x)_{kl}`: the call's components) and the position after it; no letters, at
    `n`, for anything else."""
    if n + 1 >= len(toks) or toks[n].kind != "sub" or toks[n].start != toks[n - 1].end:
        return [], n
    group = _group(toks, n + 1)
    if toks[n + 1].kind == "letter":
        group = [toks[n + 1]]
    if not group or any(t.kind != "letter" for t in group):
        return [], n
    return [t.text for t in group], n + 2 + (len(group) + 1 if toks[n + 1].kind == "open" else 0)


def not_names(run: tuple[Token, ...], s: Symbols) -> None:
    """Refuse a function's name written in plain letters (`ln(x)`, `exp(x)`, as MathJax
    shows them) whose every letter is also a name or a size of the document (`l` and `n`):
    it could be their product, and the two readings differ."""
    if len(run) < 2 or any(t.kind != "letter" for t in run):
        return
    if all(s.name(t.text) is not None or t.text in s.sizes for t in run):
        word = "".join(t.text for t in run)
        raise TexError(
            f"{word} could be the function {word} or the product of the names "
            f"{', '.join(t.text for t in run)}; write \\{word} for the function, or spaces "
            "between the names",
            Span(run[0].start, run[-1].end),
        )
