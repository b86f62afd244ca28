"""Mutants of a document of our own: each changes one display line (a coefficient, a sign,
an index, an exponent, a side condition), and the changed line must lose a proof — it is
refuted or unchecked, never proved — while no line above it changes its verdict."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from symbn.verify.document import check

FOLDER = Path(__file__).parents[1] / "markdown"
DOC = (FOLDER / "column_statistics.md").read_text(encoding="utf-8")
#: The same statistics in \\[ \\], align*, align's columns, \\boxed, \\delta_{jl}, a display
#: going on with =, and a side condition.
TEX = (FOLDER / "column_statistics_tex.md").read_text(encoding="utf-8")
#: A linear layer by differentials and the Frobenius product, with a display going on from
#: one ending in =, Unicode ∂ and TeX's \over.
DIFF = (FOLDER / "linear_differentials.md").read_text(encoding="utf-8")
#: Documents with no context: the inferred one reads them (see their tests).
OTHERS = {
    name: (FOLDER / f"{stem}.md").read_text(encoding="utf-8")
    for name, stem in (
        ("rows", "bn_rows"),
        ("steps", "centered_steps"),
        ("bold", "bold_gradients"),
        ("act", "dense_activation"),
        ("jac", "activation_jacobians"),
        ("recur", "two_line_recurrence"),
        ("words", "defined_in_words"),
        ("sections", "sectioned"),
        ("vectors", "rnn_two_line_vectors"),
        ("matjac", "vector_jacobians"),
        ("ones", "centering_matrix"),
        ("tee", "transpose_t"),
        ("basis", "basis_rows"),
        ("softdiff", "softmax_differential"),
        ("operator", "directional_chain"),
        ("maps", "directional_maps"),
        ("mapsloss", "directional_loss"),
        ("chain", "rnn_chain_rule"),
        ("scale", "vector_scale_function"),
        ("restated", "restated_chain"),
        ("layers", "layer_steps"),
        ("entries", "numbered_entries"),
        ("reasons", "softplus_reasons"),
        ("columns", "two_feature_regression"),
        ("feature", "feature_batch"),
        ("whole", "whole_batch_steps"),
        ("gates", "gate_steps"),
        ("course", "course_regression"),
        ("errors", "layer_errors"),
        ("logistic", "logistic_average"),
        ("hinge", "hinge_rows"),
        ("hyper", "hyperbolic_identities"),
        ("free", "free_letter"),
        ("softel", "softmax_elements"),
        ("loose", "softmax_loose"),
        ("conv", "conv_offsets"),
    )
}

#: (a line of DOC, what in it changes, into what): each mutant makes the line false. (Not
#: every change does: (h_{pl} + \mu_l) for (h_{pl} - \mu_l) in the variance's sum leaves it
#: true, as the sum of h_{pl} - \mu_l over p is zero; symbn proves that mutant.)
MUTANTS = [
    # course notation: a function applied to each example, J(\theta), rows of X
    ("course", r"\partial J(\theta)}", r"x_j^{(i)}", r"x_1^{(i)}"),
    ("course", r"\nabla_\theta J", r"\frac{1}{m} X^T", r"\frac{1}{2m} X^T"),
    ("course", r"\nabla_\theta J", r"(X\theta - y)", r"(X\theta + y)"),
    ("course", r"\partial E(w)", r"- y^{(i)} \right)", r"- 2 y^{(i)} \right)"),
    # gates' labels before a step (z_{qt}), a step written alone in prose, \\[ … \\]
    ("gates", r"&= \tanh(r_t) \\", r"\tanh(r_t)", r"\tanh(r_{t-1})"),
    ("gates", r"&= 1 - \tanh^2(z_{qt})", r"\tanh^2(z_{qt})", r"\tanh^3(z_{qt})"),
    ("gates", r"&= 1 - q_t^2", "q_t^2", "q_{t-1}^2"),
    ("gates", r"&= 1 - q_t^2", "1 - q_t^2", "1 + q_t^2"),
    ("gates", r"&= r_{t-1} \\", "r_{t-1}", "r_t"),
    ("gates", r"&= r_{t-1} \\", "r_{t-1}", "r_{t-1} + g_t"),
    ("gates", r"&= e_t (1 - \tanh^2(r_t))", r"e_t (1", r"e_{t-1} (1"),
    ("gates", r"&= e_t (1 - \tanh^2(r_t))", r"\tanh^2(r_t)", r"\tanh^2(r_{t-1})"),
    ("gates", r"\\[ m_{t-1}", r"\tanh(r_{t-1})", r"\tanh(r_t)"),
    # coefficients
    ("md", r"= \frac{1}{N}\Delta_{j,l} $$", r"\frac{1}{N}", r"\frac{2}{N}"),
    ("md", r"&= \frac{2}{N}\sum_p", r"\frac{2}{N}", r"\frac{3}{N}"),
    ("md", r"&= \frac{2}{N}(h_{il}", r"\frac{2}{N}", r"\frac{1}{N}"),
    ("md", r"&= \frac{1}{N} & l=1", r"\frac{1}{N}", r"\frac{1}{2N}"),
    ("md", r"\text{for } l \neq j", "= 0", "= 1"),
    ("md", r"\qquad", r"{\partial h_{2,2}} = \frac{1}{N}", r"{\partial h_{2,2}} = \frac{2}{N}"),
    ("md", r"\frac{\partial v_l}{\partial h_{ij}}", r"-\frac{1}{2}", r"-\frac{1}{4}"),
    ("md", r"&=& \frac{1}{N}", r"\frac{1}{N}", "N"),
    # signs
    ("md", r"= \frac{1}{N}\Delta_{j,l} $$", r"= \frac{1}{N}", r"= -\frac{1}{N}"),
    ("md", r"&= \frac{2}{N}\sum_p", r"&= \frac{2}{N}", r"&= -\frac{2}{N}"),
    ("md", r"&= \frac{2}{N}(h_{il}", r"(h_{il} - \mu_l)", r"(h_{il} + \mu_l)"),
    ("md", r"\frac{\partial v_l}{\partial h_{ij}}", r"= -\frac{1}{2}", r"= \frac{1}{2}"),
    ("md", r"&=& -\frac{1}{2}", r"&=& -\frac{1}{2}", r"&=& \frac{1}{2}"),
    # indices
    ("md", r"= \frac{1}{N}\Delta_{j,l} $$", r"\Delta_{j,l}", r"\Delta_{i,l}"),
    ("md", r"&= \frac{1}{N} & l=1", r"h_{1,1}} &=", r"h_{1,2}} &="),
    ("md", r"&= 0 & l=2", r"\mu_2}", r"\mu_1}"),
    ("md", r"\text{for } l \neq j", r"l \neq j", r"l = j"),
    (
        "md",
        r"\qquad",
        r"\frac{\partial \mu_1}{\partial h_{1,1}}",
        r"\frac{\partial \mu_1}{\partial h_{1,2}}",
    ),
    ("md", r"&=& \frac{1}{N}", r"h_{il}", r"h_{ij}"),
    # exponents
    ("md", r"\frac{\partial v_l}{\partial h_{ij}}", "^{-3/2}", "^{-1/2}"),
    ("md", r"&=& -\frac{1}{2}", "^{-3/2}", "^{3/2}"),
    ("md", r"&= \frac{2}{N}(h_{il}", r"\frac{2}{N}", r"\frac{2}{N^2}"),
    # the second document
    ("tex", r"\boxed", r"\frac{1}{N}\delta_{jl}}", r"\frac{1}{N^2}\delta_{jl}}"),
    ("tex", r"\boxed", r"\delta_{jl}}", r"\delta_{il}}"),
    ("tex", r"\Big(\delta_{ip}", r"= \frac{2}{N}", r"= \frac{1}{N}"),
    ("tex", r"\Big(\delta_{ip}", r"= \frac{2}{N}", r"= -\frac{2}{N}"),
    ("tex", r"\Big(\delta_{ip}", r"\delta_{ip}\delta_{jl}", r"\delta_{ip}\delta_{jj}"),
    ("tex", r"$$ = \frac{2}{N}", r"(h_{il} - \mu_l)", r"(h_{il} + \mu_l)"),
    ("tex", r"$$ = \frac{2}{N}", r"(h_{il} - \mu_l)", r"(h_{il} - \mu_l)^2"),
    ("tex", r"&= \frac{1}{N} &", r"&= \frac{1}{N} &", r"&= \frac{2}{N} &"),
    ("tex", r"&= \frac{1}{N} &", "&= 0", "&= 1"),
    ("tex", r"\quad l = j", "l = j", r"l \neq j"),
    ("tex", r"\quad l = j", r"\frac{2}{N}(h_{il}", r"\frac{2}{N^2}(h_{il}"),
    # the third document
    ("diff", r"dY = dX", r"+ X\, dW", r"+ 2 X\, dW"),
    ("diff", r"dY = dX", r"+ X\, dW", r"- X\, dW"),
    ("diff", r"dY = dX", r"dX\, W", r"dX\, W^T"),
    ("diff", r"dL = G : dY", r"\operatorname{tr}", r"2\operatorname{tr}"),
    ("diff", r"= G : dX", r"+ G : X\, dW", r"- G : X\, dW"),
    ("diff", r"dL = G W^T", r"G W^T : dX", r"G W : dX"),
    ("diff", r"dL = G W^T", r"X^T G : dW", r"X G^T : dW"),
    ("diff", r"dL = G W^T", r"G^T \mathbf{1}_N : db", r"2 G^T \mathbf{1}_N : db"),
    ("diff", r"\qquad \frac{\partial L}{\partial W}", r"= X^T G", r"= G^T X"),
    ("diff", r"\qquad \frac{\partial L}{\partial W}", r"= G W^T", r"= -G W^T"),
    ("diff", r"{1 \over N}", r"{1 \over N}", r"{1 \over N^2}"),
    ("diff", r"{1 \over N}", r"N \cdot", r"2 \cdot"),
    # documents read with no context: rows as one-index names, steps, bold-d gradients and
    # an activation left unsaid
    ("rows", r"\partial \gamma}", r"\odot \hat{x}_i", r"\odot x_i"),
    ("rows", r"\partial x_i}", r"\frac{1}{N \sqrt", r"\frac{1}{(N-1) \sqrt"),
    ("rows", r"\partial x_i}", r"- \hat{x}_i \odot", r"+ \hat{x}_i \odot"),
    ("steps", r"\partial x_t}", r"\frac{1}{T}", r"\frac{2}{T}"),
    ("steps", r"y_t = 0", "= 0", "= 1"),
    ("bold", r"\mathbf{ds}", r"\odot \mathbf{u}", r"\odot \mathbf{x}"),
    ("bold", r"{\rho^3}", r"\rho^3", r"\rho^2"),
    ("act", r"\partial V}", r"\mathbf{h}^\top", r"\mathbf{c}^\top"),
    ("act", r"\partial \mathbf{h}}", r"V^\top", "V"),
    # a vector's derivative by a vector, a recurrence over two lines, a context's own
    # definitions and a section with its own meaning of X
    ("jac", r"\odot (1 - \mathbf{s})", r"(1 - \mathbf{s})", r"(1 + \mathbf{s})"),
    ("jac", r"= 1 - \mathbf{t}^2", r"\mathbf{t}^2", r"\mathbf{t}^3"),
    ("recur", r"{\partial r} =", r"(o^t - y^t) s^t", r"(o^t - y^t) s^{t-1}"),
    ("recur", r"{\partial c} = p", r"+ 1$$", r"+ 2$$"),
    ("recur", r"\left(p\frac", r"1 - (s^t)^2", r"1 + (s^t)^2"),
    ("layers", r"{\partial w^l_{jk}}", r"a^{l-1}_k \delta^l_j", r"a^{l+1}_k \delta^l_j"),
    ("layers", r"{\partial b^l_j}", r"= \delta^l_j", r"= -\delta^l_j"),
    ("layers", r"{\partial b^l_j}", r"= \delta^l_j", r"= 2 \delta^l_j"),
    ("entries", r"s = uv =", r"+ u_3v_3", r"+ u_3v_2"),
    ("entries", r"s = uv =", r"u_1v_1 +", r"u_1v_1 - "),
    ("entries", r"r_2 = p_1q_2", r"p_2q_4", r"p_2q_3"),
    ("entries", r"{\partial q_4} = p_2", r"= p_2", r"= p_1"),
    ("layers", r"{\partial w^l_{jk}}", r"a^{l-1}_k \delta^l_j", r"a^{l}_k \delta^l_j"),
    # a generic layer l: the cost a function of the output layer, the error named by \equiv
    ("errors", r"\delta^{l+1}_k \sigma'", r"w^{l+1}_{kj}", r"w^{l}_{kj}"),
    ("errors", r"\delta^{l+1}_k \sigma'", r"\delta^{l+1}_k", r"2 \delta^{l+1}_k"),
    ("errors", r"\sigma'(z^L_j) $$", r"\sigma'(z^L_j)", r"\sigma(z^L_j)"),
    ("errors", r"{\partial z^l_j} = w", r"w^{l+1}_{kj}", r"w^{l+1}_{jk}"),
    ("layers", r"{\partial w^l_{jk}}", r"a^{l-1}_k \delta^l_j", r"a^{l-1}_j \delta^l_k"),
    ("words", r"{\partial g} =", r"y_i} c_i", r"y_i} x_i"),
    ("words", r"{\partial x_k} = g", r"{\partial y_k}", r"{\partial y_1}"),
    ("words", r"{\partial \mu}{\partial x_k}", r"\frac{1}{m}", r"\frac{1}{m - 1}"),
    ("sections", r"{\partial v}", r"\frac{2}{N}", r"\frac{1}{N}"),
    ("sections", r"{\partial v}", r"(X_k - m)", r"(X_k + m)"),
    ("sections", r"{\partial X_{kl}}", r"\delta_{jl}", r"\delta_{jk}"),
    # a vector recurrence over two lines: derivatives by its state through the steps after
    ("vectors", r"* \sigma'(z_t)", r"\sigma'(z_t)$$", r"\sigma(z_t)$$"),
    (
        "vectors",
        r"* \sigma'(z_t)",
        r"= \frac{\partial E}{\partial s_t} *",
        r"= 2 \frac{\partial E}{\partial s_t} *",
    ),
    ("vectors", r"{\partial s_{ti}}", r"V_{ji}", r"V_{ij}"),
    ("vectors", r"{\partial s_{ti}}", r"\sigma'(z_{t+1,j})", r"\sigma'(z_{t,j})"),
    ("vectors", r"{\partial V_{ij}}", r"s_{t-1,j}", r"s_{t,j}"),
    (
        "chain",
        r"{\partial z_t}$$",
        r"{\partial J}{\partial z_t}",
        r"{\partial J}{\partial z_{t-1}}",
    ),
    (
        "chain",
        r"\cdot",
        r"\cdot \frac{\partial s_t}{\partial z_t}",
        r"\cdot \frac{\partial s_t}{\partial z_{t-1}}",
    ),
    (
        "chain",
        r"{\partial z_t}$$",
        r"{\partial J}{\partial s_t}",
        r"{\partial J}{\partial s_{t+1}}",
    ),
    ("chain", r"{\partial s_t}$$", r"+ \frac{\partial J}", r"- \frac{\partial J}"),
    # a Jacobian as a matrix: a transpose added is not proved in either layout (one dropped
    # further down makes the lines above it unchecked too: see tests/verify/test_layouts.py)
    ("matjac", r"\partial \mathbf{x}} = A", "= A", r"= A^\top"),
    ("matjac", r"= A^\top \frac", r"= A^\top", r"= 2A^\top"),
    ("matjac", r"\frac{1}{s}\left(I", r"I - \mathbf{u}", r"I + \mathbf{u}"),
    # the all-ones matrix, as the prose says \mathbf{1} is
    ("ones", r"= \left(I - \frac{1}{M}", r"\left(I - \frac{1}{M}", r"\left(I + \frac{1}{M}"),
    ("ones", r"H^\top \mathbf{1} =", r"\frac{1}{M} H^\top", r"\frac{2}{M} H^\top"),
    ("ones", r"= H - \frac{1}{M}", r"= H - \frac{1}{M}", r"= H - \frac{1}{K}"),
    # ^t as the transpose
    ("tee", r"Y^t = B^t", r"B^t A^t", r"B A^t"),
    ("tee", r"(A B^t)^t", r"= B A^t", r"= B^t A^t"),
    ("tee", r"Y^t = B^t", r"B^t A^t", r"B^t B^t A^t"),
    # e_i a basis vector and σ the softmax, as the prose says
    ("basis", r"S = \sum_{i=1}^{N}", r"\sigma(B A^t e_i)^t", r"\sigma(A B^t e_i)^t"),
    ("basis", r"e_i^t S =", "e_i^t S", "e_i^t S^t"),
    ("basis", r"e_i^t S =", r"e_i)^t $$", r"e_i)^t B A^t $$"),
    # the differential of the softmax, W \cdot x, a chain after an unread line
    ("softdiff", r"d\sigma(z) \cdot v = ", r"- \sigma(z) \, (", r"+ \sigma(z) \, ("),
    ("softdiff", r"d\sigma(z)^t v =", r"= d\sigma(z) \cdot v $$", r"= \sigma(z) \odot v $$"),
    ("softdiff", r"&= \left\langle X, M^t P", "M^t P", "M P"),
    # a chain after d_X written as an operator
    ("operator", r"&= \mathrm{tr}(A^T P", r"\tilde{X}^T)", r"\tilde{X})"),
    ("operator", r"&= \left\langle \tilde{X}, A^T P", "A^T P", "A P"),
    # derivatives written as linear maps, d_X F \cdot D and the adjoint d_X F^* \cdot P
    ("maps", r"$$ d_X \mathrm{Act}(X, W) \cdot", r"(\tilde{X} W)", r"(\tilde{X} W^t W)"),
    ("maps", r"$$ d_W \mathrm{Act}(X, W) \cdot", r"(X \tilde{W})", r"(X W)"),
    ("maps", r"$$ d_X \mathrm{Act}(X, W)^*", r"\odot P) W^t", r"\odot P) W^t W W^t"),
    ("maps", r"&= \left\langle \tilde{X}, (", r"\odot P) W^t", r"\odot P)^t"),
    ("maps", r"$$ d_W s =", "X^t (", "2 X^t ("),
    ("mapsloss", r"\left\langle d_W", r", P \right", r", 2 P \right"),
    ("mapsloss", r"$$ d_W \mathscr{L}(W) \equiv", r"\odot \Gamma(W))", r"\odot P)"),
    # a letter at a vector, s(R), a scalar its row defines
    ("scale", r"\frac{\partial s}{\partial R} =", "{-3/2} R", "{-1/2} R"),
    ("scale", r"\frac{\partial s}{\partial R} =", r"-\frac{1}{N} \left(", r"\frac{1}{N} \left("),
    ("scale", "Z_k = s(R) R_k", "s(R) R_k", "s(R)^2 R_k"),
    # a chain from a defined name restates it: a derivative through the restated side
    ("restated", "Z = 3 (X - m) = 3 R", "= 3 R", "= 3 X"),
    ("restated", r"\frac{\partial J}{\partial R} =", r"= 3 \frac", r"= 4 \frac"),
    # \Sigma for a sum, one feature at a time (x \in \mathbb{R}^n written x_k)
    ("feature", r"{\partial s^2}{\partial h_k} &=", r"\frac{2}{N}", r"\frac{1}{N}"),
    ("feature", r"{\partial s^2} &=", r"(h_k - \nu)", r"(h_k + \nu)"),
    (
        "feature",
        r"\frac{\partial J}{\partial a} =",  # the scale's gradient, at the wrong input
        "z_k",
        "h_k",
    ),
    ("feature", r"- z_k \Sigma", r"- z_k \Sigma", r"+ z_k \Sigma"),
    ("feature", r"{\partial b} &=", r"{\partial J}{\partial b} &=", r"{\partial J}{\partial a} &="),
    ("feature", r"- z_k \Sigma", r"\frac{a}{N \sqrt", r"\frac{a}{\sqrt"),
    # whole vectors: a derivative by a scalar, a diagonal of one scalar, a map's name
    ("whole", r"{\partial \hat{u}} = g", "= g", "= 2 g"),
    (
        "whole",
        r"{\partial u} = \frac{1}",  # the diagonal's scalar, its root dropped
        r"{\sqrt{v + \epsilon}}",
        r"{v + \epsilon}",
    ),
    ("whole", r"{\partial g} = \hat{u}", r"= \hat{u}", r"= u"),
    # a convolution at offsets: the window, the flipped one, the kernel's axes
    ("conv", r"{\partial W_{a,b,k}}", "X_{i+a,j+b}$$", "X_{i+a,j}$$"),
    ("conv", r"{\partial X_{i,j}}", "Z_{i-a,j-b,k}", "Z_{i-b,j-a,k}"),
    ("conv", r"{\partial X_{i,j}}", r"\sum_k \sum_a", r"\sum_a"),
]
#: By document: a reason after \\because, an aside row, an arrow typed as => (reasons);
#: positions beside an index letter, x_{i1} and x_{i,2}, and a loss written J(w_1, w_2, b).
BY_DOCUMENT = {
    "reasons": [
        (r"\because \frac{1}{e^t}", r"= \frac{1}{e^{-t} + 1}", r"= \frac{2}{e^{-t} + 1}"),
        (r"\because e^{t} e^{-t}", "&= 1", "&= 2"),
        (r"=> \frac{1}{1 + e^t}", r"\frac{e^{-t}}", r"\frac{e^{-2t}}"),
        (r"\text{Hence (2)}", r"1 - \sigma(t)", r"2 - \sigma(t)"),
    ],
    # a log-likelihood averaged over samples: logs of exp split by factor, sums gathered
    "logistic": [
        (r"\log\frac{e^{-s_n}}", r"\frac{e^{-s_n}}", r"\frac{e^{s_n}}"),
        (r"(1 - t_n) s_n\right]", "(1 - t_n) s_n", "t_n s_n"),
        (r"\log(1 + e^{s_n}) -", r"e^{s_n}", r"e^{-s_n}"),
        (r"{\partial a}", r"- t_n)u_n", r"+ t_n)u_n"),
        (r"{\partial c}", r"\sigma(s_n) -", r"\sigma(-s_n) -"),
    ],
    # a squared hinge by \max\{0, …\} and by its indicator \mathbb{I}\{…\}, beside \mathcal{I}
    "hinge": [
        (r"\cdot(1 - S_{a,c}", r"\cdot(1 -", r"\cdot(2 -"),
        (r"\le 1\}(1 - \zeta_{a,c})^2", r"(1 - \zeta_{a,c})^2", r"(1 - \zeta_{a,c})^3"),
        (r"&= -2T_{a,c}", r"A_{a,b}", r"A_{a,c}"),
        (r"&= -2T_{a,c}", r"-2T_{a,c}", r"2T_{a,c}"),
    ],
    "columns": [
        (r"\frac{dJ}{dw_1}", r"b - y_i)x_{i1}", r"b - y_i)x_{i2}"),
        (r"\frac{dJ}{dw_2}", r"b - y_i)x_{i,2}", r"b + y_i)x_{i,2}"),
        (r"\frac{dJ}{db}", r"\frac{2}{N}", r"\frac{1}{N}"),
    ],
}
MUTANTS += [(name, *m) for name, found in BY_DOCUMENT.items() for m in found]
#: More, written as data (mutants.toml beside this file): a letter whose definition is not
#: read, a softmax of one element of a vector, loose exponents and sums, hyperbolic functions.
MUTANTS += [
    (m["document"], m["line"], m["old"], m["new"])
    for m in tomllib.loads((Path(__file__).parent / "mutants.toml").read_text("utf-8"))["mutant"]
]


def verdicts(text: str) -> dict[int, list[tuple[int, str]]]:
    out: dict[int, list[tuple[int, str]]] = {}
    for f in check(text, "doc.md").findings:
        out.setdefault(f.where.line, []).append((f.where.col, f.status))
    return out


ORIGINAL = {}


def original(doc: str) -> dict[int, list[tuple[int, str]]]:
    if doc not in ORIGINAL:
        ORIGINAL[doc] = verdicts(doc)
    return ORIGINAL[doc]


@pytest.mark.parametrize(
    ("doc", "proved"), [(DOC, 13), (TEX, 6), (DIFF, 18)], ids=["md", "tex", "diff"]
)
def test_the_document_is_proved(doc, proved):
    found = original(doc)
    statuses = {s for line in found.values() for _, s in line}
    assert statuses <= {"proved", "defined"}, found
    assert sum(s == "proved" for line in found.values() for _, s in line) >= proved


@pytest.mark.parametrize(
    ("doc", "where", "old", "new"),
    [({"md": DOC, "tex": TEX, "diff": DIFF, **OTHERS}[m[0]], *m[1:]) for m in MUTANTS],
    ids=[f"{m[0]}-{n}" for n, m in enumerate(MUTANTS)],
)
def test_a_mutated_line_loses_its_proof_and_the_lines_above_keep_theirs(doc, where, old, new):
    lines = doc.split("\n")
    (n,) = [k for k, x in enumerate(lines) if where in x]
    assert lines[n].count(old) == 1, (where, old)
    lines[n] = lines[n].replace(old, new)
    got = verdicts("\n".join(lines))
    line = n + 1
    before = [s for _, s in original(doc).get(line, [])]
    after = [s for _, s in got.get(line, [])]
    assert set(after) & {"refuted", "unchecked"}, (lines[n], after)
    assert after.count("proved") < before.count("proved"), (lines[n], after)
    assert {k: v for k, v in got.items() if k < line} == {
        k: v for k, v in original(doc).items() if k < line
    }
