"""The time budget of a claim, read the same way by the command (`--timeout`) and the API
(`verify(timeout=...)`, `symbn.check(..., timeout=...)`): a finite number of seconds
greater than zero. Infinity, zero, a negative number and NaN are bad input, said so, rather
than an `OverflowError` from the alarm clock or a budget that silently never runs out."""

from __future__ import annotations

import math
from numbers import Real

from symbn.errors import InputError

RULE = "the time budget must be a finite number of seconds greater than 0"


def seconds(value: object) -> float:
    """`value` as a time budget in seconds (`InputError` when it is not one)."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InputError(f"{RULE}, not {value!r} (a {type(value).__name__})")
    number = float(value)
    if not math.isfinite(number) or number <= 0:
        raise InputError(f"{RULE}, not {value!r}")
    return number
