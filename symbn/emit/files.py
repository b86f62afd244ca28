"""The generated/ tree: LaTeX (tex and md) and NumPy for every derivation, rendered in
memory and compared with what is on disk (`symbn.emit.outpath` writes them, atomically).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from symbn.emit.latex import document
from symbn.emit.numpy import emitter
from symbn.errors import RefusedError
from symbn.verify.verdicts import FAILED, Verified


@dataclass(frozen=True)
class GeneratedFile:
    """One generated file: where it goes and its exact bytes."""

    path: Path
    data: bytes


@dataclass(frozen=True)
class Outcome:
    """What generating one derivation gives: its files, the warnings a user should read, and
    the reason the NumPy module was not written (a layer with a failed gradient claim)."""

    files: tuple[GeneratedFile, ...]
    warnings: tuple[str, ...] = ()
    refused: str = ""


def outputs(report: Verified, folder: Path) -> Outcome:
    """The files generated for one verified derivation, rendered in memory."""
    stem = Path(report.path).stem
    files = [
        GeneratedFile(folder / f"{stem}.{fmt}", document.render(report, fmt).encode())
        for fmt in ("tex", "md")
    ]
    warnings = [f"claim {r.name} is {r.status}" for r in report.verdicts if r.status in FAILED]
    try:
        text, notes = emitter.module(report)
    except RefusedError as exc:
        return Outcome(tuple(files), tuple(warnings), exc.message)
    files.append(GeneratedFile(folder / f"{stem}.py", text.encode()))
    return Outcome(tuple(files), tuple(dict.fromkeys([*warnings, *notes])))


def state(out: GeneratedFile) -> str:
    """ "current" when the file on disk holds exactly these bytes, else "missing" or
    "stale"."""
    if not out.path.is_file():
        return "missing"
    return "current" if out.path.read_bytes() == out.data else "stale"


def stale(files: list[GeneratedFile]) -> list[Path]:
    """The files whose bytes on disk differ from what would be generated (or are missing)."""
    return [o.path for o in files if state(o) != "current"]


#: The suffixes of the files `outputs` writes.
SUFFIXES = (".tex", ".md", ".py")


def orphans(folder: Path, derivations: list[str]) -> list[Path]:
    """Files in `folder` that look generated but whose derivation is not among
    `derivations`."""
    stems = {Path(d).stem for d in derivations}
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file() and p.stem not in stems
    )
