"""Splitting a Markdown document into its maths, with the place of every character.

The document is parsed by markdown-it-py with mdit-py-plugins' dollarmath (`$$ … $$`
displays, blank lines inside them allowed, and `$ … $` inline maths), amsmath (bare
`\\begin{align} … \\end{align}` and the other environments MathJax reads), front_matter
(a Jekyll blog's YAML between `---` lines, which is the blog's and not read), rules of
symbn's own for `\\[ … \\]` and `\\( … \\)`, also with their backslash escaped
(`latexmarks`), and a block rule for TOML
front matter between `+++` lines at the top, written after the plugin's. The parser says
which lines hold each display; this module finds the exact text of each display in those
lines and builds the `Origin` that maps every offset of that text back to the file.
Nothing here is matched with a regular expression over the document: maths in code
blocks, code spans and escaped dollars is left alone because the Markdown parser says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock, html_block
from markdown_it.token import Token
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.dollarmath.index import math_block_dollar
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.front_matter.index import _front_matter_rule

from symbn.errors import InternalError, Location
from symbn.source.document import kramdown, latexmarks, loose, numbered, paragraphs, scripts
from symbn.source.positions import Note, Origin

TOML_MARKER = "+++"
#: The rules an HTML block may interrupt, as markdown-it registers it.
ALT_HTML = ["paragraph", "reference", "blockquote"]
#: The rules a `$$` line may interrupt: a display opens even right under a paragraph line.
ALT_MATH = ["paragraph", "reference", "blockquote", "list"]


@dataclass(frozen=True)
class Display:
    """One piece of maths: `text` is exactly what stands between its dollar signs in the
    file, `origin` maps its offsets to the file; `inline` for `$…$`, `number` its order in
    the document (0-based, inline maths counted too); `markup` the delimiter that opens it
    in a Markdown document (`$$`, `\\begin` for a bare environment), if any."""

    text: str
    origin: Origin
    inline: bool
    number: int
    markup: str = ""

    @property
    def where(self) -> Location:
        """Where the first character of the text stands."""
        return self.origin.where(0)


@dataclass(frozen=True)
class FrontMatter:
    """The text between the front matter's marker lines (`+++` for TOML), and its map."""

    text: str
    origin: Origin
    markup: str


@dataclass(frozen=True)
class Document:
    """A Markdown document's maths, in order, and its front matter; `notes` are problems
    of the document as a whole (front matter symbn cannot read)."""

    path: str
    lines: tuple[str, ...]
    displays: tuple[Display, ...]
    front_matter: FrontMatter | None
    notes: tuple[Note, ...]


def normalize(text: str) -> str:
    """The text as markdown-it reads it (its line ends and NULs), without a leading BOM;
    line and column numbers are counted in this text."""
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


def read_markdown(text: str, path: str = "<document>", escapes: bool = True) -> Document:
    """Every display and inline maths of a Markdown document, and its front matter;
    `escapes`: its maths may be written with Markdown's escapes (`kramdown`), as it may not
    in a notebook, whose renderer keeps maths from Markdown."""
    text = normalize(text)
    lines = tuple(text.split("\n"))
    tokens = _parser().parse(text)
    displays: list[Display] = []
    front: FrontMatter | None = None
    notes: list[Note] = []
    for tok in tokens:
        if tok.type == "front_matter":
            front = FrontMatter(tok.content, _front_origin(path, lines, tok), tok.markup)
        elif tok.type in ("math_block", "math_block_label"):
            text = _markdown_maths(tok.content, tok.markup)
            origin = _block_origin(path, lines, tok)
            displays.append(Display(text, origin, False, len(displays), tok.markup or "$$"))
        elif tok.type == "amsmath" and tok.map is not None:
            origin = _lines_origin(path, lines, tok.map[0], tok.content.rstrip("\n"))
            text = tok.content.rstrip("\n")
            displays.append(Display(text, origin, False, len(displays), kramdown.BARE))
        elif tok.type == "fence" and tok.info.strip() == "math" and tok.map is not None:
            _math_fence(path, lines, tok, displays, notes)  # GitHub's ```math block
        elif tok.type == "inline" and tok.children and tok.map is not None:
            _inline_maths(path, lines, tok, displays, notes)
    if front is None and lines[0].rstrip() == TOML_MARKER:
        notes.append(
            Note(
                "error",
                "front-matter-unclosed",
                f"the front matter opened here has no closing {TOML_MARKER} line",
                Location(path, 1, 1, lines[0]),
                3,
            )
        )
    if escapes:
        texts = kramdown.unescaped([(d.text, d.markup) for d in displays])
        displays = [replace(d, text=t) for d, t in zip(displays, texts, strict=True)]
    return Document(path, lines, tuple(displays), front, tuple(notes))


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    md.use(front_matter_plugin)
    md.block.ruler.at("front_matter", _yaml_front_matter)
    md.block.ruler.before(
        "front_matter",
        "toml_front_matter",
        _toml_front_matter,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.use(amsmath_plugin)
    md.use(
        dollarmath_plugin,
        allow_labels=True,
        allow_space=True,
        allow_digits=True,
        allow_blank_lines=True,
        double_inline=True,
    )
    # a `$$` line opens a display even right under a paragraph line, as MathJax reads it
    # (else a display with a blank line inside is split between two paragraphs and lost)
    md.block.ruler.at(
        "math_block",
        _interrupting(math_block_dollar(True, _label, True)),
        {"alt": ALT_MATH},
    )
    md.block.ruler.before("math_block", "numbered_math", numbered.block, {"alt": ALT_MATH})
    md.block.ruler.before("fence", "bracket_math", latexmarks.bracket_block, {"alt": ["paragraph"]})
    md.block.ruler.before("fence", "loose_math", loose.math_fence, {"alt": ["paragraph"]})
    md.block.ruler.before("html_block", "lone_tag", loose.lone_tag, {"alt": ["paragraph"]})
    md.inline.ruler.before("escape", "paren_math", latexmarks.paren_inline)
    md.block.ruler.before("fence", "star_math", kramdown.star_block, {"alt": ["paragraph"]})
    md.block.ruler.before("html_block", "script_math", scripts.script_block, {"alt": ["paragraph"]})
    md.block.ruler.at("html_block", scripts.not_inline_maths(html_block), {"alt": ALT_HTML})
    md.inline.ruler.before("html_inline", "script_math", scripts.script_inline)
    return md


def _interrupting(rule: Callable[[StateBlock, int, int, bool], bool]):
    """The `$$` block rule, answering the check a paragraph makes at each of its lines (is a
    display opened here?) without adding tokens, which the rule itself would."""

    def run(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not silent:
            return rule(state, start, end, silent)
        if state.sCount[start] - state.blkIndent >= 4:  # an indented code line
            return False
        first = state.bMarks[start] + state.tShift[start]
        return state.src[first : state.eMarks[start]].startswith("$$")

    return run


def _label(label: str) -> str:
    return "-".join(label.split())


def _yaml_front_matter(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """YAML front matter as Jekyll and Hugo open it, a first line of exactly `---`: a rule of
    more dashes (`-----`) opens none, it is a thematic break (markdown-it block rule)."""
    if state.src[state.bMarks[0] : state.eMarks[0]].rstrip() != "---":
        return False
    return _front_matter_rule(state, start, end, silent)


def _toml_front_matter(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """`+++` on the first line, then anything, then a line of `+++` (markdown-it block rule)."""
    if start != 0 or state.blkIndent != 0:
        return False
    if state.src[state.bMarks[0] : state.eMarks[0]].rstrip() != TOML_MARKER:
        return False
    close = next(
        (
            n
            for n in range(1, end)
            if state.src[state.bMarks[n] : state.eMarks[n]].rstrip() == TOML_MARKER
        ),
        None,
    )
    if close is None:
        return False
    if silent:
        return True
    tok = state.push("front_matter", "", 0)
    tok.hidden = True
    tok.block = True
    tok.markup = TOML_MARKER
    tok.content = state.src[state.bMarks[1] : state.eMarks[close - 1]] if close > 1 else ""
    tok.map = [0, close + 1]
    state.line = close + 1
    return True


def _front_origin(path: str, lines: tuple[str, ...], tok: Token) -> Origin:
    assert tok.map is not None
    pieces = tok.content.split("\n")
    starts = _starts(pieces)
    first = tok.map[0] + 2  # the line after the marker, 1-based
    return Origin(path, starts, tuple(range(first, first + len(pieces))), (1,) * len(pieces), lines)


def _starts(pieces: list[str]) -> tuple[int, ...]:
    """The offset at which each of the `\\n`-separated pieces begins in their join."""
    out, at = [], 0
    for p in pieces:
        out.append(at)
        at += len(p) + 1
    return tuple(out)


def _block_origin(path: str, lines: tuple[str, ...], tok: Token) -> Origin:
    """Place each line of a display's content in its file line: the first after the opening
    `$$`, the last before the closing one, the others at the end of their line (a container
    such as a block quote may stand before them)."""
    assert tok.map is not None
    pieces = tok.content.split("\n")
    opening = tok.markup or "$$"
    closing = _closing(opening)
    cols = []
    for n, piece in enumerate(pieces):
        src = lines[tok.map[0] + n]
        if n == 0 and opening == loose.MARKUP:  # ```math a = b``, maths on the opening line
            col = src.index(piece, src.index(opening) + len(opening))
        elif n == 0:
            col = src.index(opening) + len(opening)
        elif n == len(pieces) - 1 and opening == loose.MARKUP:
            col = len(src.rstrip().rstrip("`")) - len(piece)
        elif n == len(pieces) - 1:
            last = src.find if scripts.is_markup(opening) else src.rstrip().rfind
            col = last(closing) - len(piece)
        else:
            col = len(src) - len(piece)
        if src[col : col + len(piece)] != piece:
            raise InternalError(f"{path}:{tok.map[0] + n + 1}: display text not found in its line")
        cols.append(col + 1)
    return Origin(
        path,
        _starts(pieces),
        tuple(range(tok.map[0] + 1, tok.map[0] + 1 + len(pieces))),
        tuple(cols),
        lines,
    )


def _math_fence(
    path: str, lines: tuple[str, ...], tok: Token, out: list[Display], notes: list[Note]
) -> None:
    """A fenced ```math block is a display, as GitHub renders it (its text from the line
    after the opening fence)."""
    assert tok.map is not None
    text = tok.content.rstrip("\n")
    try:
        out.append(Display(text, _lines_origin(path, lines, tok.map[0] + 1, text), False, len(out)))
    except InternalError:  # its text is not on its lines as written (tabs expanded)
        where = Location(path, tok.map[0] + 1, 1, lines[tok.map[0]])
        message = "a ```math block whose text could not be placed in the file is not read"
        notes.append(Note("unchecked", "unreadable", message, where, 3))


def _lines_origin(path: str, lines: tuple[str, ...], first: int, text: str) -> Origin:
    """The map of `text` whose lines stand in the file from line `first` (0-based), each
    at the end of its line (a container such as a block quote may stand before it)."""
    pieces = text.split("\n")
    cols = []
    for n, piece in enumerate(pieces):
        src = lines[first + n]
        col = src.rfind(piece) if piece else len(src)
        if col < 0:
            raise InternalError(f"{path}:{first + n + 1}: maths text not found in its line")
        cols.append(col + 1)
    return Origin(
        path, _starts(pieces), tuple(range(first + 1, first + 1 + len(pieces))), tuple(cols), lines
    )


def _inline_maths(
    path: str, lines: tuple[str, ...], tok: Token, out: list[Display], notes: list[Note]
) -> None:
    """Find each inline maths of a paragraph in its lines, left to right (markdown-it gives
    inline tokens no positions of their own); one that reads as sentences (a `$` left
    unmatched pairs with the next one) is noted, not read."""
    assert tok.map is not None
    assert tok.children is not None
    line, col = tok.map[0], 0  # 0-based cursor in the file
    alone = paragraphs.maths_alone(tok.children)
    for child in tok.children:
        if paragraphs.one_line_fence(child):  # ```math a = b```: GitLab's one-line display
            content = child.content[4:].strip()
            for at in range(line, tok.map[1]):
                found = lines[at].find(content, col if at == line else 0)
                if found >= 0 and content:
                    origin = Origin(path, (0,), (at + 1,), (found + 1,), lines)
                    out.append(Display(content, origin, False, len(out)))
                    line, col = at, found + len(content)
                    break
            continue
        if child.type not in ("math_inline", "math_inline_double"):
            continue
        pieces = child.content.split("\n")
        head = child.markup + pieces[0]
        while line < tok.map[1] and lines[line].find(head, col) < 0:
            line, col = line + 1, 0
        if line >= tok.map[1]:
            raise InternalError(f"{path}:{tok.map[0] + 1}: inline maths not found in its paragraph")
        col = lines[line].find(head, col) + len(child.markup)
        starts, file_lines, cols = [], [], []
        for n, piece in enumerate(pieces):
            if n:
                line += 1
                src = lines[line]
                col = src.find(piece) if piece else len(src) - len(src.lstrip())
            starts.append(sum(len(p) + 1 for p in pieces[:n]))
            file_lines.append(line + 1)
            cols.append(col + 1)
            end = col + len(piece)
        col = end + len(_closing(child.markup))
        if child.markup == "$" and paragraphs.sentences(child.content):
            where = Location(path, file_lines[0], cols[0], lines[file_lines[0] - 1])
            message = "this inline maths reads as sentences, not maths (a $ left unmatched?)"
            notes.append(Note("warning", "prose-maths", message, where, 1))
            continue
        out.append(
            Display(
                _markdown_maths(child.content, child.markup),
                Origin(path, tuple(starts), tuple(file_lines), tuple(cols), lines),
                not alone and not _display_in_text(child),
                len(out),
                child.markup,
            )
        )


def _closing(markup: str) -> str:
    """The closing delimiter of maths opened by `markup`."""
    return scripts.CLOSE if scripts.is_markup(markup) else latexmarks.CLOSING.get(markup, markup)


def _display_in_text(child: Token) -> bool:
    """Whether maths inside a paragraph is a display: `\\\\[ … \\\\]`, or a script in display
    mode."""
    markup = child.markup
    return markup == latexmarks.ESCAPED_BLOCK or (
        scripts.is_markup(markup) and child.type == "math_inline_double"
    )


def _markdown_maths(content: str, markup: str) -> str:
    """The maths between delimiters as MathJax reads it: Markdown's escapes undone where the
    delimiters were themselves escaped (`\\\\[ … \\\\]`), else the text as written."""
    return kramdown.unescape(content) if markup in latexmarks.ESCAPED else content
