"""Long display lines cut to fit: `breaks` splits an expression's LaTeX at its outermost + and -
(and inside the widest bracketed factor or sum), packing the pieces into lines no wider than a
limit measured by `width`, a rough count of printed letters.
"""

from __future__ import annotations

import sympy as sp

from symbn.texprint import IndexLatexPrinter


def breaks(e: sp.Expr, printer: IndexLatexPrinter, limit: float) -> list[str]:
    """LaTeX of `e` cut at its outermost + and - into lines of at most `limit` (when it can
    be: a single term that is too wide stays whole); continuation lines start with + or -."""
    tex = printer.doprint(e)
    if width(tex) <= limit:
        return [tex]
    if isinstance(e, sp.Add):
        pieces: list[str] = []
        for n, t in enumerate(printer._as_ordered_terms(e)):
            sign, term = ("- ", -t) if n and t.could_extract_minus_sign() else \
                ("+ " if n else "", t)
            inner = breaks(term, printer, limit - 2)
            pieces.append(sign + inner[0])
            pieces.extend(inner[1:])
        return _pack(pieces, limit)
    if isinstance(e, sp.Sum) and isinstance(e.function, sp.Add):
        head = " ".join(rf"\sum_{{{printer.doprint(p)}=1}}^{{{printer.doprint(hi)}}}"
                        for p, _, hi in reversed(e.limits))
        return _wrap(head, breaks(e.function, printer, limit - 4))
    if isinstance(e, sp.Mul):
        sign = ""
        if e.could_extract_minus_sign():
            sign, e = "- ", -e
        factors = sp.Mul.make_args(e)
        wide = [f for f in factors if isinstance(f, sp.Add | sp.Sum)]
        if wide:
            big = max(wide, key=lambda f: width(printer.doprint(f)))
            rest = printer.doprint(sp.Mul(*[f for f in factors if f is not big]))
            inner = breaks(big, printer, limit - 4)
            if len(inner) > 1 or isinstance(big, sp.Add):
                return _wrap(sign + (rest if rest != "1" else ""), inner)
            return [sign + rest + " " + inner[0]]
    return [tex]


def _wrap(head: str, inner: list[str]) -> list[str]:
    if len(inner) == 1:
        return [rf"{head} \left({inner[0]}\right)"]
    return [rf"{head} \Bigl({inner[0]}", *inner[1:-1], rf"{inner[-1]} \Bigr)"]


def _pack(pieces: list[str], limit: float) -> list[str]:
    lines: list[str] = []
    for piece in pieces:
        if lines and width(lines[-1]) + width(piece) <= limit:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines


_WIDE = {"sum": 1.6, "prod": 1.6, "quad": 1.0, "qquad": 2.0, "partial": 0.9}
_ZERO = {"left", "right", "Bigl", "Bigr", "bigl", "bigr", "displaystyle", ",", ";", "!"}
_ARG = {"mathrm", "mathcal", "mathbf", "operatorname", "text", "hat", "bar", "tilde",
        "widehat", "overline", "vec", "dot", "mathit", "boldsymbol"}


def width(tex: str) -> float:
    """The rough printed width of `tex`, in letters: fractions are as wide as their wider
    part, sub- and superscripts count less, spaces and braces nothing."""
    value, _ = _width(tex, 0)
    return value


def _width(tex: str, n: int, stop: str = "") -> tuple[float, int]:
    total = 0.0
    while n < len(tex):
        c = tex[n]
        if c == stop:
            return total, n + 1
        if c == "\\":
            m = n + 1
            while m < len(tex) and tex[m].isalpha():
                m += 1
            name = tex[n + 1 : m] or tex[n + 1 : n + 2]
            n = max(m, n + 2)
            if name == "frac":
                top, n = _group(tex, n)
                bottom, n = _group(tex, n)
                total += max(top, bottom) + 0.4
            elif name in _ARG:
                inner, n = _group(tex, n)
                total += inner
            elif name in ("left", "right"):
                total += 0.5
                n += 1 if n < len(tex) and tex[n] != "\\" else 0
            elif name not in _ZERO:
                total += _WIDE.get(name, 1.0)
            continue
        if c in "^_":
            inner, n = _group(tex, n + 1)
            total += 0.7 * inner
            continue
        if c == "{":
            inner, n = _width(tex, n + 1, "}")
            total += inner
            continue
        if c in "+-=":
            total += 1.8
        elif not c.isspace() and c != "&":
            total += 1.0
        n += 1
    return total, n


def _group(tex: str, n: int) -> tuple[float, int]:
    while n < len(tex) and tex[n].isspace():
        n += 1
    if n < len(tex) and tex[n] == "{":
        return _width(tex, n + 1, "}")
    return _width(tex[n : n + 1], 0)[0], n + 1
