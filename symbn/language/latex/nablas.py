"""The gradient by a layer's activations as the book on backprop writes it: `\\nabla_a C`,
where a names nothing but the cost is defined from the output layer's `a^L`
(`C = \\frac{1}{2} \\sum_j (y_j - a^L_j)^2`), is ∇ of C by a^L. The inference takes the bare
letter for a spelling of the one labelled name of that letter (`a^{L}`, `a^{[L]}`) the
scalar after it is defined from; of none or several, it stays unknown and its lines are
unchecked."""

from __future__ import annotations

from symbn.language.latex.guess import Guess
from symbn.language.latex.namesat import name_at, name_key
from symbn.language.latex.texlex import tokenize
from symbn.source.document.markdown import Document
from symbn.source.positions import TexError


def nabla_stems(doc: Document, guess: Guess) -> None:
    """Add each such bare letter to the spellings of the name it stands for in `guess`."""
    for d in doc.displays:
        try:
            toks = tokenize(d.text)
        except TexError:
            continue
        for n in range(len(toks) - 3):
            if toks[n].text != "\\nabla" or toks[n + 1].kind != "sub":
                continue
            stem, after = toks[n + 2], name_at(toks, n + 3)
            if stem.kind != "letter" or after is None or _named(guess, stem.text):
                continue
            scalar = guess.tensors.get(name_key(after))
            if scalar is None or scalar.axes:
                continue
            layers = [
                t
                for t in guess.tensors.values()
                if t.name in scalar.sources
                and any(s.startswith(f"{stem.text}^") for s in t.spellings)
            ]
            if len(layers) == 1 and stem.text not in layers[0].spellings:
                layers[0].spellings.append(stem.text)


def _named(guess: Guess, letter: str) -> bool:
    """Whether a letter already names something: a name, a size or an index."""
    return letter in guess.tensors or letter in guess.sizes or letter in guess.ranges
