"""Derivatives written as maps, where the context reads d as a differential (`[notation]
differentials = "d"`): `d_X F(θ) \\cdot D`, the derivative of F by X in the direction D,
and `d_X F(θ)^* \\cdot P`, its adjoint applied to P.

The derivative of F (a function the document defines, written at its arguments) by the
input X is a linear map; applied to a direction D of X's shape it is the change of F when X
moves along D, every other input held fixed:

    d_X F · D = Σ_e ∂F/∂X_e · D_e                        (a value of F's shape)

and its adjoint, the map back from F's shape that ⟨d_X F · D, P⟩_F = ⟨D, d_X F^* · P⟩_F
defines, applied to P is the gradient of ⟨F, P⟩_F by X with P fixed:

    (d_X F^* · P)_e = Σ_f P_f ∂F_f/∂X_e                   (a value of X's shape)

So `d_Q \\mathrm{Att}(\\theta) \\cdot \\tilde{Q}` is Σ_ab ∂Att/∂Q_ab Q̃_ab, read at fresh
index letters. A direction is a name (`\\tilde{Q}`, H); `d_X F` with nothing applied is the
gradient of a scalar F by X. The d before a softmax is its Jacobian (dsoftmax.py)."""

from __future__ import annotations

from symbn.language.latex import dsoftmax
from symbn.language.latex.shapes import shape_of
from symbn.language.latex.symbols import PLACEHOLDER, spelling_key
from symbn.language.latex.tree import Diff, Frobenius, Letter, Mul, Node, Ref, Sum
from symbn.source.positions import TexError


def after(p, first: int) -> Node | None:
    """What the d at token `first` begins where it is no `dX`: a softmax's Jacobian
    (`d\\sigma(p)`), or a derivative written as a map (`d_X F(θ) \\cdot D`); None when it
    begins neither."""
    return dsoftmax.after(p, first) or _map(p, first)


def _map(p, first: int) -> Node | None:
    """`d_X F(args)`, then `\\cdot D` or `^* \\cdot P` (see the module's docstring)."""
    mark = first + 1
    if mark >= p.hi or p.t[mark].kind != "sub":
        return None
    p.pos = mark + 1
    lo, hi = p.script_arg(p.t[mark])
    name = p.s.name(spelling_key(p.t[lo:hi]))
    if name is None or p.s.kind(name) != "tensor" or not p.starts_factor(p.peek()):
        return None
    if p.s.inputs is not None and name not in p.s.inputs:
        raise TexError(
            f"the derivative by {name}, which is no input, is not read", p.span_from(first)
        )
    star = _star_at(p)
    of = p.whole(p.pos, star) if star is not None else p.atom()
    p.pos = max(p.pos, star or 0)
    if not isinstance(of, Ref) or of.indices or (star is None and p.starts_factor(p.peek())):
        raise TexError(  # F(X) where F at X names nothing: F times (X)
            "a derivative written d_X F is read of a name the document defines", of.span
        )
    wrt = Ref(name, "tensor", span=p.span_of(lo, hi))
    adjoint = _star(p)
    tok = p.peek()
    if tok is None or tok.text != "\\cdot":
        if adjoint:
            raise TexError(
                "an adjoint is read applied to a value: d_X F^* \\cdot P", p.span_from(first)
            )
        if shape_of(of, p.s):
            raise TexError(
                "a derivative of a tensor is read applied to a direction: d_X F \\cdot D",
                p.span_from(first),
            )
        return Diff(of, wrt, "d", span=p.span_from(first))
    p.pos += 1
    applied = p.factor()
    span = p.span_from(first)
    if adjoint:
        return Diff(Frobenius(of, applied, span=span), wrt, "d", span=span)
    return _along(p, of, wrt, applied, span)


def _star_at(p) -> int | None:
    """The position of the `^*` (or `^{*}`) that marks an adjoint right after the factor at
    `p.pos` (its first superscript outside brackets); None when there is none."""
    n = p.pos
    while n < p.hi:
        tok = p.t[n]
        if n in p.b.groups or n in p.b.pairs:
            n = p.b.groups[n] + 1 if n in p.b.groups else p.b.pairs[n].last + 1
            continue
        if tok.kind == "sup":
            texts = [t.text for t in p.t[n + 1 : n + 4]]
            return n if texts[:1] == ["*"] or texts == ["{", "*", "}"] else None
        if tok.kind not in ("letter", "command", "open") or tok.text == "\\cdot":
            return None
        n += 1
    return None


def _star(p) -> bool:
    """Whether `^*` (or `^{*}`) follows, and if so read past it."""
    n = p.pos
    if n >= p.hi or p.t[n].kind != "sup":
        return False
    texts = [t.text for t in p.t[n + 1 : n + 4]]
    width = 1 if texts[:1] == ["*"] else 3 if texts == ["{", "*", "}"] else 0
    if width:
        p.pos = n + 1 + width
    return width > 0


def _along(p, of: Node, wrt: Ref, direction: Node, span) -> Node:
    """Σ_e ∂of/∂wrt_e · direction_e, at index letters the display does not use."""
    shape = p.s.shape(wrt.name)
    if not isinstance(direction, Ref) or direction.indices or p.s.kind(direction.name) != "tensor":
        raise TexError(
            "a direction is read when it is a name, as in d_X F \\cdot H", direction.span
        )
    solving = PLACEHOLDER in (shape, p.s.shape(direction.name))  # the inference, solving
    if not solving and p.s.shape(direction.name) != shape:  # else solved as X's (`moved`)
        raise TexError(f"the direction is not of the shape of {wrt.name}", direction.span)
    letters = [f"{wrt.name}{k}" for k in range(len(shape))] if solving else []
    used = {t.text for t in p.t if t.kind == "letter"}
    for size in shape if not solving else ():
        letter = next((x for x in p.s.over(size) if x not in used), None)
        if letter is None:
            raise TexError(
                f"reading this derivative needs an index letter over {size}; declare one", span
            )
        used.add(letter)
        letters.append(letter)
    at = tuple(Letter(x, span=span) for x in letters)
    element = Ref(wrt.name, "tensor", at, span=wrt.span)
    moved = Ref(direction.name, "tensor", at, span=direction.span)
    body = Mul((Diff(of, element, "d", span=span), moved), ("",), span=span)
    return Sum(body, tuple(letters), span=span)


def moved(body: Node) -> tuple[Node, ...]:
    """The element of X and the direction of `d_X F \\cdot D` read as Σ_e ∂F/∂X_e D_e (the
    body of that sum), as whole names, which are of one shape; () for another body."""
    if not isinstance(body, Mul) or len(body.factors) != 2:
        return ()
    diff, along = body.factors
    if not (isinstance(diff, Diff) and isinstance(diff.wrt, Ref) and isinstance(along, Ref)):
        return ()
    if not along.indices or along.indices != diff.wrt.indices:
        return ()
    return Ref(diff.wrt.name, "tensor", span=diff.span), Ref(along.name, "tensor", span=along.span)
