"""Inline equations in prose: a setting between sizes and numbers, a derivation step (a
derivative, or a defined name on every side) that is checked, and prose that is not."""

from __future__ import annotations

import pytest

from symbn.language.latex.inline import DEFINES_ONLY, MOVED, PROSE, SETTING


@pytest.mark.parametrize(
    ("maths", "kind", "reason"),
    [
        ("$N = 3$", "prose", SETTING),
        ("$N = L = 5$", "prose", SETTING),
        ("$N = 2L + 1$", "prose", SETTING),
        (r"$\beta_l = 1 - \gamma_l$", "prose", PROSE),
        (r"$\beta_l = \mu_l$", "prose", PROSE),
        (r"$\mu_l = \beta_l$", "equation", None),  # may be mu's definition
        (r"$\mu_{l+1} = \mu_l$", "prose", MOVED),  # a value passed on, not refuted
        (r"$y = \gamma \hat{h} + \beta$", "equation", None),
        (r"$\frac{\partial \mu_l}{\partial h_{kl}} = \frac{1}{N}$", "equation", None),
        (r"$h \in \mathbb{R}^{N \times L}$", "equation", None),  # a shape, as in a display
    ],
)
def test_an_inline_equation_is_a_claim_only_when_a_derivation_step(reading, maths, kind, reason):
    r = reading(f"Here {maths} holds.\n")
    (line,) = r.lines
    assert line.kind == kind
    inline = [n.message for n in r.notes if n.code == "inline"]
    assert inline == ([reason] if reason else [])
    assert bool(r.claims) == (kind == "equation")


def test_a_display_equation_is_always_a_claim(reading):
    r = reading("$$ N = 3 $$\n\n$$ \\beta_l = 1 - \\gamma_l $$\n")
    assert [x.kind for x in r.lines] == ["equation", "equation"]


def test_an_inline_equation_for_a_defined_name_defines_it_or_is_prose():
    """`$r_i = …$` in a sentence is the definition of r when it is the first equation for
    it; after a display has defined r, the same sentence is prose, never refuted."""
    from symbn.verify.document import check  # noqa: PLC0415 - the checker, end to end

    context = (
        '+++\n[sizes]\nN = "n"\n[indices]\ni = "N"\n'
        '[inputs]\nx = { shape = ["N"] }\n[defines]\nr = { shape = ["N"] }\n+++\n'
    )
    first = check(context + "Let $r_i = 2 x_i$ be the scale.\n\n$$ r_i = 2 x_i $$\n", "a.md")
    assert [f.status for f in first.findings if f.kind != "lint"] == ["defined", "proved"]
    later = context + "$$ r_i = 2 x_i $$\n\nSay $r_i = 3 x_i$ for a moment.\n"
    second = [(f.status, f.message) for f in check(later, "b.md").findings]
    assert second[0][0] == "defined"
    assert second[1] == ("unchecked", DEFINES_ONLY)  # not refuted


@pytest.mark.parametrize(
    ("result", "status"),
    [
        (r"\sigma(x)(1 - \sigma(x))", "proved"),
        (r"\sigma(x)(1 + \sigma(x))", "refuted"),  # a sign
        (r"1 - \sigma(x)", "refuted"),  # a factor dropped
    ],
)
def test_a_function_s_derivative_stated_inline_is_a_claim(result, status):
    """`$\\sigma'(x) = …$` in a sentence is a derivative, so a derivation step."""
    from symbn.verify.document import check  # noqa: PLC0415 - the checker, end to end

    text = (
        '+++\n[inputs]\nx = { shape = [] }\n[functions]\nsigmoid = ["\\\\sigma"]\n+++\n'
        "The sigmoid is\n\n$$ \\sigma(x) = \\frac{1}{1 + e^{-x}} $$\n\n"
        f"Its derivative is $\\sigma'(x) = {result}$, cheap to compute.\n"
    )
    found = [f for f in check(text, "sigmoid.md").findings if f.where.line == 11]
    assert [f.status for f in found] == [status]
