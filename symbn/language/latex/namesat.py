"""Names as a document writes them, read from a row's tokens for the inference of its
context (`symbn.language.latex.infer`): a letter, a Greek letter, an accented or styled one,
with the index letters of its subscript, a label that is part of it (`\\mu_B`, `W_1`), and a
square on it (`\\sigma^2_B`).

The inference reads tokens, not trees: it runs before any symbol table exists, so a name is
recognised by how it is written, and what it stands for is settled later by its context."""

from __future__ import annotations

from dataclasses import dataclass, replace

from symbn.language.latex import suplabels, wordnames
from symbn.language.latex.calls import text_name, word_call
from symbn.language.latex.increments import increment
from symbn.language.latex.subscripts import positions
from symbn.language.latex.symbols import GREEK
from symbn.language.latex.texlex import Token

#: Greek commands that are never a name of the document's own.
NOT_NAMES = frozenset({"pi", "partial", "nabla", "infty", "Delta", "Sigma", "Pi"})
#: Greek letters that are the Kronecker delta when written with two index letters.
DELTAS = frozenset({"delta", "Delta"})
#: Accents and fonts that make a new name, and the suffix the name takes from each.
SUFFIX = {"\\hat": "hat", "\\widehat": "hat", "\\bar": "bar", "\\overline": "bar"}
SUFFIX |= {"\\tilde": "tilde", "\\widetilde": "tilde", "\\breve": "breve", "\\mathring": "ring"}
SUFFIX |= {"\\check": "check"}
SUFFIX |= dict.fromkeys(("\\mathcal", "\\mathbf", "\\boldsymbol", "\\bm", "\\mathit"), "")
SUFFIX |= dict.fromkeys(("\\mathrm", "\\vec", "\\mathscr"), "")
#: Fonts an accent may hold around its letter (`\\bar{\\mathbf{x}}` is x̄).
FONTS = frozenset({"\\mathbf", "\\boldsymbol", "\\bm", "\\mathit", "\\vec"})


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
    """The subscript of a `\\sum` or `\\prod` at `n` (`\\sum^n_r` too) and the position after
    it, where a superscript stands; no tokens when `n` is not one with a subscript."""
    if toks[n].text not in ("\\sum", "\\prod") or n + 1 >= len(toks):
        return [], n
    if toks[n + 1].kind == "sup":  # \sum^n_r: the bound first, and it stands at n + 1
        m = arg_at(toks, n + 2)[1]
        sub = m < len(toks) and toks[m].kind == "sub"
        return (arg_at(toks, m + 1)[0], n + 1) if sub else ([], n)
    return arg_at(toks, n + 2) if toks[n + 1].kind == "sub" else ([], n)


@dataclass
class WrittenName:
    base: str  # the ASCII name, with its label (mu_B)
    spelling: str  # the LaTeX of the name without its index letters
    letters: list[str]  # index letters, in order (empty: a scalar or a label only)
    end: int  # the position after the name
    square: bool  # a ^2 right after the base or the subscript
    label: str = ""  # an upper-case subscript that is part of the name
    called: bool = False  # a word at its arguments, RMS(x): a function the document defines


#: Greek letters whose names are Python's words: the name a context gives them (`\\lambda`,
#: a regulariser's weight, is lam).
KEYWORDS = {"lambda": "lam"}


def name_at(
    toks: tuple[Token, ...],
    n: int,
    uppers: frozenset[str] = frozenset(),
    labels: frozenset[str] = frozenset(),
    steps: frozenset[str] = frozenset(),
) -> WrittenName | None:
    """The name written at `n` (a letter, a Greek letter, an accented or styled one, with
    its subscript), if one is; a superscript of letters in `uppers` (the letters sums run
    over) gives its leading axes (`a^t`, `h^{t-1}`, `Q^{ia}`); a subscript in `labels`
    (`W_q`) or a word (`Y_{\\text{true}}`) is part of the name; a delta whose superscript
    is one of `steps` (`\\delta^l_j` beside `\\delta^{l+1}`) is a name, not Kronecker's."""
    if (call := word_call(toks, n)) is not None:  # RMS(x): a function the document defines
        letters, end = wordnames.component(toks, call[2])  # rms(x)_i: its i-th component
        return WrittenName(call[0], call[1], letters, end, square=False, called=True)
    if (word := wordnames.word_at(toks, n)) is not None:  # net_{h1}: a word, labelled
        return WrittenName(f"{word[0]}_{word[1]}", f"{word[0]}_{{{word[1]}}}", [], word[2], False)
    if increment(toks, n):  # \Delta x, \Delta w_{ij}: a change of x, a name of its own
        inner = _name_at(toks, n + 1, uppers, labels, steps)
        if inner is not None:
            spelling = f"\\Delta {inner.spelling}"
            return replace(inner, base=f"Delta_{inner.base}", spelling=spelling)
    return _name_at(toks, n, uppers, labels, steps)


def _name_at(toks: tuple[Token, ...], n: int, *given: frozenset[str]) -> WrittenName | None:
    uppers, labels, steps = given
    t = toks[n]
    if t.kind == "letter":
        base, spelling, m = t.text, t.text, n + 1
    elif t.kind == "command" and t.text[1:] in GREEK and t.text[1:] not in NOT_NAMES:
        base, spelling, m = KEYWORDS.get(t.text[1:], t.text[1:]), t.text, n + 1
    elif t.kind == "command" and t.text in SUFFIX and (accented := _accented(toks, n)):
        base, spelling, m = accented
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
            if not upper and (given := _upper(suplabels.unbracketed(arg), uppers, steps)):
                upper, m = given, after
                continue
            if not (upper or base == "e") and (
                lay := wordnames.plus_over(arg) or suplabels.layer(arg, uppers, bool(letters))
            ):
                base, spelling, m = base + lay[0], f"{spelling}^{{{lay[1]}}}", after
                continue  # a^L, W^{[1]}, w_5^{+}: a label, part of the name (aL, W1, w5plus)
            break
        if m < len(toks) and toks[m].kind == "sub" and not letters and not label:
            arg, after = arg_at(toks, m + 1)
            if (numbered := _numbered(arg)) is not None:  # W_1, A_{1,ij}: W1, A1[i, j]
                base, spelling = base + numbered[0], f"{spelling}_{{{numbered[0]}}}"
                letters, m = numbered[1], after
                continue
            styled = _styled(toks, arg, after)
            if styled is not None:  # Y_{\\text{true}}, \\mu_{\\mathcal{B}}: a label
                label, m = styled[0], styled[1]
                spelling, base = f"{spelling}_{{{styled[2]}}}", f"{base}_{label}"
                continue
            parts = [a for a in arg if a.text != ","]
            if (word := wordnames.label_under(arg, labels, uppers)) is not None:  # E_{o1}
                label, m = word, after
                continue
            if parts and (all(a.kind == "letter" for a in parts) or positions(parts)):
                texts = [a.text for a in parts]  # (x_{i1}, x_{i,2}: a letter, then positions)
                label, letters = _lettered(base, texts, labels)
                m = after
                continue
            break
        break
    if label and not base.endswith(f"_{label}"):  # (J_{naive-softmax}: J_naive_softmax)
        spelling, base = f"{spelling}_{{{label}}}", f"{base}_{label.replace('-', '_')}"
    if base in DELTAS and (
        (len(upper) + len(letters) == 2 and not steps & {x.lower() for x in upper})
        or _paired(toks, m)
    ):
        return None  # the Kronecker delta (\delta_{c, y_i} too)
    return WrittenName(base, spelling, upper + letters, m, square, label)


def _lettered(base: str, parts: list[str], labels: frozenset[str]) -> tuple[str, list[str]]:
    """A subscript of letters on `base`: a label of letters (`W_{hh}`, one upper-case
    letter `W_Q`), a gate's label then index letters (`u_{ft}`, `W_{oi}` beside the label
    u_f, W_o), a word (`b_{new}`), or index letters alone: (the label, the index
    letters)."""
    joined = "".join(parts)
    if (len(parts) == 1 and joined.isupper()) or f"{base}_{joined}" in labels or joined in WORDS:
        return joined, []  # (b_{new}: a word)
    gate = next((k for k in range(len(parts) - 1, 0, -1) if f"{base}_{joined[:k]}" in labels), 0)
    return joined[:gate], parts[gate:]


def _paired(toks: tuple[Token, ...], m: int) -> bool:
    """Whether a subscript at m holds two positions, `_{c, y_i}` (of the Kronecker delta)."""
    sub = m + 1 < len(toks) and toks[m].kind == "sub"
    return sub and any(a.text == "," for a in arg_at(toks, m + 1)[0])


#: Words written as a subscript of letters that label a name (`b_{new} = b_{old} - …`), not
#: index letters.
WORDS = frozenset({"new", "old", "prev", "next", "init", "pred", "true"})
#: Styles that make a letter under a name a label (`\\mu_{\\mathcal{B}}`), not an index.
LABEL_STYLES = frozenset({"\\mathcal", "\\mathscr", "\\mathrm", "\\mathbb", "\\mathsf"})


def _styled(toks: tuple[Token, ...], arg: list[Token], after: int) -> tuple[str, int, str] | None:
    """A subscript that is a word, `{\\text{true}}`, one styled letter, `{\\mathcal{B}}`
    or `\\mathcal{B}` (then the group after the command), or a layer's name, `{A_1}`: (the
    label, the position after it, its LaTeX)."""
    if len(arg) == 1 and arg[0].kind == "text" and arg[0].arg.strip().isalpha():
        return arg[0].arg.strip(), after, arg[0].text
    number = "".join(a.text for a in arg[2:] if a.kind not in ("open", "close"))
    layer = len(arg) > 2 and arg[0].kind == "letter" and arg[1].kind == "sub"
    if layer and arg[0].text.isupper() and number.isdigit():  # G_{A_1}: by the layer's A_1
        return arg[0].text + number, after, f"{arg[0].text}_{{{number}}}"
    if len(arg) == 4 and arg[0].text in LABEL_STYLES and arg[2].kind == "letter":
        return arg[2].text, after, f"{arg[0].text}{{{arg[2].text}}}"
    if len(arg) == 1 and arg[0].text in LABEL_STYLES:
        group, end = arg_at(toks, after)
        if len(group) == 1 and group[0].kind == "letter" and toks[after].kind == "open":
            return group[0].text, end, f"{arg[0].text}{{{group[0].text}}}"
    return None


def _upper(arg: list[Token], uppers: frozenset[str], steps: frozenset[str]) -> list[str]:
    """The index letters a superscript gives (`t`, `t-1`, `ia`; `n_l`, the number of the
    layers `steps` runs over), or none."""
    if arg and all(a.kind == "letter" and a.text in uppers for a in arg):
        return [a.text for a in arg]
    if len(arg) == 1 and arg[0].text != "T" and arg[0].text.lower() in uppers - {"t"}:
        return [arg[0].text]  # a^L beside a^{l-1}: the last layer, l's size
    moved = len(arg) == 3 and arg[1].text in "+-" and arg[2].kind == "number"
    if len(arg) == 3 and arg[1].kind == "sub" and arg[2].text in steps and arg[0].kind == "letter":
        return [f"{arg[0].text}_{arg[2].text}"]  # a^{(n_l)}: the last layer, n_l layers
    return [arg[0].text] if moved and arg[0].text in uppers else []


def _numbered(arg: list[Token]) -> tuple[str, list[str]] | None:
    """A subscript that starts with a layer's number, part of the name: `_1` (W_1), or
    `_{1,ij}` (A_{1,ij}, the number then index letters): the number and the letters."""
    if not arg or arg[0].kind != "number" or not arg[0].text.isdigit():
        return None
    if len(arg) == 1:
        return arg[0].text, []
    if len(arg) > 2 and arg[1].text == "," and all(a.kind == "letter" for a in arg[2:]):
        return arg[0].text, [a.text for a in arg[2:]]
    return None


def _accented(toks: tuple[Token, ...], n: int) -> tuple[str, str, int] | None:
    """An accent or font around one letter at `n`, or around a font around one letter
    (`\\bar{\\mathbf{x}}`): its ASCII name, its spelling and the position after it."""
    arg, m = arg_at(toks, n + 1)
    inside = arg[0].text if len(arg) == 4 else ""
    # \bar{\mathbf{x}}, or a font around an accent, \mathbf{\hat{y}}: ŷ as \hat{\mathbf{y}} is
    held = inside in FONTS or (inside in SUFFIX and SUFFIX[inside] and not SUFFIX[toks[n].text])
    letter = arg[2] if held and arg[1].kind == "open" and arg[3].kind == "close" else None
    if len(arg) == 1:
        letter = arg[0]
    if letter is None or not (letter.kind == "letter" or letter.text[1:] in GREEK):
        return None
    inner, written = letter.text.lstrip("\\"), "".join(a.text for a in arg)
    suffix = SUFFIX[toks[n].text] or (SUFFIX[inside] if letter is not arg[0] else "")
    return inner + suffix, f"{toks[n].text}{{{written}}}", m


def name_key(name: WrittenName) -> str:
    """The ASCII name: σ²_B is sigma2_B."""
    if not name.square:
        return name.base
    return name.base.removesuffix(f"_{name.label}") + "2" + (f"_{name.label}" if name.label else "")


def matrix_labels(toks: tuple[Token, ...]) -> set[str]:
    """A lower-case letter under an upper-case name written as a matrix (after another
    matrix, `X W_q`, or transposed whole, `W_o^T`) labels the name: W_q is one matrix."""
    out = set()
    for n in range(1, len(toks) - 2):
        t, sub = toks[n], toks[n + 1]
        if t.kind != "letter" or not t.text.isupper() or sub.kind != "sub":
            continue
        arg, after = arg_at(toks, n + 2)
        if len(arg) != 1 or arg[0].kind != "letter" or not arg[0].text.islower():
            continue
        before = toks[n - 1].kind == "letter" and toks[n - 1].text.isupper()
        sup = after < len(toks) and toks[after].kind == "sup"
        power = [x.text for x in arg_at(toks, after + 1)[0]] if sup else []
        if before or power in (["T"], ["\\top"]):
            out.add(f"{t.text}_{arg[0].text}")
    return out


def indexed_bases(toks: tuple[Token, ...]) -> set[str]:
    """Upper-case names written with two or more index letters (`W_{ij}`, `W_{k,j}`): their
    one-letter subscripts are positions, never labels."""
    out = set()
    for n in range(len(toks) - 2):
        if toks[n].kind == "letter" and toks[n].text.isupper() and toks[n + 1].kind == "sub":
            arg = [a for a in arg_at(toks, n + 2)[0] if a.text != ","]
            if len(arg) >= 2 and all(a.kind == "letter" for a in arg):
                out.add(toks[n].text)
    return out


def lead(toks: tuple[Token, ...]) -> int:
    """Where a row's maths begins, after the words of its label (`\\text{(Mean)} \\mu = …`);
    a word right before the row's `=` is its left side (`\\text{Loss} = …`)."""
    return next(
        (
            n
            for n, t in enumerate(toks)
            if t.kind != "text" or text_name(toks, n) or word_call(toks, n)
        ),
        0,
    )


def letter_run(toks: tuple[Token, ...], n: int) -> int:
    """How many letters stand together at `n` (ReLu, a word, rather than X W)."""
    lo, hi = n, n + 1
    while lo > 0 and toks[lo - 1].kind == "letter":
        lo -= 1
    while hi < len(toks) and toks[hi].kind == "letter":
        hi += 1
    return hi - lo


def free_letters(toks: tuple[Token, ...], equals: int, labels: frozenset[str]) -> list[str]:
    """The index letters of the right side that no sum of the row binds, in order of first
    appearance (`u = h_{kl} - \\mu_l` defines u over k and l without writing them)."""
    right = toks[equals + 1 :]
    bound = set()
    for k in range(len(right)):
        bound |= {a.text for a in limits_at(right, k)[0] if a.kind == "letter"}
    used = [
        x for k in range(len(right)) if (m := name_at(right, k, labels=labels)) for x in m.letters
    ]
    return [x for x in dict.fromkeys(used) if x.islower() and x not in bound]


def applied_to(
    toks: tuple[Token, ...], equals: int | None, base: str, primed: frozenset[str] = frozenset()
) -> bool:
    """Whether a row's right side is only its left side's name applied to arguments,
    `L = L(a)`, or its first side is a function `f(x)` (`o = f(x) = …`): it says what the
    name depends on, and defines nothing; not a function also written with a prime
    (`f'(x)`, one of `primed`), an activation the row applies."""
    if equals is None or equals + 1 >= len(toks):
        return False
    right = name_at(toks, equals + 1)
    if right is not None and right.called:  # L = L(\mathbf{a}), o = f(X) = …
        alone = right.end == len(toks) or toks[right.end].text == "="
        return alone and right.base in ({base, "f", "g"} - primed)
    after = right.end if right is not None else len(toks)
    if right is None or after >= len(toks) or toks[after].text != "(":
        return False
    if right.base == base:
        return toks[-1].text == ")"
    # o = f(x) = …: o is some function f of x (f, g: the letters of functions, f(x) with
    # no space is no product)
    depth, close = 0, None
    for k in range(after, len(toks)):
        depth += {"(": 1, ")": -1}.get(toks[k].text, 0)
        if depth == 0:
            close = k
            break
    end = next((k for k in range(after, len(toks)) if toks[k].text == "="), len(toks))
    adjacent = toks[after].start == toks[after - 1].end
    return right.base in ({"f", "g"} - primed) and close == end - 1 and adjacent


def holds_terms(toks: tuple[Token, ...], p: int) -> bool:
    """Whether the parentheses opened at `p` hold terms joined by + or - (`\\gamma(x - \\mu)`
    multiplies; `\\sigma(z)` applies)."""
    depth = 0
    for t in toks[p:]:
        depth += (t.text in ("(", "{")) - (t.text in (")", "}"))
        if depth == 0:
            return False
        if depth == 1 and t.text in ("+", "-"):
            return True
    return False


#: Tokens after which a name is a term of an expression.
OPERATORS = frozenset({"+", "-", "=", "*", "/", "\\cdot", "\\times", "(", "{"})


def listed_before(toks: tuple[Token, ...], n: int) -> list[WrittenName]:
    """The names of a list ending right before token `n` (`W_Q, W_K, W_V \\in …`), the
    last first; empty when no name ends there. A name after an operator ends a term, not a
    list (`h = W x + b, W \\in …`: W alone)."""
    out: list[WrittenName] = []
    end = n
    while True:
        found = next(
            (
                (k, x)
                for k in range(max(end - 12, 0), end)
                if (x := name_at(toks, k)) and x.end == end
            ),
            None,
        )
        if found is None or (out and toks[found[0]].kind == "sup"):
            return out
        if out and found[0] > 0 and toks[found[0] - 1].text in OPERATORS:
            return out
        out.append(found[1])
        if found[0] < 2 or toks[found[0] - 1].text != ",":
            return out
        end = found[0] - 1
