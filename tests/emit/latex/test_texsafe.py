"""The whitelist for LaTeX that comes from a derivation file, and the escaping of its prose
(`symbn.emit.latex.texsafe`)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from symbn.emit.latex.texsafe import (
    MATH_COMMANDS,
    NAME_COMMANDS,
    UnsafeTexError,
    check_tex,
    escape_text,
)

# Commands that read or write files, run programs or redefine TeX: none may pass.
DANGEROUS = [
    "input",
    "include",
    "write",
    "openin",
    "read",
    "catcode",
    "def",
    "immediate",
    "openout",
    "newcommand",
    "renewcommand",
    "csname",
    "usepackage",
    "special",
    "directlua",
    "edef",
    "gdef",
    "let",
    "expandafter",
    "documentclass",
    "begin",
    "end",
    "newwrite",
    "closeout",
    "jobname",
    "shipout",
    "lowercase",
    "uppercase",
    "scantokens",
    "luaexec",
    "href",
    "url",
    "includegraphics",
    "verbatiminput",
]


@pytest.mark.parametrize(
    "good",
    [
        r"\hat{h}",
        r"\sigma^2",
        r"\bar{y}",
        r"\mathcal{L}",
        r"\mathrm{d}W",
        "x'",
        r"\gamma_0",
        r"\frac{\partial L}{2}",
    ],
)
def test_names_on_the_whitelist_pass_unchanged(good):
    assert check_tex(good, name=True) == good


@pytest.mark.parametrize("command", DANGEROUS)
def test_no_dangerous_command_passes_in_names_or_math(command):
    for text in (rf"\{command}{{x}}", rf"a \{command} b"):
        for name in (True, False):
            with pytest.raises(UnsafeTexError) as info:
                check_tex(text, name=name)
            assert f"\\{command}" in info.value.message
            assert text[info.value.offset :].startswith(f"\\{command}")
    assert command not in NAME_COMMANDS | MATH_COMMANDS


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("a^^5cinput", 1),
        ("x % comment", 2),
        ("a & b", 2),
        ("{", 1),
        ("}", 0),
        ("μ", 0),
        ("a \\\\ b", 2),
        ("#1", 0),
        (r"\@", 0),
        ("$x$", 0),
    ],
)
def test_escapes_comments_tabs_and_unbalanced_braces_are_refused(text, offset):
    with pytest.raises(UnsafeTexError) as info:
        check_tex(text)
    assert info.value.offset == offset


def test_math_of_descriptions_may_use_more_than_names():
    text = r"\frac{1}{N} \sum_p \left( h_{pl} - \mu_l \right)^2, \; N \times L"
    assert check_tex(text) == text
    with pytest.raises(UnsafeTexError):
        check_tex(r"\sum_p x", name=True)


@given(st.text(max_size=60))
def test_escaped_text_starts_no_command(text):
    try:
        out = escape_text(text)
    except UnsafeTexError:
        return  # a character with no spelling: refused, never passed on
    commands = set(re.findall(r"\\([A-Za-z]+)", out))
    assert commands <= {
        "textbackslash",
        "textasciitilde",
        "textless",
        "textgreater",
        "textbar",
        "ensuremath",
        "ldots",
        "times",
        "cdot",
        "partial",
        "sum",
        "surd",
        "le",
        "ge",
        "ne",
        "c",
        "v",
        *MATH_COMMANDS,
    }  # \c, \v: accents
    assert "^^" not in out
    assert "%" not in out.replace(r"\%", "")


def test_escape_text_spells_out_what_pdflatex_cannot_take():
    out = escape_text(r"50% of \input{x} & #1 ~ ^^ é — μ")
    assert r"\input" not in out.replace(r"\textbackslash{}input", "")
    for spelled in (r"\%", r"\&", r"\#", r"\'{e}", "---", r"\ensuremath{\mu}"):
        assert spelled in out
    with pytest.raises(UnsafeTexError):
        escape_text("漢")
