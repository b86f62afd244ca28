"""symbn.language.latex.rowwords and how the rows of a display join: rows of a `$$` display
that begin with `=` go on with the chain above, an empty row or a `\\tag` does not break
it; words that introduce a row (`\\text{so }`, `\\text{By (2)} \\Rightarrow`) are dropped,
a hypothesis before an arrow (`\\text{if } a = 1 \\Rightarrow`) keeps what follows it from
being a claim of its own, two equations on either side of `&\\Rightarrow` are each checked,
and a reason after an equation (`\\quad (\\text{by the chain rule})`, `\\text{(using (4))}`)
is a remark. Each correct line is proved, a mutant of it refuted or unchecked, and the rows
above a mutant keep their verdicts."""

from __future__ import annotations

import pytest
from mutated import display_verdicts, verdicts

from symbn.verify.document import check

CONTEXT = r"""+++
[sizes]
n = "inputs"
[indices]
i = "n"
j = "n"
[inputs]
a = { shape = [] }
b = { shape = [] }
v = { shape = ["n"] }
[defines]
g = { shape = [] }
+++
# Rows

"""


def doc(display: str) -> str:
    return CONTEXT + "$$\n" + display.strip("\n") + "\n$$\n"


def by_row(display: str) -> list[list[str]]:
    """The verdicts of each row of the display, in order."""
    got = verdicts(doc(display))
    first = CONTEXT.count("\n") + 2
    return [got.get(n, []) for n in range(first, first + display.strip("\n").count("\n") + 1)]


def assert_mutant(display: str, anchor: str, old: str, new: str) -> None:
    """The row holding `anchor` with `old` changed to `new` is not proved, and the rows
    above it keep their verdicts."""
    text = doc(display)
    before = display_verdicts(text, anchor, old, old)
    after = display_verdicts(text, anchor, old, new)
    assert "proved" in before[-1:] or "defined" in before[-1:]
    assert after[-1] in ("refuted", "unchecked")
    assert after[:-1] == before[: len(after) - 1]


PLAIN = r"""
g = (a+b)^2 \\
= a^2 + 2ab + b^2 \\
= a(a + 2b) + b^2
"""

ONE_LINE = r"g = (a+b)^2 \\ = a^2 + 2ab + b^2 \\ = a(a + 2b) + b^2"

BLANK_AND_TAG = r"""
\begin{aligned}
g &= (a+b)^2 \tag{1} \\
= a^2 + 2ab + b^2 \\
\\
&= a(a + 2b) + b^2
\end{aligned}
"""


@pytest.mark.parametrize("display", [PLAIN, ONE_LINE, BLANK_AND_TAG])
def test_rows_that_begin_with_equals_go_on_with_the_chain(display):
    found = [s for row in by_row(display) for s in row]
    assert found == ["defined", "proved", "proved"]
    assert_mutant(display, "a(a + 2b)", "2b", "3b")


LABELLED = r"""
\begin{aligned}
LABEL g &= (a+b)^2 \\
&= a^2 + 2ab + b^2
\end{aligned}
"""


@pytest.mark.parametrize(
    "label",
    [
        r"\text{so }",
        r"\text{hence }",
        r"\text{thus }",
        r"\text{By (1), (2)} \Rightarrow",
        r"\text{Base on (5), (6)} =>",
        r"\therefore",
        r"\Rightarrow",
        r"\text{Let }",
        r"\text{Proof }",
        r"\text{Recall }",
    ],
)
def test_words_that_introduce_a_row_are_dropped(label):
    display = LABELLED.replace("LABEL", label)
    assert [s for row in by_row(display) for s in row] == ["defined", "proved"]
    assert_mutant(display, "2ab", "2ab", "2ab + 1")


HYPOTHESIS = r"""
\begin{aligned}
g &= (a+b)^2 \\
HYPOTHESIS \Rightarrow g &= (1+b)^2 \\
&= 1 + 2b + b^2
\end{aligned}
"""


@pytest.mark.parametrize(
    "words",
    [r"\text{if } a = 1", r"\text{assuming } a > 0", r"\text{if the loss is squared}"],
)
def test_what_follows_a_hypothesis_is_no_claim_of_its_own(words):
    rows = by_row(HYPOTHESIS.replace("HYPOTHESIS", words))
    assert rows[1] == ["defined"]
    assert rows[2] == ["unchecked"]
    assert set(rows[3]) == {"unchecked"}


def test_a_hypothesis_that_compares_indices_is_a_side_condition():
    display = r"\text{if } i = j \Rightarrow \frac{\partial v_i}{\partial v_j} = 1"
    assert by_row(display) == [["proved"]]
    assert by_row(display.replace("= 1", "= 0")) == [["refuted"]]


ARROW = r"""
\begin{aligned}
g &= (a+b)^2 \\
g = (a+b)^2 &ARROW g = a^2 + 2ab + b^2
\end{aligned}
"""


@pytest.mark.parametrize("arrow", [r"\Rightarrow", r"\implies", "=>", r"\iff"])
def test_equations_on_either_side_of_an_arrow_are_each_checked(arrow):
    display = ARROW.replace("ARROW", arrow)
    assert by_row(display)[1:3] == [["defined"], ["proved", "proved"]]
    rows = by_row(display.replace("2ab + b^2", "3ab + b^2"))
    assert rows[2] == ["proved", "refuted"]


REMARK = r"""
\begin{aligned}
g &= (a+b)^2 \\
g &= a^2 + 2ab + b^2 REMARK
\end{aligned}
"""


@pytest.mark.parametrize(
    "remark",
    [
        r"\quad (\text{by the chain rule})",
        r"\qquad (\text{by } (3))",
        r"\text{(using (4))}",
        r"\quad \text{(from (2))}",
        r"\tag{3}",
        r"& \text{(5)}",
    ],
)
def test_a_reason_after_an_equation_is_a_remark(remark):
    display = REMARK.replace("REMARK", remark)
    assert by_row(display)[1:3] == [["defined"], ["proved"]]
    assert_mutant(display, "2ab", "2ab", "2ab + 1")


@pytest.mark.parametrize(
    "condition",
    [
        r"\quad (\text{when } a = 1)",
        r"\text{(when a = 1)}",
        r"\quad \text{(if } a = 1)",
        r"&\Rightarrow \text{when } a = 1",
    ],
)
def test_words_that_may_restrict_an_equation_leave_it_unchecked(condition):
    display = REMARK.replace("a^2 + 2ab + b^2 REMARK", "(1+b)^2 " + condition)
    assert set(by_row(display)[2]) == {"unchecked"}


UNREAD = r"""
\begin{aligned}
START &= \frac{\partial}{\partial a} \zeta \\
&= a^2 + 2ab + b^2 \\
&= a(a + 2b) + b^2
\end{aligned}
"""


@pytest.mark.parametrize(
    ("start", "checked"),
    [
        ("g", True),
        (r"\textcolor{red}{g}", True),
        (r"\text{By (1), (2)} \Rightarrow g", True),
        (r"\text{if } a = 1 \Rightarrow g", False),
        (r"\text{for } b > 0 \Rightarrow g", False),
        (r"g \quad \text{for } b > 0", False),
    ],
)
def test_steps_after_an_unread_start_that_only_labels_it_are_checked(start, checked):
    display = UNREAD.replace("START", start)
    rows = by_row(display)
    assert "proved" not in rows[1]
    assert (rows[3] == ["proved"]) is checked
    if checked:
        assert_mutant(display, "a(a + 2b)", "2b", "3b")
    else:
        assert "refuted" not in [s for row in rows for s in row]


SIGNED = r"""
\begin{aligned}
g =& (a+b)^2 \\
=& a^2 + 2ab \\
+& b^2 \\
=& a^2 + b^2 \\
-& 2ab + 4ab
\end{aligned}
"""


def test_a_row_that_begins_with_a_sign_before_the_amp_goes_on_with_the_side_above():
    assert by_row(SIGNED) == [[], ["defined"], ["proved"], [], ["proved"], [], []]
    rows = by_row(SIGNED.replace("+& b^2", "+& 2b^2"))
    assert rows[2] == ["refuted"]
    rows = by_row(SIGNED.replace("-& 2ab + 4ab", "-& 2ab + 3ab"))
    assert rows[:4] == [[], ["defined"], ["proved"], []]
    assert rows[4] == ["refuted"]


def test_a_row_of_words_and_an_arrow_only_introduces_the_rows_below():
    display = r"""
\begin{aligned}
\text{By (1), (2)} &=> \\
g &= (a+b)^2 \\
&= a^2 + 2ab + b^2
\end{aligned}
"""
    found = check(doc(display), "doc.md").findings
    first = CONTEXT.count("\n") + 3
    assert [f.message for f in found if f.where.line == first] == [
        "prose: there is no equation to check"
    ]
    assert by_row(display)[2:4] == [["defined"], ["proved"]]
    assert_mutant(display, "2ab", "2ab", "3ab")


@pytest.mark.parametrize("sign", [r"\triangleq", r"\coloneqq", r"\gets"])
def test_a_definition_sign_after_the_amp_defines_the_name_before_it(sign):
    display = rf"""
\begin{{aligned}}
g & {sign} (a+b)^2 \\
& = a^2 + 2ab + b^2
\end{{aligned}}
"""
    assert by_row(display)[1:3] == [["defined"], ["proved"]]
    assert_mutant(display, "2ab", "2ab", "3ab")
