"""Maths written for a Markdown processor that unescapes it before MathJax sees it.

Where a blog's Markdown processor does not protect maths, its writer escapes what Markdown
would take: `\\_` for a subscript `_`, `\\*` for `*`, `\\\\\\\\` for a row break `\\\\`,
`\\\\{` for a brace `\\{`, `\\|` for `|`, and `\\begin{align\\*}` for `align*`. The page then
holds the maths MathJax reads. A document is read that way only when it escapes
consistently: its maths shows an escape that means nothing in LaTeX (an escaped row break
`\\\\\\\\`, a starred environment `align\\*`, a script `\\_` or `\\^` after a group or before
one) and no row break written plainly (`\\\\`), which such a page would show as a lone
backslash. A bare environment with its star escaped, which CommonMark reads as text, is a
display (`star_block`).

Unescaping keeps every offset: an escaping backslash becomes a space after the character
it escapes (`\\_j` is `_ j`), and a run of backslashes its half after as many spaces
(`\\\\\\\\` is two spaces and `\\\\`, `\\\\{` a space and `\\{`).
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.rules_block import StateBlock

from symbn.source.document import scripts

#: What a Markdown escape gives the page: the characters both CommonMark and kramdown
#: unescape; a backslash before a comma, colon, semicolon or exclamation mark is left, as
#: MathJax then reads a LaTeX space.
UNESCAPED = frozenset("\\<>_*{}[]()|#$`'\"+-=.")
#: A group's end, after which an escaped script is one.
_GROUP_ENDS = frozenset("})]")
#: The markup of a bare environment's display.
BARE = "\\begin"
#: The delimiters of the maths a Markdown processor that does not protect maths reads as
#: Markdown text (not a script's, a code fence's, or one whose delimiters are escaped).
BOUND = frozenset({"$", "$$", BARE})


def unescaped(maths: Sequence[tuple[str, str]]) -> list[str]:
    """The texts of a document's maths, given as (text, the delimiter that opens it), each
    Markdown-bound one unescaped when the document escapes its maths consistently."""
    if not escaped([text for text, markup in maths if markup in BOUND]):
        return [text for text, _ in maths]
    return [unescape(text) if markup in BOUND else text for text, markup in maths]


def unescape(text: str) -> str:
    """The maths MathJax receives from Markdown text, each character at its offset."""
    out: list[str] = []
    n = 0
    while n < len(text):
        if text[n] != "\\":
            out.append(text[n])
            n += 1
            continue
        run = n
        while run < len(text) and text[run] == "\\":
            run += 1
        pairs, odd = divmod(run - n, 2)
        after = text[run] if run < len(text) else ""
        half, spaces = "\\" * pairs, " " * pairs
        if odd and after in UNESCAPED:  # `\_`: the character, then a space
            out += [spaces, half, after, " "]
            n = run + 1
        elif odd:  # a command, `\alpha`, after the pairs
            out += [spaces, half, "\\"]
            n = run
        else:
            out += [spaces, half]
            n = run
    return "".join(out)


def escaped(texts: list[str]) -> bool:
    """Whether the maths of a document (the texts of its Markdown-bound maths) is written
    with Markdown's escapes, consistently."""
    marked = False
    for text in texts:
        n = 0
        while n < len(text):
            if text[n] != "\\":
                n += 1
                continue
            run = n
            while run < len(text) and text[run] == "\\":
                run += 1
            after = text[run : run + 1]
            before = text[n - 1 : n] if n else ""
            if run - n == 2 and (after.isspace() or after in ("", "[")):
                return False  # a plain row break: this maths is read as written
            marked = marked or (run - n == 4 and (after.isspace() or not after))
            script = after in ("_", "^") and run - n == 1
            group = before in _GROUP_ENDS or text[run + 1 : run + 2] == "{"
            marked = marked or (script and group) or (run - n == 1 and text[run:].startswith("*}"))
            n = run + 1
    return marked


def star_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """`\\begin{NAME\\*}` at the start of a line through the line holding `\\end{NAME\\*}`:
    a display (an `amsmath` token, as a bare environment is)."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start] + state.tShift[start]
    first = state.src[begin : state.eMarks[start]]
    if not first.startswith("\\begin{") or "\\*}" not in first:
        return False
    name = first[len("\\begin{") : first.index("\\*}")]
    if not name.isalpha():
        return False
    closing = f"\\end{{{name}\\*}}"
    last = scripts.closing_line(state, start, end, begin, closing)
    if last is None or silent:
        return last is not None
    stop = state.src.index(closing, begin) + len(closing)
    scripts.push_block(state, "amsmath", (begin, stop), "", (start, last))
    return True
