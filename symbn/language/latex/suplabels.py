"""Labels written in a superscript that are part of a name, read from a row's tokens for
the inference of its context (`symbn.language.latex.namesat`).

- a layer: `a^L` (the last layer), `W^{[1]}`, `A^{[l]}`, `A^{[l-1]}`;
- an example or a step named by a letter: `x^{(i)}`, `a^{(t)}`, `h^{(t-1)}` (the first
  step, `h^{(0)}`, is read elsewhere as a step on a leading axis; another number,
  `w^{(3)}`, is a layer), and the angled step of a
  recurrent network's lecture notation, `a^{<t>}`, `\\hat{y}^{<t-1>}` (also with
  `\\langle t \\rangle`);
- a word of three or more small letters in parentheses, `A^{(out)}` (as the lexer writes
  `A_{out}[r, c]`, `symbn.language.latex.bracketed`): a label;
- both at once, `z^{(i)[L]}` or `Z^{[l](i)}`: the i-th example's layer L.

Each label is a fixed part of the name (W^{[1]} is W1, a^{<t-1>} is atm1): the row reads
one example, one step, one layer. A letter that a sum of the document runs over is no
label (`\\sum_t a^{(t)}` reads t as an index); the caller tries that reading first.
"""

from __future__ import annotations

from symbn.language.latex.texlex import Token

#: How a label's sign is written in an ASCII name: A^{[l-1]} is Alm1.
SIGNS = {"-": "m", "+": "p"}
#: Letters in parentheses that make a word, a label (`A^{(out)}`, as `A_{out}[r, 0]` is read).
WORD = 3
#: The brackets around a label, and whether the bracket says a layer (`[l]`) or an
#: example or step (`(i)`, `<t>`).
BRACKETS = {"[": "]", "(": ")", "<": ">", "\\langle": "\\rangle"}


def layer(
    arg: list[Token], summed: frozenset[str] = frozenset(), indexed: bool = False
) -> tuple[str, str] | None:
    """A superscript that labels a layer, an example or a step (`L`, the last layer;
    `[1]`, `[l]`, `[l-1]`, `(i)`, `<t>`, `(i)[L]`): its ASCII part of the name and its
    LaTeX; None when it is no such label. `T` is the transpose. An example or a step
    whose letter is `summed` (some sum runs over it) is no label, nor is what holds one
    (`z^{(i)[L]}` beside `\\sum_i`): the name is then not read. After the name's indices
    (`indexed`) only a bracketed label is one (`x_j^{(l)}`, not `x_j^L`)."""
    texts = [a.text for a in arg]
    if indexed and not (texts and texts[0] in BRACKETS):
        return None
    if len(arg) == 1 and arg[0].kind == "letter" and texts[0].isupper() and texts[0] != "T":
        return texts[0], texts[0]
    ascii_parts: list[str] = []
    at = 0
    while at < len(arg):
        found = _bracketed(arg, at)
        if found is None or (arg[at].text != "[" and arg[at + 1].text in summed):
            return None
        ascii_parts.append(found[0])
        at = found[1]
    if not ascii_parts:
        return None
    return "".join(ascii_parts), "".join(texts)


def unbracketed(arg: list[Token]) -> list[Token]:
    """A superscript that is one bracketed step or example, `(t)`, `<t-1>`, with the
    brackets dropped: what the reading as an index sees (`t`, `t - 1`); the superscript
    as it is for anything else. A layer's square brackets around a letter, or a letter
    moved by a number, are dropped too (`A^{[l-1]}` writes its layer as `a^{l-1}` does;
    whether l is a layer is the caller's to say), not around a number (`W^{[1]}`)."""
    if len(arg) < 3 or arg[0].text not in BRACKETS:
        return arg
    inner = arg[1:-1]
    lettered = inner[:1] and inner[0].kind == "letter" and len(inner[0].text) == 1
    moved = len(inner) == 3 and inner[1].text in SIGNS and inner[2].kind == "number"
    if arg[0].text == "[" and not (
        lettered and len(inner) in (1, 3) and (len(inner) == 1 or moved)
    ):
        return arg
    if arg[-1].text != BRACKETS[arg[0].text]:
        return arg
    return arg[1:-1]


def _bracketed(arg: list[Token], at: int) -> tuple[str, int] | None:
    """One bracketed label from `at`: its ASCII part and the position after it."""
    opening = arg[at].text
    closing = BRACKETS.get(opening)
    if closing is None:
        return None
    end = next((k for k in range(at + 1, len(arg)) if arg[k].text == closing), None)
    if end is None:
        return None
    inner = arg[at + 1 : end]
    numbered = opening in "[(" and inner[:1] and inner[0].text != "0"  # w^{(3)}: layer 3
    kinds = ("letter", "number") if numbered else ("letter",)  # h^{(0)}: the first step
    if len(inner) == 1 and inner[0].kind in kinds and inner[0].text.isalnum():
        return inner[0].text, end + 1
    moved = len(inner) == 3 and inner[1].text in SIGNS and inner[2].kind == "number"
    if moved and inner[0].kind == "letter":
        return inner[0].text + SIGNS[inner[1].text] + inner[2].text, end + 1
    word = "".join(t.text for t in inner)
    if opening == "(" and len(inner) >= WORD and all(t.kind == "letter" for t in inner):
        return (word, end + 1) if word.islower() and word.isalpha() else None
    return None
