"""Inline equations in prose: a setting between sizes and numbers, a derivation step (a
derivative, or a defined name on every side) that is checked, and prose that is not."""

from __future__ import annotations

import pytest

from symbn.language.latex.inline import PROSE, SETTING


@pytest.mark.parametrize(
    ("maths", "kind", "reason"),
    [
        ("$N = 3$", "prose", SETTING),
        ("$N = L = 5$", "prose", SETTING),
        ("$N = 2L + 1$", "prose", SETTING),
        (r"$\beta_l = 1 - \gamma_l$", "prose", PROSE),
        (r"$\mu_l = \beta_l$", "prose", PROSE),
        (r"$y = \gamma \hat{h} + \beta$", "equation", None),
        (r"$\frac{\partial \mu_l}{\partial h_{kl}} = \frac{1}{N}$", "equation", None),
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
