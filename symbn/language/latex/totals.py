"""A total over steps written with the name of its terms: `L = \\frac{1}{T}\\sum_t L^t`,
`E = \\sum_t E_t`. The name written bare is one scalar, the total, and the name written with
its step another tensor, the terms: the inference names the total `L_total`, spelled as the
terms are, and the reader (`symbn.language.latex.symbols.Symbols.total`) takes the bare
spelling for it."""

from __future__ import annotations

from symbn.language.latex.guess import Guess, Tensor
from symbn.language.latex.namesat import lead, name_at, name_key
from symbn.language.latex.texlex import Token

#: The suffix of the name the inference gives a total (L -> L_total).
SUFFIX = "_total"


def totals(rows: list[tuple[Token, ...]], guess: Guess) -> None:
    """Add to `guess` the total of each name whose row `name = …` (bare) sums the name
    written with index letters."""
    letters, labels = frozenset(guess.letters), frozenset(guess.labels)
    for toks in rows:
        head = name_at(toks, lead(toks), letters, labels) if toks else None
        if head is None or head.letters or head.end >= len(toks) or toks[head.end].text != "=":
            continue
        terms = guess.tensors.get(name_key(head))
        if terms is None or not terms.axes or not any(t.text == "\\sum" for t in toks):
            continue
        found = (name_at(toks, n, letters, labels) for n in range(head.end + 1, len(toks)))
        if any(m is not None and m.base == head.base and m.letters for m in found):
            name = terms.name + SUFFIX
            if name not in guess.tensors and name.isidentifier():
                spelling = head.spelling
                guess.tensors[name] = Tensor(
                    name, spellings=[spelling], defined=True, left=True, order=terms.order
                )
                guess.shapes[name] = ()  # a scalar, whatever the solver would make of it
