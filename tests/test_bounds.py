"""Bounds: a claim past its time budget is unknown (and the others still run), and verifying
every derivation stays within a memory budget."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAD = (
    (ROOT / "tests" / "bad" / "base.toml")
    .read_text(encoding="utf-8")
    .split("[[claim]]", maxsplit=1)[0]
)

#: A claim that takes many seconds (the power of a trinomial is expanded term by term), then
#: one that takes milliseconds.
SLOW = (
    HEAD
    + """[[claim]]
name = "big_power"
lhs = "diff((x[k, l] + m[l] + c)**40, x[i, j])"
rhs = "40 * (x[k, l] + m[l] + c)**39 * (Delta(i, k) * Delta(j, l) + Delta(j, l) / N)"

[[claim]]
name = "dm_dx"
lhs = "diff(m[l], x[i, j])"
rhs = "Delta(j, l) / N"
"""
)

MEMORY_LIMIT_MB = 400


def test_a_claim_past_its_budget_is_unknown_and_the_rest_still_run(tmp_path):
    path = tmp_path / "slow.toml"
    path.write_text(SLOW, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "symbn", "verify", "--timeout", "0.5", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.split("\n")
    big = next(n for n, line in enumerate(lines) if line.rstrip().endswith("big_power"))
    assert lines[big].split()[0] == "unknown"
    assert "time budget of 0.5 s" in lines[big + 1]
    assert any(line.split()[:1] == ["proved"] and line.rstrip().endswith("dm_dx") for line in lines)
    assert "1 proved, 1 unknown" in done.stdout


def test_a_claim_past_its_budget_in_json(tmp_path):
    path = tmp_path / "slow.toml"
    path.write_text(SLOW, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "symbn", "verify", "--json", "--timeout", "0.5", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    claims = {c["name"]: c for c in json.loads(done.stdout)["derivations"][0]["claims"]}
    assert claims["big_power"]["status"] == "unknown"
    assert "--timeout" in claims["big_power"]["reason"]
    assert claims["dm_dx"]["status"] == "proved"


def test_verifying_every_derivation_stays_under_the_memory_budget():
    """Peak resident memory of `symbn verify` on derivations/, measured in a process of its
    own (getrusage(RUSAGE_CHILDREN) reports the largest child that process waited for)."""
    probe = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run([sys.executable, '-m', 'symbn', 'verify'], "
        "capture_output=True)\n"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    status, peak_kb = map(int, done.stdout.split())
    assert status == 0
    assert 0 < peak_kb / 1024 < MEMORY_LIMIT_MB, f"peak {peak_kb / 1024:.0f} MB"
