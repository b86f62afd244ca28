"""An evaluation bar, the value of an expression at a point: `\\left. f \\right|_{z=0}`,
`\\frac{\\partial L}{\\partial w}\\Big|_{w=w_0}`, `\\bigg|_{x = a}`.

The expression language has no substitution, so such a row is not read; it is unchecked,
saying what it writes (the expression at the point), never checked as the expression at
every point, which would refute a true value such as σ'(0) = 1/4.
"""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex import brackets
from symbn.language.latex.texlex import Token
from symbn.source.positions import TexError

MESSAGE = (
    "an evaluation bar ({bar}_{{…}}: the value at a point) is not read; "
    "write the value at the point itself"
)


def at(tokens: Sequence[Token], n: int, hi: int) -> int | None:
    """The index of the subscript after an evaluation bar that begins at token n (`|`,
    `\\vert`, after `\\right`, `\\Big`, `\\bigg`, …), else None."""
    if (
        0 <= n < hi
        and tokens[n].kind == "command"
        and tokens[n].text in (*brackets.SIZES, "\\right")
    ):
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


def refuse(tokens: Sequence[Token], n: int, hi: int) -> None:
    """Raise the reason a row is not read when an evaluation bar begins at token n."""
    if (sub := at(tokens, n, hi)) is not None:
        bar = "".join(t.text for t in tokens[n:sub])
        raise TexError(MESSAGE.format(bar=bar), tokens[n].span.cover(tokens[sub].span))
