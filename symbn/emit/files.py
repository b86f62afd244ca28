"""The generated/ tree: LaTeX (tex and md) and NumPy for every derivation (and, when asked
for, the PyTorch and JAX modules of each [layer]), rendered in memory and compared with what
is on disk (`symbn.emit.outpath` writes them, atomically).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from symbn.emit import outpath, progress, verdicts
from symbn.emit.exports import BACKENDS
from symbn.emit.frameworks import emitter as frameworks
from symbn.emit.latex import document
from symbn.emit.numpy import emitter
from symbn.errors import RefusedError
from symbn.verify.verdicts import Verified


def source(report: Verified, backend: str) -> tuple[str, list[str]]:
    """The module `backend` of a verified derivation, and the warnings a user should read
    (RefusedError when a gradient claim of its layer is not proved)."""
    if backend == "numpy":
        return emitter.module(report)
    return frameworks.module(report, backend), []


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


def outputs(report: Verified, folder: Path, backends: tuple[str, ...] = ("numpy",)) -> Outcome:
    """The files generated for one verified derivation, rendered in memory: its documents
    and its module for each of `backends` (torch and jax only for a [layer])."""
    stem = Path(report.path).stem
    files = [
        GeneratedFile(folder / f"{stem}.{fmt}", document.render(report, fmt).encode())
        for fmt in ("tex", "md")
    ]
    warnings = verdicts.failed(report.verdicts)
    notes: list[str] = []
    for backend in backends:
        if backend != "numpy" and report.model.spec.layer is None:
            continue
        try:
            text, more = source(report, backend)
        except RefusedError as exc:
            return Outcome(tuple(files), tuple(warnings), exc.message)
        files.append(GeneratedFile(folder / f"{stem}{BACKENDS[backend]}", text.encode()))
        notes += more
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
    stems |= {f"{s}{end.removesuffix('.py')}" for s in set(stems) for end in BACKENDS.values()}
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file() and p.stem not in stems
    )


@dataclass(frozen=True)
class Run:
    """One `symbn generate`: the derivations `paths` into the folder `out`, or with `check`
    only said to be stale; `whole` when the paths are whole folders, so that a leftover file
    is found."""

    out: str
    paths: list[str]
    check: bool = False
    whole: bool = True
    backends: tuple[str, ...] = ("numpy",)

    @property
    def folder(self) -> Path:
        return Path(self.out)

    def generate(self, verified: Callable[[str], Verified]) -> int:
        """Render each derivation (`verified(path)` proves it), write the files that change
        and name the rest on standard error; 1 when a claim failed, an export was refused
        or, with `check`, a file is out of date."""
        if not self.check:  # every output path checked before any work
            outpath.folder(self.out)
            for p in self.paths if self.folder.is_dir() else ():
                ends = [".tex", ".md", *(BACKENDS[b] for b in self.backends)]
                for end in ends:
                    outpath.target(str(self.folder / f"{Path(p).stem}{end}"), self.paths)
        status, work = 0, progress.Status()
        problems: list[str] = []
        for path in self.paths:
            work.show(f"{path}: proving and rendering")
            outcome = outputs(verified(path), self.folder, self.backends)
            work.clear()
            for line in outcome.warnings:
                print(f"symbn: warning: {path}: {line}", file=sys.stderr)
                status = 1
            if outcome.refused:
                print(f"symbn: error: {outcome.refused}", file=sys.stderr)
                status = 1
            problems += self.write(outcome.files)
        if self.whole:
            for orphan in orphans(self.folder, self.paths):
                problems.append(f"orphan: {orphan} (no derivation {orphan.stem}.toml)")
        for line in problems:
            print(line, file=sys.stderr)
        if self.check and problems:
            print(
                f"{len(problems)} generated file(s) out of date; run `symbn generate`",
                file=sys.stderr,
            )
            status = 1
        return status

    def write(self, generated: tuple[GeneratedFile, ...]) -> list[str]:
        """Write each file that changed (print its path), or with `check` name it."""
        problems = []
        for out in generated:
            state_now = state(out)
            if state_now == "current":
                continue
            if self.check:
                problems.append(f"{state_now}: {out.path}")
                continue
            outpath.folder(str(out.path.parent), make=True)
            outpath.write(outpath.target(str(out.path), self.paths), out.data)
            print(f"wrote {out.path}")
        return problems
