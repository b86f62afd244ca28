"""symbn.errors: a InputError prints as `path:line:col: error: message`, then the line of the file
and a caret of the error's width under the offending text (after tabs and non-ASCII letters too,
on enormous lines within a window of the line); InternalError stands apart from bad input."""

from __future__ import annotations

import unicodedata

import pytest

from symbn.errors import InputError, InternalError, Location


def report(line: str, col: int, width: int = 1, message: str = "bad thing") -> list[str]:
    """The printed lines of a InputError at `col` of `line` (line 7 of d.toml)."""
    return str(InputError(message, Location("d.toml", 7, col, line), width)).split("\n")


def caret(printed: list[str]) -> tuple[int, int]:
    """(index in the shown line of the first ^, number of ^) from a report's last two lines."""
    shown, marks = printed[1], printed[2]
    assert shown.startswith("    ")
    assert marks.startswith("    ")
    marks = marks[4:]
    at = len(marks) - len(marks.lstrip(" \t"))
    assert set(marks[at:]) == {"^"}, marks
    return at, len(marks) - at


def test_location_shifted_moves_only_the_column():
    where = Location("d.toml", 3, 5, "x = 1")
    assert where.shifted(4) == Location("d.toml", 3, 9, "x = 1")
    assert where.shifted(-4).col == 1
    assert where.col == 5  # frozen: shifting makes a new Location


def test_without_a_location_only_the_message_is_printed():
    error = InputError("no derivations/ folder here")
    assert str(error) == "symbn: error: no derivations/ folder here"
    assert error.message == "no derivations/ folder here"
    assert error.where is None


def test_head_line_names_path_line_and_column():
    printed = report('rhs = "x / 0"', 8, message="division by zero")
    assert printed[0] == "d.toml:7:8: error: division by zero"
    assert printed[1] == '    rhs = "x / 0"'
    assert len(printed) == 3


@pytest.mark.parametrize(
    ("col", "width", "under"),
    [
        (1, 1, "r"),
        (8, 5, "x / 0"),
        (12, 1, "0"),
        (8, 3, "x /"),
    ],
)
def test_caret_stands_under_the_text_and_is_as_wide_as_the_error(col, width, under):
    line = 'rhs = "x / 0"'
    at, n = caret(report(line, col, width))
    assert (at, n) == (col - 1, width)
    assert line[at : at + n] == under


def test_caret_is_cut_at_the_end_of_the_line():
    at, n = caret(report("abc", 2, width=50))
    assert (at, n) == (1, 2)


def test_width_below_one_is_one_caret():
    assert InputError("m", Location("d.toml", 1, 1, "abc"), width=0).width == 1
    assert caret(report("abc", 2, width=-3)) == (1, 1)


def test_caret_just_past_the_end_of_the_line():
    """Where TOML reports an unterminated value: one caret right after the last character."""
    at, n = caret(report('title = "open', 14))
    assert (at, n) == (13, 1)


def test_line_endings_are_not_shown():
    printed = report('x = "a"\r\n', 5)
    assert printed[1] == '    x = "a"'
    assert caret(printed) == (4, 1)


def test_tabs_before_the_text_are_kept_under_it():
    """A tab prints as a tab in both lines, so the caret lines up whatever the tab stops."""
    line = "\tx = 1\t+ y.real"
    col = line.index("y.real") + 1
    printed = report(line, col, width=6)
    assert printed[2] == "    \t" + " " * 5 + "\t" + " " * 2 + "^" * 6
    assert printed[1][4:].expandtabs(8).index("y") == printed[2][4:].expandtabs(8).index("^")


def test_non_ascii_letters_before_the_text_take_one_column_each():
    line = 'title = "été, μ and ∑ $\\\\input$"'
    col = line.index("\\\\input") + 1
    at, n = caret(report(line, col, width=7))
    assert line[at : at + n] == "\\\\input"


def display_columns(text: str) -> int:
    """How many terminal columns `text` takes: wide (East Asian) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_caret_lines_up_after_wide_characters():
    line = 'title = "批量归一化 $\\\\input$"'
    col = line.index("$") + 1
    printed = report(line, col)
    pad = printed[2][4:].rstrip("^")
    assert display_columns(pad) == display_columns(line[: col - 1])


def test_caret_under_a_wide_character_is_two_columns_wide():
    line = 'title = "批量"'
    printed = report(line, line.index("批") + 1, width=2)
    assert printed[2] == "    " + " " * line.index("批") + "^" * 4


def test_long_lines_show_a_window_around_the_column():
    line = "".join(chr(ord("a") + n % 26) for n in range(1000))
    col = 500
    printed = report(line, col, width=5)
    shown = printed[1][4:]
    assert len(shown) == 160
    assert shown in line
    at, n = caret(printed)
    assert n == 5
    assert shown[at : at + n] == line[col - 1 : col - 1 + n]
    assert printed[0].startswith("d.toml:7:500: error:")  # the head keeps the real column


def test_long_lines_near_their_start_show_their_start():
    line = "x" * 9 + "!" + "y" * 400
    printed = report(line, 10, width=1000)
    shown = printed[1][4:]
    assert line.startswith(shown)
    at, n = caret(printed)
    assert shown[at] == "!"
    assert at + n == len(shown)  # a wide error is cut at the end of the window


def test_lines_of_up_to_200_characters_are_shown_whole():
    line = "z" * 199 + "!"
    printed = report(line, 200)
    assert printed[1][4:] == line
    assert caret(printed) == (199, 1)


def test_internal_errors_are_not_bad_input():
    """symbn's own failure (exit 3) must not be caught as the user's bad input (exit 2)."""
    assert not issubclass(InternalError, InputError)
    assert not issubclass(InputError, InternalError)
