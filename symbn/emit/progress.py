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
from typing import Protocol, TextIO

from symbn.emit import verdicts
from symbn.language.model import Model
from symbn.verify.verdicts import Result


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


class Derivation(Protocol):
    """What `Claims` reads of a derivation (`symbn.api.Derivation` has it)."""

    path: str
    title: str
    model: Model


class Claims:
    """`symbn verify`'s text claim by claim, as each is decided (the `each` of
    `symbn.api.verify_files`): the file's title line and, before each claim is proved, what
    is being proved on the terminal's status line; after, the claim's lines."""

    def __init__(self, status: Status):
        self.status = status

    def __call__(self, d: Derivation, n: int, claim: str, result: Result | None) -> None:
        if result is None:
            if n == 1:
                print(f"{d.path}: {d.title}", flush=True)
            self.status.show(f"{d.path}: proving {claim} ({n}/{len(d.model.claims)})")
            return
        self.status.clear()
        print("\n".join(verdicts.claim_lines(result, d.model)), flush=True)
