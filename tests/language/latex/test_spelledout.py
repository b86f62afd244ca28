"""A letter a row defines by spelling out a function of the language (`g(\\xi) =
\\frac{1}{1 + e^{-\\xi}}`) is that function wherever the document applies it; a letter also
written as a name, or defined two ways, is not."""

from __future__ import annotations

from symbn.language.latex.spelledout import spelled_out
from symbn.source.document.formats import read_document
from symbn.verify.document import check

SIGMOID = r"""
$$g(\xi) = \frac{1}{1 + e^{-\xi}}$$

$$\frac{dg}{d\xi} = g(\xi) (1 - g(\xi))$$

$$z = g(a x)$$

$$\frac{\partial z}{\partial a} = z (1 - z) x$$

$$\frac{\partial z}{\partial a} = z (1 - z) a$$

$$\frac{\partial z}{\partial x} = z (1 + z) a$$
"""


def verdicts(doc: str) -> list[tuple[int, str]]:
    found = check(doc, "doc.md").findings
    return [(f.where.line, f.status) for f in found if f.status != "warning"]


def letters(doc: str) -> dict[str, str]:
    return spelled_out(read_document(doc, "doc.md"))


def test_a_letter_defined_as_the_sigmoid_is_the_sigmoid_where_applied():
    assert letters(SIGMOID) == {"g": "sigmoid"}
    got = verdicts(SIGMOID)
    assert got[:4] == [(2, "proved"), (4, "proved"), (6, "defined"), (8, "proved")]
    assert got[4:] == [(10, "refuted"), (12, "refuted")]  # a wrong factor, a wrong sign


def test_tanh_and_relu_spelled_out_and_a_bracket_written_with_left():
    doc = (
        r"$$\text{Let } h(u) = \frac{e^u - e^{-u}}{e^u + e^{-u}}.$$"
        "\n\n"
        r"$$\rho(v) = \max(0, v)$$"
        "\n\n"
        r"$$y = h\left(\rho(w) + b\right)$$"
        "\n"
    )
    assert letters(doc) == {"h": "tanh", "\\rho": "relu"}


def test_a_letter_written_as_a_name_or_defined_two_ways_is_no_function():
    named = SIGMOID + "\n$$y = g + 1$$\n"  # g alone, a name
    assert letters(named) == {}
    twice = SIGMOID + "\n$$g(\\xi) = \\frac{e^{\\xi}}{1 + e^{\\xi}} + 1$$\n"
    assert letters(twice) == {}
    assert letters(r"$$x(t) = \frac{1}{1 + e^{-t}}$$ and $$y = 2 x$$") == {}


def test_a_letter_applied_with_a_layer_label_is_still_the_function_it_spells():
    doc = "$$f(u) = \\frac{1}{1 + e^{-u}}$$\n\n$$a_{out} = f_{out}(z_{out}) + f_o'(z_o)$$\n"
    assert letters(doc) == {"f": "sigmoid"}
