"""The derivatives of the LaTeX physics package, written out as the fractions they print.

- `\\pdv{f}{x}` is `\\frac{\\partial f}{\\partial x}`, `\\pdv{x}` (or `\\pdv{}{x}`) the
  operator `\\frac{\\partial}{\\partial x}`, `\\pdv[2]{f}{x}` the second derivative
  `\\frac{\\partial^{2} f}{\\partial x^{2}}` and `\\pdv{f}{x}{y}` the mixed one,
  `\\frac{\\partial^{2} f}{\\partial x \\partial y}`;
- `\\dv` the same with `d` for the total derivative (`\\dv{f}{x}`, `\\dv[2]{f}{x}`).

The starred forms (`\\pdv*`, printed on one line) mean the same. A document that defines a
command of either name keeps its own (its macros are expanded first). This is text
substitution, as for macros: the characters of each argument keep their place in the file,
and the rest of the fraction stands where the command is written.
"""

from __future__ import annotations

from dataclasses import replace

from symbn.source.document.macros import group_end, moved
from symbn.source.document.markdown import Document

#: Each command and the sign of its derivative.
SIGNS = {"pdv": "\\partial", "dv": "\\mathrm{d}"}


def expand_physics(doc: Document) -> Document:
    """The document with the physics package's derivatives in its maths written out."""
    if not any("dv" in d.text for d in doc.displays):
        return doc
    displays = []
    for d in doc.displays:
        text, where = expand(d.text)
        changed = text != d.text
        displays.append(replace(d, text=text, origin=moved(d.origin, where)) if changed else d)
    return replace(doc, displays=tuple(displays))


def expand(text: str) -> tuple[str, list[int]]:
    """`text` with every `\\pdv` and `\\dv` written out, and for each character of it the
    offset in `text` it stands for."""
    out: list[str] = []
    where: list[int] = []
    n = 0
    while n < len(text):
        read = _derivative(text, n) if text[n] == "\\" else None
        if read is None:
            step = 2 if text[n] == "\\" else 1
            out.append(text[n : n + step])
            where += range(n, min(n + step, len(text)))
            n += step
            continue
        pieces, n = read
        for piece, at in pieces:
            out.append(piece)
            where += [at + k for k in range(len(piece))] if at >= 0 else [-at - 1] * len(piece)
    return "".join(out), where


#: A piece of the output and where it stands: its own offset in the text (from 0), or,
#: written `-(offset + 1)`, every character at the command's offset.
Piece = tuple[str, int]


def _derivative(text: str, at: int) -> tuple[list[Piece], int] | None:
    """The fraction the command at text[at] prints, and the offset after it; None when no
    physics derivative (with its braced arguments) is written there."""
    end = at + 1
    while end < len(text) and text[end].isascii() and text[end].isalpha():
        end += 1
    sign = SIGNS.get(text[at + 1 : end])
    if sign is None:
        return None
    n = end + 1 if text[end : end + 1] == "*" else end
    order = ""
    if text[n : n + 1] == "[":
        close = text.find("]", n)
        if close < 0 or not text[n + 1 : close].strip():
            return None
        order, n = text[n + 1 : close].strip(), close + 1
    groups: list[tuple[int, int]] = []
    while len(groups) < 3:
        k = n
        while k < len(text) and text[k] in " \t":
            k += 1
        if text[k : k + 1] != "{":
            break
        close = group_end(text, k)
        if close < 0:
            return None
        groups.append((k + 1, close - 1))
        n = close
    if not groups or (order and len(groups) == 3):
        return None
    here = -(at + 1)
    if len(groups) == 1:
        groups.insert(0, (groups[0][0], groups[0][0]))  # \pdv{x}: the operator
    power = f"^{{{order}}}" if order else "^{2}" if len(groups) == 3 else ""
    top = text[groups[0][0] : groups[0][1]]
    pieces: list[Piece] = [("\\frac{" + sign + power, here)]
    if top.strip():
        pieces += [(" ", here), (top, groups[0][0])]
    for g in groups[1:]:
        pieces += [("}{" if g is groups[1] else " ", here), (sign + " ", here)]
        braced = order and "^" in text[g[0] : g[1]]  # \pdv[2]{f}{x^{(l)}}: {x^{(l)}}^{2}
        pieces += [("{" if braced else "", here), (text[g[0] : g[1]], g[0])]
        pieces += [("}" if braced else "", here), (f"^{{{order}}}" if order else "", here)]
    pieces.append(("}", here))
    return [(p, a) for p, a in pieces if p], n
