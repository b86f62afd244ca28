"""`symbn check --report OUT.html` through a real process on a machine without Node.js: the
maths is written as MathML, the verdicts' marks coloured, the front matter left out."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from verify.test_document import FRONT, STEPS

ROOT = Path(__file__).resolve().parent.parent


def without_node() -> str:
    """PATH with every folder that holds node or npm taken out."""
    kept = [
        d
        for d in os.environ.get("PATH", "").split(os.pathsep)
        if d and not any(shutil.which(p, path=d) for p in ("node", "nodejs", "npm"))
    ]
    return os.pathsep.join(kept)


def test_the_html_report_needs_no_node(tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text(FRONT + STEPS, encoding="utf-8")
    out = tmp_path / "doc.html"
    env = {k: v for k, v in os.environ.items() if k != "NODE_PATH"}
    env |= {"PATH": without_node(), "PYTHONPATH": str(ROOT)}
    assert shutil.which("node", path=env["PATH"]) is None
    done = subprocess.run(
        [sys.executable, "-m", "symbn", "check", str(doc), "--report", str(out)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # a step is refuted; the report is written
    assert done.stderr == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in page
    assert "katex-mathml" not in page
    refuted = re.search(
        r'<li><span class="symbn-mark" style="color:(#\w+)">✗</span> line '
        r"\d+:\d+ <strong>refuted</strong>",
        page,
    )
    proved = re.search(r'<li><span class="symbn-mark" style="color:(#\w+)">✓</span>', page)
    assert refuted is not None
    assert proved is not None
    assert (refuted.group(1), proved.group(1)) == ("#cf222e", "#1a7f37")
    assert "[sizes]" not in page
