"""The Kronecker delta as people write it: the context's spelling (\\Delta_{i,j}), and
\\delta with two indices in its subscript, even where δ also names a scalar."""

from __future__ import annotations

import pytest
from documents import rows, sides


@pytest.mark.parametrize(
    "tex", [r"\Delta_{j,l}", r"\delta_{jl}", r"\delta_{j,l}", r"\delta_{j, l}", r"\Delta_{jl}"]
)
def test_the_delta_in_its_spellings(bn, tex):
    (a,) = rows(f"$$ \\mu_l = {tex} $$", bn)
    assert sides(a, bn) == ["mu[l]", "Delta(j, l)"]


def test_delta_alone_is_still_the_scalar(bn):
    (a,) = rows(r"$$ \mu_l = \delta + \delta_{1,l} $$", bn)
    assert sides(a, bn) == ["mu[l]", "delta + Delta(1, l)"]


@pytest.mark.parametrize("tex", [r"\delta_{j}", r"\delta_{jlm}", r"\delta^{jl}"])
def test_delta_without_two_indices_is_not_the_kronecker_delta(bn, tex):
    (a,) = rows(f"$$ \\mu_l = {tex} $$", bn)
    assert a.kind == "unreadable"
