"""symbn check on a derivation that defines the standard deviation itself, σ = √(Σ (x−μ)²/N),
rather than the variance: σ is nonnegative, Σ (x−μ)² folds to N σ², so its true
derivatives are proved and wrong ones refuted."""

from __future__ import annotations

import pytest

from symbn.verify.document import check

FORWARD = r"""
$$\mu = \frac{1}{N}\sum_{i = 1}^{N}X_i$$
$$\sigma = \sqrt{\frac{1}{N}\sum_{i = 1}^{N}(X_i-\mu)^2}$$
$$Z_i = \frac{X_i - \mu}{\sigma}$$
"""


def status(row: str) -> str:
    (f,) = [f for f in check(FORWARD + f"\n$$ {row} $$\n", "doc.md").findings if f.where.line == 6]
    return f.status


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (r"\frac{\partial \sigma}{\partial X_j} = \frac{1}{N}Z_j", "proved"),
        (r"\frac{\partial \sigma}{\partial X_j} = \frac{X_j - \mu}{N \sigma}", "proved"),
        (
            r"\frac{\partial Z_i}{\partial X_j} = \frac{\delta_{ij} - \frac{1}{N}"
            r" - \frac{1}{N} Z_i Z_j}{\sigma}",
            "proved",
        ),
        (r"\frac{\partial \sigma}{\partial X_j} = \frac{2}{N}Z_j", "refuted"),
        (r"\frac{\partial \sigma}{\partial X_j} = \frac{X_j - \mu}{(N-1) \sigma}", "refuted"),
        (
            r"\frac{\partial Z_i}{\partial X_j} = \frac{\delta_{ij} - \frac{1}{N}"
            r" - \frac{1}{N} Z_i Z_i}{\sigma}",
            "refuted",
        ),
    ],
)
def test_the_derivatives_of_a_standard_deviation_are_judged(row, expected):
    assert status(row) == expected
