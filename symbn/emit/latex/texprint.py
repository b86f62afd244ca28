"""LaTeX for index expressions, in the seed's notation: h_{k,l}, \\mu_{l}, \\Delta_{i,k}.

A subclass of SymPy's `LatexPrinter` that overrides only what symbn needs and raises on
any node it does not know, instead of printing something a reader could mistake for maths.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable

import sympy as sp
from sympy.printing.latex import LatexPrinter

from symbn.errors import InternalError
from symbn.language import functions


class IndexLatexPrinter(LatexPrinter):
    """`names` maps a declared name to its LaTeX (from the file's `latex` keys).

    Strict: a node is printed only by a `_print_<Class>` rule this class states (found along
    the node's class hierarchy, as SymPy's dispatch finds rules), never by one of the many
    that `LatexPrinter` inherits, whose `_print_Basic` would print any node at all, so a node
    symbn does not know (`Foo(x)`, a `Max`, a `Piecewise`) raises InternalError.
    """

    printmethod = None  # no node prints itself

    # SymPy's rules where its notation is the seed's
    _print_Add = LatexPrinter._print_Add
    _print_Mul = LatexPrinter._print_Mul
    _print_Pow = LatexPrinter._print_Pow
    _print_Rational = LatexPrinter._print_Rational  # integers too
    _print_Float = LatexPrinter._print_Float
    _print_int = LatexPrinter._print_int  # exponents, as SymPy's power rule prints them

    def _print_Pi(self, _expr):
        return r"\pi"

    def __init__(self, names: dict[str, str] | None = None):
        # long_frac_ratio: a long numerator over a short denominator reads as 1/N times it
        super().__init__({"mul_symbol": None, "fold_short_frac": False, "long_frac_ratio": 1.5})
        self.names = dict(names or {})

    def _print(self, expr, **kwargs) -> str:
        rule = _rule(type(self), type(expr))
        if rule is None:
            return self.emptyPrinter(expr)
        self._print_level += 1
        try:
            return rule(self, expr, **kwargs)
        finally:
            self._print_level -= 1

    def emptyPrinter(self, expr):  # noqa: N802 - SymPy's hook name
        raise InternalError(f"the LaTeX printer has no rule for {type(expr).__name__}: {expr}")

    def name(self, name: str) -> str:
        if name in self.names:
            return self.names[name]
        return name if len(name) == 1 else rf"\mathrm{{{name}}}"

    def _print_Symbol(self, expr, style="plain"):
        if expr.name.startswith("_"):  # an internal bound index
            return expr.name.lstrip("_").replace("_", "")
        if expr.name in self.names or len(expr.name) > 1:
            return "{" + self.name(expr.name) + "}"
        return super()._print_Symbol(expr, style)

    def _print_IndexedBase(self, expr):
        return "{" + self.name(str(expr.label)) + "}"

    def _print_Indexed(self, expr):
        idx = ",".join(self._print(i) for i in expr.indices)
        return "{" + self.name(str(expr.base.label)) + "_{" + idx + "}}"

    def _print_KroneckerDelta(self, expr, exp=None):
        a, b = (self._print(x) for x in expr.args)
        out = rf"\Delta_{{{a},{b}}}"
        return f"{out}^{{{exp}}}" if exp else out

    def _print_Sum(self, expr):
        out = []
        for p, _lo, hi in reversed(expr.limits):
            out.append(rf"\sum_{{{self._print(p)}=1}}^{{{self._print(hi)}}}")
        # a product needs no parentheses: the sum reaches over the product that follows it
        # (SymPy's Mul puts a sum that is not its last factor in parentheses)
        body = self.parenthesize(
            expr.function, sp.printing.precedence.PRECEDENCE["Mul"], strict=True
        )
        if expr.function.could_extract_minus_sign() and not body.startswith(r"\left("):
            body = rf"\left({body}\right)"
        return " ".join(out) + " " + body

    def _print_Derivative(self, expr):
        ((v, count),) = expr.variable_count
        var = self._print(v)
        top = r"\partial" if count == 1 else rf"\partial^{{{count}}}"
        bottom = rf"\partial {var}" if count == 1 else rf"\partial {var}^{{{count}}}"
        if isinstance(expr.expr, sp.Indexed | sp.Symbol):
            return rf"\frac{{{top} {self._print(expr.expr)}}}{{{bottom}}}"
        return rf"\frac{{{top}}}{{{bottom}}} \left({self._print(expr.expr)}\right)"

    def _print_Function(self, expr, exp=None):
        """A function of the language's table: its operator name, or SymPy's spelling."""
        entry = functions.of(expr)
        if entry is None:
            return self.emptyPrinter(expr)
        if entry.latex is None:
            return _sympy_rule(type(expr))(self, expr, exp)
        out = rf"{entry.latex}\left({', '.join(self._print(a) for a in expr.args)}\right)"
        return f"{out}^{{{exp}}}" if exp else out


@functools.cache
def _rule(printer: type, node: type) -> Callable | None:
    """The first rule along `node`'s classes that `printer` or a base of it below
    LatexPrinter states."""
    own = [c for c in printer.__mro__ if issubclass(c, IndexLatexPrinter)]
    for cls in node.__mro__:
        for c in own:
            rule = vars(c).get(f"_print_{cls.__name__}")
            if rule is not None:
                return rule
    return None


def _sympy_rule(node: type) -> Callable:
    """SymPy's own rule for a function of the table that has no LaTeX name of its own:
    exp(x) as e^{x}, |x|, \\log, \\tanh."""
    rules = (getattr(LatexPrinter, f"_print_{cls.__name__}", None) for cls in node.__mro__)
    return next(r for r in rules if r is not None)  # _print_Function at the latest


def tex(e: sp.Expr, names: dict[str, str] | None = None) -> str:
    """LaTeX of `e` with the declared LaTeX names."""
    return IndexLatexPrinter(names).doprint(e)


# -- what a derivation file may put into a document ------------------------------------------
# A file's `latex` names and the $...$ math of its descriptions reach the document verbatim,
# so they are read here against a whitelist: a command not on it (\input, \write, \def,
# \catcode, \directlua, ...) is refused, as are ^^ escapes, comments and alignment tabs.

_GREEK = (
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "varepsilon",
    "zeta",
    "eta",
    "theta",
    "vartheta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "nu",
    "xi",
    "pi",
    "varpi",
    "rho",
    "varrho",
    "sigma",
    "varsigma",
    "tau",
    "upsilon",
    "phi",
    "varphi",
    "chi",
    "psi",
    "omega",
    "Gamma",
    "Delta",
    "Theta",
    "Lambda",
    "Xi",
    "Pi",
    "Sigma",
    "Upsilon",
    "Phi",
    "Psi",
    "Omega",
)

#: Commands a `latex` name may use: Greek letters, accents and alphabets.
NAME_COMMANDS = frozenset(
    [
        *_GREEK,
        "ell",
        "imath",
        "jmath",
        "nabla",
        "partial",
        "prime",
        "infty",
        "frac",
        "hat",
        "widehat",
        "bar",
        "overline",
        "tilde",
        "widetilde",
        "vec",
        "dot",
        "ddot",
        "check",
        "breve",
        "acute",
        "grave",
        "underline",
        "mathcal",
        "mathrm",
        "mathbf",
        "mathit",
        "mathsf",
        "mathtt",
        "mathbb",
        "mathfrak",
        "boldsymbol",
    ]
)

#: Commands the math of a description may use besides those of names.
MATH_COMMANDS = NAME_COMMANDS | frozenset(
    [
        "frac",
        "dfrac",
        "tfrac",
        "sqrt",
        "sum",
        "prod",
        "int",
        "lim",
        "max",
        "min",
        "exp",
        "log",
        "ln",
        "tanh",
        "sin",
        "cos",
        "operatorname",
        "text",
        "left",
        "right",
        "big",
        "Big",
        "bigl",
        "bigr",
        "Bigl",
        "Bigr",
        "times",
        "cdot",
        "cdots",
        "ldots",
        "dots",
        "vdots",
        "ddots",
        "le",
        "leq",
        "ge",
        "geq",
        "ne",
        "neq",
        "approx",
        "equiv",
        "sim",
        "propto",
        "in",
        "notin",
        "subset",
        "subseteq",
        "cup",
        "cap",
        "to",
        "mapsto",
        "rightarrow",
        "leftarrow",
        "Rightarrow",
        "iff",
        "pm",
        "mp",
        "circ",
        "odot",
        "otimes",
        "oplus",
        "top",
        "quad",
        "qquad",
        "mid",
        "langle",
        "rangle",
        "lfloor",
        "rfloor",
        "lceil",
        "rceil",
        "forall",
        "exists",
        "colon",
        "top",
        "dagger",
        "star",
        "ast",
        "emptyset",
    ]
)

_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789{}^_' ")
_MATH_CHARS = _NAME_CHARS | frozenset("+-*/=<>()[]|,.;:!?~\n\t")
_MATH_ESCAPES = frozenset(",;:! {}|_")  # \, \; \: \! \  \{ \} \| \_


class UnsafeTexError(ValueError):
    """LaTeX from a derivation file that the whitelist refuses; `offset` is where, in it."""

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.message = message
        self.offset = offset


def check_tex(text: str, *, name: bool = False) -> str:
    """`text` itself when it keeps to the whitelist (of names when `name`), else UnsafeTexError."""
    allowed = NAME_COMMANDS if name else MATH_COMMANDS
    chars = _NAME_CHARS if name else _MATH_CHARS
    depth = 0
    n = 0
    while n < len(text):
        c = text[n]
        if c == "\\":
            m = n + 1
            while m < len(text) and text[m].isascii() and text[m].isalpha():
                m += 1
            command = text[n + 1 : m]
            if not command:
                nxt = text[n + 1 : n + 2]
                if name or nxt not in _MATH_ESCAPES:
                    shown = "\\" + nxt if nxt else "a lone \\"
                    raise UnsafeTexError(f"{shown} is not allowed here", n)
                n += 2
                continue
            if command not in allowed:
                raise UnsafeTexError(
                    f"the command \\{command} is not allowed in LaTeX from a derivation file", n
                )
            n = m
            continue
        if c == "^" and text[n + 1 : n + 2] == "^":
            raise UnsafeTexError("^^ character escapes are not allowed", n)
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                raise UnsafeTexError("unbalanced '}'", n)
        elif c not in chars:
            what = {"%": "'%' (a comment)", "&": "'&' (an alignment tab)"}.get(
                c, f"the character {c!r}"
            )
            if not c.isascii():
                what += " (write it as a LaTeX command, such as \\mu for μ)"
            raise UnsafeTexError(f"{what} is not allowed here", n)
        n += 1
    if depth:
        raise UnsafeTexError("unbalanced '{'", len(text))
    return text


_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "^": r"\^{}",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    "\n": " ",
    "\t": " ",
    "\u00a0": "~",
    "\u2013": "--",
    "\u2014": "---",
    "\u2018": "`",
    "\u2019": "'",
    "\u201c": "``",
    "\u201d": "''",
    "\u2026": r"\ldots{}",
    "\u00d7": r"\ensuremath{\times}",
    "\u00b7": r"\ensuremath{\cdot}",
    "\u2212": "-",
    "\u00b2": r"\ensuremath{^2}",
    "\u2202": r"\ensuremath{\partial}",
    "\u2211": r"\ensuremath{\sum}",
    "\u221a": r"\ensuremath{\surd}",
    "\u2264": r"\ensuremath{\le}",
    "\u2265": r"\ensuremath{\ge}",
    "\u2260": r"\ensuremath{\ne}",
}
_GREEK_LETTERS = {
    chr(0x3B1 + n): g
    for n, g in enumerate(
        (
            "alpha",
            "beta",
            "gamma",
            "delta",
            "epsilon",
            "zeta",
            "eta",
            "theta",
            "iota",
            "kappa",
            "lambda",
            "mu",
            "nu",
            "xi",
            "o",
            "pi",
            "rho",
            "varsigma",
            "sigma",
            "tau",
            "upsilon",
            "phi",
            "chi",
            "psi",
            "omega",
        )
    )
}
_ACCENTS = {
    "\u0301": "'",
    "\u0300": "`",
    "\u0302": "^",
    "\u0308": '"',
    "\u0303": "~",
    "\u0327": "c",
    "\u030c": "v",
}


def escape_text(text: str) -> str:
    """Prose for a LaTeX document: every special character escaped, so no command can
    start; the few non-ASCII characters pdflatex cannot take as they are are spelled out.
    A character with no spelling raises UnsafeTexError."""
    out = []
    for n, c in enumerate(text):
        if c in _TEX_SPECIAL:
            out.append(_TEX_SPECIAL[c])
        elif c.isascii():
            out.append(c if c.isprintable() else " ")
        elif c in _GREEK_LETTERS and _GREEK_LETTERS[c] != "o":
            out.append(rf"\ensuremath{{\{_GREEK_LETTERS[c]}}}")
        else:
            parts = unicodedata.normalize("NFD", c)
            if (
                len(parts) == 2
                and parts[0].isascii()
                and parts[0].isalpha()
                and parts[1] in _ACCENTS
            ):
                out.append(rf"\{_ACCENTS[parts[1]]}{{{parts[0]}}}")
            else:
                raise UnsafeTexError(
                    f"the character {c!r} (U+{ord(c):04X}) cannot be typeset in the LaTeX document",
                    n,
                )
    return "".join(out)
