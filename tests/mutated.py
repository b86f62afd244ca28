"""One line of a document changed (a mutant), and the verdicts `symbn check` gives per line."""

from __future__ import annotations

from collections.abc import Callable

from symbn.verify.document import check
from symbn.verify.finding import Finding


def line_of(text: str, written: str) -> int:
    """The line of `text` that holds `written` (1-based)."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if written in line)


def verdicts(text: str) -> dict[int, list[str]]:
    """The statuses of each line's findings, lints left out."""
    return _by_line(text, lambda f: f.kind != "lint")


def statuses(text: str) -> dict[int, list[str]]:
    """The statuses of each line's findings, warnings left out."""
    return _by_line(text, lambda f: f.status != "warning")


def _by_line(text: str, kept: Callable[[Finding], bool]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for f in check(text, "doc.md").findings:
        if kept(f):
            out.setdefault(f.where.line, []).append(f.status)
    return out


def _mutated(text: str, anchor: str, old: str, new: str) -> tuple[list[str], int]:
    """The lines of `text` with `old` changed to `new` in the line holding `anchor`, and
    that line's number."""
    line = line_of(text, anchor)
    lines = text.split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return lines, line


def mutant_verdicts(text: str, anchor: str, old: str, new: str) -> list[str]:
    """The verdicts on the line holding `anchor` once `old` in it is changed to `new`."""
    lines, line = _mutated(text, anchor, old, new)
    return verdicts("\n".join(lines)).get(line, [])


def display_verdicts(text: str, anchor: str, old: str, new: str) -> list[str]:
    """The verdicts on the display rows from the `$$` that opens the one holding `anchor` down
    to that line, once `old` in it is changed to `new` (a finding of a later row of a display
    may stand where the display begins)."""
    lines, line = _mutated(text, anchor, old, new)
    start = line
    while start > 1 and not lines[start - 1].lstrip().startswith("$$"):
        start -= 1
    got = verdicts("\n".join(lines))
    return [s for k in range(start, line + 1) for s in got.get(k, [])]


def last_verdict(text: str, anchor: str, old: str, new: str) -> list[str]:
    """The last verdict on the line holding `anchor` once `old` in it is changed to `new`
    (empty when the line has none)."""
    return mutant_verdicts(text, anchor, old, new)[-1:]
