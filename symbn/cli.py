"""The `symbn` command.

Exit status: 0 ok; 1 a claim failed, files are stale or an export was refused; 2 bad input or
usage (an unwritable output path included); 3 an internal error (symbn's own bug); 130 when
interrupted (Ctrl-C); 141 when the reader of standard output went away (`symbn verify | head`),
quietly, as `cat` does.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
import traceback
from pathlib import Path

from symbn import __version__
from symbn.emit import files as generate
from symbn.emit import verdicts as report
from symbn.emit.latex import document
from symbn.emit.numpy import emitter as npemit
from symbn.errors import InputError, InternalError, RefusedError
from symbn.model import Model, build
from symbn.readers.toml import load, loads
from symbn.spec import Spec
from symbn.verify import Options, Verifier

OK, FAILED, BAD_INPUT, INTERNAL = 0, 1, 2, 3
INTERRUPTED, BROKEN_PIPE = 130, 141
DEFAULT_DIR = "derivations"
STDIN = "-"


def derivation_paths(paths: list[str], command: str) -> list[str]:
    """The files named (a folder stands for its *.toml files), or every *.toml in
    derivations/ when none is; a folder without derivation files is bad input."""
    if not paths:
        if not Path(DEFAULT_DIR).is_dir():
            raise InputError(f"no {DEFAULT_DIR}/ folder here; name the derivation files to "
                             f"{command}")
        paths = [DEFAULT_DIR]
    out = []
    for p in paths:
        path = Path(p)
        if p != STDIN and path.is_dir():
            found = sorted(str(q) for q in path.glob("*.toml"))
            if not found:
                raise InputError(f"{p} holds no .toml derivation files")
            out.extend(found)
        else:
            out.append(p)
    return out


def shown(path: str) -> str:
    """How a path is named in messages: standard input as <stdin>."""
    return "<stdin>" if path == STDIN else path


def read_spec(path: str) -> Spec:
    """A derivation file, or standard input for `-`."""
    if path == STDIN:
        return loads(shown(path), sys.stdin.buffer.read())
    return load(path)


def read_model(path: str) -> Model:
    return build(read_spec(path))


def write_output(path: str, data: bytes, inputs: list[str]) -> None:
    """Write `data` to `path` (atomically), refusing to overwrite an input."""
    target = Path(path)
    for inp in inputs:
        if inp != STDIN and (target.resolve() == Path(inp).resolve() or (
                target.exists() and Path(inp).exists() and os.path.samefile(target, inp))):
            raise InputError(f"cannot write {path}: it is the input {inp}; choose another "
                             "output path")
    try:
        generate.write_atomic(target, data, make_parents=False)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None


# -- the commands --------------------------------------------------------------------------
def cmd_verify(args: argparse.Namespace) -> int:
    options = Options(timeout=args.timeout)
    fmt = "json" if args.json else args.format
    status = OK
    reports: list[report.FileReport] = []
    for path in derivation_paths(args.paths, "verify"):
        start = time.perf_counter()
        try:
            model = read_model(path)
        except InputError as exc:
            rep = report.FileReport(shown(path), None, (), 0.0, exc)
            if fmt == "text":
                print(exc, file=sys.stderr)
            status = max(status, BAD_INPUT)
        else:
            results = tuple(Verifier(model, options).run())
            rep = report.FileReport(shown(path), model, results, time.perf_counter() - start)
            if any(r.status in report.FAILED for r in results):
                status = max(status, FAILED)
            if fmt == "text":
                print("\n".join(report.text(rep)), flush=True)
        reports.append(rep)
        if fmt == "github":
            for line in report.github(rep):
                print(line, flush=True)
    if fmt == "json":
        json.dump(report.document(reports), sys.stdout, indent=2)
        print()
    return status


def _failed_claims(results) -> list[str]:
    return [f"claim {r.name} is {r.status}" for r in results if r.status in report.FAILED]


def cmd_latex(args: argparse.Namespace) -> int:
    if args.pdf and args.format != "tex":
        raise InputError("--pdf makes the PDF of the LaTeX document; drop --format md")
    model = read_model(args.path)
    results = Verifier(model, Options(timeout=args.timeout)).run()
    text = document.render(model, results, args.format)
    if args.pdf:
        out = args.output or Path(args.path).with_suffix(".pdf").name
        write_output(out, document.compile_pdf(text), [args.path])
        print(f"wrote {out}", file=sys.stderr)
    elif args.output:
        write_output(args.output, text.encode("utf-8"), [args.path])
    else:
        sys.stdout.write(text)
    failed = _failed_claims(results)
    for line in failed:
        print(f"symbn: warning: {line}; the document shows it so", file=sys.stderr)
    return FAILED if failed else OK


def cmd_numpy(args: argparse.Namespace) -> int:
    model = read_model(args.path)
    results = Verifier(model, Options(timeout=args.timeout)).run()
    text, warnings = npemit.module(model, results)
    if args.output:
        write_output(args.output, text.encode("utf-8"), [args.path])
    else:
        sys.stdout.write(text)
    for line in warnings:
        print(f"symbn: warning: {line}", file=sys.stderr)
    return FAILED if warnings else OK


def cmd_generate(args: argparse.Namespace) -> int:
    folder = Path(args.out)
    options = Options(timeout=args.timeout)
    if STDIN in args.paths:
        raise InputError("generate names its files after the derivation files; it cannot "
                         "read standard input")
    paths = derivation_paths(args.paths, "generate")
    status = OK
    problems: list[str] = []
    for path in paths:
        outcome = generate.outputs(path, folder, options)
        for line in outcome.warnings:
            print(f"symbn: warning: {path}: {line}", file=sys.stderr)
            status = FAILED
        if outcome.refused:
            print(f"symbn: error: {outcome.refused}", file=sys.stderr)
            status = FAILED
        for out in outcome.files:
            state = generate.state(out)
            if state == "current":
                continue
            if args.check:
                problems.append(f"{state}: {out.path}")
                continue
            try:
                generate.write_atomic(out.path, out.data)
            except OSError as exc:
                raise InputError(f"cannot write {out.path}: {exc.strerror or exc}") from None
            print(f"wrote {out.path}")
    if not args.paths or all(Path(p).is_dir() for p in args.paths):
        for orphan in generate.orphans(folder, paths):
            problems.append(f"orphan: {orphan} (no derivation {orphan.stem}.toml)")
    for line in problems:
        print(line, file=sys.stderr)
    if args.check and problems:
        print(f"{len(problems)} generated file(s) out of date; run `symbn generate`",
              file=sys.stderr)
        status = FAILED
    return status


# -- the parser ----------------------------------------------------------------------------
def seconds(text: str) -> float:
    """A time budget: a finite number of seconds greater than zero."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"the time budget must be a finite number of seconds "
                                         f"greater than 0, not {text!r}")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="symbn", description="Verify hand-written backprop "
                                "derivations in Kronecker-delta index notation.")
    p.add_argument("--version", action="version", version=f"symbn {__version__}")
    p.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    budget = argparse.ArgumentParser(add_help=False)
    budget.add_argument("--timeout", type=seconds, default=30.0, metavar="SECONDS",
                        help="time budget of each claim; past it the claim is unknown "
                             "(default 30)")
    sub = p.add_subparsers(dest="command", required=True)
    many = f"derivation files or folders (default: {DEFAULT_DIR}/); - reads standard input"
    v = sub.add_parser("verify", parents=[budget], help="prove or refute every claim")
    v.add_argument("paths", nargs="*", metavar="PATH", help=many)
    v.add_argument("--format", choices=("text", "json", "github"), default="text",
                   help="text: one line per claim; json: one JSON document; github: "
                        "::error annotations for GitHub Actions")
    v.add_argument("--json", action="store_true", help="the same as --format json")
    v.set_defaults(run=cmd_verify)
    one = "a derivation file; - reads standard input"
    t = sub.add_parser("latex", parents=[budget],
                       help="write the derivation as a LaTeX or Markdown document",
                       description="Write the derivation as a document: the definitions, every "
                       "claim with its verdict and closed form, and the step-by-step "
                       "derivations of the claims marked steps = true. Exit status 1 when a "
                       "claim is refuted or unknown (the document is written all the same).")
    t.add_argument("path", metavar="PATH", help=one)
    t.add_argument("-o", "--output", metavar="FILE",
                   help="write here (default: standard output; with --pdf, PATH's name .pdf)")
    t.add_argument("--format", choices=("tex", "md"), default="tex",
                   help="tex: a standalone LaTeX document; md: Markdown with $$ display math")
    t.add_argument("--pdf", action="store_true",
                   help="compile the LaTeX document with pdflatex and write the PDF")
    t.set_defaults(run=cmd_latex)
    n = sub.add_parser("numpy", parents=[budget],
                       help="write a standalone NumPy module of the derivation",
                       description="Write a module that imports only numpy: one vectorized "
                       "function per definition and per claim, and forward/backward when the "
                       "file has a [layer] table. Exit status 1 (and no module) when a "
                       "gradient claim of the layer is refuted or unknown; 1 with a warning "
                       "when another claim is.")
    n.add_argument("path", metavar="PATH", help=one)
    n.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    n.set_defaults(run=cmd_numpy)
    g = sub.add_parser("generate", parents=[budget],
                       help="regenerate generated/ (LaTeX, Markdown, NumPy)",
                       description="Render the tex, md and py files of every derivation into "
                       "the output folder, writing only files that change. With --check, "
                       "write nothing and exit 1 naming every file that is stale, missing or "
                       "left over from a derivation that no longer exists.")
    g.add_argument("paths", nargs="*", metavar="PATH",
                   help=f"derivation files or folders (default: {DEFAULT_DIR}/)")
    g.add_argument("--check", action="store_true",
                   help="exit 1 if regeneration would change, add or leave over any file")
    g.add_argument("--out", default="generated", metavar="DIR",
                   help="output folder (default: generated)")
    g.set_defaults(run=cmd_generate)
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
    except InternalError as exc:
        print(exc, file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        return INTERNAL
    except Exception as exc:  # a bug in symbn, not in the input
        print(f"symbn: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        return INTERNAL


if __name__ == "__main__":
    sys.exit(main())
