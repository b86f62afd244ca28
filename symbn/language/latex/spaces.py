"""Shapes from `X \\in \\mathbb{R}^{N \\times D}`, for the inference of a context
(`symbn.language.latex.infer`): the names before `\\in` take the shape the real arrays
name, and each of its sizes is a size of the document.

A size may be a number (`W_1 \\in \\mathbb{R}^{16 \\times 2}`): the number is a size of its
own, named after it (n16) and spelled as it, so that every axis the document gives 16
elements is one size. Claims are proved for every value of such a size, so for 16 too; a
refutation, found at some other value, is held back (`symbn.verify.inferred`). A 1 is an
axis of length one (`m \\times 1`: a column, read as a vector).

The integers and naturals give shapes as the reals do (`y \\in \\mathbb{N}^{n}`, labels), and
so does a finite set of numbers raised to a power (`Y \\in \\{-1, +1\\}^{n \\times m}`, `\\{0,
1\\}^{K}`): arrays whose entries are labels or signs, which are read as real arrays of that
shape (a sign or a label is a real number).
"""

from __future__ import annotations

from symbn.language.latex.namesat import WrittenName, arg_at, listed_before
from symbn.language.latex.texlex import Token


def numbered(number: str) -> str:
    """The name of the size a document writes as the number `number` (16: n16)."""
    return f"n{number}"


def number_of(size: str) -> str | None:
    """The number a size named after it stands for (n16: 16), or None."""
    return size[1:] if size[:1] == "n" and size[1:].isdigit() else None


def membership(toks: tuple[Token, ...], n: int) -> tuple[list[WrittenName], tuple[str, ...]] | None:
    """`X \\in \\mathbb{R}^{…}` when its `\\in` is token `n`: the names before it and
    the sizes of their shape; None when it is no such membership."""
    m = _space_end(toks, n + 1)
    if n == 0 or m is None:
        return None
    start = n - 1
    while start > 0 and toks[start].kind in ("close", "letter", "sub", "open"):
        start -= 1
    names = listed_before(toks, n)  # X \\in …, or W_Q, W_K \\in …
    if not names or toks[start].kind == "sup":  # x^T \\in …: T is no name
        return None
    dims: list[str] = []
    if m < len(toks) and toks[m].kind == "sup":
        sup, _ = arg_at(toks, m + 1)
        if any(a.kind not in ("letter", "number") and a.text != "\\times" for a in sup):
            return None
        if any(a.kind == "number" and not a.text.isdigit() for a in sup):
            return None  # \\mathbb{R}^{2.5}: no size
        for a in sup:
            if a.kind == "letter":
                dims.append(a.text)
            elif a.kind == "number" and a.text != "1":  # m \\times 1: a vector
                dims.append(numbered(a.text))
    return names, tuple(dims)


#: The number sets whose arrays are read as real arrays of their shape.
FIELDS = frozenset({"R", "N", "Z"})


def _space_end(toks: tuple[Token, ...], n: int) -> int | None:
    """The token after the space written at `n` (`\\mathbb{R}`, `\\mathbb{N}`, `\\mathbb{Z}`,
    or a set of numbers `\\{-1, +1\\}`), before its exponent; None when `n` starts none."""
    if n + 1 < len(toks) and toks[n].text == "\\mathbb":
        field_, m = arg_at(toks, n + 1)
        return m if [x.text for x in field_] in [[f] for f in FIELDS] else None
    if n < len(toks) and toks[n].text == "\\{":
        m = n + 1
        while m < len(toks) and (toks[m].kind == "number" or toks[m].text in ("+", "-", ",")):
            m += 1
        numbers = any(t.kind == "number" for t in toks[n + 1 : m])
        if numbers and m < len(toks) and toks[m].text == "\\}":
            return m + 1
    return None


#: What a range written out may hold between its first and last elements.
ELLIPSIS = frozenset({",", ".", "\\ldots", "\\dots", "\\cdots", "\\dotsc"})


def index_range(toks: tuple[Token, ...], n: int) -> tuple[str, str] | None:
    """`i \\in \\{1, ..., n\\}` when its `\\in` is token `n`: the index letter and the size
    it runs up to; None when it is no such range (`Z_i \\in \\{1, \\ldots, K\\}` gives the
    values of Z_i, a label, not the range of i)."""
    if not (n > 0 and n + 2 < len(toks) and toks[n + 1].text == "\\{"):
        return None
    if n > 1 and toks[n - 2].kind == "sub":
        return None
    letter, first = toks[n - 1], toks[n + 2]
    end = n + 3
    while end < len(toks) and toks[end].text in ELLIPSIS:
        end += 1
    dots = any(t.text != "," for t in toks[n + 3 : end])
    if end + 1 >= len(toks) or toks[end + 1].text != "\\}" or not dots:
        return None
    last = toks[end]
    if letter.kind != "letter" or first.text != "1" or last.kind != "letter":
        return None
    return (letter.text, last.text) if letter.text != last.text else None
