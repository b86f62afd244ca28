"""Staged partial derivatives (`[notation] partials = "staged"`): ∂A/∂B of A's own expression
with the other definitions held fixed, as a computational graph takes its local derivatives;
checked so when the context says so, refuted as total derivatives when it says "total", and
unchecked with the reason when it says neither and only the staged reading holds."""

from __future__ import annotations

import pytest

from symbn.verify.document import check

CONTEXT = r"""+++
[sizes]
N = "rows"

[indices]
i = "N"
k = "N"
p = "N"

[inputs]
x = { shape = ["N"] }
epsilon = { shape = [], positive = true, latex = "\\epsilon" }

[defines]
mu = { shape = [], latex = "\\mu" }
var = { shape = [], latex = "\\sigma^2" }
xhat = { shape = ["N"], latex = "\\hat{x}" }
{notation}
+++

$$
\mu = \frac{1}{N} \sum_p x_p, \qquad
\sigma^2 = \frac{1}{N} \sum_p (x_p - \mu)^2, \qquad
\hat{x}_k = \frac{x_k - \mu}{\sqrt{\sigma^2 + \epsilon}}
$$
"""

#: (the line, its verdict with staged partials, with total ones)
LINES = [
    (
        r"\frac{\partial \hat{x}_k}{\partial x_i} = \frac{\Delta_{ik}}{\sqrt{\sigma^2 + \epsilon}}",
        "proved",
        "refuted",
    ),
    (
        r"\frac{\partial \hat{x}_k}{\partial \mu} = -\frac{1}{\sqrt{\sigma^2 + \epsilon}}",
        "proved",
        "proved",
    ),
    (r"\frac{\partial \sigma^2}{\partial x_i} = \frac{2 (x_i - \mu)}{N}", "proved", "proved"),
    (r"\frac{\partial \sigma^2}{\partial x_i} = \frac{2 (x_i + \mu)}{N}", "refuted", "refuted"),
    (
        r"\frac{\partial \hat{x}_k}{\partial x_i} = \frac{2 \Delta_{ik}}"
        r"{\sqrt{\sigma^2 + \epsilon}}",
        "refuted",
        "refuted",
    ),
]


def _status(notation: str, line: str) -> str:
    r = check(CONTEXT.replace("{notation}", notation) + f"\n$$\n{line}\n$$\n", "doc.md")
    (f,) = [f for f in r.findings if f.kind == "claim"]
    return f.status


@pytest.mark.parametrize(("line", "staged", "total"), LINES, ids=[str(n) for n in range(5)])
def test_staged_and_total_partials(line, staged, total):
    assert _status('[notation]\npartials = "staged"', line) == staged
    assert _status('[notation]\npartials = "total"', line) == total


def test_a_line_true_only_as_a_staged_partial_is_not_refuted_when_the_context_is_silent():
    r = check(CONTEXT.replace("{notation}", "") + f"\n$$\n{LINES[0][0]}\n$$\n", "doc.md")
    (f,) = [f for f in r.findings if f.kind == "claim"]
    assert f.status == "unchecked"
    assert "staged partials" in f.message
    slip = check(CONTEXT.replace("{notation}", "") + f"\n$$\n{LINES[4][0]}\n$$\n", "doc.md")
    assert [f.status for f in slip.findings if f.kind == "claim"] == ["refuted"]


LOSS = r"""
[loss]
name = "ell"
latex = "\\ell"
of = "xhat"
upstream = "dy"
"""

CHAIN = (
    r"\frac{\partial \ell}{\partial x_i} = \sum_k \frac{\partial \ell}{\partial \hat{x}_k}"
    r" \frac{\partial \hat{x}_k}{\partial x_i} + \frac{\partial \ell}{\partial \mu}"
    r" \frac{\partial \mu}{\partial x_i} + \frac{\partial \ell}{\partial \sigma^2}"
    r" \frac{\partial \sigma^2}{\partial x_i}"
)


def test_the_chain_rule_of_a_computational_graph_holds_with_staged_partials():
    # the local derivatives staged, those of the loss (the adjoints) total
    text = CONTEXT.replace("{notation}", LOSS + '[notation]\npartials = "staged"')
    text = text.replace("[inputs]\n", '[inputs]\ndy = { shape = ["N"] }\n', 1)
    r = check(text + f"\n$$\n{CHAIN}\n$$\n", "doc.md")
    assert [f.status for f in r.findings if f.kind == "claim"] == ["proved"]
