"""A generic layer l of a network, as the four equations of backpropagation write it:
`z^l_j = \\sum_k w^l_{jk} a^{l-1}_k + b^l_j`, `a^l_j = \\sigma(z^l_j)`, with L the output
layer. The reader makes each name written with a layer letter a tensor whose first axis is
the layer (z[l, j], a[l - 1, k]), and the two definitions, written once for layer l, a
recurrence over that axis: they hold at every layer, z^{l+1} computed from a^l as z^l from
a^{l-1} (`symbn.language.folding`).

Two readings follow from what a layer is, and hold only on such an axis (the index letter
`l` or `ell`, over the size `L` when the document writes the output layer so):

- the loss C is a function of the output layer alone: a loss the context gives through its
  gradient by `a` (`[loss] of = "a"`) is Σ_j upstream[L, j]·a[L, j], so that ∂C/∂a^l for a
  hidden layer is a total derivative through the layers above it, not a direct part of its
  own (`last_layer`);
- a claim that writes layer l + 1 speaks of a hidden layer, l ≤ L − 1 (at the output layer
  there is no w^{L+1}), and one that writes layer l − 1 of a layer after the first:
  `bounded` reads it where every layer it writes exists (both sides times If(...)), which
  says nothing at the layers it does not speak of.
"""

from __future__ import annotations

import re
from dataclasses import replace

from symbn.language.latex.claims import Claim
from symbn.source.context import Context

#: The index letters of a layer axis.
LETTERS = frozenset({"l", "ell"})


def layer_letter(context: Context) -> tuple[str, str] | None:
    """The index letter that runs over the layers and its size, the number of layers (None
    when the context has no layer axis: no letter `l`)."""
    return next(((i.name, i.size) for i in context.indices if i.name in LETTERS), None)


def last_layer(context: Context, shape: tuple[str, ...]) -> str | None:
    """The size of the layers when a loss of a tensor of `shape` is read at the output
    layer only (the tensor's first axis runs over the layers), else None."""
    axis = layer_letter(context)
    return axis[1] if axis is not None and shape[:1] == (axis[1],) else None


def bounded(context: Context, lhs: str, rhs: str) -> tuple[str, str, str]:
    """lhs, rhs read at the layers where every layer they write exists, and the condition
    ('' when they write no layer but l itself): `w[l + 1, k, j]` asks l ≤ L − 1, `a[l - 2,
    k]` asks l ≥ 3 (layers count from 1)."""
    axis = layer_letter(context)
    if axis is None:
        return lhs, rhs, ""
    letter, size = axis
    layered = {t.name for t in (*context.inputs, *context.defined) if t.shape[:1] == (size,)}
    moved = re.compile(rf"\b(\w+)\[{letter} ([+-]) (\d+)[,\]]")
    up = down = 0
    for name, sign, step in moved.findall(f"{lhs} {rhs}"):
        if name not in layered:
            continue
        if sign == "+":
            up = max(up, int(step))
        else:
            down = max(down, int(step))
    conditions = ([f"{letter} <= {size} - {up}"] if up else []) + (
        [f"{letter} >= {down + 1}"] if down else []
    )
    if not conditions:
        return lhs, rhs, ""
    held = " * ".join(f"If({c})" for c in conditions)
    return f"{held} * ({lhs})", f"{held} * ({rhs})", " and ".join(conditions)


def bounded_claim(context: Context, c: Claim) -> Claim:
    """The claim read at the layers it writes (`bounded`); the condition joins the one a
    cases row has, and the chain's first left side of a step is read at them too."""
    lhs, rhs, condition = bounded(context, c.lhs, c.rhs)
    if not condition:
        return c
    first = bounded(context, c.first, "0")[0] if c.first else c.first
    said = f"{c.condition} and {condition}" if c.condition else condition
    return replace(c, lhs=lhs, rhs=rhs, first=first, condition=said)


def lowered_definition(context: Context, c: Claim) -> Claim | None:
    """A definition written at the next layer, `z[l + 1, i] = Σ_j W[l, i, j]*a[l, j] +
    b[l, i]` (each unit's input from the layer below it), as the same recurrence written at
    layer l: every layer the row writes moved down by the left side's step (`z[l, i] =
    Σ_j W[l - 1, i, j]*a[l - 1, j] + b[l - 1, i]`). None when the left side is not one
    name at the layer letter moved up by a number."""
    axis = layer_letter(context)
    if axis is None or c.kind != "equation" or c.condition:
        return None
    letter = axis[0]
    head = re.fullmatch(rf"\s*\w+\[{letter} \+ (\d+)((?:, \w+)*)\]\s*", c.lhs)
    if head is None:
        return None
    step = int(head.group(1))
    at = re.compile(rf"\b{letter}\b(?: ([+-]) (\d+))?")

    def moved(m: re.Match[str]) -> str:
        by = (int(m.group(2)) if m.group(1) == "+" else -int(m.group(2))) if m.group(1) else 0
        by -= step
        return letter if by == 0 else f"{letter} {'+' if by > 0 else '-'} {abs(by)}"

    return replace(c, lhs=at.sub(moved, c.lhs), rhs=at.sub(moved, c.rhs))
