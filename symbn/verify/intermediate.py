"""Derivatives with respect to an intermediate, as a document means them.

A document may define y from x directly, later introduce σ (from x) and show y = μ/σ γ + β,
then write ∂y/∂σ. In the model y's definition does not mention σ, so the engine would take
∂y/∂σ = 0 and refute a line that is true in its author's sense: the author differentiates
the expression of y through σ that the document has written. So a derivative ∂A/∂B where
A's definition does not use B, B's does not use A, and both rest on a common input, is
taken of the latest expression of A through B that a line above proved (`Restated`); when
the document has none, the line cannot be judged and says why, never refuted. When B's
definition is written out inside A's (ŷ = σ(wᵀx + b), then "let z = wᵀx + b"), A through B
is A's definition with that part named B: the same expression, so the same claim.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import sympy as sp

from symbn.calculus.derivative import instantiate
from symbn.language.indices import Index, atoms, replace_free
from symbn.language.model import Model


class UnresolvedError(Exception):
    """A derivative with respect to an intermediate that the document never writes its
    numerator through."""


@dataclass
class Restated:
    """The expressions of defined tensors that lines of the document proved equal to them:
    name -> (the indices of the line's left side, its right side), the latest kept."""

    exprs: dict[str, tuple[tuple[Index, ...], sp.Expr]] = field(default_factory=dict)

    def note(self, model: Model, lhs: sp.Expr, rhs: sp.Expr) -> None:
        """Keep `lhs = rhs`, proved, when its left side is a defined tensor's element at
        distinct letters (or a defined scalar) and its right side is not that element."""
        name = model.tensor_name(lhs)
        if name not in model.definitions or lhs == rhs:
            return
        at = tuple(lhs.indices) if isinstance(lhs, sp.Indexed) else ()
        if all(isinstance(i, Index) for i in at) and len(set(at)) == len(at):
            self.exprs[name] = (at, rhs)  # type: ignore[assignment]

    def through(self, e: sp.Expr, model: Model) -> sp.Expr:
        """`e` with each derivative of an element A with respect to an intermediate B taken
        of A's latest proved expression through B (`UnresolvedError` when there is none)."""
        if not e.has(sp.Derivative):
            return e
        return e.replace(
            lambda x: isinstance(x, sp.Derivative), lambda d: self._derivative(d, model)
        )

    def _derivative(self, d: sp.Derivative, model: Model) -> sp.Expr:
        wrt = d.variables[0]
        b = model.tensor_name(wrt)
        a = model.tensor_name(d.expr)
        if a in model.inputs and b is not None and a != b:  # ∂p/∂o, p never defined
            raise UnresolvedError(
                f"∂{a}/∂{b}: {a} is an input (no line defines it), so how it depends on {b} "
                "is not known: define it, or declare it in [defines] with the line that does"
            )
        if b not in model.definitions:
            return d
        local = model.partials == "staged" and model.staged(d.expr)
        body = self._through(d.expr, model, wrt=wrt, local=local, depth=8, top=d.expr)
        if body == d.expr:
            return d
        if not body.has(model.bases[b]):  # written out, but nowhere through B
            raise UnresolvedError(
                f"∂{a}/∂{b}: {a} could not be written through {b} (no part of its definition "
                f"is {b}'s, and no line above writes it so)"
            )
        return sp.Derivative(body, *d.variable_count, evaluate=False)

    def _through(
        self, e: sp.Expr, model: Model, *, wrt: sp.Expr, local: bool, depth: int, top: sp.Expr
    ) -> sp.Expr:
        """`e` with each element A computed apart from B written through B: by A's latest
        proved expression through B, else (a total derivative) by A's definition when that
        uses a name the document writes through B; what it then uses is written so in turn
        (a staged partial, `local`, holds it fixed). `UnresolvedError` when A is neither."""
        b = model.tensor_name(wrt)
        assert b is not None
        mapping = {}
        for a_elem in e.atoms(sp.Indexed, sp.Symbol):
            a = model.tensor_name(a_elem)
            if a is None or a == b or not self.apart(model, a, b):
                continue
            restated = self.exprs.get(a)
            if restated is not None and b in self.uses(model, restated[1]):
                at, body = restated
                actual = tuple(a_elem.indices) if isinstance(a_elem, sp.Indexed) else ()
                mapping[a_elem] = replace_free(body, dict(zip(at, actual, strict=True)))
            elif (folded := written_through(model, a_elem, wrt)) is not None:
                mapping[a_elem] = folded
            elif not local and depth > 0 and self.reaches(model, a, wrt):
                mapping[a_elem] = instantiate(model, a_elem, atoms(wrt))
            elif (local and a_elem != top) or (e != top and b not in self.closure(model, [a])):
                continue  # held fixed (a staged partial), or not computed from B at all
            else:
                raise UnresolvedError(
                    f"∂{a}/∂{b}: the definition of {a} does not use {b}, and no line above "
                    f"writes {a} through {b} (the derivative of that expression is what this "
                    "line means)"
                )
        if not mapping:
            return e
        out = e.xreplace(mapping)
        if local or depth == 0:
            return out
        return self._through(out, model, wrt=wrt, local=local, depth=depth - 1, top=top)

    def reaches(self, model: Model, a: str, wrt: sp.Expr) -> bool:
        """Whether A is computed from B: B is among what A uses, or a definition A uses
        holds B's definition written out."""
        used = self.closure(model, [a]) - {a}
        if model.tensor_name(wrt) in used:
            return True
        return any(
            written_through(model, _element(model, c), wrt) is not None
            for c in used
            if c in model.definitions
        )

    def uses(self, model: Model, e: sp.Expr) -> set[str]:
        """Every input and definition `e` uses, through the definitions it names and what
        lines above proved them equal to."""
        return self.closure(model, model.uses(e))

    def closure(self, model: Model, names: list[str]) -> set[str]:
        """`names` and every input and definition they use, as defined or restated."""
        out: set[str] = set()
        todo = list(names)
        while todo:
            name = todo.pop()
            if name in out:
                continue
            out.add(name)
            todo += model.dependencies.get(name, set())
            if name in self.exprs:
                todo += model.uses(self.exprs[name][1])
        return out

    def apart(self, model: Model, a: str, b: str) -> bool:
        """Whether definitions a and b are computed side by side: a's definition does not
        use b, b does not use a (as defined or as restated), and both use a common input."""
        da = model.dependencies.get(a, set())  # as defined: the model differentiates that
        db = self.closure(model, [b]) - {b}
        if b in da or a in db:
            return False
        return bool(da & db & set(model.inputs))


def written_through(model: Model, a_elem: sp.Expr, wrt: sp.Expr) -> sp.Expr | None:
    """A's definition at `a_elem` with each occurrence of B's definition (B the name of
    `wrt`, at any of its indices, up to the letters its sums use) written as that element
    of B; None when B's body occurs nowhere in it."""
    b = model.tensor_name(wrt)
    if b not in model.definitions or model.tensor_name(a_elem) not in model.definitions:
        return None
    body = instantiate(model, a_elem, atoms(wrt) | atoms(a_elem))
    letters = model.definitions[b].index
    parts: dict[tuple, sp.Expr] = {}
    found = False

    def part(at: tuple) -> sp.Expr:
        if at not in parts:
            parts[at] = _alpha(instantiate(model, _element(model, b, at), set(at)))
        return parts[at]

    def fold(e: sp.Expr) -> sp.Expr:
        nonlocal found
        if e.free_symbols:
            near = sorted(atoms(e), key=str)
            choices = [[i for i in near if i.size == letter.size] for letter in letters]
            for at in itertools.product(*choices):
                if _alpha(e) == part(at):
                    found = True
                    return _element(model, b, at)
        if not e.args or isinstance(e, sp.Indexed):
            return e
        return e.func(*[fold(a) for a in e.args])

    out = fold(body)
    return out if found else None


def _alpha(e: sp.Expr, depth: int = 0) -> sp.Expr:
    """`e` with each summed index renamed by its depth, so that two sums that differ only in
    the letters they sum over compare equal."""
    if isinstance(e, sp.Sum):
        mapping = {}
        limits = []
        for k, (v, lo, hi) in enumerate(e.limits):
            mapping[v] = sp.Symbol(f"_bound{depth}_{k}", integer=True)
            limits.append((mapping[v], lo, hi))
        inner = replace_free(e.function, mapping)
        return sp.Sum(_alpha(inner, depth + 1), *limits)
    if not e.args or isinstance(e, sp.Indexed):
        return e
    return e.func(*[_alpha(a, depth) for a in e.args])


def _element(model: Model, name: str, at: tuple | None = None) -> sp.Expr:
    """The element of definition `name` at `at` (by default its own index letters)."""
    at = model.definitions[name].index if at is None else at
    return model.bases[name][at] if at else model.bases[name]
