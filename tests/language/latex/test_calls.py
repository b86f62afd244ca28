"""A function the document defines by a word, `LN(\\mathbf{z}) = …`: the word at its
arguments is one name wherever it is written so, never a product of letters; and a name
multiplying a vector (`r \\mathbf{x}`) is a square matrix only when no line says otherwise."""

from __future__ import annotations

from symbn.language.latex.calls import word_call
from symbn.language.latex.guessed import toml_of
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

DOC = r"""
Let $\mathbf{z} \in \mathbb{R}^{D}$ and

$$
\mathbf{u} = s \mathbf{z} = \frac{\mathbf{z}}{LN(\mathbf{z})}, \qquad
LN(\mathbf{z}) = \frac{1}{D} \sum_{d=1}^{D} z_d^2 + \epsilon, \qquad s = \frac{1}{LN(\mathbf{z})}
$$

$$
\nabla_{\mathbf{z}} LN(\mathbf{z}) = \frac{2}{D} \mathbf{z}
$$

$$
\nabla_{\mathbf{z}} s = - \frac{2 \mathbf{z}}{D\, LN(\mathbf{z})^2} = - \frac{2 s^2}{D} \mathbf{z}
$$
"""


def findings(doc: str) -> list[tuple[int, str, str]]:
    return [(f.where.line, f.status, f.message) for f in check(doc, "doc.md").findings]


def test_a_word_at_its_arguments_is_one_name_defined_by_its_row():
    inferred = toml_of(DOC, "doc.md")
    assert 'LN = { shape = [], latex = "LN(\\\\mathbf{z})" }' in inferred
    assert "s = { shape = [] }" in inferred  # s z with s = 1/LN: a scalar, no square matrix
    got = findings(DOC)
    assert [s for line, s, _ in got if line >= 8 and s != "warning"] == ["proved"] * 3
    assert any("definition LN = 1/D*sum(z[d]**2, d) + epsilon" in m for *_, m in got)
    assert any(s == "proved" and "z[d]/LN" in m for _, s, m in got)  # s z = z / LN(z)


def test_a_wrong_line_through_the_function_is_never_proved():
    doc = DOC + "\n$$\n\\nabla_{\\mathbf{z}} LN(\\mathbf{z}) = \\frac{1}{D} \\mathbf{z}\n$$\n"
    last = [s for line, s, _ in findings(doc) if line == doc.count("\n") - 1]
    assert last
    assert "proved" not in last


def test_a_word_the_document_never_defines_is_not_read_as_a_name():
    text = r"\nabla_{\mathbf{z}} s = - \frac{2 \mathbf{z}}{D\, QQ(\mathbf{z})^2}"
    doc = DOC + f"\n$$\n{text}\n$$\n"
    assert "QQ" not in toml_of(doc, "doc.md")
    last = [(s, m) for line, s, m in findings(doc) if line == doc.count("\n") - 1]
    assert last
    assert all(s == "unchecked" for s, _ in last)


def test_words_of_the_language_and_spaced_letters_are_no_call():
    for text in (r"softmax(z)", r"exp(x)", r"R M S(x)", r"RMS (x)", r"RMS(x + 1)", r"f(x)"):
        toks = tokenize(text)
        assert all(word_call(toks, n) is None for n in range(len(toks))), text
    toks = tokenize(r"BN(\hat x, y)^2")
    assert word_call(toks, 0) == ("BN", r"BN(\hat x, y)", 8)


def test_a_word_set_upright_is_read_the_same():
    for command in ("\\operatorname", "\\mathrm"):
        doc = DOC.replace("LN(", f"{command}{{LN}}(")
        expected = f'latex = "{command}{{LN}}(\\mathbf{{z}})"'.replace("\\", "\\\\")
        assert expected in toml_of(doc, "doc.md")  # (TOML doubles each backslash)
        got = findings(doc)
        assert [s for line, s, _ in got if line >= 8 and s != "warning"] == ["proved"] * 3
    toks = tokenize(r"\operatorname{softmax}(z) \mathrm{Att}(Q, K, V)")
    assert word_call(toks, 0) is None
    assert word_call(toks, 13) == ("Att", r"\mathrm{Att}(Q, K, V)", 26)


SCRIPT_LOSS = r"""
$$\mathcal{L}(w) = \frac{1}{2} (y - w x)^2$$

$$\frac{\partial \mathcal{L}(w)}{\partial w} = -(y - w x) x$$

$$\frac{\partial \mathcal{L}}{\partial w} = (y - w x) x$$

$$\frac{d \mathcal{L}}{d w} = -(y - w x)$$
"""


def test_a_script_loss_letter_at_its_variable_is_the_loss_it_defines():
    got = [(line, s) for line, s, _ in findings(SCRIPT_LOSS) if s != "warning"]
    assert got == [(2, "defined"), (4, "proved"), (6, "refuted"), (8, "refuted")]
    assert word_call(tokenize(r"\mathcal{L}(w)"), 0) == ("L", r"\mathcal{L}(w)", 7)


def test_big_o_and_a_normal_law_stay_no_loss():
    assert word_call(tokenize(r"\mathcal{O}(n)"), 0) is None
    assert word_call(tokenize(r"\mathcal{N}(x)"), 0) is None


BOLD_COST = r"""
$$E(\mathbf{w}) = \frac{1}{2} \sum_{n=1}^{N} (\mathbf{w}^T \mathbf{x}_n - t_n)^2$$

$$\frac{\partial E}{\partial w_j} = \sum_{n=1}^{N} (\mathbf{w}^T \mathbf{x}_n - t_n) x_{nj}$$

$$\frac{\partial E}{\partial w_j} = \sum_{n=1}^{N} (\mathbf{w}^T \mathbf{x}_n + t_n) x_{nj}$$
"""


def test_a_cost_letter_at_a_bold_vector_is_the_cost_of_its_weights():
    got = [(line, s) for line, s, _ in findings(BOLD_COST) if s != "warning"]
    assert got == [(2, "defined"), (4, "proved"), (6, "refuted")]
    assert word_call(tokenize(r"A(\mathbf{x})"), 0) is None  # a matrix times x stays so


def test_the_loss_at_a_bold_vector_stays_the_loss_written_with_what_it_is_of():
    assert word_call(tokenize(r"L(\mathbf{p})"), 0) is None
    assert word_call(tokenize(r"\mathcal{L}(\mathbf{p})"), 0) is None


def test_a_function_spelled_with_a_subscript_is_called_past_it():
    from symbn.language.latex.printer import to_language  # noqa: PLC0415
    from symbn.language.latex.symbols import Symbols  # noqa: PLC0415
    from symbn.language.latex.texmath import parse  # noqa: PLC0415

    s = Symbols(
        sizes=(),
        indices={},
        tensors={"s_h": ()},
        spellings={"s_{h}": "s_h"},
        functions={"\\sigma_{h}": "sigmoid"},
    )
    assert (
        to_language(parse(tokenize(r"\sigma_{h}'(s_h)"), s), s)
        == "((1 - sigmoid(s_h))*sigmoid(s_h))"
    )
    assert to_language(parse(tokenize(r"\sigma_h(s_h)"), s), s) == "sigmoid(s_h)"
