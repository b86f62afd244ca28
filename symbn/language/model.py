"""A checked derivation: every expression parsed, every index accounted for.

`build(spec)` turns the structural `Spec` into a `Model` whose definitions and claims are
SymPy expressions over symbolic sizes, ready for the calculus and the verifier.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

import sympy as sp

from symbn.errors import InputError
from symbn.language import indices, lowering, recurrence, vjp, written
from symbn.language.functions import TENSOR_RESERVED, refuse_reserved
from symbn.language.indices import Index
from symbn.language.parse import Scope, parse
from symbn.language.recurrence import Recurrence
from symbn.source.spec import Claim, Define, Layer, Snippet, Spec, Text


@dataclass(frozen=True)
class Definition:
    name: str
    index: tuple[Index, ...]
    body: sp.Expr
    latex: str | None
    notation: str = "index"  # "matrix" when its expr writes arrays whole (X @ W + b)
    recurrence: Recurrence | None = None  # when it refers to itself at earlier steps


@dataclass(frozen=True)
class ClaimExpr:
    name: str
    title: str
    lhs: sp.Expr
    rhs: sp.Expr | None
    free: tuple[Index, ...]  # free indices of lhs, in order of first appearance
    minimum: dict  # size -> smallest value the claim's concrete indices need
    steps: bool
    notation: str = "index"  # "matrix" when a side writes arrays whole (X.T @ G)


@dataclass(frozen=True)
class Model:
    spec: Spec
    sizes: tuple[sp.Symbol, ...]
    indices: tuple[Index, ...]  # the declared letters, in file order
    inputs: dict  # name -> (symbol or base, shape, positive)
    definitions: dict  # name -> Definition, in file order
    claims: tuple[ClaimExpr, ...]
    latex_names: dict  # name -> LaTeX
    bases: dict  # name -> IndexedBase or Symbol, for inputs and definitions
    letters: indices.Letters  # size -> its declared indices, by name: where fresh ones come from
    dependencies: dict  # definition name -> every input and definition it uses, transitively
    #: "staged": ∂A/∂B differentiates A's own expression with the other definitions held
    #: fixed (as a computational graph takes its local partials); "total": through them
    partials: str = "total"
    #: the loss (a document's `[loss]`): its derivatives are adjoints, total even when staged
    loss: str | None = None
    #: (h, a): a recurrence written over two lines, h's body folded into a's
    #: (`symbn.language.folding`)
    folded: tuple[tuple[str, str], ...] = ()
    #: (a, a's definition as written, reading h at the step before) for each folded pair
    unfolded: tuple[tuple[str, Define], ...] = ()

    def staged(self, e: sp.Expr) -> bool:
        """Whether a derivative of `e` is a staged partial (never one of the loss)."""
        return self.partials == "staged" and self.loss not in tensors_in(e, self.bases)

    @property
    def notation(self) -> str:
        """ "matrix" when any claim or definition writes arrays whole, else "index"."""
        written = (
            *(d.notation for d in self.definitions.values()),
            *(c.notation for c in self.claims),
        )
        return lowering.MATRIX if lowering.MATRIX in written else lowering.INDEX

    def element(self, name: str, idx: tuple = ()) -> sp.Expr:
        """The element name[idx] (the symbol itself for a scalar)."""
        base = self.bases[name]
        return base[tuple(idx)] if idx else base

    def shape(self, name: str) -> tuple[sp.Symbol, ...]:
        """The sizes of the axes of input or definition `name` (() for a scalar)."""
        if name in self.inputs:
            return tuple(self.inputs[name][1])
        return tuple(i.size for i in self.definitions[name].index)

    def scope(self) -> Scope:
        """What names mean in this derivation's expressions (for parsing more of them)."""
        scope = Scope()
        scope.sizes = {str(s): s for s in self.sizes}
        scope.indices = {i.name: i for i in self.indices}
        for name, (base, shape, _) in self.inputs.items():
            scope.tensors[name] = (base, shape)
        for name, d in self.definitions.items():
            scope.tensors[name] = (self.bases[name], tuple(i.size for i in d.index))
            scope.definitions.add(name)
        return scope

    def uses(self, e: sp.Expr) -> list[str]:
        """The inputs and definitions whose elements `e` holds, in declaration order."""
        found = tensors_in(e, self.bases)
        return [n for n in (*self.inputs, *self.definitions) if n in found]

    def used_inputs(self, *exprs: sp.Expr) -> set[str]:
        """The inputs `exprs` depend on, through the definitions they use."""
        used = {n for e in exprs for n in self.uses(e)}
        used = used.union(*(self.dependencies.get(n, set()) for n in used))
        return used & set(self.inputs)

    def parse(self, text: Text) -> sp.Expr:
        """One more expression of the language, read in this derivation's names."""
        return parse(text, self.scope())

    def tensor_name(self, e: sp.Expr) -> str | None:
        """The declared name behind an element h[i, j] or a scalar symbol, if any."""
        if isinstance(e, sp.Indexed):
            return e.base.label.name
        if isinstance(e, sp.Symbol) and self.bases.get(e.name) == e:
            return e.name  # a scalar; the label Symbol inside an IndexedBase is not
        return None


def _refuse_reserved(spec: Spec) -> None:
    """No declared name may be one the language reserves (a function, sum, pi, ...), except
    that a tensor (an input or a definition) may take a function's name: `softplus[k]` is the
    tensor and `softplus(x)` the function, so a function added to the language takes no
    tensor's name away."""
    for what, declared in (("size", spec.sizes), ("index", spec.indices)):
        for x in declared:
            refuse_reserved(x.name, x.where, what)
    for x in spec.inputs:
        refuse_reserved(x.name, x.where, "input", TENSOR_RESERVED)
    for d in spec.defines:
        refuse_reserved(d.name, d.name_at or d.where, "definition", TENSOR_RESERVED)


def build(spec: Spec) -> Model:
    """Parse every expression of `spec` and check indices and definition order."""
    _refuse_reserved(spec)
    scope = Scope.declared(spec.sizes, spec.indices)
    inputs = {}
    latex_names = {}
    for inp in spec.inputs:
        base = scope.declare_input(inp)
        shape = scope.tensors[inp.name][1]
        inputs[inp.name] = (base, shape, inp.positive)
        if inp.latex is not None and inp.latex.value:
            latex_names[inp.name] = inp.latex.value

    pending = {d.name: d for d in spec.defines}
    definitions: dict[str, Definition] = {}
    for d in spec.defines:
        del pending[d.name]
        written.refuse_forward_use(d.expr, d.name, pending)
        written.refuse_diff(d.expr, d.name)
        itself = written.self_use(d.expr, d.name)
        if itself is not None and not d.index:
            recurrence.checked(d.name, (), sp.S.Zero, itself)  # refused: no axis to step along
        if itself is not None:  # a recurrence reads itself at earlier steps
            scope.declare_definition(d.name, tuple(scope.indices[i].size for i in d.index))
        try:
            index, body, notation = lowering.definition(d, scope)
        finally:
            scope.tensors.pop(d.name, None)
            scope.definitions.discard(d.name)
        _check_free(body, index, d.expr, what=f"definition {d.name!r}", against="its index list")
        rec = recurrence.checked(d.name, index, body, itself)
        if spec.padding == "valid":
            written.refuse_below_axis(d.expr, body)
        scope.declare_definition(d.name, tuple(i.size for i in index), body)
        definitions[d.name] = Definition(
            d.name, index, body, None if d.latex is None else d.latex.value, notation, rec
        )
        if d.latex is not None and d.latex.value:
            latex_names[d.name] = d.latex.value

    claims = [claim_expr(c, scope) for c in spec.claims]

    bases = {name: base for name, (base, _) in scope.tensors.items()}
    model = Model(
        spec,
        tuple(scope.sizes.values()),
        tuple(scope.indices.values()),
        inputs,
        definitions,
        tuple(claims),
        latex_names,
        bases,
        _letters(scope.indices.values()),
        _dependencies(definitions, bases),
    )
    if spec.layer is not None:
        _check_layer(spec, model)
    return model


def claim_expr(c: Claim, scope: Scope) -> ClaimExpr:
    """One claim parsed in `scope`: the free indices of its lhs, and of its rhs among them."""
    scope.concrete.clear()
    sides = lowering.claim(c.lhs, c.rhs, scope)
    lhs, rhs = sides.lhs, sides.rhs
    free = tuple(indices.ordered_free(lhs))
    if c.rhs is not None:
        _check_free(rhs, free, c.rhs, what="rhs", against="the lhs", subset=True)
    return ClaimExpr(
        c.name, c.title.value, lhs, rhs, free, dict(scope.concrete), c.steps, sides.notation
    )


def _letters(declared) -> dict:
    out: dict = {}
    for i in sorted(declared, key=lambda i: i.name):
        out.setdefault(i.size, []).append(i)
    return {size: tuple(letters) for size, letters in out.items()}


def _check_free(
    e: sp.Expr, expected: tuple, text: Text, *, what: str, against: str, subset: bool = False
) -> None:
    """The free indices of `e` must be `expected` (with `subset`, some of them: an rhs that
    does not mention an index of the lhs is constant along it, as Delta(j, l) is along k)."""
    got = indices.ordered_free(e)
    if set(got) != set(expected) and not (subset and set(got) <= set(expected)):
        extra = sorted(str(s) for s in set(got) - set(expected))
        missing = sorted(str(s) for s in set(expected) - set(got))
        parts = []
        if extra:
            hint = _summing(e, set(got) - set(expected))
            parts.append(f"free index {', '.join(extra)} not in {against}{hint}")
        if missing:
            parts.append(f"index {', '.join(missing)} of {against} does not appear")
        where, width = text.where, len(text.value)
        snippet = Snippet(text)
        node = _first_free_use(ast.parse(snippet.code, mode="eval"), set(extra))
        if node is not None:  # point at the first use of an index that should not be there
            where, width = snippet.node_at(node.lineno, node.col_offset), len(node.id)
        error = ConstantAlongError if missing and not extra else InputError
        raise error(f"{what}: {'; '.join(parts)}", where, width)


def _summing(e: sp.Expr, extra: set) -> str:
    """What to write when an extra free index repeats in a product (`w[j, k]*a[k]`): its sum
    left unsaid, in Einstein's convention, which a context opts into."""
    twice = [i.name for i in indices.repeated(e, extra)]
    if not twice:
        return ""
    which = ", ".join(twice)
    return (
        f' (repeated index {which}: write its sum, \\sum_{twice[0]}, or set sums = "einstein"'
        " in the context's [notation])"
    )


class ConstantAlongError(InputError):
    """A definition whose expression does not mention an index of its own (`B[i, j] =
    c[i]`, constant along j): a derivation file must write each index, and a document's
    line that means it (`B = c\\,\\mathbf{1}^T`) is left unchecked, not refused."""


def _first_free_use(tree: ast.AST, names: set[str]) -> ast.Name | None:
    """The first use of one of `names` outside a sum() that binds it, in reading order."""
    found: list[ast.Name] = []

    def visit(node: ast.AST, bound: frozenset) -> None:
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "sum"
            and node.args
        ):
            visit(node.args[0], bound | {a.id for a in node.args[1:] if isinstance(a, ast.Name)})
            return
        if isinstance(node, ast.Name) and node.id in names and node.id not in bound:
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child, bound)

    visit(tree, frozenset())
    return min(found, key=lambda n: (n.lineno, n.col_offset), default=None)


def _check_layer(spec: Spec, model: Model) -> None:
    inputs, definitions, claims = model.inputs, model.definitions, model.claims
    layer = spec.layer
    assert layer is not None
    if layer.output not in definitions:
        raise InputError(f"[layer] output {layer.output!r} is not a definition", layer.where)
    if layer.upstream not in inputs:
        raise InputError(f"[layer] upstream {layer.upstream!r} is not an input", layer.where)
    by_name = {c.name: c for c in claims}
    for n, (name, claim) in enumerate(layer.gradients):
        where = layer.gradient_at[n] if n < len(layer.gradient_at) else layer.where
        if name not in inputs:
            raise InputError(
                f"[layer] gradient for {name!r}, which is not an input", where, len(claim) + 2
            )
        problem = _not_a_vjp(by_name[claim].lhs, model, layer, name)
        if problem:
            out = definitions[layer.output].index
            element = f"{layer.output}[{', '.join(map(str, out))}]" if out else layer.output
            up = f"{layer.upstream}[{', '.join(map(str, out))}]" if out else layer.upstream
            form = (
                f"sum({up} * diff({element}, {name}[...]), {', '.join(map(str, out))})"
                if out
                else f"{up} * diff({element}, {name}[...])"
            )
            raise InputError(
                f"[layer] claim {claim!r} is not the gradient of {name!r}: "
                f"{problem}; a layer's gradient claim is the vector-Jacobian "
                f"product {form}",
                where,
                len(claim) + 2,
            )


def _not_a_vjp(lhs: sp.Expr, model: Model, layer: Layer, name: str) -> str:
    """Why `lhs` is not sum(up[idx] * diff(out[idx], name[free]), idx), with the layer's
    output and upstream ('' when it is)."""
    out_name, up_name, shape = layer.output, layer.upstream, model.inputs[name][1]
    read = vjp.read(lhs, model.tensor_name, model.definitions, upstream=up_name)
    if isinstance(read, str):
        return read
    if model.tensor_name(read.wrt) != name:
        return f"its lhs differentiates with respect to {read.wrt}, not an element of {name!r}"
    if read.output != out_name:
        return (
            f"its lhs differentiates {model.element(read.output, read.idx)}, not the layer's "
            f"output {out_name!r}"
        )
    if read.scale != 1:
        return f"its lhs multiplies the vector-Jacobian product by {read.scale}"
    free = tuple(read.wrt.indices) if isinstance(read.wrt, sp.Indexed) else ()
    if (
        len(free) != len(shape)
        or len(set(free)) != len(free)
        or not all(i.is_Symbol for i in free)
        or set(free) & set(read.idx)
    ):
        return (
            f"its free indices {', '.join(map(str, free)) or '(none)'} are not one "
            f"distinct index per axis of {name!r}"
        )
    return ""


def tensors_in(e: sp.Expr, bases: dict) -> set[str]:
    """The names whose elements `e` holds (any h[i, j]), or whose scalar symbol it holds
    (a name of `bases`, the declared inputs and definitions)."""
    found = set()
    for x in sp.preorder_traversal(e):
        if isinstance(x, sp.Indexed):
            found.add(x.base.label.name)
        elif isinstance(x, sp.Symbol) and bases.get(x.name) == x:
            found.add(x.name)
    return found


def _dependencies(definitions: dict, bases: dict) -> dict[str, set[str]]:
    """For each definition, every input and definition it uses, transitively."""
    deps: dict[str, set[str]] = {}
    for name, defn in definitions.items():
        used = tensors_in(defn.body, bases)
        deps[name] = used.union(*(deps.get(other, set()) for other in used))
    return deps
