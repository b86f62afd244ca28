"""A system of equations written in a brace: `\\begin{cases} c_1 = a_1 b_1 \\\\ c_2 = …
\\end{cases}`, alone on its row or after a header (`\\frac{\\partial C}{\\partial A} =
\\begin{cases} \\frac{\\partial c_1}{\\partial a_1} = b_1 \\\\ … \\end{cases}`).

When every row of the brace states an equation and none gives a condition (no `&`), the
brace lists equations, as `aligned` does, rather than a value by cases: each row is read
as a row of its own, and the header, which only names what the rows are about, is not a
claim. A row of dots (`...`, `\\vdots`) stands for rows not written and is skipped.

A name written alone in a cell of a matrix written out is a scalar: an entry; a name
written as such a matrix (`x = \\begin{bmatrix} x_1, x_2 \\end{bmatrix}`) is a vector or a
matrix of the sizes it shows (see `literals`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from symbn.language.latex import brackets
from symbn.language.latex.guess import Guess, Tensor
from symbn.language.latex.listings import Cells, cells_at, head_of, own_sizes
from symbn.language.latex.namesat import name_at, name_key
from symbn.language.latex.sizing import add_size
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


def cell_names(toks: tuple[Token, ...]) -> set[str]:
    """The names written alone in a cell of a matrix written out (`b_1` of
    `\\begin{bmatrix} b_1 & b_2 \\end{bmatrix}`, cells cut at `&`, rows and commas, or of a
    list `x = (b_1, b_2)`): an entry of a matrix is a number, so such a name is a scalar; not
    the cells of a name listed with dots as its own elements (`x = (x_1, \\dots, x_n)`)."""
    out: set[str] = set()
    n = 0
    while n < len(toks):
        head = head_of(toks, n)
        found = cells_at(toks, n)
        if found is None or (head is None and toks[n].kind != "begin"):  # f(a, b): no list
            n += 1
            continue
        rows, end = found
        own = head is not None and own_sizes(name_key(head), rows)
        for cell in (c for row in rows for c in row) if not own else ():
            name = name_at(tuple(cell), 0) if cell else None
            if name is not None and name.end == len(cell) and not name.letters:
                out.add(name_key(name))
        n = end if own or toks[n].kind == "begin" else n + 1
    return out


@dataclass
class Written:
    """Names written as matrices of names: their rows and columns (`dims`), their cells,
    and those a row also defines as a product of such names (`C = AB`: c_1 … defined)."""

    dims: dict[str, tuple[int, int]] = field(default_factory=dict)
    sized: dict[str, tuple[str, ...]] = field(default_factory=dict)
    listed: set[int] = field(default_factory=set)  # the `=` of each (`Guess.listings`)
    cells: dict[str, list[str]] = field(default_factory=dict)
    products: set[str] = field(default_factory=set)

    def shape(self, guess: Guess) -> None:
        """Each name's shape into the inferred context (x = [x_1, x_2]: a vector of 2)."""
        shapes = {n: shape_of_dims(*d) for n, d in self.dims.items()} | self.sized
        guess.listings |= self.listed
        for name, shape in shapes.items():
            guess.shapes.setdefault(name, shape)
            for size in guess.shapes[name]:
                add_size(guess, size)

    def define(self, guess: Guess) -> None:
        """The cells of a name a row defines as a product (C = AB: c_1 …), defined."""
        for cell in (c for n in self.products for c in self.cells.get(n, ())):
            spelled = [guess.bare[cell]] if cell in guess.bare else []
            guess.tensors.setdefault(cell, Tensor(cell, spellings=spelled)).defined = True


def literal_shapes(toks: tuple[Token, ...], written: Written) -> None:
    """Into `written`, each name the row writes as a matrix of names (`x =
    \\begin{bmatrix} x_1, x_2 \\end{bmatrix}`), and each it defines as their product (`y =
    xw`, 1 × 1: a scalar)."""
    dims = written.dims
    for n in range(len(toks) - 2):
        head = name_at(toks, n)
        if head is None or head.end + 1 >= len(toks) or toks[head.end].text != "=":
            continue
        found = cells_at(toks, head.end + 1)
        if found is not None:
            sizes = own_sizes(name_key(head), found[0])
            if sizes:  # x = (x_1, \dots, x_n): a vector of n, which the row does not define
                written.sized.setdefault(name_key(head), sizes)
                written.listed.add(id(toks[head.end]))
            elif (rows := _named_cells(found[0])) is not None:
                dims.setdefault(name_key(head), (len(rows), len(rows[0])))
                written.cells.setdefault(name_key(head), [c for row in rows for c in row])
            continue
        if head.end != n + 1:
            continue  # a product of matrices written out is set to a plain name
        factors, k = [], n + 2
        while k < len(toks) and (f := name_at(toks, k)) is not None and f.end == k + 1:
            factors.append(dims.get(name_key(f)))
            k = f.end + (k + 1 < len(toks) and toks[k + 1].text == "\\cdot")
        product = factors[0] if factors and None not in factors else None
        for d in factors[1:] if product else ():
            product = (product[0], d[1]) if product and d and product[1] == d[0] else None
        if product and len(factors) > 1 and (k == len(toks) or toks[k].text == "="):
            dims.setdefault(name_key(head), product)
            written.products.add(name_key(head))


def shape_of_dims(rows: int, cols: int) -> tuple[str, ...]:
    """The shape of a matrix of `rows` × `cols` written out: sizes named by their count, a
    vector for one row or one column, a scalar for one cell."""
    if rows == cols == 1:
        return ()
    if 1 in (rows, cols):
        return (f"n{rows * cols}",)
    return (f"n{rows}", f"n{cols}")


def _named_cells(cells: Cells) -> list[list[str]] | None:
    """The names in the cells of a matrix written out, row by row (None unless every cell
    is one name and the rows are of one length)."""
    rows: list[list[str]] = []
    for row in cells:
        rows.append([])
        for cell in row:
            name = name_at(tuple(cell), 0) if cell else None
            if name is None or name.end != len(cell) or name.letters:
                return None
            rows[-1].append(name_key(name))
    return rows if rows and len({len(r) for r in rows}) == 1 else None
