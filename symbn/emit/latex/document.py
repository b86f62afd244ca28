"""A derivation as a document: standalone LaTeX (`tex`) or Markdown with display math (`md`).

`render(model, results, fmt)` lays out the title and description, the sizes, indices and
inputs, each definition as an equation, and each claim with its verdict and closed form;
claims with `steps = true` get their derivation line by line (`symbn.verify.steps`). The maths is
printed by `texprint`, cut into lines by `texbreak`, and is the same in both
formats (inside `aligned`, which KaTeX and MathJax both take); text from the file goes through
`prose`, which escapes it and checks its LaTeX against a whitelist first, so that
nothing in a derivation file can run a TeX command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import sympy as sp

from symbn.emit import templates
from symbn.emit.latex import prose
from symbn.emit.latex.forms import Forms
from symbn.emit.latex.texbreak import breaks, values, width
from symbn.emit.latex.texprint import IndexLatexPrinter
from symbn.errors import InputError, InternalError
from symbn.language import indices
from symbn.language.model import Model
from symbn.source.spec import Text
from symbn.verify import steps
from symbn.verify.status import FAILED, PASSED
from symbn.verify.verdicts import Verified

FORMATS = ("tex", "md")
# The widest row of a display, left-hand side included, in the letters of `texbreak.width`:
# measured rows print at 5.0-6.5 pt a letter, and the text is 472 pt wide (A4, 2.2 cm margins).
LINE_LETTERS = 70.0
HEAD = LINE_LETTERS / 3  # a left-hand side wider than this stands on lines of its own
INDENT = r"\qquad"  # in front of a continuation line


def render(report: Verified, fmt: str, notation: str | None = None) -> str:
    """The document of a verified derivation, as `tex` or `md`, in `notation` (index or
    matrix; None: the notation of the source)."""
    return written(report, fmt, notation)[0]


def written(report: Verified, fmt: str, notation: str | None = None) -> tuple[str, list[str]]:
    """The document, and a line for each equation asked for in matrix form that is shown in
    index form because symbn knows no exact matrix form of it."""
    if fmt not in FORMATS:
        raise InputError(f"unknown document format {fmt!r}; expected tex or md")
    model, results = report.model, report.results
    names = prose.checked_names(model)
    doc = _Doc(model, names, fmt, notation)
    derivations = report.derivations
    if derivations is None:
        raise InternalError("a document needs the derivations of the verify stage")
    context = {
        "title": doc.paragraph(model.spec.title, "the title of the derivation"),
        "description": doc.paragraphs(model.spec.description, "the description of the derivation"),
        "sizes": [
            (doc.math(s.name), doc.paragraph(s.description, f"the description of size {s.name!r}"))
            for s in model.spec.sizes
        ],
        "indices": doc.indices(),
        "inputs": [doc.input(inp) for inp in model.spec.inputs],
        "definitions": doc.definitions(),
        "glossary": doc.glossary(),
        "claims": [
            doc.claim(n, c, r, derivations.get(c.name))
            for n, (c, r) in enumerate(zip(model.claims, results, strict=True), 1)
        ],
        "rules": [(doc.text(name), steps.IDENTITIES[name]) for name in doc.used_rules()],
    }
    context["matrix_note"] = doc.forms.note(fmt) if doc.forms.used else ""
    return templates.render(f"document.{fmt}.j2", **context), doc.forms.fallbacks


class _Doc:
    def __init__(self, model: Model, names: dict[str, str], fmt: str, notation: str | None):
        self.model = model
        self.fmt = fmt
        self.printer = IndexLatexPrinter(names)
        self.forms = Forms(model, notation, names)
        self.rules_used: set[str] = set()

    # -- text -----------------------------------------------------------------------------
    def text(self, s: str) -> str:
        """Plain text that symbn wrote itself (escaped all the same)."""
        return prose.text(s, self.fmt)

    def math(self, tex: str) -> str:
        """Inline math from symbn's own LaTeX."""
        return prose.math(tex, self.fmt)

    def paragraph(self, s: Text, what: str) -> str:
        """One paragraph of the file's prose (`what` names it in a refusal)."""
        return prose.paragraph(s, what, self.fmt)

    def paragraphs(self, s: Text, what: str) -> list[str]:
        return prose.paragraphs(s, what, self.fmt)

    def described(self, s: Text | None, what: str) -> str:
        """The description of an input, definition or claim ("" when it has none)."""
        return "" if s is None or not s.value.strip() else " ".join(self.paragraphs(s, what))

    # -- maths ----------------------------------------------------------------------------
    def tex(self, e: sp.Expr) -> str:
        return self.printer.doprint(e)

    def input(self, inp) -> tuple[str, str, str, str]:
        symbol = self.tex(self.model.element(inp.name))
        shape = (
            self.text("of shape ") + self.math(r" \times ".join(inp.shape))
            if inp.shape
            else self.text("a scalar")
        )
        notes = self.text("positive") if inp.positive else ""
        described = self.described(inp.description, f"the description of input {inp.name!r}")
        return self.math(symbol), shape, notes, described

    def glossary(self) -> list[tuple[str, str]]:
        """[(a definition's symbol, its description)] for the definitions that have one."""
        return [
            (
                self.math(
                    self.tex(self.model.element(d.name, self.model.definitions[d.name].index))
                ),
                self.described(d.description, f"the description of definition {d.name!r}"),
            )
            for d in self.model.spec.defines
            if d.description is not None and d.description.value.strip()
        ]

    def indices(self) -> list[tuple[str, str]]:
        """[(the letters over one size, its range)], sizes in the order of their first index."""
        by_size: dict[str, list[str]] = {}
        for i in self.model.spec.indices:
            by_size.setdefault(i.size, []).append(i.name)
        return [
            (self.math(", ".join(letters)), self.math(rf"1, \ldots, {size}"))
            for size, letters in by_size.items()
        ]

    def equation(
        self,
        lhs: sp.Expr | str,
        rhs: list[tuple[str, sp.Expr | str]],
        column: float | None = None,
    ) -> str:
        """lhs = rhs_1 = rhs_2 ... as the body of an `aligned` whose rows fit LINE_LETTERS; a
        non-empty label numbers its equals sign; a str lhs is LaTeX already, and kept whole.

        Each rhs is broken to the room the left-hand column leaves, `column` being that
        column's width (the widest lhs of the display; default this lhs's). A column wider
        than HEAD, or no rhs at all, puts lhs on lines of its own (broken too), each rhs
        starting a line below it with its equals sign. A str rhs (a matrix form) is kept
        whole."""
        head = lhs if isinstance(lhs, str) else self.tex(lhs)
        column = width(head) if column is None else column
        rows = []
        if column > HEAD or not rhs:
            lines = (
                [head]
                if isinstance(lhs, str)
                else breaks(lhs, self.printer, LINE_LETTERS - width(INDENT), LINE_LETTERS)
            )
            rows = [f"&{lines[0]}", *(rf"&{INDENT} {p}" for p in lines[1:])]
            head, column = "", 0.0
        for n, (label, e) in enumerate(rhs):
            op = rf"\overset{{({label})}}{{=}}" if label else "="
            pieces = (
                [e]
                if isinstance(e, str)
                else breaks(
                    e,
                    self.printer,
                    LINE_LETTERS - column - width(INDENT),
                    LINE_LETTERS - column - width(op),
                )
            )
            rows.append(f"{head if n == 0 else ''} &{op} {pieces[0]}")
            rows.extend(rf"&{INDENT} {p}" for p in pieces[1:])
        return " \\\\\n".join(rows)

    def definitions(self) -> list[str]:
        """Each definition as an equation, all in one display (so one left-hand column)."""
        rows: list[tuple[sp.Expr | str, sp.Expr | str]] = []
        for name, d in self.model.definitions.items():
            matrix = self.forms.equation(d, f"definition {name}", [(d.body, d.index)])
            if matrix is None:
                rows.append((self.model.element(name, d.index), d.body))
            else:
                rows.append((self.forms.tensor(name), matrix[0]))
        column = max(
            (width(h if isinstance(h, str) else self.tex(h)) for h, _ in rows), default=0.0
        )
        return [self.equation(h, [("", body)], column) for h, body in rows]

    def chain(self, chain: steps.Chain) -> dict:
        lines = [(str(n), step.expr) for n, step in enumerate(chain.steps, 1)]
        legend = [(f"({n})", self.reasons(step.reasons)) for n, step in enumerate(chain.steps, 1)]
        return {
            "lhs": self.math(self.tex(chain.lhs)),
            "body": self.equation(chain.lhs, lines),
            "legend": legend,
        }

    def reasons(self, reasons: tuple[steps.Reason, ...]) -> str:
        out = []
        for r in reasons:
            if r.kind == "rule":
                self.rules_used.add(r.name)
                out.append(self.text(r.name))
            elif r.kind == "definition":
                out.append(self.text("definition of ") + self.math(self.symbol(r.name)))
            elif r.kind == "fold":
                out.append(self.text("folding back into ") + self.math(self.symbol(r.name)))
            elif r.kind == "claim":
                number = [c.name for c in self.model.claims].index(r.name) + 1
                out.append(self.text(f"by claim {number}"))
            elif r.kind == "lemma":
                out.append(self.text(f"by lemma {r.name}"))
            else:
                out.append(self.text("collecting terms"))
        return "; ".join(out)

    def symbol(self, name: str) -> str:
        return self.printer.name(name)

    def shown(self, claim, what: str, *sides: sp.Expr) -> list[sp.Expr | str]:
        """The sides of one of a claim's equations, all in matrix form or all in index form."""
        where = f"claim {claim.name}{what}"
        matrix = self.forms.equation(claim, where, [(e, claim.free) for e in sides])
        return list(sides) if matrix is None else list(matrix)

    def claim(self, number: int, claim, result, derivation) -> dict:
        shown = claim.rhs if claim.rhs is not None else result.closed_form
        sides = self.shown(claim, "", claim.lhs, *([shown] if shown is not None else []))
        statement = self.equation(sides[0], [("", sides[1])] if shown is not None else [])
        closed = None
        if (
            result.closed_form is not None
            and claim.rhs is not None
            and result.status in PASSED
            and _anonymous(result.closed_form) != _anonymous(claim.rhs)
        ):
            lhs, form = self.shown(claim, " (its closed form)", claim.lhs, result.closed_form)
            closed = self.equation(lhs, [("", form)])
        residual = None
        if result.residual is not None and result.status in FAILED:
            # the two sides stand just above, in the statement
            left = self.shown(claim, "", claim.lhs)[0] if claim.rhs is None else None
            lhs = r"\mathrm{lhs} - \mathrm{rhs}" if left is None else left
            readable = indices.readable(result.residual, self.model.letters)
            residual = self.equation(lhs, [("", self.shown(claim, " (its residual)", readable)[0])])
        cx = result.counterexample
        counterexample = None
        if cx is not None:
            at = ", ".join(f"{k} = {v}" for k, v in [*cx.sizes.items(), *cx.indices.items()])
            counterexample = {
                "at": (
                    self.text("counterexample at ")
                    + self.math(at)
                    + self.text(f": lhs = {cx.lhs}, rhs = {cx.rhs}")
                ),
                "inputs": self.inputs(cx.inputs),
            }
        out = {
            "number": number,
            "name": self.text(claim.name),
            "title": self.paragraph(
                self.model.spec.claims[number - 1].title, f"the title of claim {claim.name!r}"
            ),
            "description": self.described(
                self.model.spec.claims[number - 1].description,
                f"the description of claim {claim.name!r}",
            ),
            "verdict": result.status,
            "statement": statement,
            "closed": closed,
            "residual": residual,
            "counterexample": counterexample,
            "reason": self.text(result.reason) if result.reason else "",
            "lemmas": [],
            "main": None,
        }
        if derivation is not None:
            out["lemmas"] = [self.chain(c) for c in derivation.lemmas]
            out["main"] = self.chain(derivation.main)
        return out

    def inputs(self, inputs: dict) -> str:
        """The body of an `aligned` giving each input's values (name -> nested lists or a
        number), name by name, every row within LINE_LETTERS (`texbreak.values` cuts large arrays
        into blocks); empty for no inputs."""
        symbols = {name: self.symbol(name) for name in inputs}
        column = max((width(s) for s in symbols.values()), default=0.0)
        while True:  # the room left depends on the widest block name, which depends on it
            rows = [
                row
                for name, value in inputs.items()
                for row in values(symbols[name], value, LINE_LETTERS - column - width("="))
            ]
            widest = max((width(lhs) for lhs, _ in rows), default=0.0)
            if widest <= column:
                return " \\\\\n".join(f"{lhs} &= {rhs}" for lhs, rhs in rows)
            column = widest

    def used_rules(self) -> list[str]:
        return [name for name in steps.IDENTITIES if name in self.rules_used]


def _anonymous(e: sp.Expr) -> sp.Expr:
    """`e` with its bound indices renamed by position, to compare two forms up to them."""
    count = 0

    def visit(x: sp.Expr) -> sp.Expr:
        nonlocal count
        if isinstance(x, sp.Sum):
            names = {}
            for p, _, _ in x.limits:
                count += 1
                names[p] = sp.Symbol(f"_bound{count}", integer=True)
            body = visit(x.function.xreplace(names))
            return sp.Sum(body, *[(names[p], lo, hi) for p, lo, hi in x.limits])
        if not x.args:
            return x
        return x.func(*[visit(a) for a in x.args])

    return visit(e)


# -- the PDF ---------------------------------------------------------------------------------
PDFLATEX = "pdflatex"


def compile_pdf(tex: str, engine: str = PDFLATEX) -> bytes:
    """The PDF of a document from `render(..., "tex")`, made by `engine` in a scratch folder.

    Shell escape is off and TeX may read and write only inside that folder (openin_any and
    openout_any paranoid). No engine on PATH is the user's to fix (InputError); a document
    that does not compile is symbn's bug (InternalError, with the end of the log)."""
    found = shutil.which(engine)
    if found is None:
        raise InputError(
            f"{engine} was not found on PATH; install TeX Live (on Debian: "
            "apt-get install texlive-latex-base), or write the .tex and compile "
            "it yourself"
        )
    env = {**os.environ, "openin_any": "p", "openout_any": "p"}
    with tempfile.TemporaryDirectory(prefix="symbn-latex-") as tmp:
        Path(tmp, "document.tex").write_text(tex, encoding="utf-8")
        try:
            done = subprocess.run(
                [
                    found,
                    "-halt-on-error",
                    "-interaction=nonstopmode",
                    "-no-shell-escape",
                    "document.tex",
                ],
                cwd=tmp,
                env=env,
                capture_output=True,
                timeout=300,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise InternalError(f"{engine} ran for more than 300 s") from None
        pdf = Path(tmp, "document.pdf")
        if done.returncode != 0 or not pdf.exists():
            log = done.stdout.decode("utf-8", "replace").strip().splitlines()
            raise InternalError(
                f"{engine} failed on the generated document (exit "
                f"{done.returncode}):\n" + "\n".join(log[-20:])
            )
        return pdf.read_bytes()
