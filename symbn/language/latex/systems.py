"""A system of equations written in a brace: `\\begin{cases} c_1 = a_1 b_1 \\\\ c_2 = …
\\end{cases}`, alone on its row or after a header (`\\frac{\\partial C}{\\partial A} =
\\begin{cases} \\frac{\\partial c_1}{\\partial a_1} = b_1 \\\\ … \\end{cases}`).

When every row of the brace states an equation and none gives a condition (no `&`), the
brace lists equations, as `aligned` does, rather than a value by cases: each row is read
as a row of its own, and the header, which only names what the rows are about, is not a
claim. A row of dots (`...`, `\\vdots`) stands for rows not written and is skipped.

A name written alone in a cell of a matrix written out is a scalar: an entry.
"""

from __future__ import annotations

from symbn.language.latex import brackets
from symbn.language.latex.namesat import name_at, name_key
from symbn.language.latex.texlex import Token

#: What a row that stands for rows not written holds.
DOTS = frozenset({".", "\\dots", "\\ldots", "\\cdots", "\\vdots", "\\ddots"})


def system_rows(
    tokens: tuple[Token, ...], b: brackets.Brackets, row: list[int]
) -> list[list[int]] | None:
    """The token indices of each equation of the system a row writes, or None when the
    row is not one (its tokens not contiguous, no brace of equations alone after `… =`)."""
    if not row or row[-1] - row[0] != len(row) - 1:
        return None
    lo, hi = row[0], _trimmed(tokens, row[0], row[-1] + 1)
    top = list(brackets.top_level(b, lo, hi, delimiters=False))
    begins = [n for n in top if tokens[n].kind == "begin"]
    if len(begins) != 1 or tokens[begins[0]].arg != "cases":
        return None
    start, end = begins[0], b.groups[begins[0]]
    if end + 1 != hi or (start > lo and tokens[start - 1].text != "="):
        return None
    out = []
    for a, z in brackets.split(tokens, b, start + 1, end, frozenset({"newline"}), delimiters=False):
        inside = [tokens[n] for n in brackets.top_level(b, a, z, delimiters=False)]
        if all(t.text in DOTS for t in inside):
            continue
        if any(t.kind == "amp" for t in inside) or not any(t.text == "=" for t in inside):
            return None
        out.append(list(range(a, _trimmed(tokens, a, z))))
    return out or None


def _trimmed(tokens: tuple[Token, ...], lo: int, hi: int) -> int:
    """`hi` moved before the full stop or comma that ends tokens[lo:hi]."""
    while hi > lo and tokens[hi - 1].kind == "symbol" and tokens[hi - 1].text in (".", ",", ";"):
        hi -= 1
    return hi


#: The environments of a matrix written out, cell by cell.
MATRICES = frozenset({"matrix", "bmatrix", "pmatrix", "Bmatrix", "vmatrix", "smallmatrix"})


def cell_names(toks: tuple[Token, ...]) -> set[str]:
    """The names written alone in a cell of a matrix written out (`b_1` of
    `\\begin{bmatrix} b_1 & b_2 \\end{bmatrix}`, cells cut at `&`, rows and commas): an
    entry of a matrix is a number, so such a name is a scalar."""
    out: set[str] = set()
    depth, cell = 0, []
    for t in toks:
        if t.kind == "begin" and t.arg in MATRICES:
            depth, cell = depth + 1, []
        elif depth and (t.kind in ("amp", "newline", "end") or t.text == ","):
            name = name_at(tuple(cell), 0) if cell else None
            if name is not None and name.end == len(cell) and not name.letters:
                out.add(name_key(name))
            cell = []
            depth -= t.kind == "end" and t.arg in MATRICES
        elif depth:
            cell.append(t)
    return out
