"""A recurrence written over two lines, `a[t] = w*x[t] + v*h[t - 1] + b` then
`h[t] = sigmoid(a[t])`: each definition uses the other, `a` the step before of `h`.

Putting h's body in place of its element at the step before, where that step is on the
axis (off it h is zero, as its body need not be), `a[t] = w*x[t] + v*(If(t - 1 >= 1) *
sigmoid(a[t - 1])) + b`, makes `a` a recurrence of its own (what `symbn.language.recurrence`
reads) and `h` a definition in terms of it, with the same values and the same derivatives
with respect to every input. Only the derivatives with respect to an element of `h` change:
`h` is no longer read inside `a`, so a derivative by h[t] of what reads a later step would
miss it; `Model.folded` names the pair (and `Model.unfolded` keeps a's line as written, which
`symbn.verify.twoline` reads a scalar's total derivative by h through), and `refused` says
which lines are not checked (those whose diff() by h differentiates something that reads a,
or h at another step or under a sum over steps).

The substitution is made on the syntax tree of the expression language (`ast`, never
run), and only when it cannot capture a letter: no letter h's body sums over is one a's
body uses.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Sequence
from dataclasses import replace

import sympy as sp

from symbn.language.model import Model, tensors_in
from symbn.source.spec import Define, Text

#: Calls whose second and later arguments are letters bound by the call.
BINDERS = frozenset({"sum", "mean"})


def fold(defines: Sequence[Define]) -> tuple[list[Define], tuple[tuple[str, str], ...]]:
    """The definitions with each two-line recurrence folded into its first line, and the
    pairs (h, a) folded: h's body put in a's in place of h at the step before."""
    trees = {d.name: _tree(d.expr.value) for d in defines}
    used = {name: _names(tree) if tree else set() for name, tree in trees.items()}
    out = list(defines)
    folded: list[tuple[str, str]] = []
    for k, d in enumerate(defines):
        a, tree = d.name, trees[d.name]
        for h in sorted(used[a] & set(trees) - {a}):
            other, body = next(x for x in defines if x.name == h), trees[h]
            lone = a not in used[a] and h not in used[h] and a in used[h]
            if not lone or tree is None or body is None or any({h, a} & {*p} for p in folded):
                continue
            inlined = _inlined(tree, h, other.index, body)
            if inlined is None:
                continue
            text = Text(ast.unparse(inlined), d.expr.where, lambda _o, at=d.expr.where: at)
            out[k] = replace(d, expr=text)
            folded.append((h, a))
    return out, tuple(folded)


def _tree(text: str) -> ast.expr | None:
    try:
        return ast.parse(text, mode="eval").body
    except SyntaxError:
        return None


def _names(tree: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


def _bound(tree: ast.AST) -> set[str]:
    """The letters the sums and means of `tree` bind."""
    out: set[str] = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in BINDERS:
            out |= {a.id for a in n.args[1:] if isinstance(a, ast.Name)}
    return out


def _lagged(at: ast.expr) -> bool:
    """Whether a position is a letter less a whole number (t - 1)."""
    return (
        isinstance(at, ast.BinOp)
        and isinstance(at.op, ast.Sub)
        and isinstance(at.left, ast.Name)
        and isinstance(at.right, ast.Constant)
        and isinstance(at.right.value, int)
        and at.right.value >= 1
    )


def _inlined(tree: ast.expr, name: str, index: tuple[str, ...], body: ast.expr) -> ast.expr | None:
    """`tree` with each element of `name` replaced by `body` at its positions (None when an
    element is not at a step before or has another number of positions, or a letter the body
    binds is one `tree` uses)."""
    bound = _bound(body)
    ok = not bound & _names(tree)  # a letter both bind or use: kept apart by not folding

    class Swap(ast.NodeTransformer):
        def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
            nonlocal ok
            if not (isinstance(node.value, ast.Name) and node.value.id == name):
                return self.generic_visit(node)
            at = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
            if len(at) != len(index) or not any(_lagged(x) for x in at):
                ok = False
                return node
            put = dict(zip(index, at, strict=True))

            class Letters(ast.NodeTransformer):
                def visit_Name(self, n: ast.Name) -> ast.AST:
                    return copy.deepcopy(put[n.id]) if n.id in put else n

            inlined = Letters().visit(copy.deepcopy(body))
            for x in at:  # h off its axis is zero, as its body there need not be
                if _lagged(x):
                    on = ast.Compare(copy.deepcopy(x), [ast.GtE()], [ast.Constant(1)])
                    on_axis = ast.Call(ast.Name("If", ast.Load()), [on], [])
                    inlined = ast.BinOp(on_axis, ast.Mult(), inlined)
            return inlined

        def visit_Name(self, node: ast.Name) -> ast.AST:
            nonlocal ok
            ok = ok and node.id != name  # a scalar's value: no step before
            return node

    out = Swap().visit(copy.deepcopy(tree))
    return out if ok else None


def refused(model: Model, *exprs: sp.Expr) -> str | None:
    """Why a line is not checked with a folded model: it differentiates by an element of a
    folded h something whose derivative could run through a later step (None: nothing)."""
    for e in exprs:
        for d in sp.preorder_traversal(e):
            if not isinstance(d, sp.Derivative):
                continue
            for h, a in model.folded:
                wrt = [v for v, _ in d.variable_count if h in tensors_in(v, model.bases)]
                if wrt and later(model, d.expr, h, a, wrt[0]):
                    return (
                        f"{h} and {a} make one recurrence over two lines, read as {a}'s "
                        f"alone; a derivative by {h} of what is computed from a later {a} "
                        "is not read yet"
                    )
    return None


def opened(model: Model, e: sp.Expr, h: str, a: str) -> sp.Expr | None:
    """`e` with every definition but h opened (None when it then holds a: `e` reaches a
    other than through h)."""
    for _ in range(len(model.definitions) + 1):
        subs: dict[sp.Expr, sp.Expr] = {}
        for x in sp.preorder_traversal(e):
            name = x.base.label.name if isinstance(x, sp.Indexed) else None
            if isinstance(x, sp.Symbol) and model.bases.get(x.name) == x:
                name = x.name  # a scalar definition
            if name == a:
                return None
            if name in model.definitions and name != h:
                defn = model.definitions[name]
                at = x.indices if isinstance(x, sp.Indexed) else ()
                subs[x] = defn.body.xreplace(dict(zip(defn.index, at, strict=True)))
        if not subs:
            break
        e = e.xreplace(subs)
    return e


def later(model: Model, e: sp.Expr, h: str, a: str, wrt: sp.Expr) -> bool:
    """Whether `e`, every definition but h opened, holds a, or h at another step than
    `wrt` or at a step a sum runs over (the derivative by h held would miss the steps after)."""
    e = opened(model, e, h, a)
    axis = time_axis(model, h, a)
    if e is None or axis is None or not isinstance(wrt, sp.Indexed):
        return True
    step = wrt.indices[axis]
    for x in sp.preorder_traversal(e):
        if isinstance(x, sp.Sum) and any(
            y.indices[axis].has(*(lim[0] for lim in x.limits))
            for y in x.function.atoms(sp.Indexed)
            if y.base.label.name == h
        ):
            return True
    return any(y.indices[axis] != step for y in e.atoms(sp.Indexed) if y.base.label.name == h)


def time_axis(model: Model, h: str, a: str) -> int | None:
    """h's axis of time: where h's body reads a at a's own time axis."""
    rec = model.definitions[a].recurrence
    defn = model.definitions[h]
    uses = [y for y in defn.body.atoms(sp.Indexed) if y.base.label.name == a]
    if rec is None or not uses:
        return None
    letter = uses[0].indices[rec.axis]
    return defn.index.index(letter) if letter in defn.index else None
