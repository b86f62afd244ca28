"""The documentation says what the code does: its examples run and give what they show."""

from __future__ import annotations

import re
from pathlib import Path

from symbn import cli

ROOT = Path(__file__).resolve().parent.parent


def _example(text: str) -> str:
    start = text.index("```toml\n") + len("```toml\n")
    return text[start : text.index("```", start)]


def test_derivations_readme_example_verifies(tmp_path, capsys):
    path = tmp_path / "example.toml"
    path.write_text(_example((ROOT / "derivations" / "README.md").read_text()))
    assert cli.main(["verify", str(path)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"proved .* dcenter_dh", out)
    assert re.search(r"derived .* dmu_dh", out)


def test_readme_bad_input_example_is_what_symbn_prints(tmp_path, capsys):
    readme = (ROOT / "README.md").read_text()
    shown = readme[readme.index("$ symbn verify bad.toml\n") :].split("```")[0]
    shown_lines = shown.splitlines()[1:]
    text = _example((ROOT / "derivations" / "README.md").read_text())
    bad = text.replace('lhs   = "diff(h[k, l] - mu[l], h[i, j])"',
                       'lhs   = "diff(h[j, l] - mu[l], h[i, j])"')
    assert bad != text
    path = tmp_path / "bad.toml"
    path.write_text(bad)
    assert cli.main(["verify", str(path)]) == 2
    err = capsys.readouterr().err.replace(str(path), "bad.toml")
    assert err.splitlines() == shown_lines


def test_readme_lists_every_command():
    readme = (ROOT / "README.md").read_text()
    sub = next(a for a in cli.parser()._actions if a.dest == "command")
    commands = sub.choices
    for name in commands:
        assert f"`symbn {name}" in readme, name


def test_every_shipped_derivation_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text()
    for path in sorted((ROOT / "derivations").glob("*.toml")):
        assert f"derivations/{path.name}" in readme, path.name
