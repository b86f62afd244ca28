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
