"""symbn.language.latex.transpose_t: `^t` as the transpose, where the context says
`[notation] transpose = "t"` or the inference finds every t a lone superscript, one of
them on a bracket."""

from __future__ import annotations

import pytest
from documents import slipped

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.transpose_t import written
from symbn.verify.document import check

DOC = r"""+++
[sizes]
N = "rows"
D = "columns"

[indices]
i = "N"
j = "N"
a = "D"
b = "D"

[inputs]
A = { shape = ["N", "D"] }
B = { shape = ["D", "D"] }

[defines]
Y = { shape = ["N", "D"] }

[notation]
transpose = "t"
+++

$$ Y = A B $$

$$ Y^t = B^t A^t $$

$$ (A B^t)^t = B A^t $$
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"(e_i^t Q K^t)^t", True),
        (r"\mathrm{tr}(A^{t} B) + [A B]^t", True),
        (r"K^t Q", False),  # no bracket: t may be a step
        (r"(W h^{t-1})^t", False),
        (r"(A)^t x_t", False),
        (r"\sum_t (A B)^t", False),
    ],
)
def test_t_is_read_as_the_transpose_only_where_nothing_makes_it_a_letter(text, expected):
    assert written([tokenize(text)]) is expected


def test_a_transpose_written_t_is_checked():
    findings = check(DOC, "doc.md").findings
    assert [f.status for f in findings] == ["defined", "proved", "proved"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"Y^t = B^t A^t", r"Y^t = B A^t"),
        (r"(A B^t)^t = B A^t", r"(A B^t)^t = B^t A^t"),
    ],
)
def test_a_slip_in_a_transpose_written_t_is_not_proved(old, new):
    got = slipped(DOC, old, new)
    assert got
    assert "proved" not in got


def test_the_inference_says_t_is_the_transpose():
    doc = "$$ Y = (A B)^t $$\n\n$$ Y = B^t A^t $$\n"
    assert 'transpose = "t"' in toml_of(doc, "doc.md")
    assert 'transpose = "t"' not in toml_of("$$ h^t = W h^{t-1} $$\n", "doc.md")
