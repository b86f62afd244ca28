"""The notebook reader: the Markdown cells' maths, each line placed at the line of the
.ipynb file that stores it."""

from __future__ import annotations

import nbformat
import pytest

from symbn.errors import InputError
from symbn.source.document.notebook import read_notebook


def notebook(*cells) -> str:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(c[1]) if c[0] == "code" else nbformat.v4.new_markdown_cell(c[1])
        for c in cells
    ]
    return nbformat.writes(nb)


def test_markdown_cells_are_read_and_code_cells_are_not():
    text = notebook(
        ("markdown", "# Title\n\n$$ a = b $$"),
        ("code", "x = '$$ c = d $$'"),
        ("markdown", "and $e = f$\n\n$$\ng = h\n$$"),
    )
    doc = read_notebook(text, "nb.ipynb")
    assert [(d.text.strip(), d.inline, d.number) for d in doc.displays] == [
        ("a = b", False, 0),
        ("e = f", True, 1),
        ("g = h", False, 2),
    ]


def test_each_line_is_placed_at_the_file_line_that_stores_it():
    text = notebook(("markdown", "# Title\n\n$$ a = \\frac{1}{N} $$"), ("markdown", "x $b = c$"))
    raw = text.split("\n")
    doc = read_notebook(text, "nb.ipynb")
    first, second = doc.displays
    line, col = first.origin.locate(0)
    assert "a = \\\\frac{1}{N}" in raw[line - 1]
    assert doc.lines[line - 1] == "$$ a = \\frac{1}{N} $$"
    assert (col, first.where.source[col - 1 :]) == (3, " a = \\frac{1}{N} $$")
    line, col = second.origin.locate(0)
    assert "b = c" in raw[line - 1]
    assert doc.lines[line - 1][col - 1 : col + 4] == "b = c"


def test_what_is_not_a_notebook_is_bad_input():
    with pytest.raises(InputError, match="is not a notebook"):
        read_notebook("{}", "nb.ipynb")
