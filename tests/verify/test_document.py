"""symbn check: a Markdown derivation checked line by line — each kind of line proved when
true and refuted (with a counterexample) when false, at the line and column written; steps
blamed once; the seed, with its committed context."""

from __future__ import annotations

import pytest
from documents import FRONT
from paths import ROOT

from symbn.errors import InputError
from symbn.verify.document import check, load_context

SEED = ROOT / "docs" / "seed" / "000_58bc31ae350973dc.txt"
CONTEXT = ROOT / "derivations" / "seed.context.toml"

BODY = 1 + FRONT.count("\n")  # the first line after the front matter and definitions


def findings(body: str):
    """(line relative to the body, col, kind, status) of each finding of FRONT + body."""
    r = check(FRONT + body, "doc.md")
    return [
        (f.where.line - BODY + 1, f.where.col, f.kind, f.status)
        for f in r.findings
        if f.where.line >= BODY
    ], r


def test_the_first_equation_for_a_name_defines_it():
    r = check(FRONT, "doc.md")
    assert [(f.kind, f.status, f.claim) for f in r.findings] == [
        ("definition", "defined", "mu[l] = 1/N*sum(h[p, l], p)"),
        ("definition", "defined", "u[k, l] = h[k, l] - mu[l]"),
        ("definition", "defined", "y[k, l] = 2*u[k, l]"),
        ("definition", "defined", "a[k, l] = 3*y[k, l]"),
    ]


def test_a_later_equation_for_a_defined_name_is_a_claim():
    got, _ = findings("$$ u_{kl} = h_{kl} - \\mu_l $$\n\n$$ u_{kl} = h_{kl} + \\mu_l $$\n")
    assert got == [(1, 4, "claim", "proved"), (3, 4, "claim", "refuted")]


@pytest.mark.parametrize("number", ["(5)", "\\(5\\)", "$(5)$", "\\(\\*\\)"])
def test_a_display_numbered_after_its_closing_dollars_is_checked(number):
    got, _ = findings(
        f"$$\nu_{{kl}} = h_{{kl}} - \\mu_l\n$$ {number}\n\n"
        f"then\n$$ u_{{kl}} = h_{{kl}} + \\mu_l $$   {number}\nwhich is wrong.\n"
    )
    assert got == [(2, 1, "claim", "proved"), (6, 4, "claim", "refuted")]


def test_a_false_claim_is_refuted_with_a_counterexample():
    got, r = findings(
        "$$ \\frac{\\partial \\mu_l}{\\partial h_{ij}} = \\frac{1}{N-1}\\Delta_{j,l} $$\n"
    )
    assert got == [(1, 4, "claim", "refuted")]
    f = r.findings[-1]
    assert f.details[0] == "lhs - rhs = -Delta(j, l)/(N*(N - 1))"
    assert f.details[1].startswith("counterexample: N=")
    assert f.claim == "diff(mu[l], h[i, j]) = 1/(N - 1)*Delta(j, l)"


STEPS = r"""$$
\begin{aligned}
\frac{\partial u_{kl}}{\partial h_{ij}} &= \frac{\partial h_{kl}}{\partial h_{ij}}
  - \frac{\partial \mu_l}{\partial h_{ij}} \\
&= \Delta_{i,k}\Delta_{j,l} - \frac{1}{N^2}\Delta_{j,l} \\
&= \Delta_{i,k}\Delta_{j,l} - \frac{1}{N}\Delta_{j,l} \\
&= \frac{1}{N}\Delta_{j,l}(N\Delta_{i,k} - 1)
\end{aligned}
$$
"""


def test_a_wrong_step_is_refuted_on_its_own_line_and_nothing_else_is_blamed():
    got, r = findings(STEPS)
    assert got == [
        (3, 1, "claim", "proved"),
        (5, 4, "step", "refuted"),
        (6, 4, "step", "proved"),
        (7, 4, "step", "proved"),
    ]
    after = r.findings[-2]
    assert "from the chain's first left side" in after.message


def test_every_step_of_a_true_chain_is_proved():
    got, _ = findings(STEPS.replace("N^2", "N"))
    assert [s for *_, s in got] == ["proved"] * 4


UNREAD_ABOVE = r"""$$
\begin{aligned}
\mu_1 &= \frac{1}{N}(h_{1,1} + \cdots h_{N,1}) \\
&= \frac{1}{N}\sum_p h_{p,1}
\end{aligned}
$$
"""


def test_a_step_after_a_line_not_checked_has_one_verdict_that_says_so():
    got, r = findings(UNREAD_ABOVE)
    assert [(ln, k, s) for (ln, _, k, s) in got] == [
        (3, "claim", "unchecked"),
        (3, "lint", "warning"),
        (4, "step", "proved"),
    ]
    assert r.findings[-1].message == (
        "step mu[1] = 1/N*sum(h[p, 1], p) (against the chain's first left side: the line "
        "above is not checked)"
    )
    wrong, r = findings(UNREAD_ABOVE.replace("&= \\frac{1}{N}", "&= \\frac{2}{N}"))
    assert [(ln, k, s) for (ln, _, k, s) in wrong if k != "lint"] == [
        (3, "claim", "unchecked"),
        (4, "step", "refuted"),
    ]


ANNOTATED = r"""$$
\begin{aligned}
\frac{\partial u_{1,1}}{\partial h_{1,1}} &= 1 - \frac{1}{N} & k=1, l=1, i=1, j=1 \\
\frac{\partial u_{2,1}}{\partial h_{1,1}} &= -\frac{1}{N} & k=2, l=1, i=1, j=2
\end{aligned}
$$

$$ \frac{\partial u_{k,l}}{\partial h_{i,j}} = \Delta_{i,k}\Delta_{j,l} - \frac{1}{N}\Delta_{j,l} $$
"""


def test_an_annotation_is_checked_against_the_general_line_and_its_slip_refuted_there():
    got, r = findings(ANNOTATED)
    assert (3, 64, "annotation", "proved") in got
    # j=2 where the line is at j=1: the general line at those values is 0, not -1/N
    assert (4, 78, "annotation", "refuted") in got
    assert (4, 78, "lint", "warning") in got
    assert [s for (ln, _, k, s) in got if k == "claim"] == ["proved", "proved", "proved"]
    # k=2, j=2: the sizes are at least 2 there, as the annotation says
    assert [
        f.message
        for f in r.findings
        if (f.where.line, f.where.col) == (BODY + 3, 78) and f.kind == "annotation"
    ] == [
        "annotation Delta(1, 2)*Delta(2, 1) - 1/N*Delta(2, 1) = -1/N (for N ≥ 2, L ≥ 2, as the "
        "annotation's values say) (the annotation says j=2, but this line's left side has j=1)"
    ]


CASES = r"""$$
\frac{\partial u_{k,l}}{\partial h_{i,j}} =
\begin{cases}
k == i, l == j: 1 - \frac{1}{N} \\
k != i, l == j: - \frac{1}{N} \\
l != j: 0
\end{cases}
$$
"""


def test_each_row_of_cases_is_a_claim_under_its_condition():
    got, _ = findings(CASES)
    assert [(k, s) for (_, _, k, s) in got] == [("cases", "proved")] * 3
    wrong, _ = findings(
        CASES.replace("k != i, l == j: - \\frac{1}{N}", "k != i, l == j: \\frac{1}{N}")
    )
    assert [s for *_, s in wrong] == ["proved", "refuted", "proved"]


MATRIX = r"""$$
\frac{\partial u}{\partial h_{1,1}} =
\begin{pmatrix}
1 - \frac{1}{N} & 0 \\
-\frac{1}{N} & 0
\end{pmatrix}
$$
"""


def test_each_cell_of_a_matrix_is_a_claim():
    got, _ = findings(MATRIX)
    assert [(k, s) for (_, _, k, s) in got] == [("matrix", "proved")] * 4
    wrong, _ = findings(MATRIX.replace("-\\frac{1}{N} & 0", "\\frac{1}{N} & 0"))
    assert [s for *_, s in wrong] == ["proved", "proved", "refuted", "proved"]


DOTTED = r"""$$
\frac{\partial u}{\partial h_{1,1}} =
\begin{pmatrix}
1 - \frac{1}{N} & \cdots & 0 \\
\vdots & \ddots & \vdots \\
-\frac{1}{N} & \cdots & 0
\end{pmatrix}
$$
"""
LAST_ROW = "$$ \\frac{\\partial u_{N,1}}{\\partial h_{1,1}} = -\\frac{1}{N} $$\n"


def test_a_matrix_cell_is_proved_for_the_sizes_its_layout_shows():
    # row N is not row 1, so N >= 2 there: ∂u[N,1]/∂h[1,1] = -1/N holds only then
    _, r = findings(DOTTED)
    written = [f for f in r.findings if f.kind == "matrix" and "when" not in f.message]
    assert [(f.kind, f.status) for f in written if f.status != "unchecked"] == [
        ("matrix", "proved")
    ] * 4
    # the \vdots between the two 0s of the last column is their pattern (dotted.py)
    (pattern,) = [f for f in r.findings if "when" in f.message]
    assert pattern.status == "proved"
    assert pattern.message.endswith("when i != 1, i != N")
    last = [f for f in r.findings if f.claim == "diff(u[N, 1], h[1, 1]) = -1/N"]
    assert [f.message for f in last] == [
        "matrix diff(u[N, 1], h[1, 1]) = -1/N (for N ≥ 2, L ≥ 2, as the matrix shows)"
    ]
    # the same claim on a line of its own says nothing of N: it is false at N = 1
    alone, r = findings(LAST_ROW)
    assert [s for *_, s in alone] == ["refuted"]
    assert any("N=1" in d for d in r.findings[-1].details)


def test_a_matrix_cell_wrong_even_for_the_sizes_shown_is_refuted_there():
    _, r = findings(DOTTED.replace("-\\frac{1}{N} & \\cdots", "\\frac{1}{N} & \\cdots"))
    written = [f.status for f in r.findings if f.kind == "matrix" and "when" not in f.message]
    assert [s for s in written if s != "unchecked"] == ["proved", "proved", "refuted", "proved"]
    wrong = next(f for f in r.findings if f.status == "refuted")
    example = next(d for d in wrong.details if d.startswith("counterexample"))
    assert "N=1" not in example, example
    assert "L=1" not in example, example


def test_a_size_statement_is_checked_against_the_shape():
    got, _ = findings("$$ u = h - \\mu, \\text{ size } = N \\times L $$\n")
    assert ("size", "proved") in [(k, s) for (_, _, k, s) in got]
    wrong, r = findings("$$ u = h - \\mu, \\text{ size } = L \\times N $$\n")
    assert ("size", "refuted") in [(k, s) for (_, _, k, s) in wrong]
    assert "the left side is N × L, but this says L × N" in r.findings[-1].message


ELLIPSIS = r"""$$ \mu_1 = \frac{1}{N}\big(h_{1,1} + h_{2,1} + \cdots + h_{N,1}\big) $$

$$ \mu_1 = \frac{1}{N}\big(h_{1,1} + h_{2,1} + \cdots + h_{N,2}\big) $$

$$ \mu_1 = \frac{1}{N}\big(h_{1,1} + h_{2,1} \cdots h_{N,1}\big) $$

$$ \mu_1 = \frac{1}{N}\big(h_{1,1} + h_{2,1} - \cdots + h_{N,1}\big) $$
"""


def test_a_well_formed_ellipsis_is_proved_and_an_ambiguous_one_unchecked():
    got, r = findings(ELLIPSIS)
    assert got[0] == (1, 4, "claim", "proved")
    rest = [(ln, s) for (ln, _, _, s) in got[1:]]
    assert (3, "unchecked") in rest
    assert (5, "unchecked") in rest
    assert (7, "unchecked") in rest  # the dots' sign differs from the terms'
    assert not any(s in ("proved", "refuted") for _, s in rest)
    assert all(f.message for f in r.findings)


LINTS = r"""$$ v_l = \mu_l $$

$$ \frac{\partial \mu_l}{d h_{ij}} = \frac{1}{N}\Delta_{j,l} $$

$$ \mu_1 = \frac{1}{N}\big[ h_{1,1} + \cdots + h_{N,1} $$

$$
\frac{\partial u}{\partial h_{1,1}} =
\begin{pmatrix}
1 - \frac{1}{N} & 0 & \cdots & 0 \\
\vdots & \vdots & \ddots \\
-\frac{1}{N} & 0 & \cdots & h_{N,l}
\end{pmatrix}
$$
"""


def test_every_lint_is_a_warning_at_its_place():
    r = check(
        FRONT.replace(
            'u = { shape = ["N", "L"] }', 'u = { shape = ["N", "L"] }\nv = { shape = ["L"] }'
        )
        + LINTS.replace("v_l = \\mu_l", "v_l = w_l"),
        "doc.md",
    )
    codes = {n.code for n in r.reading.notes if n.severity == "warning"}
    assert {"mixed-derivative", "delimiter", "matrix-rows", "matrix-last"} <= codes
    warned = [f for f in r.findings if f.status == "warning"]
    assert all(f.kind == "lint" for f in warned)
    assert len(warned) >= 4


def test_a_use_before_the_definition_is_a_warning_and_still_defined():
    doc = FRONT.replace("\\mu_l &= \\frac{1}{N}\\sum_p h_{pl} \\\\\n", "").replace(
        "a_{kl} &= 3 y_{kl}", "a_{kl} &= 3 y_{kl} \\\\\n\\mu_l &= \\frac{1}{N}\\sum_p h_{pl}"
    )
    r = check(doc, "doc.md")
    assert [f.status for f in r.findings if f.kind == "lint"] == ["warning"]
    assert sum(f.status == "defined" for f in r.findings) == 4


def test_the_loss_is_known_through_its_upstream_gradient_only():
    got, _ = findings(
        "$$ \\frac{\\partial \\mathcal{L}}{\\partial h_{ij}} = \\sum_{k,l} \\frac{\\partial "
        "\\mathcal{L}}{\\partial y_{kl}} \\frac{\\partial y_{kl}}{\\partial h_{ij}} $$\n\n"
        "$$ \\frac{\\partial \\mathcal{L}}{\\partial h_{ij}} = \\sum_{k,l} \\frac{\\partial "
        "\\mathcal{L}}{\\partial y_{kl}} $$\n\n"
        "$$ \\frac{\\partial \\mathcal{L}}{\\partial a_{ij}} = 0 $$\n"
    )
    assert [(ln, s) for (ln, _, _, s) in got] == [(1, "proved"), (3, "refuted"), (5, "unchecked")]


def test_a_definition_that_cannot_be_read_is_an_error_and_its_users_are_left_out():
    doc = FRONT.replace("\\mu_l &= \\frac{1}{N}\\sum_p h_{pl}", "\\mu_l &= h_{pj}")
    r = check(doc, "doc.md")
    assert [(f.status, f.claim.split(" =")[0]) for f in r.findings] == [
        ("error", "mu[l]"),
        ("unchecked", "u[k, l]"),
        ("unchecked", "y[k, l]"),
        ("unchecked", "a[k, l]"),
    ]


@pytest.mark.parametrize(
    ("context", "message"),
    [
        # partial: completed from the document, and still not a context
        ('[sizes]\nN = "rows"\n[inputs]\nh = { shape = ["M"] }\n', "does not read"),
        (
            '[sizes]\nN = "rows"\n[indices]\ni = "M"\n[inputs]\nh = { shape = [] }\n',
            "not a declared size",
        ),
        ('[sizes]\nN = "rows"\n[indices]\ni = "N"\n[colours]\nx = 1\n', "unknown table"),
        (
            '[sizes]\nN = "rows"\n[indices]\ni = "N"\n[inputs]\nh = { shape = [] }\n'
            '[loss]\nname = "L"\nof = "y"\nupstream = "dy"\n',
            "not an input or a name",
        ),
    ],
)
def test_a_bad_context_is_an_error_at_its_place(context, message):
    with pytest.raises(InputError, match=message) as err:
        check(f"+++\n{context}+++\n\n$$ x = 1 $$\n", "doc.md")
    assert err.value.where is not None
    assert err.value.where.line >= 2


def test_a_document_without_a_context_is_read_with_the_one_it_implies():
    r = check("$$ y_i = 2 x_i $$\n\n$$ \\frac{\\partial y_i}{\\partial x_j} = 2 $$\n", "doc.md")
    first = r.findings[0]
    assert (first.where.line, first.status) == (1, "warning")
    assert "no context given" in first.message
    assert r.count("refuted") == 1  # 2, not 2 Delta(i, j)


def test_the_seed_checks_unmodified_with_the_committed_context():
    r = check(SEED.read_text(encoding="utf-8"), str(SEED), load_context(str(CONTEXT)))
    refuted = [(f.where.line, f.where.col, f.kind) for f in r.findings if f.status == "refuted"]
    assert refuted == [(125, 67, "annotation")]
    assert r.count("error") == 0
    assert r.count("unknown") == 0
    assert r.count("proved") > 50
    for f in r.findings:
        if f.status == "unchecked":
            assert f.message, f
    warned = {(f.where.line, f.where.col) for f in r.findings if f.status == "warning"}
    assert {
        (125, 67),
        (178, 61),
        (81, 89),
        (83, 89),
        (111, 3),
        (50, 4),
        (54, 62),
        (72, 1),
        (181, 83),
    } <= warned
    unchecked = {(f.where.line, f.where.col) for f in r.findings if f.status == "unchecked"}
    assert (181, 83) in unchecked
    # the cells at row N and column L, proved for the sizes the matrices show
    matrix = [f for f in r.findings if f.kind == "matrix" and f.where.line in range(98, 113)]
    cells = [f for f in matrix if "when" not in f.message and "dots cell" not in f.message]
    assert len(cells) == 9 + 12
    assert {f.status for f in cells} == {"proved"}
    patterns = [f.status for f in matrix if "when" in f.message]  # 0 & \cdots & 0 (dotted.py)
    assert patterns == ["proved"] * 11
    assert next(f.message for f in cells if (f.where.line, f.where.col) == (100, 31)) == (
        "matrix diff(u[2, L], h[1, 1]) = 0 (for N ≥ 3, L ≥ 3, as the matrix shows)"
    )
    assert next(f.message for f in cells if (f.where.line, f.where.col) == (112, 7)) == (
        "matrix diff(u[N, 2], h[1, 2]) = -1/N (for N ≥ 3, L ≥ 4, as the matrix shows)"
    )
    # a step checked against the chain's start has one verdict, which says so
    assert [(f.status, f.kind) for f in r.findings if f.where.line == 182] == [("proved", "step")]


def test_every_display_line_of_the_seed_has_a_finding():
    r = check(SEED.read_text(encoding="utf-8"), str(SEED), load_context(str(CONTEXT)))
    assert r.reading is not None
    placed = {f.where.line for f in r.findings}
    for line in r.reading.lines:
        if line.display.inline:
            continue
        first = line.display.origin.locate(line.span.start)[0]
        last = line.display.origin.locate(line.span.end - 1)[0]
        assert any(first <= n <= last for n in placed), first


def test_the_layer_norm_document_checks_clean_and_a_slip_in_it_is_refuted_alone():
    path = ROOT / "derivations" / "layernorm_backward.md"
    text = path.read_text(encoding="utf-8")
    r = check(text, str(path))
    assert {f.status for f in r.findings} == {"proved", "defined"}
    slip = text.replace(r"\Big(L\gamma_j", r"\Big(\gamma_j")
    assert slip != text
    wrong = check(slip, str(path))
    assert [(f.where.line, f.kind) for f in wrong.findings if f.status == "refuted"] == [
        (93, "step")
    ]


FUNCTIONS = r"""+++
[sizes]
N = "rows"

[indices]
i = "N"

[inputs]
x = { shape = ["N"] }

[defines]
y = { shape = ["N"] }
z = { shape = ["N"] }
s = { shape = ["N"] }
+++

$$ y_i = \operatorname{softplus}(x_i) $$

$$ z_i = \operatorname{erf}(x_i) $$

$$ s_i = \operatorname{sign}(x_i) $$

$$ y_i = \operatorname{softplus}(x_i) + 0 $$

$$ y_i = \operatorname{softplus}(-x_i) $$

$$ z_i = -\operatorname{erf}(-x_i) $$

$$ z_i = \operatorname{erf}(2 x_i) $$

$$ \frac{\partial s_i}{\partial x_i} = 0 $$

$$ \frac{\partial s_i}{\partial x_i} = 1 $$
"""


def test_softplus_erf_and_sign_are_read_as_the_languages_functions():
    r = check(FUNCTIONS, "doc.md")
    assert [(f.status, f.claim) for f in r.findings] == [
        ("defined", "y[i] = softplus(x[i])"),
        ("defined", "z[i] = erf(x[i])"),
        ("defined", "s[i] = sign(x[i])"),
        ("proved", "y[i] = softplus(x[i]) + 0"),
        ("refuted", "y[i] = softplus(-x[i])"),
        ("proved", "z[i] = -erf(-x[i])"),
        ("refuted", "z[i] = erf(2*x[i])"),
        ("proved", "diff(s[i], x[i]) = 0"),
        ("refuted", "diff(s[i], x[i]) = 1"),
    ]
    assert all(
        any(d.startswith("counterexample") for d in f.details)
        for f in r.findings
        if f.status == "refuted"
    )
