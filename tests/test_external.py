"""tests/external.py: a test whose program is missing is skipped, except in CI, where it fails."""

from __future__ import annotations

import pytest
from external import in_ci, missing, program

ABSENT = "symbn-test-no-such-program"


@pytest.mark.parametrize(
    ("value", "ci"), [("true", True), ("", False), ("1", False), ("false", False), (None, False)]
)
def test_ci_means_the_variable_ci_is_true(monkeypatch, value, ci):
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    assert in_ci() is ci


def test_a_missing_program_fails_the_test_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=f"{ABSENT} is not installed"):
        program(ABSENT)
    with pytest.raises(pytest.fail.Exception, match="KaTeX"):
        missing("KaTeX", "npm install -g katex")


def test_a_missing_program_skips_the_test_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=f"{ABSENT} is not installed"):
        program(ABSENT)


def test_a_program_on_path_is_found(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert program("sh").endswith("/sh")
