"""A guard for tests that must not hang: the block fails with an AssertionError, rather than
waiting, when it runs past its time (SIGALRM; the tests run in the main thread). It catches a
loop that never ends, not a slow answer: speed is measured in benchmarks, and a shared machine
may run any test many times slower than a quiet one, so the limit is generous."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

#: Seconds after which a call that should answer in well under one has surely hung.
HANG = 60.0


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
