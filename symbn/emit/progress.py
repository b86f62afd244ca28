"""What a long run is doing, while it does it: one status line on a terminal.

`symbn verify` prints each claim's line on standard output as soon as the claim is decided
(the bytes are those of a whole file printed at once, so output to a pipe or a file is the
same). When standard error is a terminal, a status line there says what is being worked on
(the claim being proved, the document being checked, the derivation being generated),
rewritten in place and cleared when done; to a pipe or a file nothing is written.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO


class Status:
    """One line on a terminal, rewritten in place; nothing when `stream` is not a terminal."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.on = self.stream.isatty()
        self.shown = False

    def show(self, text: str) -> None:
        if self.on:
            try:
                columns = os.get_terminal_size(self.stream.fileno()).columns
            except (OSError, ValueError):
                columns = 0
            width = (columns if columns >= 20 else 80) - 1  # a terminal of unknown size
            if len(text) > width:  # keep the end: what is being worked on
                text = "…" + text[len(text) - width + 1 :]
            self.stream.write(f"\r\x1b[K{text}")
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        if self.on and self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
