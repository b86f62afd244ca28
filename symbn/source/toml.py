"""Reading a TOML derivation file into a `Spec`, its tables checked for shape.

Only the structure is checked here (required tables, key names and types, identifiers,
duplicates, sizes of indices and shapes); every string keeps its place in the file.
"""

from __future__ import annotations

import keyword
import re
import tomllib
from pathlib import Path

from symbn.errors import InputError, Location
from symbn.source import reading
from symbn.source.spec import Claim, Define, Input, Layer, Letter, Size, Spec, Text
from symbn.source.tomlmap import SourceMap, read_toml

_TOP = {"derivation", "sizes", "indices", "inputs", "define", "claim", "layer"}
_REQUIRED = ("derivation", "sizes", "indices", "claim")
PADDING = ("zero", "valid")  # `padding`: reads off an axis are zeros, or there are none


class Reader:
    """Structural checks of a TOML file's tables, each failure located."""

    def __init__(self, path: str, smap: SourceMap):
        self.path = path
        self.smap = smap
        self.names: dict[str, Location] = {}

    def fail(self, message: str, where: Location, width: int = 1) -> InputError:
        return InputError(message, where, width)

    def check_keys(self, table: str, entry: int, got: dict, allowed: set[str], needed: set[str]):
        for key in sorted(got):
            if key not in allowed:
                where = self.smap.key(table, entry, key)
                raise self.fail(
                    f"unknown key {key!r} in [{table}]; expected one of "
                    f"{', '.join(sorted(allowed))}",
                    where,
                    len(key),
                )
        for key in sorted(needed - set(got)):
            raise self.fail(
                f"[{table}] is missing the required key {key!r}", self.smap.table(table, entry)
            )

    def string(self, table: str, entry: int, got: dict, key: str) -> Text:
        value = got[key]
        if not isinstance(value, str):
            raise self.fail(
                f"{key!r} must be a string, not {type(value).__name__}",
                self.smap.value_at(table, entry, key),
            )
        return self.smap.value(table, entry, key, value)

    def identifier(self, name: object, where: Location, what: str, *, declare: bool) -> str:
        if not isinstance(name, str) or not name.isidentifier() or not name.isascii():
            raise self.fail(f"{what} name {name!r} is not an identifier", where)
        if keyword.iskeyword(name) or keyword.issoftkeyword(name):
            raise self.fail(f"{what} name {name!r} is a Python keyword", where, len(name))
        if name.startswith("_"):
            raise self.fail(f"{what} name {name!r} may not start with '_'", where, len(name))
        if declare:
            if name in self.names:
                first = self.names[name]
                raise self.fail(
                    f"{name!r} is declared twice (first at line {first.line})", where, len(name)
                )
            self.names[name] = where
        return name


def derivation_files(folder: Path) -> list[Path]:
    """The derivation files of a folder, sorted: its *.toml, but not the *.context.toml that
    holds a Markdown document's context."""
    return sorted(p for p in folder.glob("*.toml") if not p.name.endswith(".context.toml"))


def is_derivation(path: str | Path) -> bool:
    """Whether a TOML file named on the command line is a derivation file: not a document's
    *.context.toml, and a [derivation] table (pyproject.toml has none). A file that cannot
    be read or parsed counts as one, so that verifying it says what is wrong."""
    if str(path).endswith(".context.toml"):
        return False
    try:
        return "derivation" in tomllib.loads(reading.decode(str(path), reading.read_path(path)))
    except (InputError, tomllib.TOMLDecodeError, RecursionError):
        return True


def load(path: str | Path) -> Spec:
    """Read and structurally check one derivation file."""
    path = str(path)
    return loads(path, reading.read_path(path))


def loads(path: str, data: bytes) -> Spec:
    """Structurally check the bytes of a derivation file named `path`."""
    doc, smap = read_toml(path, data)
    r = Reader(path, smap)
    for key in sorted(doc):
        if key not in _TOP:
            where = table_written(smap, key)
            raise r.fail(
                f"unknown table [{key}]; expected {', '.join(sorted(_TOP))}",
                where,
                len(where.source.split("=")[0].strip()),
            )
    for key in _REQUIRED:
        if key not in doc:
            raise r.fail(f"missing required table [{key}]", smap.at(1, 1))
    for key in ("derivation", "sizes", "indices", "inputs", "layer"):
        if key in doc and not isinstance(doc[key], dict):
            raise r.fail(f"[{key}] must be a table", table_written(smap, key))
    for key in ("define", "claim"):
        if key in doc and not (
            isinstance(doc[key], list) and all(isinstance(e, dict) for e in doc[key])
        ):
            raise r.fail(f"{key} must be written as [[{key}]] tables", table_written(smap, key))

    meta = doc["derivation"]
    r.check_keys("derivation", 0, meta, {"title", "description", "padding"}, {"title"})
    title = r.string("derivation", 0, meta, "title")
    padding = r.string("derivation", 0, meta, "padding") if "padding" in meta else None
    if padding is not None and padding.value not in PADDING:
        raise r.fail('padding must be "zero" or "valid"', padding.where, len(padding.value))
    description = (
        r.string("derivation", 0, meta, "description")
        if "description" in meta
        else Text("", smap.table("derivation"))
    )
    sizes = read_sizes(r, doc["sizes"])
    if not sizes:
        raise r.fail("[sizes] declares no size", smap.table("sizes"))
    size_names = {s.name for s in sizes}

    indices = [read_index(r, name, size, size_names) for name, size in doc["indices"].items()]
    inputs = [read_input(r, name, body, size_names) for name, body in doc.get("inputs", {}).items()]
    index_names = {i.name for i in indices}
    defines = [read_define(r, n, body, index_names) for n, body in enumerate(doc.get("define", []))]

    claims, claim_names = [], {}
    for n, body in enumerate(doc["claim"]):
        r.check_keys(
            "claim",
            n,
            body,
            {"name", "title", "description", "lhs", "rhs", "steps"},
            {"name", "lhs"},
        )
        where = smap.key("claim", n, "name")
        written = _name_at(smap, "claim", n)
        name = r.identifier(body["name"], written, "claim", declare=False)
        if name in claim_names:
            raise r.fail(
                f"claim {name!r} is declared twice (first at line {claim_names[name]})",
                written,
                len(name),
            )
        claim_names[name] = where.line
        title_text = r.string("claim", n, body, "title") if "title" in body else Text(name, written)
        steps = body.get("steps", False)
        if not isinstance(steps, bool):
            raise r.fail("'steps' must be true or false", smap.value_at("claim", n, "steps"))
        rhs = r.string("claim", n, body, "rhs") if "rhs" in body else None
        described = r.string("claim", n, body, "description") if "description" in body else None
        claims.append(
            Claim(name, title_text, r.string("claim", n, body, "lhs"), rhs, steps, where, described)
        )

    layer = _layer(r, doc["layer"], claim_names) if "layer" in doc else None
    return Spec(
        path,
        title,
        description,
        tuple(sizes),
        tuple(indices),
        tuple(inputs),
        tuple(defines),
        tuple(claims),
        layer,
        "zero" if padding is None else padding.value,
    )


def table_written(smap: SourceMap, key: str) -> Location:
    """Where a top-level table or key is written: its [header], else `key = ...`."""
    header = smap.table(key)
    written = re.match(rf"\s*\[\[?\s*{re.escape(key)}\s*\]", header.source)
    return header if written else smap.key("", 0, key)


def _name_at(smap: SourceMap, table: str, entry: int) -> Location:
    """Where the value of `name = "..."` begins in the `entry`-th [[table]]."""
    return smap.value_at(table, entry, "name")


#: The largest `min` of a size: the concrete check samples every size at its minimum.
MAX_MINIMUM = 10


def _size(r: Reader, name: str, body: object) -> Size:
    """`N = "description"` or `N = { description = "...", min = 2 }`."""
    where = r.smap.key("sizes", 0, name)
    r.identifier(name, where, "size", declare=True)
    if isinstance(body, str):
        return Size(name, r.smap.value("sizes", 0, name, body), where)
    if not isinstance(body, dict):
        raise r.fail(
            f"size {name!r} takes a description string, or a table such as "
            '{ description = "rows", min = 2 }',
            r.smap.value_at("sizes", 0, name),
        )
    for key in sorted(body):
        if key not in {"description", "min"}:
            raise r.fail(
                f"unknown key {key!r} for size {name!r}; expected description, min",
                r.smap.inner_key("sizes", 0, name, key),
                len(key),
            )
    desc = body.get("description")
    at = r.smap.inner_key("sizes", 0, name, "description")
    if not isinstance(desc, str):
        raise r.fail(
            f"size {name!r} needs a description string",
            where if desc is None else _inner_value(r, at),
            len(name) if desc is None else 1,
        )
    minimum = body.get("min", 1)
    if type(minimum) is not int or not 1 <= minimum <= MAX_MINIMUM:
        raise r.fail(
            f"'min' of size {name!r} must be a whole number from 1 to {MAX_MINIMUM}, "
            f"not {minimum!r}",
            _inner_value(r, r.smap.inner_key("sizes", 0, name, "min")),
        )
    return Size(name, Text(desc, r.smap.find(at, '"').shifted(1)), where, minimum)


def _inner_value(r: Reader, key: Location) -> Location:
    """Where the value of an inline table's `key = value` begins, from where `key` is."""
    eq = r.smap.find(key, "=")
    rest = eq.source[eq.col :]
    return eq.shifted(1 + len(rest) - len(rest.lstrip()))


def read_sizes(r: Reader, body: dict) -> list[Size]:
    """The sizes of [sizes]: `NAME = "description"` or an inline table with a `min`."""
    return [_size(r, name, value) for name, value in body.items()]


def read_index(r: Reader, name: str, size: object, size_names: set[str]) -> Letter:
    """`name = "SIZE"` of [indices]."""
    where = r.smap.key("indices", 0, name)
    r.identifier(name, where, "index", declare=True)
    if not isinstance(size, str):
        raise r.fail(
            f'index {name!r} takes the name of a size, such as "N"',
            r.smap.value_at("indices", 0, name),
        )
    if size not in size_names:
        raise r.fail(
            f"index {name!r} ranges over {size!r}, which is not a declared size",
            r.smap.value_at("indices", 0, name),
        )
    return Letter(name, size, where)


def read_input(
    r: Reader, name: str, body: object, size_names: set[str], table: str = "inputs"
) -> Input:
    """`name = { shape = [...], positive = ..., latex = "...", description = "..." }` of
    [inputs] (or of a context's [defines])."""
    where = r.smap.key(table, 0, name)
    r.identifier(name, where, "input", declare=True)
    if not isinstance(body, dict):
        raise r.fail(
            f'input {name!r} takes an inline table such as {{ shape = ["N"] }}', where, len(name)
        )
    for key in sorted(body):
        if key not in {"shape", "positive", "latex", "description", "simplex", "range"}:
            raise r.fail(
                f"unknown key {key!r} for input {name!r}; expected description, "
                "latex, positive, range, shape, simplex",
                r.smap.inner_key(table, 0, name, key),
                len(key),
            )
    shape = body.get("shape")
    if shape is None:
        raise r.fail(f"input {name!r} needs a shape (use [] for a scalar)", where, len(name))
    swhere = r.smap.inner_key(table, 0, name, "shape")
    if not isinstance(shape, list) or not all(isinstance(s, str) for s in shape):
        raise r.fail("shape must be a list of size names", swhere, len("shape"))
    for s in shape:
        if s not in size_names:
            raise r.fail(
                f"shape of {name!r} uses {s!r}, which is not a declared size",
                r.smap.find(swhere, f'"{s}"'),
                len(s) + 2,
            )
    positive = body.get("positive", False)
    if not isinstance(positive, bool):
        raise r.fail(
            "'positive' must be true or false", r.smap.inner_key(table, 0, name, "positive")
        )
    simplex = body.get("simplex")
    if simplex is not None and (not isinstance(simplex, str) or simplex not in shape):
        raise r.fail(
            f"'simplex' of input {name!r} names the axis whose entries sum to one: "
            f"one of its shape's sizes ({', '.join(shape) or 'it has none'}), not "
            f"{simplex!r}",
            _inner_value(r, r.smap.inner_key(table, 0, name, "simplex")),
        )
    if simplex is not None and shape.count(simplex) > 1:
        raise r.fail(
            f"'simplex' of input {name!r} is ambiguous: two of its axes have size {simplex}",
            _inner_value(r, r.smap.inner_key(table, 0, name, "simplex")),
        )
    label = body.get("range")
    if label is not None and (str(label) not in size_names or not shape or positive or simplex):
        raise r.fail(
            f"'range' of input {name!r} makes it a label, whole numbers in 1..SIZE: a declared "
            f"size ({', '.join(sorted(size_names))}), for an input with a shape and neither "
            f"positive nor simplex, not {label!r}",
            _inner_value(r, r.smap.inner_key(table, 0, name, "range")),
        )
    texts = {}
    for key in ("latex", "description"):  # an inline table's strings: placed at their key
        value = body.get(key)
        at = r.smap.inner_key(table, 0, name, key)
        if value is not None and not isinstance(value, str):
            raise r.fail(f"{key!r} must be a string", at)
        texts[key] = None if value is None else Text(value, r.smap.find(at, '"').shifted(1))
    return Input(
        name, tuple(shape), positive, texts["latex"], where, texts["description"], simplex, label
    )


def read_define(r: Reader, n: int, body: dict, index_names: set[str]) -> Define:
    r.check_keys(
        "define", n, body, {"name", "index", "expr", "latex", "description"}, {"name", "expr"}
    )
    where = r.smap.key("define", n, "name")
    name = r.identifier(body["name"], _name_at(r.smap, "define", n), "definition", declare=True)
    index = body.get("index", [])
    iwhere = r.smap.key("define", n, "index")
    if not isinstance(index, list) or not all(isinstance(i, str) for i in index):
        raise r.fail("'index' must be a list of index names", r.smap.value_at("define", n, "index"))
    for i in index:
        if i not in index_names:
            raise r.fail(
                f"definition {name!r} uses index {i!r}, which is not declared in [indices]",
                r.smap.find(iwhere, f'"{i}"'),
                len(i) + 2,
            )
    for k, i in enumerate(index):
        if i in index[:k]:
            first = r.smap.find(iwhere, f'"{i}"')
            raise r.fail(
                f"definition {name!r} repeats the index {i!r}",
                r.smap.find(first.shifted(1), f'"{i}"'),
                len(i) + 2,
            )
    latex = r.string("define", n, body, "latex") if "latex" in body else None
    described = r.string("define", n, body, "description") if "description" in body else None
    return Define(
        name,
        tuple(index),
        r.string("define", n, body, "expr"),
        latex,
        where,
        described,
        _name_at(r.smap, "define", n),
    )


def _layer(r: Reader, body: dict, claim_names: dict[str, int]) -> Layer:
    r.check_keys(
        "layer", 0, body, {"output", "upstream", "gradients"}, {"output", "upstream", "gradients"}
    )
    output = r.string("layer", 0, body, "output").value
    upstream = r.string("layer", 0, body, "upstream").value
    grads = body["gradients"]
    gwhere = r.smap.key("layer", 0, "gradients")
    if not isinstance(grads, dict) or not all(isinstance(v, str) for v in grads.values()):
        raise r.fail("'gradients' maps input names to claim names", gwhere)
    for claim in grads.values():
        if claim not in claim_names:
            raise r.fail(
                f"'gradients' names {claim!r}, which is not a claim",
                r.smap.find(gwhere, f'"{claim}"'),
                len(claim) + 2,
            )
    entries = tuple(sorted(grads.items()))
    at = tuple(
        r.smap.find(r.smap.find(gwhere, f"{name} "), f'"{claim}"') for name, claim in entries
    )
    return Layer(output, upstream, entries, r.smap.table("layer"), at)
