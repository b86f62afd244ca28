"""The matrix notation of the maths reader: ones vectors, the identity, indicators, ∇ and
the shorthand for a gradient.

- `\\mathbf{1}`, `\\mathbb{1}`, `\\boldsymbol{1}`, `\\bm{1}`, `\\vec{1}`, `\\bold{1}`, with a
  size as subscript (`\\mathbf{1}_N`, `\\bold{1_N}`, `1_N`) or without one: a column of
  ones (`tree.Ones`);
- the same followed by a comparison in brackets, `\\mathbb{1}[H > 0]`,
  `\\mathbf{1}\\{H > 0\\}`, `\\mathbb{1}_{H > 0}`, or `\\mathbb{I}[…]`: the indicator,
  elementwise, read as `step` (1 where the difference is positive; `\\geq` is read as `>`,
  the two differing only where the difference is 0);
- `I`, `I_N`, `\\mathbf{I}`, `\\mathbb{I}` where I is not a name: the identity;
- `\\nabla_W \\mathcal{L}`: the gradient of a scalar by all of W (a derivative by W), and
  `\\nabla W` the loss's;
- `dW` or `\\bar{W}`, where the context's `[gradients]` table says that the prefix `d`
  (or `\\bar`) marks the gradient of the loss: ∂loss/∂W.
"""

from __future__ import annotations

from symbn.language.latex import brackets, nablaat, texrel
from symbn.language.latex.cursor import Cursor
from symbn.language.latex.symbols import ARG_COMMANDS, spelling_key
from symbn.language.latex.texnames import TRANSPOSES, Names
from symbn.language.latex.tree import (
    Add,
    Call,
    Delta,
    Diff,
    Identity,
    Last,
    Letter,
    Neg,
    Node,
    Num,
    Ones,
    OnesAt,
    Ref,
    Rel,
    Space,
    Transpose,
)
from symbn.source.positions import TexError

#: Commands that make `1` the ones vector (and `I` the identity).
ONE_FONTS = frozenset(
    {"\\mathbf", "\\mathbb", "\\boldsymbol", "\\bm", "\\vec", "\\bold", "\\mathbbm", "\\mathrm"}
)
GREATER = frozenset({">", "\\gt", "\\geq", "\\ge", "\\geqslant"})
LESS = frozenset({"<", "\\lt", "\\leq", "\\le", "\\leqslant"})


def is_one(p: Cursor, lo: int, hi: int) -> bool:
    """Whether tokens[lo:hi] (a font command's argument) are `1` or `1_N`."""
    return hi > lo and p.t[lo].kind == "number" and p.t[lo].text == "1"


def is_identity(p: Cursor, lo: int, hi: int) -> bool:
    """Whether tokens[lo:hi] are the letter I, and I names nothing."""
    return hi - lo == 1 and p.t[lo].text == "I" and p.s.name("I") is None


def size_of(p: Cursor, lo: int, hi: int, what: str) -> str:
    """The size a subscript tokens[lo:hi] names (`N` in `\\mathbf{1}_N`)."""
    key = spelling_key(p.t[lo:hi])
    name = p.s.name(key)
    if name is None or p.s.kind(name) != "size":
        number = hi - lo == 1 and p.t[lo].text.isdigit()  # \mathbb{R}^{16}: spell 16 as a size
        hint = f'; a context spells it as a size N with [spellings] N = ["{key}"]' if number else ""
        raise TexError(
            f"the subscript of {what} is its size; {key!r} is not a size{hint}", p.span_of(lo, hi)
        )
    return name


def ones(p: Names, first: int, inside: tuple[int, int] | None) -> Node:
    """A ones vector or an indicator, the `1` read (inside a font's group `inside`)."""
    size = None
    transposed = False
    if inside is not None and inside[1] - inside[0] > 1:  # \bold{1_N}, \bold{1_N^T}
        size, transposed = _inside(p, *inside)
    tok = p.peek()
    if tok is not None and tok.kind == "sub" and size is None:
        p.pos += 1
        lo, hi = p.group()
        condition = comparison(p, lo, hi)
        if condition is not None:
            return _indicator(condition, p.span_from(first))
        delta = _equality(p, lo, hi)
        if delta is not None:  # 1_{i=j}
            return delta
        letter = p.t[lo].text if hi - lo == 1 else None
        if letter in p.s.indices and p.s.notation.get("sums") == "einstein":
            unit = OnesAt(Letter(letter, span=p.t[lo].span), span=p.span_from(first))
            return p.finish(unit, _sup(p), 0, first)  # 1_h: summed with what repeats h
        if letter in p.s.indices:
            raise TexError(
                f"the subscript of a ones vector is its size; {letter!r} is an index letter "
                '(in Einstein notation, which [notation] sums = "einstein" reads, 1_h is '
                "one along h)",
                p.span_of(lo, hi),
            )
        size = size_of(p, lo, hi, "a ones vector")
    condition = _bracketed_condition(p)
    if condition is not None:
        if size is not None:
            raise TexError("an indicator takes no size", p.span_from(first))
        return _indicator(condition, p.span_from(first))
    node: Node = Ones(size, span=p.span_from(first))
    if transposed:
        node = Transpose(node, span=node.span)
    return p.finish(node, _sup(p), 0, first)


def _inside(p: Names, lo: int, hi: int) -> tuple[str, bool]:
    """The size and transpose written inside the font's group: `1_N`, `1_N^T`, `1_N^\\top`."""
    sub = p.sub(lo + 1, hi)
    scripts = sub.read_scripts()
    if sub.pos != hi or scripts[0] is None or scripts[2]:
        raise TexError(
            "a ones vector is written \\mathbf{1}, \\mathbf{1}_N or \\mathbf{1}_N^\\top",
            p.span_of(lo, hi),
        )
    size = size_of(p, *scripts[0], "a ones vector")
    sup = scripts[1]
    if sup is None:
        return size, False
    if spelling_key(p.t[sup[0] : sup[1]]) not in ("T", *TRANSPOSES):
        raise TexError("a ones vector takes a transpose, nothing else", p.span_of(*sup))
    return size, True


def _equality(p: Names, lo: int, hi: int) -> Node | None:
    """`i=j` in a subscript, the Kronecker delta (`1_{i=j}`); None when it is not that."""
    parts = brackets.split(p.t, p.b, lo, hi, frozenset({"="}))
    if len(parts) != 2 or any(b - a != 1 for a, b in parts):
        return None
    (a, _), (c, _) = parts
    letters = [p.t[a].text, p.t[c].text]
    if not all(x in p.s.indices for x in letters):
        return None
    i, j = (Letter(x, span=p.t[n].span) for x, n in zip(letters, (a, c), strict=True))
    return Delta(i, j, span=p.span_of(lo, hi))


def plain_indicator(p: Names, first: int) -> Node | None:
    """`1\\{k = i\\}`, `1[k \ne i]`, `1(k == i)`: the number 1 (token `first`, read) before a
    bracketed comparison, its indicator; None (the cursor after the 1) otherwise."""
    condition = _bracketed_condition(p)
    return None if condition is None else _indicator(condition, p.span_from(first))


def identity(p: Names, first: int) -> Node:
    """`I` or `I_N` (the letter read)."""
    condition = _bracketed_condition(p)
    if condition is not None:  # \mathbb{I}[H > 0]
        return _indicator(condition, p.span_from(first))
    size = None
    tok = p.peek()
    if tok is not None and tok.kind == "sub":
        p.pos += 1
        lo, hi = p.group()
        size = size_of(p, lo, hi, "the identity")
    return p.finish(Identity(size, span=p.span_from(first)), _sup(p), 0, first)


def _sup(p: Names) -> tuple[int, int] | None:
    tok = p.peek()
    if tok is not None and tok.kind == "sup":
        p.pos += 1
        return p.script_arg(tok)
    return None


def _bracketed_condition(p: Cursor) -> Node | None:
    """The comparison in the brackets at the cursor (`[H > 0]`, `\\{H > 0\\}`), read as the
    difference that is positive where it holds; None (nothing read) when there is none."""
    group = _delimited(p)
    if group is None:
        return None
    condition = comparison(p, group[0], group[1])
    if condition is not None:
        p.pos = group[2]
    return condition


def _delimited(p: Cursor) -> tuple[int, int, int] | None:
    """The inside (lo, hi) of the delimited group opened at the cursor, and the token after
    it; None when no group opens there."""
    d = p.b.delimiters.get(p.pos)
    close = p.b.pairs.get(p.pos)
    if d is None or not d.opens or close is None:
        return None
    return d.last + 1, close.first, close.last + 1


def _indicator(condition: Node, span) -> Node:
    """The indicator of a condition: a relation of indices (`[m \\le n]`, or the delta) is
    its own; a difference that is positive where it holds, its step."""
    return condition if isinstance(condition, Rel | Delta) else Call("step", condition, span=span)


def comparison(p: Cursor, lo: int, hi: int) -> Node | None:
    """A comparison in tokens[lo:hi]: a relation of indices (`m \\le n`, the delta for
    `k = i`), or of values (`H > 0`) as the difference that is positive where it holds;
    None when it is neither."""
    rel = texrel.relation(p, lo, hi)  # of indices: m \le n, k \ne i, k = i
    if (
        rel is not None
        and rel.op == "=="
        and isinstance(rel.left, Letter)
        and isinstance(rel.right, Letter)
    ):
        return Delta(rel.left, rel.right, span=rel.span)
    if rel is not None:
        return rel
    parts = brackets.split(p.t, p.b, lo, hi, GREATER | LESS)
    if len(parts) != 2:
        return None
    (a, b), (c, d) = parts
    op = p.t[b].text
    left, right = p.whole(a, b), p.whole(c, d)
    if op in LESS:
        left, right = right, left
    if isinstance(right, Num) and right.text == "0":
        return left
    if isinstance(left, Num) and left.text == "0":
        return Neg(right, span=right.span)
    return Add(((1, left), (-1, right)), span=left.span.cover(right.span))


def nabla(p: Cursor, first: int) -> Node:
    """`\\nabla_W f`: the derivative of the scalar f by all of W; `\\nabla W` alone, the
    loss's gradient by W (or the scalar's that [gradients] gives `\\nabla`)."""
    sub, sup, primes = p.read_scripts()
    of = p.s.gradients.get("\\nabla", p.s.loss)  # [gradients] L = ["\\nabla"], or the loss
    plain = sub is None and sup is None and not primes
    if plain and (at := nablaat.applied(p, first)) is not None:
        return at  # \nabla L(w_i): ∂L/∂w_i
    if plain and of is not None:
        wrt = p.atom()
        if not isinstance(wrt, Ref) or wrt.kind != "tensor":
            raise TexError("\\nabla takes a tensor", p.span_from(first))
        loss = Ref(of, "loss" if of == p.s.loss else "tensor", span=p.t[first].span)
        return Diff(loss, wrt, "partial", span=p.span_from(first))
    if sub is None or sup is not None or primes:
        raise TexError("the gradient is written \\nabla_W f", p.span_from(first))
    wrt = p.sub(*sub).atom()
    if not isinstance(wrt, Ref) or wrt.kind != "tensor":
        raise TexError("\\nabla_W takes a tensor as subscript", p.span_of(*sub))
    if p.peek() is None or not p.starts_factor(p.peek()):
        raise TexError("\\nabla_W has nothing to act on", p.span_from(first))
    p.nested(first)
    expr = p.factor()
    p.depth -= 1
    shape = p.s.shape(wrt.name)
    layered = bool(shape) and shape[0] == "L" and p.s.indices.get("l") == "L"  # a^l: l over L
    if layered and not wrt.indices and isinstance(expr, Ref) and expr.kind == "loss":
        wrt = Ref(wrt.name, wrt.kind, (Last(shape[0], span=wrt.span),), span=wrt.span)  # a^L
    return Diff(expr, wrt, "partial", span=p.span_from(first))


def gradient(p: Names, first: int, prefix: str, lo: int, hi: int) -> Node | None:
    """`dW` or `\\bar{W}` (tokens[lo:hi] after the prefix, or in its braces, spelling a
    tensor or an element, `dq_i`) as ∂loss/∂W, where the context says `prefix` marks the
    gradient of the loss; None when they spell no tensor. The scripts after it go with W
    (`dW_1`, `dW^T`)."""
    loss = p.s.gradients.get(prefix)
    if loss is None or lo >= hi:
        return None
    saved = p.pos
    p.pos = max(p.pos, hi)
    try:
        wrt = p.named(lo, hi)
    except TexError:
        p.pos = saved
        return None
    inner = wrt.expr if isinstance(wrt, Transpose) else wrt
    if not isinstance(inner, Ref) or inner.kind != "tensor":
        p.pos = saved
        return None
    of = Ref(loss, p.s.kind(loss), span=p.t[first].span)
    grad = Diff(of, inner, "partial", span=p.span_from(first))
    return Transpose(grad, span=grad.span) if isinstance(wrt, Transpose) else grad


def maximum(p: Cursor, first: int) -> Node | None:
    """`\\max(0, H)` or `\\max(H, 0)`, elementwise: relu(H); None (nothing read) for any
    other maximum."""
    group = _delimited(p)
    if group is None:
        return None
    parts = p.pieces(group[0], group[1])
    if len(parts) != 2:
        return None
    zero = [a for a, b in parts if b - a == 1 and p.t[a].text == "0"]
    if len(zero) != 1:
        return None
    ((a, b),) = [(a, b) for a, b in parts if a != zero[0]]
    arg = p.whole(a, b)
    p.pos = group[2]
    return Call("relu", arg, span=p.span_from(first))


def prefixed(p: Names, first: int) -> Node | None:
    """`dW` or `d\\tilde{H}` at token `first` (the prefix letter): the gradient, when the
    name follows the prefix without a space."""
    hi = against(p, first + 1)
    return None if hi is None else gradient(p, first, p.t[first].text, first + 1, hi)


def against(p: Cursor, n: int) -> int | None:
    """The end of the name that starts at token `n` written against the token before it
    (`W` in `dW`, `\\tilde{H}` in `d\\tilde{H}`, the command and its group); None when a
    space or nothing comes between."""
    if n >= p.hi or p.t[n].start != p.t[n - 1].end:
        return None
    if p.t[n].kind == "command" and p.t[n].text in ARG_COMMANDS and n + 1 < p.hi:
        return p.b.groups.get(n + 1, n + 1) + 1
    return n + 1


def in_font(p: Names, first: int, lo: int, hi: int) -> Node | None:
    """The prefix in a font's group: `\\mathbf{dq}` (the name inside too) or
    `\\mathbf{d}q_i` (the name right after the group); None when it is not that."""
    end = p.pos
    prefix = p.t[lo].text
    if hi - lo > 1:
        grad = gradient(p, first, prefix, lo + 1, hi)
    elif end < p.hi:  # TeX sets \\mathbf d q_k as \\mathbf{d}q_k: spaces do not count
        grad = gradient(p, first, prefix, end, end + 1)
    else:
        grad = None
    if grad is None:
        p.pos = end
    return grad


def slashed(p: Names, first: int) -> Node | None:
    """`\\partial \\mathcal{L} / \\partial W` (the first `\\partial` read): the derivative
    written with a slash; None (nothing read) when it is not that."""
    saved = p.pos
    try:
        expr = p.atom()
        slash = p.next()
        mark = p.next()
        if slash.text != "/" or mark.text != "\\partial":
            raise TexError("not a slashed derivative", slash.span)
        wrt = p.atom()
    except TexError:
        p.pos = saved
        return None
    if not isinstance(wrt, Ref):
        p.pos = saved
        return None
    return Diff(expr, wrt, "partial", span=p.span_from(first))


def space(p: Names, first: int) -> Node:
    """`\\mathbb{R}^{N \\times D}` (the `\\mathbb{R}` read): the arrays of that shape, for
    `X \\in \\mathbb{R}^{N \\times D}`; `\\mathbb{R}` alone the scalars."""
    sub, sup, primes = p.read_scripts()
    if sub is not None or primes:
        raise TexError("the real arrays are written \\mathbb{R}^{N \\times D}", p.span_from(first))
    if sup is None:
        return Space((), span=p.span_from(first))
    dims = []
    for a, b in brackets.split(p.t, p.b, *sup, frozenset({"\\times", ","})):
        if b - a != 1:
            raise TexError("a shape is sizes joined by \\times", p.span_of(*sup))
        tok = p.t[a]
        if tok.text == "1":
            dims.append("1")
            continue
        dims.append(size_of(p, a, b, "\\mathbb{R}"))
    return Space(tuple(dims), span=p.span_from(first))
