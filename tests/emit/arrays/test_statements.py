"""The statements of generated function bodies (`arrays.statements`): how each kind prints,
what it reads and writes, renaming an array, folding the last assignment into the return,
and dropping the size bindings nothing reads. Names are found in the syntax of the code, so a
name inside a string, an attribute or a longer name is no use of it."""

from __future__ import annotations

import pytest

from symbn.emit.arrays.statements import (
    Assign,
    Bind,
    If,
    Into,
    Raise,
    Return,
    Update,
    lines,
    names,
    reads,
    rename_code,
    renamed,
    returning,
    without_unread_sizes,
    writes,
)

RAISE = Raise('ValueError(f"h must have shape (N, L), got {h.shape}")')
EVERY_KIND = [  # (statement, its line, what it reads, what it writes)
    (Assign("t0", "A - c"), "t0 = A - c", {"A", "c"}, {"t0"}),
    (
        Update("out", "*", "gamma / np.sqrt(s)"),
        "out *= gamma / np.sqrt(s)",
        {"out", "gamma", "np", "s"},
        {"out"},
    ),
    (
        Into("out", "np.subtract", ("A", "out")),
        "np.subtract(A, out, out=out)",
        {"A", "out"},
        {"out"},
    ),
    (Into("out", "np.negative", ("out",)), "np.negative(out, out=out)", {"out"}, {"out"}),
    (Bind(("N", "L"), "h"), "N, L = h.shape", {"h"}, {"N", "L"}),
    (Bind(("N",), "h"), "N, = h.shape", {"h"}, {"N"}),
    (Bind(("L",), "h", 1), "L = h.shape[1]", {"h"}, {"L"}),
    (
        RAISE,
        'raise ValueError(f"h must have shape (N, L), got {h.shape}")',
        {"ValueError", "h"},
        set(),
    ),
    (Return('y, {"y": y, "hhat": hhat}'), 'return y, {"y": y, "hhat": hhat}', {"y", "hhat"}, set()),
    (Return("result", scalar=True), "return dtype.type(result)", {"result"}, set()),
]


@pytest.mark.parametrize(
    ("s", "line", "read", "written"), EVERY_KIND, ids=[type(x[0]).__name__ for x in EVERY_KIND]
)
def test_every_kind_prints_reads_and_writes(s, line, read, written):
    assert lines([s]) == [line]
    assert reads(s) == read
    assert writes(s) == written


def test_an_if_prints_its_body_indented_and_reads_what_it_reads():
    s = If("h.ndim != 2 or h.shape[1] != L", (Assign("bad", '"h"'), RAISE))
    assert lines([s], "    ") == [
        "    if h.ndim != 2 or h.shape[1] != L:",
        '        bad = "h"',
        '        raise ValueError(f"h must have shape (N, L), got {h.shape}")',
    ]
    assert reads(s) == {"h", "L", "ValueError"}
    assert writes(s) == {"bad"}


def test_names_are_the_syntax_s_not_the_text_s():
    assert names('np.einsum("kl->l", A) * N') == {"np", "A", "N"}  # not k, l: a string
    assert names("h.shape[0] + t30") == {"h", "t30"}  # not shape: an attribute
    assert names('f"N = {N}, got {x.shape}"') == {"N", "x"}  # f-string placeholders are reads
    assert names("np.eye(N, dtype=dtype)") == {"np", "N", "dtype"}  # a keyword is no name


# -- renaming ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "want"),
    [
        ("t3", "grad_h"),
        ("t3 * c + t30 - t3", "grad_h * c + t30 - grad_h"),  # t30 is another name
        ('np.einsum("t3,kl->l", t3, A)', 'np.einsum("t3,kl->l", grad_h, A)'),  # not in a string
        ("A.t3 + t3[:, None]", "A.t3 + grad_h[:, None]"),  # not an attribute
        ("np.sum(x, t3=t3)", "np.sum(x, t3=grad_h)"),  # not a keyword
        ("A - c", "A - c"),
    ],
)
def test_rename_code_renames_only_reads_of_the_name(code, want):
    assert rename_code(code, "t3", "grad_h") == want


def test_renamed_renames_where_a_statement_writes_and_where_it_reads():
    body = [
        Assign("t3", "A - c"),
        Update("t3", "/", "t3.sum()"),
        Into("t3", "np.subtract", ("B", "t3")),
        Assign("t5", 'np.einsum("kl->l", t3)'),
        If("t3.ndim != 2", (Raise("ValueError(t3)"),)),
        Bind(("N",), "t3", 0),
        Return("t3, t5"),
    ]
    assert lines([renamed(s, "t3", "out") for s in body]) == [
        "out = A - c",
        "out /= out.sum()",
        "np.subtract(B, out, out=out)",
        't5 = np.einsum("kl->l", out)',
        "if out.ndim != 2:",
        "    raise ValueError(out)",
        "N = out.shape[0]",
        "return out, t5",
    ]
    assert [renamed(s, "t9", "out") for s in body] == body


# -- the return ------------------------------------------------------------------------------
def test_the_last_assignment_of_the_result_is_returned_directly():
    body = [Assign("t0", "A - c"), Assign("result", "t0 * d")]
    assert lines(returning(body, Return("result"))) == ["t0 = A - c", "return t0 * d"]
    assert lines(returning(body, Return("result", scalar=True)))[-1] == (
        "return dtype.type(t0 * d)"
    )


@pytest.mark.parametrize(
    "body",
    [
        [Assign("result", "A - c"), Update("result", "*", "d")],  # the last statement an update
        [
            Assign("result", "A - c"),
            Into("result", "np.negative", ("result",)),
            Assign("result", "result * d"),
        ],  # an earlier statement writes the result
        [Assign("t0", "A - c")],  # the result is not the last name assigned
        [],
    ],
)
def test_the_result_is_returned_by_name_otherwise(body):
    assert returning(body, Return("result")) == [*body, Return("result")]


def test_a_layer_s_tuple_is_returned_as_it_is():
    body = [Assign("y", "A - c")]
    ret = Return('y, {"y": y}')
    assert returning(body, ret) == [*body, ret]


# -- size bindings -------------------------------------------------------------------------------
HEAD = [
    Assign("h", "np.asarray(h)"),
    Bind(("N",), "h", 0),
    Bind(("L",), "h", 1),
    Assign("dtype", "h.dtype"),
]
N_BIND, L_BIND = HEAD[1], HEAD[2]


@pytest.mark.parametrize(
    ("rest", "dropped"),
    [
        ([Assign("out", "h * L"), Return("out")], [N_BIND]),
        ([Assign("out", "h / N"), Return("out")], [L_BIND]),
        ([Return("out, N, L")], []),
        ([Assign("NL", "h"), Assign("out", "NL * LN"), Return("out")], [N_BIND, L_BIND]),
        ([Assign("out", 'np.einsum("NL->L", h)'), Return("out")], [N_BIND, L_BIND]),
        ([Return("h")], [N_BIND, L_BIND]),
    ],
    ids=[
        "N_unused",
        "L_unused",
        "used_by_the_return",
        "whole_names_only",
        "a_string_is_no_use",
        "neither_used",
    ],
)
def test_bindings_of_sizes_nothing_reads_are_dropped(rest, dropped):
    assert without_unread_sizes([*HEAD, *rest]) == [s for s in [*HEAD, *rest] if s not in dropped]


def test_a_size_a_later_check_or_message_reads_is_kept():
    body = [Bind(("N",), "h", 0), If("c.shape != (N,)", (Raise("ValueError('c')"),))]
    assert without_unread_sizes(body) == body
    body = [Bind(("N",), "h", 0), If("c.ndim != 1", (Raise('ValueError(f"N = {N}")'),))]
    assert without_unread_sizes(body) == body
    assert without_unread_sizes([Bind(("N",), "h", 0), Return("h")]) == [Return("h")]
    # unpacking the whole shape also checks the number of axes: it stays
    assert without_unread_sizes([Bind(("N", "L"), "h"), Return("h")]) == [
        Bind(("N", "L"), "h"),
        Return("h"),
    ]
