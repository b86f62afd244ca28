"""A derivation as a document: standalone LaTeX (`tex`) or Markdown with display math (`md`).

`render(model, results, fmt)` lays out the title and description, the sizes, indices and
inputs, each definition as an equation, and each claim with its verdict and closed form;
claims with `steps = true` get their derivation line by line (`symbn.steps`). The maths is
printed by `symbn.texprint` and is the same in both formats (inside `aligned`, which KaTeX
and MathJax both take); text from the file is escaped, and its LaTeX is checked against a
whitelist first, so that nothing in a derivation file can run a TeX command.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import jinja2
import sympy as sp

from symbn import steps
from symbn.errors import InternalError, Location, SymbnError
from symbn.fold import folds, readable_bound
from symbn.model import Model
from symbn.source import read_toml
from symbn.texprint import (
    IndexLatexPrinter,
    UnsafeTexError,
    check_tex,
    escape_text,
)

FORMATS = ("tex", "md")
WIDTH = 60.0  # the widest line of a display, in the rough units of `width` (about a letter)

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("symbn", "templates"),
    undefined=jinja2.StrictUndefined,
    block_start_string="((*", block_end_string="*))",
    variable_start_string="(((", variable_end_string=")))",
    comment_start_string="((=", comment_end_string="=))",
    trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    autoescape=False,  # LaTeX and Markdown: every value is escaped before it gets here
)

VERDICTS = {"proved": "proved", "derived": "derived", "refuted": "refuted",
            "unknown": "unknown"}


def render(model: Model, results: list, fmt: str) -> str:
    """The document for `model`, whose verifier `results` are in claim order."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    names = _checked_names(model)
    doc = _Doc(model, names, fmt)
    ranges = dict(model.ranges)
    rules = folds(model, ranges)
    derivations = steps.derivations(model, results, rules, ranges)
    context = {
        "title": doc.prose(model.spec.title.value, ("derivation", 0, "title")),
        "description": doc.paragraphs(model.spec.description.value,
                                      ("derivation", 0, "description")),
        "sizes": [(doc.math(s.name), doc.prose(s.text, ("sizes", 0, s.name)))
                  for s in model.spec.sizes],
        "indices": doc.indices(),
        "inputs": [doc.input(inp) for inp in model.spec.inputs],
        "definitions": [doc.equation(model.element(name, d.index), [("", d.body)])
                        for name, d in model.definitions.items()],
        "claims": [doc.claim(n, c, r, derivations.get(c.name), ranges)
                   for n, (c, r) in enumerate(zip(model.claims, results, strict=True), 1)],
        "rules": [(doc.text(name), steps.IDENTITIES[name]) for name in doc.used_rules()],
    }
    return _env.get_template(f"document.{fmt}.j2").render(context)


class _Doc:
    def __init__(self, model: Model, names: dict[str, str], fmt: str):
        self.model = model
        self.names = names
        self.fmt = fmt
        self.printer = IndexLatexPrinter(names)
        self.rules_used: set[str] = set()

    # -- text -----------------------------------------------------------------------------
    def text(self, s: str) -> str:
        """Plain text that symbn wrote itself (escaped all the same)."""
        return escape_text(s) if self.fmt == "tex" else html.escape(s, quote=False)

    def math(self, tex: str) -> str:
        """Inline math from symbn's own LaTeX."""
        return rf"\({tex}\)" if self.fmt == "tex" else f"${tex}$"

    def prose(self, s: str, key: tuple) -> str:
        """One paragraph of the file's Markdown prose with $...$ math, for this format."""
        out = []
        for kind, piece, offset in _split_math(s, self._fail(key)):
            if kind == "text":
                try:
                    out.append(_markup(piece, self.fmt))
                except UnsafeTexError as exc:
                    raise self._fail(key)(exc.message, offset + exc.offset) from None
                continue
            try:
                check_tex(piece)
            except UnsafeTexError as exc:
                raise self._fail(key)(exc.message, offset + exc.offset) from None
            if kind == "inline":
                out.append(self.math(piece))
            elif self.fmt == "tex":
                out.append(rf"\[{piece}\]")
            else:
                out.append(f"\n$$\n{piece}\n$$\n")
        return "".join(out).strip()

    def paragraphs(self, s: str, key: tuple) -> list[str]:
        found, offset = [], 0
        for block in re.split(r"(\n[ \t]*\n)", s):
            if block.strip() and not block.isspace():
                found.append(self.prose(" ".join(block.split("\n")), key)
                             if "$$" not in block else self.prose(block, key))
            offset += len(block)
        return found

    def _fail(self, key: tuple):
        table, entry, name = key

        def fail(message: str, offset: int) -> SymbnError:
            return SymbnError(f"{_what(self.model, table, entry, name)}: {message}",
                              _locate(self.model, table, entry, name, offset))
        return fail

    # -- maths ----------------------------------------------------------------------------
    def tex(self, e: sp.Expr) -> str:
        return self.printer.doprint(e)

    def input(self, inp) -> tuple[str, str, str]:
        symbol = self.tex(self.model.element(inp.name))
        shape = (self.text("of shape ") + self.math(r" \times ".join(inp.shape)) if inp.shape
                 else self.text("a scalar"))
        notes = self.text("positive") if inp.positive else ""
        return self.math(symbol), shape, notes

    def indices(self) -> list[tuple[str, str]]:
        """[(the letters over one size, its range)], sizes in the order of their first index."""
        by_size: dict[str, list[str]] = {}
        for i in self.model.spec.indices:
            by_size.setdefault(i.text, []).append(i.name)
        return [(self.math(", ".join(letters)), self.math(rf"1, \ldots, {size}"))
                for size, letters in by_size.items()]

    def equation(self, lhs: sp.Expr, rhs: list[tuple[str, sp.Expr]]) -> str:
        """lhs = rhs_1 = rhs_2 ... as the body of an `aligned`, each rhs broken to fit;
        a non-empty label numbers its equals sign."""
        rows = []
        head = self.tex(lhs)
        for n, (label, e) in enumerate(rhs):
            op = rf"\overset{{({label})}}{{=}}" if label else "="
            pieces = breaks(e, self.printer, WIDTH)
            rows.append(f"{head if n == 0 else ''} &{op} {pieces[0]}")
            rows.extend(rf"&\qquad {p}" for p in pieces[1:])
        return " \\\\\n".join(rows)

    def chain(self, chain: steps.Chain) -> dict:
        lines = [(str(n), step.expr) for n, step in enumerate(chain.steps, 1)]
        legend = [(f"({n})", self.reasons(step.reasons))
                  for n, step in enumerate(chain.steps, 1)]
        return {"lhs": self.math(self.tex(chain.lhs)),
                "body": self.equation(chain.lhs, lines), "legend": legend}

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

    def claim(self, number: int, claim, result, derivation, ranges: dict) -> dict:
        shown = claim.rhs if claim.rhs is not None else result.closed_form
        statement = (self.equation(claim.lhs, [("", shown)]) if shown is not None
                     else self.tex(claim.lhs))
        closed = None
        if (result.closed_form is not None and claim.rhs is not None
                and result.status in ("proved", "derived")
                and _anonymous(result.closed_form) != _anonymous(claim.rhs)):
            closed = self.equation(claim.lhs, [("", result.closed_form)])
        residual = None
        if result.residual is not None and result.status in ("refuted", "unknown"):
            lhs = sp.Add(claim.lhs, -claim.rhs, evaluate=False) if claim.rhs is not None \
                else claim.lhs
            residual = self.equation(lhs, [("", readable_bound(result.residual, ranges))])
        cx = result.counterexample
        counterexample = None
        if cx is not None:
            at = ", ".join(f"{k} = {v}" for k, v in [*cx.sizes.items(), *cx.indices.items()])
            counterexample = (self.text("counterexample at ") + self.math(at)
                              + self.text(f": lhs = {cx.lhs}, rhs = {cx.rhs}"))
        out = {
            "number": number, "name": self.text(claim.name),
            "title": self.prose(claim.title, ("claim", number - 1, "title")),
            "verdict": VERDICTS.get(result.status, result.status),
            "statement": statement, "closed": closed, "residual": residual,
            "counterexample": counterexample,
            "reason": self.text(result.reason) if result.reason else "",
            "lemmas": [], "main": None,
        }
        if derivation is not None:
            out["lemmas"] = [self.chain(c) for c in derivation.lemmas]
            out["main"] = self.chain(derivation.main)
        return out

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


# -- breaking long lines ---------------------------------------------------------------------
def breaks(e: sp.Expr, printer: IndexLatexPrinter, limit: float) -> list[str]:
    """LaTeX of `e` cut at its outermost + and - into lines of at most `limit` (when it can
    be: a single term that is too wide stays whole); continuation lines start with + or -."""
    tex = printer.doprint(e)
    if width(tex) <= limit:
        return [tex]
    if isinstance(e, sp.Add):
        pieces: list[str] = []
        for n, t in enumerate(printer._as_ordered_terms(e)):
            sign, term = ("- ", -t) if n and t.could_extract_minus_sign() else \
                ("+ " if n else "", t)
            inner = breaks(term, printer, limit - 2)
            pieces.append(sign + inner[0])
            pieces.extend(inner[1:])
        return _pack(pieces, limit)
    if isinstance(e, sp.Sum) and isinstance(e.function, sp.Add):
        head = " ".join(rf"\sum_{{{printer.doprint(p)}=1}}^{{{printer.doprint(hi)}}}"
                        for p, _, hi in reversed(e.limits))
        return _wrap(head, breaks(e.function, printer, limit - 4))
    if isinstance(e, sp.Mul):
        sign = ""
        if e.could_extract_minus_sign():
            sign, e = "- ", -e
        factors = sp.Mul.make_args(e)
        wide = [f for f in factors if isinstance(f, sp.Add | sp.Sum)]
        if wide:
            big = max(wide, key=lambda f: width(printer.doprint(f)))
            rest = printer.doprint(sp.Mul(*[f for f in factors if f is not big]))
            inner = breaks(big, printer, limit - 4)
            if len(inner) > 1 or isinstance(big, sp.Add):
                return _wrap(sign + (rest if rest != "1" else ""), inner)
            return [sign + rest + " " + inner[0]]
    return [tex]


def _wrap(head: str, inner: list[str]) -> list[str]:
    if len(inner) == 1:
        return [rf"{head} \left({inner[0]}\right)"]
    return [rf"{head} \Bigl({inner[0]}", *inner[1:-1], rf"{inner[-1]} \Bigr)"]


def _pack(pieces: list[str], limit: float) -> list[str]:
    lines: list[str] = []
    for piece in pieces:
        if lines and width(lines[-1]) + width(piece) <= limit:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines


_WIDE = {"sum": 1.6, "prod": 1.6, "quad": 1.0, "qquad": 2.0, "partial": 0.9}
_ZERO = {"left", "right", "Bigl", "Bigr", "bigl", "bigr", "displaystyle", ",", ";", "!"}
_ARG = {"mathrm", "mathcal", "mathbf", "operatorname", "text", "hat", "bar", "tilde",
        "widehat", "overline", "vec", "dot", "mathit", "boldsymbol"}


def width(tex: str) -> float:
    """The rough printed width of `tex`, in letters: fractions are as wide as their wider
    part, sub- and superscripts count less, spaces and braces nothing."""
    value, _ = _width(tex, 0)
    return value


def _width(tex: str, n: int, stop: str = "") -> tuple[float, int]:
    total = 0.0
    while n < len(tex):
        c = tex[n]
        if c == stop:
            return total, n + 1
        if c == "\\":
            m = n + 1
            while m < len(tex) and tex[m].isalpha():
                m += 1
            name = tex[n + 1 : m] or tex[n + 1 : n + 2]
            n = max(m, n + 2)
            if name == "frac":
                top, n = _group(tex, n)
                bottom, n = _group(tex, n)
                total += max(top, bottom) + 0.4
            elif name in _ARG:
                inner, n = _group(tex, n)
                total += inner
            elif name in ("left", "right"):
                total += 0.5
                n += 1 if n < len(tex) and tex[n] != "\\" else 0
            elif name not in _ZERO:
                total += _WIDE.get(name, 1.0)
            continue
        if c in "^_":
            inner, n = _group(tex, n + 1)
            total += 0.7 * inner
            continue
        if c == "{":
            inner, n = _width(tex, n + 1, "}")
            total += inner
            continue
        if c in "+-=":
            total += 1.8
        elif not c.isspace() and c != "&":
            total += 1.0
        n += 1
    return total, n


def _group(tex: str, n: int) -> tuple[float, int]:
    while n < len(tex) and tex[n].isspace():
        n += 1
    if n < len(tex) and tex[n] == "{":
        return _width(tex, n + 1, "}")
    return _width(tex[n : n + 1], 0)[0], n + 1


# -- the file's own text ---------------------------------------------------------------------
def _checked_names(model: Model) -> dict[str, str]:
    names = {}
    inputs = {inp.name for inp in model.spec.inputs}
    defines = [d.name for d in model.spec.defines]
    for name, tex in sorted(model.latex_names.items()):
        key = (("inputs", 0, name) if name in inputs
               else ("define", defines.index(name), "latex"))
        try:
            names[name] = check_tex(tex, name=True)
        except UnsafeTexError as exc:
            raise SymbnError(f"latex name of {name!r}: {exc.message}",
                             _locate(model, *key, exc.offset)) from None
    return names


def _split_math(s: str, fail) -> list[tuple[str, str, int]]:
    """[(text | inline | display, piece, offset in s)]; \\$ is a literal dollar."""
    out = []
    n, start = 0, 0
    while n < len(s):
        if s[n] == "\\" and s[n + 1 : n + 2] == "$":
            n += 2
            continue
        if s[n] != "$":
            n += 1
            continue
        delim = "$$" if s.startswith("$$", n) else "$"
        end = s.find(delim, n + len(delim))
        if end < 0:
            raise fail(f"the math opened by {delim} is not closed", n)
        out.append(("text", s[start:n], start))
        kind = "display" if delim == "$$" else "inline"
        out.append((kind, s[n + len(delim) : end], n + len(delim)))
        n = start = end + len(delim)
    out.append(("text", s[start:], start))
    return [x for x in out if x[1] or x[0] != "text"]


_MARKUP = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|`([^`]+)`")


def _markup(s: str, fmt: str) -> str:
    """**bold**, *emphasis* and `code` of Markdown prose, the rest escaped."""
    s = s.replace("\\$", "$")
    if fmt == "md":
        return html.escape(s, quote=False).replace("$", "\\$")
    out, last = [], 0
    for m in _MARKUP.finditer(s):
        out.append(escape_text(s[last : m.start()]))
        bold, emph, code = m.groups()
        if bold is not None:
            out.append(rf"\textbf{{{escape_text(bold)}}}")
        elif emph is not None:
            out.append(rf"\emph{{{escape_text(emph)}}}")
        else:
            out.append(rf"\texttt{{{escape_text(code)}}}")
        last = m.end()
    out.append(escape_text(s[last:]))
    return "".join(out)


def _what(model: Model, table: str, entry: int, key: str) -> str:
    if table == "derivation":
        return f"the {key} of the derivation"
    if table == "sizes":
        return f"the description of size {key!r}"
    return f"the title of claim {model.spec.claims[entry].name!r}"


def _locate(model: Model, table: str, entry: int, key: str, offset: int) -> Location:
    """Where character `offset` of the string `key` of a table stands in the file."""
    spec = model.spec
    try:
        _, smap = read_toml(spec.path, Path(spec.path).read_bytes())
    except (OSError, SymbnError):
        return spec.title.where if table == "derivation" else Location(spec.path, 1, 1)
    if table == "inputs":
        return smap.inner_key("inputs", 0, key, "latex")
    value = _value(spec, table, entry, key)
    where = smap.value(table, entry, key, value).where
    if where.col > 1:  # a basic string "..." doubles each backslash; a literal '...' not
        basic = where.source[where.col - 2] == '"'
    else:  # a multi-line string that starts on the line after its quotes
        basic = smap.line_text(where.line - 1).rstrip().endswith('"""')
    before = value[:offset]
    segment = before[before.rfind("\n") + 1 :]
    escapes = segment.count("\\") + segment.count('"') if basic else 0
    if "\n" in before:
        return smap.at(where.line + before.count("\n"), len(segment) + 1 + escapes)
    return smap.at(where.line, where.col + len(segment) + escapes)


def _value(spec, table: str, entry: int, key: str) -> str:
    if table == "derivation":
        return getattr(spec, key).value
    if table == "sizes":
        return next(s.text for s in spec.sizes if s.name == key)
    if table == "define":
        return spec.defines[entry].latex or ""
    return spec.claims[entry].title


# -- the PDF ---------------------------------------------------------------------------------
PDFLATEX = "pdflatex"


def compile_pdf(tex: str, engine: str = PDFLATEX) -> bytes:
    """The PDF of a document from `render(..., "tex")`, made by `engine` in a scratch folder.

    Shell escape is off and TeX may read and write only inside that folder (openin_any and
    openout_any paranoid). No engine on PATH is the user's to fix (SymbnError); a document
    that does not compile is symbn's bug (InternalError, with the end of the log)."""
    found = shutil.which(engine)
    if found is None:
        raise SymbnError(f"{engine} was not found on PATH; install TeX Live (on Debian: "
                         "apt-get install texlive-latex-base), or write the .tex and compile "
                         "it yourself")
    env = {**os.environ, "openin_any": "p", "openout_any": "p"}
    with tempfile.TemporaryDirectory(prefix="symbn-latex-") as tmp:
        Path(tmp, "document.tex").write_text(tex, encoding="utf-8")
        try:
            done = subprocess.run(
                [found, "-halt-on-error", "-interaction=nonstopmode", "-no-shell-escape",
                 "document.tex"], cwd=tmp, env=env, capture_output=True, timeout=300,
                check=False)
        except subprocess.TimeoutExpired:
            raise InternalError(f"{engine} ran for more than 300 s") from None
        pdf = Path(tmp, "document.pdf")
        if done.returncode != 0 or not pdf.exists():
            log = done.stdout.decode("utf-8", "replace").strip().splitlines()
            raise InternalError(f"{engine} failed on the generated document (exit "
                                f"{done.returncode}):\n" + "\n".join(log[-20:]))
        return pdf.read_bytes()
