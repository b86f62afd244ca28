"""Shapes by conformance where a document in matrix notation states no size: a bold or
arrowed lower-case letter (`\\mathbf{x}`, `\\boldsymbol{\\delta}`, `\\vec{x}`) is a vector, a
column, each with a size of its own until a line makes two sizes one (`W \\mathbf{x} +
\\mathbf{b}` makes W m × n, x of n, b of m); a plain lower-case Latin letter in a document
that writes such vectors, and that no line sizes, is a scalar (`\\eta`, `w` beside `\\mathbf{x}`).

`symbn.language.latex.solve` solves the rest: a product, a transpose, `\\odot`, a sum and
the two sides of an equation tie the sizes together, and each size nothing names gets a
fresh one (`n_1`), so every verdict holds for every size.
"""

from __future__ import annotations

from collections.abc import Iterable

from symbn.language.latex import tree
from symbn.language.latex.guess import VECTOR_FONTS, Guess
from symbn.language.latex.shapes import regrouped

#: What a document of scalars does not write: a norm, a transpose, an elementwise product.
VECTORISH = (
    "\\|",
    "\\Vert",
    "\\lVert",
    "\\rVert",
    "^T",
    "^\\top",
    "^{T}",
    "^{\\top}",
    "\\odot",
    "\\circ",
    "\\oslash",
)


def vectorish(text: str) -> bool:
    """Whether maths writes what a document of scalars does not (a norm, a transpose)."""
    return any(x in text for x in VECTORISH)


def _vector_spelling(spelling: str) -> bool:
    """Whether a spelling is a lower-case letter set bold or with an arrow: `\\mathbf{x}`,
    `\\vec x`, `\\boldsymbol{\\delta}` (not `\\mathbf{1}`, nor `\\mathbf{W}`)."""
    head, sep, label = spelling.partition("_")
    if sep and label.strip("{}").isalnum():  # \mathbf{b}_{1}: the vector of layer 1
        spelling = head
    for font in VECTOR_FONTS:
        if not spelling.startswith(font):
            continue
        rest = spelling[len(font) :].strip()
        inner = rest[1:-1].strip() if rest.startswith("{") and rest.endswith("}") else rest
        if inner.startswith("\\"):  # \boldsymbol{\delta}: a Greek vector; not \Delta
            word = inner[1:]
            return word.isalpha() and word[:1].islower() and word not in ("ell", "imath")
        return len(inner) == 1 and inner.isascii() and inner.islower()
    return False


def _spellings(guess: Guess, name: str) -> list[str]:
    tensor = guess.tensors.get(name)
    spelled = list(tensor.spellings) if tensor is not None else []
    return spelled + ([guess.bare[name]] if name in guess.bare else [])


def vectors(guess: Guess, unknown: set[str]) -> set[str]:
    """The names of unknown shape that every spelling writes as a vector (bold or arrowed
    lower case); a name also written plain (`x` beside `\\mathbf{x}`) is left to the lines."""
    out = set()
    for name in unknown:
        spelled = _spellings(guess, name)
        if spelled and all(_vector_spelling(s) for s in spelled):
            out.add(name)
    return out


def _uses(node: tree.Node, vector_names: set[str]) -> Iterable[tuple[str, str, str]]:
    """Each (how, vector, matrix) a product writes: `Mv` for `W \\mathbf{x}`, `vTM` for
    `\\mathbf{x}^T W`, `vM` for `\\mathbf{x} W` (a row vector's convention)."""
    for mul in (n for n in tree.walk(node) if isinstance(n, tree.Mul)):
        grouped = regrouped(mul)
        pairs = zip(grouped.factors, grouped.factors[1:], strict=False)
        for op, (a, b) in zip(grouped.ops, pairs, strict=False):
            if op not in ("", "\\cdot"):
                continue
            left = a.expr if isinstance(a, tree.Transpose) else a
            if not (isinstance(left, tree.Ref) and isinstance(b, tree.Ref)) or b.indices:
                continue
            if left.name in vector_names and not left.indices and b.name[:1].isupper():
                yield ("vTM" if left is not a else "vM"), left.name, b.name
            elif b.name in vector_names and a is left and left.name[:1].isupper():
                yield "Mv", b.name, left.name


def conflict(sides: Iterable[tree.Node], vector_names: set[str]) -> str | None:
    """Why conformance cannot read the document's vectors as columns, None where it can:
    a bold vector written left of a matrix (`\\mathbf{x} W`: rows, a convention of its
    own), or one matrix that multiplies a vector on the right in one line and on the left
    in another (`W \\mathbf{x}` beside `\\mathbf{x}^T W`)."""
    uses = {u for side in sides for u in _uses(side, vector_names)}
    for how, v, m in sorted(uses):
        if how == "vM":
            return f"{v} is written left of {m} as a row and elsewhere as a column"
        if how == "Mv" and ("vTM", v, m) in uses:
            return f"{v} is multiplied by {m} on the right in one line and on the left in another"
    return None


def _vectorlike(sides: Iterable[tree.Node]) -> set[str]:
    """Names a product uses as vectors: right of a capital (`W x`), left of one, transposed."""
    out = set()
    for mul in (n for side in sides for n in tree.walk(side) if isinstance(n, tree.Mul)):
        grouped = regrouped(mul)
        for a, b in zip(grouped.factors, grouped.factors[1:], strict=False):
            for x, y in ((a, b), (b, a)):
                if isinstance(x, tree.Ref) and isinstance(y, tree.Ref) and y.name[:1].isupper():
                    out.add(x.name)
    for node in (n for side in sides for n in tree.walk(side)):
        if isinstance(node, tree.Transpose) and isinstance(node.expr, tree.Ref):
            out.add(node.expr.name)
    return out


def _latin(name: str) -> bool:
    """Whether a name is a lower-case Latin letter, alone or numbered (not Euler's e)."""
    numbered = len(name) == 1 or name[1:].isdigit()
    return numbered and name[:1].isascii() and name[:1].islower() and name != "e"


def _latin_at(guess: Guess, name: str) -> bool:
    """Whether a name is a lower-case Latin letter (`_latin`), or one at a layer (`layered`)."""
    return _latin(name) or layered(guess, name)


def layered(guess: Guess, name: str) -> bool:
    """Whether a name is a lower-case Latin letter at a layer written as its label (`a^{[l-1]}`,
    the name alm1, `b^{(l)}`: `symbn.language.latex.wholelayers`)."""
    return any(
        s[:1].isascii() and s[:1].islower() and s[:1] != "e" and s[1:4] in ("^{[", "^{(")
        for s in _spellings(guess, name)
    )


def same_layer(guess: Guess, bias: str, weight: str) -> bool:
    """Whether a bias and the first factor of the product it is added to are written at one
    layer (`b^{[l]}` beside `W^{[l]} A^{[l-1]}`): the factor is the layer's weights, whose
    rows are its units, and the bias is one of each row."""
    bias_at, weight_at = ({s[s.find("^{") :] for s in _spellings(guess, n)} for n in (bias, weight))
    return layered(guess, bias) and bool(bias_at & weight_at)


def _all_spellings(guess: Guess) -> list[str]:
    return [s for t in guess.tensors.values() for s in t.spellings] + list(guess.bare.values())


def _multiplied(sides: Iterable[tree.Node]) -> set[str]:
    """Names written whole right of a capital in a product (`W x`, `W^T x`) or transposed
    (`x^T`): in a document that writes nothing bold, the vectors."""
    out = set()
    for node in (n for side in sides for n in tree.walk(side)):
        inner = node.expr if isinstance(node, tree.Transpose) else None
        if isinstance(inner, tree.Ref) and not inner.indices:
            out.add(inner.name)
        if not isinstance(node, tree.Mul):
            continue
        grouped = regrouped(node)
        pairs = zip(grouped.factors, grouped.factors[1:], strict=False)
        for op, (a, b) in zip(grouped.ops, pairs, strict=False):
            left = a.expr if isinstance(a, tree.Transpose) else a
            matrix = isinstance(left, tree.Ref) and left.name[:1].isupper()
            if op == "" and matrix and isinstance(b, tree.Ref) and not b.indices:
                out.add(b.name)
    return out


def _function(guess: Guess, name: str) -> bool:
    """Whether a letter is written applied (`g(\\mathbf{x})`, `f'(z)`): a function, no scalar."""
    tensor = guess.tensors.get(name)
    calls = guess.called_letters | guess.applied_only | guess.primed
    return bool(tensor and tensor.applied) or any(s in calls for s in _spellings(guess, name))


def defaults(guess: Guess, unknown: set[str], sides: list[tree.Node]) -> tuple[set[str], set[str]]:
    """The names of unknown shape to read as vectors where no line sizes them (bold or
    arrowed lower case; none where `conflict` says the lines disagree on them), and the
    plain lower-case Latin letters beside them to read as scalars (a learning rate, the
    bias of one output), but for one a product uses as a vector (`W x`, `x^T`)."""
    bold = vectors(guess, unknown)
    if not bold and not any(map(_vector_spelling, _all_spellings(guess))):
        bold = {n for n in _multiplied(sides) if n in unknown and _latin_at(guess, n)}  # W x
        guess.unconformed = (bold and conflict(sides, bold)) or ""
        return (set(), set()) if guess.unconformed else (bold, set())
    guess.unconformed = (bold and conflict(sides, bold)) or ""
    if not bold or guess.unconformed:
        return set(), set()
    used = _vectorlike(sides)
    plain = {
        name
        for name in unknown - used
        if _latin(name)
        and _spellings(guess, name)
        and not _function(guess, name)
        and not any(_vector_spelling(s) for s in _spellings(guess, name))
    }
    return bold, plain


def matrix_product(parts: list[tree.Node], shapes: list[tuple[int, ...] | None]) -> bool:
    """Whether a term of a sum of unknown shape is a product with a matrix written whole (`W
    \\mathbf{x} + b`): a scalar beside it says nothing of the sum's shape."""
    return any(
        s is None
        and isinstance(p, tree.Mul)
        and any(isinstance(f, tree.Ref) and f.name[:1].isupper() for f in p.factors)
        for p, s in zip(parts, shapes, strict=True)
    )


def unconformed(guess: Guess) -> list[str]:
    """The comment of the inferred context that says why its vectors are not read by
    conformance (none where they are, or where the document has none)."""
    return [f"# no shapes by conformance: {guess.unconformed}"] if guess.unconformed else []
