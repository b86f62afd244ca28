"""The report of `symbn check --report OUT`: the document with the verdict of each line,
as Markdown (`markdown.py`), a standalone HTML page (`html.py`) or a PDF (`pdf.py`),
chosen by OUT's suffix."""

from __future__ import annotations

from symbn.verify.document import Checked

SUFFIXES = (".md", ".html", ".pdf")


def report(checked: Checked, suffix: str) -> bytes:
    """The report of a checked document in the format of `suffix` (one of SUFFIXES)."""
    from symbn.emit.report import html, markdown, pdf  # noqa: PLC0415 - each loads on use

    if suffix == ".md":
        return markdown.annotated(checked).encode("utf-8")
    text = markdown.annotated(checked, front_matter=False)
    if suffix == ".html":
        return html.page(text, checked.path).encode("utf-8")
    return pdf.document(text, checked.path)
