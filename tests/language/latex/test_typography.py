"""Decoration and typography that do not change the maths, in a definition row and in a
derivative row of a small document: each reads as the maths without it, and a slip in the
decorated row (a sign) is never proved."""

from __future__ import annotations

import pytest
from mutated import line_of, verdicts

from symbn.verify.document import check

DOC = r"""# One row of a normalisation

For one input vector $x \in \mathbb{R}^H$:

$$ \mu = \frac{1}{H}\sum_{i=1}^{H} x_i $$

$$ DEFINITION $$

With $g_i = \frac{\partial L}{\partial y_i}$:

$$ DERIVATIVE $$
"""
DEFINITION = r"y_i = \gamma_i (x_i - \mu) + \beta_i"
DERIVATIVE = r"\frac{\partial L}{\partial \gamma_i} = g_i (x_i - \mu)"
DEF_LINE = 7

#: Each construct: the definition row and the derivative row that use it (`@`: the plain row,
#: DLG: the derivative's left side, BA and EA: an aligned environment's begin and end).
CASES = {
    "require": (r"\require{cancel} @", r"\require{color}@"),
    "cancel": (r"@ + \cancel{x_i} - \cancel{x_i}", r"@ + \cancel{g_i} - \cancel{g_i}"),
    "bcancel": (r"@ + \bcancel{x_i} - \bcancel{x_i}", r"@ + \bcancel{g_i} - \bcancel{g_i}"),
    "xcancel": (r"@ + \xcancel{x_i} - \xcancel{x_i}", r"@ + \xcancel{g_i} - \xcancel{g_i}"),
    "cancelto": (r"@ + \cancelto{0}{(\mu - \mu)}", r"@ + \cancelto{0}{(g_i - g_i)}"),
    "newcommand": (
        r"\newcommand{\gm}{\gamma} y_i = \gm_i (x_i - \mu) + \beta_i",
        r"\newcommand{\pd}[2]{\frac{\partial #1}{\partial #2}} \pd{L}{\gamma_i} = g_i (x_i - \mu)",
    ),
    "def": (
        r"\def\gm{\gamma} y_i = \gm_i (x_i - \mu) + \beta_i",
        r"\def\gm{\gamma} \frac{\partial L}{\partial \gm_i} = g_i (x_i - \mu)",
    ),
    "underbrace": (
        r"y_i = \underbrace{\gamma_i (x_i - \mu)}_{\text{Part I}} + \beta_i",
        r"DLG = \underbrace{g_i}_{\text{upstream}} (x_i - \mu)",
    ),
    "underbrace zero": (r"@ + \underbrace{\mu - \mu}_{=\,0}", r"@ + \underbrace{g_i - g_i}_{=\,0}"),
    "overbrace": (
        r"y_i = \overbrace{\gamma_i (x_i - \mu)}^{\text{scaled}} + \beta_i",
        r"DLG = \overbrace{g_i}^{\partial L/\partial y_i} (x_i - \mu)",
    ),
    "underset": (
        r"\underset{H}{y_i} = \gamma_i (x_i - \mu) + \beta_i",
        r"DLG \underset{\text{chain}}{=} g_i (x_i - \mu)",
    ),
    "overset def": (
        r"y_i \overset{\text{def}}{=} \gamma_i (x_i - \mu) + \beta_i",
        r"DLG \overset{(1)}{=} g_i (x_i - \mu)",
    ),
    "stackrel": (
        r"y_i \stackrel{\mathrm{def}}{=} \gamma_i (x_i - \mu) + \beta_i",
        r"DLG \stackrel{(a)}{=} g_i (x_i - \mu)",
    ),
    "big": (
        r"y_i = \gamma_i \big(x_i - \mu\big) + \beta_i",
        r"DLG = g_i \Big[x_i - \mu\Big]",
    ),
    "bigg": (
        r"y_i = \gamma_i \bigg\{x_i - \mu\bigg\} + \beta_i",
        r"DLG = g_i \Bigg(x_i - \mu\Bigg)",
    ),
    "bigl": (
        r"y_i = \gamma_i \bigl(x_i - \mu\bigr) + \beta_i",
        r"DLG = g_i \Biggl[x_i - \mu\Biggr]",
    ),
    "left brace": (
        r"y_i = \gamma_i \left\{x_i - \mu\right\} + \beta_i",
        r"DLG = g_i \left\{x_i - \mu\right\}",
    ),
    "lvert": (
        r"y_i = \gamma_i \left\lvert x_i - \mu \right\rvert + \beta_i",
        r"DLG = g_i \lvert x_i - \mu \rvert",
    ),
    "big lvert": (
        r"y_i = \gamma_i \left\vert x_i - \mu \right\vert + \beta_i",
        r"DLG = g_i \big\lvert x_i - \mu \big\rvert",
    ),
    "big bars": (
        r"y_i = \gamma_i \big| x_i - \mu \big| + \beta_i",
        r"DLG = g_i \Big| x_i - \mu \Big|",
    ),
    "color": (
        r"y_i = \gamma_i (x_i - \mu) + {\color{red} \beta_i}",
        r"DLG = {\color{blue}{g_i}} (x_i - \mu)",
    ),
    "mathrm d": ("@", r"\frac{\mathrm{d}L}{\mathrm{d}\gamma_i} = g_i (x_i - \mu)"),
    "rm d": ("@", r"\frac{{\rm d}L}{{\rm d}\gamma_i} = g_i (x_i - \mu)"),
    "operatorname": (
        r"y_i = \gamma_i \operatorname{tanh}(x_i - \mu) + \beta_i",
        r"DLG = g_i \operatorname{tanh}(x_i - \mu)",
    ),
    "text function": (
        r"y_i = \gamma_i \text{tanh}(x_i - \mu) + \beta_i",
        r"DLG = g_i \mathrm{tanh}(x_i - \mu)",
    ),
    "cdot": (
        r"y_i = \gamma_i \cdot (x_i - \mu) + \beta_i",
        r"DLG = g_i \times (x_i - \mu)",
    ),
    "ast": (
        r"y_i = \gamma_i \ast (x_i - \mu) + \beta_i",
        r"DLG = g_i * (x_i - \mu)",
    ),
    "rm e": (
        r"y_i = \gamma_i {\rm e}^{x_i - \mu} + \beta_i",
        r"DLG = g_i \mathrm{e}^{x_i - \mu}",
    ),
    "exp": (
        r"y_i = \gamma_i \exp(x_i - \mu) + \beta_i",
        r"DLG = g_i \exp\left(x_i - \mu\right)",
    ),
    "textstyle": (
        r"\textstyle y_i = \gamma_i (x_i - \mu) + \beta_i",
        r"\displaystyle DLG = g_i {\scriptstyle (x_i - \mu)}",
    ),
    "row gap": (
        r"BA y_i &= \gamma_i (x_i - \mu) + \beta_i \\[4pt] s &= \mu EA",
        r"BA DLG &= g_i (x_i - \mu) \\[1em] &= g_i x_i - g_i \mu EA",
    ),
    "hspace": (
        r"y_i = \gamma_i (x_i - \mu) \hspace{1cm} + \beta_i",
        r"DLG = g_i \hspace{2mm} (x_i - \mu)",
    ),
    "phantom": (
        r"y_i \phantom{=} = \gamma_i (x_i - \mu) + \beta_i \phantom{+ 0}",
        r"DLG = g_i \hphantom{0} (x_i - \mu)",
    ),
    "smash": (
        r"y_i = \smash{\gamma_i} (x_i - \mu) + \beta_i",
        r"DLG = g_i \smash[b]{(x_i - \mu)}",
    ),
    "vphantom": (
        r"y_i = \gamma_i (x_i - \mu\vphantom{\frac{1}{2}}) + \beta_i",
        r"DLG = g_i \left(x_i - \mu \vphantom{\sum}\right)",
    ),
    "columns": (
        r"BA y_i &= \gamma_i (x_i - \mu) + \beta_i && \text{scale} EA",
        r"BA DLG &= g_i (x_i - \mu) && \text{(chain)} EA",
    ),
    "tag label": (
        r"y_i = \gamma_i (x_i - \mu) \label{eq:y} + \beta_i \tag*{(1)}",
        r"DLG \tag{2} = g_i (x_i - \mu)",
    ),
    "nonumber": (
        r"\begin{align} y_i &= \gamma_i (x_i - \mu) + \beta_i \nonumber \\"
        r" s &= \mu \notag \end{align}",
        r"\begin{align} DLG &= g_i (x_i - \mu) \nonumber \\"
        r" &= g_i x_i - g_i \mu \notag \end{align}",
    ),
    "comment": (
        "y_i = \\gamma_i (x_i - \\mu) % scale\n + \\beta_i",
        "DLG % chain rule\n = g_i (x_i - \\mu)",
    ),
    "punctuation": (r"@ \,.", r"@\;,"),
    "hline": (
        r"\begin{array}{l} y_i = \gamma_i (x_i - \mu) + \beta_i \\ \hline \end{array}",
        r"\begin{array}{c} \hline DLG = g_i (x_i - \mu) \end{array}",
    ),
}


def expand(row: str, plain: str) -> str:
    row = row.replace("@", plain).replace("BA", r"\begin{aligned}").replace("EA", r"\end{aligned}")
    return row.replace("DLG", r"\frac{\partial L}{\partial \gamma_i}")


def document(definition: str = "@", derivative: str = "@") -> str:
    return DOC.replace("DEFINITION", expand(definition, DEFINITION)).replace(
        "DERIVATIVE", expand(derivative, DERIVATIVE)
    )


def derivative_verdicts(text: str) -> tuple[list[str], dict[int, list[str]]]:
    """The verdicts of the derivative row (the first is its own), and of every line."""
    got = verdicts(text)
    return got.get(line_of(text, "With $g_i") + 2, []), got


def test_the_plain_document_is_proved():
    derivative, got = derivative_verdicts(document())
    assert (got[DEF_LINE], derivative) == (["defined"], ["proved"])


@pytest.mark.parametrize("name", CASES)
def test_decorated_rows_read_as_the_plain_ones(name):
    derivative, got = derivative_verdicts(document(*CASES[name]))
    assert set(got[DEF_LINE]) == {"defined"}, got
    assert set(derivative) == {"proved"}, got
    assert not any("refuted" in v or "unchecked" in v for v in got.values()), got


@pytest.mark.parametrize("name", CASES)
def test_a_slip_in_a_decorated_row_is_not_proved(name):
    definition, derivative = CASES[name]
    slipped = expand(derivative, DERIVATIVE).replace(r"- \mu", r"+ \mu", 1)
    slipped_verdicts, got = derivative_verdicts(document(definition, slipped))
    assert slipped_verdicts[0] != "proved", got
    wrong = expand(definition, DEFINITION).replace(r"- \mu", r"+ \mu", 1)
    got_derivative, got = derivative_verdicts(document(wrong, derivative))
    assert got_derivative[0] != "proved", got


@pytest.mark.parametrize(
    ("derivative", "statuses"),
    [
        (
            r"@ \xrightarrow{\text{expand}} DLG = g_i x_i - g_i \mu",
            ["proved", "proved"],  # an arrow between two equations: two claims, no chain
        ),
        (r"@ \xRightarrow[(1)]{} DLG = g_i x_i - g_i \mu", ["proved", "proved"]),
        (r"DLG \xrightarrow{\text{chain}} g_i (x_i - \mu)", ["unchecked"]),
    ],
)
def test_a_labelled_arrow_separates_equations_and_is_not_itself_checked(derivative, statuses):
    got, _ = derivative_verdicts(document("@", derivative))
    assert got == statuses


@pytest.mark.parametrize(
    ("defined", "used", "proved"),
    [
        (r"\hat{\mathbf{y}}", r"\mathbf{\hat{y}}", True),
        (r"\breve{y}", r"\breve{y}", True),
        (r"\mathring{y}", r"\mathring{y}", True),
        (r"\tilde{y}", r"\tilde{y}", True),
        (r"\breve{y}", "y", False),
        (r"\mathring{y}", r"\tilde{y}", False),
        (r"\hat{\mathbf{y}}", r"\mathbf{y}", False),
    ],
)
def test_accents_make_names_of_their_own(defined, used, proved):
    text = document(DEFINITION.replace("y_i", defined + "_i")).replace(
        r"\partial y_i}", r"\partial " + used + "_i}"
    )
    got, _ = derivative_verdicts(text)
    assert (got == ["proved"]) == proved, got


VECTORS = r"""+++
[sizes]
n = "inputs"
m = "outputs"
[indices]
i = "m"
j = "n"
[inputs]
x = { shape = ["n"] }
W = { shape = ["m", "n"] }
b = { shape = ["m"] }
t = { shape = ["m"] }
[defines]
z = { shape = ["m"] }
L = { shape = [] }
+++
$$ \bm{z} = W \bm{x} + \bm{b} $$

$$ L = \frac{1}{2} \sum_i (z_i - t_i)^2 $$

$$ ROW $$
"""


@pytest.mark.parametrize(
    "row",
    [
        r"\frac{\partial L}{\partial W} = (\bm{z} - \bm{t}) \bm{x}^{\mathsf{T}}",
        r"\frac{\partial L}{\partial W} = (\bm{z} - \bm{t}) \bm{x}^{\intercal}",
        r"\frac{\partial L}{\partial W} = (\bm{z} - \bm{t}) \bm{x}^{\mathsf T}",
        r"\frac{\partial L}{\partial W} = (\bm{z} - \bm{t}) \bm{x}^\top",
        r"\frac{\partial L}{\partial \bm{x}} = W^{\intercal} (\bm{z} - \bm{t})",
        r"\frac{\partial L}{\partial \mathbf{x}} = W^{\top} (\mathbf{z} - \mathbf{t})",
        r"\frac{\partial L}{\partial \boldsymbol{x}} = W^{\top} (\boldsymbol{z} - \boldsymbol{t})",
        r"\frac{\partial L}{\partial \vec{x}} = W^{\top} (\vec{z} - \vec{t})",
        r"L = \frac{1}{2} \left\lVert \bm{z} - \bm{t} \right\rVert^2",
        r"L = \frac{1}{2} \lVert \bm{z} - \bm{t} \rVert^2",
    ],
)
def test_transposes_fonts_and_norms_of_vectors(row):
    got = verdicts(VECTORS.replace("ROW", row))
    assert got[line_of(VECTORS, "ROW") + 0] == ["proved"], got
    slipped = row.replace(r"- \bm{t}", r"+ \bm{t}").replace(r"- \mathbf{t}", r"+ \mathbf{t}")
    slipped = slipped.replace(r"- \boldsymbol{t}", r"+ \boldsymbol{t}").replace(r"- \vec{t}", "")
    got = verdicts(VECTORS.replace("ROW", slipped))
    assert "proved" not in got[line_of(VECTORS, "ROW")], got


SOFTMAX = r"""# Softmax and cross-entropy

The scores $z \in \mathbb{R}^K$ and one-hot labels $y$ with $\sum_k y_k = 1$.

$$ p = FUNCTION(z) $$

$$ L = -\sum_{k=1}^{K} y_k \log p_k $$

$$ \frac{\partial L}{\partial z_i} = p_i - y_i $$
"""


@pytest.mark.parametrize(
    "spelled",
    [
        r"\operatorname{softmax}",
        r"\mathrm{softmax}",
        r"\text{softmax}",
        r"{\rm softmax}",
        r"\mathrm{Softmax}",
    ],
)
def test_softmax_in_each_upright_spelling(spelled):
    text = SOFTMAX.replace("FUNCTION", spelled)
    line = line_of(text, "p_i - y_i")
    assert verdicts(text)[line] == ["proved"]
    assert "proved" not in verdicts(text.replace("p_i - y_i", "p_i + y_i"))[line]


@pytest.mark.parametrize(
    ("definition", "named"),
    [
        (r"y_i = \gamma_i \left( x_i - \mu \middle| \mu \right) + \beta_i", "\\middle"),
        (r"y'_i = \gamma_i (x_i - \mu) + \beta_i", "prime"),
    ],
)
def test_a_row_whose_meaning_is_unclear_is_unchecked_naming_the_construct(definition, named):
    text = document(definition)
    found = [f for f in check(text, "doc.md").findings if f.where.line == DEF_LINE]
    assert [f.status for f in found] == ["unchecked"]
    assert named in found[0].message
