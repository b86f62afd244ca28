"""Whether a row that could not be read is plain: it writes nothing that could restrict it
(words, wide spacing, or a comma between its terms, as in `x = y, i > 0`), so that the
steps after it may be checked one against the next. A comma inside brackets separates the
arguments of a product or a function (`\\langle A, P \\rangle_F`, `f(a, b)`): no
restriction. Words before the row's equation that end in an arrow (`\\text{By (2), (7)}
\\Rightarrow`, `\\text{from (3)} =>`) or stand in brackets (`\\text{(Mean)}`) only label
it, and colour (`\\textcolor{red}{…}`, `\\color{red}`) says nothing: neither restricts."""

from __future__ import annotations

from symbn.language.latex.rows import Line
from symbn.language.latex.rowwords import arrow_label
from symbn.language.latex.separate import RELATIONS
from symbn.language.latex.subscripts import bind_sums
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.texmath import parse
from symbn.language.latex.tree import Node
from symbn.source.positions import TexError

#: What opens and closes a bracket a comma may stand in.
OPENS = frozenset({"(", "[", "\\{", "\\langle", "{"})
CLOSES = frozenset({")", "]", "\\}", "\\rangle", "}"})
#: What writes wide spacing (words are tokens of their own).
WIDE = ("\\quad", "\\hspace", "~", "\\ ")


def plain(line: Line) -> bool:
    """Whether the unread row `line` is plain (see the module's docstring)."""
    toks = line.tokens[arrow_label(line.tokens) :]
    if not toks:
        return False
    written = line.display.text[toks[0].start : toks[-1].end]
    if any(w in written for w in WIDE) or any(t.kind == "text" for t in toks):
        return False
    depth = 0
    for t in toks:
        depth += (t.text in OPENS) - (t.text in CLOSES)
        if t.text == "," and depth <= 0:
            return False
    return True


def last_side(line: Line, symbols: Symbols) -> Node | None:
    """The right side of a plain unread row, after its last relation, when that side reads
    on its own (`\\frac{\\partial z_k}{\\partial x_i} = \\frac{\\partial}{\\partial x_i}(x_k - \\mu)
    …` with z unknown): the steps after the row go on from it. None otherwise."""
    if not plain(line):
        return None
    toks, depth, cut = line.tokens, 0, -1
    for k, t in enumerate(toks):
        depth += (t.text in OPENS) - (t.text in CLOSES)
        if depth == 0 and t.text in RELATIONS:
            cut = k
    if cut < 0 or cut + 1 >= len(toks):
        return None
    try:
        return bind_sums((parse(toks, symbols, cut + 1),))[0]
    except TexError:
        return None


def written_as_step(line: Line) -> bool:
    """Whether a row begins with & and a relation (a step, even when it cannot be read)."""
    toks = line.tokens
    return len(toks) > 1 and toks[0].kind == "amp" and toks[1].text in RELATIONS
