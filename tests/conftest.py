"""Shared fixtures: the repository root, small derivations written to tmp_path, batchnorm."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from symbn.language import model
from symbn.source import toml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root (holds derivations/, symbn/, tests/)."""
    return ROOT


@pytest.fixture
def write_derivation(tmp_path: Path) -> Callable[..., Path]:
    """write_derivation(text, name="derivation.toml") -> the path of `text` written in tmp_path."""

    def write(text: str, name: str = "derivation.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def build_model(write_derivation) -> Callable[..., model.Model]:
    """build_model(text) -> the Model of a derivation written to tmp_path (toml.load + build)."""

    def build(text: str, name: str = "derivation.toml") -> model.Model:
        return model.build(toml.load(write_derivation(text, name)))

    return build


@pytest.fixture(scope="session")
def batchnorm_model() -> model.Model:
    """derivations/batchnorm.toml, built once per session (treat it as read-only)."""
    return model.build(toml.load(ROOT / "derivations" / "batchnorm.toml"))
