"""Where the text of a display stands in its Markdown file, and the located notes about it.

Every layer below the Markdown splitter works on offsets into one display's text (a `Span`
is a half-open range of them); `Origin` turns an offset back into a 1-based line and column
of the file (columns in characters), so that every error and warning names the place the
author wrote. `TexError` is raised with offsets by the tokenizer and the parser and located
by `Origin.error`, which gives the project's one error class, `SymbnError`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Literal

from symbn.errors import InputError, Location, SymbnError


@dataclass(frozen=True, order=True)
class Span:
    """Characters `start` to `end` (half-open) of a display's text."""

    start: int
    end: int

    def cover(self, other: Span) -> Span:
        """The smallest span holding both."""
        return Span(min(self.start, other.start), max(self.end, other.end))


class SpanError(Exception):
    """A problem at `span` of a display's text."""

    def __init__(self, message: str, span: Span):
        super().__init__(message)
        self.message = message
        self.span = span


class TexError(SpanError):
    """Bad or unreadable maths at `span` of a display's text; located by `Origin.error`."""


class TexInputError(SpanError):
    """Maths that is bad input, not merely unreadable (a concrete index past the limit): the
    document is refused at `span` of the display's text, where a `TexError` leaves one line
    unchecked. Located by `Origin.input_error`."""


@dataclass(frozen=True)
class Origin:
    """The map from offsets in a display's text to the file: the text's line `n` starts at
    offset `starts[n]`, which is written at file line `lines[n]`, column `cols[n]`."""

    path: str
    starts: tuple[int, ...]
    lines: tuple[int, ...]
    cols: tuple[int, ...]
    file_lines: tuple[str, ...]  # the whole file, split at line ends, for carets

    def locate(self, offset: int) -> tuple[int, int]:
        """(line, col) in the file of character `offset` of the text, 1-based."""
        n = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.lines[n], self.cols[n] + offset - self.starts[n]

    def where(self, offset: int) -> Location:
        """A `Location` (with the file line's text) of character `offset`."""
        line, col = self.locate(offset)
        source = self.file_lines[line - 1] if 0 < line <= len(self.file_lines) else ""
        return Location(self.path, line, col, source)

    def width(self, span: Span) -> int:
        """How many characters of the span's first file line the span covers (at least 1)."""
        line, col = self.locate(span.start)
        end_line, end_col = self.locate(max(span.start, span.end - 1))
        if end_line != line:
            return max(1, len(self.file_lines[line - 1]) - col + 1)
        return max(1, end_col - col + 1)

    def error(self, exc: TexError) -> SymbnError:
        """The located form of an offset-based error."""
        return SymbnError(exc.message, self.where(exc.span.start), self.width(exc.span))

    def input_error(self, exc: TexInputError) -> InputError:
        """The located form of maths that is bad input."""
        return InputError(exc.message, self.where(exc.span.start), self.width(exc.span))


Severity = Literal["error", "warning", "unchecked"]


@dataclass(frozen=True)
class Note:
    """A located finding of the reader: an error (the maths cannot be read), a warning (a
    lint), or a reason a line is left unchecked. `code` names the kind, for tests and tools."""

    severity: Severity
    code: str
    message: str
    where: Location
    width: int = 1

    def __str__(self) -> str:
        w = self.where
        return f"{w.path}:{w.line}:{w.col}: {self.severity}: {self.message}"


def note(origin: Origin, severity: Severity, code: str, message: str, span: Span) -> Note:
    """A `Note` at `span` of a display's text."""
    return Note(severity, code, message, origin.where(span.start), origin.width(span))
