"""The report as one standalone HTML page, its maths typeset before it is written.

The Markdown of the report is rendered by markdown-it-py (raw HTML in the document is
escaped, never passed through); every formula is handed to KaTeX under Node.js
(`trust: false`, so no formula can make a link or run anything; a formula KaTeX cannot read
shows as its source in red). KaTeX's style sheet and its woff2 fonts are inlined, so the
page needs no network to be read. Without Node.js or the katex package the maths is written
as MathML (`mathml.py`), which browsers display natively. The mark of each verdict is
coloured (`symbn.emit.colours`).
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from symbn.emit.colours import MARK_COLOURS
from symbn.emit.report import mathml
from symbn.emit.templates import render
from symbn.errors import InternalError

RENDER = r"""
const katex = require('katex');
const items = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = items.map(([src, display]) => katex.renderToString(src,
    {displayMode: display, throwOnError: false, strict: 'ignore', trust: false}));
process.stdout.write(JSON.stringify(out));
"""
_FONT = re.compile(
    r"url\(fonts/([A-Za-z0-9_-]+)\.woff2\) format\(\"woff2\"\)"
    r"(?:,url\(fonts/[A-Za-z0-9_-]+\.woff\) format\(\"woff\"\))?"
    r"(?:,url\(fonts/[A-Za-z0-9_-]+\.ttf\) format\(\"truetype\"\))?"
)
_PLACE = re.compile(r"<symbn-math (\d+)>")
#: The mark that begins a verdict's list item (`markdown.item`), as markdown-it writes it.
_MARK = re.compile("<li>([" + "".join(MARK_COLOURS) + "]) line ")


def katex_root() -> Path | None:
    """The folder of the katex npm package (NODE_PATH, else npm's global folder), or None."""
    roots = [p for p in os.environ.get("NODE_PATH", "").split(os.pathsep) if p]
    npm = shutil.which("npm")
    if npm is not None:
        done = subprocess.run(
            [npm, "root", "-g"], capture_output=True, text=True, timeout=60, check=False
        )
        roots.append(done.stdout.strip())
    for root in roots:
        if root and (Path(root) / "katex" / "dist" / "katex.min.css").is_file():
            return Path(root)
    return None


def typeset(maths: list[tuple[str, bool]], node: str, root: Path) -> list[str]:
    """The HTML of each (formula, displayed) by KaTeX."""
    done = subprocess.run(
        [node, "-e", RENDER],
        input=json.dumps(maths),
        text=True,
        capture_output=True,
        timeout=300,
        check=False,
        env={**os.environ, "NODE_PATH": str(root)},
    )
    if done.returncode != 0:
        raise InternalError(f"KaTeX failed on the report: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def style(root: Path) -> str:
    """KaTeX's style sheet with its woff2 fonts inlined as data URLs."""
    dist = root / "katex" / "dist"

    def inline(m: re.Match) -> str:
        data = (dist / "fonts" / f"{m.group(1)}.woff2").read_bytes()
        return f'url(data:font/woff2;base64,{base64.b64encode(data).decode()}) format("woff2")'

    return _FONT.sub(inline, (dist / "katex.min.css").read_text(encoding="utf-8"))


def page(text: str, title: str) -> str:
    """The HTML page of the report's Markdown `text`."""
    maths: list[tuple[str, bool]] = []

    def hold(content: str, options: dict) -> str:
        maths.append((content, bool(options.get("display_mode"))))
        return f"<symbn-math {len(maths) - 1}>"

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.use(dollarmath_plugin, renderer=hold, allow_blank_lines=False)
    body = md.render(text)
    node = shutil.which("node")
    root = katex_root() if node is not None else None
    if node is None or root is None:
        done, css = [mathml.convert(src, display) for src, display in maths], ""
    else:
        done, css = typeset(maths, node, root), style(root)
    body = _PLACE.sub(lambda m: done[int(m.group(1))], body)
    body = _MARK.sub(
        lambda m: (
            f'<li><span class="symbn-mark" style="color:'
            f'{MARK_COLOURS[m.group(1)]}">{m.group(1)}</span> line '
        ),
        body,
    )
    return render("report.html.j2", title=html.escape(title), style=css, body=body)
