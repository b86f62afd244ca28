"""A scalar written with what it depends on is the scalar itself — `J(w_1, w_2, b)`,
`J(w, b; x, y)`, `l(\\hat{y}, y)`, `l(f(x), y)` — in a derivative's numerator, after
`\\frac{\\partial}{\\partial w}` and inline in prose; written at other arguments
(`J(w + \\epsilon, b)`, `J(w', b)`, `J(w_1, w_1, b)`) it is not, and the row is unchecked."""

from __future__ import annotations

from mutated import verdicts

from symbn.language.latex.applied import call_end
from symbn.language.latex.calledwith import defined_calls, written_twice
from symbn.language.latex.texlex import tokenize
from symbn.source.document.markdown import read_markdown
from symbn.verify.document import check

TWO = r"""# A line through two features

$$J(w_1, w_2, b) = \frac{1}{2}(w_1 x_1 + w_2 x_2 + b - y)^2$$

$$\frac{\partial J(w_1, w_2, b)}{\partial b} = w_1 x_1 + w_2 x_2 + b - y$$

$$\frac{\partial}{\partial w_1} J(w_1, w_2, b) = (w_1 x_1 + w_2 x_2 + b - y) x_1$$
"""

SEMICOLON = r"""# A line with its data after a semicolon

$$J(w, b; x, y) = \frac{1}{2}(w x + b - y)^2$$

$$\frac{\partial}{\partial w} J(w, b; x, y) = (w x + b - y) x$$

$$\frac{\partial J(w, b; x, y)}{\partial b} = w x + b - y$$

The gradient in $b$ is $\frac{\partial J(w, b; x, y)}{\partial b} = w x + b - y$.
"""

LOSS = r"""+++
[inputs]
x = { shape = [] }
w = { shape = [] }
b = { shape = [] }
y = { shape = [] }
dl = { shape = [] }

[defines]
yhat = { shape = [], latex = "\\hat{y}" }

[loss]
name = "loss"
latex = "l"
of = "yhat"
upstream = "dl"
+++
# A loss of the prediction

$$\hat{y} = w x + b$$

$$\frac{\partial l(\hat{y}, y)}{\partial w} = \frac{\partial l(\hat{y}, y)}{\partial \hat{y}} x$$

$$\frac{\partial l(f(x), y)}{\partial b} = \frac{\partial l(f(x), y)}{\partial \hat{y}}$$
"""


def test_the_scalar_with_its_parameters_is_proved():
    got = verdicts(TWO)
    assert got[3] == ["defined"]
    assert got[5] == got[7] == ["proved"]


def test_the_semicolon_form_is_the_scalar():
    got = verdicts(SEMICOLON)
    assert got[3] == ["defined"]
    assert got[5] == got[7] == got[9] == ["proved"]


def test_the_loss_of_the_prediction_is_the_loss():
    got = verdicts(LOSS)
    assert got[22] == got[24] == ["proved"]


def test_a_changed_factor_sign_or_coefficient_is_refuted():
    assert verdicts(TWO.replace("b - y) x_1", "b - y) x_2"))[7] == ["refuted"]
    assert verdicts(TWO.replace("= w_1 x_1", "= 2 w_1 x_1"))[5] == ["refuted"]
    assert verdicts(SEMICOLON.replace("(w x + b - y) x$$", "(w x + b + y) x$$"))[5] == ["refuted"]
    assert verdicts(SEMICOLON.replace("b - y$$", "b - y + 1$$", 1))[7] == ["refuted"]
    wrong = LOSS.replace(r"{\partial \hat{y}} x$$", r"{\partial \hat{y}} w$$")
    assert verdicts(wrong)[22] == ["refuted"]


def test_the_scalar_at_other_arguments_is_never_read_as_the_scalar():
    for other in (
        r"J(w_1, w_1, b)",
        r"J(w_2, w_1, b)",
        r"J(w_1, b)",
        r"J(w_1 + \epsilon, w_2, b)",
        r"J(w_1', w_2, b)",
        "J(2, w_2, b)",
    ):
        got = verdicts(TWO.replace(r"\partial J(w_1, w_2, b)}", r"\partial " + other + "}"))
        assert got[5] == ["unchecked"], other
    for other in (r"J(w + h, b; x, y)", r"J(w, w; x, y)", r"J(w, b; 2 x, y)"):
        got = verdicts(SEMICOLON.replace(r"\partial J(w, b; x, y)}", r"\partial " + other + "}"))
        assert got[7] == got[9] == ["unchecked"], other
    got = verdicts(
        LOSS.replace(
            r"\partial l(f(x), y)}{\partial b}", r"\partial l(\hat{y} + 1, y)}{\partial b}"
        )
    )
    assert got[24] == ["unchecked"]


def test_what_a_list_of_arguments_is():
    def end(text: str, *, single: bool = False) -> int | None:
        toks = tokenize(text)
        return call_end(toks, 1, single=single)

    assert end("J(w_1, w_2, b)") == len(tokenize("J(w_1, w_2, b)"))
    assert end("J(W, b; x, y)") == len(tokenize("J(W, b; x, y)"))
    assert end(r"L(\hat{y}, y)") == len(tokenize(r"L(\hat{y}, y)"))
    assert end("l(f(x), y)") == len(tokenize("l(f(x), y)"))
    assert end("s(z)") == 1  # a function at z
    assert end("l(z)", single=True) == len(tokenize("l(z)"))
    for other in (
        "J(w + e, b)",
        "J(w', b)",
        "J(2, b)",
        "J(w, w)",
        "J(w, b - 1)",
        r"J(w \cdot 2, b)",
    ):
        assert end(other) is None, other


def test_the_arguments_a_definition_lists():
    doc = read_markdown(TWO + "\n$$f(x) = x^2$$\n")
    assert defined_calls(doc) == {"J": "( w _ 1 , w _ 2 , b )", "f": "( x )"}


AT_ANOTHER_POINT = r"""
$$E(\mathbf{w}) = \frac{1}{2} \sum_{n=1}^{N} (\mathbf{w}^T \mathbf{x}_n - t_n)^2$$

$$\mathcal{L}(w) = w^2$$

$$\mathcal{L}(w + \epsilon) = w^2 + 2 w \epsilon + \epsilon^2$$

$$J(u) = u^2$$

$$J(u + \epsilon) = u^2 + 2 u \epsilon + \epsilon^2$$
"""


def test_a_name_defined_at_one_variable_and_written_at_another_point_is_no_product():
    found = check(AT_ANOTHER_POINT, "doc.md").findings
    for line in (6, 10):  # L(w + ε), J(u + ε): the scalar at another point, not L (w + ε)
        got = [f for f in found if f.where.line == line]
        assert got
        assert all(f.status == "unchecked" for f in got)
        assert any("at arguments other than" in f.message for f in got)


AT_ANOTHER_VARIABLE = r"""# A cost defined at one vector, then written at another

Let $w$ and $v$ be vectors of size $n$.

$$E(w) = \sum_{i=1}^{n} w_i^2$$

$$E(v) = \sum_{i=1}^{n} v_i^2$$

$$E(w) = \sum_{i=1}^{n} w_i w_i$$
"""


def test_a_row_defining_the_name_at_another_variable_is_not_a_claim_about_the_name():
    # E(v) = … after E(w) = …: the value at v, not E; read as E it was refuted (here it is
    # true of the function) or, with v for w, proved whatever it said
    found = check(AT_ANOTHER_VARIABLE, "doc.md").findings
    got = [f for f in found if f.where.line == 7]
    assert [f.status for f in got] == ["unchecked"]
    assert "arguments other than those of its definition" in got[0].message
    assert verdicts(AT_ANOTHER_VARIABLE)[9] == ["proved"]  # at its own variable: E itself
    wrong = AT_ANOTHER_VARIABLE.replace("w_i w_i", "w_i w_i + 1")
    assert verdicts(wrong)[9] == ["refuted"]


AT_TWO_LISTS = r"""# The loss of the last output

$$
\begin{align*}
L &= l(y, \hat{y}) \\
  &= l(y, c)
\end{align*}
$$
"""


def test_a_scalar_one_display_writes_at_two_lists_of_arguments_is_held_to_the_first():
    """Read as the scalar, l(y, ŷ) and l(y, c) would both drop their arguments and the step
    would be proved whatever c is; the second is the scalar at another point."""
    assert verdicts(AT_TWO_LISTS)[6] == ["unchecked"]
    assert defined_calls(read_markdown(AT_TWO_LISTS))["l"] == r"( y , \hat { y } )"
    same = AT_TWO_LISTS.replace("l(y, c)", r"l(y, \hat{y})")
    assert "l" not in defined_calls(read_markdown(same))
    assert "proved" in verdicts(same)[6]


ACROSS = r"""# The loss, then the loss again

$$L = l(y, \hat{y})$$

$$L = l(y, c)$$
"""


def test_a_scalar_written_at_other_names_in_another_display_is_held_to_the_first():
    assert verdicts(ACROSS)[5] == ["unchecked"]
    assert written_twice(read_markdown(ACROSS)) == {"l": r"( y , \hat { y } )"}
    indexed = ACROSS.replace("l(y, c)", r"l(y_i, \hat{y}_i)")
    assert written_twice(read_markdown(indexed)) == {}  # the same names, at an index
    batch = ACROSS.replace("l(y, c)", r"l(Y, \hat{Y})")
    assert written_twice(read_markdown(batch)) == {}  # the same names, a batch of them
