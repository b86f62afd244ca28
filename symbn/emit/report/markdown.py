"""The document as its author wrote it, with the verdicts of each display below it.

Each display (or paragraph holding inline maths) is followed by a list of its findings, one
item a line: ✓ proved, ✗ refuted (with the counterexample), ? unchecked or unknown (with
the reason), ⚠ a warning, ‼ an error, and ≔ a definition. A list renders wherever the
document does (GitHub, MkDocs, any CommonMark reader), and the maths is left untouched.
"""

from __future__ import annotations

from symbn.emit.colours import MARKS
from symbn.source.document import numbered
from symbn.verify.document import Checked, Finding
from symbn.verify.status import FINDING_STATUSES


def item(f: Finding) -> list[str]:
    """One finding as a list item: mark, place and status, the message as code, and the
    counterexample of a refuted claim on the lines below."""
    head = f"- {MARKS[f.status]} line {f.where.line}:{f.where.col} **{f.status}**"
    lines = [f"{head}: {code_span(f.message)}"]
    for d in f.details:  # each on a line of its own: a backslash at the end breaks it
        lines[-1] += "\\"
        lines.append(f"  {code_span(d.strip())}")
    return lines


def code_span(s: str) -> str:
    """A code span holding `s` whatever backticks it has."""
    ticks = "`"
    while ticks in s:
        ticks += "`"
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{ticks}{pad}{s}{pad}{ticks}"


def blocks(checked: Checked) -> dict[int, list[Finding]]:
    """The findings before which line (0-based) of the document each list stands: the
    line after the display that holds them (after the paragraph, for inline maths);
    findings outside any display stand at the top (-1)."""
    assert checked.reading is not None
    lines = checked.reading.document.lines
    spans = []
    for d in checked.reading.document.displays:
        first, last = d.origin.lines[0], d.origin.lines[-1]
        if d.inline:  # after the paragraph
            end = last - 1
            while end < len(lines) and lines[end].strip():
                end += 1
        else:  # after the closing $$ (and its number), on the last line of maths or the next
            tail = lines[last - 1].rstrip()
            closed = tail.endswith("$$") or numbered.is_number(tail[tail.rfind("$$") + 2 :])
            end = last if "$$" in tail and closed else last + 1
        spans.append((first, last, min(end, len(lines))))
    out: dict[int, list[Finding]] = {}
    for f in checked.findings:
        at = next((end for first, last, end in spans if first <= f.where.line <= last), -1)
        out.setdefault(at, []).append(f)
    return out


def annotated(checked: Checked, *, front_matter: bool = True) -> str:
    """The Markdown of the report; without `front_matter`, the document's front matter is
    left out (a page or a PDF would show it as its first paragraph)."""
    assert checked.reading is not None
    lines = list(checked.reading.document.lines)
    below = blocks(checked)
    out: list[str] = []
    n = checked.summary
    counts = ", ".join(f"{n[s]} {s}" for s in FINDING_STATUSES if n[s])
    top = [
        f"> Checked by symbn: {counts}. Each display is followed by the verdicts on its "
        "lines: ✓ proved, ✗ refuted, ? unchecked, ⚠ warning.",
        "",
    ]
    top += [x for f in below.get(-1, []) for x in item(f)]
    front = checked.reading.document.front_matter
    skip = 0 if front is None else front.origin.lines[-1] + 1
    if skip and front_matter:
        out += [*lines[:skip], ""]
    out += [*top, ""] if top else []
    for n_line in range(skip, len(lines)):
        if n_line in below:
            out += ["", *(x for f in below[n_line] for x in item(f)), ""]
        out.append(lines[n_line])
    if len(lines) in below:
        out += ["", *(x for f in below[len(lines)] for x in item(f))]
    return "\n".join(out).rstrip("\n") + "\n"
