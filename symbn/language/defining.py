"""The definitions a Markdown document makes, and the model they build with its context.

The first equation `NAME = …` (or `NAME_{kl} = …`, at distinct index letters) for a name
the context lists in [defines] defines it; every later equation about it is a claim. A
definition may use names the document defines further down (a lint warns of it), so the
definitions are put in the order of what they use before `symbn.language.model.build` reads them;
one that uses itself through another, or a name the document never defines, is left out
with the reason, and so is everything that uses it (itself at an earlier step is a
recurrence, which `build` reads or refuses). The loss of the context becomes the
scalar definition Σ upstream·of, whose derivative with respect to `of` is the upstream
gradient: every first derivative of any loss of `of` alone is such a sum.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import sympy as sp

from symbn.errors import InputError, Location, SymbnError
from symbn.language import folding, layers, parse
from symbn.language.indices import Index
from symbn.language.latex.claims import Claim
from symbn.language.model import ConstantAlongError, Model, build, tensors_in
from symbn.source.context import Context
from symbn.source.spec import Define, Spec, Text


@dataclass(frozen=True)
class Definition:
    """A claim of the document read as the definition of `name`."""

    claim: Claim
    define: Define


@dataclass(frozen=True)
class Left:
    """A definition the model could not take, and why (`error`: it cannot be read)."""

    claim: Claim
    reason: str
    error: bool = False


def located(text: str, where: Location) -> Text:
    """Expression-language text standing for the document at `where` (every offset of
    it is placed there: the language's text is not the document's)."""
    return Text(text, where, lambda _offset: where)


def scope_of(context: Context) -> parse.Scope:
    """Every name of the context, as the expression language knows names (declared as a
    derivation file declares them: sizes at least their minimum, inputs real)."""
    scope = parse.Scope.declared(context.sizes, context.indices)
    for inp in context.inputs:
        scope.declare_input(inp)
    for t in context.defined:
        scope.declare_definition(t.name, tuple(scope.sizes[d] for d in t.shape))
    if context.loss is not None:
        scope.declare_definition(context.loss.name, ())
    return scope


def target(
    claim: Claim, scope: parse.Scope, defined: set[str]
) -> tuple[str, tuple[str, ...]] | None:
    """(name, index letters) when the claim's left side is an element of a name in
    `defined` at distinct index letters (or that scalar name itself)."""
    if claim.kind != "equation" or claim.condition:
        return None
    try:
        lhs = parse.parse(located(claim.lhs, claim.where), scope)
    except SymbnError:
        return None
    if isinstance(lhs, sp.Symbol) and lhs.name in defined:
        return lhs.name, ()
    if not isinstance(lhs, sp.Indexed) or lhs.base.label.name not in defined:
        return None
    letters = tuple(lhs.indices)
    if not all(isinstance(i, Index) for i in letters) or len(set(letters)) != len(letters):
        return None
    return lhs.base.label.name, tuple(str(i) for i in letters)


def find(claims: Sequence[Claim], context: Context) -> list[Definition]:
    """The first equation for each name of [defines], in document order."""
    scope = scope_of(context)
    open_names = {t.name for t in context.defined} - {d.name for d in context.defines}
    latex = {t.name: t.latex for t in context.defined}
    out = []
    for written in claims:
        c = written
        found = target(c, scope, open_names)
        if found is None and (c := layers.lowered_definition(context, written) or c) != written:
            found = target(c, scope, open_names)  # z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)}
        if found is None:
            continue
        name, index = found
        open_names.discard(name)
        out.append(
            Definition(written, Define(name, index, located(c.rhs, c.where), latex[name], c.where))
        )
    return out


def uses(text: Text, scope: parse.Scope, names: set[str]) -> set[str] | None:
    """The names among `names` that an expression uses (None when it does not parse)."""
    try:
        e = parse.parse(text, scope)
    except SymbnError:
        return None
    bases = {name: base for name, (base, _) in scope.tensors.items()}
    return tensors_in(e, bases) & names


def loss_definition(context: Context, defined: set[str], where: Location) -> Define | None:
    """loss = Σ upstream·of over fresh letters (None without a loss, or when `of` is
    never defined)."""
    loss = context.loss
    inputs = {i.name for i in context.inputs}
    if loss is None or (loss.of not in defined and loss.of not in inputs):
        return None
    shape = next(t.shape for t in (*context.inputs, *context.defined) if t.name == loss.of)
    letters: list[str] = []
    for size in shape:
        letters.append(
            next(i.name for i in context.indices if i.size == size and i.name not in letters)
        )
    at, summed = ", ".join(letters), ", ".join(letters)
    if last := layers.last_layer(context, shape):  # C of the output layer: a[L, j] only
        at, summed = ", ".join([last, *letters[1:]]), ", ".join(letters[1:])
    if not letters:
        body = f"{loss.upstream}*{loss.of}"
    elif not summed:
        body = f"{loss.upstream}[{at}]*{loss.of}[{at}]"
    else:
        body = f"sum({loss.upstream}[{at}]*{loss.of}[{at}], {summed})"
    return Define(loss.name, (), located(body, where), loss.latex, where)


def model(context: Context, definitions: list[Definition], title: Text) -> tuple[Model, list[Left]]:
    """The model of the context and the document's definitions, and the definitions it
    leaves out with the reason (a [[define]] of the context it cannot take is an error of
    the context); a recurrence split over two lines is folded into one (`folding`)."""
    entries = [Definition(_OWN, d) for d in context.defines] + list(definitions)
    defines, folded = folding.fold([d.define for d in entries])
    written = {d.define.name: d.define for d in entries}
    unfolded = tuple((a, written[a]) for _, a in folded)
    entries = [Definition(d.claim, f) for d, f in zip(entries, defines, strict=True)]
    scope, names = scope_of(context), {t.name for t in context.defined}
    deps = {d.define.name: _deps(d, scope, names) for d in entries}
    ordered, left = _ordered(context, entries, deps)
    while True:
        defines = [d.define for d in ordered]
        loss = loss_definition(context, {d.name for d in defines}, context.where)
        spec = Spec(
            context.path,
            title,
            Text("", context.where),
            context.sizes,
            context.indices,
            context.inputs,
            (*defines, *([loss] if loss else [])),
            (),
            None,
        )
        try:
            return replace(build(spec), folded=folded, unfolded=unfolded), left
        except InputError as exc:
            bad = next((d for d in ordered if exc.where == d.define.where), None)
            if bad is None or bad.claim is _OWN:
                raise
            constant = isinstance(exc, ConstantAlongError)  # B = c 1^T: readable, not held
            derivative = "diff(" in bad.define.expr.value  # δ = ∂C/∂a σ': not refused either
            reason = (
                f"{exc.message} (a definition constant along an axis is not held yet)"
                if constant
                else UPDATE
                if derivative and _update(bad.define.name, bad.define.expr.value)
                else "a name defined by a derivative is not held as a definition; a line "
                "below that writes it at index letters (a scalar's by a scalar: alone) is read "
                "with the derivative in its place"
                if derivative
                else exc.message
            )
            left.append(Left(bad.claim, reason, error=not (constant or derivative)))
            gone = {bad.define.name}
            for d in ordered:
                if deps[d.define.name] & gone:
                    gone.add(d.define.name)
                    if d is not bad:
                        _leave(left, d, f"uses {bad.define.name}, whose definition cannot be read")
            ordered = [d for d in ordered if d.define.name not in gone]


#: Why `w_5^{+} = w_5 - \eta \frac{\partial E}{\partial w_5}` is no definition held.
UPDATE = (
    "an update (the name with + over it, from the name a step of gradient descent moves) "
    "is a setting, neither a definition held nor a claim; its numbers after it are checked"
)


def _update(name: str, body: str) -> bool:
    """Whether `name` is a name with + over it (w5plus) set from the name without it."""
    before = name.removesuffix("plus")
    words = "".join(c if c.isalnum() or c == "_" else " " for c in body).split()
    return before != name and before in words


#: The claim of a context's own [[define]]: it has none in the document.
_OWN = Claim("define", "", "", Location("<context>", 1, 1, ""))


def _deps(d: Definition, scope: parse.Scope, names: set[str]) -> set[str]:
    """The names among `names` (those of [defines]) a definition uses, itself aside (itself
    at an earlier step is a recurrence)."""
    return (uses(d.define.expr, scope, names) or set()) - {d.define.name}


def _leave(left: list[Left], d: Definition, reason: str) -> None:
    """Leave a definition out with the reason: an error of the context for its own."""
    if d.claim is _OWN:
        raise InputError(f"the context defines {d.define.name!r}, but it {reason}", d.define.where)
    left.append(Left(d.claim, reason))


def _ordered(
    context: Context, entries: list[Definition], deps: dict[str, set[str]]
) -> tuple[list[Definition], list[Left]]:
    """The definitions in the order of what they use (`deps`, by name), and those left out
    with the reason."""
    names = {d.define.name for d in entries}
    inputs = {i.name for i in context.inputs}
    pending = {d.define.name: d for d in entries}
    left: list[Left] = []
    for d in entries:
        never = sorted(deps[d.define.name] - names - inputs)
        if never:
            _leave(left, d, f"uses {', '.join(never)}, which the document never defines")
            del pending[d.define.name]
    ordered: list[Definition] = []
    while pending:
        done = {o.define.name for o in ordered}
        ready = [d for d in pending.values() if deps[d.define.name] <= done]
        if not ready:
            for d in pending.values():
                missing = ", ".join(sorted(deps[d.define.name] - done))
                _leave(
                    left,
                    d,
                    f"uses {missing}, which is defined in terms of it or of a line left out",
                )
            break
        ordered.append(ready[0])
        del pending[ready[0].define.name]
    return ordered, left


def raised(context: Context, minimums: dict[str, int]) -> Context:
    """The context with each size at least the value `minimums` gives it (a claim that
    holds for the sizes a matrix or an annotation shows is verified in its model)."""
    return replace(
        context,
        sizes=tuple(
            replace(s, minimum=max(s.minimum, minimums.get(s.name, 1))) for s in context.sizes
        ),
    )
