"""A document's context, inferred from its maths: what a careful reader gathers before
checking a line.

- `\\sum_{i=1}^{N}` says that index i runs over the size N (`\\prod` too);
- `X \\in \\mathbb{R}^{N \\times D}` gives X's shape (`\\mathbb{R}^{N}` a vector's,
  `\\mathbb{R}` a scalar's);
- a name written with index letters (`x_{ij}`, `x_{i,j}`, `\\hat{x}_i`) is a tensor with one
  axis per letter, and letters met at the same axis of the same tensor run over the same
  size, so `\\sum_{k=1}^{N} x_{kj}` and `x_{ij}` say that i runs over N too; a letter whose
  range nothing says gets a size of its own (`n_i`), which the user can rename;
- an upper-case subscript that is never summed is part of the name (`\\mu_B`), and so is
  a square on the left of a definition (`\\sigma^2_B = …` defines one name, σ²_B);
- a row `name = …` (or `name_{ij} = …`) defines the name, at its first such row; a
  tensor never defined is an input;
- the loss is the scalar in the numerator of derivatives that is never defined
  (`\\frac{\\partial L}{\\partial y_i}`), a function of the defined tensor nearest the
  output whose gradient the document takes; that gradient is the upstream input.

`symbn.language.latex.guessed` writes the result as a context file, so what `symbn context
DOC` prints is what `symbn check DOC` uses when the document has no other context.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from symbn.language.latex.symbols import GREEK
from symbn.language.latex.texlex import Token, tokenize
from symbn.source.document.markdown import Document
from symbn.source.positions import TexError

#: Greek commands that are never a name of the document's own.
NOT_NAMES = frozenset({"pi", "partial", "nabla", "infty", "Delta", "Sigma", "Pi"})
#: Greek letters that are the Kronecker delta when written with two index letters.
DELTAS = frozenset({"delta", "Delta"})
#: Commands whose group holds a word or a field, not names.
WORDS = frozenset({"\\operatorname", "\\text", "\\mathrm", "\\textrm", "\\mathbb", "\\mathsf"})
#: `\\mathbf{1}_`: the ones vector, of the size that follows.
ONES = tuple((f, "{", "1", "}", "_") for f in ("\\mathbf", "\\mathbb", "\\boldsymbol", "\\bm"))
#: Accents and fonts that make a new name, and the suffix the name takes from each.
SUFFIX = {"\\hat": "hat", "\\widehat": "hat", "\\bar": "bar", "\\overline": "bar"}
SUFFIX |= {"\\tilde": "tilde", "\\widetilde": "tilde", "\\mathcal": "", "\\mathbf": ""}
SUFFIX |= {"\\boldsymbol": "", "\\bm": "", "\\mathit": "", "\\mathrm": ""}


@dataclass
class Tensor:
    """A name as it is written: its spellings (LaTeX), the index letters at each axis, and
    whether a row defines it."""

    name: str
    spellings: list[str] = field(default_factory=list)
    axes: list[set[str]] = field(default_factory=list)
    defined: bool = False
    numerator: bool = False  # written as the numerator of a derivative, without indices
    denominator: bool = False  # written in the denominator of a derivative
    order: int = 0
    whole: bool = False  # defined without index letters (h = XW + b)
    left: bool = False  # on the left of a row's `=`, read as a definition or not


@dataclass
class Guess:
    """What the document says about its names."""

    ranges: dict[str, str] = field(default_factory=dict)  # index letter -> size
    sizes: list[str] = field(default_factory=list)
    shapes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # from \in \mathbb{R}^..
    tensors: dict[str, Tensor] = field(default_factory=dict)
    letters: list[str] = field(default_factory=list)  # index letters of sums, in order
    bare: dict[str, str] = field(default_factory=dict)  # letters written whole: X in XW
    prefixed: dict[str, int] = field(default_factory=dict)  # dW: W -> rows it begins


def _group(toks: tuple[Token, ...], n: int) -> tuple[list[Token], int]:
    """The tokens of the braced group or single token at `n`, and the position after it."""
    if n >= len(toks):
        return [], n
    if toks[n].kind != "open":
        return [toks[n]], n + 1
    depth, m = 0, n
    while m < len(toks):
        depth += {"open": 1, "close": -1}.get(toks[m].kind, 0)
        if depth == 0:
            return list(toks[n + 1 : m]), m + 1
        m += 1
    return list(toks[n + 1 :]), len(toks)


def _below(toks: tuple[Token, ...], n: int) -> tuple[list[Token], int]:
    """The subscript of a `\\sum` or `\\prod` at `n` and the position after it; no tokens
    when `n` is not one with a subscript."""
    if toks[n].text not in ("\\sum", "\\prod") or n + 1 >= len(toks):
        return [], n
    return _group(toks, n + 2) if toks[n + 1].kind == "sub" else ([], n)


@dataclass
class _Name:
    base: str  # the ASCII name, with its label (mu_B)
    spelling: str  # the LaTeX of the name without its index letters
    letters: list[str]  # index letters, in order (empty: a scalar or a label only)
    end: int  # the position after the name
    square: bool  # a ^2 right after the base or the subscript
    label: str = ""  # an upper-case subscript that is part of the name


def _name_at(toks: tuple[Token, ...], n: int) -> _Name | None:
    """The name written at `n` (a letter, a Greek letter, an accented or styled one, with
    its subscript), if one is."""
    t = toks[n]
    if t.kind == "letter":
        base, spelling, m = t.text, t.text, n + 1
    elif t.kind == "command" and t.text[1:] in GREEK and t.text[1:] not in NOT_NAMES:
        base, spelling, m = t.text[1:], t.text, n + 1
    elif t.kind == "command" and t.text in SUFFIX:
        arg, m = _group(toks, n + 1)
        if len(arg) != 1 or not (arg[0].kind == "letter" or arg[0].text[1:] in GREEK):
            return None
        inner = arg[0].text.lstrip("\\")
        base, spelling = inner + SUFFIX[t.text], f"{t.text}{{{arg[0].text}}}"
    else:
        return None
    square = False
    letters: list[str] = []
    label = ""
    for _ in range(2):  # a subscript and a square, in either order
        if m < len(toks) and toks[m].kind == "sup":
            arg, after = _group(toks, m + 1)
            if [a.text for a in arg] == ["2"] and not square:
                square, m = True, after
                continue
            break
        if m < len(toks) and toks[m].kind == "sub" and not letters and not label:
            arg, after = _group(toks, m + 1)
            if len(arg) == 1 and arg[0].kind == "number" and arg[0].text.isdigit():
                base, spelling, m = base + arg[0].text, f"{spelling}_{{{arg[0].text}}}", after
                continue  # W_1: a layer's label, part of the name (W1)
            parts = [a for a in arg if a.text != ","]
            if parts and all(a.kind == "letter" for a in parts):
                if len(parts) == 1 and parts[0].text.isupper():
                    label = parts[0].text
                else:
                    letters = [a.text for a in parts]
                m = after
                continue
            break
        break
    if label:
        spelling, base = f"{spelling}_{{{label}}}", f"{base}_{label}"
    if base in DELTAS and len(letters) == 2:
        return None  # the Kronecker delta
    return _Name(base, spelling, letters, m, square, label)


def infer(doc: Document) -> Guess:
    """The context the maths of `doc` implies (displays that do not tokenize are skipped)."""
    guess = Guess()
    rows: list[tuple[Token, ...]] = []
    for d in doc.displays:
        try:
            toks = tokenize(d.text)
        except TexError:
            continue
        row: list[Token] = []
        for t in toks:
            if t.kind == "newline":
                rows.append(tuple(row))
                row = []
            elif t.kind not in ("amp", "begin", "end"):
                row.append(t)
        rows.append(tuple(row))
    for toks in rows:
        _ranges(toks, guess)
        _times(toks, guess)
    for toks in rows:
        _names(toks, guess)
    _unify(guess)
    return guess


def _ranges(toks: tuple[Token, ...], guess: Guess) -> None:
    """Index ranges from sums, shapes from `\\in \\mathbb{R}^{…}`."""
    for n, t in enumerate(toks):
        low, m = _below(toks, n)
        if low and low[0].kind == "letter":
            letter = low[0].text
            guess.letters += [a.text for a in low if a.kind == "letter" and a.text.islower()]
            bounded = len(low) == 1 or low[1].text == "="  # not \\sum_{k,l}
            if bounded and m < len(toks) and toks[m].kind == "sup":
                high, _ = _group(toks, m + 1)
                if len(high) == 1 and high[0].kind == "letter" and high[0].text != letter:
                    guess.ranges.setdefault(letter, high[0].text)
                    _size(guess, high[0].text)
        ahead = [x.text for x in toks[n + 1 : n + 7]]
        one = (t.text, *ahead[:4], *ahead[5:]) in (("\\frac", "{", "1", "}", "{", "}"), *ONES)
        if (one or (t.text, *ahead[:4]) in ONES) and "".join(ahead[4:5]).isupper():
            _size(guess, ahead[4])  # \frac{1}{N}: a mean over N; \mathbf{1}_N: N ones
        mean = [x.text for x in toks[max(n - 7, 0) : n]]
        if t.text == "\\sum" and mean[:5] == ["\\frac", "{", "1", "}", "{"] and mean[6:] == ["}"]:
            _mean(toks, n, toks[n - 2], guess)
        if t.text == "\\in" and n > 0 and n + 2 < len(toks) and toks[n + 1].text == "\\mathbb":
            field_, m = _group(toks, n + 2)
            if [x.text for x in field_] != ["R"]:
                continue
            start = n - 1
            while start > 0 and toks[start].kind in ("close", "letter", "sub", "open"):
                start -= 1
            name = next(
                (x for k in range(start, n) if (x := _name_at(toks, k)) and x.end == n), None
            )
            if name is None:
                continue
            dims: list[str] = []
            if m < len(toks) and toks[m].kind == "sup":
                sup, _ = _group(toks, m + 1)
                dims = [a.text for a in sup if a.kind == "letter"]
                if any(a.kind not in ("letter",) and a.text != "\\times" for a in sup):
                    continue
            guess.shapes.setdefault(name.base, tuple(dims))
            for s in dims:
                _size(guess, s)


def _mean(toks: tuple[Token, ...], n: int, size: Token, guess: Guess) -> None:
    """`\\frac{1}{N}\\sum_{k} …`: a mean, so k runs over N."""
    low, _ = _below(toks, n)
    if size.kind == "letter" and len(low) == 1 and low[0].kind == "letter":
        guess.ranges.setdefault(low[0].text, size.text)
        _size(guess, size.text)


def _times(toks: tuple[Token, ...], guess: Guess) -> None:
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
            _size(guess, a.text)
            _size(guess, b.text)
            last = (a.text, b.text) if said else last
    first = _name_at(toks, 0) if toks else None
    equals = next((k for k, x in enumerate(toks) if x.text == "="), None)
    if last and first is not None and first.end == equals and not first.letters:
        guess.shapes.setdefault(_key(first), last)


def _size(guess: Guess, name: str) -> None:
    if name not in guess.sizes:
        guess.sizes.append(name)


def _names(toks: tuple[Token, ...], guess: Guess) -> None:
    """Every name of a row; the name left of the row's first `=` is defined by it."""
    equals = next((n for n, t in enumerate(toks) if t.text == "="), None)
    n = 0
    while n < len(toks):
        if toks[n].text == "\\partial" and n + 1 < len(toks):
            name = _name_at(toks, n + 1)
            if name is not None:
                over = name.end < len(toks) and toks[name.end].text == "/"  # \partial L / ..
                inside_frac = over or (n > 0 and toks[n - 1].kind == "open")
                below = n > 1 and toks[n - 2].kind == "close"  # \frac{..}{\partial x}
                tensor = _tensor(guess, name)
                if inside_frac and not below and not name.letters:
                    tensor.numerator = True
                else:
                    tensor.denominator = True
                n = name.end
                continue
        if toks[n].text in WORDS:
            n = _group(toks, n + 1)[1]  # \operatorname{softmax}, \mathbb{R}: no names
            continue
        name = _name_at(toks, n)
        if name is None or name.base in guess.sizes or name.base in guess.ranges:
            n += 1
            continue
        defines = equals is not None and n == 0 and name.end == equals
        after = _name_at(toks, n + 1) if toks[n].text == "d" and n + 1 < len(toks) else None
        if after is not None and not name.letters and toks[n + 1].kind != "sup":
            _tensor(guess, after).denominator = True  # dW: the gradient of W
            guess.prefixed[_key(after)] = guess.prefixed.get(_key(after), 0) + (n == 0)
            n = after.end
            continue
        bare = toks[n].kind == "letter" and not name.letters and name.base not in guess.shapes
        if bare and not defines:
            word = _run(toks, n) >= 3
            if not word and (n == 0 or toks[n - 1].kind != "sup"):  # not ReLu, not X^T's T
                guess.bare.setdefault(name.base, name.spelling)
            n = name.end  # a bare Latin letter: a size, a variable of a function, a label
            continue
        tensor = _tensor(guess, name, defines)
        tensor.left = tensor.left or defines
        if defines and (not tensor.defined or (tensor.whole and name.letters)):
            # the first row that defines it with its index letters, else the first row
            tensor.whole = not name.letters
            free = _free_letters(toks, equals) if tensor.whole else []
            if free and len(tensor.axes) in (0, len(free)):  # u = h_{kl} - \\mu_l: u_{kl}
                tensor.axes = tensor.axes or [set() for _ in free]
                for axis, x in zip(tensor.axes, free, strict=True):
                    axis.add(x)
                tensor.whole = False
            tensor.defined = not (tensor.whole and free)
            tensor.order = len([t for t in guess.tensors.values() if t.defined])
        n = name.end


def _run(toks: tuple[Token, ...], n: int) -> int:
    """How many letters stand together at `n` (ReLu, a word, rather than X W)."""
    lo, hi = n, n + 1
    while lo > 0 and toks[lo - 1].kind == "letter":
        lo -= 1
    while hi < len(toks) and toks[hi].kind == "letter":
        hi += 1
    return hi - lo


def _key(name: _Name) -> str:
    """The ASCII name: σ²_B is sigma2_B."""
    if not name.square:
        return name.base
    return name.base.removesuffix(f"_{name.label}") + "2" + (f"_{name.label}" if name.label else "")


def _free_letters(toks: tuple[Token, ...], equals: int) -> list[str]:
    """The index letters of the right side that no sum of the row binds, in order of first
    appearance (`u = h_{kl} - \\mu_l` defines u over k and l without writing them)."""
    right = toks[equals + 1 :]
    bound = set()
    for k in range(len(right)):
        bound |= {a.text for a in _below(right, k)[0] if a.kind == "letter"}
    used = [x for k in range(len(right)) if (m := _name_at(right, k)) for x in m.letters]
    return [x for x in dict.fromkeys(used) if x.islower() and x not in bound]


def _tensor(guess: Guess, name: _Name, defines: bool = False) -> Tensor:
    """The tensor a name stands for; a square belongs to the name only on the left of its
    definition (`\\sigma^2_B = …`) and where that name is met again, else it is the square
    of the name (`\\sum_h x_h^2`)."""
    key = _key(name)
    spelling = name.spelling + ("^{2}" if name.square else "")
    if name.square and key not in guess.tensors and not defines:
        key, spelling = name.base, name.spelling  # x^2: the square of x
    tensor = guess.tensors.setdefault(key, Tensor(key))
    if spelling not in tensor.spellings:
        tensor.spellings.append(spelling)
    if name.letters and not tensor.axes:
        tensor.axes = [set() for _ in name.letters]
    if len(name.letters) == len(tensor.axes):
        for axis, letter in zip(tensor.axes, name.letters, strict=True):
            axis.add(letter)
    return tensor


def _unify(guess: Guess) -> None:
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
            lower = sorted(x for x in axis if x.islower())
            for x in lower:
                root(x)
            for x in lower[1:]:
                group[root(x)] = root(lower[0])
            given = {x for x in axis if x.isupper()} | (
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
        size = sizes.get(r, sizes[r])
        guess.ranges.setdefault(x, size)
        _size(guess, guess.ranges[x])
    for t in guess.tensors.values():
        for axis in t.axes:
            for x in axis:
                if x.isupper():
                    _size(guess, x)
