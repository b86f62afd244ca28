"""Commands with one braced argument, read by the maths parser: fonts and accents on a name
(`\\mathbf{x}`, `\\hat{h}`, `\\mathit{w}`), `\\mathbb{R}` spaces, `\\mathbf{1}` and the
identity, a function spelled in a font (`\\operatorname{ReLU}`), a differential written
`\\mathrm{d}X`, and the gradient prefixes a context declares (`\\bar{W}`, `\\mathbf{dq}`).
"""

from __future__ import annotations

from symbn.language.latex import differentials, texmatrix
from symbn.language.latex.spaces import FIELDS
from symbn.language.latex.symbols import PLAIN_FONTS, spelling_key
from symbn.language.latex.texnames import Names
from symbn.language.latex.tree import Node
from symbn.language.latex.unread import EXPECTATION
from symbn.source.positions import TexError


def font(p, name: str, first: int) -> Node:
    """The command `name` at token `first` and its braced argument (the cursor after the
    command): what it spells."""
    lo, hi = p.group()
    func = p.s.function(spelling_key(p.t[first : p.pos]))
    if func is not None:
        return p.call(func, first)
    spelled = p.s.name(spelling_key(p.t[first : p.pos]))
    if spelled is None and name == "\\mathbb" and hi - lo == 1 and p.t[lo].text in FIELDS:
        return texmatrix.space(p, first)
    if spelled is None and name == "\\mathbb" and hi - lo == 1 and p.t[lo].text == "E":
        raise TexError(EXPECTATION, p.span_of(first, p.pos))
    if spelled is None and name in texmatrix.ONE_FONTS:
        if texmatrix.is_one(p, lo, hi):
            return texmatrix.ones(p, first, (lo, hi))
        if texmatrix.is_identity(p, lo, hi):
            return texmatrix.identity(p, first)
        if hi - lo == 1 and p.t[lo].text == "I":  # \mathbb{I}\{a \le b\} beside a name I
            indicator = texmatrix.plain_indicator(p, first)
            if indicator is not None:
                return indicator
    if spelled is None and differentials.upright_d(p, name, lo, hi):  # \mathrm{d}X
        end = p.pos
        node = differentials.after(p, first, end)
        if node is not None:
            return node
        p.pos = end
    if spelled is None and name in p.s.gradients:
        end = p.pos
        grad = texmatrix.gradient(p, first, name, lo, hi)
        if grad is not None:
            return grad
        p.pos = end
    if name in PLAIN_FONTS and lo < hi and p.t[lo].text in p.s.gradients:
        grad = texmatrix.in_font(p, first, lo, hi)  # \mathbf{dq}, \mathbf{d}q_i
        if grad is not None:
            return grad
    if p.s.name(spelling_key(p.t[first : p.pos])) is None and name in PLAIN_FONTS:
        if lo >= hi:
            raise TexError(f"{name}{{}} is empty", p.span_of(first, p.pos))
        _bold_d(p, lo, hi)
        return p.named(lo, hi)  # \mathit{w} is the symbol w
    return p.named(first, p.pos)


def _bold_d(p: Names, lo: int, hi: int) -> None:
    """Refuse a bold d right before a name (`\\mathbf{d}q_i`): it marks the gradient or
    differential of the name, never a factor d, unless the context names it a prefix."""
    nxt = p.peek()
    if (
        hi - lo == 1
        and p.t[lo].text == "d"
        and nxt is not None
        and nxt.kind in ("letter", "command")
        and nxt.start == p.t[hi].end
    ):
        raise TexError(
            "a bold d before a name marks its gradient; say so with [gradients] in the "
            'context (loss = ["d"])',
            p.span_of(lo - 2, p.pos),
        )
