"""The maths of a LaTeX source (`paper.tex`), with the place of every character.

Only the body is read (after `\\begin{document}` when there is one); `%` comments are
blanked first (an escaped `\\%` is not one), so maths in a comment is not maths. The
maths: `\\[ … \\]`, `$$ … $$`, and the environments `equation`, `align`, `gather`,
`multline`, `eqnarray`, `flalign`, `alignat`, `displaymath` (starred or not) as
displays, their text from `\\begin` to `\\end` (the display reader takes the environment
off), and an environment the preamble defines around one of those (`\\NewEnviron`,
`\\newenvironment`), its body as the display's maths; `$ … $` and `\\( … \\)` inline.
Everything else (`\\section`, prose, other
environments) is skipped, as a Markdown reader skips text.
"""

from __future__ import annotations

import bisect

from symbn.source.document.markdown import Display, Document, normalize
from symbn.source.positions import Origin

ENVIRONMENTS = frozenset(
    {
        f"{name}{star}"
        for name in (
            "equation",
            "align",
            "gather",
            "multline",
            "eqnarray",
            "flalign",
            "alignat",
            "displaymath",
            "math",
        )
        for star in ("", "*")
    }
)
BEGIN_DOCUMENT = "\\begin{document}"


def read_tex(text: str, path: str = "<document>") -> Document:
    """Every display and inline maths of a LaTeX source."""
    text = normalize(text)
    lines = tuple(text.split("\n"))
    src = blank_comments(text)
    starts = _line_starts(text)
    body = src.find(BEGIN_DOCUMENT)
    n = body + len(BEGIN_DOCUMENT) if body >= 0 else 0
    own = defined_maths(src[:n])
    displays: list[Display] = []
    while n < len(src):
        found = _maths_at(src, n, own)
        if found is None:
            n += 2 if src[n] == "\\" else 1
            continue
        a, z, after, inline = found
        origin = _origin(path, lines, starts, a, z)
        displays.append(Display(src[a:z], origin, inline, len(displays)))
        n = after
    return Document(path, lines, tuple(displays), None, ())


def defined_maths(preamble: str) -> frozenset[str]:
    """The environments the preamble defines around a maths environment or display
    (`\\NewEnviron{tcequation}{\\begin{equation}\\BODY\\end{equation}}`,
    `\\newenvironment{eq}{\\begin{align}}{\\end{align}}`): their bodies are maths."""
    out = set()
    for definer in DEFINERS:
        n = 0
        while (n := preamble.find(definer, n)) >= 0:
            n += len(definer)
            name = _group(preamble, n)
            if name is None:
                continue
            definition = preamble[n : n + LOOK_AHEAD].split("\\end{", 1)[0] + "}"
            opens = [f"\\begin{{{env}}}" for env in ENVIRONMENTS] + ["\\[", "$$"]
            if any(x in definition for x in opens) and name.replace("*", "").isalpha():
                out.add(name)
    return frozenset(out)


def _group(text: str, n: int) -> str | None:
    """The text of the braced group at text[n] (spaces before it skipped), if one is."""
    while n < len(text) and text[n] == " ":
        n += 1
    end = text.find("}", n)
    return text[n + 1 : end] if n < len(text) and text[n] == "{" and end > n else None


#: The commands that define an environment, and how far after one its definition is read.
DEFINERS = ("\\newenvironment", "\\renewenvironment", "\\NewEnviron", "\\NewDocumentEnvironment")
LOOK_AHEAD = 400


def _maths_at(
    src: str, n: int, own: frozenset[str] = frozenset()
) -> tuple[int, int, int, bool] | None:
    """The maths that opens at src[n]: (start, end of its text, offset after it, inline);
    an environment of `own` is maths, its text its body."""
    pairs = (("\\[", "\\]", False), ("\\(", "\\)", True), ("$$", "$$", False), ("$", "$", True))
    for opening, closing, inline in pairs:
        if src.startswith(opening, n) and not (opening == "$" and src.startswith("$$", n)):
            end = _unescaped(src, closing, n + len(opening))
            return None if end < 0 else (n + len(opening), end, end + len(closing), inline)
    if src.startswith("\\begin{", n):
        close = src.find("}", n)
        env = src[n + 7 : close] if close > 0 else ""
        if env in ENVIRONMENTS or env in own:
            end_tag = f"\\end{{{env}}}"
            end = src.find(end_tag, close)
            if end >= 0 and env in own:
                return close + 1, end, end + len(end_tag), False
            if end >= 0:
                return n, end + len(end_tag), end + len(end_tag), False
    return None


def _unescaped(src: str, needle: str, n: int) -> int:
    """The offset of the next `needle` from n that no backslash escapes (-1 if none)."""
    while (k := src.find(needle, n)) >= 0:
        if needle.startswith("\\") or k == 0 or src[k - 1] != "\\":
            return k
        n = k + 1
    return -1


def blank_comments(text: str) -> str:
    """The text with every `%` comment (to the end of its line) replaced by spaces."""
    out = []
    for line in text.split("\n"):
        k, kept = 0, line
        while (k := line.find("%", k)) >= 0:
            slashes = len(line[:k]) - len(line[:k].rstrip("\\"))
            if slashes % 2 == 0:
                kept = line[:k] + " " * (len(line) - k)
                break
            k += 1
        out.append(kept)
    return "\n".join(out)


def _line_starts(text: str) -> list[int]:
    out = [0]
    for k, c in enumerate(text):
        if c == "\n":
            out.append(k + 1)
    return out


def _origin(path: str, lines: tuple[str, ...], starts: list[int], a: int, z: int) -> Origin:
    """The map of text[a:z] to the file's lines and columns."""
    line = bisect.bisect_right(starts, a) - 1
    offsets, file_lines, cols = [0], [line + 1], [a - starts[line] + 1]
    while line + 1 < len(starts) and starts[line + 1] < z:
        line += 1
        offsets.append(starts[line] - a)
        file_lines.append(line + 1)
        cols.append(1)
    return Origin(path, tuple(offsets), tuple(file_lines), tuple(cols), lines)
