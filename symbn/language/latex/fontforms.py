"""Fonts and commands written in the forms that KaTeX, MathJax and Typora accept beside
LaTeX's, brought by the lexer (`symbn.language.latex.texlex`) to the one form the readers
after it know:

- `\\part` (a KaTeX alias) is `\\partial`, `\\pmb` (poor man's bold) is `\\boldsymbol`,
  `\\bold` (MathJax's) is `\\mathbf`, and KaTeX's other short names are the commands they
  show (`\\cdotp` is `\\cdot`, `\\infin` is `\\infty`, `\\rArr` is `\\Rightarrow`);
- the sets of numbers KaTeX names, `\\R`, `\\Reals`, `\\N`, `\\Z`, are `\\mathbb{R}` …, and
  blackboard bold on a letter without braces, `\\mathbb E`, is `\\mathbb{E}`;
- an old font switch written against a braced group, `\\bf{A}`, `\\cal{L}`, `\\rm{d}`, is
  the font command of that group, `\\mathbf{A}` (a switch at the start of a group, `{\\bf
  A}`, is read by the lexer itself);
- blackboard bold around a lower-case letter, a lower-case Greek letter or an accent on
  one, `\\mathbb{x}`, `\\mathbb{\\theta}`, `\\mathbb{\\hat{y}}`, is the bold vector those
  documents mean (`\\mathbf{x}`): no set is written so. `\\mathbb{R}`, `\\mathbb{E}`,
  `\\mathbb{1}` keep their meaning;
- a script written inside a bold font's braces, `\\mathbf{W^{xh}}`, `\\bm{x_i^2}`, stands
  after them, `\\mathbf{W}^{xh}`: the font does not change what the script says.
"""

from __future__ import annotations

from dataclasses import replace

from symbn.language.latex.scriptforms import T, close_of

#: Commands that are another's alias, whatever follows them (the lexer reads each as the
#: command it names, before it reads that command).
ALIASES = {
    "\\part": "\\partial",
    "\\pmb": "\\boldsymbol",
    "\\bold": "\\mathbf",
    "\\cdotp": "\\cdot",
    "\\infin": "\\infty",
    "\\isin": "\\in",
    "\\plusmn": "\\pm",
    "\\lang": "\\langle",
    "\\rang": "\\rangle",
    "\\rarr": "\\rightarrow",
    "\\larr": "\\leftarrow",
    "\\lrarr": "\\leftrightarrow",
    "\\harr": "\\leftrightarrow",
    **dict.fromkeys(("\\rArr", "\\Rarr"), "\\Rightarrow"),
    **dict.fromkeys(("\\lArr", "\\Larr"), "\\Leftarrow"),
    **dict.fromkeys(("\\lrArr", "\\Lrarr", "\\hArr", "\\Harr"), "\\Leftrightarrow"),
}
#: How documents write the sets of numbers without `\mathbb{R}` (`\R^n`, `\N`: KaTeX's
#: macros), and the letter each stands for in blackboard bold.
BLACKBOARD = {
    **dict.fromkeys(("\\R", "\\Reals", "\\reals", "\\RR"), "R"),
    **dict.fromkeys(("\\N", "\\natnums", "\\NN"), "N"),
    **dict.fromkeys(("\\Z", "\\ZZ"), "Z"),
    **dict.fromkeys(("\\Complex", "\\cnums"), "C"),
}
#: Old font switches, written against a braced group, and the font command they are there.
SWITCHED = {
    "\\bf": "\\mathbf",
    "\\cal": "\\mathcal",
    "\\rm": "\\mathrm",
    "\\it": "\\mathit",
    "\\sf": "\\mathsf",
    "\\tt": "\\mathtt",
    "\\Bbb": "\\mathbb",
}
#: Bold fonts whose braces may hold the scripts of the name they make.
BOLD = frozenset({"\\mathbf", "\\boldsymbol", "\\bm"})
#: Accents that may stand on a letter inside blackboard bold (`\mathbb{\hat{y}}`).
ACCENTS = frozenset({"\\hat", "\\widehat", "\\bar", "\\overline", "\\tilde", "\\widetilde"})
#: Lower-case Greek letters, as the commands that write them.
GREEK = frozenset(
    {
        *("\\alpha", "\\beta", "\\gamma", "\\delta", "\\epsilon", "\\varepsilon", "\\zeta"),
        *("\\eta", "\\theta", "\\vartheta", "\\iota", "\\kappa", "\\lambda", "\\mu", "\\nu"),
        *("\\xi", "\\pi", "\\rho", "\\sigma", "\\tau", "\\upsilon", "\\phi", "\\varphi"),
        *("\\chi", "\\psi", "\\omega"),
    }
)


def normal(toks: list[T]) -> list[T]:
    """`toks` with each font and alias in its one form (see the module's docstring)."""
    out = [_renamed(toks, n) for n in range(len(toks))]
    return _scripts_out(out)


def _renamed(toks: list[T], n: int) -> T:
    """The token at n, renamed when it is an alias, a switch against a group or blackboard
    bold around a lower-case name."""
    t = toks[n]
    if t.kind != "command":
        return t
    braced = n + 1 < len(toks) and toks[n + 1].kind == "open"
    if t.text in SWITCHED and braced:
        return replace(t, text=SWITCHED[t.text])  # type: ignore[type-var]
    if t.text == "\\mathbb" and braced and _lower_name(toks, n + 2, close_of(toks, n + 1)):
        return replace(t, text="\\mathbf")  # type: ignore[type-var]
    return t


def _lower_name(toks: list[T], lo: int, hi: int) -> bool:
    """Whether toks[lo:hi] is a lower-case letter, a lower-case Greek letter, or one of
    those under an accent in braces (`\\hat{y}`, `\\hat{y_i}`)."""
    if hi - lo == 1:
        t = toks[lo]
        return (t.kind == "letter" and t.text.islower()) or t.text in GREEK
    if hi - lo >= 4 and toks[lo].text in ACCENTS and toks[lo + 1].kind == "open":
        end = close_of(toks, lo + 1)
        inner = toks[lo + 2 : end]
        base = bool(inner) and _lower_name(toks, lo + 2, lo + 3)
        scripted = all(t.kind in ("letter", "number", "sub", "open", "close") for t in inner)
        after = [t.kind for t in toks[end + 1 : hi]]  # \mathbb{\hat{y}_i}: its subscript
        return (not after or after == ["sub", "letter"]) and base and scripted
    return False


def _scripts_out(toks: list[T]) -> list[T]:
    """Scripts written inside a bold font's braces after its base (one letter or command),
    taken out after the closing brace: `\\mathbf{W^{xh}}` as `\\mathbf{W}^{xh}`."""
    n = 0
    while n + 4 < len(toks):
        if toks[n].text in BOLD and toks[n + 1].kind == "open":
            z = close_of(toks, n + 1)
            base = n + 2
            named = z > base and toks[base].kind in ("letter", "command")
            if named and _scripts(toks, base + 1, z):
                toks = [*toks[: base + 1], toks[z], *toks[base + 1 : z], *toks[z + 1 :]]
        n += 1
    return toks


def _scripts(toks: list[T], lo: int, hi: int) -> bool:
    """Whether toks[lo:hi] is one or two scripts, each a mark and one token or a group, one
    of them a superscript (a lone subscript the lexer moves itself)."""
    marks = []
    k = lo
    while k < hi:
        if toks[k].kind not in ("sub", "sup") or k + 1 >= hi:
            return False
        marks.append(toks[k].kind)
        k = close_of(toks, k + 1) + 1 if toks[k + 1].kind == "open" else k + 2
    return k == hi and "sup" in marks and len(marks) == len(set(marks))


def blackboard(toks: list[T]) -> list[T]:
    """`\\R` as the tokens of `\\mathbb{R}`, each at the offsets of `\\R`; `\\mathbb E`, a
    letter without braces, as `\\mathbb{E}`."""
    out: list[T] = []
    for n, t in enumerate(toks):
        if t.kind == "command" and t.text in BLACKBOARD:
            letter = BLACKBOARD[t.text]
            out += [replace(t, text="\\mathbb"), replace(t, kind="open", text="{")]  # type: ignore[type-var]
            out += [replace(t, kind="letter", text=letter), replace(t, kind="close", text="}")]  # type: ignore[type-var]
        elif t.kind == "letter" and n > 0 and toks[n - 1].text == "\\mathbb":
            a, b = t.start, t.end  # \mathbb E: the letter in braces
            opened = replace(t, kind="open", text="{", end=a)  # type: ignore[type-var]
            out += [opened, t, replace(t, kind="close", text="}", start=b)]  # type: ignore[type-var]
        else:
            out.append(t)
    return out
