"""The argument checks at the top of every generated function (`symbn.emit.numpy.argcheck`).

`prologue`'s statements are printed and checked as text where the text is the contract
(one array, the shape check messages), then run: wrapped in a small function, imported from
a file and called with good and bad arguments, they must bind the sizes, keep float32 as
float32, and raise a ValueError naming the argument for a wrong shape, a non-scalar scalar,
a non-positive positive input, a fractional or too small size and a complex array.
`shape_check` and `describe` are checked line by line.
"""

from __future__ import annotations

import arraycode
import numpy as np
import pytest

from symbn.emit.arrays.statements import lines as text
from symbn.emit.numpy.argcheck import Param, cache_prologue, describe, prologue, shape_check

PARAMS = [
    Param("A", ("N", "L")),
    Param("c", ("L",)),
    Param("Q", ("N", "N")),
    Param("s", (), positive=True),
    Param("D", None),
]
MINIMUM = {"N": 2}


def checker(params: list[Param], minimum: dict, path):
    """A function of the params running prologue's lines and returning its locals."""
    lines = text(prologue(params, minimum))
    source = (
        "import numpy as np\n\n\n"
        f"def check({', '.join(p.name for p in params)}):\n"
        + "".join(f"    {line}\n" for line in lines)
        + "    return dict(locals())\n"
    )
    return arraycode.load(source, path).check


@pytest.fixture
def check(tmp_path):
    return checker(PARAMS, MINIMUM, tmp_path / "check_all.py")


def good(dtype=np.float64) -> dict:
    rng = np.random.default_rng(0)
    return {
        "A": rng.standard_normal((3, 2)).astype(dtype),
        "c": rng.standard_normal(2).astype(dtype),
        "Q": rng.standard_normal((3, 3)).astype(dtype),
        "s": 0.5,
        "D": 4,
    }


# -- prologue as text ------------------------------------------------------------------------
def test_one_array_lines():
    assert text(prologue([Param("x", ("N",))], {})) == [
        "x = np.asarray(x)",
        "dtype = x.dtype",
        'if dtype.kind != "f" or dtype.itemsize < 4:',
        "    dtype = np.result_type(x, np.float32)",
        'if dtype.kind != "f":',
        '    raise ValueError(f"expected real floating-point arguments, got {dtype} for x")',
        "x = x.astype(dtype, copy=False)",
        "if x.ndim != 1:",
        '    raise ValueError(f"x must have shape (N,), got {x.shape}")',
        "N, = x.shape",
        "if N < 1:",
        '    raise ValueError(f"every size must be at least 1, got N = {N}")',
    ]


def test_no_arguments_work_in_float64():
    assert text(prologue([], {})) == ["dtype = np.dtype(np.float64)"]


def test_every_array_takes_part_in_the_dtype():
    lines = text(prologue(PARAMS, MINIMUM))
    assert 'if dtype.kind != "f" or dtype.itemsize < 4 or not c.dtype == Q.dtype == dtype:' in lines
    assert "    dtype = np.result_type(A, c, Q, np.float32)" in lines
    assert "s = s.astype(dtype)" in lines  # a scalar follows the arrays' dtype...
    assert 'if s.dtype.kind not in "iuf":' in lines  # ...once it is known to be real


# -- prologue run ----------------------------------------------------------------------------
def test_good_arguments_bind_the_sizes(check):
    args = good()
    got = check(**args)
    assert (got["N"], got["L"], got["D"]) == (3, 2, 4)
    assert type(got["D"]) is int
    assert got["dtype"] == np.float64
    assert got["A"] is args["A"]  # float64 arrays are used as they are, not copied
    assert got["s"].shape == ()
    assert got["s"].dtype == np.float64
    assert check(**{**args, "D": 4.0})["D"] == 4


def test_float32_stays_float32(check):
    got = check(**good(np.float32))
    assert got["dtype"] == np.float32
    assert all(got[n].dtype == np.float32 for n in ("A", "c", "Q", "s"))


@pytest.mark.parametrize(
    ("given", "want"),
    [
        ({"A": np.float32, "c": np.float64, "Q": np.float32}, np.float64),
        ({"A": np.float64, "c": np.float32, "Q": np.float32}, np.float64),
        ({"A": np.float16, "c": np.float16, "Q": np.float16}, np.float32),
        ({"A": np.int64, "c": np.int64, "Q": np.int64}, np.float64),
        ({"A": np.float32, "c": np.int64, "Q": np.float32}, np.float64),
    ],
    ids=["float32_with_float64", "float64_first", "float16", "int64", "float32_with_int64"],
)
def test_mixed_dtypes_meet_in_one_floating_dtype(check, given, want):
    args = good()
    args.update({n: args[n].astype(t) for n, t in given.items()})
    got = check(**args)
    assert got["dtype"] == want
    assert all(got[n].dtype == want for n in ("A", "c", "Q", "s"))


def test_lists_are_taken_as_arrays(check):
    got = check(A=[[1, 2], [3, 4], [5, 6]], c=[1.0, 2.0], Q=np.eye(3).tolist(), s=1, D=1)
    assert got["A"].dtype == np.float64
    assert got["A"].shape == (3, 2)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"c": np.ones(3)}, r"^c must have shape \(L,\) with L = 2, got \(3,\)$"),
        ({"c": np.ones((2, 1))}, r"^c must have shape \(L,\) with L = 2, got \(2, 1\)$"),
        ({"A": np.ones(6)}, r"^A must have shape \(N, L\), got \(6,\)$"),
        ({"Q": np.ones((3, 2))}, r"^Q must have shape \(N, N\) with N = 3, got \(3, 2\)$"),
        ({"s": np.ones(2)}, r"^s must be a scalar, got shape \(2,\)$"),
        ({"s": 0.0}, r"^s must be positive$"),
        ({"s": np.nan}, r"^s must be positive$"),
        ({"D": 2.5}, r"^D must be a whole number, got 2.5$"),
        (
            {"A": np.ones((1, 2)), "Q": np.ones((1, 1))},
            r"^N must be at least 2 \(the formula uses index 2\), got 1$",
        ),
        (
            {"A": np.ones((3, 0)), "c": np.ones(0)},
            r"^every size must be at least 1, got L = 0, D = 4$",
        ),
        (
            {"A": np.ones((3, 2), dtype=complex)},
            r"^expected real floating-point arguments, got complex128 for A$",
        ),
        (
            {"Q": np.ones((2, 2, 2), dtype=complex)},
            r"^expected real floating-point arguments, got complex128 for Q$",
        ),
    ],
)
def test_bad_arguments_raise_a_value_error_naming_them(check, change, message):
    with pytest.raises(ValueError, match=message):
        check(**{**good(), **change})


def test_a_declared_minimum_is_checked_and_named(tmp_path):
    lines = text(prologue([Param("x", ("N",)), Param("y", ("L",))], {"L": 3}, {"N": 2}))
    assert '    raise ValueError(f"N must be at least 2 (declared min = 2), got {N}")' in lines
    assert (
        '    raise ValueError(f"L must be at least 3 (the formula uses index 3), got {L}")' in lines
    )
    source = (
        "import numpy as np\n\n\ndef check(x, y):\n"
        + "".join(f"    {line}\n" for line in lines)
        + "    return N\n"
    )
    check = arraycode.load(source, tmp_path / "declared.py").check
    assert check(np.ones(2), np.ones(3)) == 2
    with pytest.raises(ValueError, match=r"^N must be at least 2 \(declared min = 2\), got 1$"):
        check(np.ones(1), np.ones(3))


def test_a_positive_array_is_checked_elementwise(tmp_path):
    check = checker([Param("w", ("N",), positive=True)], {}, tmp_path / "positive.py")
    assert check(np.array([1.0, 2.0]))["N"] == 2
    with pytest.raises(ValueError, match=r"^w must be positive$"):
        check(np.array([1.0, -2.0]))


def test_a_size_used_twice_in_one_shape_is_checked(tmp_path):
    check = checker([Param("T", ("N", "L", "N"))], {}, tmp_path / "repeat.py")
    assert check(np.ones((3, 2, 3)))["N"] == 3
    with pytest.raises(ValueError, match=r"^T must have shape \(N, L, N\), got \(3, 2, 4\)$"):
        check(np.ones((3, 2, 4)))


def test_scalars_alone_decide_the_dtype(tmp_path):
    check = checker([Param("s", ()), Param("t", ())], {}, tmp_path / "scalars.py")
    assert check(np.float32(1), np.float32(2))["dtype"] == np.float32
    assert check(1.0, 2)["dtype"] == np.float64
    with pytest.raises(ValueError, match=r"^t must be a scalar"):
        check(1.0, [1.0, 2.0])


@pytest.mark.filterwarnings("ignore::numpy.exceptions.ComplexWarning")
@pytest.mark.parametrize("scalar", [np.complex128(0.5 + 1j), 0.5 + 1j], ids=["numpy", "python"])
def test_a_complex_scalar_is_refused_like_a_complex_array(check, scalar):
    with pytest.raises(ValueError, match="real floating-point"):
        check(**{**good(), "s": scalar})


# -- shape_check --------------------------------------------------------------------------------
def test_a_shape_of_known_sizes_is_one_comparison():
    known = ["N", "L"]
    assert text(shape_check(Param("dy", ("N", "L")), known, label="dout")) == [
        "if dy.shape != (N, L):",
        '    raise ValueError(f"dout must have shape (N, L) with N = {N}, L = {L}, got '
        '{dy.shape}")',
    ]
    assert known == ["N", "L"]


def test_new_sizes_are_bound_and_known_ones_compared():
    known = ["N", "L"]
    assert text(shape_check(Param("W", ("D", "L")), known)) == [
        "if W.ndim != 2 or W.shape[1] != L:",
        '    raise ValueError(f"W must have shape (D, L) with L = {L}, got {W.shape}")',
        "D = W.shape[0]",
    ]
    assert known == ["N", "L", "D"]


def test_a_repeated_new_size_is_bound_once_then_compared():
    known: list[str] = []
    fail = '    raise ValueError(f"Q must have shape (N, N), got {Q.shape}")'
    assert text(shape_check(Param("Q", ("N", "N")), known)) == [
        "if Q.ndim != 2:",
        fail,
        "N = Q.shape[0]",
        "if Q.shape[1] != N:",
        fail,
    ]
    assert known == ["N"]


def test_a_scalar_shape_is_the_empty_tuple():
    assert text(shape_check(Param("s", ()), [])) == [
        "if s.shape != ():",
        '    raise ValueError(f"s must have shape (), got {s.shape}")',
    ]


# -- describe ----------------------------------------------------------------------------------
def test_describe_lists_every_argument_with_its_shape():
    params = [
        Param("h", ("N", "L")),
        Param("c", ("L",)),
        Param("delta", (), positive=True),
        Param("t", ()),
        Param("N", None),
    ]
    assert describe(params) == (
        "Arguments: h (N, L), c (L,), delta (scalar, positive), t (scalar), N (int)."
    )
    assert describe([]) == "Arguments: none."


# -- cache_prologue: the checks at the top of backward --------------------------------------
def cache_checker(path):
    """backward's prologue for a cache of x (N, L) and a scalar s, upstream dy of shape (L,)."""
    lines = text(cache_prologue(["x", "s"], {"x": ("N", "L"), "s": ()}, "dy", ("L",)))
    source = (
        "import numpy as np\n\n\n"
        "def check(dout, cache):\n"
        + "".join(f"    {line}\n" for line in lines)
        + "    return dict(locals())\n"
    )
    return arraycode.load(source, path).check


def test_cache_prologue_binds_the_sizes_and_takes_dout_in_the_cache_dtype(tmp_path):
    check = cache_checker(tmp_path / "cache_ok.py")
    x = np.ones((3, 2), dtype=np.float32)
    got = check([1, 2], {"x": x, "s": np.float32(2)})
    assert (got["N"], got["L"]) == (3, 2)
    assert got["dy"].dtype == np.float32


@pytest.mark.parametrize(
    ("dout", "cache", "error", "message"),
    [
        ([1, 2], [1], TypeError, "cache must be the dict that forward returned, got list"),
        ([1, 2], {"x": 1}, ValueError, "with the keys x, s; got the keys ['x']"),
        ([1, 2, 3], None, ValueError, "dout must have shape (L,) with L = 2, got (3,)"),
    ],
)
def test_cache_prologue_refuses_a_wrong_cache_or_dout(tmp_path, dout, cache, error, message):
    check = cache_checker(tmp_path / "cache_bad.py")
    cache = {"x": np.ones((3, 2)), "s": 1.0} if cache is None else cache
    with pytest.raises(error) as raised:
        check(dout, cache)
    assert message in str(raised.value)
