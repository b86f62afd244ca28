"""A derivation as plain frozen values, whatever it was read from (`symbn.source`).

Every string keeps where it was written (`Text`), so that a later stage can point into the file:
expressions stay text until `symbn.language.parse` reads them, and prose until an emitter checks
and escapes it. A `Snippet` maps the positions `ast` gives in an expression back to the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from symbn.errors import Location


@dataclass(frozen=True)
class Text:
    """A string value from the file and where its first character stands; `spot`, when the
    value was read from a key, maps any character of it to its place in the file."""

    value: str
    where: Location
    spot: Callable[[int], Location] | None = field(default=None, compare=False, repr=False)

    def locate(self, offset: int) -> Location:
        """Where character `offset` of the value is written (past the end: after it)."""
        if self.spot is not None:
            return self.spot(offset)
        return self.where.shifted(offset)


@dataclass(frozen=True)
class Size:
    """A symbolic size, a positive integer at least `minimum`, and what it counts."""

    name: str
    description: Text
    where: Location
    minimum: int = 1


@dataclass(frozen=True)
class Letter:
    """An index letter that ranges over 1..`size` (the name of a size)."""

    name: str
    size: str
    where: Location


@dataclass(frozen=True)
class Input:
    """A leaf tensor: `shape` lists size names; an empty shape is a scalar. `simplex`, when
    set, is the size of the axis along which its entries are nonnegative and sum to one;
    `range`, when set, makes it a label: whole numbers in 1..range (a size), used as indices."""

    name: str
    shape: tuple[str, ...]
    positive: bool
    latex: Text | None
    where: Location
    description: Text | None = None
    simplex: str | None = None
    range: str | None = None


@dataclass(frozen=True)
class Define:
    """`name[index] = expr`, in file order; may use inputs and earlier definitions."""

    name: str
    index: tuple[str, ...]
    expr: Text
    latex: Text | None
    where: Location
    description: Text | None = None
    #: Where the name itself is written (its value in a derivation file), when not `where`.
    name_at: Location | None = None


@dataclass(frozen=True)
class Claim:
    """`lhs = rhs` for all sizes, indices and inputs; without rhs the closed form is derived."""

    name: str
    title: Text
    lhs: Text
    rhs: Text | None
    steps: bool
    where: Location
    description: Text | None = None


@dataclass(frozen=True)
class Layer:
    """Optional: how the derivation reads as a layer (output, upstream gradient, gradients)."""

    output: str
    upstream: str
    gradients: tuple[tuple[str, str], ...]  # (input name, claim name)
    where: Location
    #: where each entry of `gradients` is written (its claim name), in the same order
    gradient_at: tuple[Location, ...] = ()


@dataclass(frozen=True)
class Spec:
    path: str
    title: Text
    description: Text
    sizes: tuple[Size, ...]
    indices: tuple[Letter, ...]
    inputs: tuple[Input, ...]
    defines: tuple[Define, ...]
    claims: tuple[Claim, ...]
    layer: Layer | None
    #: "zero": an element read off its axis is a zero of padding; "valid": no definition
    #: reads below an axis, and the exported forward chooses output sizes that read past none
    padding: str = "zero"


def plain(text: Text | None) -> str:
    """The string of an optional piece of text ("" when it is not written)."""
    return "" if text is None else text.value


class Snippet:
    """An expression's text as handed to `ast` (a multi-line value without its surrounding
    blank space), and the way back from `ast`'s (line, column) to the place in the file."""

    def __init__(self, text: Text):
        self.text = text
        value = text.value
        self.code = value.strip() if "\n" in value else value
        lead = value[: len(value) - len(value.lstrip())] if "\n" in value else ""
        self.skip_lines = lead.count("\n")  # lines of the value before the code's first
        self.skip_cols = len(lead) - (lead.rfind("\n") + 1)  # columns before it on that line
        self.lines = value.split("\n")
        self.code_lines = self.code.split("\n")

    def at(self, lineno: int, col: int) -> Location:
        """The file location of 1-based line `lineno`, 0-based character column `col`
        (through the TOML string's escapes and line-ending backslashes when it has them)."""
        n = self.skip_lines + lineno - 1  # line of the value
        col += self.skip_cols if lineno == 1 else 0
        if self.text.spot is not None:
            return self.text.locate(sum(len(x) + 1 for x in self.lines[:n]) + col)
        w = self.text.where
        if n == 0:
            return w.shifted(col)
        source = self.lines[n] if n < len(self.lines) else ""
        return Location(w.path, w.line + n, col + 1, source)

    def node_at(self, lineno: int, byte_col: int) -> Location:
        """Like `at`, for `ast`'s columns, which count UTF-8 bytes."""
        line = self.code_lines[lineno - 1] if 0 < lineno <= len(self.code_lines) else ""
        col = len(line.encode("utf-8")[:byte_col].decode("utf-8", "replace"))
        return self.at(lineno, col)

    def width(self, lineno: int, start: int, end: int) -> int:
        """Characters between two byte columns of one line."""
        line = self.code_lines[lineno - 1] if 0 < lineno <= len(self.code_lines) else ""
        return len(line.encode("utf-8")[start:end].decode("utf-8", "replace"))
