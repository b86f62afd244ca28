"""Where the repository is, for the tests in every folder of tests/."""

from __future__ import annotations

from pathlib import Path

from symbn.source.toml import derivation_files

#: The repository root: it holds derivations/, generated/, symbn/ and tests/.
ROOT = Path(__file__).resolve().parent.parent

#: The derivation files of derivations/ (a Markdown document's `*.context.toml` is not one).
DERIVATION_FILES = derivation_files(ROOT / "derivations")
