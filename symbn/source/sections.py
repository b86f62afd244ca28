"""A context's sections: tables that hold only under one heading of the document.

A document may give a letter another meaning in another part of it: X an N × D matrix in
the layer's derivation, a column of N numbers in a section that works one feature at a
time. A `[[section]]` entry of the context names the heading it is under and holds tables
of its own, written as the context's are:

    [[section]]
    heading = "Column-wise gradient"
    [section.inputs]
    X = { shape = ["N"] }

The lines under that heading, to the next heading of the same or a higher level, are read
with the context's tables and the section's over them, entry by entry (a name the section
makes an input is no longer defined, and the other way round; its `[[define]]` entries are
added); every other line with the context's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from symbn.errors import Location
from symbn.source.toml import Reader


@dataclass(frozen=True)
class Section:
    """The tables that hold under one heading: the context's with the section's over them."""

    heading: str
    tables: dict
    where: Location
    #: the section's own tables, as written (what `symbn context` prints back)
    body: dict | None = None


def read_sections(r: Reader, doc: dict, tables: Iterable[str]) -> tuple[Section, ...]:
    """The `[[section]]` entries of a context's tables `doc`, each with its heading and
    tables among `tables` (an error at the entry otherwise)."""
    known = set(tables) - {"section"}
    base = {k: v for k, v in doc.items() if k != "section"}
    out = []
    for n, body in enumerate(doc.get("section", [])):
        where = r.smap.table("section", n)
        heading = body.get("heading")
        if not isinstance(heading, str) or not heading.strip():
            raise r.fail('a [[section]] names the heading it is under: heading = "…"', where)
        for key, value in body.items():
            many = key == "define"
            fits = isinstance(value, list) if many else isinstance(value, dict)
            if key != "heading" and (key not in known or not fits):
                raise r.fail(
                    f"[section.{key}] is not a table of a context; a section holds "
                    f"{', '.join(sorted(known))}",
                    where,
                )
        said = " ".join(heading.split())
        out.append(Section(said, overridden(base, body), where, body))
    return tuple(out)


def overridden(base: dict, body: dict) -> dict:
    """The context's tables `base` with those of `body` (a section's, or a partial context's
    over the inferred one) over them, entry by entry: a name `body` makes an input is no
    longer defined and the other way round, and its `[[define]]` entries are added."""
    out: dict = {k: list(v) if isinstance(v, list) else dict(v) for k, v in base.items()}
    for key, value in body.items():
        if key == "heading":
            continue
        if key == "define":
            out["define"] = [*out.get("define", []), *value]
            continue
        if key in ("inputs", "defines"):
            other = out.get("defines" if key == "inputs" else "inputs", {})
            for name in value:
                other.pop(name, None)
        out.setdefault(key, {}).update(value)
    return out
