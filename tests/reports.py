"""A verified derivation of a model built in a test, as the emitters take it."""

from __future__ import annotations

from symbn.api import Derivation
from symbn.language.model import Model
from symbn.verify.verdicts import Verified


def report_of(model: Model, timeout: float = 30.0) -> Verified:
    """`model` verified, closed forms and derivations made, as `symbn.load(path).verify()`
    hands it to the emitters."""
    return Derivation(model.spec.path, model).verify(timeout=timeout).verified
