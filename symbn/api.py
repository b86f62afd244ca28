"""The public Python API, which the `symbn` command stands on.

    import symbn
    d = symbn.load("derivations/batchnorm_core.toml")  # InputError on bad input
    report = d.verify(timeout=30)                       # report.ok, report.claims[i].status
    symbn.latex(report, format="md")                    # the document, as a string
    symbn.numpy(report)                                 # the module's source, as a string
    symbn.numpy(report, module=True)                    # the module itself, imported
    symbn.torch(report), symbn.jax(report)              # the [layer] for PyTorch and JAX
    report["dm"]                                        # a claim, by name
    symbn.check("notes.md", context="ctx.toml")         # a Markdown document's findings
    symbn.verify_files([("a.toml", None)], jobs=2)      # FileReports, in order

A `Report` holds the verdicts and the verifier that reached them. What the emitters are
handed is its `verified` value (`symbn.verify.verdicts.Verified`), frozen and complete: the
closed form of every claim and the step-by-step derivations, computed once, when something
first shows them (the documents, the NumPy export).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from symbn.errors import InputError
from symbn.language.model import Model, build
from symbn.language.notation import formula
from symbn.source import reading, toml
from symbn.source.context import Context
from symbn.verify import budget
from symbn.verify.budget import Options
from symbn.verify.status import PASSED, Status
from symbn.verify.verdicts import Counterexample, FileReport, Result, Verified
from symbn.verify.verifier import Verifier

if TYPE_CHECKING:  # the Markdown reader loads when a document is checked, not at start-up
    from symbn.verify.document import Checked, Finding


@dataclass(frozen=True)
class Derivation:
    """A derivation file read and checked: every expression parsed, every index known."""

    path: str
    model: Model

    @property
    def title(self) -> str:
        return self.model.spec.title.value

    def __repr__(self) -> str:
        n = len(self.model.claims)
        return f"<Derivation {self.path}: {self.title!r}, {n} claim{'s' * (n != 1)}>"

    def verify(
        self,
        timeout: float = 30.0,
        seed: int = 0,
        each: Callable[[int, str, Result | None], None] | None = None,
    ) -> Report:
        """Prove or refute every claim, each within `timeout` seconds (a finite number
        greater than 0, else InputError, as `--timeout` is read). `each(n, name, result)`,
        when given, is called before claim n is tried (result None) and once it is decided."""
        options = Options(timeout=budget.seconds(timeout), seed=seed)
        start = time.perf_counter()
        verifier = Verifier(self.model, options)
        results = tuple(verifier.run(each))
        return Report(self, results, time.perf_counter() - start, verifier)


def load(path: str | Path) -> Derivation:
    """Read a TOML derivation file (InputError, located, when it is not one)."""
    return Derivation(str(path), build(toml.load(path)))


def loads(text: str | bytes, name: str = "<string>") -> Derivation:
    """Read a derivation from its text; `name` stands for the file in messages."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return Derivation(name, build(toml.loads(name, data)))


#: What `verify_files` calls in its process as each claim is taken up and decided:
#: each(derivation, n, claim name, result or None), as `Derivation.verify`'s `each`.
Each = Callable[["Derivation", int, str, "Result | None"], None]


def verify_file(
    path: str,
    data: bytes | None = None,
    timeout: float = 30.0,
    complete: bool = False,
    each: Each | None = None,
) -> FileReport:
    """One derivation file verified, or the InputError that stopped it: `data` are its bytes
    when it is not read from `path` (standard input, `path` then its name in messages);
    `complete` finds every closed form too, as `symbn verify --json` shows them."""
    try:
        d = loads(data, path) if data is not None else load(path)
    except InputError as exc:
        return FileReport(path, None, exc)
    told = None if each is None else functools.partial(each, d)
    report = d.verify(timeout=timeout, each=told)
    verified = report.verifier.verified(
        d.path, report.verdicts, report.seconds, closed_forms=complete
    )
    return FileReport(path, verified)


def verify_files(
    files: list[tuple[str, bytes | None]],
    timeout: float = 30.0,
    complete: bool = False,
    jobs: int = 1,
    each: Each | None = None,
) -> Iterator[FileReport]:
    """`verify_file` of each (path, data) in `files`, in their order, each as it is ready;
    with `jobs` > 1, in that many worker processes (`each` is then not called)."""
    budget.seconds(timeout)
    if jobs <= 1 or len(files) <= 1:
        for path, data in files:
            yield verify_file(path, data, timeout, complete, each)
        return
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - when asked

    executor = ProcessPoolExecutor(min(jobs, len(files)))
    try:
        n = len(files)
        yield from executor.map(
            verify_file, *zip(*files, strict=True), [timeout] * n, [complete] * n
        )
    finally:
        executor.shutdown(cancel_futures=True)


@dataclass(frozen=True)
class ClaimReport:
    """One claim's verdict, its formulas in the expression language of derivation files."""

    name: str
    title: str
    status: Status
    seconds: float
    closed_form: str | None
    residual: str | None
    counterexample: Counterexample | None
    reason: str


@dataclass
class Report:
    """The verdicts on every claim of a derivation, and what the verifier knew to reach them."""

    derivation: Derivation
    verdicts: tuple[Result, ...]
    seconds: float
    verifier: Verifier = field(repr=False, compare=False)
    _found: dict[str, Result] = field(default_factory=dict, repr=False, compare=False)

    @property
    def model(self) -> Model:
        return self.derivation.model

    @property
    def ok(self) -> bool:
        """Every claim proved or derived."""
        return all(r.status in PASSED for r in self.verdicts)

    @cached_property
    def verified(self) -> Verified:
        """The frozen value the emitters are handed: closed forms and derivations made."""
        return self.verifier.verified(
            self.derivation.path, self.verdicts, self.seconds, closed_forms=True, derivations=True
        )

    @property
    def results(self) -> tuple[Result, ...]:
        """The verdicts, each with the closed form of its lhs."""
        return self.verified.results

    def _result(self, r: Result) -> Result:
        """A verdict with the closed form of its lhs, found once."""
        if r.name not in self._found:
            self._found[r.name] = self.verifier.completed(r)
        return self._found[r.name]

    @property
    def claims(self) -> tuple[ClaimReport, ...]:
        return tuple(_claim_report(r) for r in self.results)

    def __getitem__(self, name: str) -> ClaimReport:
        """The claim called `name` (KeyError, naming the claims there are, when none is)."""
        found = next((r for r in self.verdicts if r.name == name), None)
        if found is None:
            names = ", ".join(r.name for r in self.verdicts) or "none"
            raise KeyError(f"no claim {name!r} in {self.derivation.path}; its claims: {names}")
        return _claim_report(self._result(found))

    def __contains__(self, name: object) -> bool:
        return any(r.name == name for r in self.verdicts)

    def __iter__(self) -> Iterator[ClaimReport]:
        return iter(self.claims)

    def __repr__(self) -> str:
        from symbn.emit.verdicts import summary  # noqa: PLC0415 - emitters load on use

        return f"<Report {self.derivation.path}: {summary(self.verdicts, self.seconds).strip()}>"

    def _shown(self, how: str) -> str:
        from symbn.emit import notebook, verdicts  # noqa: PLC0415 - emitters load on use

        table = notebook.html_table if how == "html" else notebook.markdown_list
        return table(
            self.derivation.title,
            verdicts.summary(self.verdicts, self.seconds).strip(),
            notebook.report_rows(self.model, self.results),
        )

    def _repr_html_(self) -> str:
        """The verdicts as an HTML table, coloured, with $...$ maths, for Jupyter."""
        return self._shown("html")

    def _repr_markdown_(self) -> str:
        """The verdicts as a Markdown list with $...$ maths, where HTML is not shown."""
        return self._shown("markdown")


def _claim_report(r: Result) -> ClaimReport:
    def shown(e):
        return None if e is None else formula(e)

    return ClaimReport(
        r.name,
        r.title,
        r.status,
        r.seconds,
        shown(r.closed_form),
        shown(r.residual),
        r.counterexample,
        r.reason,
    )


def latex(report: Report, format: str = "tex", notation: str | None = None) -> str:
    """The derivation as a standalone LaTeX document (`tex`) or as Markdown (`md`), in
    `notation`: index, or matrix where every side of an equation has an exact matrix form
    (None: the notation of the source)."""
    from symbn.emit.latex import document  # noqa: PLC0415 - emitters load on use

    return document.render(report.verified, format, notation)


def numpy(report: Report, module: bool = False) -> str | ModuleType:
    """The source of a standalone NumPy module of the derivation, or with `module` the
    module itself, imported from that source (RefusedError when a gradient claim of its
    layer is not proved)."""
    from symbn.emit.numpy import emitter, imported  # noqa: PLC0415 - emitters load on use

    source = emitter.module(report.verified)[0]
    if not module:
        return source
    return imported.module(source, Path(report.derivation.path).stem)


def torch(report: Report, module: bool = False) -> str | ModuleType:
    """The source of the PyTorch module of the derivation's [layer] (`Layer`, a
    torch.autograd.Function with the proved backward, and `layer(*inputs)`), or with
    `module` the module itself, imported (RefusedError when a gradient claim of the layer
    is not proved; InputError when the file has no [layer])."""
    return _framework(report, "torch", module)


def jax(report: Report, module: bool = False) -> str | ModuleType:
    """The source of the JAX module of the derivation's [layer] (`layer(*inputs)`, a
    jax.custom_vjp function with the proved backward), or with `module` the module itself,
    imported; refused as `torch` is."""
    return _framework(report, "jax", module)


def _framework(report: Report, backend: str, module: bool) -> str | ModuleType:
    from symbn.emit.frameworks import emitter  # noqa: PLC0415 - emitters load on use
    from symbn.emit.numpy import imported  # noqa: PLC0415 - emitters load on use

    source = emitter.module(report.verified, backend)
    if not module:
        return source
    return imported.module(source, f"{Path(report.derivation.path).stem}_{backend}")


@dataclass(frozen=True)
class Document:
    """A Markdown document checked line by line, as `symbn check` checks it: its findings
    (`symbn.verify.document.Finding`: where, kind, status, message, claim, details), in order."""

    checked: Checked

    @property
    def path(self) -> str:
        return self.checked.path

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.checked.findings

    @property
    def summary(self) -> dict[str, int]:
        """How many findings of each status (proved, refuted, unknown, unchecked, …)."""
        return self.checked.summary

    @property
    def seconds(self) -> float:
        return self.checked.seconds

    def status(self, strict: bool = False) -> int:
        """The exit status `symbn check` gives the document: 2 an error, 1 a line refuted
        or unknown, or equation rows none of which was checked (with `strict`, also a line
        unchecked), else 0."""
        from symbn.emit import findings  # noqa: PLC0415 - emitters load on use

        return findings.status(self.checked, strict=strict)

    @property
    def ok(self) -> bool:
        """No line refuted, unknown or in error."""
        return self.status() == 0

    def lines(self) -> list[str]:
        """The lines `symbn check` prints: each finding with its details, and the summary."""
        from symbn.emit import findings  # noqa: PLC0415 - emitters load on use

        return findings.text(self.checked)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __repr__(self) -> str:
        from symbn.emit import findings  # noqa: PLC0415 - emitters load on use

        return f"<Document {findings.summary(self.checked)}>"

    def _shown(self, how: str) -> str:
        from symbn.emit import findings, notebook  # noqa: PLC0415 - emitters load on use

        table = notebook.html_table if how == "html" else notebook.markdown_list
        summary = findings.summary(self.checked).removeprefix(f"{self.path}: ")
        return table(self.path, summary, notebook.document_rows(self.findings))

    def _repr_html_(self) -> str:
        """The findings as an HTML table, coloured, with the author's maths, for Jupyter."""
        return self._shown("html")

    def _repr_markdown_(self) -> str:
        """The findings as a Markdown list, where HTML is not shown."""
        return self._shown("markdown")


def check(
    path: str | Path, context: str | Path | Context | None = None, timeout: float = 30.0
) -> Document:
    """Check a Markdown document line by line, as `symbn check PATH [--context FILE]`
    does. `context` is a context file (or one read with `symbn.source.context`); None when
    the document has its own as `+++` front matter. InputError when the document or its
    context cannot be read or is bad."""
    from symbn.verify.document import check as check_text  # noqa: PLC0415 - on use
    from symbn.verify.document import load_context  # noqa: PLC0415 - the Markdown reader

    options = Options(timeout=budget.seconds(timeout))
    if isinstance(context, str | Path):
        context = load_context(str(context))
    elif context is not None and not isinstance(context, Context):
        raise TypeError(
            f"context is a path of a context file or a Context, not {type(context).__name__}"
        )
    text = reading.decode(str(path), reading.read_path(str(path)))  # as the command reads it
    return Document(check_text(text, str(path), context, options))
