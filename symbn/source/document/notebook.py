"""The maths of a Jupyter notebook (`nb.ipynb`): its Markdown cells, read as Markdown.

The notebook is read with nbformat; each Markdown cell is read by the Markdown reader and
its maths placed in the `.ipynb` file: a line of a cell is at the line of the file that
holds it (nbformat writes one line of a cell's source per line of the file, as a JSON
string), its column that of the cell's text, so that an editor or a GitHub annotation
goes to it. A finding's text is the cell's line, unescaped. A notebook written another
way (a cell's source as one string) places each of the cell's lines at the line of its
`"source"`.
"""

from __future__ import annotations

import json
from dataclasses import replace

import nbformat

from symbn.errors import InputError, Location
from symbn.source.document.markdown import Display, Document, normalize, read_markdown
from symbn.source.positions import Note, Origin


def read_notebook(text: str, path: str = "<document>") -> Document:
    """Every display and inline maths of a notebook's Markdown cells, in order."""
    text = normalize(text)
    raw = text.split("\n")
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises many kinds
        raise InputError(f"{path} is not a notebook: {exc}", Location(path, 1, 1, raw[0])) from None
    sources = [n for n, line in enumerate(raw) if line.strip().startswith('"source":')]
    shown = list(raw)
    displays: list[Display] = []
    notes: list[Note] = []
    for number, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        place = _places(raw, sources[number] if len(sources) == len(nb.cells) else 0, cell.source)
        cell_lines = cell.source.split("\n")
        for k, line in enumerate(cell_lines):
            shown[place[k] - 1] = line
        md = read_markdown(cell.source, path, escapes=False)
        for d in md.displays:
            o = d.origin
            lines = tuple(place[x - 1] for x in o.lines)
            origin = Origin(path, o.starts, lines, o.cols, ())
            displays.append(replace(d, origin=origin, number=len(displays)))
        notes += [replace(n, where=_moved(n.where, place)) for n in md.notes]
    file_lines = tuple(shown)
    placed = tuple(replace(d, origin=replace(d.origin, file_lines=file_lines)) for d in displays)
    return Document(path, file_lines, placed, None, tuple(notes))


def _places(raw: list[str], source: int, text: str) -> list[int]:
    """The file line (1-based) of each line of a cell whose `"source"` is at raw[source]."""
    lines = text.split("\n")
    stored = []
    for n in range(source + 1, min(len(raw), source + 1 + len(lines))):
        try:
            stored.append(json.loads(raw[n].strip().rstrip(",")))
        except ValueError:
            break
    if [s.removesuffix("\n") for s in stored if isinstance(s, str)] == lines:
        return [source + 2 + k for k in range(len(lines))]
    return [source + 1] * len(lines)


def _moved(where: Location, place: list[int]) -> Location:
    line = place[where.line - 1] if 0 < where.line <= len(place) else 1
    return replace(where, line=line)
