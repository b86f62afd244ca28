"""What a derivation file may put into a document: its `latex` names and the $...$ maths
of its descriptions reach the document verbatim, so they are read against a whitelist (a
command not on it, such as \\input, \\write, \\def, \\catcode or \\directlua, is refused, as
are ^^ escapes, comments and alignment tabs); and its prose, escaped for LaTeX.
"""

from __future__ import annotations

import unicodedata

from symbn.language.latex.symbols import GREEK

#: Commands a `latex` name may use: Greek letters, accents and alphabets.
NAME_COMMANDS = frozenset(
    [
        *sorted(GREEK),
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
