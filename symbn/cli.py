"""The `symbn` command. Exit status: 0 ok, 1 a claim failed or files are stale, 2 bad input,
3 internal error."""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

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
