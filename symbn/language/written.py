"""Where in a definition's text something is written: the refusals of the model, each at
the first place it is written (a later definition used, a diff(), an element read below its
axis), and where a recurrence first uses itself."""

from __future__ import annotations

import ast

import sympy as sp

from symbn.errors import InputError, Location
from symbn.language import relations
from symbn.source.spec import Snippet, Text


def _first(expr: Text, wanted) -> tuple[Snippet, ast.AST] | None:
    """The first node of the parsed `expr` for which `wanted(node)` holds (None when there
    is none, or when `expr` does not parse: the parser reports that with its own message)."""
    snippet = Snippet(expr)
    try:
        tree = ast.parse(snippet.code, mode="eval")
    except (SyntaxError, RecursionError, MemoryError, ValueError):
        return None
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name):
            n.func.symbn_called = True  # type: ignore[attr-defined]
    node = next((n for n in ast.walk(tree) if wanted(n)), None)
    return None if node is None else (snippet, node)


def refuse_forward_use(expr: Text, name: str, pending: dict) -> None:
    """A definition may not use a later one: say which, at its first use (itself, at an
    earlier step, is a recurrence: `_recurrence`)."""
    found = _first(expr, lambda n: isinstance(n, ast.Name) and n.id in pending and not _called(n))
    if found:
        snippet, node = found
        raise InputError(
            f"definition {name!r} uses {node.id!r}, which is defined later",
            snippet.node_at(node.lineno, node.col_offset),
            len(node.id),
        )


def self_use(expr: Text, name: str) -> Location | None:
    """Where definition `name` first uses itself, if it does."""
    found = _first(expr, lambda n: isinstance(n, ast.Name) and n.id == name and not _called(n))
    if not found:
        return None
    snippet, node = found
    return snippet.node_at(node.lineno, node.col_offset)


def refuse_below_axis(expr: Text, body: sp.Expr) -> None:
    """padding = "valid": no element of a definition is read below its axis."""
    below = relations.below_axis(body)
    if below is not None:
        name = str(below.base.label)
        found = _first(expr, lambda n: isinstance(n, ast.Name) and n.id == name)
        raise InputError(
            f'padding = "valid", but {below} reads below its axis (position 0 or less) '
            'for some indices; write the positions from 1 or declare padding = "zero"',
            found[0].node_at(found[1].lineno, found[1].col_offset) if found else expr.where,
            len(name),
        )


def _called(node: ast.Name) -> bool:
    """Whether `node` names the function of a call (`tanh(...)`): a function, never a tensor
    of the same name."""
    return getattr(node, "symbn_called", False)


def refuse_diff(expr: Text, name: str) -> None:
    """A definition is a forward computation: derivatives belong in claims."""
    found = _first(
        expr,
        lambda n: isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "diff",
    )
    if found:
        snippet, node = found
        raise InputError(
            f"definition {name!r} contains diff(); a definition computes values, "
            "so state the derivative as a claim (or write its closed form here)",
            snippet.node_at(node.lineno, node.col_offset),
            len("diff"),
        )
