"""The source of the helpers that generated code calls for elements at moved positions
(`arrays.windows`), in each array library: `_window`, the view of an axis at a shifted,
strided or flipped position or a sliding window over it, zero off the axis; `_dilate`, an
array spread out along an axis with zeros between its elements (a transposed strided
convolution). `used` picks the ones a module's functions call, in a fixed order.
"""

from __future__ import annotations

_WINDOW_DOC = (
    '    """Along `axis` of `a`, the elements at first + step*u for u < count (0-based), each',
    "    followed on a new last axis by the `width` next ones when width > 0 (a sliding",
    '    window); an element off the axis is zero, as padding is."""',
    "    span = step * (count - 1)",
    "    low = min(first, first + span)",
    "    high = max(first, first + span) + max(width, 1) - 1",
    "    before, after = max(0, -low), max(0, high - a.shape[axis] + 1)",
    "    start = first + before",
    "    pad = [(0, 0)] * axis + [(before, after)] + [(0, 0)] * (a.ndim - axis - 1)",
)
_DILATE_DOC = (
    "def _dilate(a, axis, step):",
    '    """`a` with step - 1 zeros between consecutive elements along `axis`."""',
    "    shape = list(a.shape)",
    "    shape[axis] = step * (shape[axis] - 1) + 1",
    "    at = (slice(None),) * axis + (slice(None, None, step),)",
)

NUMPY = {
    "_window": (
        "def _window(a, axis, first, step, count, width=0):",
        *_WINDOW_DOC,
        "    if before or after:",
        "        a = np.pad(a, pad)",
        "    if width:",
        "        a = np.lib.stride_tricks.sliding_window_view(a, width, axis=axis)",
        "    end = start + span + (1 if step > 0 else -1)",
        "    return a[(slice(None),) * axis + (slice(start, end if end >= 0 else None, step),)]",
    ),
    "_dilate": (
        *_DILATE_DOC,
        "    out = np.zeros(shape, a.dtype)",
        "    out[at] = a",
        "    return out",
    ),
}

TORCH = {
    "_window": (
        "def _window(a, axis, first, step, count, width=0):",
        *_WINDOW_DOC,
        "    if before or after:",
        "        a = torch.nn.functional.pad(a, [0, 0] * (a.ndim - axis - 1) + [before, after])",
        "    if width:",
        "        a = a.unfold(axis, width, 1)",
        "    if step > 0:",
        "        return a[(slice(None),) * axis + (slice(start, start + span + 1, step),)]",
        "    at = torch.arange(start, start + span - 1, step, device=a.device)",
        "    return a.index_select(axis, at)",
    ),
    "_dilate": (
        *_DILATE_DOC,
        "    out = a.new_zeros(shape)",
        "    out[at] = a",
        "    return out",
    ),
}

JAX = {
    "_window": (
        "def _window(a, axis, first, step, count, width=0):",
        *_WINDOW_DOC,
        "    if before or after:",
        "        a = jnp.pad(a, pad)",
        "    at = start + step * jnp.arange(count)",
        "    if not width:",
        "        return jnp.take(a, at, axis=axis)",
        "    at = at[:, None] + jnp.arange(width)[None, :]",
        "    return jnp.moveaxis(jnp.take(a, at, axis=axis), axis + 1, -1)",
    ),
    "_dilate": (
        *_DILATE_DOC,
        "    return jnp.zeros(shape, a.dtype).at[at].set(a)",
    ),
}

#: the helpers of each printer's spelling (`Vectorizer.spelling`)
HELPERS = {"numpy": NUMPY, "torch": TORCH, "jax": JAX}


def used(spelling: str, lines: list[str]) -> list[list[str]]:
    """The helpers, in `spelling`'s library, that the code `lines` calls."""
    return [
        list(source)
        for name, source in HELPERS[spelling].items()
        if any(f"{name}(" in line for line in lines)
    ]
