"""Hostile and broken derivation files: every one is refused with `path:line:col: error: ...`,
the offending line, a caret under the offending text, exit status 2 and no traceback.

Each case is a small valid derivation (tests/bad/base.toml) with one mutation. The expected
position is computed from the mutated text (the line holding `line`, the column of `needle` in
it), never written down as numbers.
"""

from __future__ import annotations

import ast
import builtins
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import sympy
from deadline import HANG, within
from paths import DERIVATION_FILES
from sympy.parsing import sympy_parser

from symbn.cli import main
from symbn.language import parse

BASE_PATH = Path(__file__).resolve().parent / "bad" / "base.toml"
BASE = BASE_PATH.read_text(encoding="utf-8")  # a tiny valid derivation; every case mutates it

RHS = 'rhs = "Delta(j, l) / N"'  # the first claim's rhs, the usual place for a bad expression
END = object()  # needle: the end of the line (where TOML reports an unterminated value)
HEAD = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): error: (?P<msg>.+)$")


@dataclass(frozen=True)
class Case:
    """One bad file: its text, a fragment of the message, and where the caret must stand:
    under the `nth` occurrence of `needle` on the `line_nth` line that contains `line`."""

    id: str
    text: str | bytes
    fragment: str
    line: str | None = None  # None: line 1
    needle: object = ""  # "" with line None: column 1; END: just past the line's end
    nth: int = 0
    line_nth: int = 0


def sub(old: str, new: str) -> str:
    assert BASE.count(old) >= 1, old
    return BASE.replace(old, new, 1)


def rhs(expr: str) -> str:
    return sub(RHS, f'rhs = "{expr}"')


def bad_rhs(id_: str, expr: str, fragment: str, needle: str, nth: int = 0) -> Case:
    """A case whose bad text is the first claim's rhs."""
    return Case(id_, rhs(expr), fragment, f'rhs = "{expr[:40]}', needle, nth)


NEST = parse.MAX_DEPTH + 10
CASES = [
    # --- malformed TOML, encodings, empty files ----------------------------------------
    Case(
        "toml-unterminated-string",
        sub('title = "A tiny derivation"', 'title = "A tiny derivation'),
        "malformed TOML",
        'title = "A tiny',
        END,
    ),
    Case("toml-unclosed-header", sub("[sizes]", "[sizes"), "malformed TOML", "[sizes", END),
    Case(
        "toml-bare-word",
        sub('L = "columns"', "L = columns"),
        "Invalid value",
        "L = columns",
        "columns",
    ),
    Case(
        "toml-key-twice",
        sub('L = "columns"', 'L = "columns"\nN = "again"'),
        "written twice",
        'N = "again"',
        "N",
    ),
    Case(
        "toml-table-twice",
        BASE + '\n[sizes]\nM = "more"\n',
        "written twice",
        "[sizes]",
        "[sizes]",
        line_nth=-1,
    ),
    Case(
        "not-utf8",
        BASE.encode().replace(b"tiny", b"ti\xffny"),
        "not UTF-8 (byte 0xff)",
        "title",
        "\ufffd",
    ),
    Case("utf16", BASE.encode("utf-16"), "not UTF-8"),
    Case("empty-file", "", "the file is empty"),
    Case("blank-file", " \n\t\n\n", "the file is empty"),
    # --- tables and keys ---------------------------------------------------------------
    Case(
        "missing-derivation",
        sub('[derivation]\ntitle = "A tiny derivation"\n', ""),
        "missing required table [derivation]",
    ),
    Case(
        "missing-claims", BASE.split("[[claim]]", maxsplit=1)[0], "missing required table [claim]"
    ),
    Case(
        "missing-indices",
        sub('[indices]\ni = "N"\nk = "N"\nj = "L"\nl = "L"\n', ""),
        "missing required table [indices]",
    ),
    Case(
        "claim-not-array",
        sub('[[claim]]\nname = "dm_dx"', '[claim]\nname = "dm_dx"').split("[[claim]]")[0],
        "must be written as [[claim]]",
        "[claim]",
        "[claim]",
    ),
    Case(
        "unknown-table",
        BASE + "\n[extra]\nfoo = 1\n",
        "unknown table [extra]",
        "[extra]",
        "[extra]",
    ),
    Case(
        "unknown-key-derivation",
        sub('title = "A tiny derivation"', 'title = "A tiny derivation"\nauthor = "me"'),
        "unknown key 'author'",
        "author",
        "author",
    ),
    Case("unknown-key-claim", sub(RHS, RHS + '\nrsh = "0"'), "unknown key 'rsh'", "rsh =", "rsh"),
    Case(
        "unknown-key-input",
        sub('x = { shape = ["N", "L"] }', 'x = { shape = ["N", "L"], sign = true }'),
        "unknown key 'sign' for input 'x'",
        "sign",
        "sign",
    ),
    Case(
        "unknown-key-define",
        sub('name = "m"', 'name = "m"\nbody = "1"'),
        "unknown key 'body'",
        "body",
        "body",
    ),
    Case(
        "missing-lhs",
        sub('lhs = "diff(m[l], x[i, j])"\n', ""),
        "missing the required key 'lhs'",
        "[[claim]]",
        "[[claim]]",
    ),
    Case(
        "title-not-string",
        sub('title = "A tiny derivation"', "title = 3"),
        "'title' must be a string",
        "title = 3",
        "3",
    ),
    Case("size-not-string", sub('N = "rows"', "N = 3"), "takes a description string", "N = 3", "3"),
    Case(
        "steps-not-bool",
        sub(RHS, RHS + '\nsteps = "yes"'),
        "'steps' must be true or false",
        "steps",
        '"yes"',
    ),
    Case(
        "size-min-zero",
        sub('N = "rows"', 'N = { description = "rows", min = 0 }'),
        "'min' of size 'N' must be a whole number from 1 to 10, not 0",
        "N = {",
        "0 }",
    ),
    Case(
        "size-min-negative",
        sub('N = "rows"', 'N = { description = "rows", min = -1 }'),
        "must be a whole number from 1 to 10, not -1",
        "N = {",
        "-1",
    ),
    Case(
        "size-min-string",
        sub('N = "rows"', 'N = { description = "rows", min = "x" }'),
        "must be a whole number from 1 to 10, not 'x'",
        "N = {",
        '"x"',
    ),
    Case(
        "size-min-fraction",
        sub('N = "rows"', 'N = { description = "rows", min = 1.5 }'),
        "must be a whole number from 1 to 10, not 1.5",
        "N = {",
        "1.5",
    ),
    Case(
        "size-min-bool",
        sub('N = "rows"', 'N = { description = "rows", min = true }'),
        "must be a whole number from 1 to 10, not True",
        "N = {",
        "true",
    ),
    Case(
        "size-min-too-large",
        sub('N = "rows"', 'N = { description = "rows", min = 11 }'),
        "must be a whole number from 1 to 10, not 11",
        "N = {",
        "11",
    ),
    Case(
        "size-unknown-key",
        sub('N = "rows"', 'N = { description = "rows", max = 3 }'),
        "unknown key 'max' for size 'N'",
        "N = {",
        "max",
    ),
    Case(
        "size-without-description",
        sub('N = "rows"', "N = { min = 2 }"),
        "size 'N' needs a description string",
        "N = {",
        "N",
    ),
    Case(
        "simplex-not-in-shape",
        sub('x = { shape = ["N", "L"] }', 'x = { shape = ["N", "L"], simplex = "M" }'),
        "'simplex' of input 'x' names the axis whose entries sum to one",
        "x = {",
        '"M"',
    ),
    Case(
        "simplex-of-a-scalar",
        sub(
            "c = { shape = [], positive = true }",
            'c = { shape = [], positive = true, simplex = "N" }',
        ),
        "one of its shape's sizes (it has none)",
        "c = {",
        '"N"',
    ),
    Case(
        "simplex-ambiguous",
        sub('x = { shape = ["N", "L"] }', 'x = { shape = ["L", "L"], simplex = "L" }'),
        "two of its axes have size L",
        "x = {",
        '"L" }',
    ),
    Case(
        "shape-undeclared-size",
        sub('x = { shape = ["N", "L"] }', 'x = { shape = ["N", "M"] }'),
        "uses 'M', which is not a declared size",
        "x = {",
        '"M"',
    ),
    Case(
        "define-index-repeated",
        sub('index = ["k", "l"]', 'index = ["k", "k"]'),
        "repeats the index 'k'",
        'index = ["k", "k"]',
        '"k"',
        1,
    ),
    Case(
        "define-index-undeclared",
        sub('index = ["l"]', 'index = ["q"]'),
        "uses index 'q', which is not declared",
        'index = ["q"]',
        '"q"',
    ),
    Case(
        "layer-names-no-claim",
        BASE + '\n[layer]\noutput = "u"\nupstream = "c"\ngradients = { x = "nope" }\n',
        "'nope', which is not a claim",
        "gradients",
        '"nope"',
    ),
    # --- names ---------------------------------------------------------------------------
    Case(
        "duplicate-input-size",
        sub("c = { shape", "N = { shape"),
        "'N' is declared twice",
        "N = { shape",
        "N",
    ),
    Case(
        "duplicate-define-input",
        sub('name = "u"', 'name = "x"'),
        "'x' is declared twice",
        'name = "x"',
        '"x"',
    ),
    Case(
        "duplicate-claim",
        sub('name = "du_dx"', 'name = "dm_dx"'),
        "claim 'dm_dx' is declared twice",
        'name = "dm_dx"',
        '"dm_dx"',
        line_nth=-1,
    ),
    Case(
        "reserved-sum",
        sub("c = { shape", "sum = { shape"),
        "reserved for the function sum",
        "sum = {",
        "sum",
    ),
    Case(
        "reserved-diff",
        sub('l = "L"', 'l = "L"\ndiff = "L"'),
        "reserved for the function diff",
        'diff = "L"',
        "diff",
    ),
    Case(
        "reserved-Delta",
        sub('name = "u"', 'name = "Delta"'),
        "reserved for the function Delta",
        'name = "Delta"',
        '"Delta"',
    ),
    Case(
        "reserved-sqrt",
        sub('l = "L"', 'l = "L"\nsqrt = "L"'),
        "reserved for the function sqrt",
        'sqrt = "L"',
        "sqrt",
    ),
    Case(
        "reserved-pi",
        sub("c = { shape", "pi = { shape"),
        "reserved for the constant pi",
        "pi = {",
        "pi",
    ),
    Case(
        "reserved-mean",
        sub('name = "m"', 'name = "mean"'),
        "reserved for the function mean",
        'name = "mean"',
        '"mean"',
    ),
    Case(
        "keyword-input",
        sub("c = { shape", "lambda = { shape"),
        "is a Python keyword",
        "lambda =",
        "lambda",
    ),
    Case(
        "keyword-claim",
        sub('name = "du_dx"', 'name = "class"'),
        "is a Python keyword",
        'name = "class"',
        '"class"',
    ),
    Case("keyword-index", sub('k = "N"', 'None = "N"'), "is a Python keyword", "None =", "None"),
    Case(
        "not-identifier-digit",
        sub("c = { shape", '"2c" = { shape'),
        "is not an identifier",
        '"2c"',
        '"2c"',
    ),
    Case(
        "not-identifier-dash",
        sub("c = { shape", "c-d = { shape"),
        "is not an identifier",
        "c-d",
        "c-d",
    ),
    Case(
        "not-identifier-unicode",
        sub("c = { shape", '"\u00e9" = { shape'),
        "is not an identifier",
        '"\u00e9"',
        '"\u00e9"',
    ),
    Case(
        "underscore-name",
        sub("c = { shape", "_c = { shape"),
        "may not start with '_'",
        "_c =",
        "_c",
    ),
    # --- indices -----------------------------------------------------------------------
    Case(
        "undeclared-index",
        sub('expr = "x[k, l] - m[l]"', 'expr = "x[q, l] - m[l]"'),
        "'q' is not a declared index",
        "x[q, l]",
        "q",
    ),
    Case(
        "index-size-not-a-string",
        sub('k = "N"', 'k = ["N"]'),
        "takes the name of a size",
        'k = ["N"]',
        '["N"]',
    ),
    Case(
        "index-undeclared-size",
        sub('k = "N"', 'k = "M"'),
        "ranges over 'M', which is not a declared size",
        'k = "M"',
        '"M"',
    ),
    bad_rhs("too-few-subscripts", "x[j] / N", "'x' has 2 axes but 1 index", "x[j]"),
    Case(
        "too-many-subscripts",
        sub('expr = "x[k, l] - m[l]"', 'expr = "x[k, l, l] - m[l]"'),
        "'x' has 2 axes but 3 indices",
        "x[k, l, l]",
        "x[k, l, l]",
    ),
    bad_rhs("scalar-subscripted", "c[j] * Delta(j, l) / N", "'c' has 0 axes", "c[j]"),
    bad_rhs("tensor-without-indices", "Delta(j, l) / N + x", "write x[_, _]", "x"),
    Case(
        "concrete-index-zero",
        sub('lhs = "diff(m[l], x[i, j])"', 'lhs = "diff(m[0], x[i, j])"'),
        "concrete index 0 is out of range",
        "m[0]",
        "0",
    ),
    Case(
        "concrete-index-negative",
        sub('lhs = "diff(m[l], x[i, j])"', 'lhs = "diff(m[-1], x[i, j])"'),
        "out of range; indices start at 1",
        "m[-1]",
        "-1",
    ),
    bad_rhs(
        "concrete-index-float", "x[1.5, 1]", "a declared index name, a positive integer", "1.5"
    ),
    bad_rhs("concrete-index-huge", "x[10000000, 1]", "is too large", "10000000"),
    Case(
        "index-of-wrong-range",
        sub('expr = "x[k, l] - m[l]"', 'expr = "x[l, k] - m[l]"'),
        "index 'l' ranges over L but axis 1 of 'x' has size N",
        "x[l, k]",
        "l",
    ),
    bad_rhs(
        "size-index-wrong-axis",
        "x[L, j] * Delta(j, l)",
        "the size L stands for the last position along an axis of size L",
        "L",
    ),
    bad_rhs(
        "exponent-not-a-scalar", "c ** x[i, j]", "an exponent is a number or a scalar", "x[i, j]"
    ),
    bad_rhs("max-one-argument", "max(c) * Delta(j, l)", "max() takes 2 arguments, 1 given", "max"),
    bad_rhs(
        "mean-without-index",
        "mean(c) * Delta(j, l)",
        "mean() takes an expression and at least one index",
        "mean",
    ),
    bad_rhs(
        "delta-mixes-ranges",
        "Delta(i, l) / N",
        "mixes an index over N with one over L",
        "Delta(i, l)",
    ),
    Case(
        "sum-mixes-ranges",
        sub('expr = "sum(x[k, l], k) / N"', 'expr = "sum(x[j, l], j) / N"'),
        "index 'j' ranges over L but axis 1 of 'x' has size N",
        "sum(x[j",
        "j",
    ),
    bad_rhs(
        "rhs-index-not-in-lhs",
        "Delta(j, l) * Delta(i, k) / N",
        "rhs: free index k not in the lhs",
        "k",
    ),
    Case(
        "define-index-not-declared-in-list",
        sub('expr = "x[k, l] - m[l]"', 'expr = "x[i, l] - m[l]"'),
        "free index i not in its index list",
        "x[i, l]",
        "i",
    ),
    # --- definitions -----------------------------------------------------------------------
    Case(
        "define-uses-later",
        sub('expr = "sum(x[k, l], k) / N"', 'expr = "sum(u[k, l], k) / N"'),
        "uses 'u', which is defined later",
        "sum(u[",
        "u[",
    ),
    Case(
        "define-uses-itself",
        sub('expr = "sum(x[k, l], k) / N"', 'expr = "sum(x[k, l], k) / N + m[l]"'),
        "definition 'm' uses itself",
        "+ m[l]",
        "m[l]",
    ),
    Case(
        "define-with-diff",
        sub('expr = "sum(x[k, l], k) / N"', 'expr = "sum(diff(x[k, l]**2, x[k, l]), k) / N"'),
        "definition 'm' contains diff()",
        "sum(diff(",
        "diff",
    ),
    # --- diff() ------------------------------------------------------------------------------
    Case(
        "diff-by-size",
        sub('lhs = "diff(m[l], x[i, j])"', 'lhs = "diff(m[l], N)"'),
        "not an input or definition",
        "diff(m[l], N)",
        "N",
    ),
    Case(
        "diff-by-number",
        sub('lhs = "diff(m[l], x[i, j])"', 'lhs = "diff(m[l], 2)"'),
        "with respect to one element",
        "diff(m[l], 2)",
        "2",
    ),
    Case(
        "diff-by-unknown",
        sub('lhs = "diff(m[l], x[i, j])"', 'lhs = "diff(m[l], q[i, j])"'),
        "'q', which is not an input or definition",
        "q[i, j]",
        "q[i, j]",
    ),
    Case(
        "diff-by-expression",
        sub('lhs = "diff(m[l], x[i, j])"', 'lhs = "diff(m[l], x[i, j] + c)"'),
        "with respect to one element",
        "diff(m[l], x",
        "x[i, j] + c",
    ),
    Case(
        "diff-by-definition-around-diff",
        sub('lhs = "diff(m[l], x[i, j])"', 'lhs = "diff(m[l] * diff(m[l], x[i, j]), m[j])"'),
        "diff with respect to the definition element m[j] of an expression that itself "
        "contains diff() is ambiguous",
        "diff(m[l] * diff",
        "diff(m[l] * diff",
    ),
    Case(
        "diff-by-definition-around-diff-inside-sum",
        sub('lhs = "diff(m[l], x[i, j])"', 'lhs = "sum(diff(diff(u[k, l], x[i, j]), m[l]), k)"'),
        "definition element m[l] of an expression that itself contains diff()",
        "sum(diff(diff",
        "diff(diff",
    ),
    # --- syntax outside the language ----------------------------------------------------
    bad_rhs("attribute", "Delta(j, l) / N.real", "attribute access", "N.real"),
    bad_rhs("lambda", "(lambda: 1)() * Delta(j, l) / N", "lambda", "lambda"),
    bad_rhs("list-comprehension", "[c for c in N] + Delta(j, l)", "list comprehension", "[c for"),
    bad_rhs("generator", "exp(c for c in N)", "generator expression", "(c for"),
    bad_rhs(
        "keyword-argument", "sqrt(c, base=2) * Delta(j, l) / N", "no keyword arguments", "base=2"
    ),
    bad_rhs("double-star-argument", "sqrt(**c) * Delta(j, l) / N", "no keyword arguments", "**c"),
    bad_rhs("string-literal", "'abc' * Delta(j, l) / N", "only numbers are allowed", "'abc'"),
    bad_rhs("f-string", "f'{c}'", "f-string", "f'"),
    bad_rhs(
        "import",
        "__import__('os').system('touch /tmp/symbn-pwned')",
        "unsupported call",
        "__import__",
    ),
    bad_rhs("dunder-class", "().__class__", "attribute access", "()"),
    bad_rhs("subclasses", "().__class__.__bases__[0].__subclasses__()", "unsupported call", "()"),
    bad_rhs("dunder-name", "__builtins__", "unknown name '__builtins__'", "__builtins__"),
    bad_rhs("eval-call", "eval('1')", "unknown function 'eval'", "eval"),
    bad_rhs("open-call", "open('/etc/passwd')", "unknown function 'open'", "open"),
    bad_rhs("getattr-call", "getattr(c, 'real')", "unknown function 'getattr'", "getattr"),
    bad_rhs("comparison", "Delta(j, l) / N < 1", "comparison", "Delta"),
    bad_rhs("walrus", "(y := 1) * Delta(j, l)", "assignment expression", "y :="),
    bad_rhs("conditional", "c if c else N", "conditional expression", "c if"),
    bad_rhs("floor-division", "Delta(j, l) // N", "unsupported operator //", "Delta"),
    bad_rhs("matmul", "c @ c", "unsupported operator @", "c @"),
    bad_rhs("not", "not c", "unsupported operator not", "not"),
    bad_rhs("bool-literal", "True * Delta(j, l)", "unsupported literal True", "True"),
    bad_rhs("complex-literal", "1j * Delta(j, l)", "unsupported literal 1j", "1j"),
    bad_rhs("unknown-function", "foo(c) * Delta(j, l)", "unknown function 'foo'", "foo"),
    bad_rhs("unknown-name", "Delta(j, l) / M", "unknown name 'M'", "M"),
    bad_rhs("bare-index", "Delta(j, l) / N + k", "index 'k' may only be used", "k"),
    bad_rhs("syntax-unmatched", "Delta(j, l)) / N", "unmatched ')'", ")", 1),
    bad_rhs("syntax-missing-operand", "Delta(j, l) / ", "syntax error", '"', 1),
    bad_rhs("empty-expression", "", "empty expression", '"', 1),
    bad_rhs("nul-character", "Delta(j, l)\\u0000 / N", "NUL character", "\\u0000"),
    Case(
        "multi-line-error-on-line-two",
        sub(RHS, 'rhs = """\n(Delta(j, l) / N\n + c.real)\n"""'),
        "attribute access",
        " + c.real",
        "c.real",
    ),
    Case(
        "crlf-line-endings",
        rhs("Delta(j, l) / N.real").replace("\n", "\r\n"),
        "attribute access",
        'rhs = "Delta(j, l) / N.real',
        "N.real",
    ),
    bad_rhs("tab-before-error", "Delta(j, l)\t/ N.real", "attribute access", "N.real"),
    bad_rhs(
        "non-ascii-before-error",
        "Delta(j, l) / N + \u00e9\u00e9.real",
        "is not ASCII",
        "\u00e9\u00e9.real",
    ),
    # --- sizes and bounds -----------------------------------------------------------------
    bad_rhs("expression-100k-characters", "c + " * 25_000 + "c", "characters long", "c"),
    bad_rhs("parentheses-10k-deep", "(" * 10_000 + "c" + ")" * 10_000, "characters long", "("),
    bad_rhs("minus-10k-deep", "-" * 10_000 + "c", "characters long", "-"),
    bad_rhs(
        "parentheses-1k-deep",
        "(" * 1000 + "c" + ")" * 1000,
        "too many nested parentheses",
        "(",
        200,
    ),
    bad_rhs("minus-3k-deep", "-" * 3000 + "c", "nested too deeply", "-"),
    bad_rhs(
        "calls-nested-past-the-limit",
        "sqrt(" * NEST + "c" + ")" * NEST,
        f"nested more than {parse.MAX_DEPTH} deep",
        "sqrt(",
        parse.MAX_DEPTH + 1,
    ),
    bad_rhs(
        "terms-chained-past-the-limit",
        " + ".join(["c"] * NEST),
        f"nested more than {parse.MAX_DEPTH} deep",
        "c",
    ),
    bad_rhs("power-tower", "9**9**9**9", "is out of range", "9**9", -1),
    bad_rhs(
        "huge-exponent",
        "c**(-1000000) * Delta(j, l)",
        "exponent -1000000 is out of range",
        "-1000000",
    ),
    bad_rhs("exponent-with-huge-denominator", "c**(1/1000001)", "is out of range", "1/1000001"),
    bad_rhs("huge-number-from-powers", "(((9**64)**64)**64)**64", "too large a number", "(9**64)"),
    bad_rhs(
        "huge-product-of-literals",
        "*".join(["99999999999999999999"] * 10),
        "more than 100 digits",
        "9",
    ),
    bad_rhs("long-literal", "1" + "0" * 40, "numeric literal has 41 digits", "1"),
    bad_rhs("literal-with-huge-exponent", "1e999999 * Delta(j, l)", "out of range", "1e999999"),
    bad_rhs("literal-with-tiny-exponent", "1e-999999 * Delta(j, l)", "out of range", "1e-999999"),
    bad_rhs(
        "sum-over-50-indices",
        "sum(x[k, l], " + ", ".join(["k"] * 50) + ")",
        f"the limit is {parse.MAX_SUM_INDICES}",
        "sum(",
    ),
    bad_rhs("sum-binds-twice", "sum(x[k, l], k, k)", "binds 'k' twice", "k", 2),
    bad_rhs("log-of-negative", "log(-1) * Delta(j, l)", "not a finite real number", "log"),
    bad_rhs("sqrt-of-negative", "sqrt(-4) * Delta(j, l)", "not a finite real number", "sqrt"),
    bad_rhs("log-of-zero", "log(c - c) * Delta(j, l)", "not a finite real number", "log"),
    bad_rhs("root-of-negative-number", "(-8)**(1/3)", "is not a real number", "(-8)"),
    bad_rhs("division-by-zero", "Delta(j, l) / 0", "division by zero", "Delta"),
    bad_rhs("division-by-vanishing", "Delta(j, l) / (N - N)", "division by zero", "Delta"),
    bad_rhs("zero-to-negative-power", "(c - c)**(-1)", "division by zero", "("),
]


def expected_position(case: Case) -> tuple[int, int]:
    """(line, col) computed from the case's text."""
    data = case.text
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    lines = text.replace("\r\n", "\n").split("\n")
    if case.line is None:
        return 1, 1
    candidates = [n for n, ln in enumerate(lines) if case.line in ln]
    assert candidates, f"{case.id}: no line holds {case.line!r}"
    number = candidates[case.line_nth]
    source = lines[number]
    if case.needle is END:
        return number + 1, len(source) + 1
    assert isinstance(case.needle, str)
    starts = [n for n in range(len(source)) if source.startswith(case.needle, n)]
    assert starts, f"{case.id}: {case.needle!r} not on line {number + 1}"
    return number + 1, starts[case.nth] + 1


def write(tmp_path: Path, case: Case) -> Path:
    path = tmp_path / "bad.toml"
    if isinstance(case.text, bytes):
        path.write_bytes(case.text)
    else:
        path.write_bytes(case.text.encode("utf-8"))
    return path


def check_report(case: Case, path: Path, err: str) -> None:
    """`path:line:col: error: msg`, the line of the file, a caret under the offending text."""
    assert "Traceback" not in err
    lines = err.rstrip("\n").split("\n")
    head = HEAD.match(lines[0])
    assert head, f"{case.id}: first line is not path:line:col: error: ...\n{err}"
    assert head["path"] == str(path)
    assert case.fragment in head["msg"], f"{case.id}: {head['msg']!r}"
    line, col = expected_position(case)
    assert (int(head["line"]), int(head["col"])) == (line, col), f"{case.id}\n{err}"
    assert len(lines) >= 3, f"{case.id}: no source line and caret\n{err}"
    shown, caret = lines[1], lines[2]
    assert shown.startswith("    ")
    assert caret.startswith("    ")
    shown, caret = shown[4:], caret[4:]
    at = len(caret) - len(caret.lstrip(" \t"))
    assert caret[at:].strip("^") == "", f"{case.id}: bad caret line {caret!r}"
    assert caret[:at].strip(" \t") == ""
    data = case.text
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    source = text.replace("\r\n", "\n").split("\n")[line - 1] if text.strip() else ""
    # the shown text is the file's line (on long lines, a window of it) and the caret stands
    # at column `col` of it
    start = col - 1 - at
    assert start >= 0, f"{case.id}: caret right of column {col}"
    assert source[start : start + len(shown)] == shown, f"{case.id}: caret not at col {col}"
    if isinstance(case.needle, str) and case.needle:
        assert source[col - 1 :].startswith(case.needle)
        assert shown[at:].startswith(case.needle[: len(shown) - at])


def test_there_are_enough_distinct_cases():
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)
    assert len({c.text for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_file_is_refused_with_its_place(case, tmp_path, capsys):
    path = write(tmp_path, case)
    with within(HANG):
        status = main(["verify", str(path)])
    out, err = capsys.readouterr()
    assert status == 2, f"{case.id}: exit {status}\n{out}{err}"
    assert "Traceback" not in out
    check_report(case, path, err)


SUBPROCESS_CASES = [
    "toml-unterminated-string",
    "not-utf8",
    "import",
    "power-tower",
    "parentheses-10k-deep",
    "rhs-index-not-in-lhs",
    "sum-over-50-indices",
]


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_bad_file_end_to_end(name, tmp_path):
    case = next(c for c in CASES if c.id == name)
    path = write(tmp_path, case)
    done = subprocess.run(
        [sys.executable, "-m", "symbn", "verify", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    check_report(case, path, done.stderr)


def test_unreadable_path_is_bad_input(tmp_path, capsys):
    status = main(["verify", str(tmp_path / "missing.toml")])
    _, err = capsys.readouterr()
    assert status == 2
    assert err.startswith("symbn: error: cannot read")
    assert "Traceback" not in err


def test_good_base_file_verifies(tmp_path, capsys):
    """The cases are one mutation away from a file symbn accepts and proves."""
    path = tmp_path / "good.toml"
    path.write_text(BASE, encoding="utf-8")
    assert main(["verify", str(path)]) == 0
    out, _ = capsys.readouterr()
    assert "2 proved" in out


STILL_VALID_NESTED = [  # (lhs, rhs) of the first claim: near the refused diff() cases, valid
    ("diff(diff(m[l], x[i, j]), x[k, j])", "0"),  # nested diffs with respect to inputs
    ("diff(m[l]**2, m[j])", "2 * m[l] * Delta(j, l)"),  # by a definition, no inner diff
    ("diff(diff(m[l]**2, m[j]), x[i, j])", "2 * Delta(j, l) / N"),  # by one inside by input
]


@pytest.mark.parametrize(
    ("lhs", "want"), STILL_VALID_NESTED, ids=[c[0] for c in STILL_VALID_NESTED]
)
def test_diff_forms_next_to_the_refused_ones_still_verify(lhs, want, tmp_path, capsys):
    """Only diff() with respect to a definition around another diff() is refused."""
    path = tmp_path / "good.toml"
    path.write_text(
        sub(
            'lhs = "diff(m[l], x[i, j])"\nrhs = "Delta(j, l) / N"', f'lhs = "{lhs}"\nrhs = "{want}"'
        ),
        encoding="utf-8",
    )
    status = main(["verify", str(path)])
    out, err = capsys.readouterr()
    assert status == 0, f"{out}{err}"
    assert err == ""
    assert "2 proved" in out


def test_a_bad_file_does_not_stop_the_good_ones(tmp_path, capsys):
    good, bad = tmp_path / "good.toml", tmp_path / "bad.toml"
    good.write_text(BASE, encoding="utf-8")
    bad.write_text(rhs("Delta(j, l) / N.real"), encoding="utf-8")
    status = main(["verify", str(bad), str(good)])
    out, err = capsys.readouterr()
    assert status == 2
    assert "attribute access" in err
    assert "2 proved" in out


# --- nothing the user writes is ever executed ----------------------------------------------

PAYLOADS = [
    "__import__('os').system('touch {marker}')",
    "__import__('pathlib').Path('{marker}').touch()",
    "().__class__.__base__.__subclasses__()",
    "().__class__",
    "exec('open(\\\\'{marker}\\\\', \\\\'w\\\\')')",
    "eval('open(\\\\'{marker}\\\\', \\\\'w\\\\')')",
    "open('{marker}', 'w')",
    "sum(open('{marker}', 'w'), k)",
    "sqrt(__import__('os').system('touch {marker}'))",
    "(lambda: __import__('os').system('touch {marker}'))()",
    "[__import__('os').system('touch {marker}') for k in N]",
    "Delta(j, l) if __import__('os').system('touch {marker}') else 0",
    "x[__import__('os').system('touch {marker}'), l]",
    "diff(m[l], __import__('os').system('touch {marker}'))",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_code_in_an_expression_is_refused_and_not_run(payload, tmp_path, capsys):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.toml"
    path.write_text(rhs(payload.format(marker=marker)), encoding="utf-8")
    status = main(["verify", str(path)])
    _, err = capsys.readouterr()
    assert status == 2
    assert HEAD.match(err.split("\n")[0])
    assert not marker.exists()


def test_code_in_titles_and_latex_is_only_text(tmp_path, capsys):
    marker = tmp_path / "pwned"
    code = f"__import__('os').system('touch {marker}')"
    text = sub('title = "A tiny derivation"', f'title = "{code}"\ndescription = "{code}"').replace(
        "c = { shape = [], positive = true }",
        f'c = {{ shape = [], positive = true, latex = "{code}" }}',
    )
    path = tmp_path / "text.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["verify", str(path)]) == 0
    out, _ = capsys.readouterr()
    assert code in out  # the title is printed as it is
    assert not marker.exists()


def spy_evaluators(monkeypatch) -> list[str]:
    """Every string handed from now on to eval, exec, compile (other than to make a syntax
    tree, which is what ast.parse does) or SymPy's parser (which sympify uses), recorded."""
    seen: list[str] = []

    def spy(real):
        def call(source, *args, **kwargs):
            flags = args[2] if len(args) > 2 else kwargs.get("flags", 0)
            tree_only = real is COMPILE and flags & ast.PyCF_ONLY_AST
            if isinstance(source, str | bytes) and not tree_only:
                seen.append(source if isinstance(source, str) else source.decode("latin-1"))
            return real(source, *args, **kwargs)

        return call

    for name in ("eval", "exec", "compile"):
        monkeypatch.setattr(builtins, name, spy(getattr(builtins, name)))
    monkeypatch.setattr(sympy_parser, "parse_expr", spy(sympy_parser.parse_expr))
    sympy.sympify("zz + 1")  # the spies do see what reaches SymPy's parser
    assert any("zz + 1" in source for source in seen)
    seen.clear()
    return seen


def test_user_text_never_reaches_an_evaluator(monkeypatch, capsys):
    """While symbn loads, builds and verifies the derivations, no string handed to an
    evaluator holds an expression from the files."""
    seen = spy_evaluators(monkeypatch)
    paths = [*DERIVATION_FILES, BASE_PATH]
    status = main(["verify", *map(str, paths)])
    capsys.readouterr()
    assert status == 0
    expressions = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").split("\n"):
            key, _, value = line.partition(" = ")
            if key in ("expr", "lhs", "rhs"):
                expressions.append(value.strip('"'))
    assert len(expressions) > 20
    for source in seen:
        for expr in expressions:
            assert expr not in source, f"{expr!r} reached an evaluator"


BAD_DOCUMENT = r"""+++
sizes = { N = "rows" }
indices = { i = "N" }
inputs = { x = { shape = ["N"] } }
defines = { y = { shape = ["N"] } }
+++

$$ y_i = 2 x_i $$

$$ y_i = x_i + x_i $$

$$ y_i = \operatorname{eval}(x_i) $$

$$ y_i = x_i.__class__ $$

$$ y_i = \text{__import__('os').system('touch MARKER')} + x_i $$

$$ y_i = x_i^{2} \quad \text{open('MARKER', 'w')} $$
"""


def test_a_checked_document_never_reaches_an_evaluator(monkeypatch, capsys, tmp_path):
    """`symbn check` of the seed and of a document full of code: nothing a line says or
    claims is handed to an evaluator, and the code is not run."""
    seed = Path(__file__).resolve().parent.parent / "docs" / "seed" / "000_58bc31ae350973dc.txt"
    context = seed.parent.parent.parent / "derivations" / "seed.context.toml"
    marker = tmp_path / "MARKER"
    bad = tmp_path / "bad.md"
    bad.write_text(BAD_DOCUMENT.replace("MARKER", str(marker)), encoding="utf-8")
    main(["check", str(bad)])  # symbn's own modules are compiled as they load: load them
    capsys.readouterr()
    seen = spy_evaluators(monkeypatch)
    assert main(["check", str(seed), "--context", str(context), "--json"]) == 1
    seed_out, _ = capsys.readouterr()
    assert main(["check", str(bad), "--json"]) == 0
    bad_out, _ = capsys.readouterr()
    assert not marker.exists()
    statuses = [line["status"] for line in json.loads(bad_out)["documents"][0]["lines"]]
    assert statuses == ["defined", "proved", *["unchecked"] * 4]
    said = [
        line["claim"]
        for doc in (seed_out, bad_out)
        for d in json.loads(doc)["documents"]
        for line in d["lines"]
        if line["claim"]
    ]
    assert len(said) > 50
    sources = [
        ln.strip()
        for text in (seed.read_text(encoding="utf-8"), BAD_DOCUMENT)
        for ln in text.split("\n")
        if len(ln.strip()) > 8
    ]
    for source in seen:
        for text in [*said, *sources]:
            assert text not in source, f"{text!r} reached an evaluator"


COMPILE = builtins.compile
FORBIDDEN = {
    "eval",
    "exec",
    "compile",
    "sympify",
    "parse_expr",
    "lambdify",
    "__import__",
    "import_module",
}


def test_no_evaluator_is_called_in_symbn():
    """A static look at symbn/*.py: no call of eval, exec, compile, sympify, parse_expr,
    lambdify or __import__ (re.compile is fine), and no S(...) of a string."""
    found = []
    for path in sorted((Path(__file__).resolve().parent.parent / "symbn").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else (func.attr if isinstance(func, ast.Attribute) else "")
            )
            if isinstance(func, ast.Attribute) and name == "compile":
                continue  # re.compile and friends compile patterns, not code
            stringy = any(
                isinstance(a, ast.JoinedStr)
                or (isinstance(a, ast.Constant) and isinstance(a.value, str))
                for a in node.args
            )
            if name in FORBIDDEN or (name == "S" and stringy):
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:60]}")
    assert found == []
