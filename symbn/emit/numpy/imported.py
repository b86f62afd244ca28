"""The NumPy module of a derivation imported as a module, from the source symbn generated.

The source goes through the import system (`importlib.abc.InspectLoader`, the loader of
source that is not on disk), which compiles it under the name `<symbn:NAME.py>` and runs
it in a fresh module; the source is put into `linecache` so that a traceback shows its
lines. The module is not added to `sys.modules`: each call gives a module of its own.
Only symbn's own output is imported here — never text a user wrote.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import linecache
import re
from types import ModuleType

from symbn.errors import InternalError


class _Loader(importlib.abc.InspectLoader):
    """Loads one module from its generated source."""

    def __init__(self, source: str, filename: str):
        self.source = source
        self.filename = filename

    def get_source(self, fullname: str) -> str:  # noqa: ARG002 - one module per loader
        return self.source

    def get_code(self, fullname: str):  # noqa: ARG002 - one module per loader
        return self.source_to_code(self.source, self.filename)

    def is_package(self, fullname: str) -> bool:  # noqa: ARG002 - one module per loader
        return False


def module_name(stem: str) -> str:
    """The module's name: the derivation file's stem as a Python identifier."""
    name = re.sub(r"\W", "_", stem) or "derivation"
    return f"_{name}" if name[0].isdigit() else name


def module(source: str, stem: str) -> ModuleType:
    """The module whose source symbn generated for the derivation file named `stem`."""
    name = module_name(stem)
    filename = f"<symbn:{name}.py>"
    loader = _Loader(source, filename)
    spec = importlib.util.spec_from_loader(name, loader, origin=filename)
    if spec is None:
        raise InternalError(f"no import spec for the generated module {name}")
    mod = importlib.util.module_from_spec(spec)
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    loader.exec_module(mod)
    return mod
