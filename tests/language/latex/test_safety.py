"""The Markdown readers run nothing a document says and use no SymPy: a static look at their
code, and a document made of attempts to run code read as maths. (The TOML reader's own
guarantees are tested in tests/test_bad_input.py.)"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SYMBN = Path(__file__).resolve().parents[3] / "symbn"
#: The Markdown reader and the LaTeX maths reader.
READERS = (SYMBN / "source" / "document", SYMBN / "language" / "latex")
FORBIDDEN = {
    "eval",
    "exec",
    "compile",
    "sympify",
    "parse_expr",
    "lambdify",
    "__import__",
    "import_module",
    "S",
    "literal_eval",
}


def modules() -> list[Path]:
    paths = sorted(p for folder in READERS for p in folder.glob("*.py"))
    assert len(paths) > 10
    return paths


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.name)
def test_no_evaluator_is_called(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [
        ast.unparse(n)[:60]
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and (
            (isinstance(n.func, ast.Name) and n.func.id in FORBIDDEN)
            or (isinstance(n.func, ast.Attribute) and n.func.attr in FORBIDDEN)
        )
    ]
    assert calls == []


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.name)
def test_no_sympy_and_no_regular_expressions(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {
        a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    imported |= {
        (n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
    }
    assert not imported & {"sympy", "re", "regex", "pickle", "subprocess", "os"}


def test_code_in_a_document_is_only_maths(reading, tmp_path):
    marker = tmp_path / "ran"
    attempts = [
        f"__import__('os').system('touch {marker}')",
        f"open('{marker}', 'w')",
        "exec('1')",
        "\\input{/etc/passwd}",
        "\\write18{touch x}",
    ]
    r = reading("\n\n".join(f"$$ h_{{kl}} = {a} $$" for a in attempts))
    assert not marker.exists()
    assert r.claims == ()
    assert len([n for n in r.notes if n.code == "unreadable"]) == len(attempts)
