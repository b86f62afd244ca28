"""Matrix-level expressions (`matrix.tree`) spelled in LaTeX, and as text in the NumPy-like
matrix language (`X.T @ G`, `A * B` elementwise, `ones(N) @ G`, `eye(N)`).

Each printer dispatches on the node's class (`_print_<Class>`, as SymPy's printers do) and
raises InternalError on a node it has no rule for. A rule returns the text and the
precedence of its outermost operator, so that an operand is put in parentheses only where
it needs them; an operand of a product that is itself a product of another kind always
does (A B ⊙ C is never written: (A B) ⊙ C).
"""

from __future__ import annotations

import sympy as sp

from symbn.emit.latex.texprint import IndexLatexPrinter
from symbn.emit.matrix.tree import (
    ONE,
    Eye,
    Hadamard,
    Leaf,
    MatMul,
    Node,
    Ones,
    Plus,
    Quotient,
    Scalar,
    Scale,
    Tril,
)
from symbn.errors import InternalError
from symbn.language import functions
from symbn.language.notation import formula

PLUS, NEG, PRODUCT, POWER, SUPER, ATOM = 10, 15, 20, 30, 40, 50
Spelled = tuple[str, int]

#: operator names of the table's functions that have no LaTeX name of their own
_LATEX_FUNCTIONS = {"exp": r"\exp", "log": r"\log", "tanh": r"\tanh", "sqrt": r"\sqrt"}


class _Spelling:
    def doprint(self, n: Node) -> str:
        return self.spell(n)[0]

    def spell(self, n: Node) -> Spelled:
        rule = getattr(self, f"_print_{type(n).__name__}", None)
        if rule is None:
            raise InternalError(f"the matrix printer has no rule for {type(n).__name__}")
        return rule(n)

    def operand(self, n: Node, within: type | None = None) -> str:
        """`n` as an operand of a product of kind `within` (None: of a postfix operator)."""
        text, prec = self.spell(n)
        if within is None:
            return text if prec >= ATOM else self.paren(text)
        same = isinstance(n, within) and within is not Quotient
        return text if prec > PRODUCT or (same and prec == PRODUCT) else self.paren(text)

    def paren(self, text: str) -> str:
        return f"({text})"

    def _print_Plus(self, n: Plus) -> Spelled:
        out = ""
        for k, t in enumerate(n.terms):
            text, prec = self.spell(t)
            if k and text.startswith("-") and prec != PLUS:
                out += " - " + text[1:].lstrip()
            elif k:
                out += " + " + (text if prec > PLUS else self.paren(text))
            else:
                out = text
        return out, PLUS

    def coefficient(self, c: Node) -> Spelled:
        return self.spell(c)

    def _print_Scale(self, n: Scale) -> Spelled:
        text, prec = self.spell(n.arg)
        body = text if prec > PLUS else self.paren(text)
        if isinstance(n.factor, Scalar) and n.factor.value == -1:
            return f"-{body}", NEG
        c, cprec = self.coefficient(n.factor)
        bare = cprec > PRODUCT or cprec == NEG or (isinstance(n.factor, Scalar) and cprec > PLUS)
        c = c if bare else self.paren(c)
        return self.scaled(c, body), PRODUCT


class LatexSpelling(_Spelling):
    """LaTeX of a matrix expression; `names` are the derivation's LaTeX names."""

    def __init__(self, names: dict[str, str] | None = None):
        self.printer = IndexLatexPrinter(names)

    def paren(self, text: str) -> str:
        return rf"\left({text}\right)"

    def name(self, name: str) -> str:
        """A tensor's LaTeX as one group (so that ^{\\top} applies to all of it)."""
        tex = self.printer.name(name)
        return tex if tex.startswith("{") and tex.endswith("}") else "{" + tex + "}"

    def scaled(self, c: str, body: str) -> str:
        return f"{c} {body}"

    def _print_Leaf(self, n) -> Spelled:
        return self.name(n.name), ATOM

    def _print_Scalar(self, n: Scalar) -> Spelled:
        text = self.printer.doprint(n.value)
        if isinstance(n.value, sp.Add):
            return text, PLUS
        if n.value.could_extract_minus_sign():
            return text, NEG
        return text, ATOM if n.value.is_Atom or text.startswith(r"\frac") else PRODUCT

    def _print_Ones(self, n) -> Spelled:
        return rf"\mathbf{{1}}_{{{self.printer.doprint(n.size)}}}", ATOM

    def _print_Eye(self, n) -> Spelled:
        return rf"I_{{{self.printer.doprint(n.size)}}}", ATOM

    def _print_Tril(self, n) -> Spelled:
        return rf"M_{{{self.printer.doprint(n.size)}}}", ATOM

    def _print_Transpose(self, n) -> Spelled:
        # only a name takes ^T bare: (A^{⊙2})^T, (\sqrt{v})^T, (\tanh(A))^T are bracketed
        bare = isinstance(n.arg, Leaf | Ones | Eye | Tril)
        arg = self.doprint(n.arg)
        return (arg if bare else self.paren(arg)) + r"^{\top}", SUPER

    def _print_MatMul(self, n: MatMul) -> Spelled:
        return f"{self.operand(n.a, MatMul)} {self.operand(n.b, MatMul)}", PRODUCT

    def _print_Hadamard(self, n: Hadamard) -> Spelled:
        return r" \odot ".join(self.operand(f, Hadamard) for f in n.factors), PRODUCT

    def _print_Quotient(self, n: Quotient) -> Spelled:
        if n.den.scalar:
            return rf"\frac{{{self.doprint(n.num)}}}{{{self.doprint(n.den)}}}", ATOM
        return rf"{self.operand(n.num, Quotient)} \oslash {self.operand(n.den, Quotient)}", PRODUCT

    def _print_Power(self, n) -> Spelled:
        if n.exp == sp.Rational(1, 2):
            return rf"\sqrt{{{self.doprint(n.base)}}}", ATOM
        exp = self.printer.doprint(n.exp)
        return f"{self.operand(n.base)}^{{\\odot {exp}}}", SUPER

    def _print_Apply(self, n) -> Spelled:
        entry = functions.TABLE[n.function]
        args = ", ".join(self.doprint(a) for a in n.args)
        if n.function == "sqrt":
            return rf"\sqrt{{{args}}}", ATOM
        if n.function == "abs":
            return rf"\left|{args}\right|", ATOM
        op = entry.latex or _LATEX_FUNCTIONS.get(n.function, rf"\operatorname{{{n.function}}}")
        return rf"{op}\left({args}\right)", ATOM

    def _print_Grad(self, n) -> Spelled:
        top = r"\mathcal{L}" if n.of is None else self.printer.name(n.of)
        return rf"\frac{{\partial {top}}}{{\partial {self.name(n.wrt)}}}", ATOM


class TextSpelling(_Spelling):
    """The matrix language's text: NumPy's operators, a vector a one-axis array (so a column
    and a row are spelled alike, and the outer product of two vectors is `outer(u, v)`)."""

    def scaled(self, c: str, body: str) -> str:
        return f"{c} * {body}"

    def _print_Leaf(self, n) -> Spelled:
        return n.name, ATOM

    def _print_Scalar(self, n: Scalar) -> Spelled:
        text = formula(n.value)
        if isinstance(n.value, sp.Add):
            return text, PLUS
        if n.value.could_extract_minus_sign():
            return text, NEG
        return text, ATOM if n.value.is_Atom and not n.value.is_negative else PRODUCT

    def _print_Ones(self, n) -> Spelled:
        return f"ones({formula(n.size)})", ATOM

    def _print_Eye(self, n) -> Spelled:
        return f"eye({formula(n.size)})", ATOM

    def _print_Tril(self, n) -> Spelled:
        return f"tri({formula(n.size)})", ATOM

    def _print_Transpose(self, n) -> Spelled:
        if ONE in n.arg.shape:  # a vector has no orientation here
            return self.spell(n.arg)
        return self.operand(n.arg) + ".T", ATOM

    def _print_MatMul(self, n: MatMul) -> Spelled:
        if n.a.shape[1] == ONE and n.a.shape[0] != ONE and n.b.shape[0] == ONE:
            return f"outer({self.doprint(n.a)}, {self.doprint(n.b)})", ATOM
        return f"{self.operand(n.a, MatMul)} @ {self.operand(n.b, MatMul)}", PRODUCT

    def _print_Hadamard(self, n: Hadamard) -> Spelled:
        return " * ".join(self.operand(f, Hadamard) for f in n.factors), PRODUCT

    def _print_Quotient(self, n: Quotient) -> Spelled:
        return f"{self.operand(n.num, Quotient)} / {self.operand(n.den, None)}", PRODUCT

    def _print_Power(self, n) -> Spelled:
        if n.exp == sp.Rational(1, 2):
            return f"sqrt({self.doprint(n.base)})", ATOM
        exp = formula(n.exp)
        exp = exp if n.exp.is_Integer and n.exp > 0 else f"({exp})"
        return f"{self.operand(n.base)}**{exp}", POWER

    def _print_Apply(self, n) -> Spelled:
        return f"{n.function}({', '.join(self.doprint(a) for a in n.args)})", ATOM

    def _print_Grad(self, n) -> Spelled:
        return f"diff({'loss' if n.of is None else n.of}, {n.wrt})", ATOM


def latex(n: Node, names: dict[str, str] | None = None) -> str:
    """The LaTeX of `n`, with the derivation's LaTeX names."""
    return LatexSpelling(names).doprint(n)


def text(n: Node) -> str:
    """`n` in the matrix language's text."""
    return TextSpelling().doprint(n)
