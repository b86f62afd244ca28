"""Plain TeX and older habits of blog maths: `{a \\over b}`, `\\not=`, the indicator written on
a plain 1 (`1\\{k = i\\}`), and a name written with its arguments on the left of its
definition (`y_i(z_i) = …`)."""

from __future__ import annotations

import pytest
from documents import rows, sides

from symbn.language.latex.texlex import tokenize


@pytest.mark.parametrize(
    ("tex", "read"),
    [
        (r"$$ \mu_l = {1 \over N} \sum_p h_{pl} $$", ["mu[l]", "1/N*sum(h[p, l], p)"]),
        (r"$$ \mu_l = {\sum_p h_{pl} \over N} $$", ["mu[l]", "sum(h[p, l], p)/N"]),
        (r"$$ u_{kl} = h_{kl} (1\{k = p\} - 1) $$", ["u[k, l]", "h[k, l]*(Delta(k, p) - 1)"]),
        (r"$$ u_{kl} = h_{kl} \mathbb{1}\{k = p\} $$", ["u[k, l]", "h[k, l]*Delta(k, p)"]),
        (r"$$ u_{kl} = h_{kl} 1[k \ne p] $$", ["u[k, l]", "h[k, l]*If(k != p)"]),
        (r"$$ u_{kl} = h_{kl} 1(k == p) $$", ["u[k, l]", "h[k, l]*Delta(k, p)"]),
        (r"$$ \mu_l(h) = \frac{1}{N}\sum_p h_{pl} $$", ["mu[l]", "1/N*sum(h[p, l], p)"]),
        (r"$$ y_{kl}(h_{kl}, \gamma_l) = \gamma_l h_{kl} $$", ["y[k, l]", "gamma[l]*h[k, l]"]),
    ],
)
def test_plain_tex_is_read(bn, tex, read):
    (a,) = rows(tex, bn)
    assert (a.kind, sides(a, bn)) == ("equation", read)


def test_not_equals_is_one_relation():
    (tok,) = tokenize(r"\not=")
    assert tok.text == r"\neq"
    assert [t.text for t in tokenize(r"k \not = i")] == ["k", r"\neq", "i"]


@pytest.mark.parametrize(
    ("tex", "read"),
    [
        # a product, not arguments: what is in the parentheses is no list of names
        (r"$$ \mu_l (h_{pl} + 1) = 2 $$", ["mu[l]*(h[p, l] + 1)", "2"]),
        # on the right a name before parentheses multiplies them
        (r"$$ u_{kl} = \gamma_l(h_{kl}) $$", ["u[k, l]", "gamma[l]*h[k, l]"]),
    ],
)
def test_only_names_in_parentheses_on_the_left_are_arguments(bn, tex, read):
    (a,) = rows(tex, bn)
    assert sides(a, bn) == read


@pytest.mark.parametrize(
    ("tex", "read"),
    [
        ("$$ μ_l = \\frac{1}{N} ∑_p h_{pl} $$", ["mu[l]", "1/N*sum(h[p, l], p)"]),
        ("$$ u_{kl} = (h_{kl} − μ_l) ⋅ γ_l $$", ["u[k, l]", "(h[k, l] - mu[l])*gamma[l]"]),
        ("$$ \\frac{∂ μ_l}{∂ h_{kl}} = \\frac{1}{N} $$", ["diff(mu[l], h[k, l])", "1/N"]),
    ],
)
def test_unicode_maths_characters_are_their_commands(bn, tex, read):
    (a,) = rows(tex, bn)
    assert sides(a, bn) == read
