"""A derivation's `[layer]` exported to PyTorch or JAX: the forward pass and the proved
backward pass as the framework's own custom-gradient function.

PyTorch: a module importing only torch (and math), with `_forward` and `_backward`, a
`torch.autograd.Function` subclass `Layer` calling them, and `layer(*inputs)`, which is
`Layer.apply`. JAX: a module importing only jax, with `layer` a `jax.custom_vjp` function whose
fwd and bwd are `_forward` and `_backward`. The bodies are the NumPy module's: the layer plan
(`emit.layer`), each shared quantity computed once (`arrays.kernel`), evaluated in place where
safe in PyTorch and never in JAX (its arrays are immutable), printed by the framework's
printer (`frameworks.printers`); the forward pass saves only what the backward pass reads.
Like the NumPy export, a layer whose gradient claim is not proved is refused (RefusedError).
"""

from __future__ import annotations

from pathlib import Path

from symbn.emit import layer, templates
from symbn.emit.arrays import statements, windowcode
from symbn.emit.arrays.kernel import Kernel, Output
from symbn.emit.arrays.pysource import INDENT, doc_lines, indented, signature
from symbn.emit.arrays.statements import Assign, Return, Statement
from symbn.emit.arrays.vectorize import VectorizeError
from symbn.emit.frameworks import checks
from symbn.emit.frameworks.printers import PRINTERS
from symbn.emit.numpy import sizes
from symbn.emit.numpy.argcheck import Param, describe
from symbn.emit.numpy.emitter import Emitter, Function, _free_name
from symbn.errors import InputError
from symbn.language.notation import formula
from symbn.source.spec import plain
from symbn.verify.verdicts import Verified

#: Names the generated code uses itself; a derivation that declares one cannot be exported.
NAMES = frozenset(
    {"torch", "jax", "jnp", "math", "dtype", "device", "saved", "dout", "ctx", "inputs"}
    | {"Layer", "layer", "ValueError", "RuntimeError", "residuals", "grads"}
)


class LayerEmitter(Emitter):
    """The forward and backward functions of one model's layer, for `backend`."""

    def __init__(self, report: Verified, backend: str, *, inplace: bool = True):
        super().__init__(report.model, {r.name: r for r in report.results})
        clash = sorted(set(self.decl) & NAMES)
        if clash:
            raise InputError(
                f"{self.model.spec.path}: the name {clash[0]!r} is taken by the generated "
                f"{PRINTERS[backend].library} module; rename it to export this derivation"
            )
        self.taken |= NAMES
        self.backend = backend
        self.inplace = inplace and backend != "jax"

    def body(self, name: str, outputs: list[Output], head: list[Statement], ret: str) -> tuple:
        vec = PRINTERS[self.backend](list(self.order))
        kernel = Kernel(vec, self.taken, inplace=self.inplace, kept=statements.names(ret))
        try:
            computed = kernel.emit(outputs)
        except VectorizeError as exc:
            raise InputError(f"{self.model.spec.path}: cannot export {name}: {exc}") from None
        body = _unread_dropped(statements.without_unread_sizes([*head, *computed, Return(ret)]))
        return tuple(x for line in statements.lines(body) for x in indented(line))

    def sized(self, params: list[Param], defs: list[str]) -> list[Statement]:
        """The sizes the forward pass computes (a convolution's output length)."""
        try:
            return sizes.unbound(self.model, params, self.outputs(defs))
        except VectorizeError as exc:
            raise InputError(f"{self.model.spec.path}: cannot export _forward: {exc}") from None

    def functions(self) -> tuple[list[Function], dict]:
        """`_forward` and `_backward`, and what the template needs to know of the layer."""

        def choose(claim):
            chosen = self.choose(claim)
            return None if chosen is None else chosen[0]

        p = layer.plan(self.model, self.results, choose)
        table = self.model.spec.layer
        described = {x.name: plain(x.description) for x in self.model.spec.inputs}
        params = [
            Param(n, self.shapes[n], self.model.inputs[n][2], described[n], self.labels.get(n))
            for n in p.inputs
        ]
        saved = ", ".join(p.cached) + ("," if len(p.cached) == 1 else "")
        out_axes = self.model.definitions[table.output].index
        shape = ", ".join(str(i.size) for i in out_axes)
        unchecked = [x.name for x in params if x.positive]
        fwd_doc = [
            f"The forward pass: {table.output} from {', '.join(p.inputs)}.",
            self.steps(list(p.forward)),
            describe(params),
            *(
                [f"{checks.UNCHECKED[self.backend]}: {', '.join(unchecked)} must be positive."]
                if unchecked
                else []
            ),
            f"Returns: ({table.output}, saved): {table.output} of shape ({shape}) and what "
            f"the backward pass reads ({', '.join(p.cached)}).",
        ]
        forward = Function(
            "_forward",
            signature("_forward", list(p.inputs)),
            doc_lines(fwd_doc, INDENT),
            self.body(
                "_forward",
                self.outputs(list(p.forward)),
                checks.prologue(params, self.backend) + self.sized(params, list(p.forward)),
                f"{table.output}, ({saved})",
            ),
        )
        outputs = self.outputs(list(p.backward))
        names = {}
        for g in p.gradients:
            names[g.input] = _free_name(f"grad_{g.input}", self.taken)
            self.taken.add(names[g.input])
            outputs.append(Output(names[g.input], g.expr, g.claim.free))
        grads = "\n".join(
            f"grad {g.input} = {formula(g.expr)}  (claim {g.claim.name}, "
            f"{self.results[g.claim.name].status})"
            for g in p.gradients
        )
        missing = [n for n in p.inputs if n not in names]
        bwd_doc = [
            f"The backward pass: the gradient of every input from dout = {table.upstream}, "
            f"the gradient at {table.output}, and saved, what the forward pass returned.",
            *([s] if (s := self.steps(list(p.backward))) else []),
            grads,
            "Returns: the gradient of "
            + ", ".join(p.inputs)
            + (f", in order (None for {', '.join(missing)}: not proved)." if missing else "."),
        ]
        ret = ", ".join(names.get(n, "None") for n in p.inputs)
        backward = Function(
            "_backward",
            "saved, dout",
            doc_lines(bwd_doc, INDENT),
            self.body(
                "_backward",
                outputs,
                checks.unpack(
                    list(p.cached),
                    self.shapes,
                    table.upstream,
                    self.shapes[table.output],
                    self.backend,
                ),
                ret + ("," if len(p.inputs) == 1 else ""),
            ),
        )
        layer_doc = [
            f"{table.output} = the layer of {Path(self.model.spec.path).name}, with the "
            f"gradients symbn proved.",
            self.steps(list(p.forward)),
            grads,
            describe(params),
            *(
                [
                    f"No gradient is proved for {', '.join(missing)}: "
                    + (
                        "asking for it raises RuntimeError."
                        if self.backend == "torch"
                        else "its cotangent is NaN, never a number that looks right."
                    )
                ]
                if missing
                else []
            ),
        ]
        context = {
            "define": f"def layer({signature('layer', list(p.inputs))}):",
            "primal": indented(f"return _forward({', '.join(p.inputs)})[0]"),
            "call": indented(f"return Layer.apply({', '.join(p.inputs)})"),
            "doc": doc_lines(layer_doc, INDENT),
            "missing": [(p.inputs.index(n), n) for n in missing],
        }
        return [forward, backward], context


def module(report: Verified, backend: str, *, inplace: bool = True) -> str:
    """The source of the PyTorch (`backend` "torch") or JAX ("jax") module of a verified
    derivation's layer (InputError when it has none; RefusedError when a gradient claim of
    the layer is not proved). Without `inplace`, no array is updated in place (so that
    torch's autograd can differentiate `_forward` itself, as the tests do)."""
    model = report.model
    if model.spec.layer is None:
        raise InputError(
            f"{model.spec.path}: no [layer] table: only a layer is exported to "
            f"{PRINTERS[backend].library}"
        )
    functions, context = LayerEmitter(report, backend, inplace=inplace).functions()
    uses_math = any("math." in line for fn in functions for line in fn.body)
    lines = [line for fn in functions for line in fn.body]
    return templates.render(
        f"{backend}.py.j2",
        header=header(report, backend),
        functions=functions,
        helpers=windowcode.used(PRINTERS[backend].spelling, lines),
        math=uses_math,
        **context,
    )


def header(report: Verified, backend: str) -> list[str]:
    spec = report.model.spec
    stem = Path(spec.path).stem
    what = {
        "torch": "a torch.autograd.Function, Layer, whose backward is the proved backward "
        "pass, and layer(*inputs), which applies it. It runs on the device and in the "
        "floating dtype of its arguments (all one dtype). The backward pass computes first "
        "derivatives only (once_differentiable): its own derivative is not proved",
        "jax": "layer(*inputs), a jax.custom_vjp function whose backward pass is the proved "
        "one; it can be jitted and vmapped, and works in the floating dtype of its arguments "
        "(all one dtype). Its own derivative (a second derivative of the layer) is JAX's "
        "derivative of the backward code, which symbn does not prove",
    }[backend]
    paras = [
        spec.title.value.strip() + ".",
        *([d] if (d := spec.description.value.strip()) else []),
        f"The {PRINTERS[backend].library} layer generated by symbn from {Path(spec.path).name}; "
        "do not "
        f"edit, regenerate with `symbn {backend} {spec.path} -o {stem}_{backend}.py`: {what}.",
    ]
    return list(doc_lines(paras, ""))


def _unread_dropped(body: list[Statement]) -> list[Statement]:
    """`body` without the assignments of the working dtype and device nothing reads."""
    later: set[str] = set()
    kept: list[Statement] = []
    for s in reversed(body):
        if isinstance(s, Assign) and s.target in ("dtype", "device") and s.target not in later:
            continue
        later |= statements.reads(s)
        kept.append(s)
    return kept[::-1]
