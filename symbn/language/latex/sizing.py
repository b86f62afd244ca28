"""What a row says of sizes, as `symbn.language.latex.infer` gathers it: `N \\times L`,
a mean `\\frac{1}{N}\\sum_k`, a letter under a root; which letters are sizes at the end; and
which size the letters at each axis run over (`unify`)."""

from __future__ import annotations

from symbn.language.latex.guess import Guess, sized
from symbn.language.latex.namesat import limits_at, name_at, name_key
from symbn.language.latex.texlex import Token


def demote(guess: Guess, defined: set[str]) -> None:
    """A lower-case letter written alone under a root (`\\sqrt{d}`), over no sum and defined
    by no row (`s = …` then `\\sqrt{s}`: a name of the document, `defined`) is a size. A
    lower-case letter some sum runs over is an index, not a size, even where it bounds
    another sum (`\\sum_{i=1}^{t}` beside `\\sum_t`: i runs up to t, a partial sum)."""
    for x in guess.roots:  # \\frac{QK^T}{\\sqrt{d}}: a size, not an index or an exponent
        if x not in guess.letters and x not in guess.ranges and x not in {"e", *defined}:
            add_size(guess, x)
    for s in [s for s in guess.sizes if s.islower() and s in guess.letters]:
        guess.sizes.remove(s)
        for x in [x for x, r in guess.ranges.items() if r == s]:
            del guess.ranges[x]


def differentiated(rows: list[tuple[Token, ...]], guess: Guess) -> None:
    """A letter the rows take a derivative of (`\\partial L`, `\\frac{dL}{…}`) or set to an
    expression of names (`_quantity`) is a quantity, never a size, though the layers count
    up to it (`l = 1, \\ldots, L`, or `a^{[L]}` beside `a^{[l]}`, with L the loss): what ran
    up to it runs over a size of its own (read as a size, `L = \\frac{1}{2}(a^{[L]} - y)^2`
    was refuted)."""
    quantities = [s for s in guess.sizes if any(_quantity(toks, s, guess) for toks in rows)]
    for s in quantities:
        guess.sizes.remove(s)
        for x in [x for x, r in guess.ranges.items() if r == s]:
            del guess.ranges[x]
        guess.layer_count = "" if guess.layer_count == s else guess.layer_count


def _quantity(toks: tuple[Token, ...], letter: str, guess: Guess) -> bool:
    """Whether `letter` is differentiated in `toks`, or set by it to an expression of names
    other than sizes (`L = \\frac{1}{2}(a^{[L]} - y)^2`, not `L = 3` nor `D = H W`)."""
    if len(toks) > 2 and toks[0].text == letter and toks[1].text == "=":
        named = {t.text for t in toks[2:] if t.kind == "letter"} - {letter, *guess.sizes}
        if named:
            return True
    return _numerator(toks, letter)


def _numerator(toks: tuple[Token, ...], letter: str) -> bool:
    """Whether `letter` is written as what a derivative is taken of in `toks`."""
    for n, t in enumerate(toks):
        if t.kind != "letter" or t.text != letter or n == 0:
            continue
        before = [x.text for x in toks[max(n - 3, 0) : n]]
        after = toks[n + 1].text if n + 1 < len(toks) else ""
        braced = before[-2:] == ["\\partial", "{"] and after == "}"  # \partial {L}
        fraction = before in (["\\frac", "{", "d"], ["\\dfrac", "{", "d"])  # \frac{dL}{…}
        if before[-1:] == ["\\partial"] or braced or fraction:
            return True
    return False


def mean(toks: tuple[Token, ...], n: int, size: Token, guess: Guess) -> None:
    """`\\frac{1}{N}\\sum_{k} …`: a mean, so k runs over N."""
    low, _ = limits_at(toks, n)
    if size.kind == "letter" and len(low) == 1 and low[0].kind == "letter":
        guess.ranges.setdefault(low[0].text, size.text)
        add_size(guess, size.text)


def times(toks: tuple[Token, ...], guess: Guess) -> None:
    """`N \\times L` names two sizes; after `\\text{size}` in a row that defines a name
    (`\\hat{h} = … \\text{size } N \\times L`), the last such product is its shape (in
    `size = N \\times D \\cdot D \\times L = N \\times L`, the result)."""
    last, said = None, False
    for n, t in enumerate(toks):
        said = said or (t.kind == "text" and "size" in t.arg)
        if t.text != "\\times" or not 0 < n < len(toks) - 1:
            continue
        a, b = toks[n - 1], toks[n + 1]
        if a.kind == b.kind == "letter" and a.text.isupper() and b.text.isupper():
            add_size(guess, a.text)
            add_size(guess, b.text)
            last = (a.text, b.text) if said else last
    first = name_at(toks, 0) if toks else None
    equals = next((k for k, x in enumerate(toks) if x.text == "="), None)
    if last and first is not None and first.end == equals and not first.letters:
        guess.shapes.setdefault(name_key(first), last)


def add_size(guess: Guess, name: str) -> None:
    if name not in guess.sizes:
        guess.sizes.append(name)


def unify(guess: Guess) -> None:
    """Letters met at one axis of one tensor run over one size: the size a sum's bound, a
    shape or a size written as the index (`h_{Nj}`) gives the group, else one of its own."""
    group: dict[str, str] = {}

    def root(x: str) -> str:
        while group.setdefault(x, x) != x:
            x = group[x]
        return x

    for letter in guess.letters:
        root(letter)
    sizes: dict[str, str] = {}  # a group's root -> its size
    for t in guess.tensors.values():
        shape = guess.shapes.get(t.name, ())
        for k, axis in enumerate(t.axes):
            lower = sorted(x for x in axis if x.islower() and not sized(guess, x))
            for x in lower:
                root(x)
            for x in lower[1:]:
                group[root(x)] = root(lower[0])
            given = {x for x in axis if sized(guess, x)} | (
                {shape[k]} if len(shape) == len(t.axes) else set()
            )
            if lower and len(given) == 1:
                sizes.setdefault(root(lower[0]), given.pop())
    for x, size in guess.ranges.items():
        sizes.setdefault(root(x), size)
    for x in sorted(group):
        r = root(x)
        if r not in sizes:
            sizes[r] = f"n_{r}"
            guess.invented.add(sizes[r])
        size = sizes.get(r, sizes[r])
        guess.ranges.setdefault(x, size)
        add_size(guess, guess.ranges[x])
    for t in guess.tensors.values():
        for axis in t.axes:
            for x in axis:
                if x.isupper():
                    add_size(guess, x)
            if axis and all(x.isdigit() for x in axis):  # x_{i1}, x_{i2}: a size of its own
                axis.add(f"n_{t.name}")
                guess.invented.add(f"n_{t.name}")
                add_size(guess, f"n_{t.name}")
