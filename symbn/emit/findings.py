"""The findings of `symbn check` as a user reads them: one text line each in the compiler's
convention (`DOC.md:LINE:COL: status: message`), and the JSON document of `--json`."""

from __future__ import annotations

from symbn.emit.matrix import spelled
from symbn.emit.matrix.raised import matrix_form
from symbn.verify.document import Checked, Finding
from symbn.verify.status import FAILED, FINDING_STATUSES, Status

#: The version of the JSON document `symbn check --json` prints.
SCHEMA = 1
#: Exit status 1: a line is refuted, or no verdict was reached on it.
#: The statuses that are nouns ("2 warnings"); the others are verdicts ("2 proved").
PLURAL = (Status.WARNING, Status.ERROR)


def status(checked: Checked, *, strict: bool = False) -> int:
    """The exit status a document gives: 2 an error, 1 a line refuted or unknown (with
    `strict`, also unchecked) or equation rows none of which was checked, else 0."""
    if checked.count(Status.ERROR):
        return 2
    failed = FAILED | {Status.UNCHECKED} if strict else FAILED
    return 1 if any(checked.count(s) for s in failed) or nothing_checked(checked) else 0


def nothing_checked(checked: Checked) -> bool:
    """Whether the document has equation rows and none of them got a verdict."""
    return checked.rows > 0 and checked.rows_checked == 0


def rows(checked: Checked) -> str:
    """`3 of 5 equation rows checked`."""
    noun = "row" if checked.rows == 1 else "rows"
    return f"{checked.rows_checked} of {checked.rows} equation {noun} checked"


def summary(checked: Checked) -> str:
    """`DOC: 101 findings: 59 proved, 1 refuted, …; 60 of 70 equation rows checked
    (0.84 s)`."""
    n = checked.summary
    parts = ", ".join(
        f"{n[s]} {s}{'s' if n[s] > 1 and s in PLURAL else ''}" for s in FINDING_STATUSES if n[s]
    )
    noun = "finding" if len(checked.findings) == 1 else "findings"
    return (
        f"{checked.path}: {len(checked.findings)} {noun}: {parts or 'none'}; "
        f"{rows(checked)} ({checked.seconds:.2f} s)"
    )


def text(checked: Checked) -> list[str]:
    """The lines `symbn check` prints for one document: each finding, the residual and
    counterexample of a refuted one below it, and the summary."""
    out = []
    for f in checked.findings:
        out.append(str(f))
        out += [f"    {d}" for d in details(f)]
    out.append(summary(checked))
    if nothing_checked(checked):
        out.append(f"nothing in {checked.path} could be checked")
    return out


def details(f: Finding) -> list[str]:
    """A finding's residual and counterexample, the residual of a line written at matrix
    level in matrix form too (where it raises: symbn.emit.matrix)."""
    out = list(f.details)
    if f.matrix is None:
        return out
    residual, axes, model = f.matrix
    node = matrix_form(residual, axes, model)
    if node is not None:
        at = next((n + 1 for n, x in enumerate(out) if x.startswith("lhs - rhs = ")), 0)
        out.insert(at, f"in matrix form: lhs - rhs = {spelled.text(node)}")
    return out


def line_json(f: Finding) -> dict:
    message = "\n".join([f.message, *details(f)])
    return {
        "line": f.where.line,
        "col": f.where.col,
        "kind": f.kind,
        "status": f.status,
        "text": f.text,
        "message": message,
        "claim": f.claim or None,
    }


def document(done: list[Checked]) -> dict:
    """The JSON document of a run: every document checked, each line's finding."""
    return {
        "schema": SCHEMA,
        "documents": [
            {
                "path": c.path,
                "lines": [line_json(f) for f in c.findings],
                "summary": {
                    **c.summary,
                    "rows": c.rows,
                    "rows_checked": c.rows_checked,
                    "seconds": round(c.seconds, 4),
                },
            }
            for c in done
        ],
    }
