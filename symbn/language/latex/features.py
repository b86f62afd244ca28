"""Per-sample vectors with the batch axis implied: `x \\in \\mathbb{R}^d` declared whole,
then written `x_i` with i running over the batch (`\\sum^m_{i=1} x_i`).

A batch-normalisation derivation declares each sample, the batch mean and variance and the
scale and shift as vectors of d features (`\\mu_B, \\sigma^2_B, \\gamma, \\beta, x \\in
\\mathbb{R}^d`) and then writes everything feature by feature, products being Hadamard's:
the feature axis is one the derivation runs along, never over. The inference reads such a
document one feature at a time: each name declared in `\\mathbb{R}^d` loses the axis over
d (μ_B and γ are scalars, x a vector over the batch), which is what the document says of
every feature at once.

The reading holds only where d is that kind of axis: no index runs over d, no name has d
in a shape of more than one axis, no row transposes (a `^T` makes a product an inner one,
which one feature at a time would misread), and a name declared in `\\mathbb{R}^d` is
written with an index that a sum runs over another size (the batch).
"""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex.guess import Guess
from symbn.language.latex.texlex import Token

#: What a superscript that transposes starts with (`^T`, `^{\\top}`, `^\\intercal`).
_TRANSPOSES = frozenset({"T", "\\top", "\\intercal", "\\mathsf", "\\mathrm"})


def along_features(guess: Guess, rows: Sequence[tuple[Token, ...]]) -> None:
    """Drop from the declared shapes each size the rows run along feature by feature (see
    the module docstring); each stays a size of the document, which no name has."""
    for size in _feature_sizes(guess, rows):
        for name, shape in guess.shapes.items():
            if shape == (size,):
                guess.shapes[name] = ()


def _feature_sizes(guess: Guess, rows: Sequence[tuple[Token, ...]]) -> list[str]:
    """The sizes declared only as vectors whose declared names carry a batch index."""
    if any(_transposes(toks) for toks in rows):
        return []
    shaped = [*guess.shapes.values(), *guess.rows.values()]
    out = []
    for size in sorted({s for shape in guess.shapes.values() if len(shape) == 1 for s in shape}):
        if size in guess.ranges.values() or any(size in sh and len(sh) > 1 for sh in shaped):
            continue
        if any(size in sh for sh in guess.rows.values()):
            continue
        vectors = [name for name, shape in guess.shapes.items() if shape == (size,)]
        if any(_batched(guess, name, size) for name in vectors):
            out.append(size)
    return out


def _batched(guess: Guess, name: str, size: str) -> bool:
    """Whether `name` is written with one index, which a sum runs over a size not `size`."""
    tensor = guess.tensors.get(name)
    if tensor is None or len(tensor.axes) != 1:
        return False
    over = {guess.ranges.get(x) for x in tensor.axes[0]}
    return bool(over) and None not in over and size not in over


def _transposes(toks: tuple[Token, ...]) -> bool:
    """Whether the row writes a superscript that transposes."""
    for n, t in enumerate(toks[:-1]):
        if t.kind != "sup":
            continue
        first = toks[n + 2] if toks[n + 1].kind == "open" and n + 2 < len(toks) else toks[n + 1]
        if first.text in _TRANSPOSES:
            return True
    return False
