"""The atomic write of a regular file (`symbn.emit.outpath.replace`): the bytes with the usual
mode, and either the old file or the new one left behind, never a half-written file or a
temporary, whatever fails (failures simulated with monkeypatch). Where the other kinds of
output path go is tested through the command in tests/test_output_paths.py."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from symbn.emit import outpath


def temporaries(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*"))


def test_replace_writes_the_bytes_with_the_usual_mode(tmp_path):
    target = tmp_path / "new" / "folder" / "a.py"
    target.parent.mkdir(parents=True)
    mask = os.umask(0o022)
    try:
        outpath.replace(target, b"first\n")
        assert target.read_bytes() == b"first\n"
        assert stat.S_IMODE(target.stat().st_mode) == 0o644  # not mkstemp's private 0o600
        outpath.replace(target, b"second\n")
    finally:
        os.umask(mask)
    assert target.read_bytes() == b"second\n"
    assert temporaries(target.parent) == []


class Interrupted(BaseException):
    """Stands for KeyboardInterrupt or SystemExit arriving in the middle of a write."""


def fail_fsync(_fd):
    raise OSError("disk full")


def fail_replace(_src, _dst):
    raise OSError("read-only file system")


def interrupt_replace(_src, _dst):
    raise Interrupted


@pytest.mark.parametrize(
    ("name", "failure", "error"),
    [
        ("fsync", fail_fsync, OSError),
        ("replace", fail_replace, OSError),
        ("replace", interrupt_replace, Interrupted),
    ],
    ids=["fsync_fails", "rename_fails", "interrupted_before_rename"],
)
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path, monkeypatch, name, failure, error
):
    target = tmp_path / "a.py"
    target.write_bytes(b"old\n")
    (tmp_path / "b.py").write_bytes(b"neighbour\n")
    made = []
    real_mkstemp = outpath.tempfile.mkstemp

    def recorded(*args, **kwargs):
        fd, tmp = real_mkstemp(*args, **kwargs)
        made.append(Path(tmp))
        return fd, tmp

    monkeypatch.setattr(outpath.tempfile, "mkstemp", recorded)
    monkeypatch.setattr(outpath.os, name, failure)
    with pytest.raises(error):
        outpath.replace(target, b"new contents\n")
    monkeypatch.undo()
    assert len(made) == 1  # the data went to a temporary file beside the target first
    assert made[0].parent == tmp_path
    assert made[0] != target
    assert not made[0].exists()
    assert target.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.py", "b.py"]
