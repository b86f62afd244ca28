"""Batch norm as its algorithm writes it, read with no context: assignments (`\\leftarrow`),
names labelled by the batch (`\\mu_\\mathcal{B}`), the loss written `\\ell`, a sum of a
negated term (`\\sum_{i=1}^m -2(x_i - \\mu_\\mathcal{B})`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import slipped

from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "bn_algorithm.md").read_text(encoding="utf-8")


def test_the_algorithm_and_its_gradients_are_checked_with_no_context():
    r = check(DOC, "doc.md")
    statuses = [f.status for f in r.findings]
    assert statuses.count("defined") == 4
    assert statuses.count("proved") == 6
    assert "refuted" not in statuses


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"\frac{2(x_i - \mu_\mathcal{B})}{m}", r"\frac{(x_i - \mu_\mathcal{B})}{m}"),
        (r"\cdot \frac{1}{m}$$", r"\cdot \frac{1}{m - 1}$$"),
        (r"\epsilon)^{-3/2}$$", r"\epsilon)^{-1/2}$$"),
    ],
)
def test_a_slip_in_a_gradient_is_not_proved(old, new):
    got = slipped(DOC, old, new)
    assert got
    assert "proved" not in got


@pytest.mark.parametrize(
    ("tex", "texts"),
    [
        (r"\mu \leftarrow \frac{1}{m} x", ["\\mu", "="]),
        (r"a \gets b", ["a", "="]),
        (r"g \coloneqq h", ["g", "="]),
        (r"w \leftarrow w - \eta g", ["w", "\\leftarrow"]),  # an update: not an equation
    ],
)
def test_an_assignment_is_an_equation_and_an_update_is_not(tex, texts):
    assert [t.text for t in tokenize(tex)][:2] == texts


ROW = (Path(__file__).parents[2] / "markdown" / "layernorm_row.md").read_text(encoding="utf-8")
MEAN_TERM = r"- \frac{1}{H}\sum_{j=1}^H \gamma_j g_j -"


def test_a_layer_norm_row_written_two_equations_a_row_is_checked_with_no_context():
    r = check(ROW, "doc.md")
    statuses = [f.status for f in r.findings]
    # x's shape from the line above, μ and σ² on one row, x̂ and y on the next
    assert statuses.count("defined") == 5
    assert statuses.count("proved") == 4
    assert "refuted" not in statuses


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            r"- \frac{1}{H}\sum_{j=1}^H \gamma_j g_j -",
            r"- \frac{1}{H-1}\sum_{j=1}^H \gamma_j g_j -",
        ),
        (r"= g_i \hat{x}_i,", r"= g_i,"),
    ],
)
def test_a_slip_in_the_layer_norm_row_is_not_proved(old, new):
    got = slipped(ROW, old, new)
    assert got
    assert got.count("proved") < slipped(ROW, old, old).count("proved")
