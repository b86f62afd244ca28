"""Strict linting is part of the tests (the whole tree, generated code included), and so is
one format for the code people write (`ruff format`; generated/ is written by symbn)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "command",
    [("check", "."), ("format", "--check", "symbn", "tests", "benchmarks")],
    ids=["check", "format"],
)
def test_ruff_is_clean(command):
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    done = subprocess.run(
        [sys.executable, "-m", "ruff", *command[:1], "--no-cache", *command[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
