"""Where each value of a TOML derivation file sits in it.

`tomllib` gives values but no positions, so `SourceMap` re-scans the text line by line and
records the line and column of every `key = value` under its table (and array-of-tables
entry), which is all an error message needs to point at the offending text. `SourceMap.char`
maps a character of a parsed string value back to the file, following TOML's escapes.
"""

from __future__ import annotations

import bisect
import functools
import re
import tomllib

from symbn.errors import InputError, Location
from symbn.source import reading
from symbn.source.spec import Text

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=\s*")
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_QUOTES = ('"""', "'''", '"', "'")
_BLANK = " \t\r\n"
#: How many characters of the file an escape of a basic string takes, by its letter; else 2.
_ESCAPE_LENGTH = {"u": 6, "U": 10}


class SourceMap:
    """Positions of tables and keys in one TOML file."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self.lines = text.split("\n")
        self._starts = [0]  # the index in `text` where each line begins
        for line in self.lines[:-1]:
            self._starts.append(self._starts[-1] + len(line) + 1)
        self._tables: dict[tuple[str, int], int] = {}
        self._keys: dict[tuple[str, int, str], tuple[int, int, int]] = {}
        self._scan()

    def _scan(self) -> None:
        counts: dict[str, int] = {}
        table, entry = "", 0
        in_multiline: str | None = None
        for number, line in enumerate(self.lines, start=1):
            if in_multiline is not None:
                if in_multiline in line:
                    in_multiline = None
                continue
            header = _HEADER.match(line)
            if header:
                table = header.group(2).strip()
                entry = counts.get(table, 0)
                if header.group(1) == "[[":
                    counts[table] = entry + 1
                self._tables.setdefault((table, entry), number)
                continue
            key = _KEY.match(line)
            if key:
                name = key.group(1).strip('"')
                place = (number, key.start(1) + 1, key.end() + 1)
                self._keys.setdefault((table, entry, name), place)
                rest = line[key.end() :]
                for quote in ('"""', "'''"):
                    if rest.startswith(quote) and rest.count(quote) == 1:
                        in_multiline = quote

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def at(self, line: int, col: int) -> Location:
        return Location(self.path, line, col, self.line_text(line))

    def table(self, table: str, entry: int = 0) -> Location:
        """Where a table (or the `entry`-th array-of-tables element) begins; else line 1."""
        line = self._tables.get((table, entry), 1)
        return self.at(line, 1)

    def key(self, table: str, entry: int, key: str) -> Location:
        """Where `key` is written in a table; the table header when it is not written."""
        found = self._keys.get((table, entry, key))
        if found is None:
            return self.table(table, entry)
        return self.at(found[0], found[1])

    def value_at(self, table: str, entry: int, key: str) -> Location:
        """Where the value of `key` begins; the table header when the key is not written."""
        found = self._keys.get((table, entry, key))
        if found is None:
            return self.table(table, entry)
        return self.at(found[0], found[2])

    def find(self, where: Location, needle: str) -> Location:
        """`where` moved right to the first `needle` at or after it on its line (if any)."""
        n = where.source.find(needle, where.col - 1)
        return where if n < 0 else where.shifted(n - where.col + 1)

    def inner_key(self, table: str, entry: int, key: str, inner: str) -> Location:
        """Where `inner` is written inside the inline table `key = { ... }`; else where `key` is."""
        outer = self.key(table, entry, key)
        found = self._keys.get((table, entry, key))
        if found is None:
            return outer
        _, kcol, vcol = found  # search the value only: the key itself may be called `inner`
        m = re.search(rf"\b{re.escape(inner)}\s*=", outer.source[vcol - 1 :])
        return outer.shifted(vcol - kcol + m.start()) if m else outer

    def value(self, table: str, entry: int, key: str, value: str) -> Text:
        """The string `value` of `key`, located at its first character when it is on one line."""
        found = self._keys.get((table, entry, key))
        if found is None:
            return Text(value, self.table(table, entry))
        line, _, vcol = found
        spot = functools.partial(self.char, table, entry, key)
        source = self.line_text(line)
        rest = source[vcol - 1 :]
        for quote in ('"""', "'''", '"', "'"):
            if rest.startswith(quote):
                if quote in ('"""', "'''") and rest.rstrip() == quote:
                    nxt = line + 1  # the string starts on the following line
                    return Text(value, self.at(nxt, 1), spot)
                return Text(value, self.at(line, vcol + len(quote)), spot)
        return Text(value, self.at(line, vcol))

    def char(self, table: str, entry: int, key: str, offset: int) -> Location:
        """Where character `offset` of the string value of `key` is written (just after the last
        character when `offset` is the value's length), through the escapes of a basic string;
        the table header when the key is not written."""
        found = self._keys.get((table, entry, key))
        if found is None:
            return self.table(table, entry)
        line, _, vcol = found
        start = self._starts[line - 1] + vcol - 1
        quote = next((q for q in _QUOTES if self.text.startswith(q, start)), None)
        if quote is None:
            return self.at(line, vcol)
        return self._position(_raw_index(self.text, start + len(quote), quote, offset))

    def left_open(self) -> tuple[int, int]:
        """(line, col) of the value that the end of the file leaves open (an array or a string):
        the value of the last key, when the file parses up to that key's line but not up to the
        end of it; else just after the last character of the file."""
        line, _, vcol = max(self._keys.values(), default=(0, 0, 0))
        if (
            line > max(self._tables.values(), default=0)
            and self._parses(line - 1)
            and (not self._parses(line))
        ):
            return line, vcol
        text = self.text.rstrip()
        return text.count("\n") + 1, len(text) - text.rfind("\n")

    def _parses(self, lines: int) -> bool:
        """Whether the first `lines` lines are a TOML document."""
        try:
            tomllib.loads("\n".join(self.lines[:lines]))
        except tomllib.TOMLDecodeError:
            return False
        return True

    def _position(self, n: int) -> Location:
        """The location of index `n` of the text."""
        line = bisect.bisect_right(self._starts, n)
        return self.at(line, n - self._starts[line - 1] + 1)


def _raw_index(text: str, n: int, quote: str, count: int) -> int:
    r"""The index in `text` of character `count` of the value of the TOML string whose body
    starts at `n` after its opening `quote`.

    A multi-line string drops a newline right after its quotes and reads CRLF as one newline.
    A basic string ("...") writes \b \t \n \f \r \" \\ in two characters, \uXXXX in six
    and \UXXXXXXXX in ten; in a multi-line one a backslash at the end of a line drops the
    newline and the blank space after it. A literal string ('...') has no escapes.
    """
    multi, basic = len(quote) == 3, quote[0] == '"'
    if multi:
        n += 2 if text.startswith("\r\n", n) else 1 if text.startswith("\n", n) else 0
    while n < len(text):
        escape = text[n + 1 : n + 2] if basic and text[n] == "\\" else ""
        if multi and escape and escape in _BLANK:  # a line-ending backslash
            n += 1
            while n < len(text) and text[n] in _BLANK:
                n += 1
            continue
        if count <= 0:
            break
        count -= 1
        if escape:
            n += _ESCAPE_LENGTH.get(escape, 2)
        else:
            n += 2 if text.startswith("\r\n", n) else 1
    return min(n, len(text))


#: How deeply arrays and inline tables may nest (tomllib recurses on each level).
MAX_NESTING = 64
_TOKEN = re.compile(
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"?|'
    r"'[^'\n]*'?|#[^\n]*|[\[\]{}\n]",
    re.S,
)


def _too_deep(text: str) -> tuple[int, int] | None:
    """(line, col) of the bracket that opens level MAX_NESTING + 1, outside strings and
    comments; None when the nesting stays within it."""
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return None
    depth, line, start = 0, 1, 0
    for m in _TOKEN.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return line, m.start() - start + 1
        elif token in "]}":
            depth = max(0, depth - 1)
        elif "\n" in token:
            line += token.count("\n")
            start = m.start() + token.rfind("\n") + 1
    return None


def read_toml(path: str, data: bytes) -> tuple[dict, SourceMap]:
    """Decode and parse a derivation file, turning every failure into a located InputError."""
    if not data.strip():
        raise InputError(
            "the file is empty; a derivation needs [derivation] and [[claim]] tables",
            Location(path, 1, 1, ""),
        )
    text = reading.decode(path, data)
    smap = SourceMap(path, text)
    deep = _too_deep(text)
    if deep is not None:
        raise InputError(
            f"arrays and inline tables nested more than {MAX_NESTING} levels deep", smap.at(*deep)
        )
    try:
        doc = tomllib.loads(text)
    except RecursionError:  # not reached below MAX_NESTING, but never an internal error
        raise InputError("the TOML is nested too deeply", smap.at(1, 1)) from None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_POS.search(msg)
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        if "at end of document" in msg:  # an array or a string that the file leaves open
            line, col = smap.left_open()
        msg = _TOML_POS.sub("", msg).strip()
        if msg.startswith(("Cannot overwrite", "Cannot declare")):  # point at the repeated key
            text_line = smap.line_text(line)
            col = len(text_line) - len(text_line.lstrip()) + 1
            msg += " (a key or table is written twice)"
        raise InputError(f"malformed TOML: {msg}", smap.at(line, col)) from None
    return doc, smap
