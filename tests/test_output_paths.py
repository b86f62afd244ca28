"""Output paths through a real process (`-o`, `--report`, `generate`): every kind of file
symbn may be pointed at is created for real, and is still that kind of file afterwards."""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

import pytest
from test_cli import GOOD
from test_cli_process import DOC, SLOW, symbn


def kind(path: Path) -> str:
    mode = os.lstat(path).st_mode
    for name in ("LNK", "FIFO", "CHR", "DIR", "REG"):
        if getattr(stat, f"S_IS{name}")(mode):
            return name
    return "other"


def test_a_regular_file_is_replaced_atomically_and_keeps_its_mode(write_derivation, tmp_path):
    path = write_derivation(GOOD)
    out = tmp_path / "out.py"
    out.write_text("old\n")
    out.chmod(0o640)
    inode = out.stat().st_ino
    done = symbn("numpy", str(path), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "def define_m" in out.read_text()
    assert out.stat().st_ino != inode  # renamed over, not written in place
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_symlink_is_followed_and_its_target_written(write_derivation, tmp_path):
    path = write_derivation(GOOD)
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "module.py"
    real.write_text("old\n")
    link = tmp_path / "link.py"
    link.symlink_to(real)
    new_link = tmp_path / "new.py"
    new_link.symlink_to(tmp_path / "real" / "fresh.py")  # dangling, into a folder that exists
    for target in (link, new_link):
        done = symbn("numpy", str(path), "-o", str(target))
        assert done.returncode == 0, done.stderr
        assert kind(target) == "LNK"
    assert "def define_m" in real.read_text()
    assert kind(real) == "REG"
    assert "def define_m" in (tmp_path / "real" / "fresh.py").read_text()


def test_a_fifo_is_written_not_replaced(write_derivation, tmp_path):
    path = write_derivation(GOOD)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    done = symbn("numpy", str(path), "-o", str(fifo), timeout=120)
    reader.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert kind(fifo) == "FIFO"
    assert len(got) == 1
    assert b"def define_m" in got[0]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_character_device_is_written_not_replaced(write_derivation, tmp_path):
    path = write_derivation(GOOD)
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null
    for command in (["numpy", str(path), "-o"], ["latex", str(path), "-o"]):
        done = symbn(*command, str(null))
        assert done.returncode == 0, done.stderr
        assert kind(null) == "CHR"
    doc = tmp_path / "doc.md"
    doc.write_text(DOC)
    done = symbn("check", str(doc), "--report", str(tmp_path / "report.md"))
    assert done.returncode == 0, done.stderr
    null_md = tmp_path / "null.md"
    os.mknod(null_md, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    done = symbn("check", str(doc), "--report", str(null_md))
    assert done.returncode == 0, done.stderr
    assert kind(null_md) == "CHR"


def test_dev_stdout_is_standard_output(write_derivation):
    path = write_derivation(GOOD)
    before = os.lstat("/dev/stdout")
    done = symbn("numpy", str(path), "-o", "/dev/stdout")
    assert done.returncode == 0, done.stderr
    assert "def define_m" in done.stdout
    after = os.lstat("/dev/stdout")
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


@pytest.mark.parametrize("case", ["loop", "dangling", "directory", "missing"])
def test_paths_that_cannot_be_written_are_bad_input(case, write_derivation, tmp_path):
    path = write_derivation(GOOD)
    target = tmp_path / "out.py"
    if case == "loop":
        target.symlink_to(tmp_path / "other.py")
        (tmp_path / "other.py").symlink_to(target)
    elif case == "dangling":
        target.symlink_to(tmp_path / "no" / "such" / "out.py")
    elif case == "directory":
        target.mkdir()
    else:
        target = tmp_path / "no" / "out.py"
    for command in ("numpy", "latex"):
        done = symbn(command, str(path), "-o", str(target))
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith(f"symbn: error: cannot write {target}: "), done.stderr
        assert "internal error" not in done.stderr
    assert not (tmp_path / "no").exists()


def test_the_output_path_is_checked_before_any_work(write_derivation, tmp_path):
    path = write_derivation(SLOW)
    target = tmp_path / "folder"
    target.mkdir()
    start = time.monotonic()
    done = symbn("numpy", str(path), "-o", str(target), "--timeout", "60")
    assert done.returncode == 2, done.stderr
    assert "cannot write" in done.stderr
    assert time.monotonic() - start < 20  # not after proving the slow claim
    doc = tmp_path / "doc.md"
    doc.write_text(DOC)
    done = symbn("check", str(doc), "--report", str(target / "x" / "r.md"))
    assert done.returncode == 2
    assert done.stdout == ""  # nothing was checked


def test_generate_follows_links_and_refuses_a_file_as_its_folder(write_derivation, tmp_path):
    path = write_derivation(GOOD)
    out = tmp_path / "generated"
    out.mkdir()
    real = tmp_path / "kept.md"
    (out / "derivation.md").symlink_to(real)
    done = symbn("generate", str(path), "--out", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert kind(out / "derivation.md") == "LNK"
    assert "# Mean" in real.read_text()
    blocker = tmp_path / "a_file"
    blocker.write_text("")
    done = symbn("generate", str(path), "--out", str(blocker), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(f"symbn: error: cannot write {blocker}: Not a directory")
