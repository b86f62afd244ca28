"""Mutants of the lines `symbn check` proves in a folder of documents: does a changed line
lose its proof?

    python benchmarks/docmutants.py DOCS [--contexts DIR] [--per-line K] [--timeout S] [--show]

For each document in DOCS (`*.md`, `*.markdown`, `*.ipynb`, `*.tex`), checked with its context
in DIR (`DIR/<stem>.context.toml`, else `DIR/<stem>.short.toml`, as `corpus.py` names them) or
else the context symbn infers, every source line holding a proved finding is changed in up
to K ways, one at a time, from the finding's column on: a number n becomes n + 1 (a coefficient, an
exponent, a numbered position), a `+` becomes `-` or a `-` a `+`, an index letter in a
subscript becomes another index letter the line uses, and on the right of the first `=` a
lone letter becomes another the line writes there (`l(y, h)` -> `l(l, h)`, which found a
scalar whose arguments were dropped). Each mutant document is checked again
and the mutated line's findings are tallied: *refuted* (or unknown), *unchecked* (the line
lost every verdict), *unread* (the line keeps its proofs, and what it proves and defines reads
exactly as before: the changed token is in a part symbn did not read, such as a prose
fragment, an unchecked step of a chain or a `\\tag`), or *proved* — a mutant still proved
whose proved or defined claims read differently, which is either a change that leaves the
line true (a sign inside a square, a term that sums to zero) or a false proof; a mutant that
keeps a row's other proved steps but loses the mutated one's counts as unchecked; a mutant
whose check crashes (an internal error, exit 3 from the command) is
*crashed*, named on stderr, never counted as unchecked.
`--show` prints each proved mutant, the line before and after, to be judged by hand; the
tally alone cannot tell the two apart.

Documents are checked in this process (`symbn.check`), nothing from them is executed, and the
mutants are written to a temporary folder only.
"""

from __future__ import annotations

import argparse
import string
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import symbn
from symbn.verify.finding import Finding

SUFFIXES = (".md", ".markdown", ".ipynb", ".tex")
INDEX_LETTERS = "ijklmnpqrst"
VERDICTS = ("proved", "refuted", "unknown")


def mutants(line: str, start: int) -> list[tuple[str, str]]:
    """Every one-place change of `line` from `start` on, as (what changed, new line)."""
    out: list[tuple[str, str]] = []
    k = start
    while k < len(line):
        c = line[k]
        if c.isdigit() and (k == 0 or line[k - 1] not in string.ascii_letters + "\\"):
            end = k
            while end < len(line) and line[end].isdigit():
                end += 1
            n = int(line[k:end])
            out.append((f"{n} -> {n + 1}", line[:k] + str(n + 1) + line[end:]))
            k = end
            continue
        if c in "+-" and not line.startswith("--", k):
            flip = "-" if c == "+" else "+"
            out.append((f"{c} -> {flip}", line[:k] + flip + line[k + 1 :]))
        k += 1
    out.extend(_index_mutants(line, start))
    out.extend(_letter_mutants(line, start))
    return out


def _letter_mutants(line: str, start: int) -> list[tuple[str, str]]:
    """The first two lone letters right of the first `=` (or of `start`), each written once
    as the other."""
    equals = line.find("=", start)
    first: dict[str, int] = {}
    for k in range(equals + 1 if equals >= 0 else start, len(line)):
        if _lone_letter_at(line, k):
            first.setdefault(line[k], k)
    pairs = list(first.items())[:2]
    if len(pairs) < 2:
        return []
    (a, ka), (b, kb) = pairs
    return [
        (f"{b} -> {a}", line[:kb] + a + line[kb + 1 :]),
        (f"{a} -> {b}", line[:ka] + b + line[ka + 1 :]),
    ]


def _lone_letter_at(line: str, k: int) -> bool:
    """`line[k]` is a letter standing alone as a name: not in a word, a command or a script."""
    before = line[k - 1] if k else " "
    if not line[k].isascii() or not line[k].isalpha() or before.isalpha() or before in "\\_^":
        return False
    if before == "{" and k >= 2 and line[k - 2] in "_^":
        return False
    return k + 1 >= len(line) or not line[k + 1].isalpha()


def _index_mutants(line: str, start: int) -> list[tuple[str, str]]:
    """Subscript index letters changed into another index letter of the line."""
    used = sorted({line[k + 1] for k in range(start, len(line) - 1) if _subscript_at(line, k)})
    out = []
    for k in range(start, len(line) - 1):
        if not _subscript_at(line, k):
            continue
        old = line[k + 1]
        for new in used:
            if new != old:
                out.append((f"_{old} -> _{new}", line[: k + 1] + new + line[k + 2 :]))
                break
    return out


def _subscript_at(line: str, k: int) -> bool:
    """`line[k]` is `_` followed by a lone index letter (`_i`, not `_in`)."""
    if line[k] != "_" or k + 1 >= len(line) or line[k + 1] not in INDEX_LETTERS:
        return False
    return k + 2 >= len(line) or not line[k + 2].isalpha()


def readings_by_line(findings: Iterable[Finding]) -> dict[int, list[tuple[str, str]]]:
    """The (status, claim) of the findings on each line of a document; a finding without a
    claim stands for itself by its message."""
    by_line: dict[int, list[tuple[str, str]]] = {}
    for f in findings:
        by_line.setdefault(f.where.line, []).append((str(f.status), f.claim or f.message))
    return by_line


def outcome(after: list[tuple[str, str]], before: list[tuple[str, str]]) -> str:
    """refuted (or unknown), unchecked (the line lost one of its proofs), unread (it kept
    them, and proves and defines the very claims it did `before`) or proved."""
    statuses = [status for status, _ in after]
    if {"refuted", "unknown"} & set(statuses):
        return "refuted"
    if statuses.count("proved") < [status for status, _ in before].count("proved"):
        return "unchecked"
    if _read(after) == _read(before):
        return "unread"
    return "proved"


def _read(readings: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The claims a line proves or defines, in order."""
    return sorted(r for r in readings if r[0] in ("proved", "defined"))


def context_of(contexts: Path | None, stem: str) -> Path | None:
    """The context a user wrote for the document `stem`, the full one first; None without."""
    for ending in (".context.toml", ".short.toml"):
        if contexts is not None and (contexts / f"{stem}{ending}").is_file():
            return contexts / f"{stem}{ending}"
    return None


def run(docs: Path, contexts: Path | None, per_line: int, timeout: float, show: bool) -> Counter:
    tally: Counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(p for p in docs.iterdir() if p.suffix in SUFFIXES):
            context = context_of(contexts, path.stem)
            try:
                findings = symbn.check(path, context, timeout=timeout).findings
            except symbn.SymbnError:
                continue
            before = readings_by_line(findings)
            columns = {  # each line's first proved finding: its column
                f.where.line: f.where.col for f in reversed(findings) if f.status == "proved"
            }
            lines = path.read_text(encoding="utf-8").split("\n")
            doc_tally: Counter = Counter()
            for number, col in sorted(columns.items()):
                changes = mutants(lines[number - 1], col - 1)
                step = max(1, len(changes) // per_line)
                for what, new in changes[::step][:per_line]:
                    mutated = [*lines[: number - 1], new, *lines[number:]]
                    target = Path(tmp) / path.name
                    target.write_text("\n".join(mutated), encoding="utf-8")
                    try:
                        checked = symbn.check(target, context, timeout=timeout).findings
                        got = outcome(readings_by_line(checked).get(number, []), before[number])
                    except symbn.InternalError as exc:  # a crash (exit 3), not a reading
                        got = "crashed"
                        print(f"{path.name}:{number}: {what}: crash: {exc}", file=sys.stderr)
                    except symbn.SymbnError:
                        got = "unchecked"
                    doc_tally[got] += 1
                    if got == "proved" and show:
                        print(f"{path.name}:{number}: {what}\n  - {lines[number - 1].strip()}")
                        print(f"  + {new.strip()}")
            print(
                f"| {path.name} | {len(columns)} | {sum(doc_tally.values())} | "
                f"{doc_tally['refuted']} | {doc_tally['unchecked']} | {doc_tally['unread']} | "
                f"{doc_tally['proved']} | {doc_tally['crashed']} |",
                flush=True,
            )
            tally.update(doc_tally)
    return tally


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("docs", type=Path)
    ap.add_argument("--contexts", type=Path, help="the folder of NAME.context.toml files")
    ap.add_argument("--per-line", type=int, default=4)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args(argv)
    print(
        "| document | proved lines | mutants | refuted | unchecked | unread | still proved "
        "| crashed |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    t = run(args.docs, args.contexts, args.per_line, args.timeout, args.show)
    total = sum(t.values())
    print(
        f"| **total** | | {total} | {t['refuted']} | {t['unchecked']} | {t['unread']} | "
        f"{t['proved']} | {t['crashed']} |",
        file=sys.stdout,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
