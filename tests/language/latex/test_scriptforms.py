"""symbn.language.latex.scriptforms: a prime set as a superscript, a group of letters
inside a subscript and braces around one letter before its script (`\\partial {Z}_i`) read
as their short forms; parenthesised layers (`v_{pq}^{(2)}`) and a
function named by a letter and written with a prime (`g(s)`, `g'(s)`) read with no context."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import slipped

from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "layer_parens.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("long", "short"),
    [
        (r"\sum_{k^{'}} u_{k^{'}}", r"\sum_{k'} u_{k'}"),
        (r"x^\prime + y^{\prime}", r"x' + y'"),
        (r"w_{k{j'}} + w_{{i}j}", r"w_{kj'} + w_{ij}"),
        (r"w_{k{j+1}}", r"w_{k{j+1}}"),  # not letters alone: kept
        (r"a^{(2)}_{ij}", r"a^{(2)}_{ij}"),
        (r"\log_e s_i + \log_{e}(x)", r"\ln s_i + \ln(x)"),
        (r"\log_2 s_i", r"\log_2 s_i"),  # another base: kept, and not read
        (r"z1 = w1 x1 + b1", r"z_1 = w_1 x_1 + b_1"),  # numbered names, as worked examples
        (r"E_y1 + e^{-z2}", r"E_{y1} + e^{-z_2}"),
        (r"x_{i1} + 2x + x 2", r"x_{i1} + 2x + x 2"),  # kept: a subscript's own, and spaced
        (r"{Z}_i + \partial {Z}_j", r"Z_i + \partial Z_j"),  # braces around one letter
        (r"{x}^2 + {y}", r"x^2 + {y}"),
        (r"\hat{x}_i + \frac{a}{b}_i", r"\hat{x}_i + \frac{a}{b}_i"),  # arguments: kept
    ],
)
def test_a_script_reads_as_its_short_form(long, short):
    assert [t.text for t in tokenize(long)] == [t.text for t in tokenize(short)]


def test_the_prime_stands_against_its_letter():
    k, prime = tokenize(r"u_{k^{'}}")[3:5]
    assert (prime.text, prime.start) == ("'", k.end)


def test_parenthesised_layers_and_a_primed_letter_function_are_read_with_no_context():
    found = [f for f in check(DOC, "doc.md").findings if f.kind in ("claim", "step", "definition")]
    assert [f.status for f in found].count("defined") == 2
    assert [f.status for f in found if f.kind != "definition"] == ["proved"] * 4


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"= g'(s_p^{(2)})", r"= g(s_p^{(2)})"),
        (r"= h_q^{(1)}", r"= h_p^{(1)}"),
        (r"= v_{pq}^{(2)}", r"= v_{qp}^{(2)}"),
        (r"v_{p{q'}}^{(2)} h_{q'}^{(1)}", r"v_{p{q'}}^{(2)} h_{q}^{(1)}"),
    ],
)
def test_a_slip_in_a_parenthesised_layer_is_not_proved(old, new):
    got = slipped(DOC, old, new)
    assert "refuted" in got or "unchecked" in got
    assert got.count("proved") <= 1  # of a chain of two, the unchanged equation


def test_a_braced_letter_with_its_script_is_the_element_in_a_denominator():
    doc = "$$y_i = {Z}_i^2 + x_i$$\n\n$$\\frac{\\partial y_i}{\\partial {Z}_i} = 2 {Z}_i$$\n"
    proved = [f.message for f in check(doc, "doc.md").findings if f.status == "proved"]
    assert proved == ["diff(y[i], Z[i]) = 2*Z[i]"]
    assert "proved" not in slipped(doc, "= 2 {Z}_i$", "= {Z}_i$")
