"""Where symbn writes: every output path (`-o`, `--report`, the files of `generate`) is looked
at before any work is done, and written as the shell's `>` writes it.

- A regular file or a new path is written atomically: a temporary file in the same folder is
  renamed over it (an existing file keeps its mode), so an interrupted run never leaves half a
  file behind.
- A symbolic link is followed and its target written, the same way.
- A FIFO, a character or block device, and `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` are
  written in place, never replaced: the reader of the FIFO gets the text, `/dev/null` stays a
  device, `/dev/stdout` is symbn's own standard output.
- A symbolic link loop, a link into a folder that does not exist, a missing folder, a
  directory, an input of the same run: bad input, `symbn: error: cannot write PATH: reason`.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from symbn.errors import InputError

#: Paths that name one of symbn's own file descriptors.
_DESCRIPTOR = re.compile(r"/(?:dev/fd|proc/self/fd)/(\d+)")
_STANDARD = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}


@dataclass(frozen=True)
class Target:
    """An output path checked: `real` is where the bytes go (every link followed); `fd` an
    open descriptor to write to, `direct` a file to write in place rather than replace."""

    path: str
    real: Path
    direct: bool = False
    fd: int | None = None


def target(path: str, inputs: list[str] = (), *, stdin: str = "-") -> Target:
    """Check that `path` can be written, before any work is done (`InputError` when not)."""
    fail = functools.partial(_cannot, path)
    fd = _descriptor(path)
    if fd is not None:
        try:
            mode = os.fstat(fd).st_mode
        except OSError:
            raise fail(f"file descriptor {fd} is not open") from None
        if stat.S_ISDIR(mode):
            raise fail("Is a directory")
        return Target(path, Path(path), direct=True, fd=fd)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:  # a symbolic link loop, a file standing where a folder should
        raise fail(exc.strerror or str(exc)) from None
    real = Path(os.path.realpath(path))
    if mode is None:  # a new file, or a link to one: its folder must exist
        if not real.parent.is_dir():
            link = f"a symbolic link to {os.readlink(path)}, " if os.path.islink(path) else ""
            raise fail(f"No such file or directory ({link}the folder {real.parent} does not exist)")
        _writable(real.parent, fail)
        return Target(path, real)
    if stat.S_ISDIR(mode):
        raise fail("Is a directory")
    for inp in inputs:
        if inp != stdin and os.path.exists(inp) and os.path.samefile(path, inp):
            raise fail(f"it is the input {inp}; choose another output path")
    if not stat.S_ISREG(mode):
        if stat.S_ISSOCK(mode):
            raise fail("it is a socket")
        return Target(path, Path(path), direct=True)
    if not os.access(real, os.W_OK):
        raise fail("Permission denied")
    _writable(real.parent, fail)
    return Target(path, real)


def folder(path: str, *, make: bool = False) -> Path:
    """Check that files can be written into the folder `path` (it is a folder, or it can be
    made); with `make`, make it (`InputError` when not)."""
    fail = functools.partial(_cannot, path)
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise fail(exc.strerror or str(exc)) from None
    if mode is not None and not stat.S_ISDIR(mode):
        raise fail("Not a directory")
    if mode is None:
        above = next(q for q in p.absolute().parents if os.path.lexists(q))
        if not above.is_dir():
            raise fail(f"Not a directory ({above})")
        _writable(above, fail)
        if make:
            try:
                p.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise fail(exc.strerror or str(exc)) from None
    else:
        _writable(p, fail)
    return p


def write(out: Target, data: bytes) -> None:
    """Write `data` where `out` says (`InputError` when the system refuses)."""
    try:
        if out.fd is not None:
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
            _write_all(out.fd, data)
        elif out.direct:
            fd = os.open(out.real, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0))
            try:
                _write_all(fd, data)
            finally:
                os.close(fd)
        else:
            replace(out.real, data)
    except OSError as exc:
        raise InputError(f"cannot write {out.path}: {exc.strerror or exc}") from None


def replace(path: Path, data: bytes) -> None:
    """Write `data` to the regular file (or new path) `path` through a temporary file in its
    folder and a rename; an existing file keeps its mode (OSError when it cannot)."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.chmod(tmp, mode)  # mkstemp makes it private; give it the usual mode
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cannot(path: str, reason: str) -> InputError:
    return InputError(f"cannot write {path}: {reason}")


def _descriptor(path: str) -> int | None:
    if path in _STANDARD:
        return _STANDARD[path]
    m = _DESCRIPTOR.fullmatch(path)
    return int(m.group(1)) if m else None


def _writable(folder: Path, fail) -> None:
    if not os.access(folder, os.W_OK | os.X_OK):
        raise fail(f"{os.strerror(errno.EACCES)} (the folder {folder})")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
