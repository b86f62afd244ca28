"""One root error class, `SymbnError`, and beneath it what a command does with each kind:
bad input (`InputError`, exit status 2), symbn's own bug (`InternalError`, 3), and an export
symbn will not write (`RefusedError`, 1). An error may carry the place in the user's file where
things went wrong, and prints itself as `path:line:col: error: ...` with the line and a caret."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A 1-based line and column in a derivation file, with that line's text."""

    path: str
    line: int
    col: int
    source: str = ""

    def shifted(self, dcol: int) -> Location:
        """The same line, `dcol` columns further right."""
        return Location(self.path, self.line, self.col + dcol, self.source)


class SymbnError(Exception):
    """The root of symbn's errors: a message, and where in the user's file it applies."""

    label = "error"

    def __init__(self, message: str, where: Location | None = None, width: int = 1):
        super().__init__(message)
        self.message = message
        self.where = where
        self.width = max(1, width)

    def __str__(self) -> str:
        if self.where is None:
            return f"symbn: {self.label}: {self.message}"
        w = self.where
        head = f"{w.path}:{w.line}:{w.col}: {self.label}: {self.message}"
        line = w.source.rstrip("\r\n")
        if len(line) > 200:  # keep the caret readable on enormous lines
            start = max(0, w.col - 80)
            line = line[start : start + 160]
            caret_col = w.col - start
        else:
            caret_col = w.col
        pad = "".join(c if c == "\t" else " " * _columns(c) for c in line[: caret_col - 1])
        under = line[caret_col - 1 : caret_col - 1 + self.width]
        width = max(1, sum(_columns(c) for c in under))
        return f"{head}\n    {line}\n    {pad}{'^' * width}"


def _columns(c: str) -> int:
    """How many terminal columns a character takes: two for a wide (East Asian) one."""
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


class InputError(SymbnError):
    """Bad input: the message names the file, line and column and points at the text."""


class InternalError(SymbnError):
    """symbn itself is wrong: two independent checks disagree, or an invariant broke."""

    label = "internal error"


class RefusedError(SymbnError):
    """symbn will not write what it cannot stand behind (a layer whose gradient claim is
    refuted or unknown): the command fails with exit status 1, naming the claim."""
