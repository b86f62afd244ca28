"""A guard for tests that must not hang: the block fails with an AssertionError, rather than
waiting, when it runs past its time (SIGALRM; the tests run in the main thread)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail the block when it runs longer than `seconds`."""

    def ring(_signum, _frame):
        raise AssertionError(f"symbn did not answer within {seconds} s")

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
