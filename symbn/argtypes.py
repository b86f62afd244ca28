"""The values of the `symbn` command's options that argparse cannot check by itself."""

from __future__ import annotations

import argparse
import math


def seconds(text: str) -> float:
    """A time budget: a finite number of seconds greater than zero."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(
            f"the time budget must be a finite number of seconds greater than 0, not {text!r}"
        )
    return value


def jobs(text: str) -> int:
    """A number of worker processes: a whole number, at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"-j takes at least 1 process, not {value}")
    return value
