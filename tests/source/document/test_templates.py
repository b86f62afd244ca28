"""Functions a row defines, `h_\\theta(x) = \\theta^T x`, put in where they are applied
(`symbn.source.document.templates`), and the notation of regression course notes that
reads through them: `J(\\theta) = …` defines J, `x^{(i)}` beside `x_j^{(i)}` is a row of
the design matrix X."""

from __future__ import annotations

from pathlib import Path

from mutated import verdicts

from symbn.source.document.formats import read_document
from symbn.source.document.markdown import read_markdown
from symbn.source.document.templates import expand_templates, tokens
from symbn.verify.document import check

PATH = Path(__file__).parents[2] / "markdown" / "course_regression.md"
DOC = PATH.read_text(encoding="utf-8")


def _displays(text: str) -> list[str]:
    return [d.text for d in read_document(text, "doc.md").displays]


def test_an_application_is_the_body_at_its_argument():
    got = _displays("$$ f(x) = 3x + 1 $$\n\n$$ y = f(a_k) - f(b + c) $$\n")
    assert got[0].strip() == ""
    assert got[1] == r" y = \left(3a_k + 1\right) - \left(3\left(b + c\right) + 1\right) "


def test_a_label_and_several_variables():
    got = _displays("$$ g_{w,b}(u, v) = w u + b v $$\n\n$$ z = g_{w,b}(p, q) $$\n")
    assert r"\left(w p + b q\right)" in got[1]
    assert "g_{w,b}" not in got[1]


def test_the_defining_row_is_noted_and_points_at_the_use():
    text = "$$ h_\\theta(x) = \\theta^T x $$\n\n$$ y = h_\\theta(u) + q $$\n"
    doc = read_document(text, "doc.md")
    assert [n.code for n in doc.notes] == ["function-definition"]
    assert doc.notes[0].where.line == 1
    second = doc.displays[1]
    assert second.origin.where(second.text.index("q")).col == text.splitlines()[2].index("q") + 1
    assert second.origin.where(second.text.index("theta")).col == 8  # the application's


def test_what_is_left_as_written():
    for text in (
        "$$ f(x) = x^2 $$\n\n$$ f'(x) = 2x $$\n\n$$ y = f(a) $$\n",  # a primed letter
        "$$ f(x) = x^2 $$\n\n$$ f(x) = x^3 $$\n\n$$ y = f(a) $$\n",  # defined twice
        "$$ F(x) = x + 1 $$\n\n$$ y = F(a) $$\n",  # an upper-case letter: a name
        "$$ f(x) = y = x + 1 $$\n\n$$ z = f(a) $$\n",  # a chain, not one expression
    ):
        doc = read_markdown(text, "doc.md")
        assert expand_templates(doc) == doc, text


def test_an_argument_with_scripts_meets_no_script_of_the_body():
    assert _displays("$$ f(x) = x_j $$\n\n$$ y = f(a^2) $$\n")[1] == " y = f(a^2) "


def test_an_argument_raised_to_a_power_is_bracketed_unless_one_token():
    """`x^2` at `x + h` is `(x + h)^2` and at `2a` is `(2a)^2`, never `2a^2`; at one token
    (`3`) it is raised as written. Before, any argument but a letter left the application
    unread."""
    got = _displays("$$ f(x) = x^2 + 1 $$\n\n$$ y = f(x + h) - f(2a) + f(a_k) + f(3) $$\n")
    assert got[1] == (
        r" y = \left(\left(x + h\right)^2 + 1\right) - \left(\left(2a\right)^2 + 1\right)"
        r" + \left(\left(a_k\right)^2 + 1\right) + \left(3^2 + 1\right) "
    )


def test_tokens_are_commands_escapes_and_characters():
    assert [t.text for t in tokens(r"\theta^T x_{1}\,\\")] == [
        r"\theta",
        "^",
        "T",
        "x",
        "_",
        "{",
        "1",
        "}",
        r"\,",
        "\\\\",
    ]


def test_each_claim_of_the_course_notes_is_proved():
    got = verdicts(DOC)
    assert [got[3], got[25]] == [["unchecked"]] * 2  # the functions' rows
    assert [got[6], got[28]] == [["defined"]] * 2
    assert [got[n] for n in (12, 18, 22, 32)] == [["proved"]] * 4


def test_wrong_gradients_are_refuted():
    for old, new, line in (
        (r"\right) x_j^{(i)}", r"\right) x_k^{(i)}", 12),
        (r"= \frac{1}{m} \sum_{i=1}^{m} \left( h", r"= \frac{2}{m} \sum_{i=1}^{m} \left( h", 12),
        (r"\frac{1}{m} X^T (X\theta - y)", r"\frac{1}{m} X (X\theta - y)", 22),
        (r"\left( f_w(x^{(i)}) - y^{(i)} \right)", r"\left( y^{(i)} - f_w(x^{(i)}) \right)", 32),
    ):
        wrong = DOC.replace(old, new, 1)
        assert wrong != DOC
        assert "proved" not in verdicts(wrong).get(line, []), (old, new)


VECTORS = (Path(__file__).parents[2] / "markdown" / "course_vectors.md").read_text(encoding="utf-8")


def test_a_bold_variable_a_bias_and_sums_counted_from_zero():
    got = verdicts(VECTORS)
    assert got[5] == ["unchecked"]  # f_{w,b}(x) = …: a function of a bold x
    assert got[9] == ["defined"]  # J(w, b) = …, \sum_{i=0}^{m-1}: i over the m examples
    assert got[13] == ["unchecked"]  # w_j = w_j - α ∂J/∂w_j: an update, no definition of w
    assert [got[17], got[19]] == [["proved"]] * 2


def test_wrong_gradients_with_a_bias_are_refuted():
    for old, new, line in (
        (r"\right) x_j^{(i)}", r"\right) 2 x_j^{(i)}", 17),
        (r"{\partial b} = \frac{1}{m}", r"{\partial b} = \frac{1}{2m}", 19),
        (
            r"\sum_{i=0}^{m-1} \left( f_{\mathbf{w},b}(\mathbf{x}^{(i)}) - y^{(i)} \right) $$",
            r"\sum_{i=0}^{m-1} \left( f_{\mathbf{w},b}(\mathbf{x}^{(i)}) \right) $$",
            19,
        ),
    ):
        wrong = VECTORS.replace(old, new, 1)
        assert wrong != VECTORS
        assert "proved" not in verdicts(wrong)[line], (old, new)  # (held back: from 0)


def test_a_signature_row_leaves_the_function_a_function():
    # g: R -> R writes g with no bracket after it, but as its signature, not a quantity
    got = _displays("$$ g: \\mathbb{R} \\to \\mathbb{R} $$\n\n$$ g(x) = 2x $$\n\n$$ y = g(a) $$\n")
    assert got[2] == r" y = \left(2a\right) "


def test_two_displays_on_one_line_are_two():
    # Markdown reads `$$a$$ for $$b$$` as one block; MathJax shows two displays
    text = "$$g(x) = \\frac{1}{1+e^{-x}}$$ for $$x \\in \\mathbb{R}$$\n\n$$y_i = g(w x_i + b)$$\n"
    doc = read_document(text, "doc.md")
    assert [d.text for d in doc.displays][1:] == [
        r"x \in \mathbb{R}",
        r"y_i = \left(\frac{1}{1+e^{-\left(w x_i + b\right)}}\right)",
    ]
    second = doc.displays[1]
    assert second.origin.where(0).col == text.index("x \\in") + 1


def test_a_logistic_model_through_its_function_reads_with_no_context():
    text = (
        "The sigmoid:\n\n$$g:\\mathbb{R} \\mapsto \\mathbb{R}$$\n\n"
        "$$g(x) = \\frac{1}{1+e^{-x}}$$ for $$x\\in\\mathbb{R}$$\n\n"
        "$$\\hat{y}_i = g(w x_i + b)$$\n\n"
        "$$\\frac{\\partial \\hat{y}_i}{\\partial w} = \\hat{y}_i (1 - \\hat{y}_i) x_i$$\n"
    )
    assert verdicts(text)[9] == ["proved"]
    slipped = text.replace("(1 - \\hat{y}_i) x_i", "(1 + \\hat{y}_i) x_i")
    assert verdicts(slipped)[9] == ["refuted"]


def test_the_gradient_of_an_application_is_by_its_argument():
    got = _displays("$$ g(u) = u^2 + 3u $$\n\n$$ y = \\nabla g(a) $$\n")
    assert got[1] == r" y = \nabla _{a}\left(a^2 + 3a\right) "


def test_the_gradient_of_an_application_at_two_arguments_stays_as_written():
    got = _displays("$$ g(u, v) = u^2 + v $$\n\n$$ y = \\nabla g(a, b) $$\n")
    assert got[1] == r" y = \nabla g(a, b) "


def test_a_function_also_applied_with_a_layer_label_is_left_as_written():
    text = "$$ f(z) = z^2 $$\n\n$$ y = f_{out}(a) + f(b) $$\n"
    doc = read_markdown(text, "doc.md")
    assert expand_templates(doc) == doc


def test_a_function_defined_at_one_example_with_its_number():
    """`h_\\theta(x^{(i)}) = …` defines h at the i-th example, its number and label after
    it; an application at the same or another example is the body there."""
    text = (
        "$$ \\begin{equation} h_{\\theta}(x^{(i)}) = \\frac{1}{1 + e^{-\\theta x^{(i)}}}."
        " \\tag{2}\\label{eq:model} \\end{equation} $$\n\n"
        "$$ y = h_{\\theta}(x^{(i)}) + h_{\\theta}(x^{(j)}) $$\n"
    )
    got = _displays(text)
    assert "h_" not in got[1]
    assert r"\left(\frac{1}{1 + e^{-\theta x^{(i)}}}\right)" in got[1]
    assert r"\left(\frac{1}{1 + e^{-\theta x^{(j)}}}\right)" in got[1]


def test_logistic_regression_at_one_example_is_proved_and_a_slip_refuted():
    text = (
        "$$ h_{\\theta}(x^{(i)}) = \\frac{1}{1 + e^{-\\theta x^{(i)}}} \\tag{1} $$\n\n"
        "$$ J(\\theta) = -\\frac{1}{m} \\sum_{i=1}^{m} \\left( y^{(i)} \\log h_{\\theta}(x^{(i)})"
        " + (1 - y^{(i)}) \\log (1 - h_{\\theta}(x^{(i)})) \\right) $$\n\n"
        "$$ \\frac{\\partial J}{\\partial \\theta} = \\frac{1}{m} \\sum_{i=1}^{m}"
        " \\left( h_{\\theta}(x^{(i)}) - y^{(i)} \\right) x^{(i)} $$\n"
    )
    assert verdicts(text)[5] == ["proved"]
    for old, new in (
        ("{\\partial \\theta} = \\frac{1}{m}", "{\\partial \\theta} = \\frac{2}{m}"),
        ("h_{\\theta}(x^{(i)}) - y^{(i)}", "y^{(i)} - h_{\\theta}(x^{(i)})"),
    ):
        slipped = text.replace(old, new)
        assert slipped != text
        assert verdicts(slipped)[5] == ["refuted"], new


def test_an_application_raised_to_a_whole_power_is_its_value_raised():
    """`f^2(a)` is the square of f at a, as `\\sin^2 x` is; `f^{-1}` (an inverse) and
    `f^{(2)}` (a derivative) are left as written, and so is `\\nabla f^2(e)`."""
    text = "$$ f(x) = x^2 + 1 $$\n\n$$ y = f^2(a) + f^{3}(b) + f^{-1}(c) + f^{(2)}(d) $$\n"
    assert _displays(text)[1] == (
        r" y = \left(a^2 + 1\right)^{2} + \left(b^2 + 1\right)^{3} + f^{-1}(c) + f^{(2)}(d) "
    )
    assert "f^2(e)" in _displays("$$ f(x) = x^2 $$\n\n$$ y = \\nabla f^2(e) $$\n")[1]


def test_a_squared_distance_is_proved_and_a_slip_in_it_refuted():
    """`d^2(w, c)` with `d(u, v) = u - v` (`tests/markdown/template_power.md`); read before
    as a name d squared, beside (w, c)."""
    text = (Path(__file__).parents[2] / "markdown" / "template_power.md").read_text("utf-8")
    got = [
        (f.where.line, f.status, f.message)
        for f in check(text, "doc.md").findings
        if f.status in ("proved", "refuted")
    ]
    assert got == [
        (5, "proved", "diff(J, w) = 2*(w - c)"),
        (7, "refuted", "diff(J, w) = 2*w"),
        (9, "proved", "diff((w - c)**2, c) = -2*(w - c)"),
    ]
