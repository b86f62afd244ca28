"""The package is the pipeline: each stage imports only the stages before it, and nothing
imports in a circle.

    source < language < calculus < canonical < verify < emit < api < cli

`errors` may be imported by every stage; `__init__` and `__main__` stand outside the order.
Every import counts, the ones inside a function included.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from paths import ROOT

PACKAGE = ROOT / "symbn"
STAGES = ("source", "language", "calculus", "canonical", "verify", "emit", "api", "cli")
ANYWHERE = {"errors"}
LOOSE = {"__init__.py", "__main__.py", "api.py", "cli.py", "errors.py"}


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its __init__)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of the package that module `name` imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, *([base] if base else [])])
            subs = {f"{base}.{a.name}" for a in node.names} & known
            found |= subs
            if len(subs) < len(node.names):  # a name of the module itself, not a submodule
                found.add(base)
    return {m for m in found if m in known and m != name}


def stage(name: str) -> str | None:
    """The stage a module belongs to (None for errors, __init__ and __main__)."""
    parts = name.split(".")
    if len(parts) == 1 or parts[1] in ANYWHERE or parts[1] == "__main__":
        return None
    return parts[1]


GRAPH = {name: imports(name, path, set(modules())) for name, path in modules().items()}


def test_the_top_level_holds_the_stages_and_five_loose_modules():
    loose = {p.name for p in PACKAGE.glob("*.py")}
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert loose == LOOSE
    assert folders == {s for s in STAGES if s not in {"api", "cli"}}


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_a_module_imports_only_earlier_stages(name):
    mine = stage(name)
    if mine is None:
        return
    later = [
        m
        for m in sorted(GRAPH[name])
        if stage(m) is not None and STAGES.index(stage(m)) > STAGES.index(mine)
    ]
    assert later == [], f"{name} ({mine}) imports later stages: {later}"


def test_no_emitter_imports_the_api():
    offenders = [n for n in GRAPH if n.startswith("symbn.emit") and "symbn.api" in GRAPH[n]]
    assert offenders == []


def test_no_import_cycle():
    """Depth-first search for a back edge; a cycle is reported as its modules in order."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(GRAPH[n]):
            if state.get(m) == 1:
                return [*stack[stack.index(m) :], m]
            if m not in state and (cycle := visit(m)):
                return cycle
        stack.pop()
        state[n] = 2
        return None

    for name in sorted(GRAPH):
        if name not in state:
            assert visit(name) is None


def test_the_checker_sees_a_cycle_and_a_backward_import(tmp_path):
    """The test itself can fail: a planted cycle and a planted backward import are found."""
    pkg = tmp_path / "symbn"
    (pkg / "source").mkdir(parents=True)
    (pkg / "emit").mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "source" / "__init__.py").write_text("")
    (pkg / "emit" / "__init__.py").write_text("")
    (pkg / "source" / "a.py").write_text("def f():\n    from symbn.emit import b\n")
    (pkg / "emit" / "b.py").write_text("from symbn.source import a\n")
    known = {"symbn.source.a", "symbn.emit.b", "symbn.source", "symbn.emit"}
    a = imports("symbn.source.a", pkg / "source" / "a.py", known)
    b = imports("symbn.emit.b", pkg / "emit" / "b.py", known)
    assert "symbn.emit.b" in a
    assert "symbn.source.a" in b
    assert STAGES.index(stage("symbn.emit.b")) > STAGES.index(stage("symbn.source.a"))


def test_no_module_is_over_400_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
