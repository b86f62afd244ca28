"""A verified derivation or a checked document as a notebook shows it: an HTML table whose
verdicts are coloured (proved green, refuted red, unknown and unchecked amber), each claim
as $…$ maths for the notebook's MathJax with its counterexample below, or the same as a
Markdown list where HTML is not shown.

Rows are plain values (`Row`), built here from a model and its verdicts (`report_rows`) or
from a document's findings (`document_rows`). Everything a user wrote — titles, names,
LaTeX, messages quoting the document — is escaped with `html.escape` before it reaches
the HTML; messages and details go in `<code>`, where MathJax does not look for maths.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from symbn.emit.colours import COLOURS, GREY, MARKS
from symbn.emit.latex.texprint import tex
from symbn.emit.report.markdown import code_span
from symbn.language.model import Model
from symbn.verify.verdicts import Result, details

#: An alignment tab or a line break of the author's LaTeX: not maths on a line of its own.
_ALIGN = re.compile(r"(?<!\\)&|\\\\")


@dataclass(frozen=True)
class Row:
    """One verdict: its `status`, what it is about (`label`: a claim's name, a line's
    place), a `title` in prose, the claim as LaTeX (`maths`, "" when none), a `message` and
    `details` (residual, reason, counterexample) in the expression language."""

    status: str
    label: str
    title: str = ""
    maths: str = ""
    message: str = ""
    details: tuple[str, ...] = ()


def report_rows(model: Model, results: Iterable[Result]) -> list[Row]:
    """A row per claim of a verified model: lhs = rhs (= the closed form, for a claim
    without rhs), and what `symbn verify` prints below a claim."""
    claims = {c.name: c for c in model.claims}
    rows = []
    for r in results:
        claim = claims[r.name]
        right = claim.rhs if claim.rhs is not None else r.closed_form
        maths = tex(claim.lhs, model.latex_names)
        if right is not None:
            maths += " = " + tex(right, model.latex_names)
        rows.append(
            Row(
                r.status,
                r.name,
                r.title if r.title != r.name else "",
                maths,
                "",
                tuple(x.strip() for x in details(r, model)),
            )
        )
    return rows


def document_rows(findings: Iterable) -> list[Row]:
    """A row per finding of a checked document (`symbn.verify.document.Finding`): the author's LaTeX
    of a line that states something, and the message `symbn check` prints."""
    return [
        Row(
            f.status,
            f"line {f.where.line}:{f.where.col}",
            "",
            _ALIGN.sub(" ", f.text).strip() if f.claim else "",
            f.message,
            tuple(d.strip() for d in f.details),
        )
        for f in findings
    ]


# -- HTML --------------------------------------------------------------------------------------
def _verdict(status: str) -> str:
    colour = COLOURS.get(status, GREY)
    return (
        f'<span style="color:{colour};font-weight:bold">'
        f"{MARKS.get(status, '·')}&nbsp;{html.escape(status)}</span>"
    )


def _cell(row: Row) -> str:
    parts = []
    if row.title:
        parts.append(html.escape(row.title))
    if row.maths:
        parts.append(f"${html.escape(row.maths)}$")
    if row.message:
        parts.append(f"<code>{html.escape(row.message)}</code>")
    parts += [f"<code>{html.escape(d)}</code>" for d in row.details]
    return "<br>".join(parts)


def html_table(title: str, summary: str, rows: Sequence[Row]) -> str:
    """The rows as an HTML table under a bold title and the summary line."""
    out = [
        f"<div><p><strong>{html.escape(title)}</strong>: {html.escape(summary)}</p>",
        '<table style="text-align:left">',
        "<thead><tr><th>verdict</th><th>of</th><th>claim</th></tr></thead><tbody>",
    ]
    for row in rows:
        out.append(
            f'<tr><td style="text-align:left">{_verdict(row.status)}</td>'
            f'<td style="text-align:left"><code>{html.escape(row.label)}</code></td>'
            f'<td style="text-align:left">{_cell(row)}</td></tr>'
        )
    out.append("</tbody></table></div>")
    return "\n".join(out) + "\n"


# -- Markdown ----------------------------------------------------------------------------------
def markdown_list(title: str, summary: str, rows: Sequence[Row]) -> str:
    """The rows as a Markdown list: mark and verdict in bold, the claim as $…$ maths, the
    message and details as code on the lines below."""
    out = [f"**{_escape_md(title)}**: {_escape_md(summary)}", ""]
    for row in rows:
        head = f"- {MARKS.get(row.status, '·')} **{row.status}** {code_span(row.label)}"
        if row.title:
            head += f" {_escape_md(row.title)}"
        if row.maths:
            head += f": ${row.maths}$"
        lines = [head]
        lines += [f"  {code_span(x)}" for x in (row.message, *row.details) if x]
        out.append("\\\n".join(lines))  # a backslash at the end of a line breaks it
    return "\n".join(out) + "\n"


def _escape_md(s: str) -> str:
    """Prose for Markdown: its emphasis, code and maths characters taken literally."""
    return re.sub(r"([\\`*_\[\]<>$|#])", r"\\\1", s.replace("\n", " "))
