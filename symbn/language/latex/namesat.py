"""Names as a document writes them, read from a row's tokens for the inference of its
context (`symbn.language.latex.infer`): a letter, a Greek letter, an accented or styled one,
with the index letters of its subscript, a label that is part of it (`\\mu_B`, `W_1`), and a
square on it (`\\sigma^2_B`).

The inference reads tokens, not trees: it runs before any symbol table exists, so a name is
recognised by how it is written, and what it stands for is settled later by the context the
inference writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from symbn.language.latex.symbols import GREEK
from symbn.language.latex.texlex import Token

#: Greek commands that are never a name of the document's own.
NOT_NAMES = frozenset({"pi", "partial", "nabla", "infty", "Delta", "Sigma", "Pi"})
#: Greek letters that are the Kronecker delta when written with two index letters.
DELTAS = frozenset({"delta", "Delta"})
#: Accents and fonts that make a new name, and the suffix the name takes from each.
SUFFIX = {"\\hat": "hat", "\\widehat": "hat", "\\bar": "bar", "\\overline": "bar"}
SUFFIX |= {"\\tilde": "tilde", "\\widetilde": "tilde", "\\mathcal": "", "\\mathbf": ""}
SUFFIX |= {"\\boldsymbol": "", "\\bm": "", "\\mathit": "", "\\mathrm": ""}


def arg_at(toks: tuple[Token, ...], n: int) -> tuple[list[Token], int]:
    """The tokens of the braced group or single token at `n`, and the position after it."""
    if n >= len(toks):
        return [], n
    if toks[n].kind != "open":
        return [toks[n]], n + 1
    depth, m = 0, n
    while m < len(toks):
        depth += {"open": 1, "close": -1}.get(toks[m].kind, 0)
        if depth == 0:
            return list(toks[n + 1 : m]), m + 1
        m += 1
    return list(toks[n + 1 :]), len(toks)


def limits_at(toks: tuple[Token, ...], n: int) -> tuple[list[Token], int]:
    """The subscript of a `\\sum` or `\\prod` at `n` and the position after it; no tokens
    when `n` is not one with a subscript."""
    if toks[n].text not in ("\\sum", "\\prod") or n + 1 >= len(toks):
        return [], n
    return arg_at(toks, n + 2) if toks[n + 1].kind == "sub" else ([], n)


@dataclass
class WrittenName:
    base: str  # the ASCII name, with its label (mu_B)
    spelling: str  # the LaTeX of the name without its index letters
    letters: list[str]  # index letters, in order (empty: a scalar or a label only)
    end: int  # the position after the name
    square: bool  # a ^2 right after the base or the subscript
    label: str = ""  # an upper-case subscript that is part of the name


def name_at(
    toks: tuple[Token, ...], n: int, uppers: frozenset[str] = frozenset()
) -> WrittenName | None:
    """The name written at `n` (a letter, a Greek letter, an accented or styled one, with
    its subscript), if one is; a superscript of letters in `uppers` (the letters sums run
    over) gives its leading axes (`a^t`, `h^{t-1}`, `Q^{ia}`)."""
    t = toks[n]
    if t.kind == "letter":
        base, spelling, m = t.text, t.text, n + 1
    elif t.kind == "command" and t.text[1:] in GREEK and t.text[1:] not in NOT_NAMES:
        base, spelling, m = t.text[1:], t.text, n + 1
    elif t.kind == "command" and t.text in SUFFIX:
        arg, m = arg_at(toks, n + 1)
        if len(arg) != 1 or not (arg[0].kind == "letter" or arg[0].text[1:] in GREEK):
            return None
        inner = arg[0].text.lstrip("\\")
        base, spelling = inner + SUFFIX[t.text], f"{t.text}{{{arg[0].text}}}"
    else:
        return None
    square = False
    letters: list[str] = []
    label = ""
    upper: list[str] = []
    for _ in range(3):  # a subscript, a square and upper indices, in any order
        if m < len(toks) and toks[m].kind == "sup":
            arg, after = arg_at(toks, m + 1)
            if [a.text for a in arg] == ["2"] and not square:
                square, m = True, after
                continue
            if not upper and (given := _upper(arg, uppers)):
                upper, m = given, after
                continue
            break
        if m < len(toks) and toks[m].kind == "sub" and not letters and not label:
            arg, after = arg_at(toks, m + 1)
            if len(arg) == 1 and arg[0].kind == "number" and arg[0].text.isdigit():
                base, spelling, m = base + arg[0].text, f"{spelling}_{{{arg[0].text}}}", after
                continue  # W_1: a layer's label, part of the name (W1)
            parts = [a for a in arg if a.text != ","]
            if parts and all(a.kind == "letter" for a in parts):
                if len(parts) == 1 and parts[0].text.isupper():
                    label = parts[0].text
                else:
                    letters = [a.text for a in parts]
                m = after
                continue
            break
        break
    if label:
        spelling, base = f"{spelling}_{{{label}}}", f"{base}_{label}"
    if base in DELTAS and len(upper) + len(letters) == 2:
        return None  # the Kronecker delta
    return WrittenName(base, spelling, upper + letters, m, square, label)


def _upper(arg: list[Token], uppers: frozenset[str]) -> list[str]:
    """The index letters a superscript gives (`t`, `t-1`, `ia`), or none."""
    if arg and all(a.kind == "letter" and a.text in uppers for a in arg):
        return [a.text for a in arg]
    moved = len(arg) == 3 and arg[1].text in "+-" and arg[2].kind == "number"
    return [arg[0].text] if moved and arg[0].text in uppers else []


def name_key(name: WrittenName) -> str:
    """The ASCII name: σ²_B is sigma2_B."""
    if not name.square:
        return name.base
    return name.base.removesuffix(f"_{name.label}") + "2" + (f"_{name.label}" if name.label else "")
