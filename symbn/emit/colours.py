"""How a verdict shows, the same wherever one is shown (a notebook, the Markdown, HTML and
PDF reports): its mark, and its colour (proved green, refuted red, unknown and unchecked
amber)."""

from __future__ import annotations

from symbn.verify.status import Status

GREEN, RED, AMBER, GREY = "#1a7f37", "#cf222e", "#9a6700", "#57606a"
#: The colour of each status of a claim or a document's line.
COLOURS = {
    Status.PROVED: GREEN,
    Status.DERIVED: GREEN,
    Status.REFUTED: RED,
    Status.ERROR: RED,
    Status.UNKNOWN: AMBER,
    Status.UNCHECKED: AMBER,
    Status.WARNING: AMBER,
    Status.DEFINED: GREY,
}
#: The mark of each status.
MARKS = {
    Status.PROVED: "✓",
    Status.DERIVED: "✓",
    Status.REFUTED: "✗",
    Status.ERROR: "‼",
    Status.UNKNOWN: "?",
    Status.UNCHECKED: "?",
    Status.WARNING: "⚠",
    Status.DEFINED: "≔",
}
#: The colour of each mark (two statuses share a mark only when they share a colour).
MARK_COLOURS = {MARKS[s]: COLOURS[s] for s in MARKS}
#: Each colour's name in a LaTeX document.
NAMES = {GREEN: "symbngreen", RED: "symbnred", AMBER: "symbnamber", GREY: "symbngrey"}


def tex_definitions() -> str:
    r"""The `\definecolor` lines of every colour (for the color package)."""
    lines = []
    for colour, name in NAMES.items():
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        lines.append(rf"\definecolor{{{name}}}{{rgb}}{{{r:.3f},{g:.3f},{b:.3f}}}")
    return "\n".join(lines)
