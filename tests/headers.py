"""The TOML header of the small derivations that the tests write inline.

Most of them declare the same two sizes (N rows, L columns) and the same five indices (i, k, p
over N; j, l over L). `header` writes that part once; a test passes only what is its own: the
title, the inputs and, where it has them, a description or other sizes and indices. The text
ends with the `[inputs]` table, so the test appends its `[[define]]` and `[[claim]]` tables.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from types import MappingProxyType

SIZES: Mapping[str, str] = MappingProxyType({"N": "rows", "L": "columns"})
INDICES: Mapping[str, str] = MappingProxyType({"i": "N", "k": "N", "p": "N", "j": "L", "l": "L"})


def header(
    title: str,
    inputs: str,
    *,
    sizes: Mapping[str, str] = SIZES,
    indices: Mapping[str, str] = INDICES,
    description: str | None = None,
) -> str:
    """The `[derivation]`, `[sizes]`, `[indices]` and `[inputs]` tables, in that order.

    `title` and `description` are written into TOML basic strings as they are (escape what TOML
    wants escaped); the description goes into a multi-line one. `inputs` is the body of
    `[inputs]`, one input a line (indentation and surrounding blank lines are dropped).
    `sizes` maps each size to its meaning (or to an inline table as written, when it starts
    with "{", such as `{ description = "rows", min = 2 }`) and `indices` each index to its
    size, both written in the order given. Nothing else is added, so the text may serve as a
    `str.format` template when the arguments double their braces.
    """
    derivation = f'title = "{title}"\n'
    if description is not None:
        text = description.strip("\n")
        derivation += f'description = """\n{text}\n"""\n'
    tables = {
        "derivation": derivation,
        "sizes": "".join(f"{name} = {_value(meaning)}\n" for name, meaning in sizes.items()),
        "indices": "".join(f'{name} = "{size}"\n' for name, size in indices.items()),
        "inputs": textwrap.dedent(inputs).strip("\n") + "\n",
    }
    return "\n".join(f"[{name}]\n{body}" for name, body in tables.items())


def _value(meaning: str) -> str:
    """A size's value: its meaning as a string, or an inline table as it is written."""
    return meaning if meaning.startswith("{") else f'"{meaning}"'


def claim_tables(rows) -> str:
    """`[[claim]]` tables, one per (name, lhs, rhs) row (rhs None: a derived claim)."""
    return "".join(
        f'\n[[claim]]\nname = "{name}"\nlhs = "{lhs}"\n'
        + (f'rhs = "{rhs}"\n' if rhs is not None else "")
        for name, lhs, rhs in rows
    )


def define_tables(rows) -> str:
    """`[[define]]` tables, one per (name, index letters, expr) row ("" for a scalar)."""
    return "".join(
        f'\n[[define]]\nname = "{name}"\n'
        + (f"index = [{', '.join(map(_quoted, index))}]\n" if index else "")
        + f'expr = "{expr}"\n'
        for name, index, expr in rows
    )


def _quoted(letter: str) -> str:
    return f'"{letter}"'
