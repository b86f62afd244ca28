"""The derivations of docs/matrix, written in matrix notation as people publish them: every
true line is proved, and the one planted slip of each is refuted at its line — and
proved once the slip is mended, so the refutation is the slip's and nothing else's."""

from __future__ import annotations

import pytest
from paths import ROOT

import symbn
from symbn.emit.findings import text
from symbn.verify.status import Status

DOCS = ROOT / "docs" / "matrix"
#: document -> (the slip as written, the line mended)
SLIPS = {
    "linear_softmax_ce.md": (
        r"\frac{\partial \mathcal{L}}{\partial Z} W",
        r"\frac{\partial \mathcal{L}}{\partial Z} W^\top",
    ),
    "mlp_relu.md": (r"db_1 &= dA\, \mathbf{1}", r"db_1 &= dA^\top \mathbf{1}"),
    "batchnorm_vector.md": (r"dX = \Big(", r"dX = \frac{1}{N}\Big("),
    "layernorm_vector.md": (
        r"d\hat{X} = dY \odot \mathbf{1}_N\beta^\top",
        r"d\hat{X} = dY \odot \mathbf{1}_N\gamma^\top",
    ),
    "attention.md": (r"dK &= \frac{1}{\sqrt{E}}\, dS\, Q", r"dK &= \frac{1}{\sqrt{E}}\, dS^\top Q"),
}


def _line_of(text: str, fragment: str) -> int:
    (line,) = [n for n, row in enumerate(text.splitlines(), 1) if fragment in row]
    return line


def _check(path):
    doc = symbn.check(str(path))
    statuses = [f.status for f in doc.findings]
    assert Status.UNKNOWN not in statuses
    assert Status.UNCHECKED not in statuses
    assert doc.checked.rows_checked == doc.checked.rows
    return doc


@pytest.mark.parametrize("name", sorted(SLIPS))
def test_the_slip_is_refuted_at_its_line_and_nothing_else(name):
    path = DOCS / name
    doc = _check(path)
    refuted = [f for f in doc.findings if f.status == Status.REFUTED]
    assert [f.where.line for f in refuted] == [_line_of(path.read_text(), SLIPS[name][0])]
    assert doc.summary[Status.PROVED] >= 2
    assert doc.status() == 1


@pytest.mark.parametrize("name", sorted(SLIPS))
def test_mended_the_document_is_proved_throughout(name, tmp_path):
    slip, mended = SLIPS[name]
    text = (DOCS / name).read_text()
    assert text.count(slip) == 1
    fixed = tmp_path / name
    fixed.write_text(text.replace(slip, mended))
    doc = _check(fixed)
    assert doc.summary[Status.REFUTED] == 0
    assert doc.status() == 0


def test_a_refuted_matrix_line_shows_its_residual_in_matrix_form():
    lines = text(symbn.check(str(DOCS / "layernorm_vector.md")).checked)
    residual = lines.index("    lhs - rhs = (-beta[l] + gamma[l])*G[n, l]")
    assert lines[residual + 1] == "    in matrix form: lhs - rhs = outer(ones(N), gamma - beta) * G"
    # a line at index level has none
    seed = symbn.check(
        str(ROOT / "docs/seed/000_58bc31ae350973dc.txt"),
        context=str(ROOT / "derivations/seed.context.toml"),
    )
    assert not any("in matrix form" in x for x in text(seed.checked))


#: attention with projections: the gradient of W_k nests its sums unlike X^T dL/dK
PROJECTED = """+++
[sizes]
n = "positions"
D = "model width"
d = "head width"
[indices]
i = "n"
j = "n"
k = "n"
r = "D"
s = "D"
a = "d"
c = "d"
[inputs]
X = { shape = ["n", "D"] }
Wq = { shape = ["D", "d"], latex = "W_q" }
Wk = { shape = ["D", "d"], latex = "W_k" }
Wv = { shape = ["D", "d"], latex = "W_v" }
G = { shape = ["n", "d"] }
[defines]
Q = { shape = ["n", "d"] }
K = { shape = ["n", "d"] }
V = { shape = ["n", "d"] }
S = { shape = ["n", "n"] }
A = { shape = ["n", "n"] }
Z = { shape = ["n", "d"] }
[loss]
name = "L"
of = "Z"
upstream = "G"
+++
$$ Q = X W_q $$

$$ K = X W_k $$

$$ V = X W_v $$

$$ S = \\frac{Q K^T}{\\sqrt{d}} $$

$$ A = \\operatorname{softmax}(S) $$

$$ Z = A V $$

$$ \\frac{\\partial L}{\\partial W_k} = X^T \\frac{\\partial L}{\\partial K} $$
"""


def test_a_gradient_through_two_softmax_rows_is_proved(tmp_path):
    path = tmp_path / "projected.md"
    path.write_text(PROJECTED)
    doc = symbn.check(str(path))
    assert doc.summary[Status.PROVED] == 1
    assert doc.summary[Status.UNKNOWN] == 0
