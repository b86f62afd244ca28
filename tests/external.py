"""The programs outside Python that some tests run (pdflatex, lualatex, node with KaTeX and
MathJax): a test that needs one asks here, and is skipped when it is missing, except in CI.

CI (the environment variable CI is "true", as `.ci/run` and the usual CI services set it)
installs every one of them, so there a missing program is a broken setup and fails the test
instead of letting it pass as skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest

TEX = "Debian: apt-get install texlive-latex-base texlive-luatex"
RENDERERS = ("katex", "mathjax-full")
NPM = "npm install -g katex@0.16.22 mathjax-full@3.2.2"


def in_ci() -> bool:
    """Whether the tests run in CI: the environment variable CI is exactly "true"."""
    return os.environ.get("CI") == "true"


def missing(what: str, install: str) -> NoReturn:
    """End a test that cannot run without `what`: a failure in CI, a skip elsewhere."""
    message = f"{what} is not installed ({install})"
    if in_ci():
        pytest.fail(f"{message}; CI=true, where every tool the tests use must be installed",
                    pytrace=False)
    pytest.skip(message)


def program(name: str, install: str = TEX) -> str:
    """The path of the program `name` on PATH, or `missing`."""
    found = shutil.which(name)
    if found is None:
        missing(name, install)
    return found


def node_modules() -> Path:
    """npm's global folder holding KaTeX and MathJax (for NODE_PATH), or `missing`."""
    program("node", "Debian: apt-get install nodejs npm")
    npm = program("npm", "Debian: apt-get install nodejs npm")
    root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, timeout=60,
                          check=False).stdout.strip()
    if not root or not all((Path(root) / m).is_dir() for m in RENDERERS):
        missing("KaTeX and MathJax", NPM)
    return Path(root)
