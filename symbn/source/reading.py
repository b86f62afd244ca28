"""Reading what a user hands symbn: at most `MAX_BYTES` of it, and only UTF-8 text.

A derivation file, a context or a document larger than `MAX_BYTES` is bad input, so a file
that never ends (`/dev/zero`, `/dev/urandom`, a pipe that is never closed after it has
said too much) is refused as soon as the cap is passed, with the memory it takes bounded by
the cap. Text that is not UTF-8, or that holds a NUL byte (a binary file), is bad input at
the line and column of the first byte that is wrong.
"""

from __future__ import annotations

from typing import BinaryIO

from symbn.errors import InputError, Location

#: The largest input symbn reads: 10 MB (a derivation or a document is a few kilobytes).
MAX_BYTES = 10 * 1024 * 1024
_CHUNK = 1 << 16


def read_path(path: str, shown: str | None = None) -> bytes:
    """The bytes of the file `path` (`InputError` when it cannot be read or is too large)."""
    try:
        with open(path, "rb") as f:
            return read_stream(f, shown or path)
    except OSError as exc:
        raise InputError(f"cannot read {shown or path}: {exc.strerror or exc}") from None


def read_stream(stream: BinaryIO, shown: str) -> bytes:
    """The bytes of an open stream, read to its end but never past `MAX_BYTES`."""
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_BYTES:
        chunk = stream.read(min(_CHUNK, MAX_BYTES + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise InputError(
        f"{shown} is larger than {MAX_BYTES // (1024 * 1024)} MB ({MAX_BYTES} "
        "bytes), the most symbn reads of one input"
    )


def decode(path: str, data: bytes) -> str:
    """The text of UTF-8 `data` (`InputError` at the first byte that is not text)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _at(
            path, data, exc.start, f"the file is not UTF-8 (byte 0x{data[exc.start]:02x})"
        ) from None
    nul = data.find(b"\0")
    if nul >= 0:
        raise _at(path, data, nul, "the file holds a NUL byte (0x00): it is binary, not text")
    return text


def _at(path: str, data: bytes, offset: int, message: str) -> InputError:
    """An error at byte `offset` of `data`: its line, and its column counted in characters."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    start = before.rfind(b"\n") + 1
    end = data.find(b"\n", offset)
    shown = data[start : end if end >= 0 else len(data)]
    return InputError(message, Location(path, line, col, shown.decode("utf-8", "replace")))
