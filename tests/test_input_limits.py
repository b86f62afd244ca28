"""Input that never ends, is not text, nests too deeply or indexes too far, through a real
process: bad input (exit 2) at its place, at once, in bounded memory."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from test_cli import GOOD
from test_cli_process import CONTEXT, DOC, ROOT, symbn

from symbn.language.parse import MAX_INDEX
from symbn.source.reading import MAX_BYTES
from symbn.source.tomlmap import MAX_NESTING

#: Runs a command and writes its own peak memory (KiB) to the file named first: the test
#: process's children include every earlier test's, whose peak is not this command's.
MEASURE = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[2:]); "
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
    "sys.exit(done.returncode)"
)


def measured(tmp_path, *args: str, timeout: float = 300) -> tuple:
    """`python -m symbn ARGS` run to its end, and its peak memory in MB."""
    peak = tmp_path / "peak.txt"
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(peak), sys.executable, "-m", "symbn", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return done, int(peak.read_text()) / 1024


@pytest.mark.parametrize("command", ["verify", "check"])
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_input_is_refused_at_the_cap(command, device, tmp_path):
    start = time.monotonic()
    done, peak = measured(tmp_path, command, device, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (
        f"symbn: error: {device} is larger than 10 MB "
        f"({MAX_BYTES} bytes), the most symbn reads of one input"
    )
    assert time.monotonic() - start < 10  # python and its imports included
    assert peak < 1024


def test_standard_input_is_capped_too():
    done = symbn("verify", "-", stdin="#" * (MAX_BYTES + 1))
    assert done.returncode == 2
    assert "<stdin> is larger than 10 MB" in done.stderr


def test_a_context_file_is_capped_too(tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text("# Mean\n")
    done = symbn("check", str(doc), "--context", "/dev/zero")
    assert done.returncode == 2
    assert "/dev/zero is larger than 10 MB" in done.stderr


@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        (b"# T\n\nsome \xff\xfe bytes\n", ":3:6: error: ", "the file is not UTF-8 (byte 0xff)"),
        (b"# T\nab\0c\n", ":2:3: error: ", "the file holds a NUL byte (0x00)"),
    ],
)
def test_a_document_that_is_not_text_is_located(tmp_path, data, where, message):
    doc = tmp_path / "doc.md"
    doc.write_bytes(data)
    done = symbn("check", str(doc))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"{doc}{where}{message}"), done.stderr
    assert "^" in done.stderr


def test_a_derivation_with_a_nul_byte_is_located(write_derivation):
    path = write_derivation(GOOD)
    path.write_bytes(GOOD.encode().replace(b'"Mean"', b'"Me\0an"'))
    done = symbn("verify", str(path))
    assert done.returncode == 2
    assert done.stderr.startswith(f"{path}:2:12: error: the file holds a NUL byte")


def test_toml_nested_hundreds_of_levels_is_located_bad_input(write_derivation, tmp_path):
    deep = "[" * 400 + "]" * 400
    path = write_derivation(GOOD + f'\n# not nested: [[[[ "[[[["\nextra = {deep}\n')
    done = symbn("verify", str(path))
    assert done.returncode == 2, done.stderr
    line = GOOD.count("\n") + 3
    assert done.stderr.startswith(
        f"{path}:{line}:{9 + MAX_NESTING}: error: arrays and inline "
        f"tables nested more than {MAX_NESTING} levels deep"
    )
    doc = tmp_path / "doc.md"
    doc.write_text(DOC.replace('x = { shape = ["N"] }', f"x = {{ shape = {deep} }}"))
    done = symbn("check", str(doc))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"{doc}:7:{14 + MAX_NESTING}: error: arrays and inline")
    assert "RecursionError" not in done.stderr


def test_a_concrete_index_past_the_limit_is_located_bad_input(write_derivation, tmp_path):
    path = write_derivation(GOOD.replace('lhs = "diff(m, x[i])"', 'lhs = "diff(m, x[999999])"'))
    done, peak = measured(tmp_path, "verify", str(path))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"{path}:20:18: error: concrete index 999999 is too large")
    assert f"at most {MAX_INDEX}" in done.stderr
    assert peak < 1024


def test_a_concrete_index_at_the_limit_is_checked_in_bounded_memory(write_derivation, tmp_path):
    sized = GOOD.replace(
        'lhs = "diff(m, x[i])"\nrhs = "1/N"',
        f'lhs = "diff(m**2, x[{MAX_INDEX}])"\nrhs = "2*m/N + 1"',
    )
    done, peak = measured(tmp_path, "verify", str(write_derivation(sized)))
    assert done.returncode == 1, done.stderr
    assert f"N={MAX_INDEX}" in done.stdout  # the counterexample is at the index's size
    assert peak < 1024


@pytest.mark.parametrize("index", ["99999999", str(MAX_INDEX + 1)])
def test_a_document_index_past_the_limit_is_bad_input_at_its_place(tmp_path, index):
    context = tmp_path / "ctx.toml"
    context.write_text(CONTEXT)
    doc = tmp_path / "doc.md"
    line = f"$$ \\frac{{\\partial m}}{{\\partial x_{{{index}}}}} = \\frac{{1}}{{N}} $$"
    doc.write_text(f"# Mean\n\n$$ m = \\frac{{1}}{{N}} \\sum_{{i}} x_i $$\n\n{line}\n")
    done = symbn("check", str(doc), "--context", str(context))
    assert done.returncode == 2, done.stdout
    col = line.index(index) + 1
    assert done.stderr.splitlines() == [
        f"{doc}:5:{col}: error: concrete index {index} is too large: the concrete check "
        f"samples sizes up to {MAX_INDEX}, so a concrete index is at most {MAX_INDEX}",
        f"    {line}",
        " " * (4 + col - 1) + "^" * len(index),
    ]
    assert done.stdout == ""


def test_a_document_index_at_the_limit_is_checked(tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text(DOC + f"\n$$ \\frac{{\\partial m}}{{\\partial x_{{{MAX_INDEX}}}}} = 1 $$\n")
    done = symbn("check", str(doc))
    assert done.returncode == 1, done.stderr
    assert f"{doc}:15:4: refuted: " in done.stdout
    assert f"N={MAX_INDEX}" in done.stdout  # the counterexample is at the index's size


@pytest.mark.parametrize(
    ("written", "name", "fold"),
    [
        ("Ｎ", "U+FF2E FULLWIDTH LATIN CAPITAL LETTER N", "N"),
        ("ℎ", "U+210E PLANCK CONSTANT", "h"),
        ("𝐦", "U+1D426 MATHEMATICAL BOLD SMALL M", "m"),
    ],
)
def test_a_look_alike_letter_in_an_expression_is_bad_input(write_derivation, written, name, fold):
    """Python's parser folds these to ASCII; the documented rule is that names are ASCII."""
    text = GOOD.replace('rhs = "1/N"', f'rhs = "1/N + 0*{written}"')
    path = write_derivation(text)
    done = symbn("verify", str(path))
    assert done.returncode == 2, done.stderr
    line = next(n for n, t in enumerate(text.splitlines(), 1) if written in t)
    col = text.splitlines()[line - 1].index(written) + 1
    assert done.stderr.startswith(
        f"{path}:{line}:{col}: error: {written!r} ({name}) is not ASCII"
    ), done.stderr
    assert f"write {fold!r}" in done.stderr


def test_an_inline_index_past_the_limit_leaves_its_prose_unchecked(tmp_path):
    """A worked example's sizes in a sentence (`$N=1,000,000, K=96$`) are prose: past the
    limit they are unchecked, saying why, and the rest of the document is checked."""
    doc = tmp_path / "doc.md"
    doc.write_text(
        "$$ m_j = \\frac{1}{K} \\sum_{k=1}^{K} x_{kj} $$\n\n"
        "For $N=1,000,000, K=96, D=32$ the loop is slow.\n\n"
        "$$ \\frac{\\partial m_j}{\\partial x_{ij}} = \\frac{1}{K} $$\n"
    )
    done = symbn("check", str(doc))
    assert done.returncode == 0, done.stderr
    assert f"{doc}:3:21: unchecked: concrete index 96 is too large" in done.stdout
    assert f"{doc}:5:4: proved: " in done.stdout
