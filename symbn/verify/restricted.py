"""Displays that the sentence before them restricts to some indices.

Notes introduce a display with the case it is about: "the effect through μ, for each
$i \\neq j$, is:", "when $k = i$ the derivative is". The restriction stands in the prose,
not in the display, so the display read alone claims more than its author does: where it
fails only in the case the sentence leaves out, its refutation would be of a true line.
Such a refutation is held back, unchecked, naming the restriction; a proof stands (what
holds for every index holds where the sentence says).

A restriction is an inline comparison of two index letters (`i \\neq j`, `i \\ne j`, `k = i`)
in the last sentence before the display, said with `for`, `when`, `if`, `where` or `case`.
"""

from __future__ import annotations

from symbn.language.latex.claims import Claim
from symbn.source.document.markdown import Document
from symbn.verify.finding import Finding, withheld
from symbn.verify.status import Status

#: Words that make an inline comparison of indices a restriction of what follows.
SAYING = ("for ", "when ", "if ", "where ", "case")
#: How the comparison of two indices is written between them.
COMPARISONS = ("\\neq", "\\ne", "\\not=", "=")


def held(pairs: list[tuple[Claim, Finding]], doc: Document) -> list[tuple[Claim, Finding]]:
    """The judged claims, each refutation on a display that its sentence restricts (see
    the module docstring) made unchecked."""
    spans = restrictions(doc)
    out = []
    for c, f in pairs:
        said = next((r for lo, hi, r in spans if lo <= f.where.line <= hi), None)
        if f.status == Status.REFUTED and said is not None:
            f = withheld(  # noqa: PLW2901 (the finding, held back)
                f,
                f"the sentence before this display restricts it to {said}, which the "
                "display does not say: the line fails only outside that case, and is not "
                "checked as written",
            )
        out.append((c, f))
    return out


def restrictions(doc: Document) -> list[tuple[int, int, str]]:
    """(first line, last line, the comparison) of each display restricted by its sentence."""
    out = []
    for d in doc.displays:
        if d.inline:
            continue
        first, last = d.where.line, d.origin.where(len(d.text)).line
        said = _restriction(_before(doc, first, d.where.col))
        if said is not None:
            out.append((first, last, said))
    return out


def _before(doc: Document, line: int, col: int) -> str:
    """The prose of the sentence before a display that starts at (line, col): the text on
    its line before it, else the last line above it with text."""
    here = doc.lines[line - 1][: max(col - 3, 0)].strip()
    if here:
        return here
    above = [x for x in doc.lines[max(line - 4, 0) : line - 1] if x.strip()]
    return above[-1].strip() if above else ""


def _restriction(prose: str) -> str | None:
    """The comparison of two indices the last sentence of `prose` restricts to, or None."""
    sentence = prose.rstrip(" :,").rsplit(". ", 1)[-1]
    pieces = sentence.split("$")
    for k in range(1, len(pieces) - 1, 2):
        words = pieces[k - 1].lower()
        maths = " ".join(pieces[k].split())
        if any(w in words[-24:] for w in SAYING) and _compares(maths):
            return f"${maths}$"
    return None


def _compares(maths: str) -> bool:
    """Whether inline maths only compares two index letters, `i \\neq j`."""
    for op in COMPARISONS:
        left, sep, right = maths.partition(op)
        if sep and _letter(left) and _letter(right):
            return True
    return False


def _letter(text: str) -> bool:
    text = text.strip().rstrip("'")
    return len(text) == 1 and text.isascii() and text.islower()
