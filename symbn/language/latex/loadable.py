"""The inferred context made loadable: an entry the context reader refuses (a name written
two incompatible ways, a one-hot encoding whose axis is ambiguous) is left out, with a
comment saying why, instead of leaving the whole document unread."""

from __future__ import annotations

from collections.abc import Mapping

from symbn.errors import InputError
from symbn.source.context import Context, read_context

#: How many entries may be left out before the inferred context is given up on.
MOST = 12


def loadable(path: str, text: str, user: Mapping | None = None) -> tuple[Context, str]:
    """The context of the TOML `text` inferred for the document at `path`, and that text
    with each entry the reader refused commented out; InputError when an error is not at
    an entry (or too many are), or is at an entry of the `user`'s tables (a context the
    user wrote, completed from the document: their own entries are never left out)."""
    lines = text.split("\n")
    for _ in range(MOST):
        try:
            return read_context(path, "\n".join(lines).encode("utf-8")), "\n".join(lines)
        except InputError as exc:
            n = exc.where.line - 1 if exc.where is not None else -1
            if not _entry(lines, n) or _users(lines, n, user or {}):
                raise
            lines[n] = f"# left out ({exc.message}): {lines[n]}"
    return read_context(path, "\n".join(lines).encode("utf-8")), "\n".join(lines)


def plain(name: str) -> bool:
    """A name a context file can hold as a bare key: ASCII letters, digits and _ (a
    document's `Ŷ` written as a Unicode letter is left out, its lines unchecked)."""
    return name.isascii() and name.isidentifier()


def _users(lines: list[str], n: int, user: Mapping) -> bool:
    """Whether line n is an entry of a table the user wrote, under the same key."""
    header = next((x.strip() for x in reversed(lines[:n]) if x.strip().startswith("[")), "")
    table = user.get(header.strip("[]").strip(), {})
    return isinstance(table, Mapping) and lines[n].split(" = ")[0].strip() in table


def _entry(lines: list[str], n: int) -> bool:
    """Whether line n is one `key = value` entry of a table, not a header or a comment."""
    if not 0 <= n < len(lines):
        return False
    line = lines[n].strip()
    return bool(line) and not line.startswith(("#", "[")) and " = " in line
