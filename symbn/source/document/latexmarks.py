"""LaTeX's own maths delimiters in Markdown, as MathJax reads them: markdown-it rules.

- `\\[ … \\]` as a display: a block that begins, at the start of a line, with `\\[` and
  ends with a line ending in `\\]` (on the same line or a later one);
- `\\( … \\)` as inline maths inside a paragraph.

CommonMark reads `\\[` and `\\(` as escaped brackets, so without these rules the maths
between them would be read as text and silently skipped. Bare environments
(`\\begin{align} … \\end{align}`) are read by mdit-py-plugins' amsmath.
"""

from __future__ import annotations

from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

OPEN_BLOCK, CLOSE_BLOCK = "\\[", "\\]"
OPEN_INLINE, CLOSE_INLINE = "\\(", "\\)"


def bracket_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """`\\[` at the start of a line, through the line that ends with `\\]`."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start] + state.tShift[start]
    first = state.src[begin : state.eMarks[start]]
    if not first.startswith(OPEN_BLOCK):
        return False
    last = next(
        (
            n
            for n in range(start, end)
            if state.src[state.bMarks[n] : state.eMarks[n]].rstrip().endswith(CLOSE_BLOCK)
            and (n > start or len(first.rstrip()) >= 4)
        ),
        None,
    )
    if last is None:
        return False
    if silent:
        return True
    close = state.bMarks[last] + state.src[state.bMarks[last] : state.eMarks[last]].rstrip().rfind(
        CLOSE_BLOCK
    )
    tok = state.push("math_block", "math", 0)
    tok.block = True
    tok.content = state.src[begin + len(OPEN_BLOCK) : close]
    tok.markup = OPEN_BLOCK
    tok.map = [start, last + 1]
    state.line = last + 1
    return True


def paren_inline(state: StateInline, silent: bool) -> bool:
    """`\\( … \\)` within a paragraph."""
    if not state.src.startswith(OPEN_INLINE, state.pos):
        return False
    close = state.src.find(CLOSE_INLINE, state.pos + 2)
    if close < 0 or close == state.pos + 2:
        return False
    if not silent:
        tok = state.push("math_inline", "math", 0)
        tok.content = state.src[state.pos + 2 : close]
        tok.markup = OPEN_INLINE
    state.pos = close + 2
    return True
