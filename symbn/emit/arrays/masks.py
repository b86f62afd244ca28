"""Relations between indices as arrays: the Iverson bracket [e >= 0] as a mask of ones and
zeros along the indices of e.

The relation of two indices of one range, each with coefficient 1 or -1 and opposite signs
(the causal mask [m <= i], or [m < i]), is a triangle of ones: `np.tri(N, N, k)` (its
transpose for the other orientation), `torch.tril(torch.ones(N, N), diagonal=k)` in PyTorch.
Any other integer linear form of indices, sizes and numbers is compared whole, each index an
`arange` of its positions broadcast along its axis: [1 <= i + k - 1] is
`np.arange(1, O + 1)[:, None] + np.arange(1, K + 1) - 2 >= 0`, made a float array of the
working dtype. A relation that holds something other than indices, sizes and numbers (an
integer label) has no array form here, and says so.

`relation` returns the code and its axes; `symbn.emit.arrays.vectorize` makes it a Term.
"""

from __future__ import annotations

import sympy as sp

from symbn.emit.arrays.refused import VectorizeError
from symbn.errors import InternalError
from symbn.language import relations
from symbn.language.indices import Index


def relation(printer, e: sp.Expr) -> tuple[str, tuple]:
    """(code, axes) of the mask [e >= 0], laid out along its indices in `printer`'s order."""
    terms = relations.linear(e)
    if terms is None or any(not isinstance(x, sp.Symbol) for x in terms if x != 1):
        raise VectorizeError(f"the relation [{e} >= 0] compares something other than indices")
    index = [x for x in terms if isinstance(x, Index)]
    axes = printer.sorted_axes(index)
    if not axes:  # sizes and numbers only: a Python number
        return f"(1 if {sp.pycode(e)} >= 0 else 0)", ()
    tri = _triangle(printer, terms, axes)
    if tri is not None:
        return tri, axes
    parts = []
    for n, x in enumerate(axes):
        c = terms[x]
        slots = [":" if a == x else "None" for a in axes[n:]]
        while slots and slots[-1] == ":":
            slots.pop()
        at = printer.call("arange", "1", f"{x.size} + 1", printer.made())
        at += f"[{', '.join(slots)}]" if slots else ""
        parts.append(at if c == 1 else f"-{at}" if c == -1 else f"{c} * {at}")
    rest = sp.Add(*[c * x for x, c in terms.items() if not isinstance(x, Index)])
    code = " + ".join(parts).replace("+ -", "- ")
    if rest != 0:
        code += f" + {sp.pycode(rest)}" if not str(rest).startswith("-") else f" - {-rest}"
    return _cast(printer, f"({code} >= 0)"), axes


def _triangle(printer, terms: dict, axes: tuple) -> str | None:
    """[b <= a + k] along (a, b) for two indices of one range: a triangle of ones."""
    if len(axes) != 2 or len(terms) > 3:
        return None
    a, b = axes
    c = terms.get(sp.S.One, sp.S.Zero)
    if a.size != b.size or {terms[a], terms[b]} != {1, -1} or not c.is_Integer:
        return None
    n = str(a.size)
    if printer.spelling == "torch":
        ones = printer.call("ones", n, n, printer.made())
        code = printer.call("tril", ones, f"diagonal={int(c)}")
    else:
        code = printer.call("tri", n, n, str(int(c)), printer.made())
    return code if terms[a] == 1 else f"{code}.T"


def _cast(printer, code: str) -> str:
    """A boolean array as one of the working dtype."""
    if printer.spelling == "torch":
        return f"{code}.to({printer.dtype})"
    if printer.spelling in ("numpy", "jax"):
        return f"{code}.astype({printer.dtype})"
    raise InternalError(f"no cast of a mask for {printer.library}")
