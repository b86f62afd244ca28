"""symbn.source: the line and column of tables, keys and values in a TOML derivation file
(indented and tabbed lines, array-of-tables entries, multi-line strings, non-ASCII text, CRLF),
and `read_toml`, which turns every failure to decode or parse the file into a located error.

The positions that tests/test_spec.py checks through `spec.parse` (basic and literal strings on
one line, a multi-line string that starts on the line after its quotes) are not repeated here.
"""

from __future__ import annotations

import pytest

from symbn.errors import InputError
from symbn.source.tomlmap import SourceMap, read_toml

TEXT = '''\
# a comment line
[derivation]
title = "Positions"
description = """
name = "not a key"
[not_a_table]
"""

[ sizes ]  # spaces and a comment
N = "rows"
  L\t=   'columns'

[inputs]
x = { shape = ["N", "L"], latex = "\\\\hat{x}" }
"\u00e9t\u00e9" = { shape = [] }

[[claim]]
name = "first"
lhs = """x[i, j]"""

[[claim]]
name = "second"
title = \'\'\'
Second\'\'\'
steps = true
'''


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """(line, col), 1-based, of the `nth` occurrence of `needle` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    before = text[:start]
    return before.count("\n") + 1, start - (before.rfind("\n") + 1) + 1


def pos(where) -> tuple[int, int]:
    return where.line, where.col


@pytest.fixture
def smap() -> SourceMap:
    return SourceMap("d.toml", TEXT)


def test_tables_and_entries_of_arrays_of_tables(smap):
    assert pos(smap.table("derivation")) == at(TEXT, "[derivation]")
    assert pos(smap.table("sizes")) == at(TEXT, "[ sizes ]")
    assert pos(smap.table("claim", 0)) == at(TEXT, "[[claim]]")
    assert pos(smap.table("claim", 1)) == at(TEXT, "[[claim]]", nth=1)
    assert smap.table("claim", 1).source == "[[claim]]"
    assert smap.table("claim", 1).path == "d.toml"


def test_a_table_that_is_not_written_is_placed_at_line_1(smap):
    assert pos(smap.table("layer")) == (1, 1)
    assert pos(smap.table("claim", 2)) == (1, 1)


def test_keys_and_values_on_indented_and_tabbed_lines(smap):
    assert pos(smap.key("sizes", 0, "N")) == at(TEXT, 'N = "rows"')
    assert pos(smap.value_at("sizes", 0, "N")) == at(TEXT, '"rows"')
    assert pos(smap.key("sizes", 0, "L")) == at(TEXT, "L\t=")
    assert pos(smap.value_at("sizes", 0, "L")) == at(TEXT, "'columns'")
    assert smap.key("sizes", 0, "L").source == "  L\t=   'columns'"


def test_keys_of_each_array_entry_are_kept_apart(smap):
    assert pos(smap.key("claim", 0, "name")) == at(TEXT, 'name = "first"')
    assert pos(smap.key("claim", 1, "name")) == at(TEXT, 'name = "second"')
    assert pos(smap.value_at("claim", 1, "steps")) == at(TEXT, "true")


def test_a_key_that_is_not_written_is_placed_at_its_table(smap):
    assert pos(smap.key("claim", 0, "steps")) == at(TEXT, "[[claim]]")
    assert pos(smap.value_at("claim", 1, "rhs")) == at(TEXT, "[[claim]]", nth=1)
    assert smap.value("claim", 0, "rhs", "").where == smap.table("claim", 0)


def test_lines_inside_multiline_strings_are_neither_keys_nor_tables(smap):
    # `name = "not a key"` and `[not_a_table]` are text of the description
    assert pos(smap.table("not_a_table")) == (1, 1)
    assert pos(smap.key("derivation", 0, "name")) == at(TEXT, "[derivation]")
    # and the scan goes on after the closing quotes
    assert pos(smap.key("sizes", 0, "N")) == at(TEXT, 'N = "rows"')


def test_quoted_keys_with_non_ascii_letters_count_characters_not_bytes(smap):
    assert pos(smap.key("inputs", 0, "\u00e9t\u00e9")) == at(TEXT, '"\u00e9t\u00e9"')
    assert pos(smap.value_at("inputs", 0, "\u00e9t\u00e9")) == at(TEXT, "{ shape = []")


def test_string_values_are_placed_at_their_first_character(smap):
    assert pos(smap.value("sizes", 0, "L", "columns").where) == at(TEXT, "columns")
    # a multi-line string that starts on the line of its quotes
    assert pos(smap.value("claim", 0, "lhs", "x[i, j]").where) == at(TEXT, "x[i, j]")
    # a multi-line literal string that starts on the next line
    assert pos(smap.value("claim", 1, "title", "Second").where) == at(TEXT, "Second")
    text = smap.value("sizes", 0, "N", "rows")
    assert text.value == "rows"
    assert text.where.source[text.where.col - 1 :].startswith("rows")


def test_a_value_that_is_not_a_string_is_placed_where_it_begins(smap):
    assert pos(smap.value("inputs", 0, "x", "").where) == at(TEXT, "{ shape")


def test_find_moves_right_to_the_needle_on_the_same_line(smap):
    where = smap.inner_key("inputs", 0, "x", "shape")
    assert pos(smap.find(where, '"L"')) == at(TEXT, '"L"')
    assert smap.find(where, '"M"') == where


def test_inner_keys_of_inline_tables(smap):
    assert pos(smap.inner_key("inputs", 0, "x", "latex")) == at(TEXT, "latex =")
    assert pos(smap.inner_key("inputs", 0, "x", "shape")) == at(TEXT, 'shape = ["N"')
    assert smap.inner_key("inputs", 0, "x", "positive") == smap.key("inputs", 0, "x")


def test_inner_key_of_an_input_named_like_the_inner_key():
    text = '[inputs]\nshape = { shape = ["N"] }\n'
    assert pos(SourceMap("d.toml", text).inner_key("inputs", 0, "shape", "shape")) == (2, 11)


@pytest.mark.parametrize(
    "written",
    [
        's = "a\\"b\\\\c\\tX"',  # \" \\ \t take two characters each
        's = "\\u00e9\\U0001F600X"',  # \uXXXX six, \UXXXXXXXX ten
        "s = 'a\\tX'",  # a literal string has no escapes
        's = """\nab"c\\\n   \n  X"""',  # a bare quote; a line-ending backslash eats the blank
        "s = '''\r\nab\r\nX'''",  # CRLF is one newline of the value
    ],
    ids=["basic", "unicode", "literal", "multi-line-basic", "multi-line-literal-crlf"],
)
def test_char_maps_a_character_of_the_value_back_through_the_escapes(written):
    text = f"[t]\n{written}\n"
    value = read_toml("d.toml", text.encode())[0]["t"]["s"]
    smap = SourceMap("d.toml", text)
    assert pos(smap.char("t", 0, "s", value.index("X"))) == at(text, "X")
    end = smap.char("t", 0, "s", len(value))  # just after the last character: the closing quote
    assert end.source[end.col - 1] in "\"'"
    assert pos(smap.char("t", 0, "missing", 0)) == (1, 1)


def test_crlf_line_endings_keep_the_columns():
    text = TEXT.replace("\n", "\r\n")
    smap = SourceMap("d.toml", text)
    assert pos(smap.value_at("sizes", 0, "L")) == at(TEXT, "'columns'")
    assert pos(smap.table("claim", 1)) == at(TEXT, "[[claim]]", nth=1)
    assert pos(smap.value("claim", 1, "title", "Second").where) == at(TEXT, "Second")


def test_at_and_line_text_past_the_end_of_the_file(smap):
    assert smap.line_text(0) == ""
    assert smap.line_text(10_000) == ""
    assert smap.at(3, 9).source == 'title = "Positions"'


# -- read_toml -----------------------------------------------------------------------------------
def test_read_toml_gives_the_document_and_its_map():
    doc, smap = read_toml("d.toml", TEXT.encode())
    assert doc["sizes"] == {"N": "rows", "L": "columns"}
    assert doc["claim"][1]["title"] == "Second"
    assert doc["derivation"]["description"] == 'name = "not a key"\n[not_a_table]\n'
    assert pos(smap.key("claim", 1, "steps")) == at(TEXT, "steps")


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"])
def test_an_empty_file_is_refused_at_its_start(data):
    with pytest.raises(InputError, match="the file is empty") as info:
        read_toml("d.toml", data)
    assert pos(info.value.where) == (1, 1)


def test_a_byte_that_is_not_utf8_is_refused_where_it_stands():
    with pytest.raises(InputError, match=r"not UTF-8 \(byte 0xff\)") as info:
        read_toml("d.toml", b'a = 1\ntitle = "ab\xffc"\n')
    assert pos(info.value.where) == (2, 12)
    assert info.value.where.source == 'title = "ab\ufffdc"'


def test_a_byte_that_is_not_utf8_after_non_ascii_letters_is_placed_in_characters():
    with pytest.raises(InputError) as info:
        read_toml("d.toml", 'title = "\u20ac'.encode() + b'\xff"\n')
    where = info.value.where
    assert where.source[where.col - 1 : where.col] == "\ufffd"


def test_malformed_toml_is_refused_at_the_place_tomllib_names():
    with pytest.raises(InputError, match="malformed TOML") as info:
        read_toml("d.toml", b"a = 1\nb = columns\n")
    assert pos(info.value.where) == (2, 5)
    assert "(at line" not in info.value.message  # the position is in the head, not repeated


def test_a_key_written_twice_is_refused_at_its_indented_repetition():
    with pytest.raises(InputError, match="written twice") as info:
        read_toml("d.toml", b"[t]\na = 1\n    a = 2\n")
    assert pos(info.value.where) == (3, 5)


def test_a_value_left_open_at_the_end_of_the_file_is_refused_at_the_end():
    text = b"a = 1\nb = 2\nc = [1,\n"
    with pytest.raises(InputError, match="malformed TOML") as info:
        read_toml("d.toml", text)
    assert info.value.where.line >= 3


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (b"a = 1\nc = [1,\n  2,\n", (2, 5)),  # the array that is not closed
        (b'a = 1\nb = """one\n\nc = 2\n', (2, 5)),  # the string that is not closed
        (b"a = 1\n[sizes\n\n", (2, 7)),  # no value is open: just after the last character
    ],
)
def test_what_the_end_of_the_file_leaves_open_is_refused_where_it_opens(text, where):
    with pytest.raises(InputError, match="malformed TOML") as info:
        read_toml("d.toml", text)
    assert pos(info.value.where) == where
