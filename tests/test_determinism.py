"""`symbn verify --json` is byte-identical whatever Python's string hashing does.

SymPy orders some internals by hash; symbn must not let that reach its output. Five
processes with different PYTHONHASHSEED values verify every derivation in derivations/; their
JSON, with the timing fields taken out, must be the same bytes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("0", "1", "42", "12345", "4294967295")
SECONDS = re.compile(r'^\s*"seconds": [^\n]*\n', re.MULTILINE)


def verify_json(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "symbn", "verify", "--json"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_verify_json_is_the_same_under_every_hash_seed():
    outputs = {seed: SECONDS.sub("", verify_json(seed)) for seed in SEEDS}
    first = outputs[SEEDS[0]]
    report = json.loads(first)
    paths = {Path(d["path"]).name for d in report["derivations"]}
    assert paths == {p.name for p in (ROOT / "derivations").glob("*.toml")}
    assert sum(len(d["claims"]) for d in report["derivations"]) > 30
    assert '"seconds"' not in first
    for seed, text in outputs.items():
        assert text == first, f"PYTHONHASHSEED={seed} changes the output"
