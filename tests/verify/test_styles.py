"""The same identity gets the same verdict however the derivation names and splits it: each
derivation file of derivations/ written in other styles — a backward definition inlined into
the one that uses it, layers of one shared width, sub-expressions given names of their own,
other index letters — gives every claim the verdict the file itself gets, and a slip in the
restyled file is still refuted."""

from __future__ import annotations

import re

import pytest
import styles
from headers import define_tables
from paths import DERIVATION_FILES
from styles import verdicts

FILES = {p.name: p.read_text(encoding="utf-8") for p in DERIVATION_FILES}


@pytest.fixture(scope="module")
def originals() -> dict[str, dict[str, str]]:
    return {name: verdicts(text) for name, text in FILES.items()}


INLINED = [(name, d) for name, text in FILES.items() for d in styles.inlinable(text)]


@pytest.mark.parametrize(("path", "definition"), INLINED, ids=[f"{p}-{d}" for p, d in INLINED])
def test_a_backward_definition_inlined_keeps_every_verdict(originals, path, definition):
    text = styles.inlined(FILES[path], definition)
    assert f'name = "{definition}"' not in text
    assert verdicts(text) == originals[path]


def test_every_backward_split_of_the_two_layers_is_inlined_somewhere():
    assert {d for p, d in INLINED if p == "mlp2.toml"} == {"g2", "dh2", "da1", "g1"}


def test_layers_of_one_width_keep_every_verdict(originals):
    text = styles.shared_size(FILES["mlp2.toml"], "M", "L")
    assert '"M"' not in text
    assert verdicts(text) == originals["mlp2.toml"]


def test_inlined_backward_of_one_width_with_other_letters_keeps_every_verdict(originals):
    text = styles.rotated(styles.shared_size(styles.inlined(FILES["mlp2.toml"], "da1"), "M", "L"))
    assert verdicts(text) == originals["mlp2.toml"]


def slipped(text: str, claim: str) -> str:
    """`text` with the rhs of `claim` off by a factor of 2."""
    start = text.index(f'name = "{claim}"')
    at = text.index('rhs = "', start) + len('rhs = "')
    return text[:at] + "2 * (" + text[at : text.index('"', at)] + ")" + text[text.index('"', at) :]


@pytest.mark.parametrize("claim", ["grad_h1", "dW1", "dX"])
def test_a_slip_in_an_inlined_backward_is_refuted(claim):
    text = slipped(styles.inlined(FILES["mlp2.toml"], "da1"), claim)
    assert verdicts(text)[claim] == "refuted"


NAMED = (
    define_tables(
        [
            ("xmu", "kl", "h[k, l] - mu[l]"),
            ("std", "l", "sqrt(var[l] + delta)"),
            ("istd", "l", "1 / std[l]"),
        ]
    )
    + "\n"
)


def named_subexpressions(text: str) -> str:
    """batchnorm_core.toml with x - mu, sqrt(var + delta) and its reciprocal named, and the
    names used in the definitions and claims that follow."""
    at = text.index('[[define]]\nname = "hhat"')
    rest = text[at:]
    rest = rest.replace(
        'expr = "(h[k, l] - mu[l]) / sqrt(var[l] + delta)"', 'expr = "xmu[k, l] * istd[l]"'
    )
    rest = re.sub(r"sqrt\(var\[(\w)\] \+ delta\)", r"std[\1]", rest)
    rest = rest.replace("gamma[j] / (N * std[j])", "gamma[j] * istd[j] / N")
    return text[:at] + NAMED + rest


def test_named_subexpressions_keep_every_verdict(originals):
    text = named_subexpressions(FILES["batchnorm_core.toml"])
    assert "istd[j]" in text
    assert "std[j]" in text
    assert verdicts(text) == originals["batchnorm_core.toml"]


def test_a_slip_with_named_subexpressions_is_refuted():
    text = named_subexpressions(FILES["batchnorm_core.toml"])
    assert verdicts(slipped(text, "dL_dh"))["dL_dh"] == "refuted"
    text = text.replace(
        "hhat[i, j] * sum(dy[k, j] * hhat[k, j], k)", "hhat[i, j] * sum(dy[k, j] * xmu[k, j], k)"
    )
    assert verdicts(text)["dL_dh"] == "refuted"
