"""Long display lines cut to fit: `breaks` splits an expression's LaTeX at its outermost + and -
(and inside the widest bracketed factor or sum), packing the pieces into lines no wider than a
limit measured by `width`, a rough count of printed letters.
"""

from __future__ import annotations

import sympy as sp

from symbn.texprint import IndexLatexPrinter


def breaks(e: sp.Expr, printer: IndexLatexPrinter, limit: float,
           first: float | None = None) -> list[str]:
    """LaTeX of `e` cut at its outermost + and - into lines of at most `limit`, the first of
    at most `first` (default `limit`; what stands before it on that line takes the rest), when
    it can be: a single term that is too wide stays whole. Continuation lines start with + or -."""
    room = limit if first is None else first
    tex = printer.doprint(e)
    if width(tex) <= room:
        return [tex]
    if isinstance(e, sp.Add):
        pieces: list[str] = []
        for n, t in enumerate(printer._as_ordered_terms(e)):
            sign, term = ("- ", -t) if n and t.could_extract_minus_sign() else \
                ("+ " if n else "", t)
            inner = breaks(term, printer, limit - 2, None if n else room)
            pieces.append(sign + inner[0])
            pieces.extend(inner[1:])
        return _pack(pieces, limit, room)
    if isinstance(e, sp.Sum) and isinstance(e.function, sp.Add):
        head = " ".join(rf"\sum_{{{printer.doprint(p)}=1}}^{{{printer.doprint(hi)}}}"
                        for p, _, hi in reversed(e.limits))
        return _opened(head, e.function, printer, limit, room)
    if isinstance(e, sp.Mul):
        sign = ""
        if e.could_extract_minus_sign():
            sign, e = "- ", -e
        factors = sp.Mul.make_args(e)
        wide = [f for f in factors if isinstance(f, sp.Add | sp.Sum)]
        if wide:
            big = max(wide, key=lambda f: width(printer.doprint(f)))
            rest = printer.doprint(sp.Mul(*[f for f in factors if f is not big]))
            head = sign + (rest if rest != "1" else "")
            if isinstance(big, sp.Sum):
                inner = breaks(big, printer, limit, room - width(head))
                if len(inner) == 1:
                    return [sign + rest + " " + inner[0]]
            return _opened(head, big, printer, limit, room)
    return [tex]


def _opened(head: str, body: sp.Expr, printer: IndexLatexPrinter, limit: float,
            room: float) -> list[str]:
    """`head (body)` with `body` broken inside the brackets: the first line holds the head, the
    opening bracket and as much of `body` as fits in the rest of `room`, and every line keeps
    room for the closing bracket (each bracket is as wide as a letter)."""
    after = room - width(head) - 1
    inner = breaks(body, printer, limit - 1, after)
    if len(inner) == 1:
        return [rf"{head} \left({inner[0]}\right)"]
    if width(inner[0]) > after:
        # the head leaves too little room for the first piece: it stands alone with its bracket
        inner = ["", *breaks(body, printer, limit - 1)]
    return [rf"{head} \Bigl({inner[0]}", *inner[1:-1], rf"{inner[-1]} \Bigr)"]


def _pack(pieces: list[str], limit: float, room: float) -> list[str]:
    """The pieces joined greedily into lines of at most `limit`, the first of at most `room`."""
    lines: list[str] = []
    for piece in pieces:
        if lines and width(lines[-1]) + width(piece) <= (room if len(lines) == 1 else limit):
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
