"""symbn.report: what `symbn verify` prints for each verdict. A derived claim shows its closed
form, a refuted one its residual and a counterexample with only the inputs it uses and exact
zeros as 0, everything in the expression language; one claim is "1 claim"."""

from __future__ import annotations

import dataclasses

import pytest
from headers import header

import symbn
from symbn.emit import verdicts as report
from symbn.errors import Location
from symbn.verify.verdicts import FileReport, Result, mp_str

TWO_INPUTS = (
    header(
        "Two inputs",
        """
    x = { shape = ["N"] }
    y = { shape = ["N"] }
""",
        sizes={"N": "rows"},
        indices={"i": "N", "p": "N"},
    )
    + """
[[define]]
name = "m"
expr = "sum(x[p], p) / N"

[[claim]]
name = "dm"
lhs = "diff(m**2, x[i])"

[[claim]]
name = "wrong"
lhs = "diff(m**2, x[i])"
rhs = "m / N"
"""
)


@pytest.fixture(scope="module")
def verified(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "two.toml"
    path.write_text(TWO_INPUTS)
    verified = dataclasses.replace(symbn.load(path).verify(), seconds=0.5)
    return FileReport(str(path), verified)


def test_a_derived_claim_shows_its_closed_form_in_the_language(verified):
    derived = verified.verdicts[0]
    assert derived.status == "derived"
    assert report.details(derived, verified.model) == ["= 2*m/N"]


def test_a_refuted_claim_shows_the_residual_and_only_the_inputs_it_uses(verified):
    wrong = verified.verdicts[1]
    assert wrong.status == "refuted"
    lines = report.details(wrong, verified.model)
    assert lines[0] == "lhs - rhs = m/N"
    assert lines[1].startswith("counterexample: N=")
    assert any(x.startswith("  x = [") for x in lines)
    assert not any(x.startswith("  y = ") for x in lines)  # y is not used by the claim
    assert "KroneckerDelta" not in "\n".join(lines)


def test_text_names_the_file_each_claim_and_the_summary(verified):
    lines = report.text(verified)
    assert lines[0] == f"{verified.path}: Two inputs"
    assert lines[1].split() == ["derived", lines[1].split()[1], "s", "dm"]
    assert lines[-1] == "  2 claims: 1 derived, 1 refuted (0.50 s)"


@pytest.mark.parametrize(("n", "noun"), [(0, "claims"), (1, "claim"), (2, "claims")])
def test_summary_agrees_in_number(n, noun):
    results = [Result(f"c{k}", "", "proved", 0.0, None) for k in range(n)]
    assert report.summary(results, 1.0).startswith(f"  {n} {noun}: ")


@pytest.mark.parametrize(
    ("value", "scale", "shown"),
    [
        (1e-17, 1, "0"),
        (-3e-13, 2.0, "0"),
        (1e-9, 1, "1.0e-9"),
        (0.603515625, 1, "0.603515625"),
        (2e-12, 1000, "0"),
    ],
)
def test_a_value_that_is_zero_up_to_rounding_prints_as_zero(value, scale, shown):
    assert mp_str(value, scale) == shown


def test_json_of_a_claim_prints_formulas_in_the_language(verified):
    doc = report.claim_json(verified.report.results[1], verified.model)
    assert doc["residual"] == "m/N"
    assert doc["closed_form"] == "2*m/N"
    assert set(doc["counterexample"]["inputs"]) == {"x"}


def test_github_annotations_escape_what_the_log_format_reads():
    line = report.annotation("error", Location("a,b:c.toml", 3, 4), "x", "a\nb 100%")
    assert line == "::error file=a%2Cb%3Ac.toml,line=3,col=4::a%0Ab 100%25"
    assert report.annotation("warning", None, "d.toml", "m") == "::warning file=d.toml::m"


LINEAR = (
    header(
        "A linear layer",
        """
    X = { shape = ["N", "D"] }
    W = { shape = ["D", "C"] }
    G = { shape = ["N", "C"] }
""",
        sizes={"N": "rows", "D": "features", "C": "classes"},
        indices={"n": "N", "k": "N", "d": "D", "c": "C", "j": "C"},
    )
    + """
[[define]]
name = "Y"
index = ["n", "c"]
expr = "sum(X[n, d] * W[d, c], d)"

[[claim]]
name = "dX"
lhs = "sum(G[k, j] * diff(Y[k, j], X[n, d]), k, j)"
rhs = "sum(G[n, c] * W[d, c], c) / N"

[layer]
output = "Y"
upstream = "G"
gradients = { X = "dX" }
"""
)


@pytest.mark.parametrize(("notation", "shown"), [("matrix", True), ("index", False)])
def test_a_refuted_matrix_claim_shows_its_residual_in_matrix_form_too(notation, shown):
    verified = symbn.loads(LINEAR, "linear.toml").verify().verified
    (claim,) = verified.model.claims
    object.__setattr__(claim, "notation", notation)  # as a claim written at matrix level says
    lines = report.claim_lines(verified.verdicts[0], verified.model)
    assert lines[1].startswith("      lhs - rhs = ")  # the index form stays, first
    matrix = "      in matrix form: lhs - rhs = (N - 1)/N * G @ W.T"
    assert (lines[2] == matrix) is shown
    assert any("in matrix form" in x for x in lines) is shown
