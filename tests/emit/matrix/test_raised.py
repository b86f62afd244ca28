"""symbn.emit.matrix.raised: every matrix form it gives holds the index expression at every
element (checked with NumPy at random sizes and values, `matrices.same`), and an expression
without an exact matrix form gives None."""

from __future__ import annotations

import pytest
from headers import header
from matrices import same

import symbn
from symbn.emit.matrix import spelled
from symbn.emit.matrix.raised import matrix_form
from symbn.errors import Location
from symbn.source.spec import Text

SHAPES = header(
    "Shapes",
    """
    X = { shape = ["N", "D"] }
    W = { shape = ["D", "C"] }
    b = { shape = ["C"] }
    G = { shape = ["N", "C"] }
    H = { shape = ["N", "C"] }
    S = { shape = ["N", "N"] }
    v = { shape = ["N"] }
    u = { shape = ["D"] }
    s = { shape = [] }
""",
    sizes={"N": "rows", "D": "features", "C": "classes"},
    indices={"n": "N", "i": "N", "k": "N", "d": "D", "e": "D", "c": "C", "j": "C"},
) + (
    '\n[[define]]\nname = "L"\nindex = []\nexpr = "sum(G[n, c] * H[n, c], n, c)"\n'
    '\n[[define]]\nname = "Y"\nindex = ["n", "c"]\nexpr = "sum(X[n, d] * W[d, c], d)"\n'
    '\n[[claim]]\nname = "dW"\nlhs = "sum(G[k, j] * diff(Y[k, j], W[d, c]), k, j)"\n'
)


LAYER = '\n[layer]\noutput = "Y"\nupstream = "G"\ngradients = {}\n'


@pytest.fixture(scope="module")
def model():
    return symbn.loads(SHAPES).model


@pytest.fixture(scope="module")
def layered():
    return symbn.loads(SHAPES + LAYER).model


def parsed(model, src: str):
    return model.parse(Text(src, Location("t", 1, 1, src)))


def axes(model, letters: str) -> tuple:
    found = {i.name: i for i in model.indices}
    return tuple(found[x] for x in letters)


# (index expression, the result's axes, the matrix form as text)
RAISED = [
    ("sum(X[n, d] * G[n, c], n)", "dc", "X.T @ G"),
    ("sum(X[n, d] * G[n, c], n)", "cd", "G.T @ X"),
    ("sum(X[n, d] * W[d, c], d)", "nc", "X @ W"),
    ("sum(X[n, d] * W[d, c], d)", "cn", "W.T @ X.T"),
    ("sum(G[n, c], n)", "c", "G.T @ ones(N)"),
    ("sum(G[n, c], c)", "n", "G @ ones(C)"),
    ("sum(G[n, c], n, c)", "", "ones(N) @ G @ ones(C)"),
    ("Delta(n, i)", "ni", "eye(N)"),
    ("sum(Delta(n, i) * G[i, c], i)", "nc", "G"),
    ("G[n, c] * H[n, c]", "nc", "G * H"),
    ("G[n, c] * H[n, c]", "cn", "(G * H).T"),
    ("G[n, c] / H[n, c]", "nc", "G / H"),
    ("sum(X[n, d] * W[d, c], d) + b[c]", "nc", "X @ W + outer(ones(N), b)"),
    ("G[n, c] + v[n]", "nc", "G + outer(v, ones(C))"),
    ("tanh(G[n, c])", "nc", "tanh(G)"),
    ("exp(G[n, c]) - 1", "nc", "exp(G) - outer(ones(N), ones(C))"),
    ("1 - G[n, c]**2", "nc", "outer(ones(N), ones(C)) - G**2"),
    ("sqrt(G[n, c] + s)", "nc", "sqrt(G + s * outer(ones(N), ones(C)))"),
    ("G[n, c] / s", "nc", "1/s * G"),
    ("G[n, c] / (s * N)", "nc", "1/(N*s) * G"),
    ("exp(G[n, c]) / sum(exp(G[n, j]), j)", "nc", "exp(G) / outer(exp(G) @ ones(C), ones(C))"),
    ("v[n] * u[d]", "nd", "outer(v, u)"),
    ("sum(v[n] * G[n, c], n)", "c", "G.T @ v"),
    ("sum(v[n] * v[n], n)", "", "ones(N) @ v**2"),
    ("sum(v[n] * H[n, c] * v[n], n)", "c", "H.T @ v**2"),
    ("sum(v[n] * G[n, c] * H[n, c], n)", "c", "(G * H).T @ v"),
    ("sum(X[n, d] * S[n, k] * u[d], n, d)", "k", None),
    ("sum(X[n, d] * X[k, d] * S[n, k], n, k)", "d", None),
    ("sum(G[n, c] * G[n, c] * b[c], n, c)", "", None),
    ("sum(G[n, c] * H[n, c], c)", "n", "(G * H) @ ones(C)"),
    ("sum(G[n, c] * H[n, c], n) / N", "c", "1/N * (G * H).T @ ones(N)"),
    ("sum(sum(X[n, d] * G[n, c], n) * W[d, c], c)", "d", "(W * (X.T @ G)) @ ones(C)"),
    ("G[n, c] * (H[n, c] - sum(G[n, j] * H[n, j], j))", "nc", None),
    ("b[c] * G[n, c] / sqrt(sum(G[k, c]**2, k) / N + s)", "nc", None),
    ("max(G[n, c], H[n, c])", "nc", "max(G, H)"),
    ("sum(S[n, k] * S[k, i], k)", "ni", "S @ S"),
    ("sum(S[k, n] * v[k], k)", "n", "S.T @ v"),
    ("-sum(X[n, d] * G[n, c], n) / N", "dc", "-1/N * X.T @ G"),
    ("-sum(G[n, c] * H[n, c], n, c) / N", "", "-1/N * ones(N) @ (G * H) @ ones(C)"),
    ("sum(G[n, c]**2, n)", "c", "(G**2).T @ ones(N)"),
    ("v[n] * sum(v[k] * v[k], k)", "n", "(ones(N) @ v**2) * v"),
    # a causal mask: the lower triangle of ones, with or without its diagonal
    ("If(k <= n) * S[n, k]", "nk", "S * tri(N)"),
    ("If(k <= n) * S[n, k]", "kn", "(S * tri(N)).T"),
    ("If(n < k) * S[n, k]", "nk", "S * (tri(N).T - eye(N))"),
    ("sum(S[n, k], k, k <= n)", "n", "(S * tri(N)) @ ones(N)"),
]


@pytest.mark.parametrize(("src", "letters", "text"), RAISED)
def test_a_raised_form_holds_at_every_element(model, src, letters, text):
    e = parsed(model, src)
    n = same(e, axes(model, letters), model)
    if text is not None:
        assert spelled.text(n) == text


# (index expression, axes): no exact matrix form
UNRAISED = [
    ("S[n, n]", "n"),  # a diagonal
    ("sum(S[n, n], n)", ""),  # a trace
    ("G[1, c]", "c"),  # a concrete index
    ("sum(X[n, d] * W[d, c], d)", "n"),  # c is free but no axis
    ("X[n, d] * G[n, c]", "nd"),  # three indices
    ("sum(X[n, d] * S[n, k] * G[k, c], n)", "dk"),  # c free but no axis
    ("If(k <= n + 1) * S[n, k]", "nk"),  # a band other than the diagonal
    ("If(d <= c) * G[n, c]", "nc"),  # two ranges
]


@pytest.mark.parametrize(("src", "letters"), UNRAISED)
def test_no_exact_matrix_form_gives_none(model, src, letters):
    assert matrix_form(parsed(model, src), axes(model, letters), model) is None


def test_more_than_two_axes_give_none(model):
    assert matrix_form(parsed(model, "G[n, c] * u[d]"), axes(model, "ncd"), model) is None


def test_the_gradient_of_a_scalar_definition(model):
    n = matrix_form(parsed(model, "diff(L, W[d, c])"), axes(model, "dc"), model)
    assert spelled.text(n) == "diff(L, W)"
    assert spelled.latex(n) == r"\frac{\partial L}{\partial {W}}"
    assert matrix_form(parsed(model, "diff(L, W[d, c])"), axes(model, "cd"), model) is not None


def test_the_layer_upstream_pulled_back_is_the_loss_gradient(layered):
    lhs = parsed(layered, "sum(G[k, j] * diff(Y[k, j], W[d, c]), k, j)")
    n = matrix_form(lhs, axes(layered, "dc"), layered)
    assert spelled.latex(n) == r"\frac{\partial \mathcal{L}}{\partial {W}}"
    other = parsed(layered, "sum(H[k, j] * diff(Y[k, j], W[d, c]), k, j)")
    assert matrix_form(other, axes(layered, "dc"), layered) is None  # not the upstream
    half = parsed(layered, "sum(G[k, j] * diff(Y[k, j], W[d, c]), k, j) / 2")
    assert spelled.text(matrix_form(half, axes(layered, "dc"), layered)) == "1/2 * diff(loss, W)"


def test_a_gradient_summed_with_a_tensor(model):
    """diff(L, Y[n, c]) has the free indices of Y[n, c], though SymPy's free symbols of a
    derivative leave them out when L does not depend on Y as written."""
    gradient = "diff(L, Y[n, c])"
    dc = matrix_form(parsed(model, f"sum(X[n, d] * {gradient}, n)"), axes(model, "dc"), model)
    assert spelled.text(dc) == "X.T @ diff(L, Y)"
    c = matrix_form(parsed(model, f"sum({gradient}, n)"), axes(model, "c"), model)
    assert spelled.text(c) == "diff(L, Y).T @ ones(N)"
