"""Verdicts do not depend on the letters a derivation uses: every index of every derivation
file (and of a sample of its mutants) renamed — rotated among the letters of its size,
reversed, or all new — gives every claim the same verdict. The rules rename a definition's
bound letters apart from the user's, so no letter the user picks can be captured; and an
upstream indexed by another letter than the output's own is not confused with it."""

from __future__ import annotations

import zlib

import pytest
import styles
from paths import DERIVATION_FILES, ROOT, benchmark
from styles import verdicts

from symbn.errors import InputError
from symbn.source import toml
from symbn.verify.verifier import Verifier

# Module fixtures verify every derivation: one worker under xdist computes them once.
pytestmark = pytest.mark.xdist_group("renaming")


@pytest.fixture(scope="module")
def originals() -> dict[str, dict[str, str]]:
    return {p.name: verdicts(p.read_text(encoding="utf-8"), p.name) for p in DERIVATION_FILES}


@pytest.mark.parametrize("style", sorted(styles.STYLES))
@pytest.mark.parametrize("path", DERIVATION_FILES, ids=[p.name for p in DERIVATION_FILES])
def test_renamed_indices_keep_every_verdict(originals, path, style):
    text = path.read_text(encoding="utf-8")
    renamed = styles.STYLES[style](text)
    assert renamed != text
    assert verdicts(renamed, path.name) == originals[path.name]


@pytest.fixture(scope="module")
def tally_module():
    return benchmark("mutation_tally")


#: Mutants of each file checked under each renaming, picked by a stable hash.
PER_FILE = 6


@pytest.mark.slow
@pytest.mark.parametrize("path", DERIVATION_FILES, ids=[p.name for p in DERIVATION_FILES])
def test_renamed_mutants_keep_their_verdict(tally_module, originals, path):
    proved = [
        (c.name, c.lhs.value, c.rhs.value)
        for c in toml.load(path).claims
        if c.rhs is not None and originals[path.name][c.name] == "proved"
    ]
    mutants = sorted(
        tally_module.all_mutants(path, proved),
        key=lambda it: zlib.crc32(f"{it[0].claim}:{it[0].text}".encode()),
    )
    head = tally_module.header(path.read_text(encoding="utf-8"))
    checked = 0
    for mutant, lhs, rhs in mutants:
        text = tally_module.claim_file(head, mutant.claim, lhs, rhs).decode()
        try:
            before = verdicts(text)
        except InputError:  # a mutant that is not a valid file is skipped
            continue
        for style in ("rotated", "fresh"):
            assert verdicts(styles.STYLES[style](text)) == before, (style, mutant)
        checked += 1
        if checked == PER_FILE:
            break
    assert checked == PER_FILE


def test_an_upstream_with_another_letter_is_not_the_outputs_own(build_model):
    text = (ROOT / "derivations" / "attention.toml").read_text(encoding="utf-8")
    text = (
        toml_claims_removed(text)
        + """
[[claim]]
name = "odd_true"
lhs = "sum(dO[i, f] * diff(O[k, f], Q[j, e]), k, f)"
rhs = "sum(dO[i, f] * V[n, f] * P[j, n] * (K[n, e] - sum(P[j, p] * K[p, e], p)), n, f) / sqrt(E)"

[[claim]]
name = "odd_false"
lhs = "sum(dO[i, f] * diff(O[k, f], Q[j, e]), k, f)"
rhs = "sum(dA[j, m] * K[m, e], m) / sqrt(E)"
"""
    )
    got = {r.name: r for r in Verifier(build_model(text)).run()}
    assert got["odd_true"].status == "proved", got["odd_true"]
    assert got["odd_false"].status == "refuted"
    assert got["odd_false"].counterexample is not None


def toml_claims_removed(text: str) -> str:
    return text[: text.index("[[claim]]")]
