"""`forward` and `backward` of a recurrence whose backward pass through time is proved.

A derivation with one recurrence h and no [layer] table gets the pair when one of its claims
is the recursion of the total derivative, `diff(loss, h[t, m]) = ... diff(loss, h[t + 1, j])
...` (each total derivative on the right at a later step), proved by induction. `forward`
runs the time loop of h (`symbn.emit.numpy.timeloop`) and returns h and the cache;
`backward(dout, cache)` takes dout as the one input the backward formulas read that the
forward does not (the upstream gradient), runs the recursion backwards in time into an array
dh, and evaluates each proved gradient claim `diff(loss, v[...])` of an input v over whole
arrays, diff(loss, h[p]) read as dh[p]. An input whose gradient claim is not proved has no
gradient; when the recursion itself is not proved there is no pair at all (a warning says
so), since backward would compute an unproved formula.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symbn.emit.arrays.kernel import Output
from symbn.emit.arrays.pysource import INDENT, doc_lines, indented, signature
from symbn.emit.numpy import argcheck, timeloop
from symbn.emit.numpy.argcheck import Param
from symbn.language.indices import Index
from symbn.language.model import ClaimExpr, Model
from symbn.language.notation import formula
from symbn.verify.status import Status

Lines = tuple[str, str, tuple[str, ...], tuple[str, ...]]  # name, signature, doc, body


@dataclass(frozen=True)
class Plan:
    """The recurrence `name`, the loss its claims differentiate, the proved recursion and the
    proved gradient claim of each input that has one."""

    name: str
    loss: sp.Expr
    recursion: ClaimExpr
    gradients: tuple[tuple[str, ClaimExpr], ...]


def _total(c: ClaimExpr) -> tuple[sp.Expr, sp.Expr] | None:
    """(loss, variable) of a claim diff(loss, v[letters]) at distinct plain letters."""
    lhs = c.lhs
    if c.rhs is None or not isinstance(lhs, sp.Derivative) or len(lhs.variables) != 1:
        return None
    v = lhs.variables[0]
    idx = tuple(v.indices) if isinstance(v, sp.Indexed) else ()
    if not all(isinstance(i, Index) for i in idx) or len(set(idx)) != len(idx):
        return None
    return lhs.expr, v


def _reads_later(c: ClaimExpr, model: Model, name: str, t: Index, *, axis: int) -> bool:
    """Whether every total derivative the rhs names is of `loss` at a step after t."""
    loss = c.lhs.expr
    found = list(c.rhs.atoms(sp.Derivative))
    for d in found:
        v = d.variables[0]
        if d.expr != loss or model.tensor_name(v) != name:
            return False
        after = v.indices[axis] - t
        if not (after.is_Integer and after > 0):
            return False
    return bool(found)


def plan(model: Model, results: dict, warnings: list[str]) -> Plan | None:
    recurrent = [n for n, d in model.definitions.items() if d.recurrence is not None]
    if len(recurrent) != 1 or model.spec.layer is not None:
        return None
    name = recurrent[0]
    axis = model.definitions[name].recurrence.axis
    recursion = None
    for c in model.claims:
        total = _total(c)
        if total is None or model.tensor_name(total[1]) != name:
            continue
        t = total[1].indices[axis]
        if _reads_later(c, model, name, t, axis=axis):
            recursion = c
            break
    if recursion is None:
        return None
    if results[recursion.name].status != Status.PROVED:
        warnings.append(
            f"no forward/backward: the recursion {recursion.name} is "
            f"{results[recursion.name].status}"
        )
        return None
    loss = recursion.lhs.expr
    grads: dict[str, ClaimExpr] = {}
    for c in model.claims:
        total = _total(c)
        if total is None or total[0] != loss or results[c.name].status != Status.PROVED:
            continue
        v = model.tensor_name(total[1])
        derivs = c.rhs.atoms(sp.Derivative)
        if (
            v in model.inputs
            and v in model.dependencies[name]
            and v not in grads
            and all(d.expr == loss and model.tensor_name(d.variables[0]) == name for d in derivs)
        ):
            grads[v] = c
    return Plan(name, loss, recursion, tuple(grads.items()))


def functions(emitter, p: Plan) -> list[Lines]:
    """forward and backward."""
    model = emitter.model
    d = model.definitions[p.name]
    t = d.index[d.recurrence.axis]
    dh_name = timeloop.fresh(f"d{p.name}", set(emitter.taken))
    emitter.taken.add(dh_name)
    emitter.shapes[dh_name] = emitter.shapes[p.name]
    dh = sp.IndexedBase(dh_name, real=True)

    def adjoint(e: sp.Expr) -> sp.Expr:
        return e.replace(
            lambda x: isinstance(x, sp.Derivative) and x.expr == p.loss,
            lambda x: dh[tuple(x.variables[0].indices)],
        )

    back = [adjoint(p.recursion.rhs), *(adjoint(c.rhs) for _, c in p.gradients)]
    fwd_params = [x for x in emitter.params([d.body], [d.index]) if x.name != p.name]
    fwd_names = {x.name for x in fwd_params}
    used = [n for n in model.uses(sp.Add(*back)) if n != dh_name]
    upstream = [n for n in used if n not in fwd_names and n != p.name]
    if len(upstream) != 1:
        raise timeloop.refused(
            emitter,
            f"cannot export forward/backward of {p.name}: the backward "
            f"formulas read {len(upstream)} inputs besides the forward's "
            f"({', '.join(upstream) or 'none'}); they must read one, the upstream gradient",
        )
    up = upstream[0]
    cached = [n for n in [p.name, *fwd_names] if n in used or n == p.name]
    cached = [n for n in [*model.inputs, *model.definitions] if n in cached]
    return [
        forward(emitter, p, fwd_params, cached, t),
        backward(emitter, p, back, cached, up=up, dh_name=dh_name),
    ]


def forward(emitter, p: Plan, params: list[Param], cached: list[str], t: Index) -> Lines:
    model = emitter.model
    d = model.definitions[p.name]
    taken = set(emitter.taken) | {str(t)}
    head = argcheck.prologue(params, {}, {})
    axes = tuple(i for i in d.index if i != t)
    lines = timeloop.loop(
        emitter, p.name, d.body, t, axis=d.recurrence.axis, axes=axes, taken=taken, back=False
    )
    cache = "{" + ", ".join(f'"{n}": {n}' for n in cached) + "}"
    lines.append(f"return {p.name}, {cache}")
    lines = [*timeloop.head_lines(head, lines), *lines]
    paras = [
        f"The forward pass: {p.name} step by step over {t}, from "
        f"{', '.join(x.name for x in params)}.",
        f"{formula(model.element(p.name, d.index))} = {formula(d.body)}",
        argcheck.describe(params),
        f"Returns: ({p.name}, cache): {p.name} and the dict that backward needs "
        f"({', '.join(cached)}).",
    ]
    return _laid("forward", [x.name for x in params], paras, lines)


def backward(emitter, p: Plan, back: list, cached: list[str], *, up: str, dh_name: str) -> Lines:
    model = emitter.model
    rec = model.definitions[p.name].recurrence
    head = argcheck.cache_prologue(cached, emitter.shapes, up, emitter.shapes[up])
    lines: list[str] = []
    taken = set(emitter.taken) | set(cached) | {up, "dout", "cache"}
    var = p.recursion.lhs.variables[0]
    step_t = var.indices[rec.axis]
    taken.add(str(step_t))
    axes = tuple(i for k, i in enumerate(var.indices) if k != rec.axis)
    lines += timeloop.loop(
        emitter, dh_name, back[0], step_t, axis=rec.axis, axes=axes, taken=taken, back=True
    )
    names = {}
    outputs: list[Output] = []
    memo: dict = {}
    for (inp, c), e in zip(p.gradients, back[1:], strict=True):
        whole, bind = timeloop.shifted(emitter, e, taken)
        whole, first = timeloop.grouped(whole, taken, memo)
        lines += bind
        names[inp] = timeloop.fresh(f"grad_{inp}", taken)
        outputs += [*first, Output(names[inp], whole, tuple(c.lhs.variables[0].indices))]
    lines += timeloop.kernel_lines(emitter, outputs, taken, "")
    lines.append("return {" + ", ".join(f'"{i}": {n}' for i, n in names.items()) + "}")
    lines = [*timeloop.head_lines(head, lines), *lines]
    paras = [
        f"The backward pass through time: the total derivative {dh_name} of {p.loss} with "
        f"respect to {p.name}, from {step_t} = {step_t.size} down to 1 (claim "
        f"{p.recursion.name}, proved by induction), then the gradients.",
        f"{formula(p.recursion.lhs)} = {formula(p.recursion.rhs)}",
        *(f"grad {i} = {formula(c.rhs)}  (claim {c.name})" for i, c in p.gradients),
        f"Arguments: dout ({', '.join(emitter.shapes[up])}), the upstream gradient {up}; "
        "cache, the dict forward returned.",
        "Returns: {" + ", ".join(repr(i) for i, _ in p.gradients) + "}.",
    ]
    return _laid("backward", ["dout", "cache"], paras, lines)


def _laid(name: str, params: list[str], paras: list[str], lines: list[str]) -> Lines:
    body = tuple(x for line in lines for x in indented(line))
    return name, signature(name, params), doc_lines(paras, INDENT), body
