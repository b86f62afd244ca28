"""MathJax 2's script maths in Markdown, as a Jekyll blog's page holds it: markdown-it rules.

- `<script type="math/tex; mode=display"> … </script>` is a display: a block that begins,
  at the start of a line, with the opening tag and ends at the first `</script>` (on the
  same line or a later one, blank lines allowed);
- `<script type="math/tex"> … </script>` inside a paragraph is inline maths, and the
  display form there is a display.

The text between the tags is the maths as written: a script's text is not Markdown, so
nothing in it is unescaped. CommonMark reads the script as raw HTML, so without these
rules a page written this way reads as having no maths at all. The opening tag is read as
text (its attributes in any order, quoted with `"` or `'`), never run.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

BlockRule = Callable[[StateBlock, int, int, bool], bool]

CLOSE = "</script>"
#: The MIME type of MathJax 2's TeX input, and the mode that makes it a display.
TYPE = "math/tex"
DISPLAY = "mode=display"


def opening(text: str, at: int) -> tuple[int, bool] | None:
    """The script tag of TeX maths opened at text[at] (`<script type="math/tex">`): (the
    offset after it, whether it is a display); None when no such tag opens there."""
    if text[at : at + 7].lower() != "<script" or text[at + 7 : at + 8] not in (" ", "\t", "\n"):
        return None
    end = text.find(">", at)
    if end < 0:
        return None
    attributes = text[at + 7 : end].lower().replace("'", '"').replace(" ", "")
    kind = attributes.split('type="', 1)[1].split('"', 1)[0] if 'type="' in attributes else ""
    if kind.split(";")[0] != TYPE:
        return None
    return end + 1, DISPLAY in kind.split(";")[1:]


def is_markup(markup: str) -> bool:
    """Whether a token's markup is a script's opening tag."""
    return markup[:7].lower() == "<script"


def script_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A display script whose tag opens a line, through the line of its `</script>`."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start] + state.tShift[start]
    opened = opening(state.src[: state.eMarks[start]], begin)
    if opened is None or not opened[1]:
        return False
    body = opened[0]
    last = closing_line(state, start, end, body, CLOSE)
    if last is None or silent:
        return last is not None
    close = state.src.index(CLOSE, body)
    push_block(state, "math_block", (body, close), state.src[begin:body], (start, last))
    return True


def closing_line(state: StateBlock, start: int, end: int, at: int, closing: str) -> int | None:
    """The first line from `start` on which `closing` stands after offset `at`, if any."""
    return next((n for n in range(start, end) if closing in state.src[at : state.eMarks[n]]), None)


def push_block(
    state: StateBlock, kind: str, text: tuple[int, int], markup: str, lines: tuple[int, int]
) -> None:
    """Add a display token of `kind` holding the source's text[0]:text[1], over the lines
    lines[0] through lines[1], and go on after them."""
    tok = state.push(kind, "math", 0)
    tok.block = True
    tok.content = state.src[text[0] : text[1]]
    tok.markup = markup
    tok.map = [lines[0], lines[1] + 1]
    state.line = lines[1] + 1


def script_inline(state: StateInline, silent: bool) -> bool:
    """A TeX script inside a paragraph: inline maths, or a display in `mode=display`."""
    opened = opening(state.src, state.pos)
    if opened is None:
        return False
    body, display = opened
    close = state.src.find(CLOSE, body)
    if close < 0 or not state.src[body:close].strip():
        return False
    if not silent:
        tok = state.push("math_inline_double" if display else "math_inline", "math", 0)
        tok.content = state.src[body:close]
        tok.markup = state.src[state.pos : body]
    state.pos = close + len(CLOSE)
    return True


def not_inline_maths(rule: BlockRule) -> BlockRule:
    """The HTML block rule, but for a line that opens with an inline TeX script, which is
    the start of a paragraph (CommonMark would read it as a raw HTML block)."""

    def run(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        begin = state.bMarks[start] + state.tShift[start]
        opened = opening(state.src[: state.eMarks[start]], begin)
        if opened is not None and not opened[1]:
            return False
        return rule(state, start, end, silent)

    return run
