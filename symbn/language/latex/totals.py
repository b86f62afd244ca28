"""A total over steps written with the name of its terms: `L = \\frac{1}{T}\\sum_t L^t`,
`E = \\sum_t E_t`. The name written bare is one scalar, the total, and the name written with
its step another tensor, the terms: the inference names the total `L_total`, spelled as the
terms are, and the reader (`symbn.language.latex.symbols.Symbols.total`) takes the bare
spelling for it. When no row defines the terms (`L = \\sum_t L_t`, each L_t a loss of the
step's output left unsaid), the total is the loss, known through its gradient
(`symbn.verify.lossmodel`), and a derivative of a term by the output at its own step is
the loss's (`symbn.language.latex.texcalc`)."""

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
                unsaid = not _terms_defined(rows, head.base, letters, labels)
                guess.tensors[name] = Tensor(  # terms no row defines: a loss left unsaid
                    name,
                    spellings=[head.spelling],
                    defined=not unsaid,
                    numerator=unsaid and terms.numerator,
                    left=True,
                    order=terms.order,
                )
                guess.shapes[name] = ()  # a scalar, whatever the solver would make of it
                if unsaid:  # the terms are inputs; what they are differentiated by, the total's
                    terms.defined = terms.left = False
                    guess.pairs |= {(name, b) for a, b in guess.pairs if a == terms.name}


def _terms_defined(
    rows: list[tuple[Token, ...]], base: str, letters: frozenset[str], labels: frozenset[str]
) -> bool:
    """Whether a row defines the terms, the name `base` written with index letters at the
    start of a row (`L_t = …`, `L^{(t)} = …`)."""
    heads = [(toks, name_at(toks, lead(toks), letters, labels)) for toks in rows if toks]
    return any(
        h.base == base and bool(h.letters) and toks[h.end].text == "="
        for toks, h in heads
        if h is not None and h.end < len(toks)
    )
