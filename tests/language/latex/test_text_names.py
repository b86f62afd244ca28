"""A word set as text that a row defines or differentiates, `\\text{Loss} = …` and
`\\frac{\\partial \\text{Loss}}{\\partial w}`, is a name; prose words stay prose
(`symbn.language.latex.namesat.text_name`)."""

from __future__ import annotations

from documents import statuses

from symbn.language.latex.calls import text_name
from symbn.language.latex.guessed import toml_of
from symbn.language.latex.texlex import tokenize

DOC = r"""# Squared error

$$ \hat{y}_i = w x_i + b $$

$$ \text{Loss} = \frac{1}{n} \sum_{i=1}^{n} (\hat{y}_i - y_i)^2 $$

$$ \frac{\partial \text{Loss}}{\partial w} = \frac{2}{n} \sum_{i=1}^{n} (\hat{y}_i - y_i) x_i $$
"""


def test_a_word_a_row_defines_is_a_name():
    assert 'Loss = { shape = [], latex = "\\\\text{Loss}" }' in toml_of(DOC, "doc.md")
    got = statuses(DOC)
    assert got[5] == ["defined"]
    assert got[7] == ["proved"]


def test_a_wrong_gradient_of_the_word_is_refuted():
    got = statuses(DOC.replace(r"= \frac{2}{n}", r"= \frac{1}{n}"))
    assert got[7] == ["refuted"]


def test_prose_words_are_no_names():
    for maths in (r"\text{ if } = 1", r"\text{where} = 1", r"\text{for}", r"\text{exp} = 1"):
        toks = tokenize(maths)
        assert text_name(toks, 0) is None, maths
    assert text_name(tokenize(r"\text{MSE} = 1"), 0) == "MSE"
    assert text_name(tokenize(r"\partial \text{MSE}"), 1) == "MSE"
    assert text_name(tokenize(r"a \text{MSE} b"), 1) is None  # neither defined nor differentiated


GELU = r"""# GELU, tanh form

$$ \text{GELU}(x) =
\frac{1}{2} x \left(1 + \tanh\left(\sqrt{\frac{2}{\pi}} (x + 0.044715 x^3)\right)\right) $$

$$ y = \text{GELU}(x) $$

$$ u = \sqrt{\frac{2}{\pi}} (x + 0.044715 x^3) $$

$$ \frac{\partial y}{\partial x} = \frac{1}{2} (1 + \tanh(u))
+ \frac{1}{2} x (1 - \tanh^2(u)) \sqrt{\frac{2}{\pi}} (1 + 0.134145 x^2) $$
"""


def test_a_word_set_as_text_at_its_argument_is_the_function_its_row_defines():
    got = statuses(GELU)
    assert got[3] == ["defined"]
    assert got[10] == ["proved"]
    wrong = GELU.replace(r"(1 + 0.134145 x^2) $$", r"(1 + 0.044715 x^2) $$")
    assert statuses(wrong)[10] == ["refuted"]
