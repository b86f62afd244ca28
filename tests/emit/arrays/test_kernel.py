"""Kernels: several outputs, each repeated subexpression computed once (`symbn.emit.arrays.kernel`).

`repeated` must find the subexpressions that occur more than once (a square under a sum
counting its base twice, trivial leaves never), `common_products` the products of factors
that several products share. `Kernel.emit` must assign every shared value once, before the
first line that reads it, and lay each output out along its own axes: the emitted lines are
parsed to check the order, then run and compared with the 50-digit loop evaluation
(`arraycode.check_against_loops`).
"""

from __future__ import annotations

import ast
import re
from collections import Counter

import arraycode
import pytest
import sympy as sp
from headers import header

from symbn.emit.arrays import statements
from symbn.emit.arrays.arrayrewrite import alpha
from symbn.emit.arrays.kernel import Kernel, Output, common_products, repeated
from symbn.emit.arrays.vectorize import VectorizeError, Vectorizer

HEADER = header(
    "kernel cases",
    """
A = { shape = ["N", "L"] }
B = { shape = ["N", "L"] }
c = { shape = ["L"] }
d = { shape = ["L"] }
s = { shape = [], positive = true }
""",
)

CASES = {
    "shared_subexpression": "(A[k, l] - c[l])**2 + (A[k, l] - c[l]) * sum(A[p, l], p)",
    "compact_backward": "c[l] * (N * A[k, l] - sum(A[p, l], p) - B[k, l] "
    "* sum(A[p, l] * B[p, l], p)) / (N * sqrt(s + c[l]**2))",
}


@pytest.fixture(scope="module")
def cases_model(tmp_path_factory):
    return arraycode.cases_model(tmp_path_factory.mktemp("kernel"), HEADER, CASES)


def kernel_source(m, claim) -> str:
    """A function evaluating the claim's lhs with the kernel's lines."""
    return arraycode.kernel_source(m, [Output("out", claim.lhs, claim.free)])


# the model's own symbols, so that Kernel, Vectorizer and the loop evaluator agree
def index(m, name: str) -> sp.Symbol:
    return next(s for s in m.indices if str(s) == name)


def size(m, name: str) -> sp.Symbol:
    return next(s for s in m.sizes if str(s) == name)


A, B, C, D = (sp.IndexedBase(n) for n in "ABcd")
S = sp.Symbol("s", positive=True)


# -- moved from test_vectorize.py ------------------------------------------------------------
def test_repeated_subexpressions_are_computed_once(cases_model):
    claim = next(c for c in cases_model.claims if c.name == "shared_subexpression")
    source = kernel_source(cases_model, claim)
    assert source.count("A - c") == 1


def test_kernel_output_is_deterministic(cases_model):
    claim = next(c for c in cases_model.claims if c.name == "compact_backward")
    assert len({kernel_source(cases_model, claim) for _ in range(3)}) == 1


# -- repeated ----------------------------------------------------------------------------------
def test_a_square_under_a_sum_counts_its_base_twice(cases_model):
    m = cases_model
    k, col, p = (index(m, x) for x in "klp")
    n = size(m, "N")
    centred = A[p, col] - C[col]
    assert repeated([sp.Sum(centred**2, (p, 1, n))]) == [centred]
    assert repeated([sp.Sum(centred * B[p, col], (p, 1, n))]) == []
    # outside a sum a square is one elementwise power: its base is read once
    assert repeated([(A[k, col] - C[col]) ** 2]) == []


def test_trivial_leaves_are_never_shared(cases_model):
    m = cases_model
    k, col, p = (index(m, x) for x in "klp")
    n = size(m, "N")
    exprs = [
        A[k, col] + A[k, col] * B[k, col],
        -A[k, col] * C[col] + S * (n + 1),
        sp.sqrt(-A[k, col] + 2 * S) * (n + 1),
        sp.exp(-A[k, col]),
        sp.Sum(A[p, col] ** 2, (p, 1, n)) * 2,
    ]  # A, -A, n + 1 twice; A**2 under a sum
    assert repeated(exprs) == []
    # the same expressions with one non-trivial subexpression repeated
    scaled = C[col] * A[k, col]
    assert repeated([*exprs, scaled, scaled + S]) == [scaled]


def test_repeated_compares_by_key_and_puts_the_inner_value_first(cases_model):
    m = cases_model
    i, k, col, p = (index(m, x) for x in "iklp")
    n = size(m, "N")

    def key(x):
        return alpha(x)[0]

    exprs = [A[k, col] - C[col], S * (A[i, col] - C[col])]
    assert repeated(exprs) == []
    assert repeated(exprs, key) == [A[k, col] - C[col]]
    var = sp.Sum((A[p, col] - C[col]) ** 2, (p, 1, n))
    found = repeated([(A[k, col] - C[col]) / sp.sqrt(var + S), var * D[col]], key)
    assert [key(x) for x in found] == [key(A[k, col] - C[col]), key(var)]


# -- common_products ---------------------------------------------------------------------------
G, T, DY = (sp.IndexedBase(n) for n in ("gamma", "t", "dy"))
J, KK = sp.symbols("j k", integer=True)
NN = sp.Symbol("N", integer=True, positive=True)


def restore(exprs: list, found: list) -> list:
    """The expressions with every placeholder replaced by its product, latest first."""
    for sym, product in reversed(found):
        exprs = [e.xreplace({sym: product}) for e in exprs]
    return exprs


def test_a_product_two_terms_share_is_named_once():
    e = G[J] * T[J] * DY[KK, J] - G[J] * T[J] * S / NN
    (got,), found = common_products([e])
    assert len(found) == 1
    sym, product = found[0]
    assert product == G[J] * T[J]
    assert got == sym * DY[KK, J] - sym * S / NN
    assert restore([got], found) == [e]


def test_numbers_are_not_shared_factors_and_nothing_shared_is_left_alone():
    exprs = [2 * A[KK, J] * C[J], 2 * B[KK, J] * D[J]]
    assert common_products(exprs) == (exprs, [])


def test_a_product_may_contain_an_earlier_one():
    a, b, c, x, y, z = sp.symbols("a b c x y z")
    e = a * b * c * x + a * b * c * y + a * b * z
    (got,), found = common_products([e])
    assert [product for _, product in found] == [a * b, found[0][0] * c]
    assert restore([got], found) == [e]
    assert not got.free_symbols & {a, b, c}  # every use goes through the placeholders


# -- Kernel.emit ------------------------------------------------------------------------------
def reads_and_writes(lines: list[str], given: set[str]) -> Counter:
    """Check that every name a line reads (or updates in place) is an argument or was
    assigned by an earlier line; return how often each name is assigned with `=`."""
    defined = set(given) | {"np", "dtype"}
    assigned: Counter = Counter()
    for n, line in enumerate(lines):
        tree = ast.parse(line)
        read = {
            x.id for x in ast.walk(tree) if isinstance(x, ast.Name) and isinstance(x.ctx, ast.Load)
        }
        read |= {x.target.id for x in ast.walk(tree) if isinstance(x, ast.AugAssign)}
        assert not read - defined, (n, line, read - defined)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    assigned[target.id] += 1
                    defined.add(target.id)
    return assigned


def emit(m, outputs: list[Output], taken: set[str] = frozenset()) -> list[str]:
    sizes = {str(s) for s in m.sizes}
    kernel = Kernel(arraycode.vectorizer(m), set(m.inputs) | sizes | set(taken))
    return statements.lines(kernel.emit(outputs))


def test_each_shared_value_is_assigned_once_before_its_first_use(cases_model, tmp_path):
    """h - mu written with p (in a variance) and with k, a column sum read by two outputs,
    and a product of two vectors that two outputs scale by."""
    m = cases_model
    k, col, p = (index(m, x) for x in "klp")
    n = size(m, "N")
    var = sp.Sum((A[p, col] - C[col]) ** 2, (p, 1, n)) / n
    colsum = sp.Sum(A[p, col], (p, 1, n))
    outs = [
        Output("v", var, (col,)),
        Output("w", (A[k, col] - C[col]) / sp.sqrt(var + S), (k, col)),
        Output("q", C[col] * colsum + B[k, col] * colsum**2, (k, col)),
        Output("x", C[col] * D[col] * A[k, col], (k, col)),
        Output("y", C[col] * D[col] * B[k, col], (k, col)),
    ]
    lines = emit(m, outs)
    assigned = reads_and_writes(lines, set(m.inputs) | {"N", "L"})
    temps = [name for name in assigned if re.fullmatch(r"t\d+", name)]
    assert len(temps) >= 3
    assert all(assigned[name] == 1 for name in [*temps, *(o.name for o in outs)])
    code = "\n".join(lines)
    assert code.count("A - c") == 1
    assert code.count('np.einsum("pl->l", A)') == 1
    assert len(re.findall(r"\bc \* d\b|\bd \* c\b", code)) == 1
    module = arraycode.load(arraycode.kernel_source(m, outs), tmp_path / "shared.py")
    arraycode.check_against_loops(m, module.case, outs)


def test_a_square_of_a_shared_value_reads_it_twice(cases_model):
    m = cases_model
    k, col, p = (index(m, x) for x in "klp")
    n = size(m, "N")
    outs = [
        Output("v", sp.Sum((A[p, col] - C[col]) ** 2, (p, 1, n)), (col,)),
        Output("w", (A[k, col] - C[col]) * D[col], (k, col)),
    ]
    code = "\n".join(emit(m, outs))
    assert re.search(r'np\.einsum\("pl,pl->l", (\w+), \1\)', code), code
    assert "** 2" not in code


def test_outputs_are_laid_out_along_their_axes(cases_model, tmp_path):
    """The same values transposed, broadcast along a missing axis, or both; a zero."""
    m = cases_model
    i, k, col = (index(m, x) for x in "ikl")
    outs = [
        Output("z", C[col] * A[k, col], (col, k)),
        Output("u", C[col], (col, k)),
        Output("b", C[col], (k, col)),
        Output("o", sp.KroneckerDelta(i, k) * C[col], (col, i, k)),
        Output("e", sp.Integer(0), (k, col)),
        Output("f", A[k, col] + B[k, col], (col, k)),
    ]
    lines = emit(m, outs)
    reads_and_writes(lines, set(m.inputs) | {"N", "L"})
    assert "e = np.zeros((N, L), dtype=dtype)" in lines
    module = arraycode.load(arraycode.kernel_source(m, outs), tmp_path / "layout.py")
    arraycode.check_against_loops(m, module.case, outs)  # shapes (L, N), (L, N), (N, L), ...


def test_an_output_without_one_of_its_free_indices_is_refused(cases_model):
    m = cases_model
    k, col = index(m, "k"), index(m, "l")
    with pytest.raises(VectorizeError, match=r"free index \['l'\] not among the output's"):
        emit(m, [Output("out", A[k, col], (k,))])


def test_temporaries_avoid_names_in_use(cases_model):
    m = cases_model
    k, col, p = (index(m, x) for x in "klp")
    n = size(m, "N")
    kernel = Kernel(Vectorizer([]), {"t0", "t2"})
    assert [kernel.temp_name() for _ in range(3)] == ["t1", "t3", "t4"]
    colsum = sp.Sum(A[p, col], (p, 1, n))
    centred = A[k, col] - C[col]
    outs = [Output("out", centred * colsum + centred**3 * colsum**2, (k, col))]
    lines = emit(m, outs, taken={"t0"})
    assigned = reads_and_writes(lines, set(m.inputs) | {"N", "L", "t0"})
    assert "t0" not in assigned
    assert "t1" in assigned
