"""Rows written as one-index names: beside a matrix `X` written whole, `x_i` is its row i
(`\\hat{x}_i` of `\\hat{X}`, `y_i` of `Y`), as notes on batch norm write each example.

The reader takes a tensor written with fewer indices than it has axes as the slice at
those leading indices (`symbn.language.latex.shapes`), so `x_i - \\mu` is a row minus a
row, read element by element; this module only tells the inference that `x` is a
spelling of `X`. A one-index name is merged only when the matrix has two axes (or an
unknown shape) and nothing says otherwise: its index letter runs over the matrix's first
axis and a shape of its own (`x_i \\in \\mathbb{R}^D`) is the matrix's second.
"""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex.guess import Guess, Tensor
from symbn.language.latex.texlex import Token


def _upper(key: str) -> str | None:
    """The name of the matrix whose rows `key` would name: X for x, Xhat for xhat."""
    return key[0].upper() + key[1:] if key[:1].isascii() and key[:1].islower() else None


def _fits(guess: Guess, row: Tensor, whole: Tensor) -> bool:
    """Whether `row` names the rows of `whole` (`x_i` of X), or its elements (`x_{ij}`,
    `x^{(i)}_j`, the design matrix's entries written beside it)."""
    shape = guess.shapes.get(whole.name)
    own = guess.shapes.get(row.name)
    if len(row.axes) not in (1, 2) or whole.axes or (shape is not None and len(shape) != 2):
        return False
    if own is not None and (shape is None or own != shape[len(row.axes) :]):
        return False
    return shape is None or all(
        guess.ranges.get(x, shape[k]) == shape[k] for k, axis in enumerate(row.axes) for x in axis
    )


def merge_rows(guess: Guess, rows: Sequence[tuple[Token, ...]] = ()) -> None:
    """Take each one-index name that names the rows of a matrix written whole for a
    spelling of that matrix (see the module's docstring); a one-index name defined from
    such rows at its own index letter (`\\hat{x}_i = (x_i - \\mu) / …`) is a row too, of a
    matrix whose shape the solver finds from its use."""
    rows = _merge(guess, _transposed(rows))
    for name, t in guess.tensors.items():
        if name in guess.rows and len(t.axes) == 1:
            rows[name] = set(t.axes[0])
    while more := [
        t
        for t in guess.tensors.values()
        if len(t.axes) == 1
        and t.defined
        and t.name not in guess.shapes
        and t.name not in rows
        and any(t.axes[0] & rows.get(s, set()) for s in t.sources)
    ]:
        for t in more:
            rows[t.name] = t.axes[0]
            t.axes = []
    for _ in rows:  # the letters of a row run over the rows it is defined from
        for name, letters in rows.items():
            sources = guess.tensors[name].sources
            sizes = {guess.ranges[x] for s in sources for x in rows.get(s, ()) if x in guess.ranges}
            if len(sizes) == 1:
                for x in letters:
                    guess.ranges.setdefault(x, next(iter(sizes)))


def _transposed(rows: Sequence[tuple[Token, ...]]) -> set[str]:
    """The upper-case letters written transposed (`X^T`, `X^\\top`): matrices, even where
    no row gives them a shape."""
    out = set()
    for toks in rows:
        for k in range(len(toks) - 2):
            t, after = toks[k], [x.text for x in toks[k + 2 : k + 4]]
            marked = after[:1] in (["T"], ["\\top"]) or after in (["{", "T"], ["{", "\\top"])
            if t.kind == "letter" and t.text.isupper() and toks[k + 1].kind == "sup" and marked:
                out.add(t.text)
    return out


def _merge(guess: Guess, transposed: set[str]) -> dict[str, set[str]]:
    """Merge the rows of matrices written whole: {matrix: the index letters of its rows}."""
    out: dict[str, set[str]] = {}
    for key, row in list(guess.tensors.items()):
        upper = _upper(key)
        whole = guess.tensors.get(upper) if upper is not None else None
        if whole is None and upper in guess.bare and upper in transposed and len(row.axes) == 2:
            whole = Tensor(upper, spellings=[guess.bare.pop(upper)])  # X^T beside x_{ij}
            guess.tensors[upper] = whole
        if whole is None or key in guess.classes or not _fits(guess, row, whole):
            continue
        del guess.tensors[key]
        guess.shapes.pop(key, None)
        whole.spellings += [s for s in row.spellings if s not in whole.spellings]
        guess.merged.setdefault(whole.name, []).extend(row.spellings)
        if row.defined and (not whole.defined or row.order < whole.order):
            whole.order, whole.whole = row.order, row.whole
        whole.defined |= row.defined
        whole.numerator |= row.numerator
        whole.denominator |= row.denominator
        whole.left |= row.left
        whole.used |= row.used
        whole.applied |= row.applied
        whole.opaque |= row.opaque
        whole.sources |= row.sources - {whole.name}
        whole.gradient = whole.gradient or row.gradient
        guess.pairs = {(a, whole.name if b == key else b) for a, b in guess.pairs}
        for t in guess.tensors.values():
            if key in t.sources:
                t.sources = (t.sources - {key}) | ({whole.name} - {t.name})
        shape = guess.shapes.get(whole.name)
        for x in row.axes[0]:
            if shape is not None:
                guess.ranges.setdefault(x, shape[0])
        out[whole.name] = set(row.axes[0])
    return out


def sized_rows(guess: Guess) -> None:
    """The shape of a name whose rows the document sizes (`x_t \\in \\mathbb{R}^d`, t
    over T: x is T × d), once its index letter's range is known."""
    for name, dims in guess.rows.items():
        t = guess.tensors.get(name)
        if t is None or len(t.axes) != 1 or name in guess.shapes:
            continue
        sizes = {guess.ranges[x] for x in t.axes[0] if x in guess.ranges}
        if len(sizes) == 1:
            guess.shapes[name] = (sizes.pop(), *dims)
            t.axes = []
