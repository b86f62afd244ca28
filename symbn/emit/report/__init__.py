"""The report of `symbn check --report OUT`: the document with the verdict of each line,
as Markdown (`markdown.py`), a standalone HTML page (`html.py`) or a PDF (`pdf.py`),
chosen by OUT's suffix."""

from __future__ import annotations

from pathlib import PurePath

from symbn.errors import InputError
from symbn.verify.document import Checked

SUFFIXES = (".md", ".html", ".pdf")


def refuse(out: str, paths: list[str]) -> None:
    """`InputError` unless `--report OUT` can report on `paths`: one Markdown document
    (not a notebook or a LaTeX source), OUT with a suffix of SUFFIXES."""
    if len(paths) != 1:
        raise InputError("--report writes the report of one document; name one")
    if PurePath(paths[0]).suffix.lower() in (".ipynb", ".tex"):
        raise InputError(f"--report writes the report of a Markdown document, not of {paths[0]}")
    if PurePath(out).suffix not in SUFFIXES:
        raise InputError(
            f"--report {out}: a report is written as "
            f"{', '.join(SUFFIXES)}, chosen by the file's suffix"
        )


def report(checked: Checked, suffix: str) -> bytes:
    """The report of a checked document in the format of `suffix` (one of SUFFIXES)."""
    from symbn.emit.report import html, markdown, pdf  # noqa: PLC0415 - each loads on use

    if suffix == ".md":
        return markdown.annotated(checked).encode("utf-8")
    text = markdown.annotated(checked, front_matter=False)
    if suffix == ".html":
        return html.page(text, checked.path).encode("utf-8")
    return pdf.document(text, checked.path)
