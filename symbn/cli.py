"""The `symbn` command. Exit status: 0 ok, 1 a claim failed or files are stale, 2 bad input,
3 internal error."""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

from symbn import generate, npemit
from symbn import latex as document
from symbn.errors import InternalError, SymbnError
from symbn.fold import readable_bound
from symbn.model import build
from symbn.spec import load
from symbn.texprint import latex
from symbn.verify import Options, Verifier

OK, FAILED, BAD_INPUT, INTERNAL = 0, 1, 2, 3
DEFAULT_DIR = "derivations"


def derivation_paths(paths: list[str]) -> list[str]:
    """The files named, or every *.toml in derivations/ when none is."""
    if paths:
        out = []
        for p in paths:
            path = Path(p)
            out.extend(sorted(str(q) for q in path.glob("*.toml")) if path.is_dir() else [p])
        return out
    folder = Path(DEFAULT_DIR)
    if not folder.is_dir():
        raise SymbnError(f"no {DEFAULT_DIR}/ folder here; name the derivation files to verify")
    found = sorted(str(q) for q in folder.glob("*.toml"))
    if not found:
        raise SymbnError(f"{DEFAULT_DIR}/ holds no .toml derivation files")
    return found


def load_model(path: str):
    return build(load(path))


def cmd_verify(args: argparse.Namespace) -> int:
    options = Options(timeout=args.timeout)
    status = OK
    report = []
    for path in derivation_paths(args.paths):
        try:
            model = load_model(path)
        except SymbnError as exc:
            print(exc, file=sys.stderr)
            status = max(status, BAD_INPUT)
            continue
        start = time.perf_counter()
        verifier = Verifier(model, options)
        results = []
        if not args.json:
            print(f"{path}: {model.spec.title.value}")
        for claim in model.claims:
            result = verifier.claim(claim)
            results.append(result)
            if not args.json:
                print(line(result))
                for extra in details(result, model):
                    print(f"      {extra}")
            if result.status in ("refuted", "unknown"):
                status = max(status, FAILED)
        if not args.json:
            print(summary(results, time.perf_counter() - start))
        report.append(as_json(path, model, results))
    if args.json:
        json.dump({"derivations": report}, sys.stdout, indent=2, sort_keys=False)
        print()
    return status


def cmd_latex(args: argparse.Namespace) -> int:
    model = load_model(args.path)
    results = Verifier(model, Options(timeout=args.timeout)).run()
    text = document.render(model, results, args.format)
    if args.pdf:
        if args.format != "tex":
            raise SymbnError("--pdf makes the PDF of the LaTeX document; drop --format md")
        out = Path(args.output or Path(args.path).with_suffix(".pdf").name)
        out.write_bytes(document.compile_pdf(text))
        print(f"wrote {out}", file=sys.stderr)
    elif args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return FAILED if any(r.status in ("refuted", "unknown") for r in results) else OK


def cmd_numpy(args: argparse.Namespace) -> int:
    model = load_model(args.path)
    text = npemit.render(model, Verifier(model, Options(timeout=args.timeout)).run())
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return OK


def cmd_generate(args: argparse.Namespace) -> int:
    folder = Path(args.out)
    options = Options(timeout=args.timeout)
    status = OK
    stale: list[Path] = []
    for path in derivation_paths(args.paths):
        files = generate.outputs(path, folder, options)
        changed = generate.stale(files)
        if args.check:
            stale.extend(changed)
            continue
        for out in files:
            if out.path in changed:
                generate.write_atomic(out.path, out.data)
                print(f"wrote {out.path}")
    if stale:
        for p in stale:
            print(f"stale: {p}", file=sys.stderr)
        print(f"{len(stale)} generated file(s) out of date; run `symbn generate`",
              file=sys.stderr)
        status = FAILED
    return status


def line(result) -> str:
    return f"  {result.status:<8} {result.seconds:7.3f} s  {result.name}"


def details(result, model) -> list[str]:
    out = []
    if result.status in ("refuted", "unknown") and result.residual is not None:
        out.append(f"lhs - rhs = {readable_bound(result.residual, dict(model.ranges))}")
    if result.reason:
        out.append(result.reason)
    cx = result.counterexample
    if cx is not None:
        sizes = ", ".join(f"{k}={v}" for k, v in cx.sizes.items())
        idx = ", ".join(f"{k}={v}" for k, v in cx.indices.items())
        out.append(f"counterexample: {sizes}" + (f"; {idx}" if idx else ""))
        out.append(f"  lhs = {cx.lhs}, rhs = {cx.rhs}")
        for name, value in cx.inputs.items():
            out.append(f"  {name} = {json.dumps(value)}")
    return out


def summary(results, seconds: float) -> str:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    parts = ", ".join(f"{n} {s}" for s in ("proved", "derived", "refuted", "unknown")
                      if (n := counts.get(s, 0)))
    return f"  {len(results)} claims: {parts} ({seconds:.2f} s)"


def as_json(path: str, model, results) -> dict:
    claims = []
    for r in results:
        cx = r.counterexample
        claims.append({
            "name": r.name,
            "status": r.status,
            "seconds": round(r.seconds, 4),
            "closed_form": None if r.closed_form is None else str(r.closed_form),
            "latex": None if r.closed_form is None else latex(r.closed_form, model.latex_names),
            "counterexample": None if cx is None else {
                "sizes": cx.sizes, "indices": cx.indices, "inputs": cx.inputs,
                "lhs": cx.lhs, "rhs": cx.rhs},
            "residual": None if r.residual is None else str(r.residual),
            "reason": r.reason or None,
        })
    return {"path": path, "title": model.spec.title.value, "claims": claims}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="symbn", description="Verify hand-written backprop "
                                "derivations in Kronecker-delta index notation.")
    p.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("verify", help="prove or refute every claim")
    v.add_argument("paths", nargs="*", metavar="PATH",
                   help=f"derivation files or folders (default: {DEFAULT_DIR}/)")
    v.add_argument("--json", action="store_true", help="print the results as JSON")
    v.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="time budget of each claim; past it the claim is unknown (default 30)")
    v.set_defaults(run=cmd_verify)
    t = sub.add_parser("latex", help="write the derivation as a LaTeX or Markdown document",
                       description="Write the derivation as a document: the definitions, every "
                       "claim with its verdict and closed form, and the step-by-step "
                       "derivations of the claims marked steps = true. Exit status 1 when a "
                       "claim is refuted or unknown (the document is written all the same).")
    t.add_argument("path", metavar="PATH", help="a derivation file")
    t.add_argument("-o", "--output", metavar="FILE",
                   help="write here (default: standard output; with --pdf, PATH's name .pdf)")
    t.add_argument("--format", choices=("tex", "md"), default="tex",
                   help="tex: a standalone LaTeX document; md: Markdown with $$ display math")
    t.add_argument("--pdf", action="store_true",
                   help="compile the LaTeX document with pdflatex and write the PDF")
    t.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="time budget of each claim; past it the claim is unknown (default 30)")
    t.set_defaults(run=cmd_latex)
    n = sub.add_parser("numpy", help="write a standalone NumPy module of the derivation",
                       description="Write a module that imports only numpy: one vectorized "
                       "function per definition and per claim, and forward/backward when the "
                       "file has a [layer] table.")
    n.add_argument("path", metavar="PATH", help="a derivation file")
    n.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    n.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="time budget of each claim; past it the claim is unknown (default 30)")
    n.set_defaults(run=cmd_numpy)
    g = sub.add_parser("generate", help="regenerate generated/ (LaTeX, Markdown, NumPy)",
                       description="Render the tex, md and py files of every derivation into "
                       "the output folder, writing only files that change. With --check, "
                       "write nothing and exit 1 naming every file that is out of date.")
    g.add_argument("paths", nargs="*", metavar="PATH",
                   help=f"derivation files or folders (default: {DEFAULT_DIR}/)")
    g.add_argument("--check", action="store_true",
                   help="exit 1 if regeneration would change or add any file")
    g.add_argument("--out", default="generated", metavar="DIR",
                   help="output folder (default: generated)")
    g.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="time budget of each claim; past it the claim is unknown (default 30)")
    g.set_defaults(run=cmd_generate)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except SymbnError as exc:
        print(exc, file=sys.stderr)
        return BAD_INPUT
    except InternalError as exc:
        print(f"symbn: internal error: {exc}", file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        return INTERNAL
    except KeyboardInterrupt:
        print("symbn: interrupted", file=sys.stderr)
        return INTERNAL
    except Exception as exc:  # a bug in symbn, not in the input
        print(f"symbn: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        return INTERNAL


if __name__ == "__main__":
    sys.exit(main())
