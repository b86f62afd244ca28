"""Vectors and matrices written as the list of their elements, read from a row's tokens for
the inference of its context (`symbn.language.latex.infer`, through `systems`).

A name set equal to its elements says what the name is, not a claim about it:

- a matrix environment (`\\begin{bmatrix} x_1 \\\\ x_2 \\end{bmatrix}`, rows at `\\\\`,
  cells at `&`, or at commas in one row written without `&`), or a list in delimiters,
  `(p_1, p_2, p_3)`, `[z_1, z_2, \\ldots, z_K]^T`, `\\{y_1, \\dots, y_n\\}`, which is a
  column (`cells_at`);
- written with dots and ending at an element whose subscript is letters (`x = (x_1,
  \\dots, x_n)`, `W = [w_{11} \\cdots w_{1m} \\\\ \\vdots \\\\ w_{n1} \\cdots w_{nm}]`), the
  name is a vector of n or an n × m matrix, and its cells are its elements (`x_1` is x's
  first), not scalars of their own (`own_sizes`).
"""

from __future__ import annotations

from symbn.language.latex.guess import Guess
from symbn.language.latex.namesat import WrittenName, arg_at, name_at, name_key
from symbn.language.latex.texlex import Token

#: The environments of a matrix written out, cell by cell.
MATRICES = frozenset({"matrix", "bmatrix", "pmatrix", "Bmatrix", "vmatrix", "smallmatrix"})
#: The delimiters of a list of elements, each with its closer.
LISTS = {"(": ")", "[": "]", "\\{": "\\}", "\\lbrace": "\\rbrace", "\\lbrack": "\\rbrack"}
#: A cell that stands for cells not written.
DOTS = frozenset({"\\dots", "\\ldots", "\\cdots", "\\vdots", "\\ddots", "\\dotsc", "…"})
#: What a cell of a matrix environment is cut at.
_CUT = frozenset({"amp", "newline"})

Cells = list[list[list[Token]]]


def cells_at(toks: tuple[Token, ...], n: int) -> tuple[Cells, int] | None:
    """The cells, row by row, of the matrix environment or the list in delimiters whose
    first token is `n`, and the position after it; None when none starts there."""
    if toks[n].kind == "begin" and toks[n].arg in MATRICES:
        return _environment(toks, n)
    return _listed(toks, n)


def _environment(toks: tuple[Token, ...], n: int) -> tuple[Cells, int] | None:
    inside: list[Token] = []
    end = n + 1
    while end < len(toks) and toks[end].kind != "end":
        if toks[end].kind == "begin":
            return None  # nothing nested
        inside.append(toks[end])
        end += 1
    if end == len(toks):
        return None
    if inside and inside[-1].kind == "newline":
        inside.pop()  # a trailing \\
    commas = not any(t.kind in _CUT for t in inside)
    rows: Cells = [[[]]]
    for t in inside:
        if t.kind == "newline":
            rows.append([[]])
        elif t.kind == "amp" or (commas and t.text == ","):
            rows[-1].append([])
        else:
            rows[-1][-1].append(t)
    return rows, end + 1


def _listed(toks: tuple[Token, ...], n: int) -> tuple[Cells, int] | None:
    """A list in delimiters (`\\left` before them too), cut at its top-level commas; a
    transpose after it (`^T`) is taken with it."""
    sized = toks[n].text == "\\left"
    m = n + sized
    if m >= len(toks) or toks[m].text not in LISTS:
        return None
    closer, depth = LISTS[toks[m].text], 0
    cells: list[list[Token]] = [[]]
    for k in range(m + 1, len(toks)):
        t = toks[k]
        if depth == 0 and t.text == closer:
            if sized and cells[-1] and cells[-1][-1].text == "\\right":
                cells[-1].pop()
            if len(cells) < 2:
                return None
            after = k + 1
            transposed = after + 1 < len(toks) and toks[after].kind == "sup"
            if transposed and toks[after + 1].text in ("T", "\\top", "\\intercal"):
                after += 2
            return [[c] for c in cells], after
        depth += t.kind in ("open", "begin") or t.text in LISTS
        depth -= t.kind in ("close", "end") or t.text in LISTS.values()
        if depth == 0 and t.text == ",":
            cells.append([])
        else:
            cells[-1].append(t)
    return None


def _dots(cell: list[Token]) -> bool:
    """Whether a cell stands for cells not written (`\\vdots`, `…`, `...`)."""
    one = len(cell) == 1 and cell[0].text in DOTS
    return one or (len(cell) == 3 and all(t.text == "." for t in cell))


def own_sizes(key: str, rows: Cells) -> tuple[str, ...] | None:
    """The shape of the name `key` listed as `rows` with dots, every other cell one of its
    elements: the letters of the last element's subscript (`x_n`: (n,); `w_{nm}`: (n, m));
    None when it is not so listed."""
    shown = [c for row in rows for c in row if not _dots(c)]
    if len(shown) == sum(len(row) for row in rows) or not shown:
        return None  # no dots: a worked example (systems.literal_shapes)
    subs = [_element(key, c) for c in shown]
    last = subs[-1]
    if any(s is None for s in subs) or last is None or len(last) > 2:
        return None
    if not all(t.kind == "letter" for t in last):
        return None
    return tuple(t.text for t in last)


def _element(key: str, cell: list[Token]) -> list[Token] | None:
    """The subscript's parts (commas left out) of a cell that is an element of `key`
    (`x_1`, `w_{n,m}`); None when the cell is anything else."""
    subs = [k for k, t in enumerate(cell) if t.kind == "sub"]
    if len(subs) != 1:
        return None
    s = subs[0]
    name = name_at(tuple(cell[:s]), 0)
    if name is None or name.end != s or name_key(name) != key:
        return None
    arg, end = arg_at(tuple(cell), s + 1)
    parts = [t for t in arg if t.text != ","]
    ok = end == len(cell) and parts and all(t.kind in ("letter", "number") for t in parts)
    return parts if ok else None


def head_of(toks: tuple[Token, ...], n: int) -> WrittenName | None:
    """The name written right before `=` and the matrix or list at `n` (`\\mathbf{x} = (…)`);
    None when there is none."""
    if n < 2 or toks[n - 1].text != "=":
        return None
    for k in range(max(n - 12, 0), n - 1):
        name = name_at(toks, k)
        if name is not None and name.end == n - 1:
            return name
    return None


def elements(guess: Guess) -> None:
    """Drop from `guess` each numbered name that is an element of a tensor with axes
    (`x_1` beside `x_i` or `x = (x_1, \\dots, x_n)`, `w_{12}` beside `w_{ij}`): one digit
    per axis, or any number on a vector. It stays a name of its own where a matrix written
    out holds it as a cell (a worked example, `u = [u_1, u_2]`) or a row defines it."""
    for name, t in list(guess.tensors.items()):
        if not (t.defined or t.axes) and _numbered(guess, name, t.spellings):
            del guess.tensors[name]
    for name, spelling in list(guess.bare.items()):
        if _numbered(guess, name, [spelling]):
            del guess.bare[name]


def _numbered(guess: Guess, name: str, spellings: list[str]) -> bool:
    """Whether the name `name`, spelled so, is a numbered element of a tensor with axes."""
    base = name.rstrip("0123456789")
    digits = name[len(base) :]
    owner = guess.tensors.get(base)
    axes = len(guess.shapes.get(base, ())) or (len(owner.axes) if owner else 0)
    if not digits or not axes or name in guess.cells or not spellings:
        return False
    numbered = all(s.endswith(f"_{{{digits}}}") for s in spellings)
    return numbered and (axes == 1 or len(digits) == axes)
