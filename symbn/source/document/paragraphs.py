"""What a paragraph's inline maths is, as its author sets it: a display set apart on lines
of its own (`$y = f(x)$` between two paragraphs of prose), sentences between two `$`, or
GitLab's one-line math fence."""

from __future__ import annotations

from markdown_it.token import Token

#: The tokens of inline maths, and what may stand after maths set apart.
_MATHS = frozenset(("math_inline", "math_inline_double"))
_TRAILING = frozenset(("", ".", ",", ";", ":"))


def maths_alone(children: list[Token]) -> bool:
    """Whether a paragraph is nothing but maths, each on a line of its own, a comma or full
    stop after it at most (`$y = f(x)$` set apart from the prose): its author sets it as a
    display."""
    lines: list[list[Token]] = [[]]
    for c in children:
        if c.type in ("softbreak", "hardbreak"):
            lines.append([])
        elif not (c.type == "text" and c.content.strip() in _TRAILING):
            lines[-1].append(c)
    return all(len(x) == 1 and x[0].type in _MATHS for x in lines)


def sentences(text: str) -> bool:
    """Whether inline maths is prose: five or more plain words of three letters or more, at
    least half of what it holds (`$ This equation represents the boundary … $`)."""
    words = text.split()
    plain = [w for w in words if len(w.strip(".,:;!?")) >= 3 and w.strip(".,:;!?").isalpha()]
    return len(plain) >= 5 and 2 * len(plain) >= len(words)


def one_line_fence(child: Token) -> bool:
    """Whether an inline code span is a ```math fence written on one line (```math a = b```,
    which CommonMark reads as code: its info string may not hold backticks)."""
    return (
        child.type == "code_inline"
        and len(child.markup) >= 3
        and child.content.startswith("math")
        and child.content[4:5].isspace()
        and "\n" not in child.content.strip()
    )
