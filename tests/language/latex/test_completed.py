"""symbn.language.latex.completed: a context that writes only what the document does not
say, completed from the document; what it writes overrides what is inferred."""

from __future__ import annotations

import pytest

from symbn.errors import InputError
from symbn.source.context import Partial, read_any
from symbn.verify.document import check

DOC = r"""# Row centring

$$
\begin{aligned}
m_b &= \frac{1}{H} \sum_h x_{bh} \\
c_{bh} &= x_{bh} - m_b \\
y_{bh} &= g_h c_{bh}
\end{aligned}
$$

$$
\frac{\partial \ell}{\partial g_q} = \sum_b \frac{\partial \ell}{\partial y_{bq}} c_{bq}
$$

$$
\frac{\partial c_{bh}}{\partial x_{pq}} = \delta_{bp} \delta_{hq} - \frac{1}{H} \delta_{bp}
$$

$$
\frac{\partial c_{bh}}{\partial x_{pq}} = \delta_{bp} \delta_{hq} - \frac{1}{B} \delta_{bp}
$$
"""

SHORT = b"""# what the document does not say: the sizes' names, and that the loss is of y
[indices]
b = "B"
p = "B"
h = "H"
q = "H"
[loss]
name = "ell"
latex = "\\\\ell"
of = "y"
"""


def _verdicts(context) -> list[tuple[str, str]]:
    r = check(DOC, "doc.md", context)
    return [(f.status, f.claim) for f in r.findings if f.kind == "claim"]


def test_a_context_without_inputs_or_defines_is_completed_from_the_document():
    partial = read_any("c.toml", SHORT)
    assert isinstance(partial, Partial)
    got = _verdicts(partial)
    assert got == [
        ("proved", "diff(ell, g[q]) = sum(diff(ell, y[b, q])*c[b, q], b)"),
        ("proved", "diff(c[b, h], x[p, q]) = Delta(b, p)*Delta(h, q) - 1/H*Delta(b, p)"),
        ("refuted", "diff(c[b, h], x[p, q]) = Delta(b, p)*Delta(h, q) - 1/B*Delta(b, p)"),
    ]


def test_what_the_context_writes_overrides_what_is_inferred():
    # declared an input, c is no longer read as defined: its derivative is a delta
    partial = read_any("c.toml", SHORT + b'[inputs]\nc = { shape = ["B", "H"] }\n')
    assert isinstance(partial, Partial)
    r = check(DOC, "doc.md", partial)
    assert "c" not in {f.claim.split("[")[0] for f in r.findings if f.kind == "definition"}


def test_a_complete_context_is_read_as_it_always_was():
    full = b'[sizes]\nB = "rows"\n[indices]\nb = "B"\n[inputs]\nx = { shape = ["B"] }\n'
    assert not isinstance(read_any("c.toml", full), Partial)


def test_a_context_that_cannot_be_completed_says_so_at_the_context():
    partial = read_any("c.toml", b'[loss]\nname = "ell"\nof = "nothing"\n')
    with pytest.raises(InputError, match="completed from what the document says") as exc:
        check(DOC, "doc.md", partial)
    assert exc.value.where.path == "c.toml"


def test_an_unknown_table_of_a_partial_context_is_refused_where_it_is_written():
    with pytest.raises(InputError, match=r"unknown table \[size\]") as exc:
        read_any("c.toml", b'[size]\nN = "rows"\n')
    assert exc.value.where.line == 1


def test_symbn_context_prints_a_partial_context_completed(tmp_path, capsys):
    from symbn.cli import main  # noqa: PLC0415 - the command line, as a user runs it

    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "c.toml").write_bytes(SHORT)
    assert main(["context", str(tmp_path / "doc.md"), "--context", str(tmp_path / "c.toml")]) == 0
    printed = capsys.readouterr().out
    assert "[defines]" in printed
    assert 'x = { shape = ["B", "H"] }' in printed
    full = tmp_path / "full.toml"
    full.write_bytes(b'[sizes]\nB = "rows"\n[indices]\nb = "B"\n[inputs]\nx = { shape = ["B"] }\n')
    assert main(["context", str(tmp_path / "doc.md"), "--context", str(full)]) == 2
    assert "nothing to complete" in capsys.readouterr().err


SIZE_AND_MATRIX = r"""# A letter that is a size and a matrix

$$
p_j = \frac{e^{z_j}}{\sum_{k=1}^{K} e^{z_k}}
$$

$$
S_{ab} = \sum_d Q_{ad} K_{bd}
$$

$$
\frac{\partial S_{ab}}{\partial Q_{ce}} = \delta_{ac} K_{be}
$$

$$
\frac{\partial S_{ab}}{\partial Q_{ce}} = \delta_{bc} K_{ae}
$$
"""


def test_a_shape_the_context_declares_sizes_its_letters_and_unmakes_a_size():
    # K bounds a sum, so the inference takes it for a size; the context makes it a matrix
    # over sizes the document never names (n and h need no [sizes] line), and the letters
    # at Q's axes run over them
    partial = read_any(
        "c.toml",
        b'[indices]\nb = "n"\n[inputs]\nQ = { shape = ["n", "h"] }\nK = { shape = ["n", "h"] }\n',
    )
    r = check(SIZE_AND_MATRIX, "doc.md", partial)
    got = [(f.where.line, f.status) for f in r.findings]
    assert got == [(4, "unchecked"), (8, "defined"), (12, "proved"), (16, "refuted")]
    assert "'K' is not a declared index, a number or a size" in r.findings[0].message


def test_the_gradients_a_document_writes_are_of_the_loss_the_context_names():
    doc = r"""# RMS scale

$$ y_i = \frac{x_i}{r} $$

$$ dx_i = \frac{dy_i}{r} $$

$$ dr = -\sum_i \frac{dy_i x_i}{r^2} $$
"""
    partial = read_any("c.toml", b'loss = { name = "o", latex = "o", of = "y" }\n')
    assert isinstance(partial, Partial)
    r = check(doc, "doc.md", partial)  # the inferred [gradients] of `loss` are of o's now
    assert {f.status for f in r.findings if f.kind == "claim"} == {"proved"}
    wrong = check(doc.replace(r"\frac{dy_i}{r}", r"\frac{dy_i}{r^2}"), "doc.md", partial)
    assert "refuted" in {f.status for f in wrong.findings if f.kind == "claim"}


def test_a_greek_letter_named_for_a_python_word_is_read():
    doc = r"""# Ridge

$$ J = \frac{1}{2} \sum_i (w x_i - y_i)^2 + \frac{\lambda}{2} w^2 $$

$$ \frac{\partial J}{\partial w} = \sum_i (w x_i - y_i) x_i + \lambda w $$
"""
    r = check(doc, "doc.md")  # \lambda is lam, not Python's `lambda`
    assert [f.status for f in r.findings if f.kind == "claim"] == ["proved"]
    wrong = check(doc.replace(r"+ \lambda w $$", r"+ 2 \lambda w $$"), "doc.md")
    assert [f.status for f in wrong.findings if f.kind == "claim"] == ["refuted"]
