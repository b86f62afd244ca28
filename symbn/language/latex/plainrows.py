"""Whether a row that could not be read is plain: it writes nothing that could restrict it
(words, wide spacing, or a comma between its terms, as in `x = y, i > 0`), so that the
steps after it may be checked one against the next. A comma inside brackets separates the
arguments of a product or a function (`\\langle A, P \\rangle_F`, `f(a, b)`): no
restriction."""

from __future__ import annotations

from symbn.language.latex.rows import Line

#: What opens and closes a bracket a comma may stand in.
OPENS = frozenset({"(", "[", "\\{", "\\langle", "{"})
CLOSES = frozenset({")", "]", "\\}", "\\rangle", "}"})
#: What writes words or wide spacing.
WORDS = ("\\text", "\\quad", "\\hspace", "~", "\\ ", "\\mbox")


def plain(line: Line) -> bool:
    """Whether the unread row `line` is plain (see the module's docstring)."""
    toks = line.tokens
    if not toks:
        return False
    written = line.display.text[toks[0].start : toks[-1].end]
    if any(w in written for w in WORDS):
        return False
    depth = 0
    for t in toks:
        depth += (t.text in OPENS) - (t.text in CLOSES)
        if t.text == "," and depth <= 0:
            return False
    return True
