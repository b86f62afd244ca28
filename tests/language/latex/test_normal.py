"""The standard normal CDF Φ and density φ where the prose says so (GELU = x Φ(x)), and the
derivative operator before a word set as text (`\\frac{d}{dx}\\text{GELU}(x)`)."""

from mutated import verdicts

from symbn.language.latex.guessed import toml_of

GELU = r"""# GELU

GELU weights its input by $\Phi(x)$, the CDF of the standard normal distribution.

$$ \text{GELU}(x) = x \Phi(x) $$

$$ \frac{d}{dx}\text{GELU}(x) = \Phi(x) + x\phi(x) $$

$$ \frac{d}{dx}\Phi(x) = \phi(x) $$

$$ \frac{d}{dx}\phi(x) = -x \phi(x) $$

$$ \Phi(x) = \frac{1}{2}\left(1 + \text{erf}\left(\frac{x}{\sqrt{2}}\right)\right) $$
"""


def test_the_prose_makes_phi_the_normal_cdf_and_density():
    context = toml_of(GELU, "doc.md")
    assert 'normcdf = ["\\\\Phi"]' in context
    assert 'normpdf = ["\\\\phi"]' in context
    got = verdicts(GELU)
    assert got[5] == ["defined"]
    assert got[7] == got[9] == got[11] == got[13] == ["proved"]


def test_slips_of_the_gelu_derivative_are_refuted():
    for good, bad in (
        (r"\Phi(x) + x\phi(x) $$", r"\Phi(x) - x\phi(x) $$"),
        (r"= -x \phi(x)", r"= x \phi(x)"),
        (r"= \phi(x) $$", r"= x \phi(x) $$"),
        (r"{\sqrt{2}}", r"{2}"),
    ):
        lines = verdicts(GELU.replace(good, bad))
        assert "refuted" in [s for v in lines.values() for s in v], bad
        assert "proved" not in lines[GELU[: GELU.index(good)].count("\n") + 1], bad


def test_phi_is_no_normal_cdf_where_nothing_says_so():
    doc = r"""# A map

$$ y = x \Phi(x) $$

$$ \frac{dy}{dx} = \Phi(x) + x \phi(x) $$
"""
    got = verdicts(doc)
    assert "proved" not in got.get(5, [])
    assert "refuted" not in got.get(5, [])


ARG = r"\left[\sqrt{2/\pi}\left(x + 0.044715x^3\right)\right]"
TANH = (
    "# GELU, tanh form\n\n"
    rf"$$ \operatorname{{GELU}}(x) = 0.5x\left(1 + \tanh{ARG}\right) $$"
    "\n\n"
    rf"$$ \frac{{d}}{{dx}}\operatorname{{GELU}}(x) = 0.5\left(1 + \tanh{ARG}\right) "
    rf"+ 0.5x\left(1 - \tanh^2{ARG}\right)\sqrt{{2/\pi}}\left(1 + 0.134145x^2\right) $$"
    "\n"
)


def test_the_operator_acts_on_a_word_at_its_argument():
    assert verdicts(TANH)[5] == ["proved"]
    assert verdicts(TANH.replace("0.134145x^2", "0.134145x"))[5] == ["refuted"]
    text = TANH.replace(r"\operatorname{GELU}", r"\text{GELU}")
    assert verdicts(text)[5] == ["proved"]


def test_the_operator_acts_on_a_function_set_as_text():
    doc = r"""# tanh

$$ \frac{d}{dz} \text{tanh}(z) = 1 - \tanh^2(z) $$

$$ \frac{\partial}{\partial z} \tanh(z) = 1 + \tanh^2(z) $$
"""
    got = verdicts(doc)
    assert got[3] == ["proved"]
    assert got[5] == ["refuted"]


def test_phi_alone_is_no_density_where_the_prose_says_only_standard_normal():
    doc = r"""# A feature map

The weights are drawn from a standard normal distribution.

$$ k = \phi(x) \phi(y) $$

$$ \frac{\partial k}{\partial x} = \phi'(x) \phi(y) $$
"""
    assert "normpdf" not in toml_of(doc, "doc.md")
