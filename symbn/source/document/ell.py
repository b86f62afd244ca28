"""A layer letter written `\\ell` (`W^{[\\ell]}`, `a^{(\\ell-1)}`, `z_j^\\ell`), read as the
letter l that the reader of layers knows (`symbn.language.layers`): the document's `\\ell` is
replaced by `l` in all its maths before the maths is read.

`\\ell` is a layer letter when the document writes it in a superscript of a name (after `^`,
bare or in braces, parentheses or square brackets), and it is read so only when nothing in
the document makes it a name or leaves two letters to tell apart:

- `\\ell` is never written as a quantity of its own: after `\\partial` or `\\nabla`, or with a
  script or an argument of its own (`\\ell^{(i)}`, `\\ell_i`, `\\ell(y, p)`: a loss);
- the letter l is never written alone in the maths (`l` beside `\\ell` would become one
  letter where the document has two).

This is text substitution and nothing else, placed as macros are (`symbn.source.document.
macros`): each `l` stands where its `\\ell` was written, so a finding points at the use.
"""

from __future__ import annotations

from dataclasses import replace

from symbn.source.document.macros import Macro, expand, moved
from symbn.source.document.markdown import Document

#: The command read as a layer letter, and the letter it is read as.
ELL = "\\ell"
LETTER = "l"
#: Brackets a layer is written in after `^`: `^{[\\ell]}`, `^{(\\ell-1)}`.
OPENING = frozenset("{([")
#: What after `\\ell` makes it a name with a script or an argument: `\\ell^{(i)}`, `\\ell(y)`.
NAMED_AFTER = frozenset("^_('")
#: The scripts a bare `\\ell` may be the argument of (`z^\\ell_j`).
SCRIPTS = frozenset("^_")
#: Commands before `\\ell` that make it a quantity: `\\partial \\ell`, `\\nabla \\ell`.
NAMED_BEFORE = ("\\partial", "\\nabla", "\\mathcal", "\\mathrm")


def _uses(text: str) -> list[int]:
    """The offsets where `text` writes the command `\\ell` (not `\\ellipsis`)."""
    out = []
    n = text.find(ELL)
    while n >= 0:
        end = n + len(ELL)
        if not (end < len(text) and text[end].isalpha()) and not _escaped(text, n):
            out.append(n)
        n = text.find(ELL, end)
    return out


def _escaped(text: str, n: int) -> bool:
    """Whether the backslash at n is the second of `\\\\` (a line break, then `ell`)."""
    k = n
    while k > 0 and text[k - 1] == "\\":
        k -= 1
    return (n - k) % 2 == 1


def _before(text: str, n: int) -> str:
    """`text` before offset n without its trailing whitespace."""
    return text[:n].rstrip()


def _after(text: str, n: int) -> str:
    """The first character after offset n that is not whitespace ('' at the end)."""
    rest = text[n:].lstrip()
    return rest[:1]


def _superscript(text: str, n: int) -> bool:
    """Whether the `\\ell` at n opens a superscript: `^\\ell`, `^{\\ell`, `^{[\\ell`,
    `^{(\\ell`."""
    before = _before(text, n)
    for _ in range(2):
        if before[-1:] in OPENING:
            before = before[:-1].rstrip()
    return before.endswith("^")


def _named(text: str, n: int) -> bool:
    """Whether the `\\ell` at n is a quantity of its own (`\\partial \\ell`, `\\ell_i`); a
    script after a bare script `\\ell` is its name's (`\\delta^\\ell_j`)."""
    before = _before(text, n)
    if before.endswith(NAMED_BEFORE):
        return True
    return before[-1:] not in SCRIPTS and _after(text, n + len(ELL)) in NAMED_AFTER


def _lone_letter(text: str) -> bool:
    """Whether `text` writes the letter l alone (not in a command or a word: `\\left`,
    `\\ell`, `\\ln`, `label`)."""
    n = text.find(LETTER)
    while n >= 0:
        before = text[n - 1] if n > 0 else ""
        after = text[n + 1] if n + 1 < len(text) else ""
        if not before.isalpha() and before != "\\" and not after.isalpha():
            return True
        n = text.find(LETTER, n + 1)
    return False


def layered(texts: list[str]) -> bool:
    """Whether the maths `texts` of a document writes `\\ell` as a layer letter, and only so
    (the module's docstring)."""
    uses = [(t, n) for t in texts for n in _uses(t)]
    if not any(_superscript(t, n) for t, n in uses):
        return False
    if any(_named(t, n) for t, n in uses):
        return False
    return not any(_lone_letter(t) for t in texts)


def layer_letter(doc: Document) -> Document:
    """The document with its `\\ell` read as the layer letter l, when `layered` says so."""
    if not layered([d.text for d in doc.displays]):
        return doc
    macros = {ELL[1:]: Macro(0, LETTER)}
    displays = []
    for d in doc.displays:
        text, where = expand(d.text, macros)
        if text == d.text:
            displays.append(d)
        else:
            displays.append(replace(d, text=text, origin=moved(d.origin, where)))
    return replace(doc, displays=tuple(displays))
