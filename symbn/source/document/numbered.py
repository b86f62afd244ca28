"""A `$$ … $$` display followed on its closing line by an equation number, as writers
number a display by hand: `$$ a = b $$ \\(2\\)` (kramdown's escaped parentheses),
`$$ a = b $$ $(2)$`, `(2.1)`, `(\\*)`. dollarmath reads a plain `(2)` as a label, but not
these: the line became a paragraph, a one-line display in it inline maths in prose, and a
display over several lines was lost. `block` is a markdown-it block rule reading it as the
display it renders as (a `math_block` token, its number left out).
"""

from __future__ import annotations

from markdown_it.rules_block import StateBlock

#: The delimiters a number may be written inside after the display: none, `\( \)`, `$ $`.
WRAPPERS = (("\\(", "\\)"), ("$", "$"), ("", ""))
#: What a number's label may hold besides letters and digits (`2.1`, `A-1`, `*`).
LABEL_MARKS = frozenset(".-*'")
LONGEST_LABEL = 8


def is_number(text: str) -> bool:
    """Whether `text`, what follows a display on its line, is an equation number only."""
    text = text.strip()
    for opening, closing in WRAPPERS:
        if not (text.startswith(opening) and text.endswith(closing)):
            continue
        if len(text) < len(opening) + len(closing):
            continue
        inner = text[len(opening) : len(text) - len(closing)].strip()
        if inner.startswith("(") and inner.endswith(")"):
            return _label(inner[1:-1])
        if opening == "\\(":  # \(2\): kramdown's escaped parentheses around the label itself
            return _label(inner)
    return False


def _label(label: str) -> bool:
    label = label.replace("\\*", "*").strip()
    return (
        0 < len(label) <= LONGEST_LABEL
        and all(c.isalnum() or c in LABEL_MARKS for c in label)
        and (any(c.isdigit() for c in label) or label == "*")
    )


def block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """`$$` at the start of a line, through the first closing `$$`, when an equation number
    alone follows that (markdown-it block rule); any other `$$` is left to dollarmath."""
    if state.sCount[start] - state.blkIndent >= 4:  # an indented code line
        return False
    first = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("$$", first) or first + 2 > state.eMarks[start]:
        return False
    for n in range(start, end):
        begin = first + 2 if n == start else state.bMarks[n]
        close = state.src.find("$$", begin, state.eMarks[n])
        if close < 0:
            continue
        if not is_number(state.src[close + 2 : state.eMarks[n]]):
            return False
        if not silent:
            tok = state.push("math_block", "math", 0)
            tok.block = True
            tok.content = _between(state, start, first + 2, n, close)
            tok.markup = "$$"
            tok.map = [start, n + 1]
            state.line = n + 1
        return True
    return False


def _between(state: StateBlock, start: int, begin: int, last: int, close: int) -> str:
    """The text from offset `begin` on line `start` to offset `close` on line `last`, without
    the containers' markup (a block quote's `>`) on the lines after the first."""
    ends = [state.eMarks[k] for k in range(start, last)] + [close]
    begins = [begin] + [state.bMarks[k] for k in range(start + 1, last + 1)]
    return "\n".join(state.src[b:e] for b, e in zip(begins, ends, strict=True))
