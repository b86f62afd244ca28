"""An evaluation bar, the value of an expression at a point: `\\left. f \\right|_{z=0}`,
`\\frac{\\partial L}{\\partial w}\\Big|_{w=w_0}`, `\\bigg|_{x = a}`.

Where a bar stands is found here; what it is read as, by `symbn.language.latex.points`.
The expression language has no substitution, so a bar is read only where the value at the
point is a function of the language at it: `\\left.\\frac{d}{dz}\\sigma(z)\\right|_{z=0}` is
σ'(0), and `\\sigma'(z)|_{z=0}` or `\\tanh(z)|_{z=0}` the function at 0, for a scalar z.
Any other bar leaves its row unchecked with that reason, never checked as the expression at
every point, which would refute a true value such as σ'(0) = 1/4.
"""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex import brackets
from symbn.language.latex.texlex import Token

MESSAGE = (
    "an evaluation bar ({bar}_{{…}}: the value at a point) is read only on a function of "
    "a scalar at it (\\sigma'(z), \\frac{{d}}{{dz}}\\sigma(z)); write the value at the point"
)


def at(tokens: Sequence[Token], n: int, hi: int) -> int | None:
    """The index of the subscript after an evaluation bar that begins at token n (`|`,
    `\\vert`, after `\\right`, `\\Big`, `\\bigg`, …) and sets a name (`_{z=0}`), else None."""
    if 0 <= n < hi and tokens[n].kind == "command" and tokens[n].text in brackets.SIZES:
        n += 1
    if n < 0 or n + 2 >= hi or tokens[n].text not in ("|", "\\vert", "\\rvert"):
        return None
    if tokens[n + 1].kind != "sub" or tokens[n + 2].kind != "open":
        return None
    inside = []
    for t in tokens[n + 3 : hi]:
        if t.kind == "close":
            break
        inside.append(t.text)
    return n + 1 if "=" in inside else None  # (|x|_{2}, a norm's subscript, is no point)
