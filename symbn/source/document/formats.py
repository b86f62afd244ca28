"""A document read by the reader of its format, chosen by the file's suffix: `.ipynb` a
Jupyter notebook, `.tex` a LaTeX source, anything else Markdown."""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath

from symbn.source.document.ell import layer_letter
from symbn.source.document.macros import expand_document, moved
from symbn.source.document.markdown import Display, Document, read_markdown
from symbn.source.document.physics import expand_physics
from symbn.source.document.templates import expand_templates

SUFFIXES = (".md", ".markdown", ".ipynb", ".tex")


def read_document(text: str, path: str = "<document>") -> Document:
    """The maths of a document, as its format says, with the macros it defines expanded
    (`symbn.source.document.macros`), a layer letter written `\\ell` read as l
    (`symbn.source.document.ell`), the physics package's derivatives written out
    (`symbn.source.document.physics`), and the functions its rows define put in where they are
    applied (`symbn.source.document.templates`)."""
    doc = _split(_read(text, path))
    doc = layer_letter(expand_document(doc, whole=PurePath(path).suffix.lower() == ".tex"))
    return expand_templates(expand_physics(doc))


def _read(text: str, path: str) -> Document:
    suffix = PurePath(path).suffix.lower()
    if suffix == ".ipynb":
        from symbn.source.document.notebook import read_notebook  # noqa: PLC0415 - nbformat on use

        return read_notebook(text, path)
    if suffix == ".tex":
        from symbn.source.document.texfile import read_tex  # noqa: PLC0415

        return read_tex(text, path)
    return read_markdown(text, path)


def _split(doc: Document) -> Document:
    """A display written `$$g(x) = …$$ for $$x \\in \\mathbb{R}$$` on one line, which
    Markdown reads as one block, as MathJax shows it: two displays, the words between prose."""
    if not any("$$" in d.text for d in doc.displays):
        return doc
    out: list[Display] = []
    for d in doc.displays:
        pieces = d.text.split("$$") if not d.inline else [d.text]
        at = 0
        for k, piece in enumerate(pieces):
            if k % 2 == 0 and piece.strip():
                origin = moved(d.origin, list(range(at, at + len(piece))))
                out.append(replace(d, text=piece, origin=origin, number=len(out)))
            at += len(piece) + 2
    return replace(doc, displays=tuple(out))
