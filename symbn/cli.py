"""The `symbn` command.

Exit status: 0 ok; 1 a claim failed, files are stale or an export was refused; 2 bad input or
usage (an unwritable output path included); 3 an internal error (symbn's own bug); 130 when
interrupted (Ctrl-C); 141 when the reader of standard output went away (`symbn verify | head`),
quietly, as `cat` does.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

from symbn import __version__, api
from symbn.emit import exports, outpath, progress, verdicts
from symbn.errors import InputError, InternalError, RefusedError
from symbn.source import reading
from symbn.source.paths import DEFAULT_DIR, STDIN, derivation_paths, document_paths
from symbn.source.toml import is_derivation
from symbn.verify import budget
from symbn.verify.verdicts import FileReport

OK, FAILED, BAD_INPUT, INTERNAL = 0, 1, 2, 3
INTERRUPTED, BROKEN_PIPE = 130, 141


def shown(path: str) -> str:
    """How a path is named in messages: standard input as <stdin>."""
    return "<stdin>" if path == STDIN else path


def read(path: str) -> api.Derivation:
    """A derivation file, or standard input for `-`."""
    return api.loads(data_of(path), shown(path)) if path == STDIN else api.load(path)


def data_of(path: str) -> bytes:
    """A file's bytes, or standard input's for `-` (within the size cap)."""
    if path == STDIN:
        return reading.read_stream(sys.stdin.buffer, shown(path))
    return reading.read_path(path)


def output(path: str | None, inputs: list[str]) -> outpath.Target | None:
    """The output path checked before any work: never an input, always writable."""
    return None if path is None else outpath.target(path, inputs, stdin=STDIN)


# -- the commands --------------------------------------------------------------------------
def cmd_verify(args: argparse.Namespace) -> int:
    fmt = "json" if args.json else args.format
    paths = derivation_paths(args.paths, "verify")
    if args.derivations_only:  # as the pre-commit hook runs it: every .toml that changed
        paths = [p for p in paths if p == STDIN or is_derivation(p)]
    data = {p: data_of(p) for p in dict.fromkeys(paths) if p == STDIN}
    files = [(shown(p), data.get(p)) for p in paths]
    live = progress.Status() if fmt == "text" and (args.jobs == 1 or len(files) == 1) else None
    each = None if live is None else progress.Claims(live)
    work = progress.Status() if live is None else None  # with -j: the file awaited
    if work is not None and files:
        work.show(f"verifying {files[0][0]} (1/{len(files)}, -j {args.jobs})")
    status = OK
    reports: list[FileReport] = []
    for n, rep in enumerate(api.verify_files(files, args.timeout, fmt == "json", args.jobs, each)):
        if work is not None:
            work.clear()
        if rep.error is not None:  # in file order, as each is ready
            if fmt == "text":
                print(rep.error, file=sys.stderr)
            status = max(status, BAD_INPUT)
        else:
            if verdicts.failed(rep.verdicts):
                status = max(status, FAILED)
            if fmt == "text" and live is None:
                print("\n".join(verdicts.text(rep)), flush=True)
            elif fmt == "text":
                print(verdicts.summary(rep.verdicts, rep.seconds), flush=True)
        reports.append(rep)
        if fmt == "github":
            for line in verdicts.github(rep):
                print(line, flush=True)
        if work is not None and n + 1 < len(files):
            work.show(f"verifying {files[n + 1][0]} ({n + 2}/{len(files)}, -j {args.jobs})")
    if fmt == "json":
        json.dump(verdicts.document(reports), sys.stdout, indent=2)
        print()
    return status


def cmd_latex(args: argparse.Namespace) -> int:
    from symbn.emit.latex import document  # noqa: PLC0415 - emitters load on use

    if args.pdf and args.format != "tex":
        raise InputError("--pdf makes the PDF of the LaTeX document; drop --format md")
    if args.pdf and args.path == STDIN and not args.output:
        raise InputError("--pdf of standard input needs -o FILE to name the PDF")
    name = args.output or (Path(args.path).with_suffix(".pdf").name if args.pdf else None)
    out = output(name, [args.path])
    report = read(args.path).verify(timeout=args.timeout)
    text, fallbacks = document.written(report.verified, args.format, args.notation)
    if args.pdf:
        outpath.write(out, document.compile_pdf(text))
        print(f"wrote {name}", file=sys.stderr)
    elif out:
        outpath.write(out, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    failed = verdicts.failed(report.verdicts)
    for line in [*fallbacks, *(f"{x}; the document shows it so" for x in failed)]:
        print(f"symbn: warning: {line}", file=sys.stderr)
    return FAILED if failed else OK


def cmd_export(args: argparse.Namespace) -> int:
    from symbn.emit import files  # noqa: PLC0415 - emitters load on use

    out = output(args.output, [args.path])
    report = read(args.path).verify(timeout=args.timeout)
    text, warnings = files.source(report.verified, args.command)
    if out:
        outpath.write(out, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    for line in warnings:
        print(f"symbn: warning: {line}", file=sys.stderr)
    return FAILED if warnings else OK


def cmd_generate(args: argparse.Namespace) -> int:
    from symbn.emit import files  # noqa: PLC0415 - emitters load on use

    if STDIN in args.paths:
        raise InputError(
            "generate names its files after the derivation files; it cannot read standard input"
        )
    paths = derivation_paths(args.paths, "generate")
    whole = not args.paths or all(Path(p).is_dir() for p in args.paths)
    try:
        backends = exports.backends(args.backends)
    except ValueError as exc:
        raise InputError(f"--backends: {exc}") from None
    run = files.Run(args.out, paths, check=args.check, whole=whole, backends=backends)
    return run.generate(lambda path: api.load(path).verify(timeout=args.timeout).verified)


def cmd_check(args: argparse.Namespace) -> int:
    from symbn.emit import findings, report  # noqa: PLC0415 - emitters load on use
    from symbn.verify import document  # noqa: PLC0415 - the Markdown readers load on use

    paths = document_paths(args.paths)
    if args.report:
        report.refuse(args.report, paths)
    out = output(args.report, [*paths, *([args.context] if args.context else [])])
    context = document.load_context(args.context) if args.context else None
    options = document.Options(timeout=args.timeout)
    status, work = OK, progress.Status()
    done = []
    for path in paths:
        work.show(f"{shown(path)}: checking")
        try:
            checked = document.check(
                reading.decode(shown(path), data_of(path)), shown(path), context, options
            )
        except InputError as exc:
            work.clear()
            print(exc, file=sys.stderr)
            status = max(status, BAD_INPUT)
            continue
        work.clear()
        done.append(checked)
        status = max(status, findings.status(checked, strict=args.strict))
        if not args.json:
            print("\n".join(findings.text(checked)), flush=True)
    if args.json:
        json.dump(findings.document(done), sys.stdout, indent=2, ensure_ascii=False)
        print()
    if out and done:
        outpath.write(out, report.report(done[0], Path(args.report).suffix))
    return status


def cmd_context(args: argparse.Namespace) -> int:
    from symbn.language.latex import completed, guessed  # noqa: PLC0415 - the reader on use

    text, path = reading.decode(shown(args.path), data_of(args.path)), shown(args.path)
    if args.context:  # a partial context, completed from the document
        sys.stdout.write(completed.completed_text(text, path, args.context, data_of(args.context)))
    else:
        sys.stdout.write(guessed.toml_of(text, path))
    return OK


# -- the parser ----------------------------------------------------------------------------
def seconds(text: str) -> float:
    """A time budget: a finite number of seconds greater than zero (`budget.seconds`)."""
    try:
        number = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    try:
        return budget.seconds(number)
    except InputError:  # said as typed: `-1`, not `-1.0`
        raise argparse.ArgumentTypeError(f"{budget.RULE}, not {text!r}") from None


def jobs(text: str) -> int:
    """A number of worker processes: a whole number, at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"-j takes at least 1 process, not {value}")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="symbn",
        description="Verify hand-written backprop derivations in Kronecker-delta index notation.",
    )
    p.add_argument("--version", action="version", version=f"symbn {__version__}")
    p.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    budget = argparse.ArgumentParser(add_help=False)
    budget.add_argument(
        "--timeout",
        type=seconds,
        default=30.0,
        metavar="SECONDS",
        help="time budget of each claim; past it the claim is unknown (default 30)",
    )
    sub = p.add_subparsers(dest="command", required=True)
    many = f"derivation files or folders (default: {DEFAULT_DIR}/); - reads standard input"
    v = sub.add_parser("verify", parents=[budget], help="prove or refute every claim")
    v.add_argument("paths", nargs="*", metavar="PATH", help=many)
    v.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text: one line per claim; json: one JSON document; github: "
        "::error annotations for GitHub Actions",
    )
    v.add_argument("--json", action="store_true", help="the same as --format json")
    v.add_argument(
        "-j",
        "--jobs",
        type=jobs,
        default=1,
        metavar="N",
        help="verify N files at a time, in N processes (output in file order, as with -j 1)",
    )
    v.add_argument(
        "--derivations-only",
        action="store_true",
        help="skip a named file that is not a derivation (no [derivation] table, "
        "or a *.context.toml), as the pre-commit hook does",
    )
    v.set_defaults(run=cmd_verify)
    one = "a derivation file; - reads standard input"
    t = sub.add_parser(
        "latex",
        parents=[budget],
        help="write the derivation as a LaTeX or Markdown document",
        description="Write the derivation as a document: the definitions, every "
        "claim with its verdict and closed form, and the step-by-step "
        "derivations of the claims marked steps = true. Exit status 1 when a "
        "claim is refuted or unknown (the document is written all the same).",
    )
    t.add_argument("path", metavar="PATH", help=one)
    t.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write here (default: standard output; with --pdf, PATH's name .pdf)",
    )
    t.add_argument(
        "--format",
        choices=("tex", "md"),
        default="tex",
        help="tex: a standalone LaTeX document; md: Markdown with $$ display math",
    )
    t.add_argument("--pdf", action="store_true", help="compile the LaTeX with pdflatex")
    t.add_argument(
        "--notation",
        choices=("index", "matrix"),
        help="index: X_{n,d}, sums and deltas; matrix: X^T G, 1^T G, ⊙ where every side of "
        "an equation has an exact matrix form (the rest in index form, each named on "
        "stderr); default: the notation of the source",
    )
    t.set_defaults(run=cmd_latex)
    for backend in exports.BACKENDS:
        what, long = exports.HELP[backend]
        n = sub.add_parser(backend, parents=[budget], help=what, description=long)
        n.add_argument("path", metavar="PATH", help=one)
        n.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
        n.set_defaults(run=cmd_export)
    g = sub.add_parser(
        "generate",
        parents=[budget],
        help="regenerate generated/ (LaTeX, Markdown, NumPy)",
        description="Render the tex, md and py files of every derivation into "
        "the output folder, writing only files that change. With --check, "
        "write nothing and exit 1 naming every file that is stale, missing or "
        "left over from a derivation that no longer exists.",
    )
    g.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=f"derivation files or folders (default: {DEFAULT_DIR}/)",
    )
    g.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if regeneration would change, add or leave over any file",
    )
    g.add_argument(
        "--out", default="generated", metavar="DIR", help="output folder (default: generated)"
    )
    g.add_argument(
        "--backends",
        default="numpy",
        metavar="LIST",
        help="modules to write, of numpy,torch,jax (default: numpy)",
    )
    g.set_defaults(run=cmd_generate)
    c = sub.add_parser(
        "check",
        parents=[budget],
        help="check a Markdown derivation line by line, as it is written",
        description="Read a derivation written as Markdown with LaTeX maths "
        "and check every display line: definitions, equations, &= steps, "
        "cases, matrices, annotations and sizes, one finding a line. Exit "
        "status 1 when a line is refuted or when no equation row could be "
        "checked (with --strict, also when one is unchecked), 2 on bad input.",
    )
    c.add_argument(
        "paths",
        nargs="*",
        metavar="DOC",
        help="Markdown documents, Jupyter notebooks (.ipynb) or LaTeX sources (.tex) "
        f"(default: every *.md of {DEFAULT_DIR}/ but README.md); - reads standard input",
    )
    c.add_argument(
        "--context",
        metavar="FILE",
        help="the context (a TOML file: sizes, indices, inputs, defines, loss) "
        "of documents without +++ front matter",
    )
    c.add_argument("--json", action="store_true", help="print one JSON document")
    c.add_argument("--strict", action="store_true", help="exit 1 when a line is unchecked, too")
    c.add_argument(
        "--report",
        metavar="OUT",
        help="write the document with the verdict of each line: OUT.md, "
        "OUT.html (maths by KaTeX, else MathML) or OUT.pdf (pdflatex)",
    )
    c.set_defaults(run=cmd_check)
    x = sub.add_parser("context", help="print the context symbn infers from a document (TOML)")
    x.add_argument("path", metavar="DOC", help="a Markdown document; - reads standard input")
    x.add_argument("--context", metavar="FILE", help="print this partial context completed")
    x.set_defaults(run=cmd_context)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return BAD_INPUT
    except RefusedError as exc:
        print(exc, file=sys.stderr)
        return FAILED
    except BrokenPipeError:
        # the reader is gone: say nothing more, and keep Python from complaining at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return BROKEN_PIPE
    except KeyboardInterrupt:
        print("symbn: interrupted", file=sys.stderr)
        return INTERRUPTED
    except Exception as exc:  # a bug in symbn (an InternalError says which), not in the input
        said = isinstance(exc, InternalError)
        print(
            exc if said else f"symbn: internal error: {type(exc).__name__}: {exc}", file=sys.stderr
        )
        if args.debug:
            traceback.print_exc()
        return INTERNAL


if __name__ == "__main__":
    sys.exit(main())
