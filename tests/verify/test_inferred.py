"""Refutations under an inferred context: held back where the inference is in doubt,
standing where it is not."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from paths import ROOT

import symbn
from symbn.verify.inferred import written_inputs
from symbn.verify.status import Status


def _check(tmp_path, text: str):
    path = tmp_path / "doc.md"
    path.write_text(text)
    return symbn.check(str(path))


def test_a_refutation_that_rests_on_a_guess_is_held_back(tmp_path):
    # p = x + y at matrix level, with p_i and x_i written elsewhere: the inference takes p
    # for an input and guesses the shapes; the line, true as written, is not refuted
    doc = _check(
        tmp_path,
        "$$\np = x + y\n$$\n\n$$\nq_i = p_i - \\sum_{j} p_j\n$$\n\n"
        "$$\nq_i = x_i + y_i - \\sum_{j} p_j\n$$\n",
    )
    assert Status.REFUTED not in [f.status for f in doc.findings]
    held = [f for f in doc.findings if "refuted only under the inferred context" in f.message]
    assert [f.where.line for f in held] == [2, 10]
    assert all(f.status == Status.UNCHECKED for f in held)
    # p = x + y holds element by element whatever the shapes: what is in doubt is p itself
    assert "p is taken as an input although line 2 writes an equation for it" in held[0].message
    assert "p is taken as an input although line 2 writes an equation for it" in held[1].message


def test_the_seed_slip_is_still_refuted_without_a_context():
    doc = symbn.check(str(ROOT / "docs/seed/000_58bc31ae350973dc.txt"))
    refuted = [f for f in doc.findings if f.status == Status.REFUTED]
    assert [f.where.line for f in refuted] == [125]


@pytest.mark.parametrize(
    ("lhs", "written"),
    [
        ("sigma", True),
        ("sigma[i]", True),
        ("sigma**2", True),
        ("sigma**(1/2)", True),
        ("sigma*x", False),
        ("2*sigma", False),
        ("sigma[i] - m[i]", False),
        ("diff(sigma, x[i])", False),
    ],
)
def test_an_input_written_alone_an_element_or_a_power_on_a_left_side_is_suspect(lhs, written):
    context = SimpleNamespace(inputs=[SimpleNamespace(name="sigma")])
    claim = SimpleNamespace(kind="equation", lhs=lhs, rhs="x", where=SimpleNamespace(line=7))
    assert written_inputs(context, [claim]) == ({"sigma": 7} if written else {})
    # `a \odot w = \mathbf{g}`: the name as a whole right side is suspect too
    claim = SimpleNamespace(
        kind="equation", lhs="a[i]*w[i]", rhs=lhs, where=SimpleNamespace(line=7)
    )
    assert written_inputs(context, [claim]) == ({"sigma": 7} if written else {})
    # … but a derivative's value is no equation for the input it equals
    claim = SimpleNamespace(
        kind="equation", lhs="diff(loss, x[i])", rhs=lhs, where=SimpleNamespace(line=7)
    )
    assert written_inputs(context, [claim]) == {}


def test_an_elementwise_identity_at_matrix_level_is_refuted_whatever_the_shapes(tmp_path):
    # tanh(z) = 2σ(z) - 1 is false at every element, whatever z's shape (2σ(2z) - 1 is
    # meant); the true identity beside it is proved, and one with a product stays held back
    doc = _check(
        tmp_path,
        "For $z \\in \\mathbb{R}^n$ and the logistic sigmoid $\\sigma$:\n\n"
        "$$ t = \\tanh(z) = 2 \\sigma(z) - 1 $$\n\n"
        "$$ u = \\tanh(z) = 2 \\sigma(2 z) - 1 $$\n\n"
        "$$ W = A B, \\quad W = B A $$\n",
    )
    got = {(f.where.line, f.status) for f in doc.findings if f.kind != "definition"}
    assert (3, Status.REFUTED) in got
    assert (5, Status.PROVED) in got
    assert (5, Status.REFUTED) not in got
    assert not any(s == Status.REFUTED for line, s in got if line == 7)


SHAPED = (
    "$$\nX \\in \\mathbb{R}^{N \\times D}\n$$\n\n"
    "$$\ny_n = \\sum_{d=1}^{D} X_{nd}\n$$\n\n"
    "$$\n\\frac{\\partial y_n}{\\partial X_{nd}} = 1\n$$\n"
)


def test_a_shape_the_inferred_context_takes_from_the_document_is_read_not_proved(tmp_path):
    doc = _check(tmp_path, SHAPED)
    size = next(f for f in doc.findings if f.where.line == 2)
    assert size.status == Status.DEFINED
    assert "so it is read, not checked" in size.message
    assert [f.status for f in doc.findings if f.where.line == 10] == [Status.PROVED]
    assert (doc.checked.rows_checked, doc.checked.rows) == (1, 1)  # the shape: no row


def test_a_shape_the_users_context_gives_is_checked(tmp_path):
    (tmp_path / "ctx.toml").write_text(
        '[sizes]\nN = "rows"\nD = "columns"\n\n[indices]\nn = "N"\nd = "D"\n\n'
        '[inputs]\nX = { shape = ["N", "N"] }\n'
    )
    path = tmp_path / "doc.md"
    path.write_text(SHAPED)
    doc = symbn.check(str(path), context=str(tmp_path / "ctx.toml"))
    size = next(f for f in doc.findings if f.where.line == 2)
    assert size.status == Status.REFUTED  # the context says N × N, the line N × D


MEAN_IN_WORDS = (
    "# Centring\n\nHere $\\mu$ is the batch mean of the $x_i$.\n\n"
    "$$ u_i = x_i - \\mu $$\n\n"
    "$$ \\sum_{i=1}^{m} u_i = 0 $$\n"
)


@pytest.mark.parametrize("mu", ["$\\mu$", "$$\\mu$$"])  # kramdown's inline maths too
def test_an_input_the_prose_calls_the_mean_is_not_taken_as_free_for_a_refutation(tmp_path, mu):
    """Σ (x_i − μ) = 0 holds for the batch mean the prose names, not for any μ: with μ read
    as an input the line would be refuted for a μ the document never means."""
    doc = _check(tmp_path, MEAN_IN_WORDS.replace("$\\mu$", mu, 1))
    (line,) = [f for f in doc.findings if f.where.line == 7]
    assert line.status == Status.UNCHECKED
    assert "mu is taken as an input although the prose calls it the mean" in line.message
    # without the words, μ is an input like any other, and the line is false for most μ
    plain = _check(tmp_path, MEAN_IN_WORDS.replace(" is the batch mean of the $x_i$", ""))
    assert [f.status for f in plain.findings if f.where.line == 7] == [Status.REFUTED]


DENSITY = (
    "# A density\n\n$$ \\log p(x \\mid \\mu, \\sigma) = -\\frac{(x - \\mu)^2}{2\\sigma^2} "
    "- \\log \\sigma $$\n\n"
    "$$ \\frac{\\partial}{\\partial x} \\log p(x \\mid \\mu, \\sigma) "
    "= -\\frac{x - \\mu}{\\sigma^2} $$\n"
)


def test_a_name_written_as_a_function_of_inputs_but_defined_nowhere_is_not_constant(tmp_path):
    """p(x | μ, σ), read as a name p the inferred context takes for an input: its log is
    not a definition symbn holds, and its derivative by x is not zero for want of one."""
    doc = _check(tmp_path, DENSITY)
    assert Status.REFUTED not in [f.status for f in doc.findings]
    (derivative,) = [f for f in doc.findings if f.where.line == 5]
    assert derivative.status == Status.UNCHECKED
    # p(x | μ, σ) at other arguments than any line gives it, or p a name no line ties to x
    assert "it is not read as p" in derivative.message or "no line ties p" in derivative.message


@pytest.mark.parametrize("sign", ["", "-"])
def test_a_derivative_zero_by_construction_on_both_sides_proves_nothing(tmp_path, sign):
    """d = -d holds only where d is 0, which it is only for want of a line tying p to o:
    neither that nor d = d, read so, is a proof."""
    d = "\\frac{\\partial}{\\partial o_k}(\\log p_k)"
    text = (
        f"Let $L = -\\log p_k$.\n\n$$ \\frac{{\\partial L}}{{\\partial o_k}} = {d} = {sign}{d} $$\n"
    )
    steps = [f for f in _check(tmp_path, text).findings if f.where.line == 3]
    assert Status.PROVED not in [f.status for f in steps]
    assert any("no line ties p to o" in f.message for f in steps)


def test_prose_about_a_statistic_of_something_else_does_not_free_an_input(tmp_path):
    """`$\\mu$ is a vector whose mean is zero` says nothing of what μ is."""
    doc = _check(tmp_path, MEAN_IN_WORDS.replace("the batch mean of", "a number whose mean is"))
    assert [f.status for f in doc.findings if f.where.line == 7] == [Status.REFUTED]
