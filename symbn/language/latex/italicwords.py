"""Words in italics that a document uses as names of their own, `target`, `output`, `net`
(`E = \\frac{1}{2}(target - output)^2`, as worked backpropagation examples write them): a run
of three or more small letters, with no script under it, that spells no function and no word
of prose, none of whose letters the document writes alone anywhere (a name `t`, an index
`i`, a product `xy`). Such a run is one name wherever the document writes it, never the
product of its letters; a run with a letter written alone elsewhere stays letters
(`xyz` beside `x`), as do runs under an upright font (`\\mathrm{net}`).

The inference reads each such run as one token (`merged`), a name as a letter is."""

from __future__ import annotations

from dataclasses import replace

from symbn.language.latex.calls import PROSE_WORDS, UPRIGHT
from symbn.language.latex.plainwords import FUNCTIONS
from symbn.language.latex.texlex import Token
from symbn.language.latex.wordnames import MIN_WORD, NOT_WORDS, run_end

#: Fonts whose group holds a word, a field or a function's name, never italic names.
_FONTS = UPRIGHT | {"\\mathbb", "\\mathsf", "\\mathcal"}


def _scripts(toks: tuple[Token, ...]) -> set[int]:
    """The positions of the tokens inside a subscript or superscript."""
    inside: set[int] = set()
    for n in range(len(toks) - 1):
        if toks[n].kind in ("sub", "sup"):
            depth, m = 0, n + 1
            while m < len(toks):
                depth += {"open": 1, "close": -1}.get(toks[m].kind, 0)
                inside.add(m)
                m += 1
                if depth <= 0:
                    break
    return inside


def _candidate(toks: tuple[Token, ...], n: int, m: int, inside: set[int]) -> bool | None:
    """Whether the run of letters from n to m is a word that may be a name (True), letters
    each written alone (False), or neither (None: a function, a word with a script under it
    or in one, one with capitals, one in an upright font)."""
    word = "".join(t.text for t in toks[n:m])
    if n in inside and m - n >= MIN_WORD:
        return None  # L_{rec}, x^{new}: a label, read as labels are (x_{ij}: letters)
    if n > 1 and toks[n - 1].kind == "open" and toks[n - 2].text in _FONTS:
        return None  # \mathrm{net}, \operatorname{diag}: no italic name
    scripted = m < len(toks) and toks[m].kind == "sub"
    if m - n < MIN_WORD:
        return False if not (word == "e" and m < len(toks) and toks[m].kind == "sup") else None
    called = m < len(toks) and toks[m].text == "("  # swish(x): maybe a function's call
    if scripted or called or not word.islower() or word in NOT_WORDS | FUNCTIONS | PROSE_WORDS:
        return None
    return True


def _call(toks: tuple[Token, ...], m: int, word: str) -> bool:
    """Whether the word before m stands at a bracket that may hold its arguments: one that
    does not write the word again (`output(1 - output)` is a product)."""
    if m >= len(toks) or toks[m].text != "(":
        return False
    depth, k = 0, m
    while k < len(toks):
        depth += {"(": 1, ")": -1}.get(toks[k].text, 0)
        if depth == 0:
            break
        k += 1
    return word not in "".join(t.text for t in toks[m:k])


def words(rows: list[tuple[Token, ...]]) -> frozenset[str]:
    """The words the rows write as names (see the module's docstring)."""
    alone: set[str] = set()
    found: set[str] = set()
    calls: set[str] = set()  # loss(y): maybe a function of y, so never a name
    for toks in rows:
        n, inside = 0, _scripts(toks)
        while n < len(toks):
            if toks[n].kind != "letter":
                n += 1
                continue
            m = run_end(toks, n)
            kind = _candidate(toks, n, m, inside)
            word = "".join(t.text for t in toks[n:m])
            if kind is True:
                found.add(word)
            elif kind is None and _call(toks, m, word):
                calls.add(word)
            elif kind is False:  # e^{x} aside: Euler's number
                alone |= {t.text for t in toks[n:m]}
            n = m
    kept = {w for w in found - calls if not set(w) & alone}
    # (xyz beside zyx: the same letters in two orders, a product's two spellings)
    return frozenset(w for w in kept if not any(v != w and sorted(v) == sorted(w) for v in kept))


def merged(rows: list[tuple[Token, ...]], names: frozenset[str]) -> list[tuple[Token, ...]]:
    """The rows with each run that spells one of `names` made one letter token."""
    if not names:
        return rows
    out = []
    for toks in rows:
        row: list[Token] = []
        n, inside = 0, _scripts(toks)
        while n < len(toks):
            m = run_end(toks, n) if toks[n].kind == "letter" else n + 1
            word = "".join(t.text for t in toks[n:m])
            if m - n > 1 and word in names and _candidate(toks, n, m, inside):
                row.append(replace(toks[n], text=word, end=toks[m - 1].end))
            else:
                row.extend(toks[n:m])
            n = m
        out.append(tuple(row))
    return out


def spellings(written: list[str], names: frozenset[str]) -> list[str]:
    """The spellings of a name that `written` lacks: a word of `names` is written in italics
    and, where a row sets it or a derivative is by it, as the lexer reads it there
    (`\\text{output}`, `symbn.language.latex.plainwords`)."""
    words = {w for w in names if w in written or f"\\text{{{w}}}" in written}
    both = [s for w in sorted(words) for s in (w, f"\\text{{{w}}}")]
    return [s for s in both if s not in written]
