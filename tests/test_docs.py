"""The documentation says what the code does: its examples run and give what they show."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
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
    bad = text.replace(
        'lhs   = "diff(h[k, l] - mu[l], h[i, j])"', 'lhs   = "diff(h[j, l] - mu[l], h[i, j])"'
    )
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


def test_readme_documents_every_option_that_help_shows():
    readme = (ROOT / "README.md").read_text()
    top = cli.parser()
    sub = next(a for a in top._actions if a.dest == "command")
    for command, p in [("", top), *sub.choices.items()]:
        for action in p._actions:
            for option in action.option_strings:
                if option in ("-h", "--help"):
                    continue
                assert re.search(rf"`[^`]*{re.escape(option)}\b", readme), (command, option)
            for choice in action.choices or () if action.dest != "command" else ():
                assert choice in readme, (command, action.dest, choice)


TIMING = re.compile(r"\d+\.\d+ s\b")


def _matches(shown: list[str], printed: list[str]) -> bool:
    """Whether the README's lines are the printed ones, timings aside; a README line `...`
    stands for any number of printed lines."""

    def norm(line: str) -> str:
        return TIMING.sub("T s", line)

    def match(a: int, b: int) -> bool:
        if a == len(shown):
            return b == len(printed)
        if shown[a].strip() == "...":
            return any(match(a + 1, c) for c in range(b, len(printed) + 1))
        return b < len(printed) and norm(shown[a]) == norm(printed[b]) and match(a + 1, b + 1)

    return match(0, 0)


def _block(readme: str, first: str) -> list[str]:
    """The lines of the README code block that starts with `first` (`first` included)."""
    start = readme.index(first)
    return readme[start : readme.index("```", start)].rstrip("\n").splitlines()


def test_readme_verify_example_is_what_symbn_prints(capsys, monkeypatch):
    readme = (ROOT / "README.md").read_text()
    shown = _block(readme, "$ symbn verify derivations/batchnorm.toml\n")[1:]
    monkeypatch.chdir(ROOT)
    assert cli.main(["verify", "derivations/batchnorm.toml"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert _matches(shown, printed), "\n".join(printed)


def test_readme_refuted_example_is_what_symbn_prints(tmp_path, capsys):
    readme = (ROOT / "README.md").read_text()
    shown = _block(readme, "  refuted ")
    wrong = re.search(r'`(rhs = "2/\(N - 1\)[^`]*)` in `dvar_dh`', readme).group(1)
    text = (ROOT / "derivations" / "batchnorm.toml").read_text()
    right = 'rhs = "2/N * (h[i, l] - mu[l]) * Delta(j, l)"'
    assert text.count(right) == 1
    path = tmp_path / "slip.toml"
    path.write_text(text.replace(right, wrong))
    assert cli.main(["verify", str(path)]) == 1
    printed = capsys.readouterr().out.splitlines()
    at = printed.index(next(x for x in printed if x.split()[:1] == ["refuted"]))
    assert _matches(shown, printed[at : at + len(shown)]), "\n".join(printed[at:])


def test_the_readme_matcher_can_fail():
    assert _matches(["a", "...", "c 1.0 s"], ["a", "b", "b", "c 2.5 s"])
    assert not _matches(["a", "...", "c"], ["a", "b", "d"])
    assert not _matches(["a"], ["a", "b"])


def test_every_shipped_derivation_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text()
    for path in sorted((ROOT / "derivations").glob("*.toml")):
        assert f"derivations/{path.name}" in readme, path.name


def test_the_licence_file_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == {"text": "MIT"}
    assert (ROOT / "LICENSE").read_text().startswith("MIT License\n")
    assert "License :: OSI Approved :: MIT License" in project["classifiers"]


def test_the_pre_commit_hook_runs_symbn_verify_on_derivation_files():
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "- id: symbn-verify\n" in hooks
    assert "  entry: symbn verify --derivations-only\n" in hooks
    assert "  language: python\n" in hooks
    files = re.search(r"^  files: (.+)$", hooks, re.M).group(1)
    assert re.search(files, "derivations/batchnorm.toml")
    assert not re.search(files, "README.md")
    exclude = re.search(r"^  exclude: (.+)$", hooks, re.M).group(1)
    for other in ("pyproject.toml", "sub/Cargo.toml", "derivations/doc.context.toml"):
        assert re.search(exclude, other)
    assert not re.search(exclude, "derivations/batchnorm.toml")


def test_how_it_works_names_every_stage_and_only_stages_that_exist():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## How it works") :].split("\n## ")[0]
    named = set(re.findall(r"`symbn/(\w+)/`", section))
    package = ROOT / "symbn"
    stages = {p.name for p in package.iterdir() if (p / "__init__.py").exists()}
    assert named == stages


def test_readme_python_example_runs(tmp_path):
    readme = (ROOT / "README.md").read_text()
    start = readme.index("```python\nimport symbn\n") + len("```python\n")
    script = tmp_path / "example.py"
    script.write_text(readme[start : readme.index("```", start)])
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # this checkout's
    assert done.returncode == 0, done.stderr
    first, second, *_ = done.stdout.splitlines()
    assert first.startswith("dhhat_dh proved (N*Delta(i, k) - ")
    assert second.startswith("bad.toml:1:1: error: missing required table [sizes]")


def test_readme_check_example_is_what_symbn_prints(capsys, monkeypatch):
    readme = (ROOT / "README.md").read_text()
    first = "$ symbn check docs/seed/000_58bc31ae350973dc.txt --context "
    shown = _block(readme, first)
    monkeypatch.chdir(ROOT)
    assert cli.main(shown[0].split()[2:]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert _matches(shown[1:], printed), "\n".join(printed)


def test_every_file_the_readmes_name_exists():
    for readme in (ROOT / "README.md", ROOT / "derivations" / "README.md"):
        named = set(
            re.findall(
                r"\b((?:symbn|tests|benchmarks|derivations|generated|docs)"
                r"/[\w/.-]+\.(?:py|toml|md|tex|png|txt))\b",
                readme.read_text(),
            )
        )
        assert named or readme.parent.name == "derivations", readme
        example = {"derivations/x.toml"}  # the file of the --format github example
        missing = sorted(n for n in named - example if not (ROOT / n).exists())
        assert missing == [], f"{readme.name} names files that do not exist: {missing}"
