"""The pre-commit hook of .pre-commit-hooks.yaml, run by the real `pre-commit` in a scratch
repository that holds a pyproject.toml, a document's *.context.toml and derivation files.

pre-commit installs a `language: python` hook into a virtualenv of its own, which needs the
network; so the hook is run as a `repo: local` hook with `language: system`, its entry the
same symbn command run by this Python. Its `files`, `exclude` and arguments are the
repository's own .pre-commit-hooks.yaml, unchanged: what files the hook sees and what it
does with them is what a project gets.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_cli import BAD_CLAIM, GOOD
from test_cli_process import ROOT

pytest.importorskip("pre_commit")

CONTEXT = '[sizes]\nN = "items"\n[indices]\ni = "N"\n'
PYPROJECT = '[project]\nname = "demo"\nversion = "0.1"\n'


def hook_config() -> str:
    """The hook of .pre-commit-hooks.yaml as a local hook run by this Python."""
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    command = shlex.split(hook["entry"])
    assert command[0] == "symbn"
    local = {
        **hook,
        "language": "system",
        "entry": shlex.join([sys.executable, "-m", "symbn", *command[1:]]),
    }
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]})


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PRE_COMMIT_HOME": str(repo.parent / "pc"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    return subprocess.run(
        list(args), cwd=repo, env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "project"
    (repo / "derivations").mkdir(parents=True)
    (repo / "pyproject.toml").write_text(PYPROJECT)
    (repo / "settings.toml").write_text('[tool]\nname = "not a derivation"\n')
    (repo / "derivations" / "doc.context.toml").write_text(CONTEXT)
    (repo / "derivations" / "mean.toml").write_text(GOOD)
    (repo / ".pre-commit-config.yaml").write_text(hook_config())
    run(repo, "git", "init", "-q")
    run(repo, "git", "add", "-A")
    return repo


def test_the_hook_passes_a_python_project_with_good_derivations(repo):
    done = run(repo, sys.executable, "-m", "pre_commit", "run", "--all-files", "--verbose")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "symbn verify" in done.stdout
    assert "Passed" in done.stdout
    assert "derivations/mean.toml: Mean" in done.stdout
    for other in ("pyproject.toml", "settings.toml", "doc.context.toml"):
        assert other not in done.stdout


def test_the_hook_fails_on_a_refuted_claim(repo):
    (repo / "derivations" / "wrong.toml").write_text(GOOD + BAD_CLAIM)
    run(repo, "git", "add", "-A")
    done = run(repo, sys.executable, "-m", "pre_commit", "run", "--all-files", "--verbose")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert "refuted" in done.stdout
    assert "pyproject.toml" not in done.stdout


def test_derivations_only_skips_toml_that_is_not_a_derivation(repo):
    done = run(
        repo,
        sys.executable,
        "-m",
        "symbn",
        "verify",
        "--derivations-only",
        "pyproject.toml",
        "settings.toml",
        "derivations/doc.context.toml",
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    done = run(repo, sys.executable, "-m", "symbn", "verify", "pyproject.toml")
    assert done.returncode == 2  # without the flag it is named, so it is bad input
