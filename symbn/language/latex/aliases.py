"""One size written two ways: sums whose index letters stand at one axis of one tensor but
whose bounds name two sizes (`\\sum_{k=1}^{K} e^{z_k}` and, further down, `\\sum_{j=1}^{J}
e^{z_j}`, both over the classes of z) run over one size. The size a shape names
(`z \\in \\mathbb{R}^{K}`) is kept, else the one the document writes first; the other
becomes its spelling, so that each line reads j over K. Sizes that two shapes name, or that
an axis written as a size gives, are left apart: the document says they differ."""

from __future__ import annotations

from symbn.language.latex.guess import Guess, sized


def one_size(guess: Guess) -> dict[str, str]:
    """Merge the sizes that one axis's letters run over (see the module's docstring) in
    `guess`; the merged ones, each to the size it is a spelling of."""
    shaped = {s for dims in (*guess.shapes.values(), *guess.rows.values()) for s in dims}
    written = {x for t in guess.tensors.values() for axis in t.axes for x in axis if x.isupper()}
    out: dict[str, str] = {}
    for t in guess.tensors.values():
        for axis in t.axes:
            letters = [x for x in axis if x in guess.ranges and not sized(guess, x)]
            sizes = {out.get(s, s) for s in (guess.ranges[x] for x in letters)}
            if len(sizes) < 2 or not all(_bound(guess, s) for s in sizes):
                continue
            kept = [s for s in sizes if s in shaped or s in written]
            if len(kept) > 1:
                continue
            target = kept[0] if kept else min(sizes, key=guess.sizes.index)
            out |= {s: target for s in sizes if s != target}
    for x, s in guess.ranges.items():
        guess.ranges[x] = out.get(s, s)
    guess.sizes[:] = [s for s in guess.sizes if s not in out]
    return out


def _bound(guess: Guess, size: str) -> bool:
    """Whether `size` is one a document writes as a letter (K), not one symbn named."""
    return size in guess.sizes and size not in guess.invented and size.isalpha()
