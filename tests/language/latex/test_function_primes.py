"""The derivative of a function of the table written with a prime, `\\sigma'(z_i)`,
`\\tanh'(z_i)`, `\\operatorname{ReLU}'(z_i)`: the table's derivative at the argument."""

from __future__ import annotations

import pytest

from symbn.language.latex.printer import derivative_text
from symbn.source.positions import Span, TexError
from symbn.verify.document import check

CONTEXT = r"""+++
[sizes]
N = "units"
[indices]
i = "N"
j = "N"
[inputs]
z = { shape = ["N"] }
[defines]
a = { shape = ["N"] }
t = { shape = ["N"] }
r = { shape = ["N"] }
[functions]
sigmoid = ["\\sigma"]
+++

$$ a_i = \sigma(z_i) $$

$$ t_i = \tanh(z_i) $$

$$ r_i = \operatorname{ReLU}(z_i) $$
"""


def statuses(line: str) -> list[str]:
    r = check(CONTEXT + "\n" + line + "\n", "doc.md")
    last = max(f.where.line for f in r.findings)
    return [f.status for f in r.findings if f.where.line == last]


@pytest.mark.parametrize(
    "line",
    [
        r"$$ \frac{\partial a_i}{\partial z_j} = \sigma'(z_i) \delta_{ij} $$",
        r"$$ \sigma'(z_i) = \sigma(z_i)(1 - \sigma(z_i)) = a_i (1 - a_i) $$",
        r"$$ \frac{\partial t_i}{\partial z_i} = \tanh'(z_i) = 1 - t_i^2 $$",
        r"$$ \frac{\partial r_i}{\partial z_i} = \operatorname{ReLU}'(z_i) $$",
    ],
)
def test_a_true_line_with_a_function_prime_is_proved(line):
    got = statuses(line)
    assert got
    assert set(got) == {"proved"}


@pytest.mark.parametrize(
    "line",
    [
        r"$$ \frac{\partial a_i}{\partial z_i} = \sigma'(2 z_i) $$",
        r"$$ \frac{\partial t_i}{\partial z_i} = \sigma'(z_i) $$",
        r"$$ \frac{\partial a_i}{\partial z_i} = \sigma(z_i) \sigma'(z_i) $$",
    ],
)
def test_a_wrong_function_prime_is_refuted(line):
    assert statuses(line) == ["refuted"]


def test_a_second_derivative_is_not_read():
    assert statuses(r"$$ \frac{\partial a_i}{\partial z_i} = \sigma''(z_i) $$") == ["unchecked"]


def test_every_function_with_a_derivative_prints_one_the_language_reads():
    assert derivative_text("sigmoid", "z[i]", Span(0, 1)) == "((1 - sigmoid(z[i]))*sigmoid(z[i]))"
    assert derivative_text("log", "(2*z[i])", Span(0, 1)) == "(1/(2*z[i]))"
    with pytest.raises(TexError, match="derivative max' is not read"):
        derivative_text("max", "z[i]", Span(0, 1))
