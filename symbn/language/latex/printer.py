"""Printing a tree in symbn's expression language, the language of derivation files.

The text is what a line claims, shown to users and fed to `symbn.language.parse`'s whitelist parser:
`h[k, l]`, `sum(expr, p)`, `diff(expr, h[i, j])`, `Delta(i, j)`, `sqrt(x)`, `x**(-1/2)`,
with the context's names (`var`, not `\\sigma^2`). Only index-level trees print: what
the language cannot say (an unread ellipsis, a matrix, a bare `\\sum`, a tensor without
its indices, a prime whose variable is unknown) raises a `TexError` at its span, with the
reason. A size used as an index prints as the size's name (`h[N, 1]`, the last row).
"""

from __future__ import annotations

from symbn.language import functions
from symbn.language.latex import normal
from symbn.language.latex.shapes import MATRIX_FUNCS
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.tree import (
    Add,
    Call,
    Cases,
    Delta,
    Diff,
    Div,
    Dots,
    Identity,
    Index,
    LabelAt,
    Letter,
    Matrix,
    Moved,
    Mul,
    Neg,
    Node,
    Num,
    Number,
    Ones,
    OnesAt,
    Pow,
    Prime,
    Ref,
    Rel,
    Series,
    Space,
    Sum,
    Transpose,
    Unread,
)
from symbn.source.positions import Span, TexError

_ADD, _MUL, _NEG, _POW, _ATOM = 1, 2, 3, 4, 5


def to_language(node: Node, symbols: Symbols, *, wrt: Node | None = None) -> str:
    """The expression-language text of an index-level tree; `wrt` is the variable a prime
    (u') differentiates by, when the line's context gives one."""
    return _Printer(symbols, wrt).text(node)[0]


def index_text(i: Index) -> str:
    """An index as the language writes it."""
    if isinstance(i, Letter):
        return i.name
    if isinstance(i, Number):
        return str(i.value)
    if isinstance(i, LabelAt):
        return f"{i.name}[{', '.join(index_text(x) for x in i.indices)}]"
    if isinstance(i, Moved):
        text = ""
        for c, part in zip(i.coefficients, i.parts, strict=True):
            times = "" if abs(c) == 1 else f"{abs(c)}*"
            sign = ("-" if c < 0 else "") if not text else " - " if c < 0 else " + "
            text += f"{sign}{times}{index_text(part)}"
        constant = f" - {-i.constant}" if i.constant < 0 else f" + {i.constant}"
        return text + (constant if i.constant else "")
    return i.size


def derivative_text(func: str, arg: str, span: Span) -> str:
    """f'(arg) in the expression language, from the function table's derivative of f:
    sigmoid'(z) is (1 - sigmoid(z))*sigmoid(z)."""
    text = functions.derivative_text(func, arg)
    if text is None:
        raise TexError(f"the derivative {func}' is not read", span)
    return text


class _Printer:
    def __init__(self, symbols: Symbols, wrt: Node | None):
        self.s = symbols
        self.wrt = wrt

    def wrap(self, node: Node, level: int) -> str:
        text, prec = self.text(node)
        return f"({text})" if prec < level else text

    def text(self, n: Node) -> tuple[str, int]:
        method = getattr(self, f"_{type(n).__name__}", None)
        if method is None:
            raise TexError(_UNPRINTABLE.get(type(n), f"{type(n).__name__} is not read"), n.span)
        return method(n)

    def _Unread(self, n: Unread) -> tuple[str, int]:
        raise TexError(n.message, n.span)

    def _Num(self, n: Num) -> tuple[str, int]:
        return n.text, _ATOM

    def _Ref(self, n: Ref) -> tuple[str, int]:
        shape = self.s.shape(n.name)
        if n.kind == "tensor" and len(n.indices) != len(shape):
            raise TexError(
                f"{n.name} is {' × '.join(shape)}; at index level write its indices "
                "(a matrix-level line needs a shape to be read element by element)",
                n.span,
            )
        if not n.indices:
            return n.name, _ATOM
        return f"{n.name}[{', '.join(index_text(i) for i in n.indices)}]", _ATOM

    def _OnesAt(self, n: OnesAt) -> tuple[str, int]:
        del n  # 1 at every position of its index
        return "1", _ATOM

    def _Letter(self, n: Letter) -> tuple[str, int]:
        raise TexError(f"the index {n.name} stands alone outside a subscript", n.span)

    def _Neg(self, n: Neg) -> tuple[str, int]:
        return "-" + self.wrap(n.arg, _MUL), _NEG

    def _Add(self, n: Add) -> tuple[str, int]:
        out = []
        for k, (sign, term) in enumerate(n.terms):
            if k == 0:
                out.append(("-" if sign < 0 else "") + self.wrap(term, _MUL if sign < 0 else _ADD))
            else:
                out.append(
                    (" - " if sign < 0 else " + ") + self.wrap(term, _MUL if sign < 0 else _ADD)
                )
        return "".join(out), _ADD

    def _Mul(self, n: Mul) -> tuple[str, int]:
        out = self.wrap(n.factors[0], _MUL)
        for op, f in zip(n.ops, n.factors[1:], strict=True):
            if op == "\\oslash":  # elementwise division
                out += "/" + self.wrap(f, _NEG + 1)
            else:
                out += "*" + self.wrap(f, _POW if isinstance(f, Neg) else _MUL)
        return out, _MUL

    def _Div(self, n: Div) -> tuple[str, int]:
        return f"{self.wrap(n.num, _MUL)}/{self.wrap(n.den, _NEG + 1)}", _MUL

    def _Pow(self, n: Pow) -> tuple[str, int]:
        exp, prec = self.text(n.exp)
        if prec < _ATOM:
            exp = f"({exp})"
        return f"{self.wrap(n.base, _ATOM)}**{exp}", _POW

    def _Call(self, n: Call) -> tuple[str, int]:
        if n.func in MATRIX_FUNCS:
            raise TexError(f"{n.func} is read on a whole matrix, not at index level", n.span)
        if n.func.endswith("'") or n.func in normal.EXPANDED:
            arg, prec = self.text(n.arg)
            arg = arg if prec == _ATOM else f"({arg})"
            if (expanded := normal.expansion(n.func, arg)) is not None:  # Φ(x), φ(x)
                return expanded, _ATOM
            return derivative_text(n.func[:-1], arg, n.span), _ATOM
        return f"{n.func}({self.text(n.arg)[0]})", _ATOM

    def _Sum(self, n: Sum) -> tuple[str, int]:
        if n.indices is None:
            raise TexError(
                "this \\sum names no index and none could be told from its body; write \\sum_p",
                n.span,
            )
        where = "".join(f", {self.relation(r)}" for r in n.where)
        return f"sum({self.text(n.body)[0]}, {', '.join(n.indices)}{where})", _ATOM

    def relation(self, r: Rel) -> str:
        return f"{index_text(r.left)} {r.op} {index_text(r.right)}"

    def _Rel(self, n: Rel) -> tuple[str, int]:
        return f"If({self.relation(n)})", _ATOM

    def _Diff(self, n: Diff) -> tuple[str, int]:
        return f"diff({self.text(n.expr)[0]}, {self.element(n.wrt)})", _ATOM

    def element(self, wrt: Node) -> str:
        if not isinstance(wrt, Ref) or wrt.kind != "tensor":
            raise TexError("a derivative is taken with respect to an element of a tensor", wrt.span)
        shape = self.s.shape(wrt.name)
        if len(wrt.indices) != len(shape):
            raise TexError(
                f"a derivative with respect to all of {wrt.name} "
                f"({' × '.join(shape)}) is not read; write one element, as in "
                f"{wrt.name}_{{{','.join('ijkl'[: len(shape)])}}}",
                wrt.span,
            )
        return self.text(wrt)[0]

    def _Prime(self, n: Prime) -> tuple[str, int]:
        if self.wrt is None:
            raise TexError(
                "a prime (u') differentiates by the variable of the line's left "
                "side, and this line's left side names none",
                n.span,
            )
        return f"diff({self.text(n.expr)[0]}, {self.element(self.wrt)})", _ATOM

    def _Delta(self, n: Delta) -> tuple[str, int]:
        return f"Delta({index_text(n.a)}, {index_text(n.b)})", _ATOM


_UNPRINTABLE = {
    Series: "the ellipsis here is not read as a sum",
    Dots: "an ellipsis stands here",
    Cases: "a cases expression is checked row by row, not as a whole",
    Matrix: "a matrix is checked cell by cell, not as a whole",
    Transpose: "a transpose is read on a whole matrix, not at index level",
    Ones: "a ones vector is read in a matrix-level line, not at index level",
    Identity: "the identity is read in a matrix-level line, not at index level",
    Space: "\\mathbb{R}^{…} is read on the right of \\in, as a shape",
}
