"""A logarithm's base under its name (`\\log_2 x`, `log_{10}(x)`, `log_e x`) is read as
ln x / ln b, or the natural logarithm for e; another base, a superscript on a function's name
that is no whole power (`\\sigma^{[l]}`), a layer's label on a name it does not know
(`a^{[0]}`, never a power), or a script before its name (`{}^p E`, `^p E`),
leaves the row unchecked with a reason that names it."""

from __future__ import annotations

import pytest
from mutated import verdicts

from symbn.verify.document import check

CONTEXT = r"""+++
[inputs]
a = { shape = [] }
b = { shape = [] }
[defines]
g = { shape = [] }
+++
# Logarithms

"""


def one(line: str) -> list[str]:
    text = CONTEXT + "$$ " + line + " $$\n"
    return verdicts(text).get(text.count("\n"), [])


@pytest.mark.parametrize(
    ("line", "mutant"),
    [
        (r"\log_2 8 = 3", r"\log_2 8 = 4"),
        (r"log_{2} 8 = 3", r"log_{2} 8 = 2"),
        (r"\log_{10}(1000) = 3", r"\log_{10}(1000) = 4"),
        (r"log_{3}{3 ^ 4} = 4", r"log_{3}{3 ^ 4} = 3"),
        (r"log_{e} a = \ln a", r"log_{e} a = \ln b"),
        (r"\log_2^2(8) = 9", r"\log_2^2(8) = 6"),
    ],
)
def test_a_logarithm_to_a_base(line, mutant):
    assert one(line) == ["proved"]
    assert one(mutant) == ["refuted"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (r"\log_{b} a = 1", "a logarithm to a base that is not e or a whole number"),
        (r"\log_{1} a = 1", "a logarithm to a base that is not e or a whole number"),
        (r"g = \tanh^{-1}(a)", "a superscript on a function's name other than a whole power"),
        (r"g = \tanh^{[l]}(a)", "a superscript on a function's name other than a whole power"),
        (r"g = \ ^p a", "a script with no name before it"),
        (r"^p g = a", "a script with no name before it"),
        (r"g = a^{[0]}", "layer (A^{[l]}), not a power"),
    ],
)
def test_what_is_not_read_says_what(line, reason):
    text = CONTEXT + "$$ " + line + " $$\n"
    found = [f for f in check(text, "doc.md").findings if f.where.line == text.count("\n")]
    assert [f.status for f in found] == ["unchecked"]
    assert reason in found[0].message
