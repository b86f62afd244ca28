"""Fuzzing the file loader and the expression parser.

Whatever the bytes, `symbn.source.spec.parse` and `symbn.language.model.build` either succeed or
raise InputError (nothing else escapes), they answer within a bound, and the command exits 0, 1
or 2. Hypothesis runs derandomized (the same examples every run) with modest example counts.
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from deadline import HANG, within
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import DERIVATION_FILES

from symbn.cli import main
from symbn.errors import InputError
from symbn.language.model import build
from symbn.source.toml import loads
from symbn.verify.verifier import Options, Verifier

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "tests" / "bad" / "base.toml").read_text(encoding="utf-8")
RHS = 'rhs = "Delta(j, l) / N"'
REAL = DERIVATION_FILES
REAL_TEXT = {p.name: p.read_text(encoding="utf-8") for p in REAL}

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def load_and_build(data: bytes) -> None:
    """The public API on `data`: success or InputError, nothing else, and no hang."""
    with within(HANG):
        try:
            build(loads("fuzz.toml", data))
        except InputError as exc:
            text = str(exc)  # the message renders, with its position
            assert text.startswith(("fuzz.toml:", "error:"))


def run_cli(path: Path, timeout: str = "2") -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["verify", "--timeout", timeout, str(path)])
    return status, out.getvalue() + err.getvalue()


# --- expressions ------------------------------------------------------------------------

TOKENS = [
    "x[k, l]",
    "x[i, j]",
    "m[l]",
    "u[k, l]",
    "c",
    "N",
    "L",
    "k",
    "l",
    "i",
    "j",
    "1",
    "2",
    "0",
    "-1",
    "1/2",
    "3.5",
    "1e3",
    "+",
    "-",
    "*",
    "/",
    "**",
    "(",
    ")",
    "[",
    "]",
    ",",
    " ",
    "sum(",
    "diff(",
    "Delta(",
    "sqrt(",
    "exp(",
    "log(",
    "tanh(",
    "relu(",
    "step(",
    ", k)",
    ", l)",
    ", x[i, j])",
    "Delta(j, l)",
    ".",
    "'",
    "lambda",
    ":",
    "__class__",
    "__import__('os')",
    "if",
    "else",
    "for",
    "in",
    "==",
    "@",
    "%",
    "not",
    "9**9",
    "\\",
    "#",
    "\t",
    "\u00e9",
    "1_0",
    "0x1f",
    "True",
]

PIECES = [*TOKENS, '"', "=", "[[", "]]", "{", "}", "\n"]

expression_text = st.one_of(
    st.lists(st.sampled_from(TOKENS), max_size=25).map("".join),
    st.text(max_size=60),
    st.text(alphabet="xmucNLkliDeltasumdif()[],+-*/. 0123456789", max_size=60),
)


ATOMS = [
    "x[k, l]",
    "x[i, j]",
    "x[k, j]",
    "x[1, 2]",
    "m[l]",
    "m[j]",
    "m[1]",
    "u[k, l]",
    "u[i, j]",
    "c",
    "N",
    "L",
    "1",
    "2",
    "0",
    "1/2",
    "3.5",
    "Delta(j, l)",
    "Delta(i, k)",
    "Delta(1, l)",
    "diff(m[l], x[i, j])",
    "diff(u[k, l], x[i, j])",
    "diff(c, c)",
    "diff(m[l], c)",
]


def _combine(parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(parts, st.sampled_from([" + ", " - ", " * ", " / "]), parts).map(
            lambda t: f"({t[0]}{t[1]}{t[2]})"
        ),
        st.tuples(parts, st.sampled_from(["2", "-1", "1/2", "-3/2", "3"])).map(
            lambda t: f"({t[0]})**({t[1]})"
        ),
        st.tuples(st.sampled_from(["sqrt", "exp", "log", "tanh", "relu", "step"]), parts).map(
            lambda t: f"{t[0]}({t[1]})"
        ),
        st.tuples(parts, st.sampled_from(["k", "l", "i", "j", "k, l"])).map(
            lambda t: f"sum({t[0]}, {t[1]})"
        ),
        st.tuples(parts, st.sampled_from(["x[i, j]", "x[k, l]", "m[j]", "u[i, j]", "c"])).map(
            lambda t: f"diff({t[0]}, {t[1]})"
        ),
    )


#: Expressions in the language's grammar (mostly well-formed; indices may not match).
grammar_text = st.recursive(st.sampled_from(ATOMS), _combine, max_leaves=8)


def with_rhs(expr: str) -> bytes:
    escaped = expr.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(
        ch if ch.isprintable() or ch == "\t" else f"\\u{ord(ch):04x}" for ch in escaped
    )
    return BASE.replace(RHS, f'rhs = "{escaped}"', 1).encode("utf-8", "surrogatepass")


@FUZZ
@given(expression_text)
def test_random_expressions_only_raise_symbn_errors(expr):
    try:
        data = with_rhs(expr)
    except UnicodeEncodeError:
        return  # lone surrogates cannot be written to a file
    load_and_build(data)


@settings(FUZZ, max_examples=300)
@given(grammar_text)
def test_grammatical_expressions_only_raise_symbn_errors(expr):
    load_and_build(with_rhs(expr))


@settings(FUZZ, max_examples=120)
@given(grammar_text, grammar_text)
def test_command_on_grammatical_claims_exits_0_1_or_2(tmp_path_factory, lhs, rhs):
    text = with_rhs(rhs).decode("utf-8").replace('lhs = "diff(m[l], x[i, j])"', f'lhs = "{lhs}"', 1)
    path = tmp_path_factory.mktemp("fuzz") / "claim.toml"
    path.write_text(text, encoding="utf-8")
    status, output = run_cli(path)
    assert status in (0, 1, 2), output
    assert "Traceback" not in output
    assert "internal error" not in output


def _claim_file(lhs: str, rhs: str | None) -> bytes:
    head = BASE.split("[[claim]]", maxsplit=1)[0]
    text = f'{head}[[claim]]\nname = "fuzzed"\nlhs = "{lhs}"\n'
    return (text + (f'rhs = "{rhs}"\n' if rhs is not None else "")).encode()


@settings(FUZZ, max_examples=200)
@given(grammar_text)
def test_a_claim_equal_to_itself_is_never_refuted(expr):
    """`e = e` (and `e` with its closed form derived) is proved, derived or unknown: never
    refuted, never an internal error."""
    for rhs in (expr, None):
        try:
            model = build(loads("self.toml", _claim_file(expr, rhs)))
        except InputError:
            return
        result = Verifier(model, Options(timeout=5.0)).claim(model.claims[0])
        assert result.status in ("proved", "derived", "unknown"), (expr, result)


#: Claims fuzzing once turned into internal errors (exit 3), with the verdicts they get now.
FOUND = [
    ("diff(m[l], c)", "sqrt(diff(m[l], c))", "unknown"),  # sqrt(0): defined nowhere sampled
    ("x[1, 2]**(1/2)", "x[1, 2]**(1/2)", "proved"),  # defined at half the points only
    ("diff(diff(u[k, l], x[i, j]), x[i, j])", "0", "proved"),  # SymPy merges the diffs
    ("diff(diff(m[l], c), x[k, l])", "0", "proved"),  # ... also of two variables
    ("diff(diff(diff(u[k, l], x[i, j]), x[i, j]), x[k, l])", "0", "proved"),  # precision
    ("diff(exp(1), u[i, j])", "0", "proved"),  # exp(1) is SymPy's E
    (
        "diff(m[l], x[i, j]) * exp(1)",
        "diff(m[l], x[i, j]) * exp(diff(m[l], x[i, j]))",
        "refuted",
    ),  # E**x has no least power
    ("sqrt(step(sum(u[k, l], k)))", "sum(u[k, l], k)", "unknown"),  # step at its kink
    ("exp(sum(diff(u[k, l], x[i, j]), i)**(-3/2))", "x[k, j]**(-1)", "unknown"),  # 0**(-3/2)
    (
        "relu(diff(0, x[k, l]) / diff(m[l], x[i, j]))",
        "relu(diff(0, x[k, l]) / diff(0, c))",
        "unknown",
    ),  # 0/0
    ("diff(c, x[i, j])**(-1)", None, "unknown"),  # 1/0 once diff() is done
    ("exp(sum(x[i, j]**2, k)**(1/2))", None, "derived"),  # sqrt(N x**2) = sqrt(N) |x|
    ("sqrt(sum(diff(u[k, l], x[i, j]), i) / diff(x[1, 2], x[i, j]))", None, "unknown"),
    ("sqrt(x[k, j]**(-3/2)) - (m[j] + m[l]) / sqrt(x[k, j]**(-3/2))", None, "derived"),
]


@pytest.mark.parametrize(("lhs", "rhs", "status"), FOUND, ids=[f[0] for f in FOUND])
def test_claims_fuzzing_found(lhs, rhs, status):
    model = build(loads("found.toml", _claim_file(lhs, rhs)))
    assert Verifier(model).claim(model.claims[0]).status == status


# --- whole files --------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_only_raise_symbn_errors(data):
    load_and_build(data)


@FUZZ
@given(st.text(max_size=400))
def test_random_text_only_raises_symbn_errors(text):
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return
    load_and_build(data)


def _mutate(text: str, data: st.DataObject) -> str:
    """One to three random edits: delete, duplicate, swap or insert at a random place."""
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        n = data.draw(st.integers(0, len(lines) - 1), label="line")
        line = lines[n]
        kind = data.draw(
            st.sampled_from(
                [
                    "delete-line",
                    "duplicate-line",
                    "swap-lines",
                    "delete-char",
                    "insert",
                    "replace",
                    "truncate",
                ]
            ),
            label="kind",
        )
        at = data.draw(st.integers(0, len(line)), label="at")
        if kind == "delete-line":
            del lines[n]
        elif kind == "duplicate-line":
            lines.insert(n, line)
        elif kind == "swap-lines":
            m = data.draw(st.integers(0, len(lines) - 1), label="other")
            lines[n], lines[m] = lines[m], lines[n]
        elif kind == "delete-char":
            lines[n] = line[:at] + line[at + 1 :]
        elif kind == "truncate":
            lines[n] = line[:at]
        else:
            piece = data.draw(
                st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), label="piece"
            )
            end = at + (1 if kind == "replace" else 0)
            lines[n] = line[:at] + piece + line[end:]
        if not lines:
            lines = [""]
    return "\n".join(lines)


@FUZZ
@given(st.sampled_from(sorted(REAL_TEXT)), st.data())
def test_mutated_real_files_only_raise_symbn_errors(name, data):
    text = _mutate(REAL_TEXT[name], data)
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        return
    load_and_build(raw)


# --- the command, end to end --------------------------------------------------------------


def check_command(text: str, path) -> None:
    """`symbn verify` on `text` written to `path` exits 0, 1 or 2, with no traceback and no
    internal error (text that UTF-8 cannot encode is skipped)."""
    try:
        path.write_bytes(text.encode("utf-8"))
    except UnicodeEncodeError:
        return
    status, output = run_cli(path)
    assert status in (0, 1, 2), output
    assert "Traceback" not in output
    assert "internal error" not in output


@settings(FUZZ, max_examples=200)
@given(st.data())
def test_command_on_mutated_files_exits_0_1_or_2(tmp_path_factory, data):
    check_command(_mutate(BASE, data), tmp_path_factory.mktemp("fuzz") / "mutant.toml")


@settings(FUZZ, max_examples=25)
@given(st.sampled_from(sorted(REAL_TEXT)), st.data())
def test_command_on_mutated_real_files_exits_0_1_or_2(tmp_path_factory, name, data):
    check_command(_mutate(REAL_TEXT[name], data), tmp_path_factory.mktemp("fuzz") / name)


@pytest.mark.parametrize("name", sorted(REAL_TEXT))
def test_real_files_load(name):
    """The mutations start from files that load."""
    build(loads(name, REAL_TEXT[name].encode("utf-8")))
