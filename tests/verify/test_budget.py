"""The time budget of a claim: CPU time, so a busy machine does not change a verdict."""

import contextlib
import time

import pytest

from symbn.errors import InputError
from symbn.verify.budget import ClaimTimeoutError, attempt, seconds


def spin(cpu_seconds):
    """Work on the CPU for `cpu_seconds` of this process's CPU time; return True."""
    end = time.process_time() + cpu_seconds
    while time.process_time() < end:
        pass
    return True


def test_work_past_its_budget_is_stopped():
    assert attempt(0.2, lambda: spin(5)) is None


def test_work_within_its_budget_returns():
    assert attempt(5, lambda: spin(0.05)) is True


def test_waiting_does_not_spend_the_budget():
    # A process that waits (as a claim does while other work has the CPU) uses no CPU time:
    # half a second of sleep under a budget of 0.2 s is not stopped.
    assert attempt(0.2, lambda: time.sleep(0.5) or True) is True


def test_an_inner_budget_ends_at_the_outer_one():
    def inner():
        return attempt(10, lambda: spin(5))

    start = time.process_time()
    assert attempt(0.3, inner) is None
    assert time.process_time() - start < 3


def test_a_deadline_whose_exception_is_swallowed_rings_again():
    # Python swallows an exception raised in a garbage-collector callback (hypothesis installs
    # one); the claim must still stop, not run on to a verdict past its budget.
    def swallowing():
        with contextlib.suppress(ClaimTimeoutError):  # as Python does in a gc callback
            spin(5)
        return spin(5)

    start = time.process_time()
    assert attempt(0.2, swallowing) is None
    assert time.process_time() - start < 3


@pytest.mark.parametrize("value", [0, -1, float("inf"), float("nan"), True, "3"])
def test_a_budget_must_be_a_positive_finite_number(value):
    with pytest.raises(InputError):
        seconds(value)
