"""One finding of `symbn check`: a line of the report about one place of the document."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from symbn.errors import Location
from symbn.verify.status import Status


@dataclass(frozen=True)
class Finding:
    """One line of the report: `status` of a `kind` of line at `where` (`width` characters
    of its file line); `claim` is the equation in the expression language ("" for a note),
    `details` the residual and counterexample of a refuted claim."""

    where: Location
    width: int
    kind: str
    status: str
    message: str
    claim: str = ""
    details: tuple[str, ...] = ()
    #: for a failed line written at matrix level: its residual, the indices of its axes in
    #: order and the model it was checked in, for the residual to be shown in matrix form
    matrix: tuple | None = field(default=None, compare=False, repr=False)

    @property
    def text(self) -> str:
        """The document's text the finding is about (on its first line)."""
        return self.where.source[self.where.col - 1 : self.where.col - 1 + self.width]

    def __str__(self) -> str:
        w = self.where
        return f"{w.path}:{w.line}:{w.col}: {self.status}: {self.message}"


def withheld(f: Finding, reason: str) -> Finding:
    """The finding held back: unchecked, with the reason after its message, and without the
    counterexample or residual of the verdict it no longer gives."""
    return replace(
        f, status=Status.UNCHECKED, message=f"{f.message}: {reason}", details=(), matrix=None
    )
