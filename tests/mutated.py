"""One line of a document changed (a mutant), and the verdicts `symbn check` gives per line."""

from __future__ import annotations

from symbn.verify.document import check


def line_of(text: str, written: str) -> int:
    """The line of `text` that holds `written` (1-based)."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if written in line)


def verdicts(text: str) -> dict[int, list[str]]:
    """The statuses of each line's findings, lints left out."""
    out: dict[int, list[str]] = {}
    for f in check(text, "doc.md").findings:
        if f.kind != "lint":
            out.setdefault(f.where.line, []).append(f.status)
    return out


def mutant_verdicts(text: str, anchor: str, old: str, new: str) -> list[str]:
    """The verdicts on the line holding `anchor` once `old` in it is changed to `new`."""
    line = line_of(text, anchor)
    lines = text.split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return verdicts("\n".join(lines)).get(line, [])


def last_verdict(text: str, anchor: str, old: str, new: str) -> list[str]:
    """The last verdict on the line holding `anchor` once `old` in it is changed to `new`
    (empty when the line has none)."""
    return mutant_verdicts(text, anchor, old, new)[-1:]
