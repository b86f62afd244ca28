"""Interleaved timing of zero-argument calls, and the medians, spreads and ratios the
benchmarks print."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

MS = 1e3


@dataclass(frozen=True)
class Case:
    """One timed thing: `run` takes no arguments; its result is dropped after the clock stops."""

    label: str
    run: Callable[[], object]


def time_cases(cases: list[Case], warmup: int, repeats: int) -> dict[str, list[float]]:
    """Seconds per call, `repeats` samples per case, interleaved round by round with the start
    rotating each round; the garbage collector is off while timing."""
    for _ in range(warmup):
        for case in cases:
            case.run()
    samples: dict[str, list[float]] = {case.label: [] for case in cases}
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for r in range(repeats):
            k = r % len(cases)
            for case in cases[k:] + cases[:k]:
                start = time.perf_counter()
                result = case.run()
                stop = time.perf_counter()
                del result
                samples[case.label].append(stop - start)
    finally:
        if enabled:
            gc.enable()
    return samples


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def fmt(x: float | None, spec: str = ".2f") -> str:
    """x formatted, or n/a right-aligned to the same width."""
    width = int(spec.split(".", 1)[0] or 0)
    return f"{'n/a':>{width}}" if x is None else format(x, spec)


def verdict(x: float | None, limit: float, at_most: bool) -> str:
    if x is None:
        return ""
    ok = x <= limit if at_most else x >= limit
    return f"  [target {'<=' if at_most else '>='} {limit:g}: {'met' if ok else 'MISSED'}]"


def medians(samples: dict[str, list[float]]) -> dict[str, float]:
    return {k: statistics.median(v) * MS for k, v in samples.items()}


def spreads(samples: dict[str, list[float]]) -> dict[str, float]:
    """Interquartile range over median, per case (a noise gauge; 0 with under 2 samples)."""
    out = {}
    for k, v in samples.items():
        if len(v) < 2:
            out[k] = 0.0
            continue
        q1, _, q3 = statistics.quantiles(v, n=4)
        out[k] = (q3 - q1) / statistics.median(v)
    return out


def side_by_side(
    generated: Callable[[], object], hand: Callable[[], object], warmup: int, repeats: int
) -> tuple[float, float, float | None]:
    """The medians (ms) of a generated and a hand-written call timed interleaved, and their
    ratio generated/hand."""
    med = medians(time_cases([Case("generated", generated), Case("hand", hand)], warmup, repeats))
    return med["generated"], med["hand"], ratio(med["generated"], med["hand"])


def timing_options(parser, repeats: int = 21, warmup: int = 3) -> None:
    """The --repeats and --warmup options every speed benchmark takes."""
    parser.add_argument("--repeats", type=int, default=repeats, help="timed calls per case")
    parser.add_argument("--warmup", type=int, default=warmup, help="untimed calls per case first")
