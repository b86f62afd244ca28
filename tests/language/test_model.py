"""symbn.language.model: definitions in order, free indices, claims with their minimum sizes."""

from __future__ import annotations

import pytest
import sympy as sp
from headers import header
from source.test_toml import TINY, line_of, parse

from symbn.errors import InputError
from symbn.language import functions
from symbn.language.indices import ordered_free as free_indices
from symbn.language.model import build

HEAD = header(
    "Small",
    """
h = { shape = ["N", "L"] }
c = { shape = [], positive = true }
""",
)

DEFINES = """
[[define]]
name = "mu"
index = ["l"]
expr = "sum(h[p, l], p) / N"
latex = "\\\\mu"

[[define]]
name = "s"
expr = "c * 2"

[[define]]
name = "z"
index = ["k", "l"]
expr = "(h[k, l] - mu[l]) * s"
"""


def claim(lhs: str, rhs: str | None = None, name: str = "it") -> str:
    out = f'\n[[claim]]\nname = "{name}"\nlhs = "{lhs}"\n'
    return out + (f'rhs = "{rhs}"\n' if rhs is not None else "")


@pytest.fixture
def small(build_model):
    return build_model(HEAD + DEFINES + claim("diff(z[k, l], h[i, j])", "Delta(j, l)"))


def test_sizes_ranges_and_bases(small):
    n, size_l = small.sizes
    assert (str(n), str(size_l)) == ("N", "L")
    assert n.is_integer
    assert n.is_positive
    assert {i.name: str(i.size) for i in small.indices} == {
        "i": "N",
        "k": "N",
        "p": "N",
        "j": "L",
        "l": "L",
    }
    assert list(small.definitions) == ["mu", "s", "z"]
    assert small.latex_names == {"mu": "\\mu"}
    base, shape, positive = small.inputs["c"]
    assert (shape, positive, base.is_positive) == ((), True, True)


def test_definitions_are_parsed_with_their_index(small):
    mu = small.definitions["mu"]
    h = small.bases["h"]
    (ell,) = mu.index
    p = next(s for s in small.indices if s.name == "p")
    n = small.sizes[0]
    assert mu.body == sp.Sum(h[p, ell], (p, 1, n)) / n
    z = small.definitions["z"]
    assert z.body.has(small.element("mu", (ell,)))
    assert z.body.has(small.element("s"))


def test_scalar_definition_is_a_symbol(small):
    s = small.element("s")
    assert isinstance(s, sp.Symbol)
    assert small.definitions["s"].index == ()
    assert small.definitions["s"].body == 2 * small.bases["c"]
    assert small.tensor_name(s) == "s"


def test_tensor_name(small):
    i, j = (next(s for s in small.indices if s.name == n) for n in "ij")
    assert small.tensor_name(small.element("h", (i, j))) == "h"
    assert small.tensor_name(small.element("z", (1, j))) == "z"
    assert small.tensor_name(small.bases["c"]) == "c"
    assert small.tensor_name(i) is None  # an index
    assert small.tensor_name(small.sizes[0]) is None  # a size
    assert small.tensor_name(small.bases["h"].label) is None  # the label inside IndexedBase
    assert small.tensor_name(sp.Symbol("c")) is None  # same name, other assumptions


def test_free_indices_in_order_of_first_appearance(small):
    i, j, k, p, ell = (next(s for s in small.indices if s.name == n) for n in "ijkpl")
    h = small.bases["h"]
    n = small.sizes[0]
    assert free_indices(h[k, ell] * sp.KroneckerDelta(i, k)) == [k, ell, i]
    assert free_indices(sp.Sum(h[p, ell], (p, 1, n))) == [ell]  # p is bound
    mixed = free_indices(sp.Sum(h[p, ell], (p, 1, n)) * h[p, j])  # p is also free here
    assert sorted(mixed, key=str) == [j, ell, p]
    assert free_indices(sp.Derivative(h[k, ell], h[i, j], evaluate=False)) == [k, ell, i, j]
    assert free_indices(h[1, 2] * n) == []


def test_claim_records_free_indices_and_minimum(build_model):
    m = build_model(
        HEAD
        + DEFINES
        + claim("diff(z[k, l], h[i, j])", "Delta(j, l)", "sym")
        + claim("diff(z[2, 1], h[1, 3])", "0", "conc")
    )
    sym, conc = m.claims
    assert [str(s) for s in sym.free] == ["k", "l", "i", "j"]
    assert sym.minimum == {}
    assert conc.free == ()
    assert {str(s): v for s, v in conc.minimum.items()} == {"N": 2, "L": 3}
    assert conc.rhs == 0
    assert isinstance(sym.lhs, sp.Derivative)


def test_claim_without_rhs(build_model):
    m = build_model(HEAD + DEFINES + claim("diff(mu[l], h[i, j])", None, "derived"))
    assert m.claims[0].rhs is None
    assert m.claims[0].steps is False


def test_rhs_may_omit_indices_of_the_lhs(build_model):
    m = build_model(
        HEAD
        + DEFINES
        + claim("diff(mu[l], h[i, j])", "Delta(j, l) / N")
        + claim("diff(mu[l], c)", "0", "zero")
    )
    ell, _, j = m.claims[0].free
    assert m.claims[0].rhs == sp.KroneckerDelta(j, ell) / m.sizes[0]
    assert free_indices(m.claims[0].rhs) != list(m.claims[0].free)
    assert m.claims[1].rhs == 0


def test_rhs_index_not_in_lhs_is_an_error(build_model):
    text = HEAD + DEFINES + claim("diff(mu[l], h[i, j])", "Delta(j, l) * Delta(i, k) / N")
    with pytest.raises(InputError, match="rhs: free index k not in the lhs") as info:
        build_model(text)
    lines = text.split("\n")
    line = lines.index('rhs = "Delta(j, l) * Delta(i, k) / N"') + 1
    # the caret stands under the offending index k
    assert (info.value.where.line, info.value.where.col) == (line, lines[line - 1].index("k") + 1)


def test_definition_free_indices_must_match_its_index(build_model):
    text = HEAD + DEFINES.replace('expr = "c * 2"', 'expr = "c * h[k, 1]"')
    with pytest.raises(InputError, match="definition 's': free index k not in its index list"):
        build_model(text + claim("c", "c"))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("mu[l] + s", "definition 'mu' uses 's', which is defined later"),
        ("mu[l] * 2", "definition 'mu' uses itself at mu[l]; a recurrence refers to itself at"),
    ],
)
def test_forward_use_is_refused_at_the_use(build_model, body, message):
    text = HEAD + DEFINES.replace('"sum(h[p, l], p) / N"', f'"{body}"')
    with pytest.raises(InputError) as info:
        build_model(text + claim("c", "c"))
    assert info.value.message.startswith(message)
    used = "s" if "later" in message else "mu"
    col = 'expr = "'.__len__() + body.index(used) + 1
    assert info.value.where.col == col
    assert info.value.width == len(used)


def test_reserved_names_are_refused_by_the_model():
    """The reader leaves the language's names to the language: building the model refuses
    them, where the name is written."""
    assert {"sum", "diff", "Delta", "sqrt", "relu", "step"} <= functions.RESERVED
    with pytest.raises(InputError, match="reserved for the function sum") as info:
        build(parse(TINY.replace('x = { shape = ["N"] }', 'sum = { shape = ["N"] }')))
    assert (info.value.where.line, info.value.where.col) == (line_of(TINY, "x = {"), 1)


def test_uses_names_inputs_and_definitions_in_declaration_order(small):
    z = small.element("z", (small.indices[0], small.indices[1]))
    s, mu = small.bases["s"], small.bases["mu"]
    assert small.uses(small.definitions["z"].body) == ["h", "mu", "s"]
    assert small.uses(s * mu[small.indices[1]]) == ["mu", "s"]  # the file's order
    assert small.used_inputs(z) == {"h", "c"}  # through mu and s
    assert small.used_inputs(mu[small.indices[1]]) == {"h"}
    assert small.used_inputs(sp.Integer(3)) == set()
