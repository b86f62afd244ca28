"""A context completed from its document: the user writes only what the document does not
say, or says otherwise.

A context file (or front matter) that leaves out [sizes] or [indices] is `Partial`. The
context symbn infers from the document (`symbn.language.latex.guessed`) is inferred with
the partial one's facts as given — its sizes, the size of each index letter it declares
(an inferred size of that letter takes the user's name everywhere), the shapes of the names
it declares — and each table the user wrote then overrides the inferred one entry by entry:
a name the user declares an input is not also inferred as defined, nor the other way round,
and the `[loss]`'s upstream gradient, named or not, is an input shaped as what the loss is a
function of. A `[[define]]` of the user's is a defined name of the shape its index letters
run over. The result is read as any context file is.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping

from symbn.errors import InputError, Location
from symbn.language.functions import UNSAID_FUNCTIONS
from symbn.language.latex import guessed
from symbn.language.latex.infer import Guess
from symbn.language.latex.loadable import loadable
from symbn.source.context import Context, Partial, read_any, read_defines
from symbn.source.document.formats import read_document
from symbn.source.document.markdown import Document
from symbn.source.sections import overridden
from symbn.source.toml import Reader
from symbn.source.tomlwrite import sections_text, toml_text


def toml_of(doc: Document, partial: Partial) -> str:
    """The context of `doc` completed from `partial`, as the TOML of a context file (what
    `symbn context DOC --context FILE` prints)."""
    user = partial.tables
    inferred = tomllib.loads(guessed.toml(guessed.solved(doc, lambda g: _seed(g, user))))
    return (
        "# Completed by symbn from the document and "
        + partial.path
        + "\n"
        + toml_text(_merged(inferred, user))
        + sections_text([s.body for s in partial.sections if s.body is not None])
    )


def completed(doc: Document, partial: Partial) -> Context:
    """The context of `doc`: the inferred one, with `partial`'s facts and tables over it."""
    text = toml_of(doc, partial)
    try:  # an inferred entry that does not read is left out, as with no context at all
        ctx = loadable(partial.path, text, partial.tables)[0]
    except InputError as exc:
        raise InputError(
            f"the context of {doc.path}, completed from what the document says, does not "
            f"read: {exc.message} (write the table it names in the context)",
            Location(partial.path, partial.first_line, 1, ""),
        ) from None
    if partial.smap is None or "define" not in partial.tables:
        return ctx
    r = Reader(partial.path, partial.smap)  # the [[define]] entries where the user wrote them
    return dataclasses.replace(ctx, defines=read_defines(r, partial.tables, ctx.indices))


def _seed(guess: Guess, user: Mapping) -> None:
    """What the user declares, given to the inference before it solves the shapes."""
    indices = {k: v for k, v in user.get("indices", {}).items() if isinstance(v, str)}
    rename = {guess.ranges[x]: s for x, s in indices.items() if guess.ranges.get(x, s) != s}
    shapes = _declared_shapes(user)
    for name in set(shapes) & set(guess.sizes):  # a name declared a tensor is no size: its
        rename[name] = f"n_{name}"  # letters run over a size of their own
    for name, shape in shapes.items():  # the letters at a declared name's axes run over them
        t = guess.tensors.get(name)
        for letters, size in zip(t.axes if t else [], shape, strict=False):
            for x in sorted(letters - set(indices)):
                if guess.ranges.get(x, size) != size:
                    rename.setdefault(guess.ranges[x], size)
    guess.ranges = {x: rename.get(s, s) for x, s in guess.ranges.items()} | indices
    guess.said = {k: v for k, v in user.get("notation", {}).items() if isinstance(v, str)}
    sizes = [rename.get(s, s) for s in guess.sizes] + list(user.get("sizes", {}))
    sizes += [*indices.values(), *(s for sh in shapes.values() for s in sh)]  # sizes they use
    guess.sizes = list(dict.fromkeys(sizes))
    guess.shapes = {n: tuple(rename.get(s, s) for s in sh) for n, sh in guess.shapes.items()}
    guess.shapes |= shapes
    for name in shapes:  # h declared a tensor: h(x + b) is a product, no function left unsaid
        for spelling in (name, "\\" + name):  # (φ is declared phi)
            if guess.functions.get(spelling) in UNSAID_FUNCTIONS:
                del guess.functions[spelling]
    for name, shape in _defined_shapes(user, guess.ranges).items():
        guess.shapes[name] = shape
        if name in guess.tensors:  # what the context defines is defined, from what it uses
            entry = next(b for b in user["define"] if b.get("name") == name)
            used = _words(str(entry.get("expr", ""))) & set(guess.tensors)
            for n in used - {name}:
                guess.tensors[n].used = True
            t = guess.tensors[name]
            t.defined, t.sources = True, used - {name}
            t.order = max((guess.tensors[n].order + 1 for n in t.sources), default=t.order)


def _declared_shapes(
    user: Mapping, tables: tuple[str, ...] = ("inputs", "defines")
) -> dict[str, tuple[str, ...]]:
    """The shape of each name the user's `tables` declare with a list of size names (a
    malformed entry is the context reader's to report)."""
    return {
        name: tuple(body["shape"])
        for table in tables
        for name, body in user.get(table, {}).items()
        if isinstance(body, dict)
        and isinstance(body.get("shape"), list)
        and all(isinstance(s, str) for s in body["shape"])
    }


def _words(text: str) -> set[str]:
    """The names an expression-language text writes (what a [[define]] uses, for the
    inference only: the expression itself is read by the language's parser)."""
    out, word = set(), ""
    for ch in text + " ":
        if ch.isalnum() or ch == "_":
            word += ch
            continue
        if word and not word[0].isdigit():
            out.add(word)
        word = ""
    return out


def _defined_shapes(user: Mapping, ranges: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """The shape of each name of the user's [[define]] entries whose index letters all run
    over a known size (a malformed entry is the context reader's to report)."""
    out = {}
    for body in user.get("define", []):
        if not isinstance(body, dict):
            continue
        name, index = body.get("name"), body.get("index", [])
        if isinstance(name, str) and isinstance(index, list) and all(i in ranges for i in index):
            out[name] = tuple(ranges[i] for i in index)
    return out


def _merged(inferred: dict, user: Mapping) -> dict:
    out: dict = {k: list(v) if isinstance(v, list) else dict(v) for k, v in inferred.items()}
    shaped = [  # with a [sizes] table, another size in a shape is a slip
        (size, f"from the context's [{table}]")
        for table in (("inputs", "defines") if "sizes" not in user else ())
        for shape in _declared_shapes(user, (table,)).values()
        for size in shape
    ]
    said = [(size, "from the context's [indices]") for size in user.get("indices", {}).values()]
    for size, why in [*said, *shaped]:  # declared by the letters and shapes that use it
        if isinstance(size, str) and size not in out.setdefault("sizes", {}):
            out["sizes"][size] = why
    if "loss" in user and "loss" in out:  # the inferred loss's upstream goes with it
        inferred = out.pop("loss")
        out.get("inputs", {}).pop(inferred.get("upstream"), None)
        named = user["loss"].get("name") if isinstance(user["loss"], dict) else None
        prefixes = out.get("gradients", {}).pop(inferred.get("name"), None)
        if prefixes is not None and isinstance(named, str):  # dW = ∂J/∂W: of the user's loss
            out["gradients"].setdefault(named, prefixes)
    own = set()
    for body in user.get("define", []):  # a [[define]] is the context's own definition
        name = body.get("name") if isinstance(body, dict) else None
        own.add(name)
        for table in ("inputs", "defines"):
            out.get(table, {}).pop(name, None)
    tensors = {n for table in ("inputs", "defines") for n in user.get(table, {})}
    if "define" in out:  # an inferred [[define]] (e_i a basis vector) of a name the user gives
        out["define"] = [b for b in out["define"] if b.get("name") not in own | tensors]
    for name in tensors & set(out.get("sizes", {})):  # a name the user makes a tensor is no
        del out["sizes"][name]  # size: what was inferred to run over it is left out
        out["indices"] = {x: s for x, s in out.get("indices", {}).items() if s != name}
        for table in ("inputs", "defines"):
            body = out.get(table, {})
            for t in [t for t, v in body.items() if name in v.get("shape", [])]:
                del body[t]
    for name in tensors:
        out.get("indices", {}).pop(name, None)
    out = overridden(out, user)
    loss = out.get("loss")
    if loss is not None and isinstance(loss.get("of"), str):  # its upstream, an input
        of = loss["of"]
        tensor = out.get("inputs", {}).get(of) or out.get("defines", {}).get(of) or {}
        upstream = loss.setdefault("upstream", f"d{loss.get('name', 'loss')}_d{of}")
        if isinstance(upstream, str) and upstream not in out.get("inputs", {}):
            out.setdefault("inputs", {})[upstream] = {"shape": tensor.get("shape", [])}
    return out


def completed_text(text: str, path: str, context_path: str, data: bytes) -> str:
    """`symbn context DOC --context FILE`: the partial context of FILE completed from the
    document (`InputError` for a complete one: there is nothing to complete)."""
    given = read_any(context_path, data)
    if not isinstance(given, Partial):
        first = data.decode("utf-8", "replace").split("\n", 1)[0]
        raise InputError(
            f"{context_path} is a complete context: there is nothing to complete",
            Location(context_path, 1, 1, first),
        )
    return toml_of(read_document(text, path), given)
