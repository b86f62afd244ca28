"""The arguments each scalar is defined with (`J(w_1, w_2, b) = …`): written with other
arguments elsewhere in the document (`J(w_2, w_1, b)`), it is not that scalar. A scalar
no row defines but one display writes at two lists of arguments (`L = l(y, \\hat{y}) =
l(y, h)`) is held to the first: read as the scalar, both would drop their arguments and
the step would hold whatever they are."""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex.applied import call_end
from symbn.language.latex.cuts import display_rows, document_rows
from symbn.language.latex.namesat import lead, name_at
from symbn.language.latex.texlex import Token, tokenize
from symbn.source.document.markdown import Document
from symbn.source.positions import TexError

#: What makes a left side a derivative of the scalar, not the scalar (`\\frac{\\partial}{…} J(w)`).
DERIVATIVES = frozenset({"\\frac", "\\partial", "\\nabla", "\\dfrac", "\\tfrac"})


def written(toks: Sequence[Token]) -> str:
    """Tokens as one key: their texts, a space between."""
    return " ".join(t.text for t in toks)


def defined_calls(doc: Document) -> dict[str, str]:
    """Name as written -> the arguments its first definition with arguments lists."""
    out: dict[str, str] = {}
    for row in document_rows(doc):
        equals = next((k for k, t in enumerate(row) if t.text == "="), None)
        if equals is None or equals < 3 or row[equals - 1].text != ")":
            continue
        first = lead(row)
        opening = next(
            (k for k in range(first + 1, equals) if call_end(row, k, single=True) == equals),
            None,
        )
        derivative = any(t.text in DERIVATIVES for t in row[first:equals])
        if opening is not None and not derivative:
            out.setdefault(written(row[first:opening]), written(row[opening:equals]))
    for name, arguments in written_twice(doc).items():
        out.setdefault(name, arguments)
    return out


def written_twice(doc: Document) -> dict[str, str]:
    """Name as written -> the first list of two or more arguments the document writes it at,
    for each name written at two lists that differ in one display, or anywhere in the names
    they list (`l(y, \\hat{y})`, `l(y, h)`; not `L(y_i, p_i)` beside `L(y, p)`, the same
    names at an index, nor `H(\\mathbf{y}, s)` beside `H(Y, S)`, a batch of them; a list
    with a function in it, `l(f(x), y)`, is compared in its display only)."""
    out: dict[str, str] = {}
    first: dict[str, tuple[str, tuple[str, ...] | None]] = {}
    for d in doc.displays:
        try:
            toks = tokenize(d.text)
        except TexError:
            continue
        seen: dict[str, str] = {}
        for row in display_rows(toks, d.text):
            for name, arguments, names in _calls(row):
                held = first.setdefault(name, (arguments, names))
                other = None not in (held[1], names) and held[1] != names
                if seen.setdefault(name, arguments) != arguments or other:
                    out.setdefault(name, held[0])
    return out


def _calls(row: tuple[Token, ...]) -> list[tuple[str, str, tuple[str, ...] | None]]:
    """(name, arguments, the names they list in lower case or None when one is a function)
    of each name written right before a list of two or more plain arguments in a row."""
    out = []
    for n in range(len(row)):
        name = name_at(row, n)
        if name is None or name.called or name.end >= len(row) or row[name.end].text != "(":
            continue
        if row[name.end].start != row[name.end - 1].end:
            continue
        end = call_end(row, name.end)
        if end is not None and end > name.end:
            names = _listed(row[name.end + 1 : end - 1])
            out.append((written(row[n : name.end]), written(row[name.end : end]), names))
    return out


def _listed(toks: tuple[Token, ...]) -> tuple[str, ...] | None:
    """The names a list of arguments writes, without their scripts, in lower case; None when
    one is a function at arguments of its own."""
    out: list[str] = []
    k = 0
    while k < len(toks):
        name = name_at(toks, k)
        if name is None:
            k += 1
            continue
        if name.called or (name.end < len(toks) and toks[name.end].text == "("):
            return None
        out.append(name.base.lower())
        k = max(name.end, k + 1)
    return tuple(out)
