"""symbn.language.rules: the catalogue. Every rule is a value with its identity, its reason and the
function that applies it; the engines register them all on import; every rule has a row in
the table test of its engine; and a replaced entry changes what the engine does."""

from __future__ import annotations

import dataclasses

import pytest
import sympy as sp
from calculus.test_derivative import ROWS as DERIVATIVE_ROWS
from canonical.test_byexp import ALGEBRA_ROWS
from canonical.test_byexp import ROWS as BY_EXP_ROWS
from canonical.test_engine import SAME as CANONICAL_ROWS
from canonical.test_engine import canon, h, p, sums
from canonical.test_fold import SOFTPLUS, fold_rows, function_rows
from canonical.test_identities import ROWS as IDENTITY_ROWS
from canonical.test_labelled import SAME as LABEL_ROWS
from canonical.test_quotient import CLAIMS as SOFTMAX_CLAIMS
from canonical.test_quotient import HEADER as SOFTMAX
from canonical.test_quotient import quotient_rows
from canonical.test_ranges import SAME as RANGE_ROWS

from symbn.language import rules
from symbn.verify import verifier as _engines  # noqa: F401 - importing the verifier registers every rule

SITES = {
    "derivative",
    "product",
    "monomial",
    "relations",
    "sum",
    "sum term",
    "sum atom",
    "fold",
    "present",
    "function",
    "exp form",
    "algebra",
}


def test_every_rule_states_its_identity_and_why_and_applies_somewhere():
    assert len(rules.CATALOGUE) == 45
    for name, rule in rules.CATALOGUE.items():
        assert rule.name == name
        assert rule.identity.strip(), name
        assert rule.why.strip(), name
        assert rule.site in SITES, name
        assert callable(rule.apply), name
    assert {r.site for r in rules.CATALOGUE.values()} == SITES


def test_every_rule_has_a_row_in_a_table_test(batchnorm_model, build_model):
    ix = {i.name: i for i in batchnorm_model.indices}
    softmax = build_model(SOFTMAX + SOFTMAX_CLAIMS)
    covered = (
        {row[0] for row in DERIVATIVE_ROWS}
        | {row[0] for row in CANONICAL_ROWS}
        | {row[0] for row in RANGE_ROWS}
        | {row[0] for row in LABEL_ROWS}
        | {row[0] for row in fold_rows(batchnorm_model, ix)}
        | {row[0] for row in function_rows(build_model(SOFTPLUS.decode()))}
        | {row[0] for row in IDENTITY_ROWS}
        | {row[0] for row in BY_EXP_ROWS}
        | {row[0] for row in ALGEBRA_ROWS}
        | {row[0] for row in quotient_rows(softmax, {x.name: x for x in softmax.indices})}
    )
    assert set(rules.CATALOGUE) == covered


def test_a_rule_is_registered_once():
    with pytest.raises(ValueError, match="registered twice"):
        rules.register(next(iter(rules.CATALOGUE.values())))


def test_a_replaced_entry_is_what_the_engine_applies(monkeypatch):
    n = p.size
    assert canon(sums(h[p, 1] * 0 + 3, p)) == 3 * n
    entry = rules.named("sum of a constant")

    def off_by_one(engine, free, dep, q, size):
        del engine, q
        return None if dep else sp.Mul(*free) * (size - 1)

    monkeypatch.setitem(rules.CATALOGUE, entry.name, dataclasses.replace(entry, apply=off_by_one))
    assert canon(sums(sp.Integer(3), p)) == 3 * (n - 1)
