"""Differentials (`dY = dX\\, W + X\\, dW`) and the Frobenius product (`G : dY`): each line
is claimed once for each variable it varies, proved when true, refuted when a term is wrong,
and not read when it is not first order."""

from __future__ import annotations

import pytest

from symbn.language.latex.guessed import toml_of
from symbn.verify.document import check

CONTEXT = r"""+++
[sizes]
N = "rows"
D = "inputs"
C = "outputs"

[indices]
i = "N"
n = "N"
d = "D"
e = "D"
c = "C"
k = "C"

[inputs]
X = { shape = ["N", "D"] }
W = { shape = ["D", "C"] }
G = { shape = ["N", "C"] }
x = { shape = ["D"], latex = "\\mathbf{x}" }
dy = { shape = ["C"], latex = "d\\mathbf{y}" }

[defines]
Y = { shape = ["N", "C"] }
s = { shape = [] }

[loss]
name = "L"
latex = "L"
of = "Y"
upstream = "G"

[notation]
differentials = "d"
+++

$$ Y = X W $$

$$ s = \mathbf{x}^T \mathbf{x} $$
"""


def statuses(body: str, context: str = CONTEXT) -> list[str]:
    """The status of each finding on the last line of the document."""
    r = check(context + "\n" + body + "\n", "doc.md")
    last = max(f.where.line for f in r.findings)
    return [f.status for f in r.findings if f.where.line == last]


@pytest.mark.parametrize(
    "line",
    [
        r"$$ dY = dX\, W + X\, dW $$",
        r"$$ dY = \mathrm{d}X\, W + X\, \mathrm{d}W $$",
        r"$$ dL = \frac{\partial L}{\partial Y} : dY $$",
        r"$$ dL = \operatorname{tr}\left(\frac{\partial L}{\partial Y}^T dY\right) $$",
        r"$$ dL = \nabla_Y L\, W^T : dX + X^T \nabla_Y L : dW $$",
        r"$$ dL = \sum_{n,k} \frac{\partial L}{\partial Y_{nk}} dY_{nk} $$",
        r"$$ ds = 2 \mathbf{x}^T d\mathbf{x} $$",
    ],
)
def test_a_true_line_in_differentials_is_proved_for_each_variable(line):
    got = statuses(line)
    assert got
    assert set(got) == {"proved"}


@pytest.mark.parametrize(
    "line",
    [
        r"$$ dY = dX\, W + dX\, W $$",  # a term by the wrong differential
        r"$$ dL = 2 \frac{\partial L}{\partial Y} W^T : dX $$",  # a coefficient
        r"$$ ds = \mathbf{x}^T d\mathbf{x} $$",  # the 2 dropped
    ],
)
def test_a_wrong_term_is_refuted(line):
    assert "refuted" in statuses(line)


def test_an_input_whose_differential_is_not_written_is_held_fixed():
    # dY = dX W is the change of Y as X alone changes: true.
    assert statuses(r"$$ dY = dX\, W $$") == ["proved"]


def test_a_wrong_term_leaves_the_right_variable_proved():
    # dY = dX W + 2 X dW: true in X, false in W.
    assert sorted(statuses(r"$$ dY = dX\, W + 2 X\, dW $$")) == ["proved", "refuted"]


@pytest.mark.parametrize(
    "line",
    [
        r"$$ dY = dX\, W + W\, dX $$",  # W dX does not conform
        r"$$ dL = \frac{\partial L}{\partial Y} : dX $$",  # two shapes
    ],
)
def test_sides_of_different_shapes_are_refuted(line):
    assert statuses(line) == ["refuted"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (r"$$ dY = dX\, dW $$", "a product of two differentials"),
        (r"$$ ds = \exp(d\mathbf{x}^T \mathbf{x}) $$", "inside a function"),
    ],
)
def test_what_is_not_first_order_is_not_read(line, reason):
    r = check(CONTEXT + "\n" + line + "\n", "doc.md")
    last = max(f.where.line for f in r.findings)
    (finding,) = [f for f in r.findings if f.where.line == last]
    assert finding.status == "unchecked"
    assert reason in finding.message


def test_a_name_spelled_with_d_stays_that_name():
    # d\mathbf{y} is the context's input dy, not the differential of y.
    r = check(CONTEXT + "\n$$ s = d\\mathbf{y}^T d\\mathbf{y} $$\n", "doc.md")
    assert not any("differential" in f.message for f in r.findings)


def test_without_the_notation_d_is_not_a_differential():
    context = CONTEXT.replace('[notation]\ndifferentials = "d"\n', "")
    assert "proved" not in statuses(r"$$ dY = dX\, W + X\, dW $$", context)


def test_the_inferred_context_reads_d_before_the_loss_as_a_differential():
    doc = (
        "$$ Y = X W $$\n\n"
        "$$ dL = \\frac{\\partial L}{\\partial Y} : dY $$\n\n"
        "$$ \\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Y} W^T $$\n"
    )
    inferred = toml_of(doc, "doc.md")
    assert 'differentials = "d"' in inferred
    assert 'latex = "L"' in inferred
    assert "[gradients]" not in inferred


def test_the_inferred_context_keeps_d_a_gradient_where_no_d_stands_before_the_loss():
    doc = "$$ Z = X W $$\n\n$$ dW = X^T dZ $$\n\n$$ dX = dZ W^T $$\n"
    inferred = toml_of(doc, "doc.md")
    assert "differentials" not in inferred
    assert '[gradients]\nloss = ["d"]' in inferred
