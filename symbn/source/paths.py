"""Which files a command reads: the files it is given, a folder's derivation files, and
derivations/ when it is given none."""

from __future__ import annotations

from pathlib import Path

from symbn.errors import InputError
from symbn.source.toml import derivation_files

DEFAULT_DIR = "derivations"
#: The path that stands for standard input.
STDIN = "-"


def derivation_paths(paths: list[str], command: str) -> list[str]:
    """The files named (a folder stands for its *.toml files, but for the *.context.toml of
    `symbn check`), or those of derivations/ when none is; a folder without derivation
    files is bad input."""
    if not paths:
        if not Path(DEFAULT_DIR).is_dir():
            raise InputError(
                f"no {DEFAULT_DIR}/ folder here; name the derivation files to {command}"
            )
        paths = [DEFAULT_DIR]
    out = []
    for p in paths:
        path = Path(p)
        if p != STDIN and path.is_dir():
            found = [str(q) for q in derivation_files(path)]
            if not found:
                raise InputError(f"{p} holds no .toml derivation files")
            out.extend(found)
        else:
            out.append(p)
    return out


def document_paths(paths: list[str]) -> list[str]:
    """The documents named, or every *.md of derivations/ but its README when none is."""
    if paths:
        return paths
    if not Path(DEFAULT_DIR).is_dir():
        raise InputError(f"no {DEFAULT_DIR}/ folder here; name the documents to check")
    found = sorted(str(q) for q in Path(DEFAULT_DIR).glob("*.md") if q.name != "README.md")
    if not found:
        raise InputError(f"{DEFAULT_DIR}/ holds no .md documents to check")
    return found
