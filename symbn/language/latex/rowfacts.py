"""What a row says of its names besides where they stand (`symbn.language.latex.infer`):
a name it sets to a constant, and class labels written inside another name's subscript."""

from __future__ import annotations

from symbn.language.latex.guess import Guess
from symbn.language.latex.namesat import arg_at
from symbn.language.latex.symbols import GREEK
from symbn.language.latex.texlex import Token

#: The commands a function's name is set in (`\\mathrm{Att}`, `\\mathscr{L}`).
FONTS = frozenset({"\\mathrm", "\\operatorname", "\\text", "\\textrm", "\\mathscr", "\\mathcal"})


def sets_constant(toks: tuple[Token, ...]) -> bool:
    """Whether inline maths sets names to a constant (`\\mathbf{w} = \\mathbf{b} =
    \\mathbf{1}`, "when y is not used, $\\mathbf{y} = \\mathbf{0}$"): a case the prose
    considers, not a definition."""
    cut = max((k for k, t in enumerate(toks) if t.text == "="), default=-1)
    last = [t.text for t in toks[cut + 1 :] if t.kind not in ("open", "close")]
    plain = [x for x in last if x not in ("\\mathbf", "\\mathbb", "\\boldsymbol", "\\bm")]
    return cut >= 0 and len(plain) == 1 and plain[0] in ("0", "1")


def labels_under(toks: tuple[Token, ...]) -> list[tuple[str, str, str, int]]:
    """Names written with an index inside another name's subscript, `P_{i,y_i}`: class
    labels, whole numbers that stand as an index. Each as (the label y, its index letter i,
    the name P, the axis of P it indexes)."""
    out = []
    for n in range(len(toks) - 2):
        if toks[n].kind != "letter" or toks[n + 1].kind != "sub" or toks[n + 2].kind != "open":
            continue
        parts: list[list[Token]] = [[]]  # the subscript's positions, at its commas
        for a in arg_at(toks, n + 2)[0]:
            if a.text == ",":
                parts.append([])
            elif a.kind not in ("open", "close"):
                parts[-1].append(a)
        for axis, part in enumerate(parts if len(parts) > 1 else []):
            if [a.kind for a in part] == ["letter", "sub", "letter"]:
                out.append((part[0].text, part[2].text, toks[n].text, axis))
    return out


def name_labels(rows: list[tuple[Token, ...]], taken: set[str]) -> set[str]:
    """Subscripts spelled with the document's own names (`W_{xh}`, `W_{hh}`, `b_h` beside
    `x_t` and `h_t`, `\\delta_h` beside `h_t`): labels, each naming one tensor (W_xh), not
    index letters. A letter is
    a name when it is written outside any script with a script of its own (h of h_t) and is
    none of `taken` (sum letters and sizes)."""
    outside: set[str] = set()
    written: set[tuple[str, str]] = set()
    for toks in rows:
        scripted: set[int] = set()
        for n, t in enumerate(toks):
            if t.kind in ("sub", "sup") and n + 1 < len(toks):
                _, after = arg_at(toks, n + 1)
                scripted |= set(range(n + 1, after))
        for n, t in enumerate(toks):
            greek = t.kind == "command" and t.text[1:] in GREEK  # \delta_h of h_t
            if (t.kind != "letter" and not greek) or n in scripted:
                continue
            if n + 1 < len(toks) and toks[n + 1].kind in ("sub", "sup") and not greek:
                outside.add(t.text)  # x of x_t: a name with indices of its own
            if n + 2 < len(toks) and toks[n + 1].kind == "sub":
                arg, after = arg_at(toks, n + 2)
                if arg and all(a.kind == "letter" for a in arg) and not operator_at(toks, n, after):
                    written.add((t.text.lstrip("\\"), "".join(a.text for a in arg)))
    names = outside - taken
    whole = {f"{base}_{sub}" for base, sub in written if set(sub) <= names and base not in sub}
    return whole | _gate_labels(rows, names, taken)


def _gate_labels(rows: list[tuple[Token, ...]], names: set[str], taken: set[str]) -> set[str]:
    """`u_{ft}`, `W_{oi}`, `u_{o,t}` beside `f_t`, `o_t`, a sum over i and a step t (written
    `h_{t-1}`): the leading letters that are the document's names label the name (u_f,
    W_o, a gate's); the letters after them, all index letters, are its positions."""
    subs: list[tuple[str, list[Token]]] = []
    indices = set(taken) | subscript_steps(rows)
    for toks in rows:
        for n in range(len(toks) - 2):
            if toks[n].kind == "letter" and toks[n + 1].kind == "sub":
                arg = arg_at(toks, n + 2)[0]
                subs.append((toks[n].text, [a for a in arg if a.text != ","]))
    out = set()
    for base, arg in subs:
        sub = "".join(a.text for a in arg) if all(a.kind == "letter" for a in arg) else ""
        head = len(sub) - len(sub.lstrip("".join(names - indices)))
        if 0 < head < len(sub) and set(sub[head:]) <= indices and base not in sub[:head]:
            out.add(f"{base}_{sub[:head]}")
    return out


def operator_at(toks: tuple[Token, ...], n: int, after: int) -> bool:
    """Whether `d_X` at token n is the differential by X applied to a function written
    right after it (`d_Q \\mathrm{Att}(\\theta)`, `d_W f(W)`): an operator, no label."""
    if toks[n].text != "d" or after >= len(toks):
        return False
    nxt = toks[after]
    opens = after + 1 < len(toks) and toks[after + 1].text == "("
    return (nxt.kind == "command" and nxt.text in FONTS) or (nxt.kind == "letter" and opens)


def subscript_steps(rows: list[tuple[Token, ...]]) -> set[str]:
    """The letters written moved by a number in a subscript (t of `h_{t-1}`, `u_{o,t-1}`):
    steps, index letters of a sequence, whether or not a sum runs over them."""
    out: set[str] = set()
    for toks in rows:
        for n in range(len(toks) - 2):
            if toks[n].kind == "sub":
                arg = arg_at(toks, n + 1)[0]
                moved = [k for k in range(1, len(arg) - 1) if arg[k].text in "+-"]
                out |= {arg[k - 1].text for k in moved if arg[k - 1].kind == "letter"}
    return out


def unnamed_steps(rows: list[tuple[Token, ...]], guess: Guess) -> None:
    """An index letter written alone in prose (`$t-1$` beside `h_{t-1}`, `$i$ is the
    class` beside `y_i`) is no name: the letter of a row that writes only it (moved by a
    number, or listed: `$t, t-1, \\dots, 1$`) and that stands in a subscript elsewhere; so
    are the letters of a row that only equates such letters (`$k = l = j, i = i'$`)."""
    alone, equated = set(), set()
    for toks in rows:
        letters = {t.text for t in toks if t.kind == "letter"}
        plain = all(t.kind in ("letter", "number") or t.text in _LISTED for t in toks)
        if plain and len(letters) == 1:
            alone |= letters
        if _equates_letters(toks):
            equated |= letters  # $k = l = j, i = i'$: where indices meet, no definitions
    scripted = subscript_steps(rows) | _subscript_letters(rows)
    named = {x for x, t in guess.tensors.items() if t.axes or (t.defined and x not in equated)}
    everywhere = scripted | _subscript_letters(rows, grouped=True)
    for x in ((alone & scripted) | (equated & everywhere)) - named:
        guess.tensors.pop(x, None)
        guess.bare.pop(x, None)


#: What separates the letters of a row that equates index letters (`k = l = j, i = i'`).
_EQUATED = frozenset({"=", ",", "\\neq", "\\ne"})


def _equates_letters(toks: tuple[Token, ...]) -> bool:
    """Whether a row only says which index letters are equal: lower-case letters, each
    alone or primed, between `=`, `,` or `\\neq`, with one `=` at least (not `O = P V`)."""
    items: list[list[str]] = [[]]
    for t in toks:
        if t.text in _EQUATED:
            items.append([])
        else:
            lower = (t.kind == "letter" and t.text.islower()) or t.text == "'"
            items[-1].append(t.text if lower else "?")
    alone = all(x[:1] != ["?"] and x[1:] in ([], ["'"]) and x for x in items)
    return alone and any(t.text == "=" for t in toks)


#: What a row that lists steps holds besides their letter and numbers.
_LISTED = frozenset({"+", "-", ",", "\\dots", "\\ldots", "\\cdots"})


def _subscript_letters(rows: list[tuple[Token, ...]], grouped: bool = False) -> set[str]:
    """The letters written alone as the subscript of a name (i of `y_i`), or with others
    too (`grouped`: j and i of `w_{ji}`)."""
    out: set[str] = set()
    for toks in rows:
        for n in range(1, len(toks) - 1):
            if toks[n].kind == "sub" and toks[n - 1].kind in ("letter", "command"):
                arg = arg_at(toks, n + 1)[0]
                if grouped or len(arg) == 1:
                    out |= {a.text for a in arg if a.kind == "letter"}
    return out
