"""Two functions a document leaves unsaid (symbn.language.latex.prose.named_functions):
g of a hidden layer and f of the output, each also written with a prime and applied to a
sized bracket (`g\\left(…\\right)`), are `actb` and `act`, two functions a proof holds for
whatever they are; the concrete check evaluates them as two different functions, so a line
that takes one for the other is not proved."""

from __future__ import annotations

from symbn.language.latex.guessed import toml_of
from symbn.verify.document import check

DOC = r"""Two layers with activations $g$ and $f$:

$$h_j = g\left(\sum_i w_{ij} x_i\right)$$

$$o_k = f\left(\sum_j u_{jk} h_j\right)$$

$$E = \frac{1}{2} \sum_k (o_k - t_k)^2$$

$$\frac{\partial E}{\partial u_{jk}} = (o_k - t_k) f'\left(\sum_m u_{mk} h_m\right) h_j$$

$$\frac{\partial E}{\partial w_{ij}} = \sum_k (o_k - t_k) f'\left(\sum_m u_{mk} h_m\right) u_{jk}
g'\left(\sum_n w_{nj} x_n\right) x_i$$
"""

#: The context the document implies, as a user would pass it: then a slip is refuted.
FUNCTIONS = '[functions]\nact = ["f"]\nactb = ["g"]'


def _statuses(text: str, line: int) -> list[str]:
    return [f.status for f in check(text, "doc.md").findings if f.where.line == line]


def test_two_unsaid_functions_are_two_functions_and_the_true_lines_proved():
    assert FUNCTIONS in toml_of(DOC, "doc.md")
    assert _statuses(DOC, 9) == ["proved"]
    assert _statuses(DOC, 11) == ["proved"]


def test_one_taken_for_the_other_is_not_proved_and_refuted_with_the_context():
    slipped = DOC.replace("u_{jk}\ng'", "u_{jk}\nf'").replace(
        r"(o_k - t_k) f'\left(\sum_m u_{mk} h_m\right) u_{jk}",
        r"(o_k - t_k) g'\left(\sum_m u_{mk} h_m\right) u_{jk}",
    )
    assert slipped != DOC
    assert "proved" not in _statuses(slipped, 11)
    context = "+++\n" + toml_of(DOC, "doc.md") + "+++\n"
    with_context = context + slipped
    line = 11 + context.count("\n")
    assert _statuses(with_context, line) == ["refuted"]
