"""symbn check on rows that state more than one equation: each is judged on its own, a side
condition restricts its equation to where it holds, and a row that may be one chain or two
equations is unchecked, never proved."""

from __future__ import annotations

import pytest
from documents import FRONT
from verify.test_document import STEPS

from symbn.source.context import read_context
from symbn.verify.document import check

D = r"\frac{\partial u_{%s}}{\partial h_{%s}}"


def verdicts(body: str) -> list[tuple[int, str, str]]:
    """(column, status, claim) of each finding of the last line of FRONT + body."""
    r = check(FRONT + body, "doc.md")
    last = max(f.where.line for f in r.findings)
    return [(f.where.col, f.status, f.claim) for f in r.findings if f.where.line == last]


@pytest.mark.parametrize("space", [r"\qquad", r"\quad", "~", r"\hspace{2em}", ",", ";"])
def test_two_equations_on_one_row_are_judged_apart(space):
    got = verdicts(f"\n$$ {D % ('1,2', '1,1')} = 1 {space} {D % ('2,2', '1,1')} = 0 $$\n")
    assert [(s, c) for _, s, c in got] == [
        ("refuted", "diff(u[1, 2], h[1, 1]) = 1"),
        ("proved", "diff(u[2, 2], h[1, 1]) = 0"),
    ]


@pytest.mark.parametrize("space", [r"\,", r"\;", "\n"])
def test_a_row_that_may_be_one_chain_is_unchecked(space):
    got = verdicts(f"\n$$ {D % ('1,2', '1,1')} = 1 {space} {D % ('2,2', '1,1')} = 0 $$\n")
    assert [s for _, s, _ in got] == ["unchecked"]


@pytest.mark.parametrize(
    ("value", "tail", "status"),
    [
        (r"1 - \frac{1}{N}", r", \quad k = i, l = j", "proved"),
        (r"1 - \frac{1}{N}", r"\qquad (k = i,\ l = j)", "proved"),
        (r"-\frac{1}{N}", r"\quad \text{for } k \neq i, l = j", "proved"),
        ("0", r"\quad \text{if } l \neq j", "proved"),
        ("1", r"\quad \text{if } l \neq j", "refuted"),
        (r"-\frac{1}{N}", r", \quad k = i, l = j", "refuted"),
    ],
)
def test_a_side_condition_restricts_its_equation(value, tail, status):
    got = verdicts(f"\n$$ {D % ('kl', 'ij')} = {value}{tail} $$\n")
    assert [s for _, s, _ in got] == [status]


def test_a_step_keeps_the_side_condition_of_its_chain():
    body = (
        "\n$$\n\\begin{aligned}\n"
        f"{D % ('kl', 'ij')} &= 1 - \\frac{{1}}{{N}}\\sum_p \\Delta_{{p,i}}, "
        "\\quad k = i, l = j \\\\\n"
        "&= 1 - \\frac{1}{N}\n\\end{aligned}\n$$\n"
    )
    got = verdicts(body)
    assert [s for _, s, _ in got] == ["proved"]
    assert "when k == i, l == j" in check(FRONT + body, "doc.md").findings[-1].message


def test_an_equation_with_a_side_condition_defines_nothing():
    front = FRONT.replace("u_{kl} &= h_{kl} - \\mu_l", "u_{kl} &= h_{kl}, \\quad k = i")
    r = check(front, "doc.md")
    assert [(f.kind, f.status) for f in r.findings][:2] == [
        ("definition", "defined"),
        ("claim", "unchecked"),
    ]
    assert "unknown tensor 'u'" in r.findings[1].message


def test_inline_settings_and_prose_are_never_refuted():
    body = (
        "\nWith $N = 3$ rows, $N = L = 2$ and $h_{1,1} = 0$ the example below runs;"
        " $u_{kl} = h_{kl} + \\mu_l$ is a slip.\n"
    )
    r = check(FRONT + body, "doc.md")
    last = max(f.where.line for f in r.findings)
    assert [f.status for f in r.findings if f.where.line == last] == [
        "unchecked",
        "unchecked",
        "unchecked",
        "refuted",
    ]


def test_an_unreadable_matrix_cell_hides_no_other_cell():
    body = (
        "\n$$\n\\frac{\\partial u}{\\partial h_{1,1}} =\n\\begin{pmatrix}\n"
        "1 - \\frac{1}{N} & \\nu \\\\\n-\\frac{1}{N} & 5\n\\end{pmatrix}\n$$\n"
    )
    r = check(FRONT + body, "doc.md")
    cells = [(f.status, f.claim) for f in r.findings if f.kind == "matrix"]
    assert cells == [
        ("proved", "diff(u[1, 1], h[1, 1]) = 1 - 1/N"),
        ("unchecked", ""),
        ("proved", "diff(u[2, 1], h[1, 1]) = -1/N"),
        ("refuted", "diff(u[2, 2], h[1, 1]) = 5"),
    ]
    assert any("this cell is not read: unknown symbol \\nu" in f.message for f in r.findings)


def test_a_hugo_post_keeps_its_context_under_symbn():
    front, body = FRONT.split("+++\n")[1:3]
    tables = "\n".join(f"[symbn.{x[1:]}" if x.startswith("[") else x for x in front.split("\n"))
    hugo = f'+++\ntitle = "Normalising"\ndraft = false\n\n{tables}+++\n{body}'
    r = check(hugo, "doc.md")
    assert [f.status for f in r.findings] == ["defined"] * 4


def test_a_hugo_post_without_symbn_takes_the_context_given():
    front, body = FRONT.split("+++\n")[1:3]
    hugo = f'+++\ntitle = "Normalising"\n+++\n{body}'
    inferred = check(hugo, "doc.md").findings
    assert "infer" in inferred[0].message
    given = read_context("ctx.toml", front.encode())
    assert [f.status for f in check(hugo, "doc.md", given).findings] == ["defined"] * 4


def test_a_display_beginning_with_equals_goes_on_with_the_chain_above():
    body = (
        "\n$$ \\frac{\\partial \\mu_l}{\\partial h_{ij}} = "
        "\\frac{1}{N}\\sum_p \\Delta_{i,p}\\Delta_{j,l} $$\n\n"
        "summing over $p$, with $N = 3$,\n\n$$ = \\frac{1}{N}\\Delta_{j,l} $$\n\n"
        "$$ = \\frac{2}{N}\\Delta_{j,l}. $$\n"
    )
    r = check(FRONT + body, "doc.md")
    steps = [(f.status, f.claim) for f in r.findings if f.kind == "step"]
    assert steps == [
        ("proved", "1/N*sum(Delta(i, p)*Delta(j, l), p) = 1/N*Delta(j, l)"),
        ("refuted", "1/N*Delta(j, l) = 2/N*Delta(j, l)"),
    ]


def test_a_display_ending_with_equals_goes_on_in_the_next():
    body = (
        "\n$$ \\frac{\\partial \\mu_l}{\\partial h_{ij}} = "
        "\\frac{1}{N}\\sum_p \\Delta_{i,p}\\Delta_{j,l} = $$\n\n"
        "$$ = \\frac{1}{N}\\Delta_{j,l} = $$\n\n$$ = \\frac{2}{N}\\Delta_{j,l} $$\n"
    )
    r = check(FRONT + body, "doc.md")
    assert [(f.status, f.claim) for f in r.findings if f.kind == "step"] == [
        ("proved", "1/N*sum(Delta(i, p)*Delta(j, l), p) = 1/N*Delta(j, l)"),
        ("refuted", "1/N*Delta(j, l) = 2/N*Delta(j, l)"),
    ]
    assert not [f for f in r.findings if f.status == "unchecked"]


def test_a_step_proved_from_the_chains_first_left_side_claims_that_equation():
    r = check(FRONT + STEPS, "doc.md")
    after = [f for f in r.findings if f.kind == "step"][1]
    assert after.status == "proved"
    assert after.claim == "diff(u[k, l], h[i, j]) = Delta(i, k)*Delta(j, l) - 1/N*Delta(j, l)"


def test_an_unreadable_cases_row_hides_no_other_row():
    body = (
        "\n$$\n\\frac{\\partial u_{kl}}{\\partial h_{ij}} = \\begin{cases}\n"
        "1 - \\frac{1}{N} & k = i, l = j \\\\\n\\nu & k \\neq i, l = j \\\\\n"
        "1 & l \\neq j\n\\end{cases}\n$$\n"
    )
    r = check(FRONT + body, "doc.md")
    rows = [(f.status, f.message[:22]) for f in r.findings if f.kind == "cases"]
    assert [s for s, _ in rows] == ["proved", "unchecked", "refuted"]
    assert rows[1][1] == "this row is not read: "


def test_a_definition_constant_along_an_axis_is_unchecked_not_an_error():
    doc = (
        '+++\n[sizes]\nN = "rows"\n[indices]\ni = "N"\nj = "N"\n[inputs]\n'
        'c = { shape = ["N"] }\n[defines]\nB = { shape = ["N", "N"] }\n+++\n\n'
        "$$ B = c\\, \\mathbf{1}_N^T $$\n"
    )
    (finding,) = check(doc, "doc.md").findings
    assert finding.status == "unchecked"
    assert "constant along an axis" in finding.message
