"""A document checked section by section, when its context has `[[section]]` entries
(`symbn.source.sections`): the maths under each named heading with that section's
context, the rest with the context's own, the findings put back in document order.

A heading is a Markdown heading (`## Column-wise gradient`, in a notebook's markdown cells
too) or a LaTeX `\\section{…}`, `\\subsection{…}`, `\\subsubsection{…}`; a section runs to
the next heading of the same or a higher level; a subsection with a section of its own is
read with that one (`### Lemma` inside `## One feature at a time`, the lemma's letters its
own).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from symbn.errors import InputError
from symbn.source.context import Context, Partial, read_any
from symbn.source.document.markdown import Document
from symbn.source.sections import Section
from symbn.source.tomlwrite import toml_text

#: LaTeX's sectioning commands, by level.
TEX_LEVELS = {"\\section": 1, "\\subsection": 2, "\\subsubsection": 3}


def heading(line: str) -> tuple[int, str] | None:
    """(level, text) of a heading line, else None."""
    s = line.strip()
    if s.startswith('"') and s.endswith((",", '"')):  # a notebook's source line, as JSON
        s = s.rstrip(",").strip('"').replace("\\n", "").strip()
    if s.startswith("#"):
        level = len(s) - len(s.lstrip("#"))
        text = s[level:]
        return (level, " ".join(text.strip("# ").split())) if text[:1] in (" ", "") else None
    for command, level in TEX_LEVELS.items():
        for star in ("", "*"):
            opening = command + star + "{"
            if s.startswith(opening) and s.endswith("}"):
                return level, " ".join(s[len(opening) : -1].split())
    return None


def spans(doc: Document, sections: Sequence[Section]) -> list[tuple[Section, int, int]]:
    """Each section with the first and last line it holds (1-based); a heading the document
    does not have is an error at the section's entry of the context."""
    found = [(n, *h) for n, line in enumerate(doc.lines, 1) if (h := heading(line)) is not None]
    out = []
    for section in sections:
        at = [(n, level) for n, level, text in found if text == section.heading]
        if not at:
            raise InputError(
                f"the context has a section for the heading {section.heading!r}, which "
                f"{doc.path} does not have",
                section.where,
            )
        for n, level in at:
            end = next((m - 1 for m, lv, _ in found if m > n and lv <= level), len(doc.lines))
            out.append((section, n, end))
    return out


def parts(
    doc: Document, given: Context | Partial, path: str
) -> list[tuple[Document, Context | Partial]]:
    """The document split: the maths under each section's heading with its context (read
    on its own: a section says what its letters mean), and the rest with the context's
    own (its sections dropped; the document's own notes with it). A subsection that has a
    section of its own is read with that one, apart from the section above it."""
    cut = spans(doc, given.sections)
    owner = [innermost(cut, d.where.line) for d in doc.displays]
    rest = tuple(d for d, k in zip(doc.displays, owner, strict=True) if k is None)
    out = [(replace(doc, displays=rest), replace(given, sections=()))]
    for n, (section, _, _) in enumerate(cut):
        shown = tuple(d for d, k in zip(doc.displays, owner, strict=True) if k == n)
        out.append((replace(doc, displays=shown, notes=()), narrowed_context(section, path)))
    return out


def innermost(cut: Sequence[tuple[Section, int, int]], line: int) -> int | None:
    """The position in `cut` of the innermost section that holds `line` (a subsection with
    a section of its own holds its lines, not the section above it), or None."""
    held = [(first, n) for n, (_, first, last) in enumerate(cut) if first <= line <= last]
    return max(held)[1] if held else None


def narrowed_context(section: Section, path: str) -> Context | Partial:
    """The context that holds under a section: its tables read as any context file's."""
    if not section.tables:  # nothing of its own: what the maths there says, inferred
        return Partial(section.where.path, {})
    text = toml_text(section.tables)
    try:
        return read_any(section.where.path, text.encode("utf-8"))
    except InputError as exc:
        raise InputError(
            f"the context of the section {section.heading!r} of {path} does not read: "
            f"{exc.message}",
            section.where,
        ) from None
