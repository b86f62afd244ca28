"""A ```math block written loosely, as GitLab writers do, and read as they mean it:

- maths on the opening line itself, ```` ```math \\begin{aligned} ````, through the line that
  ends with the closing backticks (`\\end{aligned}```), which CommonMark reads as a code block
  of another language running to the next bare fence;
- one line closed by fewer backticks than it opens with, ```` ```math a = b`` ````, which
  CommonMark reads as text;
- a lone `<hr>` (or `<br>`) line right above a block, which CommonMark reads as the start
  of an HTML block that swallows the maths after it.

Each block becomes a `math_block` token whose markup is `MARKUP` (its text placed by
`symbn.source.document.markdown`); a well-formed ```math block, or one line closed by as
many backticks as it opens with, is left to the rules that read those.
"""

from __future__ import annotations

from markdown_it.rules_block import StateBlock

#: The markup of the tokens made here.
MARKUP = "```math"
LONE_TAGS = frozenset({"<hr>", "<hr/>", "<hr />", "<br>", "<br/>", "<br />"})


def _line(state: StateBlock, n: int) -> str:
    return state.src[state.bMarks[n] + state.tShift[n] : state.eMarks[n]]


def _opener(line: str) -> tuple[int, int] | None:
    """(the number of backticks, where the maths begins) of a line ```` ```math a… ````."""
    ticks = len(line) - len(line.lstrip("`"))
    after = line[ticks:]
    if ticks < 3 or not after.startswith("math") or after[4:5] not in (" ", "\t"):
        return None
    rest = after[4:].lstrip(" \t")
    return (ticks, len(line) - len(rest)) if rest.strip() else None


def math_fence(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """```math with maths on its own line, closed where a line ends in backticks."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    line = _line(state, start)
    opened = _opener(line)
    if opened is None:
        return False
    rest = line[opened[1] :].rstrip()
    closes = len(rest) - len(rest.rstrip("`"))
    if closes == opened[0]:
        return False  # ```math a = b```: an inline code span, read as GitLab's one-line maths
    last = start if closes else None
    for n in range(start + 1, end) if last is None else ():
        if _line(state, n).rstrip().endswith("```"):
            last = n
            break
    if last is None:
        return False
    if silent:
        return True
    begin = state.bMarks[start] + state.tShift[start] + opened[1]
    stop = state.bMarks[last] + len(state.src[state.bMarks[last] : state.eMarks[last]].rstrip())
    while state.src[stop - 1] == "`":
        stop -= 1
    tok = state.push("math_block", "math", 0)
    tok.block = True
    tok.content = state.src[begin:stop]
    tok.markup = MARKUP
    tok.map = [start, last + 1]
    state.line = last + 1
    return True


def lone_tag(state: StateBlock, start: int, _end: int, silent: bool) -> bool:
    """A line that is only `<hr>` or `<br>`: an HTML block of that line alone."""
    if state.sCount[start] - state.blkIndent >= 4 or _line(state, start).strip() not in LONE_TAGS:
        return False
    if silent:
        return True
    tok = state.push("html_block", "", 0)
    tok.content = _line(state, start) + "\n"
    tok.map = [start, start + 1]
    state.line = start + 1
    return True
