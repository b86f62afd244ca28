"""Where the repository is, for the tests in every folder of tests/."""

from __future__ import annotations

from pathlib import Path

#: The repository root: it holds derivations/, generated/, symbn/ and tests/.
ROOT = Path(__file__).resolve().parent.parent
