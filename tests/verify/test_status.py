"""The verdicts (`symbn.verify.status`): one enum that prints, compares and serialises as its
name, and the sets that say which verdicts pass and which fail a run."""

from __future__ import annotations

import json

from symbn.verify.status import CLAIM_STATUSES, FAILED, FINDING_STATUSES, PASSED, Status


def test_a_status_is_its_lower_case_name():
    assert [str(s) for s in CLAIM_STATUSES] == ["proved", "derived", "refuted", "unknown"]
    assert Status.REFUTED == "refuted"
    assert json.dumps({"status": Status.UNCHECKED}) == '{"status": "unchecked"}'


def test_every_claim_verdict_passes_or_fails_and_none_does_both():
    assert set(CLAIM_STATUSES) == PASSED | FAILED
    assert not PASSED & FAILED
    assert Status.DERIVED not in FINDING_STATUSES  # a document's line is proved, not derived
    assert set(FINDING_STATUSES) | {Status.DERIVED} == set(Status)
