"""A verified report of a model built in a test, as the emitters take it."""

from __future__ import annotations

from symbn.api import Derivation, Report
from symbn.language.model import Model


def report_of(model: Model, timeout: float = 30.0) -> Report:
    """`model` verified, as `symbn.load(path).verify()` would give it."""
    return Derivation(model.spec.path, model).verify(timeout=timeout)
