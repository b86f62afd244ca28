"""Shapes from `X \\in \\mathbb{R}^{N \\times D}`, for the inference of a context
(`symbn.language.latex.infer`): the names before `\\in` take the shape the real arrays
name, and each of its sizes is a size of the document.

A size may be a number (`W_1 \\in \\mathbb{R}^{16 \\times 2}`): the number is a size of its
own, named after it (n16) and spelled as it, so that every axis the document gives 16
elements is one size. Claims are proved for every value of such a size, so for 16 too; a
refutation, found at some other value, is held back (`symbn.verify.inferred`). A 1 is an
axis of length one (`m \\times 1`: a column, read as a vector).
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
    if not (n > 0 and n + 2 < len(toks) and toks[n + 1].text == "\\mathbb"):
        return None
    field_, m = arg_at(toks, n + 2)
    if [x.text for x in field_] != ["R"]:
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
