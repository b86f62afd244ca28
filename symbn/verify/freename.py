"""An identity of functions written in a name whose definition cannot be read.

A document may state the derivative of tanh, or an identity of the hyperbolic functions, in
a letter that a later section defines (`\\frac{\\partial \\tanh(z)}{\\partial z} = 1 -
\\tanh^2(z)` above `z = W a + b`). When the model cannot take that definition (it uses a
name the document never defines, or no line for it can be read), the letter is no tensor
of the model, and the line would be unchecked. Such a line is a fact about functions: it
holds, or fails, for every value of the letter, whatever the letter is computed from. So it
is judged with the letter an input of the shape the inference gave it, when the letter is
the only tensor the line names and stands only in the arguments of functions (`\\tanh(z)`,
`e^{z_j}`) or as the variable of a derivative: `\\tanh(z) = z`, which says something of the
letter's value, is not.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import replace

from symbn.language.functions import TABLE
from symbn.language.latex.claims import Claim
from symbn.language.model import Model
from symbn.source.context import Context
from symbn.source.spec import Input
from symbn.verify.finding import Finding
from symbn.verify.status import Status

#: The calls whose arguments a free letter may stand in.
_CALLS = frozenset(TABLE)


def freed(
    pairs: list[tuple[Claim, Finding]],
    model: Model,
    ctx: Context,
    judged: Callable[[Context, frozenset[str]], Callable[[Claim], Finding]],
    settle: Callable[[list, Callable[[Claim], Finding]], list] = lambda pairs, _judge: pairs,
) -> list[tuple[Claim, Finding]]:
    """`pairs` with each unchecked identity of functions of one name that `ctx` says is
    defined but `model` holds no definition of judged again with that name an input
    (`judged`: a judge of the claims under a context, without the definitions of the names
    given; `settle`: what is done to a claim and its new finding with the judge that gave
    it)."""
    held = {*model.definitions, *(h for h, _ in model.folded), model.loss}
    gone = {d.name for d in ctx.defined} - held
    tensors = {i.name for i in ctx.inputs} | {d.name for d in ctx.defined}
    judges: dict[str, Callable[[Claim], Finding]] = {}
    out = []
    for c, f in pairs:
        name = _free(c, tensors) if f.status == Status.UNCHECKED else None
        if name is None or name not in gone:
            out.append((c, f))
            continue
        if name not in judges:
            judges[name] = judged(_as_input(ctx, name), frozenset({name}))
        again = judges[name](c)
        judged_again = again.status in (Status.PROVED, Status.REFUTED)
        out += settle([(c, again)], judges[name]) if judged_again else [(c, f)]
    return out


def _as_input(ctx: Context, name: str) -> Context:
    """The context with `name` an input of the shape it was defined with."""
    d = next(d for d in ctx.defined if d.name == name)
    return replace(
        ctx,
        inputs=(*ctx.inputs, Input(name, d.shape, False, d.latex, d.where)),
        defined=tuple(x for x in ctx.defined if x.name != name),
    )


def _free(c: Claim, tensors: set[str]) -> str | None:
    """The one tensor `c` names, when it stands only in the arguments of functions or as
    the variable of a derivative, on a claim of an equation; else None."""
    if c.kind not in ("equation", "step"):
        return None
    uses: list[bool] = []
    names: set[str] = set()
    for side in (c.lhs, c.rhs, c.first or "0"):
        try:
            _walk(ast.parse(side, mode="eval").body, tensors, False, uses, names)
        except SyntaxError:
            return None
    return names.pop() if len(names) == 1 and all(uses) else None


def _walk(node: ast.AST, tensors: set[str], inside: bool, uses: list, names: set) -> None:
    """Record in `uses`, for each use of a tensor under `node`, whether it stands in a
    function's argument or as a derivative's variable (`inside`), and its name in `names`."""
    if isinstance(node, ast.Subscript | ast.Name):
        base = node.value if isinstance(node, ast.Subscript) else node
        if isinstance(base, ast.Name) and base.id in tensors:
            uses.append(inside)
            names.add(base.id)
            return
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        called = node.func.id
        for n, arg in enumerate(node.args):
            wrt = called == "diff" and n == 1
            _walk(arg, tensors, inside or called in _CALLS or wrt, uses, names)
        return
    for child in ast.iter_child_nodes(node):
        _walk(child, tensors, inside, uses, names)
