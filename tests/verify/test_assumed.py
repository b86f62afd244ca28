"""symbn.verify.assumed and the input rule of symbn.verify.intermediate: a line that holds
only where the targets sum to one, or that differentiates a name the document never defines,
is unchecked with the reason, never refuted; a line false either way is still refuted."""

from __future__ import annotations

from symbn.verify.document import check

CONTEXT = r"""+++
[sizes]
K = "classes"

[indices]
i = "K"
k = "K"

[inputs]
y = { shape = ["K"] }
p = { shape = ["K"] }
o = { shape = ["K"] }
+++

"""


def _finding(body: str):
    r = check(CONTEXT + body, "doc.md")
    (f,) = [f for f in r.findings if f.kind in ("claim", "step")]
    return f


def test_a_line_true_where_the_targets_sum_to_one_names_that_assumption():
    f = _finding("$$ p_i \\sum_k y_k - y_i = p_i - y_i $$\n")
    assert f.status == "unchecked"
    assert 'declare y with simplex = "K"' in f.message


def test_declared_a_simplex_it_is_proved():
    text = CONTEXT.replace('y = { shape = ["K"] }', 'y = { shape = ["K"], simplex = "K" }')
    body = "$$ p_i \\sum_k y_k - y_i = p_i - y_i $$\n"
    r = check(text + body, "doc.md")
    assert [f.status for f in r.findings if f.kind == "claim"] == ["proved"]


def test_a_line_false_even_so_is_refuted():
    f = _finding("$$ p_i \\sum_k y_k - y_i = 2 p_i - y_i $$\n")
    assert f.status == "refuted"


def test_the_derivative_of_a_name_never_defined_is_not_judged():
    f = _finding("$$ \\frac{\\partial p_k}{\\partial o_i} = p_k (\\delta_{ik} - p_i) $$\n")
    assert f.status == "unchecked"
    assert "p is an input (no line defines it)" in f.message


#: Cross-entropy at the example's own class k: y is one-hot, so y_k = 1 and the step holds.
TRUE_CLASS = r"""The scores are $p_i = \frac{e^{o_i}}{\sum_j e^{o_j}}$ and the loss
$L = -\sum_i y_i \log p_i$, with $y$ one-hot at the correct class $k$:

$$ -\sum_i y_i \log p_i = -y_k \log p_k = -\log p_k $$
"""


def test_a_step_true_at_the_true_class_is_not_refuted():
    got = [f for f in check(TRUE_CLASS, "doc.md").findings if f.where.line == 4]
    assert "refuted" not in [f.status for f in got]
    assert any("y[k] = 1" in f.message for f in got)


def test_a_step_false_at_the_true_class_too_is_refuted():
    slipped = TRUE_CLASS.replace(r"= -\log p_k $$", r"= -2 \log p_k $$")
    got = [f.status for f in check(slipped, "doc.md").findings if f.where.line == 4]
    assert "refuted" in got
