"""Index ranges and shapes a row states, read for the inference of a document's context
(`symbn.language.latex.infer`): `\\sum_{i=1}^{N}` runs i over N, `\\frac{1}{N}` and
`\\mathbf{1}_N` name a size, `X \\in \\mathbb{R}^{N \\times D}` gives X's shape."""

from __future__ import annotations

from symbn.language.latex import upper
from symbn.language.latex.guess import Guess
from symbn.language.latex.namesat import arg_at, limits_at, name_key
from symbn.language.latex.sizing import add_size, mean
from symbn.language.latex.spaces import membership, number_of
from symbn.language.latex.texlex import Token
from symbn.language.latex.upper import ONES


def ranges(toks: tuple[Token, ...], guess: Guess) -> None:
    """Index ranges from sums, shapes from `\\in \\mathbb{R}^{…}`."""
    for n, t in enumerate(toks):
        low, m = limits_at(toks, n)
        if low and low[0].kind == "letter":
            letter = low[0].text
            guess.letters += [a.text for a in low if a.kind == "letter" and a.text.islower()]
            bounded = len(low) == 1 or low[1].text == "="  # not \\sum_{k,l}
            if bounded and m < len(toks) and toks[m].kind == "sup":
                high, _ = arg_at(toks, m + 1)
                if [x.text for x in high[1:]] == ["-", "1"] and low[2:3] and low[2].text == "0":
                    high = high[:1]  # \sum_{i=0}^{m-1}: i over m, counted from zero
                if len(high) == 1 and high[0].kind == "letter" and high[0].text != letter:
                    guess.ranges.setdefault(letter, high[0].text)
                    add_size(guess, high[0].text)
        ahead = [x.text for x in toks[n + 1 : n + 7]]
        one = (t.text, *ahead[:4], *ahead[5:]) in (("\\frac", "{", "1", "}", "{", "}"), *ONES)
        if (one or (t.text, *ahead[:4]) in ONES) and "".join(ahead[4:5]).isupper():
            add_size(guess, ahead[4])  # \frac{1}{N}: a mean over N; \mathbf{1}_N: N ones
        upper.ones(toks, n, guess.ones, guess.ranges)
        after = toks[n + 1].kind if n + 1 < len(toks) else ""
        guess.nabla |= t.text == "\\nabla" and after not in ("", "sub")  # \nabla W
        root = arg_at(toks, n + 1)[0] if t.text == "\\sqrt" else []
        if len(root) == 1 and root[0].kind == "letter" and root[0].text.islower():
            guess.roots.append(root[0].text)  # \\sqrt{d}: a dimension
        ahead = [x.text for x in toks[max(n - 7, 0) : n]]
        if t.text == "\\sum" and ahead[:5] == ["\\frac", "{", "1", "}", "{"] and ahead[6:] == ["}"]:
            mean(toks, n, toks[n - 2], guess)
        names, dims = (membership(toks, n) if t.text == "\\in" else None) or ([], ())
        for name in names:  # x_t \\in \\mathbb{R}^d: each x_t, a row of x
            held = guess.rows if name.letters and dims else guess.shapes
            held.setdefault(name_key(name), dims)
        for s in dims:
            add_size(guess, s)
            guess.numbers.update({s: x} if (x := number_of(s)) else {})  # n16 is 16
