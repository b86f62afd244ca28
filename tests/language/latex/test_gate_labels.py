"""A gate's letter before a step in one subscript, read with no context: `z_{gt}` beside
`g_t` is the gate's z at step t (z_g[t]), `V_{gj}` beside a sum over j is V_g[j], and
`z_{g,t-1}` is z_g at the step before; the step itself written alone in prose (`$t-1$`)
is no name. Derivatives by a gate's input that no line defines are held back, never
proved or refuted."""

from __future__ import annotations

import pytest
from documents import read_well, slipped

from symbn.language.latex.guessed import toml_of
from symbn.verify.document import check

DOC = r"""
Each gate squashes its own input: $g_t = \sigma(z_{gt})$ and $q_t = \tanh(z_{qt})$, and
reads $p_t = \sum_{j=1}^{M} V_{gj} a_{tj}$. The memory at $t$ uses the memory at $t-1$:

$$ r_t = g_t r_{t-1} + q_t $$

$$ m_t = \tanh(r_t) $$

Its local derivatives:

$$
\begin{align*}
\frac{dm_t}{dr_t} &= \frac{d}{dr_t} \tanh(r_t) \\
&= 1 - \tanh^2(r_t) \\
\frac{dq_{t}}{dz_{q,t}} &= 1 - q_t^2 \\
\frac{dr_t}{dq_t} &= \frac{d}{dq_t}\left(g_t r_{t-1} + q_t\right) \\
&= +1
\end{align*}
$$
"""


def test_the_gate_labels_name_their_inputs():
    inferred = toml_of(DOC, "doc.md")
    assert 'z_g = { shape = ["n_t"], latex = "z_{g}" }' in inferred
    assert 'z_q = { shape = ["n_t"], latex = "z_{q}" }' in inferred
    assert "\nt = { shape" not in inferred  # $t-1$ in prose is the step, no name


def test_the_local_derivatives_are_proved():
    statuses = [f.status for f in check(DOC, "doc.md").findings]
    assert statuses.count("proved") >= 2
    assert "refuted" not in statuses


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"&= 1 - \tanh^2(r_t)", r"&= 1 + \tanh^2(r_t)"),
        (r"&= 1 - q_t^2", r"&= 1 - q_t"),
        ("&= +1", "&= g_t"),
    ],
)
def test_a_slip_in_a_gate_derivative_is_not_proved(old, new):
    got = slipped(DOC, old, new)
    assert got
    assert "proved" not in got


def test_a_derivative_through_an_undefined_gate_input_is_held_back():
    doc = DOC.replace(
        r"\frac{dr_t}{dq_t} &=",
        "\\frac{dz_{gt}}{dV_{gj}} &= a_{tj} \\\\\n\\frac{dr_t}{dq_t} &=",
    )
    got = [f.status for f in check(doc, "doc.md").findings if "dV_{gj}" in f.where.source]
    assert got
    assert "proved" not in got
    assert "refuted" not in got


def test_an_index_letter_written_alone_in_prose_is_no_name():
    """`$i$ is the class` beside `y_i` (also between escaped `\\\\( … \\\\)`) speaks of the
    index, so the rows that use it as one are still read."""
    doc = (
        "The output \\\\(y_i\\\\) of class \\\\(i\\\\), one of \\\\(K\\\\):\n\n"
        "$$ y_i = \\frac{e^{z_i}}{\\sum_{k=1}^K e^{z_k}} $$\n\n"
        "$$ \\frac{\\partial y_i}{\\partial z_i} = y_i (1 - y_i) $$\n"
    )
    assert "\ni = { shape" not in read_well(doc)


@pytest.mark.parametrize(
    "row",
    [
        r"\frac{dr_t}{dg_{t-1}} = 0",  # r_t reaches g_{t-1} through r_{t-1}
        r"\frac{dr_{t+1}}{dg_t} = 0",  # and the next step reaches this one
        r"\frac{dm_t}{dq_{t-1}} = 0",
    ],
)
def test_a_derivative_across_steps_is_not_taken_within_one(row):
    doc = f"{DOC}\n$$ {row} $$\n"
    got = [f.status for f in check(doc, "doc.md").findings if f.where.line == doc.count("\n")]
    assert got
    assert "proved" not in got
