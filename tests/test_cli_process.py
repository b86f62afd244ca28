"""symbn.cli as a user meets it, through a real process: exit status, messages, pipes, signals,
standard input, output paths that cannot be written, and the formats other tools read."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_cli import BAD_CLAIM, GOOD

from symbn import __version__

ROOT = Path(__file__).resolve().parent.parent
SLOW = (
    GOOD + '\n[[claim]]\nname = "big"\nlhs = "diff((x[i] + m + 1)**40 * '
    '(sum(x[p], p) + 2)**40, x[i])"\nrhs = "0"\n'
)

#: The context and the document of a mean, for the commands that read a document.
CONTEXT = """[sizes]
N = "items"
[indices]
i = "N"
[inputs]
x = { shape = ["N"] }
[defines]
m = { shape = [] }
"""
DOC = f"+++\n{CONTEXT}+++\n# Mean\n\n$$ m = \\frac{{1}}{{N}} \\sum_{{i}} x_i $$\n"


def symbn(
    *args: str, cwd: Path = ROOT, stdin: str | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """`python -m symbn ARGS` run to its end, its output as text."""
    return subprocess.run(
        [sys.executable, "-m", "symbn", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_version():
    done = symbn("--version")
    assert (done.returncode, done.stdout.strip()) == (0, f"symbn {__version__}")


@pytest.mark.parametrize("command", ["latex", "numpy"])
def test_output_into_a_missing_folder_is_bad_input(command, write_derivation, tmp_path):
    path = write_derivation(GOOD)
    target = tmp_path / "no" / "such" / "folder" / "out.txt"
    done = symbn(command, str(path), "-o", str(target))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"symbn: error: cannot write {target}: ")
    assert "No such file or directory" in done.stderr
    assert "internal error" not in done.stderr
    assert not target.parent.exists()


@pytest.mark.parametrize("command", ["latex", "numpy"])
def test_output_onto_a_directory_is_bad_input(command, write_derivation, tmp_path):
    path = write_derivation(GOOD)
    folder = tmp_path / "a_folder"
    folder.mkdir()
    done = symbn(command, str(path), "-o", str(folder))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"symbn: error: cannot write {folder}: ")
    assert "internal error" not in done.stderr
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("command", ["latex", "numpy"])
def test_output_onto_the_input_is_refused(command, write_derivation):
    path = write_derivation(GOOD)
    before = path.read_bytes()
    done = symbn(command, str(path), "-o", str(path))
    assert done.returncode == 2
    assert done.stderr.startswith(f"symbn: error: cannot write {path}: it is the input")
    assert path.read_bytes() == before


def test_output_onto_the_input_by_another_name_is_refused(write_derivation, tmp_path):
    path = write_derivation(GOOD)
    link = tmp_path / "link.toml"
    link.symlink_to(path)
    done = symbn("numpy", str(path), "-o", str(link))
    assert done.returncode == 2
    assert "it is the input" in done.stderr
    assert path.read_text() == GOOD


def test_unwritable_generate_folder_is_bad_input(write_derivation, tmp_path):
    path = write_derivation(GOOD, "mean.toml")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder\n")
    done = symbn("generate", "--out", str(blocker / "generated"), str(path))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("symbn: error: cannot write ")
    assert "internal error" not in done.stderr


def test_a_closed_pipe_is_quiet(write_derivation):
    """`symbn verify A B | head -1`: the reader leaves after one line; symbn stops quietly."""
    first = write_derivation(GOOD, "a.toml")
    second = write_derivation(SLOW.replace('"big"', '"slow"'), "b.toml")
    proc = subprocess.Popen(
        [sys.executable, "-m", "symbn", "verify", "--timeout", "3", str(first), str(second)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    assert proc.stdout.readline().startswith(str(first).encode())
    proc.stdout.close()  # as `head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 141
    assert err == ""


def test_ctrl_c_exits_130_without_a_traceback(write_derivation):
    path = write_derivation(SLOW)
    proc = subprocess.Popen(
        [sys.executable, "-m", "symbn", "verify", str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    time.sleep(4)  # past the imports, into the claims
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, (out, err)
    assert err.strip() == "symbn: interrupted"


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-1", "soon"])
def test_a_time_budget_that_is_not_a_positive_number_is_a_usage_error(value, write_derivation):
    path = write_derivation(GOOD)
    done = symbn("verify", "--timeout", value, str(path))
    assert done.returncode == 2
    assert "usage: symbn verify" in done.stderr
    assert "--timeout" in done.stderr
    assert done.stdout == ""


def test_standard_input_is_read_for_a_dash():
    done = symbn("verify", "-", stdin=GOOD)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "<stdin>: Mean"
    assert "2 claims: 1 proved, 1 derived" in done.stdout


def test_bad_input_on_standard_input_is_located():
    done = symbn("verify", "-", stdin=GOOD.replace('rhs = "1/N"', 'rhs = "1/N +"'))
    assert done.returncode == 2
    assert done.stderr.startswith("<stdin>:")
    assert "syntax error" in done.stderr


def test_numpy_of_standard_input(tmp_path):
    target = tmp_path / "mean.py"
    done = symbn("numpy", "-", "-o", str(target), stdin=GOOD)
    assert done.returncode == 0, done.stderr
    assert "def define_m(x):" in target.read_text()


@pytest.mark.parametrize("command", ["verify", "generate"])
def test_a_folder_without_derivations_is_bad_input_everywhere(command, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("no derivations here\n")
    done = symbn(command, str(empty), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == f"symbn: error: {empty} holds no .toml derivation files"


@pytest.mark.parametrize("command", ["verify", "generate"])
def test_no_derivations_folder_names_the_command(command, tmp_path):
    done = symbn(command, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"symbn: error: no derivations/ folder here; name the derivation files to {command}"
    )


def test_json_has_a_schema_totals_and_the_files_that_failed_to_load(write_derivation):
    good = write_derivation(GOOD + BAD_CLAIM, "good.toml")
    bad = write_derivation("not toml [", "bad.toml")
    done = symbn("verify", "--json", str(good), str(bad))
    assert done.returncode == 2
    doc = json.loads(done.stdout)
    assert doc["schema"] == 1
    first, second = doc["derivations"]
    assert (first["path"], first["error"]) == (str(good), None)
    assert [c["status"] for c in first["claims"]] == ["proved", "derived", "refuted"]
    assert second["path"] == str(bad)
    assert second["claims"] == []
    assert second["error"]["line"] == 1
    assert "malformed TOML" in second["error"]["message"]
    totals = doc["totals"]
    assert {
        k: totals[k]
        for k in ("files", "errors", "claims", "proved", "derived", "refuted", "unknown")
    } == {
        "files": 2,
        "errors": 1,
        "claims": 3,
        "proved": 1,
        "derived": 1,
        "refuted": 1,
        "unknown": 0,
    }
    assert done.stderr == ""  # the error is in the document, not only on stderr


def test_github_format_annotates_refuted_claims_and_bad_input(write_derivation):
    good = write_derivation(GOOD + BAD_CLAIM, "good.toml")
    bad = write_derivation(GOOD.replace('rhs = "1/N"', 'rhs = "1/N +"'), "bad.toml")
    done = symbn("verify", "--format", "github", str(good), str(bad))
    assert done.returncode == 2
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    claim_line = (GOOD + BAD_CLAIM).splitlines().index('name = "wrong"') + 1
    assert lines[0].startswith(
        f"::error file={good},line={claim_line},col=1::claim wrong is refuted: lhs - rhs = "
    )
    assert "%0Acounterexample: N=" in lines[0]
    rhs_line = GOOD.splitlines().index('rhs = "1/N"') + 1
    assert lines[1].startswith(f"::error file={bad},line={rhs_line},col=")
    assert "::syntax error" in lines[1]


def test_generate_from_elsewhere_names_missing_stale_and_orphaned_files(tmp_path):
    folder = tmp_path / "derivations"
    folder.mkdir()
    (folder / "mean.toml").write_text(GOOD)
    out = tmp_path / "generated"
    assert symbn("generate", "--out", str(out), cwd=tmp_path).returncode == 0
    (out / "gone.py").write_text("# from a derivation that was deleted\n")
    (out / "mean.md").write_text("edited\n")
    (out / "mean.tex").unlink()
    done = symbn("generate", "--check", "--out", str(out), cwd=tmp_path)
    assert done.returncode == 1
    assert sorted(done.stderr.splitlines()[:-1]) == [
        f"missing: {out / 'mean.tex'}",
        f"orphan: {out / 'gone.py'} (no derivation gone.toml)",
        f"stale: {out / 'mean.md'}",
    ]


def test_jobs_give_the_output_of_one_job(write_derivation):
    paths = [str(write_derivation(GOOD + BAD_CLAIM, f"d{n}.toml")) for n in range(3)]
    one = symbn("verify", "-j", "1", *paths)
    three = symbn("verify", "-j", "3", *paths)
    assert one.returncode == three.returncode == 1
    timing = re.compile(r"\d+\.\d+ s\b")
    assert timing.sub("T", three.stdout) == timing.sub("T", one.stdout)
    assert three.stdout.count("  refuted ") == 3
    as_json = [json.loads(symbn("verify", "--json", "-j", n, *paths).stdout) for n in "13"]
    assert as_json[0]["derivations"][0]["claims"][1]["closed_form"] == "2*m/N"
    drop = re.compile(r'"seconds": [^,}\n]*')
    assert drop.sub("", json.dumps(as_json[0])) == drop.sub("", json.dumps(as_json[1]))


@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_jobs_must_be_a_positive_whole_number(value):
    done = symbn("verify", "-j", value)
    assert done.returncode == 2
    assert "-j" in done.stderr


def test_verify_loads_no_emitter_and_no_markdown_reader(write_derivation):
    """`symbn verify` pays only for what it uses: README's start-up figure relies on it."""
    path = write_derivation(GOOD)
    probe = (
        "import sys\nfrom symbn.cli import main\nstatus = main(['verify', sys.argv[1]])\n"
        "print(sorted(m for m in sys.modules if m == 'jinja2' or m.startswith("
        "('symbn.emit.latex.document', 'symbn.emit.numpy', 'symbn.emit.report', "
        "'symbn.verify.document', 'symbn.language.latex', 'markdown_it'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.stdout.splitlines()[-1] == "[]", done.stdout + done.stderr
