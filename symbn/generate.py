"""The generated/ tree: LaTeX (tex and md) and NumPy for every derivation, written atomically.

Only this module and the CLI touch the disk. Every file is rendered in memory first; a
write goes to a temporary file in the same folder and is renamed over the target, so an
interrupted run never leaves a half-written file behind.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from symbn import latex, npemit
from symbn.model import Model, build
from symbn.spec import load
from symbn.verify import Options, Verifier


@dataclass(frozen=True)
class Output:
    """One generated file: where it goes and its exact bytes."""

    path: Path
    data: bytes


def outputs(derivation: str | Path, folder: Path, options: Options | None = None) -> list[Output]:
    """The files generated for one derivation file, rendered in memory."""
    model: Model = build(load(derivation))
    results = Verifier(model, options).run()
    stem = Path(derivation).stem
    return [
        Output(folder / f"{stem}.tex", latex.render(model, results, "tex").encode()),
        Output(folder / f"{stem}.md", latex.render(model, results, "md").encode()),
        Output(folder / f"{stem}.py", npemit.render(model, results).encode()),
    ]


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; give it the usual mode
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def stale(files: list[Output]) -> list[Path]:
    """The files whose bytes on disk differ from what would be generated (or are missing)."""
    return [o.path for o in files if not o.path.is_file() or o.path.read_bytes() != o.data]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
