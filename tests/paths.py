"""Where the repository is, for the tests in every folder of tests/."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from symbn.source.toml import derivation_files

#: The repository root: it holds derivations/, generated/, symbn/ and tests/.
ROOT = Path(__file__).resolve().parent.parent

#: The derivation files of derivations/ (a Markdown document's `*.context.toml` is not one).
DERIVATION_FILES = derivation_files(ROOT / "derivations")


def benchmark(name: str) -> ModuleType:
    """benchmarks/NAME.py imported as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module
