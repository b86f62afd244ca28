"""How a document names the quantities of one example.

- A scripted name written at its input vector, `y_l(\\boldsymbol{x})`, is the value y_l.
  A document may write an element of a network's output with the input it is computed
  from, `y_k(\\mathbf{x})` or `y^{(3)}_k(\\mathbf{x}_n)`, beside the same element written
  bare, `y_k`: the bracket names the input, it multiplies nothing. A name with a subscript
  or a superscript, written against a bracket that holds one bold letter and nothing else
  (maybe with a subscript of its own), is read as that name alone. Anything else in the
  bracket (`W_1(\\mathbf{x} + b)`), a bracket written apart from the name, or a name with
  no script at all (`c(\\mathbf{R})`, see `calls`) is left as written.
- A scalar of one example named with the example's letter, `E_n = \\frac{1}{2} \\sum_k
  (y_k - d_k)^2`, the error of example n: the row defines E_n from the outputs of that
  example, written without n. The letter is then part of the name (the scalar E_n, as a
  layer's `[l]` is of `W^{[l]}`), not an axis along which the definition would be
  constant. It is read so only when the row `E_n = …` stands in the displays and every use
  of the letter in them is that subscript of that name: a letter some sum runs over
  (`E = \\sum_n E_n`), or one that another name carries (`y_{nk}`), stays an index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from symbn.language.latex.texlex import Token

#: Commands that set a letter bold, as a document writes a vector.
BOLD = frozenset({"\\boldsymbol", "\\mathbf", "\\bm", "\\vec"})


def valued(eq: tuple[Token, ...]) -> tuple[Token, ...]:
    """`eq` with the input bracket after each scripted name dropped (see the module
    docstring); `eq` itself when it has none."""
    out: list[Token] = []
    n = 0
    while n < len(eq):
        out.append(eq[n])
        end = _scripts_end(eq, n) if eq[n].kind == "letter" else None
        if end is None or end == n + 1:
            n += 1
            continue
        out.extend(eq[n + 1 : end])
        after = _input_end(eq, end)
        n = end if after is None else after
    return eq if len(out) == len(eq) else tuple(out)


def _scripts_end(eq: tuple[Token, ...], n: int) -> int:
    """The position after the scripts written on the letter at n (n + 1 when none)."""
    m = n + 1
    while m < len(eq) and eq[m].kind in ("sub", "sup"):
        m = _group_end(eq, m + 1)
    return m


def _group_end(eq: tuple[Token, ...], n: int) -> int:
    """The position after the braced group (or the one token) at n."""
    if n >= len(eq) or eq[n].kind != "open":
        return n + 1
    depth = 0
    for m in range(n, len(eq)):
        depth += {"open": 1, "close": -1}.get(eq[m].kind, 0)
        if depth == 0:
            return m + 1
    return len(eq)


def _input_end(eq: tuple[Token, ...], n: int) -> int | None:
    """The position after `(\\boldsymbol{x})` (or `(\\mathbf{x}_n)`) starting at n, written
    against the token before it; None when the tokens there are not that."""
    if n + 5 > len(eq) or eq[n].text != "(" or eq[n - 1].end != eq[n].start:
        return None
    bold, opened, letter, closed = eq[n + 1 : n + 5]
    if bold.text not in BOLD or opened.kind != "open" or closed.kind != "close":
        return None
    if letter.kind != "letter":
        return None
    m = n + 5
    if m < len(eq) and eq[m].kind == "sub":
        arg_end = _group_end(eq, m + 1)
        if any(t.kind not in ("letter", "open", "close") for t in eq[m + 1 : arg_end]):
            return None
        m = arg_end
    if m >= len(eq) or eq[m].text != ")":
        return None
    return m + 1


def example_labels(rows: Sequence[tuple[Token, ...]], taken: Iterable[str]) -> set[str]:
    """The names `E_n` (as `E_n`) that display rows define with a subscript letter used
    nowhere else in them; `taken` are the letters that sums run over."""
    summed = set(taken)
    out = set()
    for toks in rows:
        found = _defined_at(toks)
        if found is None or found[1] in summed or found[1] == found[0]:
            continue
        base, letter = found
        if all(_on(toks2, base, letter) for toks2 in rows):
            out.add(f"{base}_{letter}")
    return out


def _defined_at(toks: tuple[Token, ...]) -> tuple[str, str] | None:
    """(name, letter) of a row that begins `E_n =` or `E_{n} =`; None otherwise."""
    texts = [t.text for t in toks[:6]]
    if len(toks) < 4 or toks[0].kind != "letter" or toks[1].kind != "sub":
        return None
    if toks[2].kind == "letter" and texts[3] == "=":
        return toks[0].text, toks[2].text
    if texts[2:5] == ["{", toks[3].text, "}"] and toks[3].kind == "letter" and texts[5:6] == ["="]:
        return toks[0].text, toks[3].text
    return None


def _on(toks: tuple[Token, ...], base: str, letter: str) -> bool:
    """Whether every use of `letter` in the row is the subscript of `base`."""
    for n, t in enumerate(toks):
        if t.kind != "letter" or t.text != letter:
            continue
        braced = n >= 3 and toks[n - 1].kind == "open" and n + 1 < len(toks)
        closed = braced and toks[n + 1].kind == "close" and toks[n - 2].kind == "sub"
        if closed and toks[n - 3].text == base:
            continue
        if n >= 2 and toks[n - 1].kind == "sub" and toks[n - 2].text == base:
            continue
        return False
    return True
