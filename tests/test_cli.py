"""symbn.cli: the `symbn verify` command, its output, JSON and exit status."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from symbn import cli

GOOD = """\
[derivation]
title = "Mean"

[sizes]
N = "rows"

[indices]
i = "N"
p = "N"

[inputs]
x = { shape = ["N"] }

[[define]]
name = "m"
expr = "sum(x[p], p) / N"

[[claim]]
name = "dm"
lhs = "diff(m, x[i])"
rhs = "1/N"

[[claim]]
name = "dm_derived"
lhs = "diff(m**2, x[i])"
"""

BAD_CLAIM = """
[[claim]]
name = "wrong"
lhs = "diff(m**2, x[i])"
rhs = "m / N"
"""


def run(argv, capsys) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_all_proved_exits_0(write_derivation, capsys):
    path = write_derivation(GOOD)
    code, out, err = run(["verify", str(path)], capsys)
    assert code == cli.OK == 0
    assert err == ""
    assert out.splitlines()[0] == f"{path}: Mean"
    assert "proved" in out
    assert "dm" in out
    assert "derived" in out
    assert "2 claims: 1 proved, 1 derived" in out


def test_default_folder_is_derivations(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "derivations"
    folder.mkdir()
    (folder / "b.toml").write_text(GOOD)
    (folder / "a.toml").write_text(GOOD.replace('"Mean"', '"First"'))
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["verify"], capsys)
    assert code == 0
    heads = [line for line in out.splitlines() if line.startswith("derivations")]
    assert heads == ["derivations/a.toml: First", "derivations/b.toml: Mean"]


def test_no_default_folder_is_bad_input(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["verify"], capsys)
    assert code == cli.BAD_INPUT == 2
    assert "no derivations/ folder" in err


def test_refuted_exits_1_and_shows_the_counterexample(write_derivation, capsys):
    path = write_derivation(GOOD + BAD_CLAIM)
    code, out, _ = run(["verify", str(path)], capsys)
    assert code == cli.FAILED == 1
    lines = out.splitlines()
    at = next(n for n, line in enumerate(lines) if line.split()[:1] == ["refuted"])
    assert lines[at].split()[-1] == "wrong"
    shown = "\n".join(lines[at + 1 :])
    assert "lhs - rhs = " in shown
    assert "counterexample: N=" in shown
    values = next(line for line in lines[at + 1 :] if "lhs = " in line and "rhs = " in line)
    lhs, rhs = (float(part.split("=")[1]) for part in values.strip().split(", "))
    assert lhs != pytest.approx(rhs)
    assert any(line.strip().startswith("x = [") for line in lines[at + 1 :])


def test_bad_input_exits_2_with_a_located_message(write_derivation, capsys):
    path = write_derivation(GOOD.replace('rhs = "1/N"', 'rhs = "1/N +"'))
    code, out, err = run(["verify", str(path)], capsys)
    assert code == 2
    first = err.splitlines()[0]
    assert first.startswith(f"{path}:")
    assert ": error: syntax error" in first
    assert err.splitlines()[1].strip() == 'rhs = "1/N +"'
    assert "^" in err.splitlines()[2]
    assert "proved" not in out


def test_bad_file_does_not_stop_the_others(write_derivation, capsys):
    good = write_derivation(GOOD, "good.toml")
    bad = write_derivation("not toml [", "bad.toml")
    code, out, err = run(["verify", str(bad), str(good)], capsys)
    assert code == 2
    assert "malformed TOML" in err
    assert "proved" in out


@pytest.mark.parametrize("argv", [[], ["prove"], ["verify", "--timeout"], ["verify", "--nope"]])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(argv)
    assert info.value.code == 2
    assert "usage: symbn" in capsys.readouterr().err


def test_json_schema(write_derivation, capsys):
    path = write_derivation(GOOD + BAD_CLAIM)
    code, out, _ = run(["verify", "--json", str(path)], capsys)
    assert code == 1
    doc = json.loads(out)
    assert list(doc) == ["schema", "derivations", "totals"]
    assert doc["schema"] == 1
    (entry,) = doc["derivations"]
    assert entry["path"] == str(path)
    assert entry["title"] == "Mean"
    claims = {c["name"]: c for c in entry["claims"]}
    assert list(claims) == ["dm", "dm_derived", "wrong"]
    keys = {"name", "status", "seconds", "closed_form", "latex", "counterexample"}
    for c in claims.values():
        assert keys <= set(c)
        assert isinstance(c["seconds"], float | int)
        assert c["seconds"] >= 0
    assert [c["status"] for c in claims.values()] == ["proved", "derived", "refuted"]
    assert claims["dm"]["counterexample"] is None
    assert isinstance(claims["dm_derived"]["closed_form"], str)
    assert isinstance(claims["dm_derived"]["latex"], str)
    cx = claims["wrong"]["counterexample"]
    assert set(cx) >= {"sizes", "indices", "inputs", "lhs", "rhs"}
    assert set(cx["sizes"]) == {"N"}
    assert set(cx["indices"]) == {"i"}
    assert len(cx["inputs"]["x"]) == cx["sizes"]["N"]


def test_timeout_option_reaches_the_verifier(write_derivation, capsys):
    huge = (
        GOOD + '\n[[claim]]\nname = "big"\nlhs = "diff((x[i] + m + 1)**40 * '
        '(sum(x[p], p) + 2)**40, x[i])"\nrhs = "0"\n'
    )
    path = write_derivation(huge)
    code, out, _ = run(["verify", "--timeout", "0.2", str(path)], capsys)
    assert code == 1
    assert "unknown" in out
    assert "time budget of 0.2 s" in out


def test_python_dash_m_symbn(write_derivation, repo_root):
    path = write_derivation(GOOD)
    done = subprocess.run(
        [sys.executable, "-m", "symbn", "verify", "--json", str(path)],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    statuses = [c["status"] for c in json.loads(done.stdout)["derivations"][0]["claims"]]
    assert statuses == ["proved", "derived"]
