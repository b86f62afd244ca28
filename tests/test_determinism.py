"""`symbn verify --json`, `symbn generate` and `symbn check --json` are byte-identical
whatever Python's string hashing does.

SymPy orders some internals by hash; symbn must not let that reach its output. Five
processes with different PYTHONHASHSEED values verify every derivation in derivations/; their
JSON, with the timing fields taken out, must be the same bytes. Five more generate every
LaTeX, Markdown and NumPy file; each must be the same bytes as the committed one in
generated/.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from paths import DERIVATION_FILES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("0", "1", "42", "12345", "4294967295")
SECONDS = re.compile(r'^\s*"seconds": [^\n]*\n', re.MULTILINE)


def run_all(commands: dict[str, list[str]], status: int = 0) -> dict[str, str]:
    """Each command's standard output, under PYTHONHASHSEED = its key; as many processes
    at a time as there are CPUs (each is single-threaded). Each must exit with `status`."""

    def one(seed: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "symbn", *commands[seed]],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == status, f"PYTHONHASHSEED={seed}: {done.stderr}"
        return done.stdout

    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        return dict(zip(commands, pool.map(one, commands), strict=True))


@pytest.mark.slow
def test_verify_json_is_the_same_under_every_hash_seed():
    outputs = {
        seed: SECONDS.sub("", text)
        for seed, text in run_all({s: ["verify", "--json"] for s in SEEDS}).items()
    }
    first = outputs[SEEDS[0]]
    report = json.loads(first)
    paths = {Path(d["path"]).name for d in report["derivations"]}
    assert paths == {p.name for p in DERIVATION_FILES}
    assert sum(len(d["claims"]) for d in report["derivations"]) > 30
    assert '"seconds"' not in first
    for seed, text in outputs.items():
        assert text == first, f"PYTHONHASHSEED={seed} changes the output"


@pytest.mark.slow
def test_generate_writes_the_committed_bytes_under_every_hash_seed(tmp_path):
    committed = {p.name: p.read_bytes() for p in (ROOT / "generated").iterdir() if p.is_file()}
    assert {p.rsplit(".", 1)[1] for p in committed} >= {"tex", "md", "py"}
    run_all({seed: ["generate", "--out", str(tmp_path / seed)] for seed in SEEDS})
    for seed in SEEDS:
        out = tmp_path / seed
        written = {p.name: p.read_bytes() for p in out.iterdir()}
        assert written.keys() == committed.keys(), f"PYTHONHASHSEED={seed}"
        for name, data in written.items():
            assert data == committed[name], f"PYTHONHASHSEED={seed} changes {name}"


CHECK_SEEDS = ("0", "1", "42", "12345")
SEED_DOCUMENT = ["docs/seed/000_58bc31ae350973dc.txt", "--context", "derivations/seed.context.toml"]


def test_check_json_is_the_same_under_every_hash_seed():
    """The seed (one refuted line: exit 1) and the documents of derivations/ (exit 0)."""
    seed = run_all({s: ["check", "--json", *SEED_DOCUMENT] for s in CHECK_SEEDS}, status=1)
    ours = run_all({s: ["check", "--json"] for s in CHECK_SEEDS})
    for outputs in (seed, ours):
        texts = {s: SECONDS.sub("", text) for s, text in outputs.items()}
        first = texts[CHECK_SEEDS[0]]
        documents = json.loads(outputs[CHECK_SEEDS[0]])["documents"]
        assert documents
        assert sum(len(d["lines"]) for d in documents) > 10
        assert '"seconds"' not in first
        for s, text in texts.items():
            assert text == first, f"PYTHONHASHSEED={s} changes symbn check's output"
