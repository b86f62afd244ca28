"""Offsets of a display's text back to the file's lines and columns, and located notes."""

from __future__ import annotations

from symbn.source.positions import Note, Origin, Span, TexError, note

FILE = ("first line", "xx $$ab", "  cd $$", "")


def origin() -> Origin:
    # the display text "ab\n  cd " starts at line 2, col 6; its second line at line 3, col 1
    return Origin("f.md", (0, 3), (2, 3), (6, 1), FILE)


def test_locate_maps_each_line_of_the_text_to_its_file_line():
    o = origin()
    assert o.locate(0) == (2, 6)
    assert o.locate(1) == (2, 7)
    assert o.locate(3) == (3, 1)
    assert o.locate(5) == (3, 3)


def test_where_carries_the_file_line_for_a_caret():
    w = origin().where(5)
    assert (w.path, w.line, w.col, w.source) == ("f.md", 3, 3, "  cd $$")


def test_width_is_cut_at_the_end_of_the_first_line():
    o = origin()
    assert o.width(Span(0, 2)) == 2
    assert o.width(Span(1, 5)) == 1  # from col 7 to the end of "xx $$ab"
    assert o.width(Span(4, 4)) == 1


def test_error_becomes_a_located_symbn_error_with_a_caret():
    err = origin().error(TexError("bad maths", Span(3, 5)))
    text = str(err)
    assert text.startswith("f.md:3:1: error: bad maths")
    assert text.endswith("    ^^")


def test_note_prints_in_the_compiler_convention():
    n = note(origin(), "warning", "delimiter", "\\big[ is never closed", Span(5, 6))
    assert isinstance(n, Note)
    assert str(n) == "f.md:3:3: warning: \\big[ is never closed"
    assert n.width == 1


def test_span_cover():
    assert Span(3, 5).cover(Span(1, 4)) == Span(1, 5)
