"""symbn.verify.staging: a line true only with staged partials is proved so when the
document reads its partials staged, but never one whose derivative is of an expression of
defined names (held fixed, the derivative is zero whatever the expression is)."""

from __future__ import annotations

from symbn.verify.document import check
from symbn.verify.staging import stages_only

#: A squared hinge differentiated through ξ, right, then with 3 for 2 in the middle row.
HINGE = r"""With $\Theta_{i,j} = \sum_{k} X_{i,k} w_{k,j}$ and $\xi_{i,j} = \Theta_{i,j} Y_{i,j}$:

$$
\begin{aligned}
\frac{\partial}{\partial w_{k,j}} (2 - \xi_{i,j})^2
  &= 2(2 - \xi_{i,j}) \frac{\partial}{\partial w_{k,j}}(-\xi_{i,j}) \\
&= 2(2 - \xi_{i,j}) \frac{\partial}{\partial w_{k,j}}(-\Theta_{i,j} Y_{i,j})
\end{aligned}
$$

$$
\begin{aligned}
\frac{\partial}{\partial w_{k,j}} (2 - \xi_{i,j})^2
  &= 2(3 - \xi_{i,j}) \frac{\partial}{\partial w_{k,j}}(-\xi_{i,j}) \\
&= 2(2 - \xi_{i,j}) \frac{\partial}{\partial w_{k,j}}(-\Theta_{i,j} Y_{i,j})
\end{aligned}
$$
"""


def test_a_slip_that_holds_only_with_expressions_held_fixed_is_not_proved():
    found = {(f.where.line, f.status) for f in check(HINGE, "doc.md", None).findings}
    assert (5, "proved") in found
    assert (7, "proved") in found
    assert (13, "unchecked") in found
    assert (15, "unchecked") in found
    assert not [s for line, s in found if line > 11 and s == "proved"]


def test_a_stage_is_a_derivative_of_one_name_or_element():
    assert stages_only("diff(y[i], x[j]) = diff(z, x[j])*2")
    assert not stages_only("diff((3 - xi[i, j])**2, w[k]) = 0")
    assert not stages_only("diff(y, x) = diff(-xi[i], w[k])")


#: A scalar r computed from x through s, differentiated in total (right), and a line true only
#: with s and r held fixed (u's own line), read with no context, then with one saying staged.
SCALE = r"""Let $\mathbf{x} \in \mathbb{R}^{N}$ and

$$ s = \sqrt{\frac{1}{N} \sum_{i=1}^{N} x_i^2 + \epsilon}, \quad r = \frac{1}{s} $$

$$ \frac{\partial r}{\partial x_i} = - \frac{x_i}{N s^3} $$

With $u_i = r x_i$,

$$ \frac{\partial u_i}{\partial x_j} = r \delta_{ij} $$
"""


def test_a_total_line_through_a_scalar_definition_keeps_a_staged_only_line_unchecked():
    # the staged reading of ∂r/∂x_i went through the adjoints of every definition, which
    # proved it where the concrete check (s held fixed: 0) disagreed: an internal error
    found = {(f.where.line, str(f.status)) for f in check(SCALE, "doc.md", None).findings}
    assert (5, "proved") in found
    assert (9, "unchecked") in found
    assert not {s for _, s in found} & {"refuted", "unknown", "error"}


def test_with_staged_partials_said_a_total_derivative_through_a_held_name_is_refuted():
    staged = SCALE.replace("Let", '+++\n[notation]\npartials = "staged"\n+++\nLet')
    found = {(f.where.line, str(f.status)) for f in check(staged, "doc.md", None).findings}
    # ∂r/∂x_i with s held fixed is 0; u's own line holds
    assert (9, "refuted") in found
    assert (13, "proved") in found
