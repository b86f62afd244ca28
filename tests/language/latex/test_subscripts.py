"""Index tokens against their axes, and the index a bare \\sum binds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from documents import slipped

from symbn.language.latex.printer import to_language
from symbn.language.latex.subscripts import bind_sums, index_of
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.language.latex.tree import Last, Letter, Number, Sum
from symbn.language.limits import MAX_INDEX, index_too_large
from symbn.source.positions import TexError, TexInputError
from symbn.verify.document import check


def tree(text, bn):
    return bind_sums((parse(tokenize(text), bn),))[0]


def test_a_bare_sum_binds_the_index_only_its_body_has(bn):
    left = parse(tokenize(r"\sigma^2_l"), bn)
    right = parse(tokenize(r"\frac{1}{N} \sum (h_{pl} - \mu_l)^2"), bn)
    _, bound = bind_sums((left, right))
    assert to_language(bound, bn) == "1/N*sum((h[p, l] - mu[l])**2, p)"


def test_bare_sums_in_matrix_cells_bind_within_the_cell(bn):
    m = tree(r"\begin{pmatrix} h_{1,1} - \frac{1}{N}\sum h_{p, 1} & 0 \end{pmatrix}", bn)
    s = m.rows[0][0].terms[1][1].factors[1]
    assert isinstance(s, Sum)
    assert s.indices == ("p",)


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("k", Letter("k")),
        ("3", Number(3)),
        ("N", Last("N")),
    ],
)
def test_an_index_token_is_a_letter_a_number_or_the_last_position(text, index, bn):
    (tok,) = tokenize(text)
    assert index_of(tok, bn, "N", "axis 1 of h") == index


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("j", "index j runs over L but axis 1 of h has size N"),
        ("L", "L is used as the last position of axis 1 of h, which has size N"),
        ("0", "indices start at 1"),
        ("x", "'x' is not a declared index"),
    ],
)
def test_an_index_that_does_not_fit_its_axis(text, message, bn):
    (tok,) = tokenize(text)
    with pytest.raises(TexError, match=re.escape(message)):
        index_of(tok, bn, "N", "axis 1 of h")


def test_the_index_of_a_bare_sum_is_not_one_used_outside_it(bn):
    row = (parse(tokenize(r"\mu_l"), bn), parse(tokenize(r"\sum h_{pl} + \sum h_{qm}"), bn))
    with pytest.raises(TexError, match=r"free indices \(q, m\)"):
        bind_sums(row)
    _, bound = bind_sums(
        (parse(tokenize(r"\mu_l"), bn), parse(tokenize(r"\sum h_{pl} + \sum_m h_{qm}"), bn))
    )
    assert to_language(bound, bn) == "sum(h[p, l], p) + sum(h[q, m], m)"


def test_a_bare_sum_inside_a_bound_sum(bn):
    (t,) = bind_sums((parse(tokenize(r"\sum_p \sum h_{pl}"), bn),))
    assert to_language(t, bn) == "sum(sum(h[p, l], l), p)"


def test_a_concrete_index_past_the_limit_is_bad_input_not_unreadable(bn):
    too_large = MAX_INDEX + 1
    with pytest.raises(TexInputError) as exc:
        tree(f"h_{{{too_large},1}}", bn)
    assert exc.value.message == index_too_large(too_large)
    assert (exc.value.span.start, exc.value.span.end) == (3, 5)
    assert to_language(tree(f"h_{{{MAX_INDEX},1}}", bn), bn) == f"h[{MAX_INDEX}, 1]"


def test_bare_sums_of_one_index_each_bind_it(bn):
    (t,) = bind_sums((parse(tokenize(r"\frac{h_{kl} \sum h_{pl}}{(\sum h_{pl})^2}"), bn),))
    assert to_language(t, bn) == "h[k, l]*sum(h[p, l], p)/sum(h[p, l], p)**2"
    with pytest.raises(TexError, match=r"free indices \(p, l\)"):
        bind_sums((parse(tokenize(r"h_{pl} \sum h_{pl}"), bn),))


CASES = (Path(__file__).parents[2] / "markdown" / "case_positions.md").read_text(encoding="utf-8")


def test_a_case_written_in_the_subscript_with_bare_sums_is_checked():
    statuses = [f.status for f in check(CASES, "doc.md").findings]
    assert statuses.count("proved") == 4
    assert "refuted" not in statuses


def test_a_case_in_the_subscript_is_a_side_condition_of_its_row():
    conditions = [f.message for f in check(CASES, "doc.md").findings if f.where.line == 11]
    assert all(m.endswith("when i != k") for m in conditions)
    uncased = CASES.replace(r"i \ne k}", "i}").replace(r"i \neq k}", "i}")
    assert "refuted" in [f.status for f in check(uncased, "doc.md").findings if f.where.line == 11]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"\sum g_j - g_{i=k}", r"\sum g_j + g_{i=k}"),
        (r"(1 - r_k)", r"(1 - r_k)^2"),
        (r"-\frac{g_{i \ne k}}", r"\frac{g_{i \ne k}}"),
        (r"-\frac{r_{i \neq k}}", r"-\frac{r_{k}}"),
    ],
)
def test_a_slip_beside_a_case_in_the_subscript_is_not_proved(old, new):
    got = slipped(CASES, old, new)
    assert got
    assert got.count("proved") < 2


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("h_{1L}", "h[1, L]"),
        ("h_{NL}", "h[N, L]"),
        ("h_{N1}", "h[N, 1]"),
    ],
)
def test_a_subscript_of_one_character_per_axis_is_a_position(bn, text, read):
    assert to_language(tree(text, bn), bn) == read


@pytest.mark.parametrize("text", ["h_{11}", "h_{111}", "h_{1x}", "h_{LN}", "h_{1LL}"])
def test_a_subscript_that_is_not_one_character_per_axis_is_not_read(bn, text):
    with pytest.raises(TexError):
        tree(text, bn)
