"""A standalone NumPy module from a derivation: one vectorized function per definition and
per claim, and `forward`/`backward` for a file with a [layer] table.

The module imports numpy and nothing else. Each function validates its arguments (shapes
consistent across arguments, a ValueError naming the one that is not), computes in the
floating dtype of its array arguments (float32 stays float32), and evaluates the array code
that `arrays.vectorize` writes for the expression. What a claim function evaluates: the
claim's own right-hand side when symbn proved it and it is no costlier than symbn's closed
form of the left-hand side, that closed form otherwise (derived claims, right-hand sides
that still hold diff(), refuted claims: the function then computes the true left-hand side).

The checks at the top of each function are `symbn.emit.numpy.argcheck`'s; the body is statements
(`arrays.statements`), the last assignment folded into the return and size bindings nothing
reads dropped, then printed, and every line is laid out by
`arrays.pysource`. User text (titles, the description, LaTeX names) only ever reaches
docstrings, escaped (`arrays.pysource.escape`) so that it can neither close the docstring nor
start a line of code.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symbn.emit import layer, templates
from symbn.emit.arrays import statements
from symbn.emit.arrays.arrayrewrite import Rewriter, cost
from symbn.emit.arrays.kernel import Kernel, Output
from symbn.emit.arrays.pysource import INDENT, doc_lines, indented, signature
from symbn.emit.arrays.statements import Return, Statement
from symbn.emit.arrays.vectorize import VectorizeError
from symbn.emit.arrays.windows import WindowVectorizer
from symbn.emit.latex.texprint import tex
from symbn.emit.numpy import argcheck, bptt, head, sizes, timeloop
from symbn.emit.numpy.argcheck import Param
from symbn.errors import InputError
from symbn.language import assumptions, indices, labels
from symbn.language.model import Model
from symbn.language.notation import formula
from symbn.source.spec import plain
from symbn.verify.status import FAILED, Status
from symbn.verify.verdicts import Result, Verified

#: Names the generated code uses itself; a derivation that declares one cannot be exported.
PYTHON_NAMES = frozenset({"np", "dtype", "cache", "dout", "ValueError", "int"})
_TEMPLATE = "module.py.j2"


@dataclass(frozen=True)
class Function:
    """One generated function: `doc` and `body` are lines, already indented."""

    name: str
    signature: str
    doc: tuple[str, ...]
    body: tuple[str, ...]

    @property
    def define(self) -> str:
        """The `def` line."""
        return f"def {self.name}({self.signature}):"


# -- the module ------------------------------------------------------------------------------
class Emitter:
    """Builds the functions of one model, from its verification results."""

    def __init__(self, model: Model, results: dict[str, Result]):
        self.model = model
        self.results = results
        names = [*model.inputs, *model.definitions]
        clash = sorted(set(names) & PYTHON_NAMES)
        if clash:
            raise InputError(
                f"{model.spec.path}: the name {clash[0]!r} is taken by the "
                "generated NumPy module; rename it to export this derivation"
            )
        self.decl = names
        sizes = [str(s) for s in model.sizes]
        self.sizes = sizes
        self.order = sorted(model.indices, key=lambda i: sizes.index(str(i.size)))
        self.shapes: dict[str, tuple[str, ...]] = {
            name: tuple(str(s) for s in shape) for name, (_, shape, _) in model.inputs.items()
        }
        for name, d in model.definitions.items():
            self.shapes[name] = tuple(str(i.size) for i in d.index)
        self.labels = {  # label inputs: the size of their range (`emit.arrays.gather`)
            name: str(base.label.range)
            for name, (base, _, _) in model.inputs.items()
            if labels.is_label(base)
        }
        self.taken = set(names) | set(sizes) | PYTHON_NAMES
        self.warnings: list[str] = []  # what a user should know about the functions written

    # what an expression needs
    def refs(self, e: sp.Expr) -> list[str]:
        return self.model.uses(e)

    def params(self, exprs: list[sp.Expr], axes: list[tuple]) -> list[Param]:
        names = []
        for e in exprs:
            names += [n for n in self.refs(e) if n not in names]
        names = [n for n in self.decl if n in names]
        described = {x.name: plain(x.description) for x in self.model.spec.inputs}
        described.update({x.name: plain(x.description) for x in self.model.spec.defines})
        out = [
            Param(
                n,
                self.shapes[n],
                self.model.inputs.get(n, (None, None, False))[2],
                described.get(n, ""),
                self.labels.get(n),
            )
            for n in names
        ]
        known = {s for p in out for s in (p.shape or ())}
        needed = set()
        for e, ax in zip(exprs, axes, strict=True):
            needed |= {str(i.size) for i in ax}
            needed |= {str(s) for s in e.free_symbols if str(s) in self.sizes}
            needed |= {str(i.size) for i in indices.atoms(e)}
        out += [Param(s, None) for s in self.sizes if s in needed and s not in known]
        return out

    # one function
    def function(
        self,
        name: str,
        params: list[Param],
        outputs: list[Output],
        doc: tuple[str, ...],
        returns: Return,
        *,
        minimum: dict | None = None,
        prologue: list[Statement] | None = None,
    ) -> Function:
        vec = WindowVectorizer(list(self.order))
        kernel = Kernel(vec, self.taken, kept=statements.names(returns.value))
        try:
            sized = sizes.unbound(self.model, params, outputs) if prologue is None else []
            computed = sized + kernel.emit(outputs)
        except VectorizeError as exc:
            raise InputError(f"{self.model.spec.path}: cannot export {name}: {exc}") from None
        declared = {
            str(s): assumptions.minimum(s) for s in self.model.sizes if assumptions.minimum(s) > 1
        }
        head = argcheck.prologue(params, minimum or {}, declared) if prologue is None else prologue
        body = statements.without_unread_sizes([*head, *statements.returning(computed, returns)])
        laid = [x for line in statements.lines(body) for x in indented(line)]
        return Function(name, signature(name, [p.name for p in params]), doc, tuple(laid))

    # docstrings
    def latex_of(self, lhs: sp.Expr, rhs: sp.Expr) -> str:
        names = self.model.latex_names
        return f"{tex(lhs, names)} = {tex(rhs, names)}"

    def returns(self, what: str, axes: tuple) -> str:
        if not axes:
            return f"Returns: {what}, a scalar of the working dtype."
        shape = ", ".join(str(i.size) for i in axes)
        return (
            f"Returns: {what}, an array of shape ({shape}{',' if len(axes) == 1 else ''}) "
            f"along the indices ({', '.join(map(str, axes))}{',' if len(axes) == 1 else ''})."
        )

    # the functions of the module
    def definition(self, name: str) -> Function:
        d = self.model.definitions[name]
        params = self.params([d.body], [d.index])
        element = self.model.element(name, d.index)
        described = next(plain(x.description) for x in self.model.spec.defines if x.name == name)
        paras = [
            f"The definition {name}.",
            *_nonempty_block(described),
            f"{formula(element)} = {formula(d.body)}",
            f"LaTeX: {self.latex_of(element, d.body)}",
            *self.notes(d.body),
            argcheck.describe(params) + " " + self.returns(name, d.index),
        ]
        return self.function(
            f"define_{name}",
            params,
            [Output(name, d.body, d.index)],
            doc_lines(paras, INDENT),
            Return(name, scalar=not d.index),
        )

    def choose(self, claim) -> tuple[sp.Expr, str] | None:
        """The expression a claim's function evaluates, and where it comes from."""
        r = self.results[claim.name]
        options = []
        if r.status == Status.PROVED and claim.rhs is not None and not claim.rhs.has(sp.Derivative):
            options.append((claim.rhs, "the claim's right-hand side, proved by symbn"))
        if r.closed_form is not None:
            what = {
                Status.DERIVED: "symbn's closed form of the left-hand side (derived)",
                Status.REFUTED: "symbn's closed form of the left-hand side (the claim's "
                "right-hand side was refuted)",
            }.get(r.status, "symbn's closed form of the left-hand side")
            options.append((r.closed_form, what))
        if not options:
            return None
        rw = Rewriter()
        return min(options, key=lambda o: cost(rw(o[0])))

    def claim(self, claim) -> Function | None:
        chosen = self.choose(claim)
        if chosen is None:
            return None
        expr, source = chosen
        status = self.results[claim.name].status
        if status in FAILED:
            self.warnings.append(
                f"claim {claim.name} is {status}: claim_{claim.name} "
                f"evaluates {source}, {formula(expr)}"
            )
        params = self.params([expr], [claim.free])
        result = _free_name("result", self.taken)
        described = next(
            plain(x.description) for x in self.model.spec.claims if x.name == claim.name
        )
        paras = [
            f"{claim.title} (claim {claim.name}, {self.results[claim.name].status}).",
            *_nonempty_block(described),
            f"{formula(claim.lhs)}\n  = {formula(expr)}",
            f"LaTeX: {self.latex_of(claim.lhs, expr)}",
            f"Evaluates {source}. Indices in formulas count from 1.",
            argcheck.describe(params) + " " + self.returns(claim.name, claim.free),
        ]
        return self.function(
            f"claim_{claim.name}",
            params,
            [Output(result, expr, claim.free)],
            doc_lines(paras, INDENT),
            Return(result, scalar=not claim.free),
            minimum={str(k): v for k, v in claim.minimum.items()},
        )

    def notes(self, body: sp.Expr) -> list[str]:
        """What a reader should know about how a body is evaluated."""
        centred = [
            s
            for s in body.atoms(sp.Sum)
            if any(
                isinstance(a, sp.Add)
                and any(t.could_extract_minus_sign() and self.refs(t) for t in a.args)
                for a in sp.preorder_traversal(s.function)
            )
        ]
        if centred:
            return [
                "Two-pass: the sum runs over values already centred by an earlier "
                "definition (computed first), so no large sums cancel; accurate when the "
                "data sit far from zero."
            ]
        return []

    # the layer
    def layer(self) -> list[Function]:
        def choose(claim):
            chosen = self.choose(claim)
            return None if chosen is None else chosen[0]

        p = layer.plan(self.model, self.results, choose)
        grads = [(g.input, g.claim, g.expr) for g in p.gradients]
        return [
            self.forward(list(p.forward), list(p.inputs), list(p.cached)),
            self.backward(list(p.backward), list(p.cached), grads),
        ]

    def outputs(self, defs: list[str]) -> list[Output]:
        """The definitions `defs` as the outputs of a kernel."""
        return [
            Output(n, self.model.definitions[n].body, self.model.definitions[n].index) for n in defs
        ]

    def steps(self, defs: list[str]) -> str:
        """The definitions `defs`, one formula a line, for a docstring."""
        d = self.model.definitions
        return "\n".join(
            f"{formula(self.model.element(n, d[n].index))} = {formula(d[n].body)}" for n in defs
        )

    def forward(self, defs: list[str], inputs: list[str], cached: list[str]) -> Function:
        table = self.model.spec.layer
        described = {x.name: plain(x.description) for x in self.model.spec.inputs}
        params = [
            Param(n, self.shapes[n], self.model.inputs[n][2], described[n], self.labels.get(n))
            for n in inputs
        ]
        outputs = self.outputs(defs)
        notes = [x for n in defs for x in self.notes(self.model.definitions[n].body)][:1]
        out_axes = self.model.definitions[table.output].index
        steps = self.steps(defs)
        paras = [
            f"The forward pass: {table.output} from {', '.join(inputs)}.",
            steps,
            *notes,
            *sizes.lengths(self.model, params, outputs),
            argcheck.describe(params),
            f"Returns: ({table.output}, cache): {table.output} of shape "
            f"({', '.join(str(i.size) for i in out_axes)}) and the dict that "
            f"backward needs ({', '.join(cached)}).",
        ]
        cache = "{" + ", ".join(f'"{n}": {n}' for n in cached) + "}"
        return self.function(
            "forward", params, outputs, doc_lines(paras, INDENT), Return(f"{table.output}, {cache}")
        )

    def backward(self, defs: list[str], cached: list[str], grads: list) -> Function:
        table = self.model.spec.layer
        up = table.upstream
        out_shape = self.shapes[table.output]
        lines = argcheck.cache_prologue(cached, self.shapes, up, out_shape, frozenset(self.labels))
        outputs = self.outputs(defs)
        names = {}
        for inp, c, e in grads:
            names[inp] = _free_name(f"grad_{inp}", self.taken)
            self.taken.add(names[inp])
            outputs.append(Output(names[inp], e, c.free))
        steps = self.steps(defs)
        steps_g = "\n".join(f"grad {inp} = {formula(e)}  (claim {c.name})" for inp, c, e in grads)
        paras = [
            f"The backward pass: the gradient of every input from dout = {up}.",
            *_nonempty_block(steps),
            steps_g,
            f"Arguments: dout ({', '.join(out_shape)}), the gradient at "
            f"{table.output}; cache, the dict forward returned.",
            "Returns: {"
            + ", ".join(f"{inp!r}: {_shape_text(self.shapes[inp])}" for inp, _, _ in grads)
            + "}.",
        ]
        result = "{" + ", ".join(f'"{inp}": {names[inp]}' for inp, _, _ in grads) + "}"
        return self.function(
            "backward",
            [Param("dout", None), Param("cache", None)],
            outputs,
            doc_lines(paras, INDENT),
            Return(result),
            prologue=lines,
        )


def render(report: Verified) -> str:
    """The source text of the NumPy module of a verified derivation."""
    return module(report)[0]


def module(report: Verified) -> tuple[str, list[str]]:
    """The source text of the NumPy module of a verified derivation, and the warnings a user
    should read (which expression the function of a refuted or unknown claim evaluates).

    Raises RefusedError when the layer's gradient claims are not all proved or derived."""
    model = report.model
    emitter = Emitter(model, {r.name: r for r in report.results})
    functions = [
        Function(*timeloop.definition(emitter, n)) if d.recurrence else emitter.definition(n)
        for n, d in model.definitions.items()
    ]
    functions += [f for c in model.claims if (f := emitter.claim(c)) is not None]
    if model.spec.layer is not None:
        functions += emitter.layer()
    through = bptt.plan(model, emitter.results, emitter.warnings)
    if through is not None:  # a recurrence whose backward pass through time is proved
        functions += [Function(*f) for f in bptt.functions(emitter, through)]
    imports, helpers = head.helpers(functions)
    text = templates.render(
        _TEMPLATE, header=head.header(model), imports=imports, helpers=helpers, functions=functions
    )
    return text, emitter.warnings


def _shape_text(shape: tuple[str, ...]) -> str:
    """(N, L), (L,) or () as Python writes the shape."""
    return f"({shape[0]},)" if len(shape) == 1 else f"({', '.join(shape)})"


def _nonempty_block(text: str) -> list[str]:
    return [text] if text.strip() else []


def _free_name(base: str, taken: set[str]) -> str:
    name, n = base, 1
    while name in taken:
        name, n = f"{base}{n}", n + 1
    return name
