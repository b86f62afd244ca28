"""The generated/ tree (`symbn.generate`): rendering, staleness and atomic writes.

`outputs` must render a derivation's tex, md and py in memory, writing nothing; `stale` must
name exactly the files whose bytes differ or are missing (the atomic write is tested in
tests/emit/test_outpath.py). `symbn generate [--check]` is run on a temporary output folder:
a new file counts as stale, `--check` writes nothing, and files that would not change are not
rewritten (their mtime is kept).
"""

from __future__ import annotations

import os
from pathlib import Path

import arraycode
import numpy as np
from headers import header
from reports import report_of

import symbn
from symbn.cli import main
from symbn.emit.files import GeneratedFile, outputs, stale
from symbn.emit.latex import document as latex
from symbn.emit.numpy import emitter as npemit
from symbn.language import model
from symbn.source import toml

DERIVATION = (
    header("A column mean", 'h = { shape = ["N", "L"] }')
    + """
[[define]]
name = "mu"
index = ["l"]
expr = "sum(h[p, l], p) / N"

[[claim]]
name = "dmu_dh"
lhs = "diff(mu[l], h[i, j])"
rhs = "Delta(j, l) / N"
"""
)
OLD = 1_000_000_000  # an mtime (2001) no write of this test can leave behind


def temporaries(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*"))


# -- outputs and stale -------------------------------------------------------------------------
def test_outputs_render_tex_md_and_py_in_memory(write_derivation, tmp_path):
    path = write_derivation(DERIVATION, "mean.toml")
    folder = tmp_path / "out"
    report = symbn.load(path).verify().verified
    outcome = outputs(report, folder)
    files = outcome.files
    assert (outcome.warnings, outcome.refused) == ((), "")
    assert [f.path for f in files] == [folder / "mean.tex", folder / "mean.md", folder / "mean.py"]
    assert not folder.exists()  # rendered, not written
    m = model.build(toml.load(path))
    again = report_of(m)
    assert files[0].data == latex.render(again, "tex").encode()
    assert files[1].data == latex.render(again, "md").encode()
    assert files[2].data == npemit.render(again).encode()
    assert b"\\documentclass" in files[0].data
    assert b"\\end{document}" in files[0].data
    module = arraycode.load(files[2].data.decode(), tmp_path / "mean_generated.py")
    h = np.arange(6.0).reshape(3, 2)
    np.testing.assert_allclose(module.define_mu(h), h.mean(axis=0))


def test_stale_names_missing_and_changed_files_only(tmp_path):
    same, changed, missing = (tmp_path / n for n in ("same.py", "changed.md", "missing.tex"))
    same.write_bytes(b"x = 1\n")
    changed.write_bytes(b"old\n")
    files = [
        GeneratedFile(missing, b"new\n"),
        GeneratedFile(same, b"x = 1\n"),
        GeneratedFile(changed, b"new\n"),
    ]
    assert stale(files) == [missing, changed]
    assert stale([GeneratedFile(changed, b"old\n")]) == []
    assert stale([GeneratedFile(same, b"x = 1\r\n")]) == [same]  # bytes, not text


def test_a_folder_in_place_of_a_file_is_stale(tmp_path):
    (tmp_path / "a.py").mkdir()
    assert stale([GeneratedFile(tmp_path / "a.py", b"")]) == [tmp_path / "a.py"]


# -- symbn generate [--check] on a temporary folder --------------------------------------------
def run(capsys, *argv: str) -> tuple[int, list[str], list[str]]:
    status = main(["generate", *argv])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err.splitlines()


def mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in sorted(folder.iterdir())}


def test_check_and_generate_on_a_temporary_folder(write_derivation, tmp_path, capsys):
    mean = write_derivation(DERIVATION, "mean.toml")
    out = tmp_path / "generated"
    names = ["mean.md", "mean.py", "mean.tex"]

    # nothing generated yet: every file is missing, and --check writes nothing
    status, printed, err = run(capsys, "--check", "--out", str(out), str(mean))
    assert status == 1
    assert (
        sorted(Path(x.removeprefix("missing: ")).name for x in err if x.startswith("missing: "))
        == names
    )
    assert "3 generated file(s) out of date; run `symbn generate`" in err
    assert printed == []
    assert not out.exists()

    status, printed, err = run(capsys, "--out", str(out), str(mean))
    assert status == 0
    assert sorted(Path(x.removeprefix("wrote ")).name for x in printed) == names
    assert sorted(p.name for p in out.iterdir()) == names
    made = outputs(symbn.load(mean).verify().verified, out).files
    assert all(f.path.read_bytes() == f.data for f in made)

    # up to date: --check passes, and generate rewrites nothing
    assert run(capsys, "--check", "--out", str(out), str(mean)) == (0, [], [])
    for p in out.iterdir():
        os.utime(p, ns=(OLD, OLD))
    assert run(capsys, "--out", str(out), str(mean)) == (0, [], [])
    assert set(mtimes(out).values()) == {OLD}

    # one file edited by hand: only it is stale, only it is rewritten
    (out / "mean.md").write_text("edited\n", encoding="utf-8")
    os.utime(out / "mean.md", ns=(OLD, OLD))
    status, _, err = run(capsys, "--check", "--out", str(out), str(mean))
    assert status == 1
    assert [x for x in err if x.startswith("stale: ")] == [f"stale: {out / 'mean.md'}"]
    status, printed, _ = run(capsys, "--out", str(out), str(mean))
    assert (status, printed) == (0, [f"wrote {out / 'mean.md'}"])
    times = mtimes(out)
    assert times["mean.md"] != OLD
    assert times["mean.tex"] == times["mean.py"] == OLD

    # a new derivation: its files are missing; the others are current
    other = write_derivation(DERIVATION.replace("A column mean", "Another"), "other.toml")
    status, printed, err = run(capsys, "--check", "--out", str(out), str(mean), str(other))
    assert status == 1
    assert printed == []
    assert sorted(x for x in err if x.startswith(("stale: ", "missing: "))) == [
        f"missing: {out / n}" for n in ("other.md", "other.py", "other.tex")
    ]
    assert sorted(p.name for p in out.iterdir()) == names
    assert temporaries(out) == []
