"""The public Python API, which the `symbn` command stands on.

    import symbn
    d = symbn.load("derivations/batchnorm_core.toml")  # InputError on bad input
    report = d.verify(timeout=30)                       # report.ok, report.claims[i].status
    symbn.latex(report, format="md")                    # the document, as a string
    symbn.numpy(report)                                 # the module's source, as a string

A `Report` holds the verdicts and the verifier that reached them. What the emitters are
handed is its `verified` value (`symbn.verify.verdicts.Verified`), frozen and complete: the
closed form of every claim and the step-by-step derivations, computed once, when something
first shows them (the documents, the NumPy export).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from symbn.language.model import Model, build
from symbn.language.notation import formula
from symbn.source import toml
from symbn.verify.budget import Options
from symbn.verify.verdicts import PASSED, Counterexample, Result, Status, Verified
from symbn.verify.verifier import Verifier


@dataclass(frozen=True)
class Derivation:
    """A derivation file read and checked: every expression parsed, every index known."""

    path: str
    model: Model

    @property
    def title(self) -> str:
        return self.model.spec.title.value

    def verify(self, timeout: float = 30.0, seed: int = 0) -> Report:
        """Prove or refute every claim, each within `timeout` seconds."""
        start = time.perf_counter()
        verifier = Verifier(self.model, Options(timeout=timeout, seed=seed))
        results = tuple(verifier.run())
        return Report(self, results, time.perf_counter() - start, verifier)


def load(path: str | Path) -> Derivation:
    """Read a TOML derivation file (InputError, located, when it is not one)."""
    return Derivation(str(path), build(toml.load(path)))


def loads(text: str | bytes, name: str = "<string>") -> Derivation:
    """Read a derivation from its text; `name` stands for the file in messages."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return Derivation(name, build(toml.loads(name, data)))


@dataclass(frozen=True)
class ClaimReport:
    """One claim's verdict, its formulas in the expression language of derivation files."""

    name: str
    title: str
    status: Status
    seconds: float
    closed_form: str | None
    residual: str | None
    counterexample: Counterexample | None
    reason: str


@dataclass(frozen=True)
class Report:
    """The verdicts on every claim of a derivation, and the verifier that reached them."""

    derivation: Derivation
    verdicts: tuple[Result, ...]
    seconds: float
    verifier: Verifier = field(repr=False, compare=False)

    @property
    def model(self) -> Model:
        return self.derivation.model

    @property
    def ok(self) -> bool:
        """Every claim proved or derived."""
        return all(r.status in PASSED for r in self.verdicts)

    @cached_property
    def verified(self) -> Verified:
        """The frozen value the emitters are handed: closed forms and derivations made."""
        return self.verifier.verified(self.derivation.path, self.verdicts, self.seconds,
                                      closed_forms=True, derivations=True)

    @property
    def results(self) -> tuple[Result, ...]:
        """The verdicts, each with the closed form of its lhs."""
        return self.verified.results

    @property
    def claims(self) -> tuple[ClaimReport, ...]:
        def shown(e):
            return None if e is None else formula(e)

        return tuple(ClaimReport(r.name, r.title, r.status, r.seconds, shown(r.closed_form),
                                 shown(r.residual), r.counterexample, r.reason)
                     for r in self.results)

    def _repr_markdown_(self) -> str:
        """The verdicts as Markdown with $...$ maths, for Jupyter."""
        from symbn.emit.verdicts import markdown  # noqa: PLC0415 - emitters load on use
        return markdown(self.verified)


def latex(report: Report, format: str = "tex") -> str:
    """The derivation as a standalone LaTeX document (`tex`) or as Markdown (`md`)."""
    from symbn.emit.latex import document  # noqa: PLC0415 - emitters load on use
    return document.render(report.verified, format)


def numpy(report: Report) -> str:
    """The source of a standalone NumPy module of the derivation (RefusedError when a
    gradient claim of its layer is not proved)."""
    from symbn.emit.numpy import emitter  # noqa: PLC0415 - emitters load on use
    return emitter.module(report.verified)[0]
