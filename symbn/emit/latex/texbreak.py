"""Long display lines cut to fit: `breaks` splits an expression's LaTeX at its outermost + and -
(and inside the widest bracketed factor or sum), packing the pieces into lines no wider than a
limit measured by `width`, a rough count of printed letters.
"""

from __future__ import annotations

import sympy as sp

from symbn.emit.latex.texprint import IndexLatexPrinter


def breaks(
    e: sp.Expr, printer: IndexLatexPrinter, limit: float, first: float | None = None
) -> list[str]:
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
            sign, term = (
                ("- ", -t) if n and t.could_extract_minus_sign() else ("+ " if n else "", t)
            )
            inner = breaks(term, printer, limit - _BINARY, None if n else room)
            pieces.append(sign + inner[0])
            pieces.extend(inner[1:])
        return _pack(pieces, limit, room)
    if isinstance(e, sp.Sum):
        head = " ".join(
            rf"\sum_{{{printer.doprint(p)}=1}}^{{{printer.doprint(hi)}}}"
            for p, _, hi in reversed(e.limits)
        )
        if isinstance(e.function, sp.Add):
            return _opened(head, e.function, printer, limit, room)
        if isinstance(e.function, sp.Mul) and not e.function.could_extract_minus_sign():
            # a product is summed as it is printed, without brackets: break it after the sums
            inner = breaks(e.function, printer, limit, room - width(head))
            return [f"{head} {inner[0]}", *inner[1:]]
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


def _opened(
    head: str, body: sp.Expr, printer: IndexLatexPrinter, limit: float, room: float
) -> list[str]:
    """`head (body)` with `body` broken inside the brackets: the first line holds the head, the
    opening bracket and as much of `body` as fits in the rest of `room`, and every line keeps
    room for the closing bracket."""
    after = room - width(head) - _SIZED
    inner = breaks(body, printer, limit - _SIZED, after)
    if len(inner) == 1:  # on one line with both brackets, or broken after all
        inner = breaks(body, printer, limit - _SIZED, after - _SIZED)
        if len(inner) == 1:
            return [rf"{head} \left({inner[0]}\right)"]
    if width(inner[0]) > after:
        # the head leaves too little room for the first piece: it stands alone with its bracket
        inner = ["", *breaks(body, printer, limit - _SIZED)]
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


# -- arrays of numbers ---------------------------------------------------------------------------
MAX_ROWS = 10  # the most rows of one matrix block


def number(v: float) -> str:
    """LaTeX of a number: an integer as it is, a float in its shortest exact form, its exponent
    (if any) as a power of ten."""
    if isinstance(v, int):
        return str(v)
    text = repr(float(v))
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return text.removesuffix(".0")


def values(symbol: str, value, limit: float) -> list[tuple[str, str]]:
    """An array of numbers (nested lists, or a number) as (left-hand side, right-hand side)
    rows of a display, each rhs no wider than `limit`: a number as it is, a vector as a row and
    a matrix as a bmatrix, cut into blocks of at most MAX_ROWS rows and as many columns as fit,
    each block's lhs `symbol` with the index ranges it holds (1-based, "3 ... 5"); an array of
    more axes slice by slice along its leading ones, each slice's lhs naming its indices."""
    if not isinstance(value, list):
        return [(symbol, number(value))]
    return _slices(symbol, value, [], limit)


def _slices(symbol: str, value: list, fixed: list[str], limit: float) -> list[tuple[str, str]]:
    if value and isinstance(value[0], list) and value[0] and isinstance(value[0][0], list):
        out = []
        for n, part in enumerate(value, 1):
            out.extend(_slices(symbol, part, [*fixed, str(n)], limit))
        return out
    rows = value if value and isinstance(value[0], list) else [value]
    cells = [[number(v) for v in row] for row in rows]
    entry = max(width(c) for row in cells for c in row)
    fit = int((limit - 2 * _SIZED) // (entry + _COLUMN_GAP))
    across = max(1, min(len(cells[0]), fit))
    down = MAX_ROWS
    vector = not isinstance(value[0], list)
    whole = across >= len(cells[0]) and down >= len(cells)
    out = []
    for top in range(0, len(cells), down):
        for left in range(0, len(cells[0]), across):
            block = [row[left : left + across] for row in cells[top : top + down]]
            ranges = [] if vector else [_range(top, len(block), len(cells))]
            ranges.append(_range(left, len(block[0]), len(cells[0])))
            lhs = symbol if whole and not fixed else f"{{{symbol}_{{{','.join(fixed + ranges)}}}}}"
            body = r" \\ ".join(" & ".join(row) for row in block)
            out.append((lhs, rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"))
    return out


def _range(start: int, count: int, total: int) -> str:
    """The 1-based indices start+1 .. start+count of an axis of `total` (a dot for all)."""
    if count == total:
        return r"\cdot"
    if count == 1:
        return str(start + 1)
    return rf"{start + 1} \ldots {start + count}"


# Widths in letters (a lower-case italic letter at the body size, about 5.5 pt at 11 pt).
_WIDE = {
    "prod": 2.6,
    "quad": 2.0,
    "qquad": 4.0,
    "partial": 1.0,
    "cdot": 1.6,
    "times": 2.4,
    "ldots": 2.4,
    "cdots": 2.4,
    ",": 0.3,
    ";": 0.5,
    ":": 0.4,
    "sqrt": 1.8,
}
_ZERO = {"displaystyle", "!", "\\"}
_ARG = {
    "mathrm",
    "mathcal",
    "mathbf",
    "operatorname",
    "text",
    "hat",
    "bar",
    "tilde",
    "widehat",
    "overline",
    "vec",
    "dot",
    "mathit",
    "boldsymbol",
}
_BINARY = 2.4  # + and -, counted with the medium spaces a binary one has (a leading one has not)
_RELATION = 2.6  # = and the thick spaces around it
_BRACKET = 0.8  # ( ) [ ]
_SIZED = 1.1  # their \left \right or \Bigl \Bigr forms, taller and wider
_SUM = 2.6  # a displayed sum sign, without its limits
_SCRIPT = 0.7  # sub- and superscripts, and sums' limits, are this much of the body size
_COLUMN_GAP = 1.8  # between the columns of a matrix (twice \arraycolsep)


def width(tex: str) -> float:
    """The rough printed width of `tex` in display maths, in letters: capitals, operators with
    their spaces and sums are wider, fractions as wide as their wider part, sub- and
    superscripts count less, a sum as wide as its sign or its limits, braces nothing."""
    value, _ = _width(tex, 0)
    return value


def _width(tex: str, n: int, stop: str = "") -> tuple[float, int]:
    """The width of `tex` from `n` to `stop` (or the end), and where it stopped."""
    total = 0.0
    while n < len(tex):
        c = tex[n]
        if c == stop:
            return total, n + 1
        if c == "\\":
            value, n = _command(tex, n)
            total += value
            continue
        if c in "^_":
            inner, n = _group(tex, n + 1)
            total += _SCRIPT * inner
            continue
        if c == "{":
            inner, n = _width(tex, n + 1, "}")
            total += inner
            continue
        if c == "=":
            total += _RELATION
        elif c in "+-":
            total += _BINARY
        elif c in "()[]":
            total += _BRACKET
        elif c in ",.;":
            total += 0.5
        elif c.isupper():
            total += 1.4
        elif not c.isspace() and c != "&":
            total += 1.0
        n += 1
    return total, n


def _command(tex: str, n: int) -> tuple[float, int]:
    """The width of the command at `n` (a backslash) with its arguments, and what follows."""
    m = n + 1
    while m < len(tex) and tex[m].isalpha():
        m += 1
    name = tex[n + 1 : m] or tex[n + 1 : n + 2]
    n = max(m, n + 2)
    if name == "frac":
        top, n = _group(tex, n)
        bottom, n = _group(tex, n)
        return max(top, bottom) + 0.4, n
    if name == "overset":
        top, n = _group(tex, n)
        base, n = _group(tex, n)
        return max(_SCRIPT * top, base), n
    if name == "sum":
        limits, n = _limits(tex, n)
        return max(_SUM, _SCRIPT * limits) + 0.3, n
    if name in _ARG:
        return _group(tex, n)
    if name in ("begin", "end"):  # an environment's name is not printed
        return 0.0, _group(tex, n)[1]
    if name in ("left", "right", "Bigl", "Bigr", "bigl", "bigr"):
        if n < len(tex) and tex[n] in "()[].":
            return (_SIZED if tex[n] != "." else 0.0), n + 1
        return 0.0, n
    if name in ("{", "}"):
        return _BRACKET, n
    return (0.0 if name in _ZERO else _WIDE.get(name, 1.0)), n


def _limits(tex: str, n: int) -> tuple[float, int]:
    """The width of the wider of the limits _{...} and ^{...} that follow a sum at `n`."""
    widest = 0.0
    while True:
        m = n
        while m < len(tex) and tex[m].isspace():
            m += 1
        if m >= len(tex) or tex[m] not in "_^":
            return widest, n
        inner, n = _group(tex, m + 1)
        widest = max(widest, inner)


def _group(tex: str, n: int) -> tuple[float, int]:
    while n < len(tex) and tex[n].isspace():
        n += 1
    if n < len(tex) and tex[n] == "{":
        return _width(tex, n + 1, "}")
    return _width(tex[n : n + 1], 0)[0], n + 1
