"""Which part of a document's TOML front matter (between `+++` lines) is symbn's context.

A Hugo post's front matter is the blog's own (`title`, `date`, `[params]`): symbn's
context lives there under its own table, `[symbn]` with `[symbn.sizes]`,
`[symbn.indices]`, … (or `[symbn]` with inline tables). A front matter written for symbn
alone has the context's tables at the top (`[sizes]`, `[indices]`, …, or `sizes = {…}`).
Any other front matter is not symbn's, and the context comes from `--context`.

The part is returned as TOML text with the same lines as the front matter (the blog's
lines left blank, `[symbn.sizes]` written `[sizes]`), so that every error in it is placed
at its line of the document.
"""

from __future__ import annotations

from symbn.source.context import TABLES

TABLE = "symbn"


def context_part(text: str) -> str | None:
    """The context in a TOML front matter's text, line for line; None when it has none."""
    lines = text.split("\n")
    headers = [(n, _header(line)) for n, line in enumerate(lines)]
    named = [h for _, h in headers if h is not None]
    if any(h == TABLE or h.startswith(TABLE + ".") for h in named):
        return "\n".join(_own(lines, headers))
    if any(h.split(".")[0] in TABLES for h in named) or any(
        line.split("=")[0].strip() in TABLES for line in lines[: _first_header(headers)]
    ):
        return text
    return None


def _first_header(headers: list[tuple[int, str | None]]) -> int:
    return next((n for n, h in headers if h is not None), len(headers))


def _header(line: str) -> str | None:
    """The name of the table a line opens (`[a.b]`, `[[a.b]]`), else None."""
    s = line.strip()
    if not s.startswith("["):
        return None
    name = s.strip("[]").split("#")[0].strip().strip("[]").strip()
    return name.replace(" ", "") or None


def _own(lines: list[str], headers: list[tuple[int, str | None]]) -> list[str]:
    """The lines of symbn's tables, with `symbn.` taken off their headers; blanks else."""
    out, mine = [], False
    for (_, header), line in zip(headers, lines, strict=True):
        if header is not None:
            mine = header == TABLE or header.startswith(TABLE + ".")
            if header == TABLE:
                out.append("")
                continue
            if mine:
                out.append(line.replace(TABLE + ".", "", 1))
                continue
        out.append(line if mine else "")
    return out
