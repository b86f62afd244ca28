"""A generic layer l (`symbn.language.layers`): the four equations of backpropagation in
index form, with the cost left unsaid (a function of the output layer L only) and the error
named with `\\equiv`, are proved with no context; each slip of them is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from symbn.verify.document import check

DOC = (Path(__file__).parents[1] / "markdown" / "layer_errors.md").read_text(encoding="utf-8")
#: The lines of the document, by what they say.
BP1 = r"\delta^L_j = \frac{\partial C}{\partial a^L_j} \sigma'(z^L_j)"
BP2 = r"\delta^l_j = \sum_k w^{l+1}_{kj} \delta^{l+1}_k \sigma'(z^l_j)"
CHAIN = (
    r"\delta^l_j = \sum_k \frac{\partial C}{\partial z^{l+1}_k} "
    r"\frac{\partial z^{l+1}_k}{\partial z^l_j}"
)
LINK = r"\frac{\partial z^{l+1}_k}{\partial z^l_j} = w^{l+1}_{kj} \sigma'(z^l_j)"
BP3 = r"\frac{\partial C}{\partial b^l_j} = \delta^l_j"
BP4 = r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j"


def _verdicts(text: str) -> dict[str, str]:
    """The verdict of each of the four lines in `text`, by its line as written there."""
    claims = {f.where.line: f.status for f in check(text, "doc.md").findings if f.kind == "claim"}
    rows = text.splitlines()
    return {rows[n - 1].strip(" $"): status for n, status in claims.items()}


def test_the_four_equations_are_proved_with_no_context():
    got = _verdicts(DOC)
    for line in (BP1, CHAIN, LINK, BP2, BP3, BP4):
        assert got[line] == "proved", line


def test_the_recursion_is_read_for_the_hidden_layers():
    found = [f for f in check(DOC, "doc.md").findings if f.kind == "claim"]
    recursion = next(f for f in found if "w[l + 1, k, j]*diff(loss" in f.message)
    assert recursion.status == "proved"
    assert "when l <= L - 1" in recursion.message


@pytest.mark.parametrize(
    ("line", "old", "new"),
    [
        (BP2, "w^{l+1}_{kj}", "w^{l}_{kj}"),  # the weights of layer l, not l + 1
        (BP2, "w^{l+1}_{kj}", "w^{l+1}_{jk}"),  # the transpose missing
        (BP2, r"\delta^{l+1}_k", r"\delta^{l}_k"),  # the error of the layer itself
        (BP2, r" \sigma'(z^l_j)", ""),  # the activation's derivative missing
        (BP1, r" \sigma'(z^L_j)", ""),
        (CHAIN, r"C}{\partial z^{l+1}_k}", r"C}{\partial a^{l+1}_k}"),  # by the activation
        (LINK, "w^{l+1}_{kj}", "w^{l+1}_{jk}"),
        (LINK, r"\sigma'(z^l_j)", r"\sigma'(z^{l+1}_k)"),
        (BP3, r"= \delta^l_j", r"= \delta^l_k"),  # another neuron's error
        (BP4, "a^{l-1}_k", "a^{l}_k"),  # the activation of the layer itself
        (BP4, r"a^{l-1}_k \delta^l_j", r"a^{l-1}_j \delta^l_k"),
    ],
)
def test_a_slip_is_never_proved(line, old, new):
    assert old in line
    wrong = line.replace(old, new)
    got = _verdicts(DOC.replace(line, wrong))
    assert got[wrong] != "proved"
    assert got[wrong] in {"refuted", "unchecked", "unknown"}


def test_the_time_axis_of_a_recurrence_keeps_its_loss_at_every_step():
    # t over T is no layer: a loss of h reaches every step, so ∂E/∂h_t has a direct part
    text = (
        "$$ h_{t,j} = \\tanh(\\sum_k w_{jk} h_{t-1,k}) $$\n\n"
        "$$ \\frac{\\partial E}{\\partial h_{t,j}} = "
        "\\sum_k w_{kj} \\frac{\\partial E}{\\partial h_{t+1,k}} (1 - h_{t+1,k}^2) $$\n"
    )
    got = [f for f in check(text, "doc.md").findings if f.kind == "claim"]
    assert got
    assert all(f.status != "proved" for f in got)


TEX = (Path(__file__).parents[1] / "markdown" / "layer_macros.tex").read_text(encoding="utf-8")
#: The error's recursion of the .tex, its layer in parentheses through a macro.
RECURSION = r"E^{(l)}_k = \Big(\sum_m E^{(l+1)}_m W^{(l+1)}_{mk}\Big) \sigma'(\Z{l}{k})"


def _tex_verdicts(text: str) -> dict[str, str]:
    found = check(text, "doc.tex").findings
    rows = text.splitlines()
    return {rows[f.where.line - 1].strip(): f.status for f in found if f.kind == "claim"}


def test_a_layer_in_parentheses_through_macros_is_proved():
    got = _tex_verdicts(TEX)
    assert got[RECURSION] == "proved"
    assert got[r"\dC{b^{(l)}_k} = E^{(l)}_k"] == "proved"
    assert got[r"\dC{W^{(l)}_{kj}} = E^{(l)}_k \A{l-1}{j}"] == "proved"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("W^{(l+1)}_{mk}", "W^{(l+1)}_{km}"),
        ("E^{(l+1)}_m", "E^{(l)}_m"),
        (r" \sigma'(\Z{l}{k})", ""),
    ],
)
def test_a_slip_in_parentheses_is_never_proved(old, new):
    wrong = RECURSION.replace(old, new)
    got = _tex_verdicts(TEX.replace(RECURSION, wrong))
    assert got[wrong] in {"refuted", "unchecked", "unknown"}
