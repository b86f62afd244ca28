"""Progress on long runs, through a real process whose standard error is a terminal (a
pty): a status line names what is being worked on, and standard output (a pipe) holds the
same bytes as when standard error is not a terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import time

from test_cli import BAD_CLAIM, GOOD
from test_cli_process import DOC, ROOT, SLOW, symbn


def with_terminal(*args: str, cwd=ROOT, seconds: float = 300) -> tuple[int, str, str]:
    """(exit status, standard output, what the terminal on standard error received)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 400, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "symbn", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    os.close(slave)
    got = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal's last writer is gone
            break
        if not chunk:
            break
        got += chunk
    os.close(master)
    out = proc.stdout.read().decode()
    return proc.wait(timeout=30), out, got.decode(errors="replace")


def steady(text: str) -> str:
    """The text without its timings."""
    return re.sub(r"\d+\.\d+ s", "T s", text)


def test_verify_shows_the_claim_it_is_proving(write_derivation):
    path = write_derivation(GOOD + BAD_CLAIM)
    code, out, terminal = with_terminal("verify", str(path))
    piped = symbn("verify", str(path))
    assert code == piped.returncode == 1
    assert steady(out) == steady(piped.stdout)  # the same bytes on the pipe
    assert piped.stderr == ""  # no status line when standard error is not a terminal
    for name in ("dm", "dm_derived", "wrong"):
        assert f"{path}: proving {name} (" in terminal
    assert terminal.endswith("\r\x1b[K")  # the status line is cleared


def test_verify_prints_each_claim_as_soon_as_it_is_decided(write_derivation):
    """The first claim's line is on standard output while the slow claim is still being
    proved."""
    path = write_derivation(SLOW)
    proc = subprocess.Popen(
        [sys.executable, "-m", "symbn", "verify", str(path), "--timeout", "60"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        first = [proc.stdout.readline().decode() for _ in range(2)]
        assert first[0].startswith(f"{path}: Mean")
        assert first[1].split()[::3] == ["proved", "dm"]
        assert proc.poll() is None  # still proving the slow claim
    finally:
        proc.kill()
        proc.wait()


def test_check_and_generate_show_what_they_work_on(write_derivation, tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text(DOC)
    code, out, terminal = with_terminal("check", str(doc))
    assert code == 0
    assert f"{doc}: checking" in terminal
    assert steady(out) == steady(symbn("check", str(doc)).stdout)
    path = write_derivation(GOOD)
    code, out, terminal = with_terminal("generate", str(path), "--out", str(tmp_path / "gen"))
    assert code == 0, terminal
    assert f"{path}: proving and rendering" in terminal
    assert out == "".join(
        f"wrote {tmp_path / 'gen' / 'derivation'}{s}\n" for s in (".tex", ".md", ".py")
    )


def test_verify_with_jobs_shows_the_file_it_awaits(write_derivation):
    """With -j the claims are proved in other processes: the status line names the file
    awaited, and standard output holds the bytes of -j 1."""
    first = write_derivation(GOOD, "first.toml")
    second = write_derivation(GOOD + BAD_CLAIM, "second.toml")
    code, out, terminal = with_terminal("verify", "-j", "2", str(first), str(second))
    piped = symbn("verify", str(first), str(second))
    assert code == piped.returncode == 1
    assert steady(out) == steady(piped.stdout)
    assert f"verifying {first} (1/2, -j 2)" in terminal
    assert f"verifying {second} (2/2, -j 2)" in terminal
    assert terminal.endswith("\r\x1b[K")
    piped_jobs = symbn("verify", "-j", "2", str(first), str(second))
    assert piped_jobs.stderr == ""  # nothing when standard error is not a terminal
