"""Verdicts as a user reads them: one text line per claim with its details, the JSON document
of `--json` and the `::error` annotations of `--format github` (a notebook's display is
`symbn.emit.notebook`).

Every formula is printed in the derivation's expression language (`symbn.language.notation`),
so that a closed form, a residual or a counterexample can be pasted back into a derivation file.
"""

from __future__ import annotations

from symbn.emit.latex.texprint import tex
from symbn.emit.matrix import spelled
from symbn.emit.matrix.raised import matrix_form
from symbn.errors import InputError, Location
from symbn.language.lowering import MATRIX
from symbn.language.model import Model
from symbn.verify.status import CLAIM_STATUSES, FAILED, Status
from symbn.verify.verdicts import FileReport, Result, details, shown, undeclared

#: The version of the JSON document `symbn verify --json` prints.
SCHEMA = 1


# -- text ------------------------------------------------------------------------------------
def claim_line(result: Result) -> str:
    return f"  {result.status:<8} {result.seconds:7.3f} s  {result.name}"


def claim_lines(result: Result, model: Model) -> list[str]:
    """A claim's line and the lines of its details, as `symbn verify` prints them; a refuted
    claim written in matrix form has its residual in matrix form too, where it raises."""
    lines = details(result, model)
    matrix = matrix_residual(result, model)
    if matrix is not None:
        at = next((n + 1 for n, x in enumerate(lines) if x.startswith("lhs - rhs = ")), 0)
        lines.insert(at, f"in matrix form: lhs - rhs = {matrix}")
    return [claim_line(result), *(f"      {x}" for x in lines)]


def matrix_residual(result: Result, model: Model) -> str | None:
    """The residual of a failed claim written in matrix form, in the matrix language's text
    (None for a claim in index form, or a residual with no exact matrix form)."""
    claim = next((c for c in model.claims if c.name == result.name), None)
    if claim is None or result.residual is None or result.status not in FAILED:
        return None
    if claim.notation != MATRIX:
        return None
    node = matrix_form(result.residual, claim.free, model)
    return None if node is None else spelled.text(node)


def text(report: FileReport) -> list[str]:
    """The lines `symbn verify` prints on standard output for one file."""
    assert report.model is not None
    lines = [f"{report.path}: {report.model.spec.title.value}"]
    for r in report.verdicts:
        lines += claim_lines(r, report.model)
    lines.append(summary(report.verdicts, report.seconds))
    return lines


def failed(results) -> list[str]:
    """ "claim NAME is STATUS" for each claim refuted or unknown, as the warnings say it."""
    return [f"claim {r.name} is {r.status}" for r in results if r.status in FAILED]


def counts(results) -> dict[str, int]:
    return {s: sum(1 for r in results if r.status == s) for s in CLAIM_STATUSES}


def summary(results, seconds: float) -> str:
    n = counts(results)
    parts = ", ".join(f"{n[s]} {s}" for s in CLAIM_STATUSES if n[s])
    noun = "claim" if len(results) == 1 else "claims"
    return f"  {len(results)} {noun}: {parts or 'none'} ({seconds:.2f} s)"


# -- JSON ------------------------------------------------------------------------------------
def claim_json(r: Result, model: Model) -> dict:
    cx = r.counterexample
    return {
        "name": r.name,
        "status": r.status,
        "seconds": round(r.seconds, 4),
        "closed_form": None if r.closed_form is None else shown(r.closed_form, model),
        "latex": None if r.closed_form is None else tex(r.closed_form, model.latex_names),
        "counterexample": None
        if cx is None
        else {
            "sizes": cx.sizes,
            "indices": cx.indices,
            "inputs": cx.inputs,
            "lhs": cx.lhs,
            "rhs": cx.rhs,
        },
        "residual": None if r.residual is None else shown(r.residual, model),
        "reason": r.reason or None,
        "notes": [
            *(undeclared(r.closed_form, model) if r.closed_form is not None else ()),
            *(undeclared(r.residual, model) if r.residual is not None else ()),
        ],
    }


def error_json(error: InputError) -> dict:
    w = error.where
    return {
        "message": error.message,
        "line": None if w is None else w.line,
        "col": None if w is None else w.col,
        "text": str(error),
    }


def document(reports: list[FileReport]) -> dict:
    """The JSON document of a run: every file (a file that failed to load with its error),
    and the totals."""
    files: list[dict] = []
    for rep in reports:
        if rep.error is not None:
            files.append(
                {"path": rep.path, "title": None, "error": error_json(rep.error), "claims": []}
            )
            continue
        assert rep.report is not None
        files.append(
            {
                "path": rep.path,
                "title": rep.report.title,
                "error": None,
                "seconds": round(rep.seconds, 4),
                "claims": [claim_json(r, rep.report.model) for r in rep.report.results],
            }
        )
    results = [r for rep in reports for r in rep.verdicts]
    totals = {
        "seconds": round(sum(rep.seconds for rep in reports), 4),
        "files": len(reports),
        "errors": sum(rep.error is not None for rep in reports),
        "claims": len(results),
        **counts(results),
    }
    return {"schema": SCHEMA, "derivations": files, "totals": totals}


# -- GitHub annotations ------------------------------------------------------------------------
def _escape(s: str, *, prop: bool = False) -> str:
    """A workflow command's data (or property value): %, CR and LF (and , and :) escaped."""
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return s.replace(":", "%3A").replace(",", "%2C") if prop else s


def annotation(level: str, where: Location | None, path: str, message: str) -> str:
    """`::error file=…,line=…,col=…::message`, as GitHub Actions reads it from a log."""
    props = [f"file={_escape(where.path if where else path, prop=True)}"]
    if where is not None:
        props += [f"line={where.line}", f"col={where.col}"]
    return f"::{level} {','.join(props)}::{_escape(message)}"


def github(report: FileReport) -> list[str]:
    """Annotations for a file's bad input and for its claims that are not proved."""
    if report.error is not None:
        return [annotation("error", report.error.where, report.path, report.error.message)]
    assert report.model is not None
    out = []
    spec_claims = {c.name: c for c in report.model.spec.claims}
    for r in report.verdicts:
        if r.status not in FAILED:
            continue
        message = f"claim {r.name} is {r.status}"
        extra = [x.strip() for x in details(r, report.model)]
        if extra:
            message += ": " + "\n".join(extra)
        level = "error" if r.status == Status.REFUTED else "warning"
        out.append(annotation(level, spec_claims[r.name].where, report.path, message))
    return out
