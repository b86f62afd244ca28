"""The LaTeX tokenizer: kinds, texts and offsets of tokens, and what it refuses."""

from __future__ import annotations

import pytest

from symbn.language.latex.texlex import tokenize
from symbn.source.positions import TexError


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokenize(text)]


def test_letters_numbers_commands_and_scripts():
    assert kinds(r"h_{kl}^2 + 0.5\mu") == [
        ("letter", "h"),
        ("sub", "_"),
        ("open", "{"),
        ("letter", "k"),
        ("letter", "l"),
        ("close", "}"),
        ("sup", "^"),
        ("number", "2"),
        ("symbol", "+"),
        ("number", "0.5"),
        ("command", "\\mu"),
    ]


def test_offsets_are_those_of_the_text():
    toks = tokenize(r"a  \frac{1}{N}")
    assert [(t.start, t.end) for t in toks] == [
        (0, 1),
        (3, 8),
        (8, 9),
        (9, 10),
        (10, 11),
        (11, 12),
        (12, 13),
        (13, 14),
    ]
    assert toks[1].span.start == 3


def test_relations_of_cases_are_one_token():
    assert [t.text for t in tokenize("k == i, l != j, i <> j, a <= b")] == [
        "k",
        "==",
        "i",
        ",",
        "l",
        "!=",
        "j",
        ",",
        "i",
        "<>",
        "j",
        ",",
        "a",
        "<=",
        "b",
    ]


def test_a_colon_equals_is_a_definition_sign_as_coloneqq_is():
    for written in ("z := 2 x", r"z \coloneqq 2 x"):
        sign = tokenize(written)[1]
        assert (sign.kind, sign.text, sign.arg) == ("symbol", "=", ":=")
    assert tokenize("b =: a")[1].arg == "=:"


DEFINED = r"""Let $x \in \mathbb{R}^{N}$ and $L = \sum_i x_i^2$.

$$z_i := 2 x_i$$

$$\frac{\partial L}{\partial x_i} = z_i$$

$$x_i := x_i - \eta z_i$$
"""


def test_a_name_defined_with_colon_equals_is_defined_and_used():
    from symbn.verify.document import check  # noqa: PLC0415 - the whole reader, on use

    got = [(f.where.line, str(f.status)) for f in check(DEFINED, "doc.md").findings]
    assert (3, "defined") in got
    assert (5, "proved") in got
    assert (7, "unchecked") in got  # an update of x from itself states nothing
    slip = check(DEFINED.replace("= z_i$$", "= 2 z_i$$"), "doc.md").findings
    assert [str(f.status) for f in slip if f.where.line == 5] == ["refuted"]


def test_spacing_style_and_comments_are_dropped():
    text = "a\\,b\\;c\\ d\\quad e~f\\!g\\displaystyle h\\limits % comment\ni\\hspace{1em}j"
    assert [t.text for t in tokenize(text)] == list("abcdefghij")


def test_text_keeps_its_words_and_its_whole_span():
    (t,) = tokenize(r"\text{ size } ")
    assert (t.kind, t.arg, t.start, t.end) == ("text", " size ", 0, 13)
    (m,) = tokenize(r"\mbox{a {b} c}")
    assert m.arg == "a {b} c"


def test_environments_are_named():
    toks = tokenize(r"\begin{cases}1\end{ cases }")
    assert [(t.kind, t.text, t.arg) for t in toks] == [
        ("begin", "\\begin{cases}", "cases"),
        ("number", "1", ""),
        ("end", "\\end{ cases }", "cases"),
    ]


def test_row_breaks_with_and_without_space():
    assert kinds(r"a \\[4pt] b \\ [x] \cr") == [
        ("letter", "a"),
        ("newline", "\\\\"),
        ("letter", "b"),
        ("newline", "\\\\"),
        ("symbol", "["),
        ("letter", "x"),
        ("symbol", "]"),
        ("newline", "\\\\"),
    ]


def test_control_symbols():
    assert kinds(r"\{a\}\|") == [
        ("command", "\\{"),
        ("letter", "a"),
        ("command", "\\}"),
        ("command", "\\|"),
    ]


def test_a_number_stops_before_a_full_stop():
    assert kinds("1. 2.5") == [("number", "1"), ("symbol", "."), ("number", "2.5")]


@pytest.mark.parametrize(
    ("text", "message", "at"),
    [
        ("a \\", "lone backslash", 2),
        ("\\text x", "needs a braced argument", 0),
        ("\\text{abc", "never closed", 5),
        ("\\begin{}", "needs an environment name", 0),
    ],
)
def test_what_is_not_latex_is_refused_at_its_place(text, message, at):
    with pytest.raises(TexError) as exc:
        tokenize(text)
    assert message in exc.value.message
    assert exc.value.span.start == at


def test_a_display_too_long_is_refused():
    with pytest.raises(TexError, match="characters long"):
        tokenize("a" * 20_001)


def test_braces_around_a_lone_e_before_its_power_are_dropped():
    texts = [t.text for t in tokenize(r"-1{e}^{-z}")]
    assert texts == ["-", "1", "e", "^", "{", "-", "z", "}"]
    kept = [t.text for t in tokenize(r"\hat{e}^2 + x_{e}^2 + {e}_1")]  # arguments, no power
    assert kept.count("{") == 3


@pytest.mark.parametrize("text", [r"p = \boxed{0.090}\boxed{0.245}", "2 3", r"x = 0.5\,0.25"])
def test_two_numbers_side_by_side_are_no_product(text):
    with pytest.raises(TexError, match="two numbers side by side"):
        tokenize(text)


@pytest.mark.parametrize("text", ["x_1 2", "10^{2} 3", r"0.5(0.625) + 2 \cdot 3"])
def test_a_number_after_a_script_or_a_bracket_is_still_a_factor(text):
    assert tokenize(text)


@pytest.mark.parametrize("text", [r"[0.5 \;\; 0.6]", r"(0.5 \quad 0.6 \quad 0.7)", r"[1 \, 2]"])
def test_numbers_side_by_side_in_brackets_are_a_list(text):
    tokens = tokenize(text)
    numbers = [t.text for t in tokens if t.kind == "number"]
    assert [t.text for t in tokens[1:-1]] == [x for n in numbers for x in (",", n)][1:]


def test_numbers_side_by_side_after_a_sign_or_a_name_stay_unread():
    for text in (r"[a \; 0.5 \; 0.6]", r"[-0.5 \; 0.6]"):
        with pytest.raises(TexError, match="two numbers side by side"):
            tokenize(text)


def test_newline_and_cr_end_a_row_as_a_double_backslash_does():
    got = kinds(r"y = a \newline z = b \cr w = c \\ v = d")
    assert [t for k, t in got if k == "newline"] == ["\\\\", "\\\\", "\\\\"]
