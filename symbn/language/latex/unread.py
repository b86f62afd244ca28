"""Why a name is not read, said so that its line's reason names what stands there:

- an expectation, `\\mathbb{E}_{x \\sim p}[f(x)]`, `\\mathbb E[x]`, or a plain or upright E whose
  subscript names a distribution or a condition (`E_{Z|X}[…]`, `\\mathrm{E}_{\\tau \\sim
  p_\\theta}[…]`): the line is left unchecked naming the expectation, never read as a letter
  E with indices;
- a command named in camel case after a word (`\\queryMatrix`), a macro that no line of the
  document defines (a slide's, kept in another file).
"""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex.texlex import Token
from symbn.source.positions import Span, TexError

#: Why a line with an expectation stays unchecked.
EXPECTATION = (
    "an expectation E is not read: its distribution and its random names are not "
    "said in the maths symbn reads"
)
#: How a document spells the E of an expectation (`symbols.spelling_key`'s form).
E_FORMS = frozenset({"E", "\\mathrm { E }", "\\operatorname { E }", "\\mathbb { E }"})
#: What a subscript of E holds when it names a distribution or a condition.
SAMPLED = frozenset({"\\sim", "|", "\\mid"})


def expectation(base: str, toks: Sequence[Token], sub: tuple[int, int] | None, span: Span) -> None:
    """Raise `TexError` when the name spelled `base`, its subscript toks[sub], is the E of an
    expectation (`E_{x \\sim p}`, `E_{Z|X}`)."""
    sampled = sub is not None and any(t.text in SAMPLED for t in toks[sub[0] : sub[1]])
    if base in E_FORMS and sampled:
        raise TexError(EXPECTATION, span)


def unknown(written: str, toks: list[Token]) -> str:
    """Why the symbol `written` (tokens `toks`) is not read: a command named in camel case
    after a word (`\\queryMatrix`, not TeX's `\\lVert` or `\\varGamma`) is a macro the document
    never defines (kept in another file, say)."""
    name = toks[0].text[1:] if len(toks) == 1 and toks[0].kind == "command" else ""
    word = len(name) - len(name.lstrip("abcdefghijklmnopqrstuvwxyz"))
    if word >= 2 and name[:word] != "var" and name[word : word + 1].isupper():
        return (
            f"unknown symbol {written}: a command that no line of the document defines (a "
            "macro from another file?); define it with \\newcommand, or declare it in the context"
        )
    return f"unknown symbol {written}; declare it in the context (a size, tensor or spelling)"
