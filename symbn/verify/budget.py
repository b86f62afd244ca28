"""How long a claim may take: the options of a run, and the deadline that turns a proof past
its budget into an "unknown" verdict.

A deadline is a timer signal in the main thread (a thread elsewhere runs without one), so a
claim is stopped wherever SymPy is when its time is up. The time is the process's CPU time
(ITIMER_PROF), not the wall clock: a claim gets the same budget, and so the same verdict, on
a machine busy with other work as on an idle one. Python swallows an exception raised while
it runs a garbage-collector callback or a finalizer (it only prints it as "unraisable"), so a
deadline that rings there rings again shortly after, until the exception reaches the claim.
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from numbers import Real

from symbn.errors import InputError


@dataclass(frozen=True)
class Options:
    """How hard to try.

    timeout: seconds allowed for each claim before it is reported unknown.
    seed: the seed of the concrete check's random points (results do not depend on it).
    """

    timeout: float = 30.0
    seed: int = 0


class ClaimTimeoutError(Exception):
    """The claim ran past its time budget."""


class UncheckedError(Exception):
    """No point where the claim can be checked: a side is undefined everywhere (it divides
    by zero once diff() is done), or the rewrite rules prove it but the concrete check found
    no point where both sides are defined (log of a non-positive number everywhere)."""


#: Seconds of CPU time after which a deadline that has rung rings again, because the exception
#: it raised was swallowed (by a garbage-collector callback, say) and the claim ran on.
AGAIN = 0.05


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ClaimTimeoutError in this thread after `seconds` of CPU time (only where signals
    can be used). Nested within another deadline, it ends at the earlier of the two, and the outer
    one runs on afterwards."""
    usable = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not usable or seconds <= 0:
        yield
        return

    def ring(_signum, _frame):
        signal.setitimer(signal.ITIMER_PROF, AGAIN)  # in case this exception is swallowed
        raise ClaimTimeoutError

    outer, _ = signal.getitimer(signal.ITIMER_PROF)
    start = time.process_time()
    old = signal.signal(signal.SIGPROF, ring)
    signal.setitimer(signal.ITIMER_PROF, min(seconds, outer) if outer > 0 else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)
        if outer > 0:  # at least a moment, so that an outer deadline already past rings
            signal.setitimer(signal.ITIMER_PROF, max(outer - (time.process_time() - start), 1e-4))


def attempt(seconds: float, work):
    """work(), or None when it runs past `seconds`."""
    try:
        with deadline(seconds):
            return work()
    except ClaimTimeoutError:
        return None


#: The share of a claim's budget the symbolic side gets once the concrete check has found
#: the sides to differ: enough for a broken rule to "prove" the claim and be caught.
SHARE = 0.25


#: How a time budget must be given, to the command (`--timeout`) and the API alike.
RULE = "the time budget must be a finite number of seconds greater than 0"


def seconds(value: object) -> float:
    """`value` as a time budget in seconds: a finite number greater than zero. Infinity,
    zero, a negative number and NaN are bad input (`InputError`), said so, rather than an
    `OverflowError` from the alarm clock or a budget that silently never runs out."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InputError(f"{RULE}, not {value!r} (a {type(value).__name__})")
    number = float(value)
    if not math.isfinite(number) or number <= 0:
        raise InputError(f"{RULE}, not {value!r}")
    return number
