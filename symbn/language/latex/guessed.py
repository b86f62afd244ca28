"""The context inferred from a document (`symbn.language.latex.infer`), written as the
TOML of a context file: the text `symbn context DOC` prints, and the context `symbn check
DOC` reads the document with when it has no other.

Only what the document says is written: a name the language reserves, a loss whose tensor
is unclear, or a name whose equation is not read as its definition is left out, so that its
lines are unchecked rather than refuted."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from symbn.errors import InputError, Location, SymbnError
from symbn.language.functions import RESERVED
from symbn.language.latex import basis
from symbn.language.latex.aliases import one_size
from symbn.language.latex.conformance import unconformed
from symbn.language.latex.guess import differentials, differentiated_through, losses_of, sized
from symbn.language.latex.infer import Guess, Tensor, infer
from symbn.language.latex.loadable import loadable, plain
from symbn.language.latex.nablas import nabla_stems
from symbn.language.latex.naming import d_named
from symbn.language.latex.onehot import encodings, toml_lines
from symbn.language.latex.prose import (
    called,
    named_functions,
    ones_matrix,
    says_einstein,
    says_identity,
)
from symbn.language.latex.sizing import add_size
from symbn.language.latex.solve import PLACEHOLDER, solve
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.upper import labelled
from symbn.source.context import Context
from symbn.source.document.formats import read_document
from symbn.source.document.markdown import Document


def _shape(guess: Guess, t: Tensor) -> tuple[str, ...]:
    given = guess.shapes.get(t.name)
    if given is not None and len(t.axes) <= len(given):  # X_i of X in R^{n x d}: its row i
        # (an index letter there, x^{(i)} read as x's row: the size it runs over)
        return tuple(x if sized(guess, x) else guess.ranges.get(x, x) for x in given)
    return tuple(
        _range(guess, lower)
        if (lower := {x for x in axis if not sized(guess, x) and not x.isdigit()})
        else min(x for x in axis if not x.isdigit())
        for axis in t.axes
    )


def _range(guess: Guess, letters: set[str]) -> str:
    """The size index letters at one axis run over: the first one's, else one of their own
    (a letter first met after the ranges were unified, by a seed or a merge)."""
    known = [guess.ranges[x] for x in sorted(letters) if x in guess.ranges]
    if known:
        return known[0]
    size = f"n_{min(letters)}"
    guess.ranges[min(letters)] = size
    guess.invented.add(size)
    add_size(guess, size)
    return size


def _loss(guess: Guess) -> tuple[Tensor, Tensor] | None:
    """(the loss, the tensor it is a function of), when the document says both; a loss
    the document only writes gradients of (`dO`, `dV`) has no spelling of its own."""
    losses = losses_of(guess) or ([Tensor(LOSS)] if _prefix(guess) else [])
    outputs = [
        t
        for t in guess.tensors.values()
        if t.denominator and t.defined and (t.axes or guess.shapes.get(t.name)) and not t.opaque
    ]
    if len(losses) != 1 or not outputs:
        return None
    taken = [t for t in outputs if (losses[0].name, t.name) in guess.pairs]
    outputs = taken or outputs  # ∂J/∂Y beside ∂a/∂B: J is of Y
    last = [t for t in outputs if not t.used] or outputs  # the output: what nothing uses
    return losses[0], max(last, key=lambda t: t.order)


def _prefix(guess: Guess) -> bool:
    """Whether `d` marks gradients (`dW = …`, `dZ`): two rows begin with one, every name
    after a `d` is a tensor, and d is no name, size or index of its own."""
    taken = (
        "d" in guess.tensors or "d" in guess.ranges or ("d" in guess.sizes and not d_named(guess))
    )
    known = all(n in guess.tensors or n in guess.bare for n in guess.prefixed)
    free = not taken or guess.bold  # a bold d is none of the plain d's meanings
    return free and known and sum(guess.prefixed.values()) >= 2 and not differentials(guess)


def _through(guess: Guess, t: Tensor) -> bool:
    """Whether the document differentiates by a name that `t`'s definition uses (∂L/∂X
    beside Y = XW): then t is defined by it; else (h = XW + b, and derivatives by h alone)
    t is an input, the variable of the lines that use it."""
    return any((s := guess.tensors.get(name)) is not None and s.denominator for name in t.sources)


def _numbered(spelling: str) -> bool:
    """Whether a spelling ends in a numeric subscript, `\\mu_{1}`."""
    head, sep, tail = spelling.rpartition("_{")
    return bool(head and sep) and tail.endswith("}") and tail[:-1].isdigit()


def solved(doc: Document, seed: Callable[[Guess], None] | None = None) -> Guess:
    """The guess, with the shapes of the names written whole solved from their use; `seed`
    gives it what a context declares before the shapes are solved."""
    guess = infer(doc)
    guess.aliases = one_size(guess)
    nabla_stems(doc, guess)
    named_functions(guess, doc)
    guess.one_hot |= called(doc, ("one-hot", "one hot"))
    guess.ones_matrix = any(ones_matrix(line) for line in doc.lines)
    guess.einstein_said = any(says_einstein(line) for line in doc.lines)
    guess.basis = basis.named(doc)
    guess.called_loss = called(doc, ("loss", "cost", "objective"))
    if seed is not None:
        seed(guess)
    said = any(says_identity(line) for line in doc.lines)
    for key, t in list(guess.tensors.items()):  # \mu_1 where μ is μ_l: an element
        base = guess.tensors.get(key.rstrip("0123456789"))
        if (
            t.identity
            or (said and t.plain_identity)
            or (_numbered(t.spellings[0]) and base not in (None, t) and base.axes)
        ):
            del guess.tensors[key]
            guess.bare.pop(key, None)
    if said and "I" not in guess.tensors:  # I written whole only: the identity
        guess.bare.pop("I", None)
    losses = {t.name for t in losses_of(guess)}
    written = {t.name: t.spellings for t in guess.tensors.values() if t.name not in losses}
    for name, spelling in guess.bare.items():  # (not i of \sum_i nor t of h_{t-1}: indices)
        if name not in losses and name not in guess.ranges:  # L in L = L(a): the loss, no size
            written.setdefault(name, [spelling, *labelled([spelling], guess.fixed)])
    written = {
        n: s
        for n, s in written.items()
        if n.isidentifier() and n not in RESERVED and n not in guess.sizes and n != LOSS
    }
    unknown = {
        n for n in written if n not in guess.shapes and not guess.tensors.get(n, Tensor(n)).axes
    }
    shapes = {
        n: PLACEHOLDER if n in unknown else _shape(guess, guess.tensors.get(n, Tensor(n)))
        for n in written
    }
    spellings = {x: n for n, s in written.items() for x in s}
    spellings |= {x: LOSS for t in losses_of(guess) for x in t.spellings}
    spellings |= {number: size for size, number in guess.numbers.items()}  # 16: n16
    spellings |= guess.aliases  # J, where the sums over J and K run along one axis: K
    try:
        symbols = Symbols(
            sizes=(*guess.sizes, *PLACEHOLDER),
            indices={
                x: s for x, s in guess.ranges.items() if not sized(guess, x) and x not in written
            },
            tensors=shapes,
            spellings=spellings,
            loss=LOSS,
            gradients={"d": LOSS} if _prefix(guess) else {},
            notation={
                **({"differentials": "d"} if differentials(guess) else {}),
                **({"positions": "from 0"} if guess.from_zero else {}),
                **({"ones": "matrix"} if guess.ones_matrix else {}),
                **({"transpose": "t"} if guess.transpose_t else {}),
                **guess.said,
            },
            functions=guess.functions,
        )
        solve(doc, guess, symbols, unknown)
    except SymbnError:
        pass  # the names do not fit together: the shapes are left as they were
    for name, rows in guess.merged.items():  # x_i beside X, a scalar: not its row
        t = guess.tensors.get(name)
        if t is not None and not _shape(guess, t):
            t.spellings = [s for s in t.spellings if s not in rows]
    return guess


#: The name the loss takes (its own, such as L or \\mathcal{L}, is its spelling).
LOSS = "loss"


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


#: Scalars that by convention are small positive constants (√(σ² + ε)).
SMALL = frozenset({"epsilon", "varepsilon"})


def _classes(guess: Guess, t: Tensor) -> str | None:
    """The number of classes of a label (y of `P_{i,y_i}`: the size of P's axis), if t is
    one: an input of one axis whose host is known."""
    host, axis = guess.classes.get(t.name, ("", 0))
    shape = _shape(guess, guess.tensors[host]) if host in guess.tensors else ()
    return shape[axis] if len(t.axes) == 1 and axis < len(shape) else None


def _entry(
    name: str,
    shape: tuple[str, ...],
    spellings: list[str],
    *,
    simplex: bool = False,
    given: bool = False,
    classes: str | None = None,
) -> str:
    parts = [f"shape = [{', '.join(_toml_string(s) for s in shape)}]"]
    default = name if len(name) == 1 else f"\\{name}"
    if spellings and spellings[0] != default:
        parts.append(f"latex = {_toml_string(spellings[0])}")
    if simplex and shape:  # one-hot along its last axis: its entries sum to one there
        parts.append(f"simplex = {_toml_string(shape[-1])}")
    if given and name in SMALL and not shape:
        parts.append("positive = true")
    if given and classes is not None:  # whole numbers 1..C that stand as an index
        parts.append(f"range = {_toml_string(classes)}")
    return f"{name} = {{ {', '.join(parts)} }}"


def toml(guess: Guess) -> str:
    """The inferred context as the TOML of a context file, with a comment on each table."""
    loss = _loss(guess)
    if loss is not None and loss[1].name in guess.sizes:
        loss = None
    skip = {loss[0].name} if loss else set()
    through = differentiated_through(guess)  # t_1 of E = ½(o_1 - t_1)²: an input
    # a name the language reserves (max), also written as a size (`n \\times K` beside a
    # matrix K) or a loss candidate not the loss is left out: better unchecked than guessed
    tensors = [
        t
        for t in guess.tensors.values()
        if t.name not in RESERVED
        and t.name not in skip
        and t.name not in guess.sizes
        and plain(t.name)
        and not (t.numerator and not t.defined and not t.axes and t.name not in through)
        and not (t.applied and not t.defined)
    ]
    used = {s for t in tensors for s in _shape(guess, t)}
    letters = {
        x: s for x, s in guess.ranges.items() if not sized(guess, x) and x not in guess.tensors
    }
    said = {*used, *letters.values(), *guess.bare, *guess.roots}
    sizes = [s for s in guess.sizes if s in said and plain(s)]
    out = [  # (x W beside W x: the vectors' shapes left unsaid, saying why)
        "# Inferred by symbn from the document: edit what it got wrong.",
        *unconformed(guess),
        "[sizes]",
    ]
    out += [f"{s} = {_toml_string('from the document')}" for s in sizes]
    out += ["", "[indices]"]
    at = len(out)  # the letters, once the one-hot encodings have taken theirs
    # a tensor defined as a whole (h = XW + b, matrix notation) is read as an input: the
    # lines that use it can be checked, its own definition cannot
    # a name the document writes an equation for but that is not read as a definition is
    # left out too: an input it is not, and its lines had better be unchecked than refuted
    tensors = [t for t in tensors if t.defined or not t.left]
    # so is a name defined whole, used as a matrix, whose shape no line tells (R = X -
    # \mathbf{1} X with the ones a matrix, then R^T R): a scalar it is not
    tensors = [t for t in tensors if not (t.defined and t.whole and t.name in guess.unsolved)]
    # G = ∂L/∂O names the loss's gradient: the upstream when O is what the loss is of, else
    # left out (a definition through the loss is none the model can hold)
    named = [
        t for t in tensors if loss is not None and t.gradient and t.gradient[0] == loss[0].name
    ]
    tensors = [t for t in tensors if t not in named]
    gradient = next((t for t in named if loss is not None and t.gradient[1] == loss[1].name), None)
    given = [t for t in tensors if not t.defined or (t.whole and t.axes and not _through(guess, t))]
    tensors = [t for t in tensors if t.defined or t.axes or not t.whole]
    inputs = [t for t in given if not t.defined] + [t for t in given if t.defined]
    defined = sorted((t for t in tensors if t not in given), key=lambda t: t.order)
    upstream = None
    if loss is not None and gradient is not None:
        upstream = gradient.name
        inputs.append(gradient)
    elif loss is not None:
        upstream = f"d{LOSS}_d{loss[1].name}"
        while upstream in guess.tensors:
            upstream += "_"
    encoded = encodings(guess, inputs, partial(_shape, guess), partial(_classes, guess), letters)
    found = basis.bases(guess, inputs, partial(_shape, guess), letters)  # e_i: Delta's rows
    inputs = [t for t in inputs if t.name not in {e.name for e in (*encoded, *found)}]
    out[at:at] = [f"{x} = {_toml_string(s)}" for x, s in sorted(letters.items()) if plain(x)]
    out += ["", "[inputs]"]
    out += [
        _entry(
            t.name,
            _shape(guess, t),
            t.spellings,
            simplex=t.name in guess.one_hot,
            given=not t.defined,
            classes=_classes(guess, t),
        )
        for t in inputs
    ]
    if loss is not None and upstream is not None and gradient is None:
        out.append(
            f"{upstream} = {{ shape = [{', '.join(map(_toml_string, _shape(guess, loss[1])))}] }}"
        )
    out += ["", "[defines]"] + [_entry(t.name, _shape(guess, t), t.spellings) for t in defined]
    out += _spellings(guess, tensors, sizes)
    if loss is not None:
        out += ["", "[loss]", f"name = {_toml_string(LOSS)}"]
        if loss[0].spellings:
            out.append(f"latex = {_toml_string(loss[0].spellings[0])}")
        out += [f"of = {_toml_string(loss[1].name)}", f"upstream = {_toml_string(upstream or '')}"]
    written = {t.name for t in (*inputs, *defined)}
    out += _notations(guess, loss is not None, written)
    out += toml_lines(encoded) + basis.toml_lines(found)
    return "\n".join(out) + "\n"


def _more(spellings: list[str], fixed: dict[str, set[str]]) -> list[str]:
    """A name's spellings after its first, with those of its fixed labels (μ^l for μ)."""
    return list(dict.fromkeys([*spellings, *labelled(spellings, fixed)]))[1:]


def _spellings(guess: Guess, tensors: list[Tensor], sizes: list[str]) -> list[str]:
    """The [spellings] table: the other spellings of each name and size."""
    extra = [(t.name, _more(t.spellings, guess.fixed)) for t in tensors]
    extra += [(s, [guess.numbers[s]]) for s in sizes if s in guess.numbers]  # n16 is 16
    extra += [(s, [s]) for s in sizes if s == guess.layer_count]  # n_l, the number of layers
    aliases = [(a, b) for a, b in guess.aliases.items() if a not in guess.ranges]  # not n of x_n
    extra += [(s, [a for a, b in aliases if b == s]) for s in sizes]  # K is J
    extra = [(n, x) for n, x in extra if x]
    if not extra:
        return []
    return ["", "[spellings]"] + [f"{n} = [{', '.join(map(_toml_string, x))}]" for n, x in extra]


#: The gradient written with no scalar, `\\nabla W`.
NABLA = "\\nabla"


def _notations(guess: Guess, has_loss: bool, written: set[str]) -> list[str]:
    """The [notation], [functions] and [gradients] tables of the inferred context (a
    gradient spelled for a scalar among the `written` names only)."""
    out: list[str] = []
    notation = [f"sums = {_toml_string('einstein')}"] if guess.einstein else []
    if differentials(guess) and "d" not in guess.tensors and "d" not in guess.sizes:
        notation.append(f"differentials = {_toml_string('d')}")
    notation += [f"positions = {_toml_string('from 0')}"] if guess.from_zero else []
    notation += [f"ones = {_toml_string('matrix')}"] if guess.ones_matrix else []
    notation += [f"transpose = {_toml_string('t')}"] if guess.transpose_t else []
    if notation:
        out += ["", "[notation]", *notation]
    if guess.functions:
        out += ["", "[functions]"]
        spelt: dict[str, list[str]] = {}  # σ and g both the sigmoid: one key, two spellings
        for s, f in sorted(guess.functions.items()):
            spelt.setdefault(f, []).append(_toml_string(s))
        out += [f"{f} = [{', '.join(s)}]" for f, s in sorted(spelt.items())]
    gradients = [f"{LOSS} = [{_toml_string('d')}]"] if has_loss and _prefix(guess) else []
    scalars = [
        t.name
        for t in guess.tensors.values()
        if t.numerator and t.defined and not t.axes and t.name in written
    ]
    if guess.nabla and not has_loss and len(scalars) == 1 and not guess.shapes.get(scalars[0]):
        gradients.append(f"{scalars[0]} = [{_toml_string(NABLA)}]")  # ∇W: that scalar's
    return out + (["", "[gradients]", *gradients] if gradients else [])


#: What a document read with the context symbn inferred says at its first line.
NOTE = (
    "no context given: the document is read with the context symbn infers from its maths "
    "(`symbn context {path}` prints it as TOML to correct and pass with --context, or to "
    "put in +++ front matter)"
)


def context(doc: Document) -> Context:
    """The context a document's maths implies, read as a context file is; InputError when
    it cannot be (a name written two incompatible ways)."""
    path = doc.path
    try:
        return loadable(path, toml(solved(doc)))[0]
    except InputError as exc:
        raise InputError(
            f"{path} has no context, and the one symbn infers from it does not read "
            f"({exc.message}): put one in TOML front matter between +++ lines at the top, "
            "or name a file with --context FILE.toml",
            Location(path, 1, 1, doc.lines[0] if doc.lines else ""),
        ) from None


def toml_of(text: str, path: str) -> str:
    """The context a document's maths implies, as the TOML of a context file."""
    inferred = toml(solved(read_document(text, path)))
    try:
        return loadable(path, inferred)[1]
    except InputError:
        return inferred  # printed as inferred: the user sees what does not read
