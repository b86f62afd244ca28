"""The inferred context made loadable: an entry the context reader refuses (a name written
two incompatible ways, a one-hot encoding whose axis is ambiguous) is left out, with a
comment saying why, instead of leaving the whole document unread."""

from __future__ import annotations

from symbn.errors import InputError
from symbn.source.context import Context, read_context

#: How many entries may be left out before the inferred context is given up on.
MOST = 12


def loadable(path: str, text: str) -> tuple[Context, str]:
    """The context of the TOML `text` inferred for the document at `path`, and that text
    with each entry the reader refused commented out; InputError when an error is not at
    an entry (or too many are)."""
    lines = text.split("\n")
    for _ in range(MOST):
        try:
            return read_context(path, "\n".join(lines).encode("utf-8")), "\n".join(lines)
        except InputError as exc:
            n = exc.where.line - 1 if exc.where is not None else -1
            if not _entry(lines, n):
                raise
            lines[n] = f"# left out ({exc.message}): {lines[n]}"
    return read_context(path, "\n".join(lines).encode("utf-8")), "\n".join(lines)


def plain(name: str) -> bool:
    """A name a context file can hold as a bare key: ASCII letters, digits and _ (a
    document's `Ŷ` written as a Unicode letter is left out, its lines unchecked)."""
    return name.isascii() and name.isidentifier()


def _entry(lines: list[str], n: int) -> bool:
    """Whether line n is one `key = value` entry of a table, not a header or a comment."""
    if not 0 <= n < len(lines):
        return False
    line = lines[n].strip()
    return bool(line) and not line.startswith(("#", "[")) and " = " in line
