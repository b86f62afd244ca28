"""Decoration that changes how maths looks, not what it says, taken out by the lexer.

`\\boxed{X}`, `\\bbox[…]{X}`, `\\color{red}{X}` (or the switch `\\color{red} X`),
`\\textcolor{red}{X}`, `\\colorbox{c}{X}`, `\\fcolorbox{a}{b}{X}`: X alone, its braces
dropped too, so that `\\boxed{a = b}` is the equation a = b and not a group (unless a
power, a subscript or a prime follows, which the braces keep to X).
`\\underbrace{X}_{\\text{…}}` and `\\overbrace{X}^{…}`: X alone, the label dropped.
`\\underset{…}{X}`, `\\overset{…}{X}`, `\\stackrel{…}{X}` (a shape under a name, `def`
over `=`): X alone; over an operator (`\\underset{k}{\\sum}`) they are not read.
A term struck out (`\\cancel{X}`, `\\bcancel`, `\\xcancel`, `\\cancelto{0}{X}`) is still
written in its row, struck because it cancels with another: X, in its braces (a group, so
that `\\cancel{a + b} c` is refused as braces grouping a product are). `\\smash[b]{X}`: X in
its braces too.
Spacing, style and layout that a verifier does not see are dropped with their argument, if
any (`SPACING`, `SPACING_WITH_ARG`): `\\quad`, `\\displaystyle`, `\\hline`, `\\nonumber`,
`\\hspace{…}`, `\\vphantom{…}`, `\\label{…}`, and MathJax's `\\require{cancel}`, which
loads an extension. `\\ast` is the star `*` it prints.
"""

from __future__ import annotations

from symbn.source.positions import Span, TexError

#: Commands that only add space or change style; dropped with no argument.
SPACING = frozenset(
    {
        *(",", ";", ":", "!", ">", " ", "quad", "qquad", "enspace", "thinspace", "medspace"),
        *("thickspace", "space", "negthinspace", "negmedspace", "negthickspace"),
        *("displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle", "limits"),
        *("nolimits", "nonumber", "notag", "hline", "hdashline", "strut", "mathstrut"),
    }
)
#: Commands dropped together with their one braced argument.
SPACING_WITH_ARG = frozenset(
    {
        *("hspace", "hspace*", "vspace", "label", "tag", "tag*", "phantom", "hphantom"),
        *("vphantom", "require", "cline", "mspace"),
    }
)
#: The old font switches, read at the start of a group as the command of the font:
#: `{\\rm d}x` as `\\mathrm{d}x`, `{\\bf x}` as `\\mathbf{x}` (elsewhere they are not read).
SWITCHES = {
    "rm": "\\mathrm",
    "bf": "\\mathbf",
    "it": "\\mathit",
    "sf": "\\mathsf",
    "cal": "\\mathcal",
    "tt": "\\mathtt",
}
#: Each command, and how many braced arguments before its body it drops.
WRAPPERS = {
    "boxed": 0,
    "bbox": 0,
    "color": 1,
    "textcolor": 1,
    "colorbox": 1,
    "fcolorbox": 2,
    "underbrace": 0,
    "overbrace": 0,
    "underset": 1,
    "overset": 1,
    "stackrel": 1,
    "cancel": 0,
    "bcancel": 0,
    "xcancel": 0,
    "cancelto": 1,
    "smash": 0,
}
#: The wrappers whose body keeps its braces, a group of the expression.
GROUPED = frozenset({"cancel", "bcancel", "xcancel", "cancelto", "smash"})
#: Operators whose limits `\\underset` would carry: not dropped.
OPERATORS = ("\\sum", "\\prod", "\\max", "\\min", "\\arg", "\\lim", "\\operatorname")
#: The wrappers whose body is followed by a label in a subscript or superscript.
LABELLED = frozenset({"underbrace", "overbrace"})
DROP, LABEL = "drop", "label"


def opening(text: str, n: int, name: str) -> tuple[int, str] | None:
    """When `\\name` (ending at offset n) is a wrapper: the offset after its arguments and
    its body's opening brace, and what its closing brace does (`drop`, `label`, or ``
    for a switch without a body)."""
    if name not in WRAPPERS:
        return None
    k = _skip_space(text, n)
    if name in ("bbox", "smash") and k < len(text) and text[k] == "[":
        close = text.find("]", k)
        if close < 0:
            raise TexError(f"the [ of \\{name} is never closed", Span(k, k + 1))
        k = _skip_space(text, close + 1)
    for _ in range(WRAPPERS[name]):
        k = _skip_space(text, _group_end(text, k, name))
    stacked = k < len(text) and text[k] == "{" and name.endswith(("set", "rel"))
    if stacked and text[_skip_space(text, k + 1) :].startswith(OPERATORS):
        raise TexError(
            f"\\{name} over an operator is not read; write its limits as _{{…}}", Span(k, k + 1)
        )
    if k < len(text) and text[k] == "{":
        if name in GROUPED:
            return k, ""  # \cancel{x_i}: the braces stay, a group
        if name in LABELLED:
            return k + 1, LABEL
        after = _skip_space(text, _group_end(text, k, name))
        if after < len(text) and text[after] in "^_'":
            return k, ""  # \boxed{a + b}^2: the braces group what the power applies to
        return k + 1, DROP
    if name == "color":
        return k, ""
    raise TexError(
        f"\\{name} needs a braced argument, as in \\{name}{{…}}", Span(n - len(name) - 1, n)
    )


def after_label(text: str, n: int) -> int:
    """The offset after the `_{…}` or `^{…}` label that follows offset n, if any."""
    k = _skip_space(text, n)
    if k < len(text) and text[k] in "_^":
        k = _skip_space(text, k + 1)
        if k < len(text) and text[k] == "{":
            return _group_end(text, k, "the label")
        return k + 1
    return n


def _skip_space(text: str, k: int) -> int:
    while k < len(text) and text[k].isspace():
        k += 1
    return k


def _group_end(text: str, k: int, name: str) -> int:
    """The offset after the braced group at k."""
    if k >= len(text) or text[k] != "{":
        raise TexError(f"\\{name} needs a braced argument", Span(max(k - 1, 0), k))
    depth, j = 0, k
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return j + 1
        j += 1
    raise TexError(f"the {{ of \\{name} is never closed", Span(k, k + 1))


#: Commands of maths the reader does not read, and what a reason calls them.
NOT_READ = {
    "\\int": "integrals",
    "\\prod": "products \\prod",
    "\\lim": "limits",
    "\\infty": "infinity",
    "\\pm": "\\pm",
    "\\mp": "\\mp",
    "\\max": "max",
    "\\min": "min",
}
