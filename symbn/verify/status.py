"""The verdicts: a claim's (proved, derived, refuted, unknown) and a document line's (those,
unchecked, defined, a warning or an error), one enum for every stage that reads or shows
them."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """A verdict; it prints, compares and serialises as its lower-case name."""

    PROVED = "proved"
    DERIVED = "derived"
    REFUTED = "refuted"
    UNKNOWN = "unknown"
    UNCHECKED = "unchecked"
    DEFINED = "defined"
    WARNING = "warning"
    ERROR = "error"


#: The verdicts of a derivation file's claims, in the order summaries count them.
CLAIM_STATUSES = (Status.PROVED, Status.DERIVED, Status.REFUTED, Status.UNKNOWN)
#: The statuses of a checked document's findings, in the order summaries count them.
FINDING_STATUSES = (
    Status.PROVED,
    Status.REFUTED,
    Status.UNKNOWN,
    Status.UNCHECKED,
    Status.DEFINED,
    Status.WARNING,
    Status.ERROR,
)
#: A claim with one of these verdicts holds.
PASSED = frozenset({Status.PROVED, Status.DERIVED})
#: A claim with one of these verdicts fails the run.
FAILED = frozenset({Status.REFUTED, Status.UNKNOWN})
