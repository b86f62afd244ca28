"""`\\Delta x`: a change of x, such as the step of a difference quotient (`\\frac{\\Delta
y}{\\Delta x}`) or a weight's update (`\\Delta w_{ij} = -\\eta \\, \\delta_j o_i`), is a name of
its own (Delta_x, spelled `\\Delta x`), never the Kronecker delta, which is written with two
indices in its subscript (`\\Delta_{i,j}`). The inference names it (`namesat.name_at`) and
the reader reads it where the context has that spelling (`texcalc.delta`). The change of
a name the document defines (Δy of y = f(x)) is y(x + Δx) − y(x), not a value of its own:
unless a row defines it, it is no input (`guess.dependent`), and lines that write it are not
read.
"""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex.symbols import GREEK
from symbn.language.latex.texlex import Token


def increment(toks: Sequence[Token], n: int) -> bool:
    """Whether `\\Delta` at n is a change of the letter after it (`\\Delta x`, `\\Delta
    \\theta`, `\\Delta w_{ij}`)."""
    if toks[n].text != "\\Delta" or n + 1 >= len(toks):
        return False
    after = toks[n + 1]
    greek = after.text[1:] in GREEK and after.text not in ("\\pi", "\\Delta", "\\Sigma")
    return after.kind == "letter" or (after.kind == "command" and greek)
