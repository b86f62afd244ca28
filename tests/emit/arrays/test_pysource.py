"""Python source text within the line width (`symbn.emit.arrays.pysource`).

`escape` must keep any text from closing a docstring or starting a line of code: every
escaped text, put in a docstring, must parse to a function with that docstring and nothing
else (checked for hand-picked hostile text and for text drawn by hypothesis). `doc_lines`
must wrap paragraphs under the limit and keep their words; `indented` must lay long lines out
under the limit as the same Python (compared as ASTs); `signature` must fit `def` lines.
"""

from __future__ import annotations

import ast
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symbn.emit.arrays import pysource
from symbn.emit.arrays.pysource import LINE_CHARS, doc_lines, escape, indented, signature

HOSTILE = [
    '"""',
    'ends with a quote"',
    "ends with a backslash\\",
    "\\N{BULLET} \\n \\x41 \\u0041",
    "\"\"\"); import os  # '''",
    "line\nimport os\r\nraise SystemExit\rx",
    "\x00 \x07 \x1b[31m \x7f",
    "separators \u2028 \u2029 \x85 \x0b \x0c \x1c",
    "\ttab and\u00a0no-break and\u200bzero-width and\ufeffbom",
    "tag \U000e0001 private \ue000",
    "maths σ² ∑ ĥ √(σ² + δ) stays as it is",
]


def function_with_docstring(doc: str) -> ast.FunctionDef:
    """`doc` as the docstring of a function: the one function the module holds."""
    tree = ast.parse(f'def f():\n    """{doc}"""\n    return 1\n')
    assert len(tree.body) == 1
    (fn,) = tree.body
    assert isinstance(fn, ast.FunctionDef)
    assert len(fn.body) == 2
    assert isinstance(fn.body[1], ast.Return)
    return fn


# -- moved from test_npemit.py ----------------------------------------------------------------
def test_escape_leaves_no_raw_quote_or_control_character():
    text = '"""\\\n\r\x00\u2028end'
    out = pysource.escape(text)
    assert '"""' not in out.replace('\\"', "")
    assert all(ch.isprintable() for ch in out)
    assert ast.literal_eval(f'"""{out}"""') == text


# -- escape ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_is_the_docstring_and_nothing_else(text):
    out = escape(text)
    assert all(ch.isprintable() for ch in out)
    assert len(out.splitlines()) <= 1
    fn = function_with_docstring(out)
    assert ast.get_docstring(fn, clean=False) == text


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text())
def test_any_text_escaped_is_the_docstring_and_nothing_else(text):
    out = escape(text)
    assert all(ch.isprintable() for ch in out)
    assert ast.get_docstring(function_with_docstring(out), clean=False) == text


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ('a"b', 'a\\"b'),
        ("a\\b", "a\\\\b"),
        ("\n", "\\x0a"),
        ("\x85", "\\x85"),
        ("\u2028", "\\u2028"),
        ("\u00a0", "\\xa0"),
        ("\U000e0001", "\\U000e0001"),
        ("'single' quotes, spaces, σ²", "'single' quotes, spaces, σ²"),
    ],
)
def test_escape_sequences(text, want):
    assert escape(text) == want


# -- doc_lines ---------------------------------------------------------------------------------
def docstring_of(lines: tuple[str, ...], indent: str) -> str:
    """The docstring that `lines` (written at `indent`) make, as Python reads it: a module's
    at no indent, else a function's, nested in `if True:` blocks down to `indent`."""
    depth = len(indent) // 4
    if not depth:
        return ast.get_docstring(ast.parse("\n".join(lines)), clean=False)
    head = "".join(f"{'    ' * n}if True:\n" for n in range(depth - 1))
    source = f"{head}{'    ' * (depth - 1)}def f():\n" + "\n".join(lines) + f"\n{indent}return 1\n"
    fn = next(x for x in ast.walk(ast.parse(source)) if isinstance(x, ast.FunctionDef))
    return ast.get_docstring(fn, clean=False)


def words(text: str) -> list[str]:
    return text.split()


def test_a_short_docstring_is_one_line():
    assert doc_lines(["Short."], "    ") == ('    """Short."""',)
    assert doc_lines(["x" * 89], "    ") == (f'    """{"x" * 89}"""',)  # 99 characters
    assert doc_lines(["x" * 90], "    ") == (f'    """{"x" * 90}', '    """')


def test_paragraphs_are_separated_by_one_empty_line():
    lines = doc_lines(["First.", "Second,\nkept on its own line.", "Third."], "    ")
    assert lines == (
        '    """First.',
        "",
        "    Second,",
        "    kept on its own line.",
        "",
        "    Third.",
        '    """',
    )


@pytest.mark.parametrize("indent", ["", "    ", "        "])
def test_long_paragraphs_wrap_under_the_limit_and_keep_their_words(indent):
    paragraphs = ["word " * 60, "  = a hanging formula " * 12, "ok"]
    lines = doc_lines(paragraphs, indent)
    assert len(lines) > 8
    assert all(len(x) <= LINE_CHARS for x in lines)
    assert all(x.startswith(indent) or not x for x in lines)
    hanging = [x for x in lines if "formula" in x]
    assert len(hanging) > 1
    assert all(x.startswith(indent + "  ") for x in hanging)  # the paragraph's lead kept
    assert words(docstring_of(lines, indent)) == words(" ".join(paragraphs))


def test_doc_lines_escape_what_they_wrap():
    paragraphs = ['The title """ + __import__("os")', "\\ end\\", "tab\there\x00"]
    doc = docstring_of(doc_lines(paragraphs, "    "), "    ")
    assert doc.replace("\n    ", "\n").removesuffix("\n").split("\n\n") == paragraphs


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.text(max_size=300), min_size=1, max_size=4))
def test_any_paragraphs_make_one_docstring_with_their_words(paragraphs):
    lines = doc_lines(paragraphs, "    ")
    assert words(docstring_of(lines, "    ")) == words(" ".join(paragraphs))


WORD = st.text(
    st.characters(codec="ascii", categories=("L", "N", "P", "S")), min_size=1, max_size=12
)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.lists(WORD, max_size=60).map(" ".join), min_size=1, max_size=3))
def test_words_shorter_than_the_width_never_make_a_long_line(paragraphs):
    assert all(len(x) <= LINE_CHARS for x in doc_lines(paragraphs, "    "))


# -- indented -----------------------------------------------------------------------------------
LONG = [
    "out = " + " + ".join(f"np.sqrt(alpha_{n} * beta_{n})" for n in range(8)),
    'out = np.einsum("pl,pl,pl->l", '
    + ", ".join(f"array_number_{n}" for n in range(8))
    + ", optimize=True)",
    "    grad_h += " + " * ".join(f"(gamma_{n} - delta_{n})" for n in range(8)),
    "grad_h -= " + " - ".join(f'np.einsum("pl->l", value_{n})' for n in range(6)),
    "return " + " - ".join(f'np.einsum("pl->l", value_{n})' for n in range(6)),
    "out = np.transpose(np.broadcast_to("
    + " * ".join(f"c_{n}" for n in range(20))
    + ", (N, L)), (1, 0)).copy()",
    "out = a + b / (c - d) * (" + " - ".join(f"x{n}" for n in range(30)) + ") @ w.T",
    "out = " + " / ".join(f"(s_{n} + d_{n} ** 2)" for n in range(8)),
]
CONDITION = "if " + " or ".join(f"weights_{n}.shape[{n}] != features_{n}" for n in range(5)) + ":"


def parsed(source: str) -> str:
    return ast.dump(ast.parse(textwrap.dedent(source)))


@pytest.mark.parametrize("line", LONG)
def test_long_lines_are_laid_out_as_the_same_python(line):
    lines = indented(line)
    depth = (len(line) - len(line.lstrip(" "))) // 4
    assert len(lines) > 1
    assert all(len(x) <= LINE_CHARS for x in lines)
    assert all(x.startswith("    " * (depth + 1)) for x in lines)
    source = "\n".join(lines)
    compile("def f():\n" + textwrap.indent(textwrap.dedent(source), "    "), "<laid out>", "exec")
    assert parsed(source) == parsed(line)


def test_a_long_condition_is_laid_out_with_its_body():
    lines = [*indented(CONDITION), *indented('    raise ValueError("shape")')]
    assert all(len(x) <= LINE_CHARS for x in lines)
    assert lines[0] == "    if ("
    assert lines[-1] == '        raise ValueError("shape")'
    assert parsed("\n".join(lines)) == parsed(CONDITION + '\n    raise ValueError("shape")')


def test_a_short_line_is_only_indented():
    assert indented("x = 1") == ["    x = 1"]
    assert indented('    raise ValueError("x")') == ['        raise ValueError("x")']
    assert indented("out = " + "a" * (LINE_CHARS - 10)) == ["    out = " + "a" * (LINE_CHARS - 10)]


RAISE = (
    '    raise ValueError(f"weights must have shape (features, hidden) with features = '
    '{features}, got {weights.shape}")'
)


def test_a_long_raise_line_is_laid_out_under_the_limit():
    lines = indented(RAISE)
    assert all(len(x) <= LINE_CHARS for x in lines)
    scope = {"features": 3, "weights": type("W", (), {"shape": (2, 3)})}

    def message(source: str) -> str:
        with pytest.raises(ValueError) as info:  # noqa: PT011 - the message is compared below
            exec(textwrap.dedent(source), dict(scope))  # the test's own fixed text
        return str(info.value)

    assert message("\n".join(lines)) == message(RAISE)


# -- signature ---------------------------------------------------------------------------------
def test_a_short_signature_is_one_line():
    assert signature("forward", ["h", "gamma", "beta", "delta"]) == "h, gamma, beta, delta"
    names = [f"argument_{n}" for n in range(6)]
    flat = ", ".join(names)
    fits = "f" * (LINE_CHARS - len(f"def ({flat}):"))
    assert signature(fits, names) == flat
    assert signature(fits + "x", names) != flat


def test_a_long_signature_is_one_parameter_a_line():
    params = [f"argument_number_{n}" for n in range(9)]
    sig = signature("claim_long", params)
    source = f"def claim_long({sig}):\n    return 1\n"
    lines = source.splitlines()
    assert all(len(x) <= LINE_CHARS for x in lines)
    assert lines[1:10] == [f"    {p}," for p in params]
    fn = ast.parse(source).body[0]
    assert [a.arg for a in fn.args.args] == params
