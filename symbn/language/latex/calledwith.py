"""The arguments each scalar is defined with (`J(w_1, w_2, b) = …`): written with other
arguments elsewhere in the document (`J(w_2, w_1, b)`), it is not that scalar."""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex.applied import call_end
from symbn.language.latex.cuts import document_rows
from symbn.language.latex.namesat import lead
from symbn.language.latex.texlex import Token
from symbn.source.document.markdown import Document

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
    return out
