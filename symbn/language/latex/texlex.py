"""A LaTeX tokenizer for the maths of a display, every token with its offsets.

The token kinds:

- `letter` (one letter, `h`), `number` (`12`, `0.5`), `symbol` (one character such as `+`,
  `(`, `'`, or one of the relations `==`, `!=`, `<>`, `<=`, `>=`; `=>` is `\\Rightarrow`);
- `command` (`\\frac`, `\\sigma`, `\\{`, `\\|`), `open` and `close` (the braces `{` `}`);
- `sup` (`^`), `sub` (`_`), `amp` (`&`), `newline` (`\\\\`, with any `[4pt]` after it, or
  `\\newline`, `\\cr`);
- `text` (`\\text{ size }`, `\\mbox{…}`: `arg` holds the raw text between the braces);
- `begin` and `end` (`\\begin{cases}`: `arg` holds the environment's name).

Decoration (`\\boxed`, `\\color`, `\\underbrace{…}_{…}`, see `decoration`) is taken out.
Whitespace, `%` comments, spacing macros (`\\,`, `\\;`, `\\ `, `\\quad`, `~`, `\\hspace{…}`)
and style switches that change nothing a verifier sees (`\\displaystyle`, `\\limits`,
`\\nonumber`) are dropped; the tokens around them keep their own offsets, so adjacency
(`ReLu` written as four adjacent letters) can still be told from `R e L u`.
"""

from __future__ import annotations

from dataclasses import dataclass

from symbn.language.latex import (
    arrows,
    bigsigma,
    bracketed,
    decoration,
    fontforms,
    plainwords,
    scriptforms,
)
from symbn.language.latex.decoration import SPACING, SPACING_WITH_ARG
from symbn.language.latex.scriptforms import close_of
from symbn.source.positions import Span, TexError

MAX_CHARS = 20_000  # in one display

#: Commands whose braced argument is prose, not maths.
TEXT = frozenset({"text", "textrm", "textit", "textbf", "textsf", "texttt", "mbox", "textnormal"})
RELATIONS = ("==", "!=", "<>", "<=", ">=")
#: Two signs read as one token (its kind and text): `=:` names a value, `:=` defines a name
#: (as `\\coloneqq` does), `=>` is an arrow.
PAIRS = {"=:": ("symbol", "="), ":=": ("symbol", "="), "=>": ("command", "\\Rightarrow")}
#: Unicode maths characters typed into LaTeX, each read as the command (or symbol) it shows.
_GREEK = (  # noqa: SIM905 - the names of the characters below, in their order
    "alpha beta gamma delta epsilon epsilon zeta eta theta lambda mu nu pi rho sigma tau phi chi"
    " psi omega Gamma Delta Theta Lambda Sigma Phi Psi Omega"
).split()
UNICODE = {
    **{c: "\\" + name for c, name in zip("αβγδεϵζηθλμνπρστφχψωΓΔΘΛΣΦΨΩ", _GREEK, strict=True)},
    "∂": "\\partial",
    "∑": "\\sum",
    "∏": "\\prod",
    "∇": "\\nabla",
    "√": "\\sqrt",
    "·": "\\cdot",
    "⋅": "\\cdot",
    "×": "\\times",
    "⊙": "\\odot",
    "∘": "\\circ",
    "≠": "\\neq",
    "≤": "\\le",
    "≥": "\\ge",
    "≈": "\\approx",
    "∈": "\\in",
    "→": "\\to",
    "⇒": "\\Rightarrow",
    "⟹": "\\implies",
    "∞": "\\infty",
    "⊤": "\\top",
    "−": "-",
    "∗": "*",
}


@dataclass(frozen=True)
class Token:
    """One token: its kind (see the module docstring), its text as written, its offsets."""

    kind: str
    text: str
    start: int
    end: int
    arg: str = ""

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


def tokenize(text: str) -> tuple[Token, ...]:
    """The tokens of `text`; a `TexError` at the first thing that is not LaTeX."""
    if len(text) > MAX_CHARS:
        raise TexError(
            f"the display is {len(text)} characters long; the limit is {MAX_CHARS}", Span(0, 1)
        )
    out: list[Token] = []
    braces: list[str] = []  # what each open brace's closing one does: keep, drop or label
    n = 0
    while n < len(text):
        c = text[n]
        if c.isspace() or c == "~":
            n += 1
        elif c == "\\" and (wrapped := _wrapper(text, n)) is not None:
            n, closing = wrapped
            if closing:
                braces.append(closing)
        elif c in "{}" and (c == "{" or not braces or braces[-1] == "keep"):
            if c == "{":
                braces.append("keep")
            elif braces:
                braces.pop()
            out.append(Token("open" if c == "{" else "close", c, n, n + 1))
            n += 1
        elif c == "}":
            closing = braces.pop()
            n = decoration.after_label(text, n + 1) if closing == decoration.LABEL else n + 1
        elif c == "%":
            end = text.find("\n", n)
            n = len(text) if end < 0 else end
        elif c == "\\":
            n = _command(text, n, out)
        elif c in UNICODE:  # σ, ∂, ∑, ⊙, − typed as characters
            read = UNICODE[c]
            out.append(Token("command" if read.startswith("\\") else "symbol", read, n, n + 1))
            n += 1
        elif "0" <= c <= "9" or (c == "." and _digit_at(text, n + 1)):
            n = _number(text, n, out)
        elif c.isalpha():
            out.append(Token("letter", c, n, n + 1))
            n += 1
        else:
            kind = {"{": "open", "}": "close", "^": "sup", "_": "sub", "&": "amp"}.get(c, "symbol")
            pair = text[n : n + 2]
            if kind == "symbol" and pair in RELATIONS:
                out.append(Token("symbol", pair, n, n + 2))
                n += 2
            elif pair in PAIRS:  # a =: b names a's value b, a := b defines a; => an arrow
                out.append(Token(*PAIRS[pair], n, n + 2, pair if pair in ("=:", ":=") else ""))
                n += 2
            else:
                out.append(Token(kind, c, n, n + 1))
                n += 1
    return arrows.so(bigsigma.as_sums(_scripts_out(_braced_e(_labels(text, _normal(out))))))


def _normal(out: list[Token]) -> list[Token]:
    """Elements in brackets, scripts, fonts and words used as names in their one form
    (`bracketed`, `scriptforms`, `fontforms`, `plainwords`)."""
    spelled = fontforms.blackboard(out)  # \\R: \\mathbb{R}
    scripts = scriptforms.normal(bracketed.normal(spelled, Token), Token)
    return plainwords.normal(fontforms.normal(scripts))


def _braced_e(out: list[Token]) -> list[Token]:
    """`{e}^{x}` as `e^{x}`: braces around a lone e before its power group nothing (not
    after a command or a script, whose argument they are: `\\hat{e}^2`, `x_{e}^2`)."""
    n = 0
    while n + 3 < len(out):
        e = [t.kind for t in out[n : n + 4]] == ["open", "letter", "close", "sup"]
        after = n > 0 and out[n - 1].kind in ("command", "sub", "sup")
        if e and out[n + 1].text == "e" and not after:
            out = [*out[:n], out[n + 1], *out[n + 3 :]]
        n += 1
    return out


#: Accents and bold fonts whose argument may carry the subscript of the name they make:
#: `\hat{x_i}` is `\hat{x}_i`, `\mathbf{W_1}` is `\mathbf{W}_1`.
SCRIPTED = frozenset(
    {"\\hat", "\\widehat", "\\bar", "\\overline", "\\tilde", "\\widetilde", "\\vec"}
    | {"\\dot", "\\check", "\\mathbf", "\\boldsymbol", "\\bm"}
)
#: Environments whose `\\begin` is followed by a column specification (`{lcl}`).
SPECIFIED = frozenset({"array"})


def _labels(text: str, out: list[Token]) -> list[Token]:
    """A capitalised word in parentheses at the start of a row, `(Mean) \\mu = …`, as the
    words of a `\\text{…}`: the row's label, not a product of letters."""
    n = 0
    while n < len(out):
        m = n + 1
        while m < len(out) and out[m].kind == "letter" and out[m].start == out[m - 1].end:
            m += 1
        word = "".join(t.text for t in out[n + 1 : m])
        if (
            (n == 0 or out[n - 1].kind in ("newline", "amp"))
            and out[n].text == "("
            and len(word) >= 3
            and word[0].isupper()
            and word[1:].islower()
            and m + 1 < len(out)
            and out[m].text == ")"
            and out[m + 1].kind in ("letter", "command")
        ):
            a, b = out[n].start, out[m].end
            out = [*out[:n], Token("text", text[a:b], a, b, text[a:b]), *out[m + 1 :]]
        n += 1
    return out


def _scripts_out(out: list[Token]) -> tuple[Token, ...]:
    """A subscript written inside an accent's braces taken out of them: `\\hat{x_i}` and
    `\\hat {x_{ij}}` read as `\\hat{x}_i` and `\\hat{x}_{ij}`, the subscripted name
    hatted; the base is one letter, a command (`\\mu`) or a font around one letter."""
    n = 0
    while n + 4 < len(out):
        t = out[n]
        z = close_of(out, n + 1) if t.text in SCRIPTED and out[n + 1].kind == "open" else -1
        base = n + 2
        if z > 0 and out[base].kind == "command" and out[base + 1].kind == "open":
            base = close_of(out, base + 1)  # \bar{\mathbf{x}_i}
        elif z > 0 and out[base].kind not in ("letter", "command"):
            base = -1
        if z > 0 and base > 0 and base + 2 < z and out[base + 1].kind == "sub":
            script = base + 2
            end = close_of(out, script) if out[script].kind == "open" else script
            if end == z - 1:
                out = [*out[: base + 1], out[z], *out[base + 1 : z], *out[z + 1 :]]
        n += 1
    return tuple(out)


def _wrapper(text: str, n: int) -> tuple[int, str] | None:
    """A decoration command at text[n] (see `decoration`): where its body starts."""
    m = n + 1
    while m < len(text) and text[m].isascii() and text[m].isalpha():
        m += 1
    return decoration.opening(text, m, text[n + 1 : m])


def _number(text: str, n: int, out: list[Token]) -> int:
    """Read the number at text[n] (`12`, `0.5`, `.5`); the offset after it."""
    m = n
    while m < len(text) and "0" <= text[m] <= "9":
        m += 1
    if m < len(text) and text[m] == "." and _digit_at(text, m + 1):
        m += 1
        while m < len(text) and "0" <= text[m] <= "9":
            m += 1
    if out and out[-1].kind == "number" and not (len(out) > 1 and out[-2].kind in ("sub", "sup")):
        if not _listing(out):
            raise TexError("two numbers side by side are a list, not a product", Span(n, m))
        out.append(Token("symbol", ",", n, n))  # [0.5 \;\; 0.6]: a list, as with commas
    out.append(Token("number", text[n:m], n, m))
    return m


def _listing(out: list[Token]) -> bool:
    r"""Whether the tokens end in a bracket `[` or `(` and numbers alone after it (signless,
    cut by commas): a vector written with spaces between its numbers, `[0.5 \;\; 0.6]`."""
    for t in reversed(out):
        if t.kind == "symbol" and t.text in "([":
            return True
        if t.kind != "number" and t.text != ",":
            return False
    return False


def _digit_at(text: str, n: int) -> bool:
    return n < len(text) and "0" <= text[n] <= "9"


#: Arrows and signs that assign a name its value, read as = (the algorithms of papers write
#: `\\mu_{\\mathcal{B}} \\leftarrow \\frac{1}{m}\\sum_i x_i`); an update, whose name
#: stands on both sides (`w \\leftarrow w - \\eta g`), stays an arrow, which is not checked.
ASSIGNS = frozenset({"leftarrow", "gets", "coloneqq", "coloneq", "triangleq", "eqqcolon"})
#: The signs of a definition whose defined name may stand on either side (`a \coloneqq g`
#: written for g = a, as `=:` says it): their `=` carries `=:` (`naming.named_last`).
NAMING = frozenset({"coloneqq", "coloneq", "eqqcolon"})


def _updates(text: str, n: int, m: int) -> bool:
    """Whether what stands left of the arrow at text[n:m], on its row, stands right of it."""
    seps = ("\\\\", "&", "\n", "$")
    start = max(k + len(sep) if (k := text.rfind(sep, 0, n)) >= 0 else 0 for sep in seps[2:])
    ends = [k for sep in seps if (k := text.find(sep, m)) >= 0]
    row = text[start:n].rsplit("\\\\", maxsplit=1)[-1]
    cells = [c.strip() for c in row.split("&")]  # z_k & \triangleq: z_k is the left side
    left = next((c for c in reversed(cells) if c), "")
    return not left or left in text[m : min(ends, default=len(text))]


def _command(text: str, n: int, out: list[Token]) -> int:
    """Read the command at `text[n] == '\\\\'`; append its token (if any); return the offset
    after it."""
    if n + 1 >= len(text):
        raise TexError("a lone backslash ends the maths", Span(n, n + 1))
    m = n + 1
    if text[m].isalpha() and text[m].isascii():
        while m < len(text) and text[m].isascii() and text[m].isalpha():
            m += 1
        if m < len(text) and text[m] == "*" and text[n + 1 : m] in ("hspace", "vspace", "tag"):
            m += 1
    else:
        m += 1
    name = fontforms.ALIASES.get(text[n:m], text[n:m])[1:]  # \part: \partial
    if name in ("\\", "newline", "cr"):  # \newline and plain TeX's \cr end a row too
        out.append(Token("newline", "\\\\", n, m))
        return _skip_row_space(text, m)
    if name in SPACING or name.isspace():
        return m
    if name in SPACING_WITH_ARG:
        _, after = _braced(text, m, name)
        return after
    if (
        name in decoration.SWITCHES
        and out
        and out[-1].kind == "open"
        and not text[out[-1].end : n].strip()
    ):
        out.insert(-1, Token("command", decoration.SWITCHES[name], n, m))  # {\rm d}: \mathrm{d}
        return m
    if name in ("xrightarrow", "xRightarrow", "xlongrightarrow"):  # an arrow with a label
        below = text.find("]", m) + 1 if text[m : m + 1] == "[" else m  # \xrightarrow[b]{a}
        _, after = _braced(text, below or len(text), name)
        out.append(Token("command", "\\Rightarrow" if "R" in name else "\\to", n, after))
        return after
    if name == "ast":
        out.append(Token("symbol", "*", n, m))
        return m
    if name in TEXT:
        inner, after = _braced(text, m, name)
        out.append(Token("text", text[n:after], n, after, inner))
        return after
    if name in ASSIGNS and not _updates(text, n, m):  # \mu \leftarrow …: a definition
        sign = "=:" if name == "eqqcolon" else ":=" if name in NAMING else ""
        out.append(Token("symbol", "=", n, m, sign))
        return m
    if name == "not" and text[m:].lstrip().startswith("="):  # \not= is \neq
        after = text.index("=", m) + 1
        out.append(Token("command", "\\neq", n, after))
        return after
    if name in ("begin", "end"):
        env, after = _braced(text, m, name)
        if not env.strip():
            raise TexError(f"\\{name} needs an environment name", Span(n, after))
        if name == "begin" and env.strip() in SPECIFIED:  # \begin{array}{lcl}: its columns
            after = _braced(text, after, name)[1]
        out.append(Token(name, text[n:after], n, after, env.strip()))
        return after
    out.append(Token("command", "\\" + name, n, m))
    return m


def _braced(text: str, m: int, name: str) -> tuple[str, int]:
    """The raw text of the braced group at (or after spaces from) `m`, and the offset after
    its closing brace."""
    k = m
    while k < len(text) and text[k].isspace():
        k += 1
    if k >= len(text) or text[k] != "{":
        raise TexError(
            f"\\{name} needs a braced argument, as in \\{name}{{…}}", Span(m - len(name) - 1, m)
        )
    depth, j = 0, k
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[k + 1 : j], j + 1
        j += 1
    raise TexError(f"the {{ of \\{name} is never closed", Span(k, k + 1))


def _skip_row_space(text: str, m: int) -> int:
    """After `\\\\`, skip an optional vertical space such as `[4pt]`."""
    k = m
    while k < len(text) and text[k] in " \t":
        k += 1
    if k < len(text) and text[k] == "[":
        close = text.find("]", k)
        inside = text[k + 1 : close] if close > 0 else ""
        if (
            inside
            and all(ch.isalnum() or ch in ".-+ " for ch in inside)
            and any(ch.isdigit() for ch in inside)
        ):
            return close + 1
    return m
