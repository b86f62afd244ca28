"""symbn.language.latex.plainrows: an unread row with commas only inside brackets
(`\\langle G(X), P \\rangle_F`) is plain, so the steps after it are checked one against the
next; a comma between terms, or words, keep them unchecked."""

from __future__ import annotations

import pytest

from symbn.verify.document import check

CONTEXT = r"""+++
[sizes]
N = "rows"

[indices]
i = "N"
j = "N"

[inputs]
M = { shape = ["N", "N"] }
X = { shape = ["N", "N"] }
P = { shape = ["N", "N"] }
+++

"""

CHAIN = r"""$$
\begin{align*}
FIRST &= \operatorname{tr}(X^T M^T P) \\
&= \operatorname{tr}(M^T P X^T) \\
&= \left\langle M X, P \right\rangle_F
\end{align*}
$$
"""


@pytest.mark.parametrize(
    ("first", "checked"),
    [
        (r"\left\langle G(X), P \right\rangle_F", True),
        (r"\left\langle G(X), P \right\rangle_F, \quad \text{for all } P", False),
        (r"\left\langle G(X), P \right\rangle_F, X", False),
    ],
)
def test_steps_after_an_unread_row_are_checked_when_it_is_plain(first, checked):
    findings = check(CONTEXT + CHAIN.replace("FIRST", first), "doc.md").findings
    statuses = [f.status for f in findings]
    assert statuses[0] == "unchecked"  # G is not declared
    assert ("proved" in statuses) is checked
    assert "refuted" not in statuses
