"""Expectations, which are not read: `\\mathbb{E}_{x \\sim p}[f(x)]`, `\\mathbb E[x]`, and a
plain or upright E whose subscript names a distribution or a condition (`E_{Z|X}[…]`,
`\\mathrm{E}_{\\tau \\sim p_\\theta}[…]`). The line is left unchecked, naming the
expectation, never read as a product with a letter E."""

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


def refuse(base: str, toks: Sequence[Token], sub: tuple[int, int] | None, span: Span) -> None:
    """Raise `TexError` when the name spelled `base`, its subscript toks[sub], is the E of an
    expectation (`E_{x \\sim p}`, `E_{Z|X}`)."""
    sampled = sub is not None and any(t.text in SAMPLED for t in toks[sub[0] : sub[1]])
    if base in E_FORMS and sampled:
        raise TexError(EXPECTATION, span)
