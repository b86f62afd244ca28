"""Differentials and the Frobenius product: matrix calculus as `dY = dX\\, W + X\\, dW`,
`dL = G : dY`, `dL = \\operatorname{tr}(G^T dY)`.

Where the context says `[notation] differentials = "d"`, `dX` (the letter d written
against a name, or `\\mathrm{d}X`) is the differential of X: the first-order change of X
when the variables of its line change. `A : B` is the Frobenius product Σ A ⊙ B over every
axis (both sides of one shape).

An equation in differentials is linear in them, so it holds exactly when it holds for each
variable V and each element e of V with dV the unit change at e and every other variable
fixed: the differential dN of any name then is ∂N/∂V_e. The variables of a line are the
inputs whose differentials it writes; a line that writes only differentials of defined
names (`dL = G : dY`) varies those. So `dY = dX W + X dW` claims ∂Y_pr/∂X_ab =
Σ_q δ_pa δ_qb W_qr + 0 and ∂Y_pr/∂W_ab = Σ_q X_pq δ_qa δ_rb, each an ordinary claim the
verifier proves or refutes. A differential inside a function, a power or a denominator, or a
product of two differentials, is not first order and is not read.
"""

from __future__ import annotations

from symbn.language.latex import texmatrix
from symbn.language.latex.symbols import spelling_key
from symbn.language.latex.tree import (
    Add,
    Call,
    Delta,
    Diff,
    Differential,
    Div,
    Mul,
    Node,
    Num,
    Pow,
    Ref,
    Transpose,
    children,
    rebuild,
    walk,
)
from symbn.source.positions import TexError

#: How a differential's d may be written in a font command's braces (`\\mathrm{d}X`).
UPRIGHT = frozenset({"\\mathrm", "\\text", "\\textrm", "\\operatorname", "\\mathit"})


def on(symbols) -> bool:
    """Whether the context reads `d` before a name as a differential."""
    return symbols.notation.get("differentials") == "d"


def read(p, first: int, lo: int, hi: int) -> Node | None:
    """`dX` with tokens[lo:hi] spelling a declared name (X, `\\hat{x}`, `\\mathbf{x}`) right
    after the d at `first`: its differential; None when they spell no name."""
    if lo >= hi:
        return None
    saved = p.pos
    p.pos = max(p.pos, hi)
    try:
        named = p.named(lo, hi)
    except TexError:
        p.pos = saved
        return None
    inner = named.expr if isinstance(named, Transpose) else named
    if not isinstance(inner, Ref) or inner.kind == "size":
        p.pos = saved
        return None
    node = Differential(inner, span=p.span_from(first))
    return Transpose(node, span=node.span) if isinstance(named, Transpose) else node


def upright_d(p, command: str, lo: int, hi: int) -> bool:
    r"""Whether `command{tokens[lo:hi]}` is the d of a differential (`\mathrm{d}`)."""
    return command in UPRIGHT and hi - lo == 1 and p.t[lo].text == "d" and on(p.s)


def after(p, first: int, n: int) -> Node | None:
    r"""The differential whose d ends just before token `n` (`dX`, `d\hat{x}`, `\mathrm{d}X`),
    the name written against it; None when no name follows without a space."""
    hi = texmatrix.against(p, n)
    if hi is None or p.s.name(spelling_key(p.t[first:hi])) is not None:
        return None  # `d\mathbf{y}` declared as a name of its own
    return read(p, first, n, hi)


def has(node: Node) -> bool:
    """Whether a tree writes a differential."""
    return any(isinstance(n, Differential) for n in walk(node))


def _names(node: Node) -> list[str]:
    out: list[str] = []
    for n in walk(node):
        if isinstance(n, Differential) and isinstance(n.of, Ref) and n.of.name not in out:
            out.append(n.of.name)
    return out


def variables(left: Node, right: Node, symbols) -> list[str]:
    """The names a line varies: the inputs whose differentials it writes, else every name
    whose differential stands on a side other than a lone differential (the left side of
    `dL = G : dY` is the change, Y the variable)."""
    written = _names(left) + [n for n in _names(right) if n not in _names(left)]
    inputs = symbols.inputs
    given = [n for n in written if inputs is not None and n in inputs]
    if given:
        return given
    lone = [side for side in (left, right) if isinstance(side, Differential)]
    if len(lone) == 1:
        other = right if lone[0] is left else left
        return _names(other)
    return [n for n in written if n != symbols.loss]


def linear(node: Node) -> None:
    """Raise TexError unless the tree is linear in its differentials: each term holds at most
    one, and none stands in a function, power or denominator."""

    def count(n: Node) -> int:
        if isinstance(n, Differential):
            return 1
        if isinstance(n, Call | Pow):
            if has(n):
                raise TexError("a differential inside a function or power is not read", n.span)
            return 0
        if isinstance(n, Div):
            if has(n.den):
                raise TexError("a differential in a denominator is not read", n.den.span)
            return count(n.num)
        if isinstance(n, Mul):
            k = sum(count(f) for f in n.factors)
            if k > 1:
                raise TexError("a product of two differentials is not first order", n.span)
            return k
        if isinstance(n, Add):
            return max((count(t) for _, t in n.terms), default=0)
        return max((count(c) for c in children(n)), default=0)

    count(node)


def variables_of(left: Node, right: Node, symbols, span) -> list[str]:
    """The variables of a pair (see `variables`), after checking both sides are first order;
    TexError when nothing says what varies."""
    linear(left)
    linear(right)
    names = variables(left, right, symbols)
    if not names:
        raise TexError(
            "this line writes no differential but the loss's: nothing says what varies", span
        )
    return names


def by(node: Node, wrt: Ref, inputs: frozenset[str] | None) -> Node:
    """The tree with each differential dN replaced by ∂N/∂wrt (δ for wrt's own name)."""
    if isinstance(node, Differential):
        of = node.of
        if isinstance(of, Ref) and of.name == wrt.name:
            pairs = zip(of.indices, wrt.indices, strict=True)
            deltas = [Delta(a, b, span=node.span) for a, b in pairs]
            if not deltas:
                return Num("1", span=node.span)
            if len(deltas) == 1:
                return deltas[0]
            return Mul(tuple(deltas), ("",) * (len(deltas) - 1), span=node.span)
        if isinstance(of, Ref) and inputs is not None and of.name in inputs:
            return Num("0", span=node.span)  # inputs vary independently
        return Diff(of, wrt, "partial", span=node.span)
    return rebuild(node, lambda c: by(c, wrt, inputs)) if has(node) else node
