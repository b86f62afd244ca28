"""The context of a Markdown derivation: what the names of the document mean, from TOML.

A document does not say that `h` is N×L or that `\\sigma^2` is one name; its context does,
in the tables of a derivation file and four of its own:

    [sizes]      N = "rows"                                  (as in a derivation file)
    [indices]    i = "N"                                     (as in a derivation file)
    [inputs]     X = { shape = ["N", "D"], latex = "X" }     (as in a derivation file)
    [defines]    var = { shape = ["L"], latex = "\\\\sigma^2" }  what the document defines
    [spellings]  W = ["\\\\mathit{w}"]                         more ways a name is written
    [functions]  relu = ["ReLU"]                             how a function is written
    [loss]       name, latex, of, upstream                   the scalar loss, known through
                                                             its gradient: ∂loss/∂of is the
                                                             input `upstream`
    [gradients]  loss = ["d"]                                `dW` is ∂loss/∂W
    [notation]   star = "elementwise", prime = "transpose",  how the document writes
                 softmax = "columns", differentials = "d"    matrices
    [[define]]   name, index, expr, latex                    a quantity the document
                                                             defines only in a figure, in
                                                             code or in words

The context is read either from TOML front matter between `+++` lines at the top of the
document or from a file of its own (`--context FILE.toml`), with the whitelist TOML reader
of derivation files, so that every error names its line and column in the file.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from symbn.errors import InputError, Location
from symbn.source.sections import Section, read_sections
from symbn.source.spec import Define, Input, Letter, Size, Text
from symbn.source.toml import (
    Reader,
    read_define,
    read_index,
    read_input,
    read_sizes,
    table_written,
)
from symbn.source.tomlmap import SourceMap, read_toml

TABLES = (
    "sizes",
    "indices",
    "inputs",
    "defines",
    "spellings",
    "functions",
    "loss",
    "gradients",
    "notation",
    "define",
    "section",
)
#: The keys of [notation], each with its values (the first is the default).
NOTATION = {
    "star": ("matrix", "elementwise"),
    "prime": ("derivative", "transpose"),
    "softmax": ("rows", "columns"),
    "sums": ("written", "einstein"),
    "partials": ("total", "staged"),
    "differentials": ("none", "d"),
    "positions": ("from 1", "from 0"),
    "layout": ("numerator", "denominator"),
    "ones": ("column", "matrix"),
    "transpose": ("T", "t"),
}


@dataclass(frozen=True)
class Defined:
    """A tensor the document defines: its shape (size names) and how it is written."""

    name: str
    shape: tuple[str, ...]
    latex: Text | None
    where: Location


@dataclass(frozen=True)
class Loss:
    """The scalar loss `name`, written `latex`: a function of the tensor `of` only, whose
    gradient ∂loss/∂of is the input `upstream` (of the same shape)."""

    name: str
    latex: Text | None
    of: str
    upstream: str
    where: Location


@dataclass(frozen=True)
class Context:
    """What a document's names mean; `spellings` and `functions` are (LaTeX, name) pairs."""

    path: str
    sizes: tuple[Size, ...]
    indices: tuple[Letter, ...]
    inputs: tuple[Input, ...]
    defined: tuple[Defined, ...]
    spellings: tuple[tuple[str, str], ...]
    functions: tuple[tuple[str, str], ...]
    loss: Loss | None
    where: Location
    #: Where each name of [functions] is written.
    function_names: tuple[tuple[str, Location], ...] = ()
    #: (prefix, scalar) pairs: `dW` is ∂scalar/∂W for the prefix `d` (`\\bar` for `\\bar{W}`).
    gradients: tuple[tuple[str, str], ...] = ()
    #: how the document writes matrices: `*` a matrix or an elementwise product, `'` a
    #: derivative or a transpose, softmax along rows or columns ([notation], NOTATION)
    notation: tuple[tuple[str, str], ...] = ()
    #: [[define]]: what the context defines itself, in the expression language (each of
    #: its names also in `defined`); the document's equations about them are claims.
    defines: tuple[Define, ...] = ()
    #: [[section]]: the tables that hold under a heading of the document
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Partial:
    """A context that leaves out [sizes], [indices], or both [inputs] and [defines]: the
    context inferred from the
    document completes it (`symbn.language.latex.completed`), each table it has written
    overriding the inferred one entry by entry."""

    path: str
    tables: dict
    first_line: int = 1
    #: where each value of the file sits, for the errors of its [[define]] entries
    smap: SourceMap | None = None
    sections: tuple[Section, ...] = ()


def read_any(path: str, data: bytes, first_line: int = 1) -> Context | Partial:
    """A context file: complete, or `Partial` when it leaves out [sizes], [indices], or
    both [inputs] and [defines] (its tables still known ones)."""
    if not data.strip():
        return read_context(path, data, first_line)
    doc, smap = read_toml(path, b"\n" * (first_line - 1) + data)
    r = Reader(path, smap)
    for key in sorted(doc):
        _table(r, doc, key)
    sections = read_sections(r, doc, TABLES)
    doc.pop("section", None)
    if not ("sizes" in doc and "indices" in doc and ("inputs" in doc or "defines" in doc)):
        if isinstance(doc.get("sizes"), dict):  # what can be checked alone, at its place
            read_sizes(r, doc["sizes"])
        return Partial(path, doc, first_line, smap, sections)
    return dataclasses.replace(read_context(path, data, first_line), sections=sections)


def read_context(path: str, data: bytes, first_line: int = 1) -> Context:
    """Read a context written from line `first_line` of the file `path` (front matter
    starts below its marker), every error located in that file."""
    where = Location(path, first_line, 1, "")
    if not data.strip():
        raise InputError("the context is empty; it needs at least [sizes] and [indices]", where)
    doc, smap = read_toml(path, b"\n" * (first_line - 1) + data)
    r = Reader(path, smap)
    for key in sorted(doc):
        _table(r, doc, key)
    for key in ("sizes", "indices"):
        if key not in doc:
            raise r.fail(f"the context has no [{key}] table", smap.at(first_line, 1))
    sizes = read_sizes(r, doc["sizes"])
    names = {s.name for s in sizes}
    indices = tuple(read_index(r, name, size, names) for name, size in doc["indices"].items())
    inputs = tuple(read_input(r, name, body, names) for name, body in doc.get("inputs", {}).items())
    defined = tuple(_defined(r, name, body, names) for name, body in doc.get("defines", {}).items())
    defines = read_defines(r, doc, indices)
    defined += tuple(_implied(d, indices) for d in defines if d.name not in doc.get("defines", {}))
    tensors = {t.name: t.shape for t in (*inputs, *defined)}
    loss = _loss(r, doc["loss"], tensors) if "loss" in doc else None
    known = {*names, *tensors, *([loss.name] if loss else [])}
    spellings = _spelled(r, "spellings", doc.get("spellings", {}), known)
    functions = _spelled(r, "functions", doc.get("functions", {}), None)
    named = tuple((name, r.smap.key("functions", 0, name)) for name in doc.get("functions", {}))
    scalars = {*(n for n, shape in tensors.items() if not shape), *([loss.name] if loss else [])}
    gradients = _spelled(r, "gradients", doc.get("gradients", {}), scalars)
    notation = _notation(r, doc.get("notation", {}))
    return Context(
        path,
        tuple(sizes),
        indices,
        inputs,
        defined,
        spellings,
        functions,
        loss,
        smap.at(first_line, 1),
        named,
        gradients,
        notation,
        defines,
    )


def _table(r: Reader, doc: dict, key: str) -> None:
    """A top-level key of a context: one of TABLES, each a table but [[define]] and
    [[section]]."""
    many = key in ("define", "section")
    body = doc[key]
    if key in TABLES and (
        isinstance(body, list) and all(isinstance(e, dict) for e in body)
        if many
        else isinstance(body, dict)
    ):
        return
    raise r.fail(
        f"unknown table [{key}] in a context; expected {', '.join(TABLES)}"
        if key not in TABLES
        else f"{key} must be written as [[{key}]] tables"
        if many
        else f"[{key}] must be a table",
        table_written(r.smap, key),
        len(key) + 2,
    )


def read_defines(r: Reader, doc: dict, indices: tuple[Letter, ...]) -> tuple[Define, ...]:
    """The [[define]] entries of a context, read as a derivation file's (a name the context
    also makes an input, or defines twice, is declared twice: an error at its line)."""
    letters = {i.name for i in indices}
    return tuple(read_define(r, n, body, letters) for n, body in enumerate(doc.get("define", [])))


def _implied(d: Define, indices: tuple[Letter, ...]) -> Defined:
    """The [defines] entry a [[define]] implies: the shape its index letters run over."""
    size = {i.name: i.size for i in indices}
    return Defined(d.name, tuple(size[i] for i in d.index), d.latex, d.where)


def _defined(r: Reader, name: str, body: object, sizes: set[str]) -> Defined:
    """`name = { shape = [...], latex = "..." }`: read as an input is, without `positive`."""
    for key in ("positive", "range"):
        if isinstance(body, dict) and key in body:
            raise r.fail(
                f"{name!r} is defined by the document; only an input can be declared {key}",
                r.smap.inner_key("defines", 0, name, key),
                len(key),
            )
    inp = read_input(r, name, body, sizes, table="defines")
    return Defined(inp.name, inp.shape, inp.latex, inp.where)


def _loss(r: Reader, body: dict, tensors: dict[str, tuple[str, ...]]) -> Loss:
    r.check_keys("loss", 0, body, {"name", "latex", "of", "upstream"}, {"name", "of", "upstream"})
    name = r.identifier(body["name"], r.smap.value_at("loss", 0, "name"), "loss", declare=True)
    latex = r.string("loss", 0, body, "latex") if "latex" in body else None
    of, upstream = (r.string("loss", 0, body, key) for key in ("of", "upstream"))
    if of.value not in tensors:
        raise r.fail(
            f"the loss is a function of {of.value!r}, which is not an input or a name in [defines]",
            of.where,
            len(of.value),
        )
    if upstream.value not in {i for i in tensors if i != of.value}:
        raise r.fail(
            f"the upstream gradient {upstream.value!r} is not an input",
            upstream.where,
            len(upstream.value),
        )
    if tensors[upstream.value] != tensors[of.value]:
        raise r.fail(
            f"the upstream gradient {upstream.value!r} has shape "
            f"{list(tensors[upstream.value])}, but {of.value!r} has "
            f"{list(tensors[of.value])}",
            upstream.where,
            len(upstream.value),
        )
    return Loss(name, latex, of.value, upstream.value, r.smap.table("loss"))


def _notation(r: Reader, body: dict) -> tuple[tuple[str, str], ...]:
    """[notation]: each key one of NOTATION's, its value one of that key's values."""
    out = []
    for key, value in body.items():
        if key not in NOTATION:
            raise r.fail(
                f"unknown key {key!r} in [notation]; expected {', '.join(NOTATION)}",
                r.smap.key("notation", 0, key),
                len(key),
            )
        if value not in NOTATION[key]:
            choices = " or ".join(f'"{v}"' for v in NOTATION[key])
            raise r.fail(f"[notation] {key} is {choices}", r.smap.value_at("notation", 0, key), 1)
        out.append((key, value))
    return tuple(out)


def _spelled(
    r: Reader, table: str, body: dict, known: set[str] | None
) -> tuple[tuple[str, str], ...]:
    """`name = ["spelling", ...]` entries as (spelling, name) pairs; the names of [functions]
    are the language's to know (`symbn.language.latex.symbols.of_context` checks them)."""
    out = []
    for name, spellings in body.items():
        at = r.smap.key(table, 0, name)
        if known is not None and name not in known:
            what = {"functions": "function", "gradients": "scalar"}.get(
                table, "size, tensor or loss"
            )
            raise r.fail(
                f"[{table}] spells {name!r}, which is not a {what} of the context", at, len(name)
            )
        if not isinstance(spellings, list) or not all(isinstance(s, str) for s in spellings):
            raise r.fail(
                f'{name!r} takes a list of LaTeX spellings, such as ["ReLU"]',
                r.smap.value_at(table, 0, name),
            )
        out += [(s, name) for s in spellings]
    return tuple(out)


#: Letters a context may be given as spare indices, in the order they are taken.
SPARE_POOL = "pqrsuvwyzabcefgo"
#: The index letters each size should have for a matrix-level line to be read element by
#: element (a product of three matrices and a column sum need four over one size, a row
#: softmax's Jacobian applied inside a sum and a trace eight).
SPARES = 8


def with_spares(context: Context, text: str) -> Context:
    """The context with spare index letters for each size that declares fewer than
    `SPARES`: letters that stand alone nowhere in the document's `text` and name nothing
    in the context, so that reading a matrix-level line at index level never runs out."""
    taken = {i.name for i in context.indices} | {s.name for s in context.sizes}
    taken |= {t.name for t in (*context.inputs, *context.defined)}
    taken |= {name for _, name in context.spellings}
    if context.loss is not None:
        taken.add(context.loss.name)
    pool = [
        x
        for x in SPARE_POOL
        if x not in taken and not re.search(rf"(?<![A-Za-z\\]){x}(?![A-Za-z])", text)
    ]
    extra = []
    count = {s.name: sum(1 for i in context.indices if i.size == s.name) for s in context.sizes}
    axes = {a for t in (*context.inputs, *context.defined) for a in t.shape}
    used = [s for s in context.sizes if s.name in axes]  # a tensor's axes first, then the rest
    for group in (used, [s for s in context.sizes if s.name not in axes]):
        while pool and any(count[s.name] < SPARES for s in group):  # one size at a time
            for size in group:
                if pool and count[size.name] < SPARES:
                    extra.append(Letter(pool.pop(0), size.name, context.where))
                    count[size.name] += 1
    if not extra:
        return context
    return dataclasses.replace(context, indices=(*context.indices, *extra))
