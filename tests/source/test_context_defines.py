"""A context's own [[define]] entries: a quantity the document defines only in words, in a
figure or in code, written in the expression language; the document's equations about it
are claims, and an entry the model cannot take is an error of the context, at its line."""

from __future__ import annotations

import pytest

from symbn.errors import InputError
from symbn.source.context import Partial, read_any, read_context
from symbn.verify.document import check

DOC = r"""# Scaling a centred batch

Here $\mu$ is the batch mean, and $y$ scales $c$ by $g$.

A reminder of the chain rule for $u(a, b)$:

$$\frac{\partial u}{\partial r} = \frac{\partial u}{\partial a}\frac{\partial a}{\partial r}
  + \frac{\partial u}{\partial b}\frac{\partial b}{\partial r}$$

$$c_i = x_i - \mu$$

$$\frac{\partial f}{\partial g} = \sum_{i=1}^m \frac{\partial f}{\partial y_i} c_i$$

$$\frac{\partial f}{\partial c_k} = g \frac{\partial f}{\partial y_k}$$

$$\frac{\partial f}{\partial x_k} = g \frac{\partial f}{\partial y_k}
  - \frac{g}{m}\sum_{i=1}^m \frac{\partial f}{\partial y_i}$$

$$\frac{\partial c_k}{\partial \mu} = \sum_{k=1}^m (-1)$$

$$\frac{\partial \mu}{\partial x_k} = \frac{1}{m}$$

$$\frac{\partial \mu}{\partial x_k} = \frac{1}{m - 1}$$
"""

SHORT = b"""# the mean and the output, said in words only
[[define]]
name = "mu"
expr = "sum(x[i], i) / m"
[[define]]
name = "y"
index = ["i"]
expr = "g * c[i]"
"""


def line(fragment: str) -> int:
    """The line of DOC that holds `fragment`."""
    (n,) = [n for n, text in enumerate(DOC.splitlines(), 1) if fragment in text]
    return n


def _verdicts(context) -> dict[int, str]:
    r = check(DOC, "doc.md", context)
    return {f.where.line: f.status for f in r.findings if f.kind in ("claim", "step")}


def test_a_partial_context_defines_what_the_document_says_in_words():
    partial = read_any("c.toml", SHORT)
    assert isinstance(partial, Partial)
    got = _verdicts(partial)
    assert got[line(r"{\partial g}")] == "proved"  # through the context's y
    assert got[line(r"{\partial c_k} = g")] == "proved"
    assert got[line(r"{\partial x_k} = g")] == "proved"  # through y and the context's μ
    assert got[line(r"= \frac{1}{m}$$")] == "proved"
    assert got[line(r"= \frac{1}{m - 1}$$")] == "refuted"


def test_a_sum_over_a_letter_free_on_the_other_side_is_not_refuted():
    # ∂c_k/∂μ = Σ_k (−1): an aggregate written beside one element; read literally it is
    # false (−1 against −m), but which k is meant is not said
    r = check(DOC, "doc.md", read_any("c.toml", SHORT))
    (f,) = [f for f in r.findings if f.where.line == line("(-1)") and f.kind == "claim"]
    assert f.status == "unchecked"
    assert "one side has k free and the other sums over k" in f.message


def test_the_loss_is_the_scalar_differentiated_by_the_most_names():
    # u of the chain-rule reminder is differentiated by r, a and b; f by g, c, x and y
    r = check(DOC, "doc.md", read_any("c.toml", SHORT))
    assert not [f for f in r.findings if "unknown symbol f" in f.message]


def test_the_context_s_own_definitions_are_not_linted_as_undefined():
    r = check(DOC, "doc.md", read_any("c.toml", SHORT))
    assert not [f for f in r.findings if "no line defines it" in f.message]


FULL = b"""[sizes]
m = "batch"
[indices]
i = "m"
k = "m"
[inputs]
x = { shape = ["m"] }
g = { shape = [] }
[defines]
c = { shape = ["m"] }
"""


def test_a_complete_context_defines_too():
    context = read_context("c.toml", FULL + b'[[define]]\nname = "mu"\nexpr = "sum(x[i], i)/m"\n')
    assert [d.name for d in context.defines] == ["mu"]
    assert ("mu", ()) in {(t.name, t.shape) for t in context.defined}
    r = check(DOC, "doc.md", context)
    got = {f.where.line: f.status for f in r.findings if f.kind == "claim"}
    assert got[line(r"= \frac{1}{m}$$")] == "proved"
    assert got[line(r"= \frac{1}{m - 1}$$")] == "refuted"


def test_a_definition_of_an_input_is_refused_at_its_line():
    with pytest.raises(InputError, match="'x' is declared twice") as exc:
        read_context("c.toml", FULL + b'[[define]]\nname = "x"\nindex = ["i"]\nexpr = "1"\n')
    assert (exc.value.where.path, exc.value.where.line) == ("c.toml", 12)


def test_a_definition_the_model_cannot_read_is_an_error_of_the_context():
    bad = FULL + b'[[define]]\nname = "mu"\nexpr = "sum(z[i], i)"\n'
    with pytest.raises(InputError) as exc:
        check(DOC, "doc.md", read_context("c.toml", bad))
    assert exc.value.where.path == "c.toml"
    assert exc.value.where.line == 13


def test_define_must_be_an_array_of_tables():
    with pytest.raises(InputError, match=r"define must be written as \[\[define\]\] tables"):
        read_any("c.toml", b'[define]\nname = "mu"\n')


def test_symbn_context_prints_the_definitions_it_was_given(tmp_path, capsys):
    from symbn.cli import main  # noqa: PLC0415 - the command line, as a user runs it

    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "c.toml").write_bytes(SHORT)
    assert main(["context", str(tmp_path / "doc.md"), "--context", str(tmp_path / "c.toml")]) == 0
    printed = capsys.readouterr().out
    assert '[[define]]\nname = "mu"\nexpr = "sum(x[i], i) / m"' in printed
    assert '[[define]]\nname = "y"\nindex = ["i"]' in printed


def test_a_hugo_post_defines_under_its_own_table():
    front = '+++\ntitle = "Scaling"\n' + SHORT.decode().replace("[[define]]", "[[symbn.define]]")
    r = check(front + "+++\n" + DOC, "post.md")
    got = {f.where.line: f.status for f in r.findings if f.kind == "claim"}
    offset = front.count("\n") + 1
    assert got[line(r"= \frac{1}{m}$$") + offset] == "proved"
    assert got[line(r"= \frac{1}{m - 1}$$") + offset] == "refuted"
