"""The vectorizer: each case's array code checked against a direct loop evaluation.

Every case is an index expression written in the derivation language (as the lhs of a claim,
so that its free indices are the claim's). The generated NumPy lines are wrapped in a
function, imported from a file, and compared element by element with
`symbn.verify.concrete.Evaluator`, which loops over every sum explicitly in 50-digit arithmetic.
"""

from __future__ import annotations

import arraycode
import pytest
import sympy as sp

from symbn.emit.arrays.kernel import Output
from symbn.emit.arrays.vectorize import Term, VectorizeError, Vectorizer
from symbn.errors import InternalError
from symbn.language import functions
from symbn.language.indices import Index

HEADER = """
[derivation]
title = "vectorizer cases"

[sizes]
N = "rows"
L = "columns"
D = "inner"

[indices]
i = "N"
k = "N"
p = "N"
j = "L"
l = "L"
r = "D"

[inputs]
A = { shape = ["N", "L"] }
B = { shape = ["N", "L"] }
Q = { shape = ["N", "N"] }
c = { shape = ["L"] }
M = { shape = ["L", "D"] }
s = { shape = [], positive = true }
"""

CASES = {
    "mean_has_the_1_over_N": "sum(A[p, l], p) / N",
    "centred": "A[k, l] - sum(A[p, l], p) / N",
    "two_pass_variance": "sum((A[p, l] - sum(A[k, l], k) / N)**2, p) / N",
    "matrix_product": "sum(A[k, j] * M[j, r], j)",
    "matrix_product_transposed": "sum(M[j, r] * A[k, j], j)",
    "row_dot_products": "sum(A[p, l] * B[p, l], p)",
    "jacobian_delta": "Delta(i, k) * c[l]",
    "delta_under_a_sum": "sum(Delta(i, p) * A[p, l], p)",
    "delta_chain": "sum(Delta(i, p) * Delta(p, k), p)",
    "delta_concrete": "Delta(i, 2) * c[l]",
    "functions": "relu(A[k, l]) + step(B[k, l]) * exp(A[k, l]) + tanh(c[l]) + log(s)",
    "powers": "A[k, l]**2 * sqrt(s) / (s + c[l]**2)**(3/2) - 1 / (s + B[k, l]**2)",
    "concrete_indices": "A[1, l] * B[2, l] + Q[3, 1]",
    "last_positions": "A[N, l] * Delta(k, N) + Delta(1, N) * c[l] + Q[N, 1]",
    "max_broadcasts": "max(A[k, l], c[l]) + min(s, B[k, l]) + softplus(A[k, l]) * pi",
    "scalar_exponent": "(1 + s)**s * c[l] + s**(s - 1)",
    "scalar_double_sum": "sum(A[p, l] * B[p, l], p, l)",
    "compact_backward": "c[l] * (N * A[k, l] - sum(A[p, l], p) - B[k, l] "
    "* sum(A[p, l] * B[p, l], p)) / (N * sqrt(s + c[l]**2))",
    "transposed_output": "c[l] * A[k, l]",
    "shared_subexpression": "(A[k, l] - c[l])**2 + (A[k, l] - c[l]) * sum(A[p, l], p)",
    "constant_along_the_sum": "sum(c[l], p)",
    "diagonal": "Q[k, k] * A[k, l]",
    "sum_of_a_sum": "sum(A[p, l] * sum(B[k, l], k), p) / N**2",
    "four_axes": "(N * Delta(i, k) - B[i, j] * B[k, j] - 1) * Delta(j, l) "
    "/ (N * sqrt(s + c[j]**2))",
    "negative_terms": "-A[k, l] - 2 * B[k, l] / 3",
}


@pytest.fixture(scope="module")
def cases_model(tmp_path_factory):
    return arraycode.cases_model(tmp_path_factory.mktemp("vec"), HEADER, CASES)


def kernel_source(m, claim) -> str:
    """A function evaluating the claim's lhs with the vectorizer's lines."""
    return arraycode.kernel_source(m, [Output("out", claim.lhs, claim.free)])


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_matches_the_loop_evaluation(cases_model, name, tmp_path):
    m = cases_model
    claim = next(c for c in m.claims if c.name == name)
    module = arraycode.load(kernel_source(m, claim), tmp_path / f"case_{name}.py")
    arraycode.check_against_loops(m, module.case, [Output("out", claim.lhs, claim.free)])


def test_the_mean_keeps_its_factor(cases_model):
    """convert_indexed_to_array drops the 1/N of a mean; here it is in the code."""
    claim = next(c for c in cases_model.claims if c.name == "mean_has_the_1_over_N")
    source = kernel_source(cases_model, claim)
    assert "/ N" in source


def test_no_python_loops_and_deltas_only_in_jacobians(cases_model):
    sources = {c.name: kernel_source(cases_model, c) for c in cases_model.claims}
    assert not any(" for " in s or "while " in s for s in sources.values())
    assert "np.eye" in sources["jacobian_delta"]
    assert "np.eye" not in sources["delta_under_a_sum"]
    assert "np.eye" not in sources["delta_chain"].split("out =")[0]


def test_matrix_products_use_matmul(cases_model):
    for name in ("matrix_product", "matrix_product_transposed"):
        claim = next(c for c in cases_model.claims if c.name == name)
        assert " @ " in kernel_source(cases_model, claim)


# -- the printer: a rule for every node kind, an error for any other --------------------------
N_ = sp.Symbol("N", integer=True, positive=True)
K_, L_ = Index("k", N_), Index("l", N_)
A_, C_ = sp.IndexedBase("A"), sp.IndexedBase("c")
S_ = sp.Symbol("s", positive=True)

NODES = [  # (expression, code, axes): every kind of node the language builds
    (sp.Integer(3), "3", ()),
    (sp.Integer(-2), "-2", ()),
    (sp.Rational(-2, 3), "-2 / 3", ()),
    (sp.S.Half, "1 / 2", ()),
    (sp.Float(0.25), "0.25", ()),
    (S_, "s", ()),
    (N_, "N", ()),
    (A_[K_, L_], "A", (K_, L_)),
    (A_[L_, K_], "A", (L_, K_)),
    (A_[2, L_], "A[1]", (L_,)),
    (A_[K_, K_], 'xp.einsum("kk->k", A)', (K_,)),
    (sp.KroneckerDelta(K_, L_), "xp.eye(N, dtype=dtype)", (K_, L_)),
    (sp.KroneckerDelta(K_, 2), "xp.eye(N, dtype=dtype)[1]", (K_,)),
    (A_[K_, L_] + C_[L_], "c + A", (K_, L_)),
    (A_[K_, L_] - S_, "A - s", (K_, L_)),
    (C_[L_] * A_[K_, L_], "c * A", (K_, L_)),
    (A_[K_, L_] / S_, "A / s", (K_, L_)),
    (-A_[K_, L_], "-A", (K_, L_)),
    (C_[L_] ** 2, "c ** 2", (L_,)),
    (1 / C_[L_], "1 / c", (L_,)),
    (sp.sqrt(S_), "xp.sqrt(s)", ()),
    (sp.Sum(A_[K_, L_], (K_, 1, N_)), 'xp.einsum("kl->l", A)', (L_,)),
    (2 * sp.pi, "2 * xp.pi", ()),
    (sp.Sum(A_[K_, L_] * C_[L_], (L_, 1, N_)), "c @ A.T", (K_,)),
    *[
        (f.make(C_[L_]), f.numpy.format(np="xp", x="c"), (L_,))
        for f in functions.TABLE.values()
        if f.cls is not None and f.arity == 1 and f.numpy
    ],
    *[
        (
            e,
            f.numpy.format(
                np="xp",
                **dict(
                    zip(
                        "xy", [str(a.base) if a.is_Indexed else str(a) for a in e.args], strict=True
                    )
                ),
            ),
            (L_,),
        )
        for f in functions.TABLE.values()
        if f.cls is not None and f.arity == 2
        for e in [f.make(C_[L_], S_)]
    ],
]


@pytest.mark.parametrize(("e", "code", "axes"), NODES, ids=[str(n[0]) for n in NODES])
def test_every_node_kind_prints_with_the_module_name_given(e, code, axes):
    t = Vectorizer([K_, L_], np="xp").term(e)
    assert (t.code, t.axes) == (code, axes)
    assert "np." not in t.code


def test_every_function_of_the_table_has_a_rule():
    printed = {type(n[0]) for n in NODES}
    assert all(f.cls in printed for f in functions.TABLE.values() if f.cls and f.numpy)


def test_a_function_left_unsaid_has_no_array_code():
    with pytest.raises(VectorizeError, match="act\\(\\) is a function the derivation leaves"):
        Vectorizer([K_, L_], np="xp").term(functions.TABLE["act"].make(C_[L_]))


@pytest.mark.parametrize(
    "node",
    [
        sp.sin(A_[K_, L_]),  # a SymPy function the table has not
        sp.Function("Foo")(A_[K_, L_]),  # an undefined function
        sp.Max(A_[K_, L_], 0),
        sp.EulerGamma,
        sp.zoo,
        sp.Piecewise((C_[L_], S_ > 1), (0, True)),
    ],
)
def test_an_unknown_node_raises(node):
    vec = Vectorizer([K_, L_])
    with pytest.raises(InternalError, match="the array printer has no rule for "):
        vec.term(node)
    with pytest.raises(InternalError):  # inside an expression too
        vec.term(C_[L_] * (1 + node))


def test_what_has_no_array_form_is_refused():
    with pytest.raises(VectorizeError, match="index k used as a value"):
        Vectorizer([K_]).term(A_[K_, L_] * K_)
    with pytest.raises(VectorizeError, match="an exponent must be a scalar"):
        Vectorizer([K_, L_]).term(S_ ** C_[L_])


def test_a_backend_is_a_subclass_that_spells_calls_its_way():
    class Torch(Vectorizer):
        def call(self, function: str, *args: str) -> str:
            return super().call({"transpose": "permute"}.get(function, function), *args)

    p = Index("p", N_)
    vec = Torch([K_, L_, p], np="torch")
    assert vec.term(A_[K_, L_] * sp.exp(C_[L_])).code == "torch.exp(c) * A"
    t = vec.term(sp.Sum(A_[K_, p] * A_[L_, p] * C_[p], (p, 1, N_)))
    assert t.code == 'torch.einsum("p,kp,lp->kl", c, A, A, optimize=True)'
    assert vec.transpose(Term("x", (K_, L_, p)), (p, K_, L_)) == "torch.permute(x, (2, 0, 1))"
