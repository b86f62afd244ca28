"""The programs outside Python that some tests run (pdflatex, lualatex, node with KaTeX and
MathJax): a test that needs one asks here, and is skipped when it is missing, except in CI.
`check_math` runs KaTeX and MathJax over the maths of a Markdown document (`markdown_math`).

CI (the environment variable CI is "true", as `.ci/run` and the usual CI services set it)
installs every one of them, so there a missing program is a broken setup and fails the test
instead of letting it pass as skipped.
"""

from __future__ import annotations

import json
import os
import re
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
        pytest.fail(
            f"{message}; CI=true, where every tool the tests use must be installed", pytrace=False
        )
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
    root = subprocess.run(
        [npm, "root", "-g"], capture_output=True, text=True, timeout=60, check=False
    ).stdout.strip()
    if not root or not all((Path(root) / m).is_dir() for m in RENDERERS):
        missing("KaTeX and MathJax", NPM)
    return Path(root)


CHECK_MATH = r"""
const katex = require('katex');
const {mathjax} = require('mathjax-full/js/mathjax.js');
const {TeX} = require('mathjax-full/js/input/tex.js');
const {liteAdaptor} = require('mathjax-full/js/adaptors/liteAdaptor.js');
const {RegisterHTMLHandler} = require('mathjax-full/js/handlers/html.js');
require('mathjax-full/js/input/tex/base/BaseConfiguration.js');
require('mathjax-full/js/input/tex/ams/AmsConfiguration.js');
RegisterHTMLHandler(liteAdaptor());
const tex = new TeX({packages: ['base', 'ams'], formatError: (jax, err) => { throw err; }});
const doc = mathjax.document('', {InputJax: tex});
const items = JSON.parse(require('fs').readFileSync(0, 'utf8'));
for (const [src, display] of items) {
  try {
    katex.renderToString(src, {displayMode: display, throwOnError: true, strict: 'error'});
  } catch (e) { console.error('KaTeX: ' + e.message + '\n' + src); process.exit(1); }
  try { doc.convert(src, {display: display}); }
  catch (e) { console.error('MathJax: ' + e.message + '\n' + src); process.exit(1); }
}
console.log('checked ' + items.length);
"""


def check_math(items: list[tuple[str, bool]]) -> subprocess.CompletedProcess:
    """Run KaTeX (strict) and MathJax (base and ams packages only) over the formulae, each
    (source, whether it is displayed); the process exits non-zero at the first that fails."""
    root = node_modules()
    return subprocess.run(
        ["node", "-e", CHECK_MATH],
        input=json.dumps(items),
        text=True,
        capture_output=True,
        env={**os.environ, "NODE_PATH": str(root)},
        timeout=300,
        check=False,
    )


def markdown_math(md: str) -> list[tuple[str, bool]]:
    """The maths of a Markdown document: its $$ displays, then its inline $...$."""
    display = re.findall(r"^\$\$\n(.*?)\n\$\$$", md, re.S | re.M)
    rest = re.sub(r"^\$\$\n.*?\n\$\$$", "", md, flags=re.S | re.M)
    inline = re.findall(r"(?<![\\$])\$([^$\n]+?)\$", rest)
    return [(m, True) for m in display] + [(m, False) for m in inline]


def python_module(name: str, install: str):
    """The Python package `name` imported (torch, jax), or `missing`: the `torch` and `jax`
    extras install them, and CI installs both (`.ci/run`)."""
    import importlib  # noqa: PLC0415 - only the tests that need a package import it

    try:
        return importlib.import_module(name)
    except ImportError:
        missing(f"the Python package {name}", install)
