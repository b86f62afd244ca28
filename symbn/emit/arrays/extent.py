"""The sizes a forward pass computes: output lengths that no input's shape gives.

A convolution's output length O is a size of its own in a derivation (every claim holds for
any O, the elements read off an axis being zero), but the exported forward pass takes only
the layer's inputs, so it computes O from the positions its definitions read: output
position u reads the input at a*u + r (a > 0, r moving with the other indices), and O is the
largest number of positions whose reads stay within the axis and its padding. With
`padding = "zero"` the padding is as wide at the far end as the positions reach below the
axis at the near end (as PyTorch's `conv1d` pads); with "valid" there is none. For
x[n, c, 2*i + k - 3] over an axis of length L, that is O = (L - K + 4) // 2, PyTorch's
floor((L + 2 - K)/2) + 1.
"""

from __future__ import annotations

import sympy as sp

from symbn.emit.arrays.statements import Assign, If, Raise, Statement
from symbn.emit.arrays.vectorize import VectorizeError
from symbn.language import relations
from symbn.language.indices import Index


def lengths(bodies: list[sp.Expr], size: sp.Symbol, known: set[str], padding: str) -> list[str]:
    """Python expressions, in the sizes `known`, for the largest length of `size` that the
    reads of `bodies` allow, one per read that runs along an index of that size."""
    found: list[str] = []
    for body in bodies:
        for x in sorted(body.atoms(sp.Indexed), key=sp.default_sort_key):
            shape = x.base.shape or ()
            for at, n in zip(x.indices, shape, strict=False):
                code = _length(at, n, size, known, padding)
                if code is not None and code not in found:
                    found.append(code)
    return found


def _length(at: sp.Expr, n: sp.Expr, size: sp.Symbol, known: set, padding: str) -> str | None:
    terms = relations.linear(at) if relations.position(at) else None
    if terms is None or str(n) not in known:
        return None
    along = [u for u, a in terms.items() if isinstance(u, Index) and u.size == size and a > 0]
    if len(along) != 1:
        return None
    (u,) = along
    a = int(terms[u])
    low, rest = relations.least(at), relations.greatest(at - a * u)
    if low is None or rest is None or not low.is_Integer:
        return None
    pad = max(0, 1 - int(low)) if padding == "zero" else 0
    reach = sp.expand(n + pad - rest)
    if any(str(s) not in known for s in reach.free_symbols):
        return None
    return str(reach) if a == 1 else f"({reach}) // {a}"


def computed(bodies: list[sp.Expr], sizes: list[sp.Symbol], known: set[str], padding: str):
    """Statements binding each of `sizes` (those the arguments leave unbound) from the reads
    of `bodies`, with a ValueError where the windows do not fit (a length below 1)."""
    out: list[Statement] = []
    for s in sizes:
        found = lengths(bodies, s, known, padding)
        if not found:
            raise VectorizeError(
                f"no argument gives the size {s}, and no position read along it tells it"
            )
        value = found[0] if len(found) == 1 else f"min({', '.join(found)})"
        message = f'f"the windows do not fit: {s} = {value} = {{{s}}} is less than 1"'
        out += [Assign(str(s), value), If(f"{s} < 1", (Raise(f"ValueError({message})"),))]
        known = known | {str(s)}
    return out
