"""Layers labelled by a lower-case letter or a short word under a name: `s_o`, `y_{o}`,
`\\delta_h`, `w_{oh}`, `W_{in}`, `z_{out}` (o the output layer, h the hidden one), and an
activation written with its layer's label, `\\sigma_h(s_h)`, `f_{out}(z)`.

A letter o or h (or a word, in or out) under a name is the layer's label, part of the name,
when nothing makes it an index: no sum runs over it, no range or size is given for it, and
it is no step (`h_{t-1}`); nor is it a quantity written on its own (`h` of `h_t`, of `f(x+h)`),
whose letter under a name says "of h". A subscript of labels alone is one label
(`w_{oh}`: the weight from h to o, a name of its own); labels then index letters that a sum
runs over are a label and positions (`w_{hi}` beside `\\sum_i`: w_h at i). A name written
both with a label and with an index letter at that place (`s_o` beside `s_k`, `a_h` beside
`a_i`) could be the layer's name or an element of a vector: the letter is then read as an
index letter in the whole document, as it is without this reading, never as a layer.

A function spelled with a label (`\\sigma_h(…)`, `f_o'(…)`) is the function its bare name
is (`\\sigma` the sigmoid, by its definition or the prose) at that layer; the pairs are kept
in `Guess.layer_functions` and given their function by `symbn.language.latex.prose`. A
function the document leaves unsaid (`act`) gives no layer its function: two layers'
activations need not be the same.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from symbn.language.latex.guess import Guess
from symbn.language.latex.namesat import DELTAS, KEYWORDS, NOT_NAMES, arg_at
from symbn.language.latex.rowfacts import subscript_steps
from symbn.language.latex.symbols import GREEK
from symbn.language.latex.texlex import Token

#: Letters that label a layer: o the output, h the hidden (i, the input, is too often an
#: index letter to be read so).
LETTERS = frozenset({"o", "h"})
#: Short words that label a layer (longer ones, `hidden`, are labels as words already).
WORDS = frozenset({"in", "out"})
#: What may follow a function's label: its argument or its prime.
CALLED = frozenset({"(", "'", "\\left"})


def past_label(toks: Sequence[Token], n: int) -> int:
    """The position after a layer's label written as a subscript at `n` (`_{in}`, `_o`),
    else `n`."""
    if n + 1 >= len(toks) or toks[n].kind != "sub":
        return n
    arg, after = arg_at(tuple(toks), n + 1)
    sub = "".join(a.text for a in arg)
    labelled = all(a.kind == "letter" for a in arg) and (sub in WORDS or sub in LETTERS)
    return after if labelled else n


def _subscripts(rows: list[tuple[Token, ...]]) -> Iterator[tuple[str, str, str, bool]]:
    """Each name written with a subscript of letters: its base (`delta` of `\\delta_o`), its
    spelling (`\\delta`), the subscript's letters and whether a call follows (`\\sigma_h(`)."""
    for toks in rows:
        for n in range(len(toks) - 2):
            t = toks[n]
            greek = t.kind == "command" and t.text[1:] in GREEK and t.text[1:] not in NOT_NAMES
            if (t.kind != "letter" and not greek) or toks[n + 1].kind != "sub":
                continue
            if n > 0 and toks[n - 1].kind == "letter" and toks[n - 1].end == t.start:
                continue  # the last letter of a word: net_{h1} is a word's
            arg, after = arg_at(toks, n + 2)
            if not arg or not all(a.kind == "letter" for a in arg):
                continue
            base = KEYWORDS.get(t.text[1:], t.text[1:]) if greek else t.text
            called = after < len(toks) and toks[after].text in CALLED
            yield base, t.text, "".join(a.text for a in arg), called


def _label_of(sub: str, layer: frozenset[str], letters: set[str]) -> str | None:
    """The label a subscript begins with (`oh` of w_{oh}, `h` of w_{hi} when i is an index
    letter, `out`), or None when it holds no label or mixes labels in after index letters
    (`w_{ih}`)."""
    if sub in WORDS or (sub and all(x in layer for x in sub)):
        return sub
    lead = len(sub) - len(sub.lstrip("".join(sorted(layer))))
    if lead and all(x in letters for x in sub[lead:]):
        return sub[:lead]
    return None


def _alone(rows: list[tuple[Token, ...]]) -> set[str]:
    """The letters written on their own outside any script (`h` of `f(x + h)`, of `h_t`): a
    quantity of the document, whose letter under a name says "of h", not "at the layer"."""
    out = set()
    for toks in rows:
        scripted: set[int] = set()
        for n, t in enumerate(toks):
            if t.kind in ("sub", "sup") and n + 1 < len(toks):
                scripted |= set(range(n + 1, arg_at(toks, n + 1)[1]))
        for n, t in enumerate(toks):
            before = n > 0 and toks[n - 1].kind == "letter" and toks[n - 1].end == t.start
            after = n + 1 < len(toks) and toks[n + 1].kind == "letter"
            if t.kind == "letter" and n not in scripted and not before:
                out |= set() if after and toks[n + 1].start == t.end else {t.text}
    return out


def _unsure(
    written: list[tuple[str, str, str, bool]], layer: frozenset[str], letters: set[str]
) -> set[str]:
    """The layer letters a name is written with where it is also written with an index letter
    at that place (`s_o` beside `s_k`, `a_h` beside `a_i`): o and h could be the index of
    an element as well as a layer, in the whole document."""
    indexed = {b for b, _, sub, _ in written if _label_of(sub, layer, letters) is None}
    return {x for b, _, sub, _ in written if b in indexed for x in sub if x in layer}


def layered(rows: list[tuple[Token, ...]], guess: Guess) -> set[str]:
    """The labels of layers the rows write under names, as `base_label` (`s_o`, `w_oh`,
    `w_h` of w_{hi}); the functions written with a label go to `guess.layer_functions`."""
    taken = {*guess.letters, *guess.ranges, *guess.sizes, *guess.steps, *subscript_steps(rows)}
    written = list(_subscripts(rows))
    letters = {x for _, _, sub, _ in written for x in sub if x in taken}
    layer = frozenset(LETTERS - taken - _alone(rows))
    layer -= _unsure(written, layer, letters)
    labels: set[str] = set()
    for base, spelling, sub, called in written:
        label = _label_of(sub, layer, letters)
        if label is None or (base in DELTAS and len(sub) == 2 and label == sub):  # δ_{oh}
            continue
        if called:  # \sigma_h(s_h), or a product a_h(1 - a_h): which, the prose decides
            guess.layer_functions[f"{spelling}_{{{label}}}"] = spelling
        labels.add(f"{base}_{label}")
    guess.layer_letters |= {x for label in labels for x in label.rsplit("_", 1)[1] if x in layer}
    return labels
