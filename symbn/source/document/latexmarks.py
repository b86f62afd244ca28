"""LaTeX's own maths delimiters in Markdown, as MathJax reads them: markdown-it rules.

- `\\[ … \\]` as a display: a block that begins, at the start of a line, with `\\[` and
  ends with a line ending in `\\]` (on the same line or a later one);
- `\\( … \\)` as inline maths inside a paragraph;
- the same delimiters written with their backslash escaped, `\\\\[ … \\\\]` and
  `\\\\( … \\\\)`, as a Jekyll (kramdown) or CommonMark blog writes them so that the page
  holds `\\[` for MathJax; the escaped bracket may also open a display inside a paragraph
  (`**\\\\[ … \\\\]**`). The maths between escaped delimiters is Markdown text, so its
  own escapes (`\\<t\\>` for `<t>`, `\\\\` for a backslash) are undone
  (`symbn.source.document.kramdown.unescape`).

CommonMark reads `\\[` and `\\(` as escaped brackets, so without these rules the maths
between them would be read as text and silently skipped. Bare environments
(`\\begin{align} … \\end{align}`) are read by mdit-py-plugins' amsmath.
"""

from __future__ import annotations

from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

OPEN_BLOCK, CLOSE_BLOCK = "\\[", "\\]"
OPEN_INLINE, CLOSE_INLINE = "\\(", "\\)"
ESCAPED_BLOCK, ESCAPED_CLOSE_BLOCK = "\\\\[", "\\\\]"
ESCAPED_INLINE, ESCAPED_CLOSE_INLINE = "\\\\(", "\\\\)"
#: the closing delimiter of each opening one
CLOSING = {
    OPEN_BLOCK: CLOSE_BLOCK,
    ESCAPED_BLOCK: ESCAPED_CLOSE_BLOCK,
    OPEN_INLINE: CLOSE_INLINE,
    ESCAPED_INLINE: ESCAPED_CLOSE_INLINE,
}
#: the openings whose maths is Markdown text with escapes of its own
ESCAPED = frozenset({ESCAPED_BLOCK, ESCAPED_INLINE})


def bracket_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """`\\[` (or its escaped form) at the start of a line, through the line that ends with
    the matching `\\]`."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start] + state.tShift[start]
    first = state.src[begin : state.eMarks[start]]
    opening = next((o for o in (ESCAPED_BLOCK, OPEN_BLOCK) if first.startswith(o)), None)
    if opening is None:
        return False
    closing = CLOSING[opening]
    last = next(
        (
            n
            for n in range(start, end)
            if state.src[state.bMarks[n] : state.eMarks[n]].rstrip().endswith(closing)
            and (n > start or len(first.rstrip()) >= 2 * len(opening))
        ),
        None,
    )
    if last is None:
        return False
    if silent:
        return True
    close = state.bMarks[last] + state.src[state.bMarks[last] : state.eMarks[last]].rstrip().rfind(
        closing
    )
    tok = state.push("math_block", "math", 0)
    tok.block = True
    tok.content = state.src[begin + len(opening) : close]
    tok.markup = opening
    tok.map = [start, last + 1]
    state.line = last + 1
    return True


def paren_inline(state: StateInline, silent: bool) -> bool:
    """`\\( … \\)` within a paragraph, or its escaped form; an escaped `\\\\[ … \\\\]`
    there is a display (a `math_inline_double` token)."""
    opening = next((o for o in (OPEN_INLINE, *ESCAPED) if state.src.startswith(o, state.pos)), None)
    if opening is None:
        return False
    body = state.pos + len(opening)
    close = state.src.find(CLOSING[opening], body)
    if close < 0 or close == body:
        return False
    if not silent:
        kind = "math_inline_double" if opening == ESCAPED_BLOCK else "math_inline"
        tok = state.push(kind, "math", 0)
        tok.content = state.src[body:close]
        tok.markup = opening
    state.pos = close + len(opening)
    return True
