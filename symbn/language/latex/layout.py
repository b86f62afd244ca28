"""Where a display's rows are: the environments around them, and rows that go on.

- the rows are those of the one environment a display holds, unwrapped as often as it
  nests (`equation` around `split`, `$$` around `align*`); `\\label`, `\\tag`,
  `\\nonumber` and `\\notag` are dropped by the lexer;
- punctuation that ends a display or a row (`.`, `,`, `;`) is not maths;
- a row that begins, after its `&`s, with `+`, `-`, `\\cdot` or `\\times` (as `eqnarray`'s
  `&& + c` and `align`'s `& \\quad - c` write it), whose first cell is one of these alone
  (`+& c`, beside `=& a`), or that follows a row ending with one of these, goes on with the
  row above: the two are read as one row;
- a brace of equations (`\\begin{cases} c_1 = … \\\\ c_2 = … \\end{cases}`) is rows of
  its own (`systems`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from symbn.language.latex import brackets
from symbn.language.latex.calledwith import written as key
from symbn.language.latex.systems import system_rows
from symbn.language.latex.texlex import Token
from symbn.language.latex.tree import Node, Ref
from symbn.source.positions import Span, TexError

#: The environments whose rows (at `\\\\`) are read one by one.
ROW_ENVIRONMENTS = frozenset(
    {
        "aligned",
        "array",
        "align",
        "align*",
        "alignedat",
        "gathered",
        "gather",
        "gather*",
        "split",
        "alignat",
        "alignat*",
        "eqnarray",
        "eqnarray*",
        "equation",
        "equation*",
        "multline",
        "multline*",
        "flalign",
        "flalign*",
        "displaymath",
        "math",
    }
)
PUNCTUATION = frozenset({".", ",", ";"})
_GOES_ON = frozenset({"+", "-", "\\cdot", "\\times"})


def body(tokens: tuple[Token, ...], b: brackets.Brackets) -> tuple[str | None, int, int]:
    """The innermost row environment that is all the display holds (None when there is
    none), and the token range of its rows."""
    env, lo, hi = None, 0, len(tokens)
    while True:
        hi = trimmed(tokens, lo, hi)
        top = [
            n
            for n in brackets.top_level(b, lo, hi, delimiters=False)
            if tokens[n].kind == "begin" and tokens[n].arg in ROW_ENVIRONMENTS
        ]
        if len(top) != 1 or top[0] != lo or b.groups[lo] != hi - 1:
            return env, lo, hi
        env, lo, hi = tokens[lo].arg, lo + 1, hi - 1


def trimmed(tokens: tuple[Token, ...], lo: int, hi: int) -> int:
    """`hi` moved before the punctuation that ends tokens[lo:hi]."""
    while hi > lo and tokens[hi - 1].kind == "symbol" and tokens[hi - 1].text in PUNCTUATION:
        hi -= 1
    return hi


def rows(tokens: tuple[Token, ...], b: brackets.Brackets, lo: int, hi: int) -> list[list[int]]:
    """The token indices of each row in tokens[lo:hi]; a row that goes on is joined to
    the row above (without the `&`s it begins with)."""
    out: list[list[int]] = []
    for a, z in brackets.split(tokens, b, lo, hi, frozenset({"newline"}), delimiters=False):
        first = a
        while first < z and tokens[first].kind == "amp":
            first += 1
        after = bool(out) and bool(out[-1]) and _op(tokens[out[-1][-1]])
        cell = first + 1  # `+& c`: the operator alone in the row's first cell
        while first == a and cell < z and tokens[cell].kind == "amp":
            cell += 1
        if cell > first + 1 and cell < z and _op(tokens[first]) and out and out[-1]:
            out[-1] += [first, *range(cell, z)]
        elif first < z and ((first > a and _op(tokens[first]) and out and out[-1]) or after):
            out[-1] += range(first, z)
        else:
            out.append(list(range(a, z)))
    return [eq for r in out for eq in (system_rows(tokens, b, r) or [r])]  # a brace of rows


def _op(tok: Token) -> bool:
    return tok.text in _GOES_ON and tok.kind in ("symbol", "command")


def name_end(
    eq: tuple[Token, ...],
    b: brackets.Brackets,
    a: int,
    z: int,
    parse: Callable[[int, int], Node],
    *,
    called: Mapping[str, str] | None = None,
) -> int:
    """Where a left side eq[a:z] ends without the arguments written after its name:
    `y_i(z_i) = …` and `L(y, \\hat{y}) = …` state y_i and L, functions of what follows
    them (`parse` reads tokens as an expression; anything but a name keeps the side whole).
    A name `called` defines at other arguments (`E(v) = …` after `E(w) = …`) is not the
    name: a TexError."""
    opener = next((k for k, d in b.pairs.items() if d.last == z - 1 and k > a), None)
    if opener is None or eq[opener].text != "(":
        return z
    inside = eq[opener + 1 : z - 1]
    if not inside or not all(brackets.argument(inside, k) for k in range(len(inside))):
        return z
    try:
        named = isinstance(parse(a, opener), Ref)
    except TexError:
        return z
    written = key(eq[a:opener])
    defined = (called or {}).get(written)
    if named and defined not in (None, key(eq[opener:z])):
        raise TexError(
            f"{written}(…) writes {written} at arguments other than those of its definition; "
            f"it is not read as {written}",
            Span(eq[a].start, eq[z - 1].end),
        )
    return opener if named else z


def cells_after_empty(
    tokens: Sequence[Token], cells: list[tuple[int, int]], relation: Callable[[Token], bool]
) -> list[tuple[int, int]]:
    """A row's cells, without an empty first one before a cell that holds a whole
    equation (`& \\frac{\\partial y}{\\partial x} = a`, aligned at its left edge); a cell
    after an empty one that begins with its relation (`&= c`) goes on with the row above."""
    if len(cells) < 2 or cells[0][0] != cells[0][1] or cells[1][0] >= cells[1][1]:
        return list(cells)
    inside = [relation(tokens[n]) for n in range(*cells[1])]
    return list(cells[1:]) if any(inside) and not inside[0] else list(cells)
