"""How much of a folder of published derivations `symbn check` reads: for each document, its
equation rows, the rows that get a verdict with the document's context and with none, the
rows refuted, and the lines of context its user had to write.

    python benchmarks/corpus.py DOCS [--contexts DIR] [--timeout S] [--reasons K]

DOCS holds the documents (`*.md`, `*.markdown`, `*.ipynb`, `*.tex`); the context a careful
new user wrote for DOC is `DIR/<DOC's stem>.context.toml`, and a short one, a partial
context that says only what symbn does not infer, `DIR/<DOC's stem>.short.toml`, when they
exist. Each document is checked by the whole process, `python -m symbn check DOC --json
--timeout S`, with each context it has (`--context`; a document without one counts as
having none) and without any; nothing from a document is executed, and symbn is the only
program run.

Equation rows are counted from the source, independently of symbn, so a document symbn
cannot read at all still counts its rows:

- A *display* is a `$$ ... $$` pair whose opening `$$` has only white space, `>` or a
  list marker before it on its line and whose closing `$$` has at most a full stop, comma,
  semicolon or colon after it, or an equation number (`(2)`, `\\(2\\)`, `$(2)$`, `(2.1)`)
  (kramdown's `$$x$$` inside a sentence is inline maths, not counted); a `\\[ ... \\]` (or
  Jekyll's escaped `\\\\[ ... \\\\]`) anywhere; MathJax 2's `<script type="math/tex;
  mode=display"> ... </script>` anywhere (its inline form, without the mode, is not
  counted); a bare `\\begin{ENV} ... \\end{ENV}` outside other displays, for ENV one of
  equation, align, eqnarray, gather, multline, flalign, alignat (starred or not, the star
  also escaped as kramdown writes it, `align\\*`) or one a LaTeX preamble defines around one
  of those (`\\NewEnviron`, `\\newenvironment`); a fenced ```math block, also in its
  one-line form (```math ... ```, or ending in two backticks). A display may hold blank
  lines. Fenced code, HTML comments, and front matter between `---` or `+++` lines at the
  top are skipped; `\\( ... \\)`, single-dollar maths and inline scripts are inline, not
  counted.
- A display is split into *rows* at `\\\\` (and `\\newline`, `\\cr`) where the innermost
  enclosing group is the display itself or a row environment (align, aligned, eqnarray,
  gather, gathered, split, multline, equation, flalign, alignat, alignedat); inside braces,
  a matrix, `cases` or `array` a `\\\\` does not split, so a matrix or a piecewise right
  side stays part of its row.
- A row is an *equation row* when, with `\\text{...}`-like groups, `\\tag`, `\\label` and
  every subscript or superscript group (`\\sum_{i=1}^{N}`) removed, it still holds `=`
  (`\\not=` aside) or one of `\\coloneqq`, `\\equiv`, `\\triangleq`, `\\doteq`, `:=`. A
  row with several equations counts once.
- In a notebook, the rows are counted in its markdown cells; rows keep the line numbers
  of the notebook file (nbformat writes each source line on a line of its own).

Each finding of `--json` is placed by its line and column: in the row whose source span
holds it, or, inside a display but between rows, in the nearest row above it; findings on
inline maths fall in no row and are not counted. A row has a *verdict* when a finding in it
is proved, refuted or unknown (one proved step in a row of several is enough); it is
*refuted* when one is refuted; *defined* when it has no verdict and a definition.
Unchecked rows, warnings and rows without any finding have no verdict.

Context lines are the context file's lines that are neither blank nor a `#` comment.
Seconds are the wall time of each subprocess, Python start-up included.

Prints a Markdown table, one row per document, with totals and the two figures of the
goal of issue 17: the share of all equation rows that get a verdict with contexts of at
most 10 lines (each document counts the best of its runs whose context is that short, or
none; its rows count either way), and the share with no context at all. `--reasons K`
adds the K most frequent reasons given for unchecked findings (with context), names and
positions blanked out.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".md", ".markdown", ".ipynb", ".tex")
VERDICTS = frozenset({"proved", "refuted", "unknown"})
#: A context of at most this many lines counts as short; no context (0 lines) is one too, so
#: a document's short figure is the better of its context's (when short) and none.
CONTEXT_LIMIT = 10
GOAL_WITH_CONTEXT, GOAL_WITHOUT = 70.0, 40.0
BARE_ENVS = "equation|align|eqnarray|gather|multline|flalign|alignat"
ROW_ENVS = frozenset(
    f"{name}{star}"
    for name in (
        "equation",
        "align",
        "aligned",
        "eqnarray",
        "gather",
        "gathered",
        "split",
        "multline",
        "flalign",
        "alignat",
        "alignedat",
    )
    for star in ("", "*")
)
TEXTLIKE = r"\\(?:text|textrm|textbf|textit|mbox|tag\*?|label)"
#: MathJax 2's script maths: the tag, the maths, `</script>` (a display in display mode).
SCRIPT = re.compile(r"<script\s[^>]*math/tex[^>]*>(.*?)</script>", re.S | re.I)
SCRIPT_DISPLAY = re.compile(
    r"(<script\s[^>]*type=[\"']math/tex;\s*mode=display[\"'][^>]*>)(.*?)</script>", re.S | re.I
)
#: An equation number after a display's closing `$$`: (2), \\(2\\), $(2)$, (2.1), \\(\\*\\).
LABEL = r"\s*(?=[^)$]*\d|\\?\*)(?:[A-Za-z0-9.\-*']|\\\*){1,8}\s*"
EQUATION_NUMBER = re.compile(
    rf"\s*(?:\({LABEL}\)|\\\((?:{LABEL}|\({LABEL}\))\\\)|\$\s*\({LABEL}\)\s*\$)\s*"
)
RELATION = re.compile(r":=|=|\\coloneqq|\\equiv|\\triangleq|\\doteq")
#: A position in a file: (line, column), both from 1.
Pos = tuple[int, int]
END_OF_LINE = 10**9


@dataclass
class Row:
    start: Pos
    end: Pos
    statuses: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> bool:
        return any(s in VERDICTS for s in self.statuses)

    @property
    def refuted(self) -> bool:
        return "refuted" in self.statuses

    @property
    def defined(self) -> bool:
        return not self.verdict and "defined" in self.statuses


@dataclass
class Display:
    start: Pos
    end: Pos
    rows: list[Row]


# --- Reading the source -------------------------------------------------------------------


def blank(text: str, start: int, end: int) -> str:
    """text with [start, end) replaced by spaces, newlines kept (offsets stay valid)."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def masked(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with front matter, HTML comments and non-maths fenced code blanked out, and
    the (start, end) offsets of the bodies of ```math fences."""
    fm = re.match(r"(---|\+\+\+)[ \t]*\n.*?\n\1[ \t]*(\n|$)", text, re.S)
    if fm:
        text = blank(text, 0, fm.end())
    for m in re.finditer(r"<!--.*?-->", text, re.S):
        text = blank(text, m.start(), m.end())
    fences: list[tuple[int, int]] = []
    offset, lines = 0, text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        line = lines[i]
        opener = re.match(r"([ \t>]*)(`{3,}|~{3,})\s*(\S*)(.*)", line)
        if not opener:
            offset += len(line)
            i += 1
            continue
        fence, info, rest = opener.group(2), opener.group(3), opener.group(4)
        is_math = info == "math" or info.startswith("math")
        head = offset + opener.start(3) + len("math") if is_math else offset
        one_line = re.search(r"`{2,}\s*$", line[opener.end(2) :])
        if is_math and one_line and (rest.strip() or info != "math"):
            fences.append((head, offset + opener.end(2) + one_line.start()))
            text = blank(text, offset, offset + opener.end(2))
            offset += len(line)
            i += 1
            continue
        start, j, run = offset, i + 1, offset + len(line)
        while j < len(lines) and not re.search(re.escape(fence) + r"\s*$", lines[j]):
            run += len(lines[j])
            j += 1
        closing = lines[j] if j < len(lines) else ""
        close_at = run + (closing.rstrip().rfind(fence) if closing else 0)
        end = run + len(closing)
        if is_math:
            fences.append((head, close_at))
            text = blank(text, start, head)
            text = blank(text, close_at, end)
        else:
            text = blank(text, start, end)
        offset, i = end, j + 1
    return text, [(s, e) for s, e in fences if s < e]


def own_environments(text: str) -> list[str]:
    """The environments a LaTeX preamble defines around a maths environment
    (`\\NewEnviron{bigeq}{\\begin{equation}…}`, `\\newenvironment{eq}{\\begin{align}}…`)."""
    found = re.finditer(
        r"\\(?:re)?newenvironment\{(\w+)\}|\\NewEnviron\{(\w+)\}|\\NewDocumentEnvironment\{(\w+)\}",
        text,
    )
    out = []
    for m in found:
        definition = text[m.end() : m.end() + 400].split("\\end{", 1)[0]
        if re.search(r"\\begin\{(" + BARE_ENVS + r")\*?\}|\\\[|\$\$", definition):
            out.append(next(g for g in m.groups() if g))
    return out


def display_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(display start, body start, body end, display end) offsets of every display."""
    text, fences = masked(text)
    for s, e in fences:
        text = blank(text, s, e)
    spans = [(s, s, e, e) for s, e in fences]
    for m in SCRIPT_DISPLAY.finditer(text):
        spans.append((m.start(), m.end(1), m.end(1) + len(m.group(2)), m.end()))
    for m in SCRIPT.finditer(text):  # displays or inline: no other maths is read inside
        text = blank(text, m.start(), m.end())
    envs = "|".join([BARE_ENVS, *map(re.escape, own_environments(text))])
    opener = re.compile(r"\$\$|\\\\?\[|\\begin\{(" + envs + r")(\\?\*|)\}")
    pos = 0
    while True:
        m = opener.search(text, pos)
        if not m:
            break
        if m.group(0) == "$$":
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[line_start : m.start()]
            if not re.fullmatch(r"[\s>]*(?:(?:[-*+]|\d+[.)])\s+)?", before):
                # inline: closed on its own line, or a stray `$$` (a table cell's)
                close = text.find("$$", m.end(), max(m.end(), text.find("\n", m.end())))
                pos = close + 2 if close >= 0 else m.end()
                continue
            close = text.find("$$", m.end())
            if close < 0:
                break
            line_end = text.find("\n", close)
            after = text[close + 2 : len(text) if line_end < 0 else line_end]
            if re.fullmatch(r"\s*[.,;:]?\s*", after) or EQUATION_NUMBER.fullmatch(after):
                spans.append((m.start(), m.end(), close, close + 2))
            pos = close + 2
        elif m.group(0).endswith("["):
            closer = r"\\\\\]" if m.group(0).startswith("\\\\") else r"(?<!\\)\\\]"
            close = re.compile(closer).search(text, m.end())
            if not close:
                pos = m.end()
                continue
            spans.append((m.start(), m.end(), close.start(), close.end()))
            pos = close.end()
        else:
            end = re.compile(r"\\end\{" + m.group(1) + re.escape(m.group(2)) + r"\}")
            close = end.search(text, m.end())
            if not close:
                pos = m.end()
                continue
            spans.append((m.start(), m.start(), close.end(), close.end()))
            pos = close.end()
    return sorted(spans)


#: What breaks a row.
BREAKS = ("\\\\", "\\newline", "\\cr")


def split_rows(body: str, own: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) offsets within body of its rows, split at row breaks (also inside the
    environments `own` a preamble defines around a row environment)."""
    token = re.compile(r"\\begin\{([^}]*)\}|\\end\{([^}]*)\}|\\\\|\\newline|\\cr\b|\\.|[{}]")
    stack: list[str] = []
    rows, start = [], 0
    for m in token.finditer(body):
        if m.group(1) is not None:
            stack.append(m.group(1).replace("\\*", "*"))  # kramdown's align\*: align*
        elif m.group(2) is not None:
            while stack and stack.pop() != m.group(2).replace("\\*", "*"):
                pass
        elif m.group(0) == "{":
            stack.append("{")
        elif m.group(0) == "}":
            if stack and stack[-1] == "{":
                stack.pop()
        elif m.group(0) in BREAKS and (not stack or stack[-1] in ROW_ENVS | own):
            rows.append((start, m.start()))
            start = m.end()
            spacing = re.match(r"\s*\[[^\]]*\]", body[start:])
            if spacing:
                start += spacing.end()
    rows.append((start, len(body)))
    # a row starts at its first character, not at the line break before it
    return [(s + len(body[s:e]) - len(body[s:e].lstrip()), e) for s, e in rows]


def strip_groups(text: str, head: str) -> str:
    """text without every `head{...}` group (balanced braces) and the head itself."""
    out, pos = [], 0
    for m in re.finditer(head, text):
        if m.start() < pos:
            continue
        out.append(text[pos : m.start()])
        i = m.end()
        while i < len(text) and text[i].isspace():
            i += 1
        if i < len(text) and text[i] == "{":
            depth = 0
            for j in range(i, len(text)):
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                if depth == 0:
                    i = j + 1
                    break
            else:
                i = len(text)
        elif i < len(text):
            i += 1 if head in ("_", r"\^") else 0
        pos = i
    out.append(text[pos:])
    return "".join(out)


def is_equation(row: str) -> bool:
    """Whether the LaTeX of one row states a relation (see the module docstring)."""
    row = re.sub(r"(?<!\\)%.*", "", row)
    row = strip_groups(row, TEXTLIKE)
    row = strip_groups(row, r"_")
    row = strip_groups(row, r"\^")
    row = re.sub(r"\\not\s*=|\\ne(q)?\b|\\leq?\b|\\geq?\b", " ", row)
    return bool(RELATION.search(row))


def notebook_text(raw: str) -> tuple[str, list[int]]:
    """The markdown cells of a notebook joined by blank lines, and for each of its lines the
    line of the notebook file that holds it (0 when it cannot be found)."""
    cells = json.loads(raw).get("cells", [])
    raw_lines = raw.splitlines()
    text_lines: list[str] = []
    where: list[int] = []
    cursor = 0
    for cell in cells:
        source = cell.get("source", [])
        parts = source if isinstance(source, list) else source.splitlines(keepends=True)
        if cell.get("cell_type") != "markdown":
            continue
        for part in parts:
            forms = {json.dumps(part), json.dumps(part, ensure_ascii=False)}
            line_no = 0
            for k in range(cursor, len(raw_lines)):
                if raw_lines[k].strip().rstrip(",") in forms:
                    line_no, cursor = k + 1, k + 1
                    break
            for piece in part.splitlines() or [""]:
                text_lines.append(piece)
                where.append(line_no)
        text_lines.append("")
        where.append(0)
    return "\n".join(text_lines), where


def displays(path: Path) -> list[Display]:
    """Every display of the document with its equation rows (see the module docstring)."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    line_of: list[int] | None = None
    text = raw
    if path.suffix == ".ipynb":
        text, line_of = notebook_text(raw)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def pos(offset: int, end: bool = False) -> Pos:
        line = max(0, next((k for k, s in enumerate(starts) if s > offset), len(starts)) - 1)
        if line_of is not None:
            return (line_of[line], END_OF_LINE if end else 0)
        return (line + 1, offset - starts[line] + 1)

    out = []
    own = frozenset(own_environments(text))
    for d_start, b_start, b_end, d_end in display_spans(text):
        body = text[b_start:b_end]
        rows = [
            Row(pos(b_start + s), pos(b_start + max(s, e - 1), end=True))
            for s, e in split_rows(body, own)
            if is_equation(body[s:e])
        ]
        out.append(Display(pos(d_start), pos(max(d_start, d_end - 1), end=True), rows))
    return out


def place(docs: list[Display], line: int, col: int, status: str) -> bool:
    """Record a finding's status in the row that holds (line, col); False when none does."""
    at = (line, col)
    for d in docs:
        if not d.rows or not d.start <= at <= d.end:
            continue
        inside = [r for r in d.rows if r.start <= at <= r.end]
        above = [r for r in d.rows if r.start <= at]
        row = inside[0] if inside else (above[-1] if above else d.rows[0])
        row.statuses.append(status)
        return True
    return False


# --- Running symbn ------------------------------------------------------------------------


@dataclass
class Run:
    verdict: int = 0
    refuted: int = 0
    defined: int = 0
    seconds: float = 0.0
    status: int = 0
    error: str = ""
    reasons: list[str] = field(default_factory=list)
    refutations: list[str] = field(default_factory=list)


def check(path: Path, context: Path | None, timeout: float) -> Run:
    """Run `python -m symbn check` on one document and score its rows."""
    command = [sys.executable, "-m", "symbn", "check", str(path), "--json"]
    command += ["--timeout", str(timeout)]
    if context is not None:
        command += ["--context", str(context)]
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    run = Run(seconds=time.perf_counter() - began, status=done.returncode)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        report = {}
    lines = [ln for doc in report.get("documents", []) for ln in doc.get("lines", [])]
    if not lines:
        first = next((ln for ln in done.stderr.splitlines() if ln.strip()), "")
        run.error = first.replace(str(path), path.name)[:160]
    rows = displays(path)
    for ln in lines:
        status = ln.get("status") or ln.get("kind") or ""
        placed = place(rows, int(ln.get("line") or 0), int(ln.get("col") or 0), status)
        if status == "unchecked":
            run.reasons.append(normalise(ln.get("message") or ""))
        if status == "refuted" and placed:
            run.refutations.append(f"{path.name}:{ln.get('line')}:{ln.get('col')}")
    flat = [r for d in rows for r in d.rows]
    run.verdict = sum(r.verdict for r in flat)
    run.refuted = sum(r.refuted for r in flat)
    run.defined = sum(r.defined for r in flat)
    return run


def normalise(message: str) -> str:
    """An unchecked reason with the document's names, numbers and quoted text blanked."""
    message = re.sub(r"'[^']*'|`[^`]*`|\"[^\"]*\"", "'…'", message)
    message = re.sub(r"\bsymbol [^\s;,]+", "symbol X", message)
    message = re.sub(r"\\[A-Za-z]+", r"\\cmd", message)
    return re.sub(r"\b\d+\b", "n", message)[:110]


def context_lines(path: Path | None) -> int:
    if path is None:
        return 0
    lines = path.read_text(encoding="utf-8").splitlines()
    return sum(1 for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))


# --- The table ----------------------------------------------------------------------------


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


@dataclass
class Measured:
    """One document's rows and its three runs: its user's context, a short one, none."""

    name: str
    rows: int
    context_lines: int
    with_context: Run
    short_lines: int
    short: Run | None
    without: Run

    @property
    def short_verdicts(self) -> int:
        """The best of the runs whose context has at most CONTEXT_LIMIT lines (or none)."""
        best = self.without.verdict
        if self.context_lines <= CONTEXT_LIMIT:
            best = max(best, self.with_context.verdict)
        if self.short is not None and self.short_lines <= CONTEXT_LIMIT:
            best = max(best, self.short.verdict)
        return best


def table(results: list[Measured]) -> list[str]:
    """The Markdown table, one row per document, with the totals and the goals."""
    out = [
        "| document | equation rows | verdict | refuted | defined | context lines | s "
        "| verdict, short context | refuted, short | short lines "
        "| verdict, no context | refuted, no context | s, no context |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in results:
        w, s, wo = m.with_context, m.short, m.without
        short = f"{s.verdict} | {s.refuted} | {m.short_lines}" if s else "– | – | –"
        out.append(
            f"| {m.name} | {m.rows} | {w.verdict} | {w.refuted} | {w.defined} "
            f"| {m.context_lines} | {w.seconds:.2f} | {short} | {wo.verdict} | {wo.refuted} "
            f"| {wo.seconds:.2f} |"
        )
    rows = sum(m.rows for m in results)
    with_ctx = sum(m.with_context.verdict for m in results)
    short = sum(m.short_verdicts for m in results)
    without = sum(m.without.verdict for m in results)
    shorts = [m.short for m in results if m.short is not None]
    out.append(
        f"| **total ({len(results)})** | {rows} | {with_ctx} "
        f"| {sum(m.with_context.refuted for m in results)} "
        f"| {sum(m.with_context.defined for m in results)} "
        f"| {sum(m.context_lines for m in results)} "
        f"| {sum(m.with_context.seconds for m in results):.1f} "
        f"| {sum(s.verdict for s in shorts)} | {sum(s.refuted for s in shorts)} "
        f"| {sum(m.short_lines for m in results)} | {without} "
        f"| {sum(m.without.refuted for m in results)} "
        f"| {sum(m.without.seconds for m in results):.1f} |"
    )
    out += [
        "",
        f"Rows with a verdict, contexts of at most {CONTEXT_LIMIT} lines (or none): {short} "
        f"of {rows} "
        f"({percent(short, rows)}; goal >= {GOAL_WITH_CONTEXT:.0f} %).",
        f"Rows with a verdict, with every user's context: {with_ctx} of {rows} "
        f"({percent(with_ctx, rows)}).",
        f"Rows with a verdict, no context: {without} of {rows} "
        f"({percent(without, rows)}; goal >= {GOAL_WITHOUT:.0f} %).",
    ]
    return out


#: A user's context of a document, and a short one that says only what inference misses.
ENDINGS = (".context.toml", ".short.toml")


def found(folder: Path | None, stem: str, ending: str) -> Path | None:
    path = folder / f"{stem}{ending}" if folder else None
    return path if path is not None and path.is_file() else None


def documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in SUFFIXES)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", type=Path, help="the folder of documents")
    parser.add_argument(
        "--contexts", type=Path, help="the folder of NAME.context.toml and NAME.short.toml files"
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per claim")
    parser.add_argument("--reasons", type=int, default=0, help="list the K commonest reasons")
    args = parser.parse_args(argv)
    if not args.docs.is_dir():
        parser.error(f"{args.docs} is not a folder")
    results = []
    reasons: Counter[str] = Counter()
    notes = []
    for path in documents(args.docs):
        context, short = (found(args.contexts, path.stem, end) for end in ENDINGS)
        n_rows = sum(len(d.rows) for d in displays(path))
        without = check(path, None, args.timeout)
        with_ctx = check(path, context, args.timeout) if context else without
        short_run = check(path, short, args.timeout) if short else None
        print(f"{path.name}: {n_rows} rows, {with_ctx.verdict} with a verdict", file=sys.stderr)
        results.append(
            Measured(
                path.name,
                n_rows,
                context_lines(context),
                with_ctx,
                context_lines(short),
                short_run,
                without,
            )
        )
        reasons.update(with_ctx.reasons)
        for label, run in (("with context", with_ctx), ("short context", short_run)):
            if run is not None and run.error:
                notes.append(f"- {path.name}, {label}: {run.error}")
        if without.error:
            notes.append(f"- {path.name}, no context: {without.error}")
        seen = set()
        for run in (with_ctx, short_run, without):
            for where in run.refutations if run is not None else []:
                if where not in seen:
                    seen.add(where)
                    notes.append(f"- refuted: {where}")
    print("\n".join(table(results)))
    if notes:
        print("\nNotes (symbn's first line of error output when it reported nothing):\n")
        print("\n".join(notes))
    if args.reasons:
        print(f"\nThe {args.reasons} commonest reasons for unchecked findings, with context:\n")
        print("| findings | reason |\n|---:|---|")
        for reason, count in reasons.most_common(args.reasons):
            print(f"| {count} | {reason} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
