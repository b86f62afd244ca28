"""A loss given through its gradient: what a claim may ask of it."""

from __future__ import annotations

import os
import subprocess
import sys

import symbn
from symbn.verify.status import Status

DOC = """+++
[sizes]
N = "rows"
C = "outputs"
[indices]
n = "N"
c = "C"
[inputs]
X = { shape = ["N", "C"] }
T = { shape = ["N", "C"] }
G = { shape = ["N", "C"] }
[defines]
Y = { shape = ["N", "C"] }
[loss]
name = "L"
of = "Y"
upstream = "G"
+++
$$ Y = \\tanh(X) $$

$$ \\frac{\\partial L}{\\partial Y} = Y - T $$

$$ \\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Y} \\odot (1 - Y \\odot Y) $$

$$ \\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Y} \\odot (1 - Y) $$
"""


def test_a_value_for_the_upstream_is_unchecked_and_gradients_are_judged(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text(DOC)
    by_line = {f.where.line: f for f in symbn.check(str(path)).findings}
    # which loss it is, the context does not say: not refuted, not proved
    assert by_line[21].status == Status.UNCHECKED
    assert "says which loss L is" in by_line[21].message
    assert by_line[23].status == Status.PROVED
    assert by_line[25].status == Status.REFUTED  # false for every loss


def test_a_value_for_a_gradient_further_back_without_the_upstream_is_unchecked(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text(
        DOC
        + "\n$$ \\frac{\\partial L}{\\partial X} = (Y - T) \\odot (1 - Y \\odot Y) $$\n"
        + "\n$$ \\frac{\\partial L}{\\partial X} = 2 G \\odot (1 - Y \\odot Y) $$\n"
    )
    by_line = {f.where.line: f for f in symbn.check(str(path)).findings}
    # (Y - T) ⊙ (1 - Y ⊙ Y) is ∂L/∂X of the squared error only: not refuted, not proved
    assert by_line[27].status == Status.UNCHECKED
    assert "holds for one loss only" in by_line[27].message
    assert by_line[29].status == Status.REFUTED  # with the upstream, false for every loss


def test_the_derivative_a_message_names_does_not_depend_on_string_hashing(tmp_path):
    # two derivatives of L by names Y is not computed from: the first in SymPy's order is
    # named, not the first a set of them happens to give under this PYTHONHASHSEED
    path = tmp_path / "doc.md"
    path.write_text(
        DOC + "\n$$ \\frac{\\partial L}{\\partial T} = \\frac{\\partial L}{\\partial G} $$\n"
    )
    said = set()
    for seed in ("0", "1", "2", "3", "5"):
        done = subprocess.run(
            [sys.executable, "-m", "symbn", "check", str(path)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=False,
        )
        lines = [x for x in done.stdout.splitlines() if ":27:" in x]
        assert len(lines) == 1
        assert "which is not computed from" in lines[0]
        said.add(lines[0])
    assert len(said) == 1


LEFT_OUT = """+++
[sizes]
N = "rows"
[indices]
n = "N"
[inputs]
X = { shape = ["N"] }
G = { shape = ["N"] }
[defines]
Y = { shape = ["N"] }
Z = { shape = ["N"] }
[loss]
name = "L"
of = "Y"
upstream = "G"
+++
$$ Y_n = \\tanh(Z_n) $$

$$ \\frac{\\partial L}{\\partial X_n} = G_n $$
"""


def test_a_loss_of_a_name_whose_definition_is_left_out_says_why(tmp_path):
    # Y uses Z, which no line defines: Y is left out, and the loss with it; the line about
    # the loss says that, not "unknown name 'L'"
    path = tmp_path / "doc.md"
    path.write_text(LEFT_OUT)
    (f,) = [f for f in symbn.check(str(path)).findings if f.where.line == 19]
    assert f.status == Status.UNCHECKED
    assert "the loss (L) is a function of Y, whose definition is left out" in f.message
    assert "uses Z, which the document never defines" in f.message
    assert "unknown name" not in f.message
