"""Pairs of claims for the identity tests: for each rule, a true claim that needs it and a
false one beside it, written into one derivation file and verified together."""

from __future__ import annotations

import pytest

from symbn.language import model
from symbn.source import toml
from symbn.verify.verifier import Verifier


def key(name: str) -> str:
    """A rule's name as the stem of its claims' names."""
    return name.replace(" ", "_")


def claims_file(header: str, claims: dict) -> str:
    """`header` with each pair of `claims` (name -> (true, false), each (lhs, rhs)) as the
    claims NAME_true and NAME_false."""
    out = [header]
    for name, pair in claims.items():
        for kind, (lhs, rhs) in zip(("true", "false"), pair, strict=True):
            out.append(f'[[claim]]\nname = "{key(name)}_{kind}"\nlhs = "{lhs}"\nrhs = "{rhs}"\n')
    return "\n".join(out)


def verdicts(folder, header: str, claims: dict) -> dict:
    """Every claim's result, by name, of the pairs written into `folder`."""
    path = folder / "pairs.toml"
    path.write_text(claims_file(header, claims), encoding="utf-8")
    return {r.name: r for r in Verifier(model.build(toml.load(path))).run()}


def assert_pair(results: dict, name: str) -> None:
    """The true claim of pair `name` proved, the false one refuted at a point where the two
    sides differ."""
    assert results[f"{key(name)}_true"].status == "proved", results[f"{key(name)}_true"]
    false = results[f"{key(name)}_false"]
    assert false.status == "refuted", false
    assert false.counterexample is not None
    assert false.counterexample.lhs != false.counterexample.rhs


def tests(stem: str, header: str, claims: dict):
    """The module fixture `verdicts` of the pairs and the test that checks each pair, for a
    test module to bind by those names."""

    @pytest.fixture(scope="module", name="verdicts")
    def verdicts_fixture(tmp_path_factory):
        return verdicts(tmp_path_factory.mktemp(stem), header, claims)

    @pytest.mark.parametrize("name", sorted(claims))
    def test_true_claim_proved_and_false_one_refuted(verdicts, name):
        assert_pair(verdicts, name)

    return verdicts_fixture, test_true_claim_proved_and_false_one_refuted
