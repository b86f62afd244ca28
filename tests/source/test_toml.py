"""symbn.source.spec: the structure of a derivation file, with the position of every value."""

from __future__ import annotations

import pytest

from symbn.errors import InputError
from symbn.source import spec, toml
from symbn.source.spec import plain

TINY = """\
[derivation]
title = "Tiny"

[sizes]
N = "rows"

[indices]
i = "N"
k = "N"

[inputs]
x = { shape = ["N"] }
c = { shape = [], positive = true, latex = "\\\\gamma" }

[[define]]
name = "m"
expr = "sum(x[k], k) / N"

[[define]]
name = "d"
index = ["i"]
expr = "x[i] - m"
latex = "\\\\delta"

[[claim]]
name = "one"
lhs =   "diff(m, x[i])"
rhs = "1/N"

[[claim]]
name = "two"
title = "Second"
lhs = "x[i]"
steps = true
"""


def parse(text: str) -> spec.Spec:
    return toml.loads("t.toml", text.encode())


def line_of(text: str, needle: str, nth: int = 0) -> int:
    """The 1-based number of the `nth` line of `text` that contains `needle`."""
    return [n for n, line in enumerate(text.split("\n"), 1) if needle in line][nth]


def test_tables_become_frozen_values():
    s = parse(TINY)
    assert s.path == "t.toml"
    assert s.title.value == "Tiny"
    assert [(n.name, n.description.value) for n in s.sizes] == [("N", "rows")]
    assert [(n.name, n.size) for n in s.indices] == [("i", "N"), ("k", "N")]
    x, c = s.inputs
    assert (x.name, x.shape, x.positive, x.latex) == ("x", ("N",), False, None)
    assert (c.name, c.shape, c.positive, c.latex.value) == ("c", (), True, "\\gamma")
    with pytest.raises(AttributeError):
        s.title = None  # type: ignore[misc]


def test_optional_keys_take_their_defaults():
    s = parse(TINY)
    assert s.description.value == ""
    m, d = s.defines
    assert (m.name, m.index, m.latex) == ("m", (), None)
    assert (d.name, d.index, d.latex.value) == ("d", ("i",), "\\delta")
    one, two = s.claims
    assert (one.title.value, one.steps, one.rhs.value) == ("one", False, "1/N")
    assert (two.title.value, two.steps, two.rhs) == ("Second", True, None)
    assert s.layer is None


def test_expression_texts_know_their_line_and_column():
    s = parse(TINY)
    one = s.claims[0]
    lhs_line = line_of(TINY, "diff(m, x[i])")
    assert (one.lhs.value, one.lhs.where.line, one.lhs.where.col) == ("diff(m, x[i])", lhs_line, 10)
    assert one.lhs.where.source == 'lhs =   "diff(m, x[i])"'
    assert (one.rhs.where.line, one.rhs.where.col) == (lhs_line + 1, 8)
    expr = s.defines[0].expr
    assert (expr.where.line, expr.where.col) == (line_of(TINY, "sum(x[k], k)"), 9)
    assert expr.where.source[expr.where.col - 1 :].startswith(expr.value)
    assert (one.where.line, one.where.col) == (line_of(TINY, 'name = "one"'), 1)


def test_literal_and_multiline_strings_are_located():
    text = TINY.replace('rhs = "1/N"', "rhs = '1/N'").replace('lhs = "x[i]"', 'lhs = """\nx[i]"""')
    s = parse(text)
    assert (s.claims[0].rhs.where.line, s.claims[0].rhs.where.col) == (line_of(text, "'1/N'"), 8)
    lhs = s.claims[1].lhs
    assert lhs.value == "x[i]"
    assert (lhs.where.line, lhs.where.col) == (line_of(text, 'lhs = """') + 1, 1)


def test_description_is_kept():
    s = parse(TINY.replace('title = "Tiny"', 'title = "Tiny"\ndescription = "about it"'))
    assert s.description.value == "about it"


LAYER = """
[layer]
output = "d"
upstream = "c"
gradients = { x = "one" }
"""


def test_layer_table():
    s = parse(TINY + LAYER)
    assert s.layer is not None
    assert (s.layer.output, s.layer.upstream, s.layer.gradients) == ("d", "c", (("x", "one"),))
    assert s.layer.where.line == TINY.count("\n") + 2


def test_layer_names_a_claim_that_exists():
    with pytest.raises(InputError, match="'gradients' names 'nope', which is not a claim"):
        parse(TINY + LAYER.replace('"one"', '"nope"'))


def test_steps_must_be_a_bool():
    with pytest.raises(InputError, match="'steps' must be true or false") as info:
        parse(TINY.replace("steps = true", 'steps = "yes"'))
    assert info.value.where.line == line_of(TINY, "steps = true")


def test_claim_without_lhs_is_refused_at_its_table():
    with pytest.raises(InputError, match="missing the required key 'lhs'") as info:
        parse(TINY.replace('lhs = "x[i]"\n', ""))
    assert info.value.where.line == line_of(TINY, "[[claim]]", nth=1)


def test_load_reads_the_file(write_derivation):
    path = write_derivation(TINY)
    s = toml.load(path)
    assert s.path == str(path)
    assert s.claims[0].lhs.where.path == str(path)


def test_load_of_a_missing_file_is_bad_input(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        toml.load(tmp_path / "absent.toml")


def test_descriptions_on_inputs_definitions_and_claims():
    text = (
        TINY.replace('x = { shape = ["N"] }', 'x = { shape = ["N"], description = "data" }')
        .replace('name = "m"\n', 'name = "m"\ndescription = "the mean"\n')
        .replace('name = "one"\n', 'name = "one"\ndescription = "by the sum rule"\n')
    )
    s = parse(text)
    assert s.inputs[0].description.value == "data"
    assert s.inputs[1].description is None
    assert [plain(d.description) for d in s.defines] == ["the mean", ""]
    assert [plain(c.description) for c in s.claims] == ["by the sum rule", ""]
    where = s.inputs[0].description.where  # the value's first character
    assert where.source[where.col - 1 :].startswith('data"')


def test_a_description_that_is_not_text_is_refused():
    with pytest.raises(InputError, match="'description' must be a string"):
        parse(TINY.replace('x = { shape = ["N"] }', 'x = { shape = ["N"], description = 1 }'))


def test_a_size_may_declare_a_minimum_and_an_input_a_simplex_axis():
    text = TINY.replace(
        'N = "rows"', 'N = { description = "rows of the batch", min = 2 }\nC = "classes"'
    ).replace(
        'x = { shape = ["N"] }', 'x = { shape = ["N"] }\ny = { shape = ["N", "C"], simplex = "C" }'
    )
    s = parse(text)
    n, classes = s.sizes
    assert (n.name, n.description.value, n.minimum) == ("N", "rows of the batch", 2)
    assert (classes.name, classes.description.value, classes.minimum) == ("C", "classes", 1)
    where = n.description.where  # the description is placed at its first character
    assert where.source[where.col - 1 :].startswith("rows of the batch")
    x, y, _ = s.inputs
    assert (x.simplex, y.simplex) == (None, "C")
    assert parse(TINY).sizes[0].minimum == 1  # the string form: no minimum


def test_the_derivation_files_of_a_folder_leave_out_a_documents_context(tmp_path):
    for name in ("b.toml", "a.toml", "seed.context.toml", "notes.md"):
        (tmp_path / name).write_text("")
    assert [p.name for p in toml.derivation_files(tmp_path)] == ["a.toml", "b.toml"]
