"""Tables written back as the TOML of a context file: what `symbn context` prints, and the
text a context completed or narrowed to a section is read from again (by the whitelist
reader, as any context file is)."""

from __future__ import annotations

from symbn.errors import InputError, Location


def toml_text(tables: dict) -> str:
    """The tables as the TOML of a context file."""
    lines = []
    for table, body in tables.items():
        for entry in body if isinstance(body, list) else [body]:
            lines.append(f"[[{table}]]" if isinstance(body, list) else f"[{table}]")
            lines += [f"{key_text(k)} = {value_text(v)}" for k, v in entry.items()]
            lines.append("")
    return "\n".join(lines)


def sections_text(bodies: list[dict]) -> str:
    """`[[section]]` entries as written: the heading, then each table under the section."""
    lines = []
    for body in bodies:
        lines += ["[[section]]", f"heading = {value_text(body.get('heading', ''))}", ""]
        for table, inner in body.items():
            if table == "heading":
                continue
            for entry in inner if isinstance(inner, list) else [inner]:
                many = isinstance(inner, list)
                lines.append(f"[[section.{table}]]" if many else f"[section.{table}]")
                lines += [f"{key_text(k)} = {value_text(v)}" for k, v in entry.items()]
                lines.append("")
    return "\n".join(lines)


def key_text(k: str) -> str:
    return k if k.replace("_", "a").isalnum() and k.isascii() else value_text(k)


def value_text(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list):
        return "[" + ", ".join(value_text(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{key_text(k)} = {value_text(x)}" for k, x in v.items()) + " }"
    raise InputError(f"a context value {v!r} is not read", Location("<context>", 1, 1, ""))
