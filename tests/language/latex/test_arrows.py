"""Arrows that say "so" on a row of equations (`symbn.language.latex.arrows`): each equation
beside one is a claim of its own, never one chain through the arrow; a graph's list of
names before one gives the equation after it; any other is a relation left unchecked."""

from __future__ import annotations

import pytest

from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

CONTEXT = r"""+++
[inputs]
x = { shape = [] }
w = { shape = [] }
b = { shape = [] }
+++
"""


def texts(tex: str) -> str:
    return " ".join(t.text for t in tokenize(tex))


def statuses(body: str) -> dict[int, list[str]]:
    """The statuses `symbn check` gives each line of the body, counted from its first."""
    r = check(CONTEXT + body, "doc.md")
    first = CONTEXT.count("\n") + 1
    out: dict[int, list[str]] = {}
    for f in r.findings:
        if f.kind != "lint" and f.status != "warning":
            out.setdefault(f.where.line - first + 1, []).append(f.status)
    return out


@pytest.mark.parametrize(
    ("tex", "tokens"),
    [
        (r"a = b \rightarrow c = d", r"a = b \Rightarrow c = d"),
        (r"a = b \longrightarrow c = d", r"a = b \Rightarrow c = d"),
        (r"a = b \to c = d", r"a = b \Rightarrow c = d"),
        (r"a &= b \\ \rightarrow c &= d", r"a & = b \\ \Rightarrow c & = d"),
        (r"x, W^{(1)} \rightarrow a = W^{(1)} x", r"a = W ^ { ( 1 ) } x"),
        (r"\hat{y}, t \to S = t \hat{y}", r"S = t \hat { y }"),
        (r"S \Rightarrow J = -S", r"J = - S"),
        (r"u, v \implies w = u v", r"w = u v"),
        (r"\text{so} \Rightarrow w = u", r"\text{so} \Rightarrow w = u"),  # words, not names
        (r"u + v \Rightarrow w = u", r"u + v \Rightarrow w = u"),
        (r"x \rightarrow 0", r"x \to 0"),  # a limit: the relation \to
        (r"a &= b \\ \rightarrow &= c", r"a & = b \\ \to & = c"),  # no left side of its own
        (r"\lim_{h \to 0} f = 1", r"\lim _ { h \to 0 } f = 1"),
        (r"h \to 0 \quad f = 1", r"h \to 0 f = 1"),  # no name's equation after the arrow
        (r"x + y \rightarrow z = 1", r"x + y \to z = 1"),  # no list of names before it
        (r"f(x \to y = 1)", r"f ( x \to y = 1 )"),  # inside a bracket
    ],
)
def test_an_arrow_is_read_as_so_only_where_nothing_else_fits(tex, tokens):
    assert texts(tex) == tokens


def test_each_equation_beside_an_arrow_is_its_own_claim():
    got = statuses(
        "$$\\frac{\\partial (w x)}{\\partial w} = x \\rightarrow "
        "\\frac{\\partial (w x^2)}{\\partial w} = x^2$$\n"
    )
    assert got == {1: ["proved", "proved"]}


@pytest.mark.parametrize("arrow", [r"\rightarrow", r"\longrightarrow", r"\to", r"\Rightarrow"])
def test_a_false_equation_before_an_arrow_is_not_proved_with_the_true_one(arrow):
    got = statuses(
        f"$$\\frac{{\\partial (w x)}}{{\\partial w}} = 2x {arrow} "
        "\\frac{\\partial (w x^2)}{\\partial w} = x^2$$\n"
    )
    assert got == {1: ["refuted", "proved"]}
    got = statuses(f"$$w x = w x {arrow} w = 2 w$$\n")
    assert got[1][0] == "proved"
    assert got[1][1] != "proved"


def test_an_arrow_opening_an_align_row_reads_the_row_after_it():
    body = r"""$$
\begin{aligned}
u &= (w x - b)^2 \\
\rightarrow \frac{\partial u}{\partial w} &= 2x(w x - b)
\end{aligned}
$$
"""
    assert statuses(body) == {3: ["defined"], 4: ["proved"]}
    slipped = body.replace("&= 2x(w x - b)", "&= x(w x - b)")
    assert statuses(slipped)[4] == ["refuted"]


GRAPH = r"""Each node of the graph, after the inputs it is computed from:

$$
x, w \rightarrow u = w x \\
u \rightarrow s = u^2 \\
s, b \rightarrow J = s + b
$$

$$\frac{\partial J}{\partial w} = 2 w x^2$$
"""


def test_a_graph_list_defines_each_node_and_a_slip_after_it_is_refuted():
    assert statuses(GRAPH) == {4: ["defined"], 5: ["defined"], 6: ["defined"], 9: ["proved"]}
    assert statuses(GRAPH.replace("= 2 w x^2", "= w x^2"))[9] == ["refuted"]
    assert statuses(GRAPH.replace("s = u^2", "s = u^3"))[9] == ["refuted"]


def test_a_limit_arrow_is_a_relation_left_unchecked():
    got = statuses("$$w x + b \\rightarrow b$$\n")
    assert got == {1: ["unchecked"]}
    r = check(CONTEXT + "$$w x + b \\rightarrow b$$\n", "doc.md")
    assert any("\\to is not checked" in f.message for f in r.findings)


def test_a_name_before_an_implication_leaves_the_equation_after_it_a_definition():
    body = r"""$$u \Rightarrow J = -u^2$$

$$u = w x$$

$$\frac{\partial J}{\partial w} = -2 u x$$
"""
    assert statuses(body) == {1: ["defined"], 3: ["defined"], 5: ["proved"]}
    assert statuses(body.replace("= -2 u x", "= 2 u x"))[5] == ["refuted"]
