"""Claims from lines: equations, chains of steps, cases, matrices, matrix-level lines,
primes and sizes, and the reason whatever cannot be claimed is not."""

from __future__ import annotations

from symbn.language.latex.claims import ABOVE_UNCHECKED, claims_of
from symbn.language.latex.rows import read_display
from symbn.source.document.markdown import read_markdown


def run(text, bn):
    doc = read_markdown(text, "doc.md")
    lines = [line for d in doc.displays for line in read_display(d, bn)]
    return claims_of(lines, bn)


def claimed(text, bn):
    return [(c.kind, c.lhs, c.rhs) for c in run(text, bn)[0]]


def reasons(text, bn):
    return [(n.code, n.message) for n in run(text, bn)[1]]


def test_an_equation_and_a_chain_on_one_row(bn):
    assert claimed(r"$$ \mu_l = \frac{1}{N}\sum_p h_{pl} = \frac{1}{N}\sum_q h_{ql} $$", bn) == [
        ("equation", "mu[l]", "1/N*sum(h[p, l], p)"),
        ("equation", "1/N*sum(h[p, l], p)", "1/N*sum(h[q, l], q)"),
    ]


CHAIN = r"""$$
\begin{aligned}
\frac{\partial \sigma^2_l}{\partial h_{i,j}} &= \frac{2}{N} \sum_p (h_{p,l} - \mu_l)
    (\Delta_{i,p}\Delta_{j,l} - \frac{1}{N}\Delta_{j,l}) \\
&= \frac{2}{N}(h_{i,l} - \mu_l)\Delta_{j,l} \\
&= \frac{2}{N}h_{i,l}\Delta_{j,l} - \frac{2}{N}\mu_l\Delta_{j,l}
\end{aligned}
$$"""


def test_steps_claim_the_line_above_and_carry_the_chain_start(bn):
    cs, notes = run(CHAIN, bn)
    assert notes == ()
    assert [c.kind for c in cs] == ["equation", "step", "step"]
    assert cs[1].lhs == cs[0].rhs
    assert cs[1].first == "diff(var[l], h[i, j])"
    assert cs[2].lhs == cs[1].rhs
    assert (cs[2].where.line, cs[2].where.col) == (6, 4)


def test_a_step_after_a_line_that_cannot_be_claimed_is_checked_against_the_start(bn):
    text = r"""$$
\begin{aligned}
\mu_1 &= \frac{1}{N}(h_{1,1} + \cdots h_{N,1}) \\
&= \frac{1}{N}\sum_p h_{p,1}
\end{aligned}
$$"""
    cs, notes = run(text, bn)
    assert [(c.kind, c.lhs, c.rhs) for c in cs] == [("step", "mu[1]", "1/N*sum(h[p, 1], p)")]
    assert [n.code for n in notes] == ["unclaimed", ABOVE_UNCHECKED]


def test_a_chain_whose_start_cannot_be_read_has_nothing_to_check_steps_against(bn):
    text = r"""$$
\begin{aligned}
\mu_1 &= \mu_1 \\
\mu_2 &= \nu \\
&= \mu_2
\end{aligned}
$$"""
    cs, notes = run(text, bn)
    assert [(c.kind, c.lhs) for c in cs] == [("equation", "mu[1]")]
    assert [n.code for n in notes] == ["step"]


def test_a_step_that_cannot_be_read_keeps_the_chain(bn):
    text = r"""$$
\begin{aligned}
\mu_1 &= \mu_1 \\
&= \nu \\
&= \mu_2
\end{aligned}
$$"""
    cs, _ = run(text, bn)
    assert [(c.kind, c.lhs, c.rhs) for c in cs] == [
        ("equation", "mu[1]", "mu[1]"),
        ("step", "mu[1]", "mu[2]"),
    ]


def test_a_step_with_nothing_above(bn):
    assert reasons(r"$$\begin{aligned} &= \mu_1 \end{aligned}$$", bn) == [
        ("step", "this step continues no equation above it")
    ]


def test_a_prose_line_ends_a_chain(bn):
    text = r"$$\begin{aligned} \mu_1 &= \mu_1 \\ k &\text{ row} \\ &= \mu_1 \end{aligned}$$"
    assert [code for code, _ in reasons(text, bn)] == ["step"]


def test_matrix_level_lines_are_read_element_by_element(bn):
    assert claimed(r"$$ h = XW + b $$", bn) == [
        ("equation", "h[i, j]", "sum(X[i, d]*W[d, j], d) + b[j]")
    ]
    assert claimed(r"$$ y = \gamma \hat{h} + \beta $$", bn) == [
        ("equation", "y[i, j]", "gamma[j]*hhat[i, j] + beta[j]")
    ]


def test_a_bare_tensor_takes_the_other_sides_free_indices(bn):
    assert claimed(r"$$ u = h_{kl} - \mu_l $$", bn) == [("equation", "u[k, l]", "h[k, l] - mu[l]")]
    assert claimed(
        r"$$ \frac{\partial v}{\partial h_{i,j}} = -\frac{1}{2}(\sigma^2_l + "
        r"\delta)^{-3/2} \frac{\partial \sigma^2_l}{\partial h_{i,j}} $$",
        bn,
    ) == [
        ("equation", "diff(v[l], h[i, j])", "-1/2*(var[l] + delta)**(-3/2)*diff(var[l], h[i, j])")
    ]


def test_an_ambiguous_bare_tensor_is_not_guessed(bn):
    (n,) = run(r"$$ u = h_{kl} - h_{il} $$", bn)[1]
    assert "k or i could stand for its axis over N" in n.message


def test_a_prime_differentiates_by_the_chain_start(bn):
    assert claimed(
        r"$$ \frac{\partial \hat{h}_{k,l}}{\partial h_{i,j}} = u' \cdot v + "
        r"u \cdot v' $$",
        bn,
    ) == [
        (
            "equation",
            "diff(hhat[k, l], h[i, j])",
            "diff(u[k, l], h[i, j])*v[l] + u[k, l]*diff(v[l], h[i, j])",
        )
    ]


def test_cases_rows_are_claims_with_their_conditions(bn):
    cs, notes = run(
        r"$$ \frac{\partial u_{k,l}}{\partial h_{i,j}} = \begin{cases} "
        r"1 - \frac{1}{N} & k = i, l = j \\ 0 & \text{otherwise} \end{cases} $$",
        bn,
    )
    assert [(c.kind, c.condition) for c in cs] == [
        ("cases", "k == i, l == j"),
        ("cases", "otherwise"),
    ]
    assert cs[0].lhs == "diff(u[i, j], h[i, j])"
    assert notes == ()


def test_cases_that_miss_a_case_warn(bn):
    notes = run(r"$$ \mu_l = \begin{cases} 1 & l = 1 \\ 0 & l = 2 \end{cases} $$", bn)[1]
    assert [(n.severity, n.code) for n in notes] == [("warning", "cases-coverage")]


MATRIX = r"""$$
\frac{\partial u}{\partial h_{1,1}} = \begin{pmatrix}
1 - \frac{1}{N} & 0 & \cdots & 0 \\
\vdots & \vdots & \ddots & \vdots \\
-\frac{1}{N} & 0 & \cdots & 0
\end{pmatrix}
$$"""


def test_matrix_cells_with_a_position_are_claims(bn):
    cs, notes = run(MATRIX, bn)
    assert [(c.lhs, c.rhs) for c in cs if not c.condition] == [
        ("diff(u[1, 1], h[1, 1])", "1 - 1/N"),
        ("diff(u[1, 2], h[1, 1])", "0"),
        ("diff(u[1, L], h[1, 1])", "0"),
        ("diff(u[N, 1], h[1, 1])", "-1/N"),
        ("diff(u[N, 2], h[1, 1])", "0"),
        ("diff(u[N, L], h[1, 1])", "0"),
    ]
    assert {c.kind for c in cs} == {"matrix"}
    named = [c for c in cs if not c.condition]
    assert (named[3].where.line, named[3].where.col) == (5, 1)
    # the dots between equal cells stand for that value (dotted.py); the others, unchecked
    assert [c.condition for c in cs if c.condition] == [
        "j != 1, j != 2, j != L",
        "i != 1, i != N",
        "i != 1, i != N",
        "j != 1, j != 2, j != L",
    ]
    (note,) = notes
    assert note.message.startswith("2 dots cells of this matrix show no one pattern")


def test_matrix_cells_without_a_position_are_counted(bn):
    notes = run(
        r"$$ u = \begin{pmatrix} 1 & 2 \\ \vdots & \vdots \\ 3 & 4 \\ 5 & 6 "
        r"\end{pmatrix} $$",
        bn,
    )[1]
    dots, n = [n for n in notes if n.code == "matrix"]
    assert n.message.startswith("2 cells of this matrix")
    assert "no written cell at a named position on one side" in dots.message


def test_size_statements_are_claims_about_the_left_side(bn):
    assert claimed(r"$$ h = XW + b, \text{ size } = N\times D \cdot D \times L + L $$", bn)[1:] == [
        ("size", "N × L", "N × L")
    ]
    assert claimed(r"$$\begin{aligned} \hat{h} &= h &\text{size } L \end{aligned}$$", bn)[1:] == [
        ("size", "N × L", "L")
    ]


def test_a_size_statement_whose_sizes_do_not_fit_warns(bn):
    (n,) = run(r"$$ h = XW, \text{ size } = N\times D \cdot L \times L $$", bn)[1]
    assert (n.severity, n.code) == ("warning", "size")
    assert "do not conform" in n.message


def test_relations_other_than_equals_are_not_claimed(bn):
    assert claimed(r"$$ \mu_1 \approx \mu_2 $$", bn) == []


def test_a_matrix_on_the_left_is_not_read(bn):
    (n,) = run(r"$$ \begin{pmatrix} 1 \end{pmatrix} = u $$", bn)[1]
    assert "on the left of = is not read" in n.message


def test_membership_in_a_real_space_is_a_size_claim(bn):
    assert claimed(
        r"$$ X \in \mathbb{R}^{N \times D}, \quad b \in \mathbb{R}^{L \times 1} $$", bn
    ) == [
        ("size", "N × D", "N × D"),
        ("size", "L", "L"),
    ]
    assert claimed(r"$$ X \in \mathbb{R}^{D \times N} $$", bn) == [("size", "N × D", "D × N")]
    assert claimed(r"$$ X^\top \in \mathbb{R}^{D \times N} $$", bn) == [("size", "D × N", "D × N")]


LOOSE = r"""$$
\begin{aligned}
\frac{\partial u_{ij}}{\partial h_{ij}} &= \frac{\partial}{\partial h_{ij}} \zeta \\
&= 2 h_{ij} + h_{ij} \\
&= 3 h_{ij}
\end{aligned}
$$"""


def test_steps_after_an_unread_start_are_checked_one_against_the_next(bn):
    assert claimed(LOOSE, bn) == [("step", "2*h[i, j] + h[i, j]", "3*h[i, j]")]
    why = "the row above this step could not be read, so it is not checked against it"
    assert ("step", why) in reasons(LOOSE, bn)
    # a start that may hold a side condition (a comma, words) keeps its steps unchecked
    conditioned = LOOSE.replace(r"\zeta \\", r"\zeta, \quad i = j \\")
    assert claimed(conditioned, bn) == []
