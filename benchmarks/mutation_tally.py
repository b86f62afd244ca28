"""Mutation testing of the verifier: can a plausible slip in a proved claim get past it?

For every claim of derivations/*.toml that symbn proves, mutants are made mechanically on the
syntax tree of its lhs and rhs text: a sign flipped, a term dropped, two indices swapped, N
replaced by N - 1 in a denominator, an exponent moved by one (-3/2 to -1/2), a concrete
index moved, the side multiplied by (1 + 1/N^2). Each mutant is a one-claim derivation file.

Whether a mutant is still true is decided without the rewrite rules: both sides are
evaluated numerically (symbn.verify.concrete: explicit sums, perturbed elements) at random inputs
and several sizes, with seeds of its own. A mutant whose sides agree everywhere sampled is
"equivalent"; one whose sides differ somewhere must come back refuted, with a
counterexample, never proved and never unknown.

    python benchmarks/mutation_tally.py [--per-kind K | --all] [--timeout S] [-v]

Prints the tally: mutants made, refuted, equivalent, other (anything else, listed).
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import multiprocessing
import os
import re
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from symbn.errors import InputError
from symbn.language.model import Model, build
from symbn.source.toml import derivation_files, load, loads
from symbn.verify import concrete
from symbn.verify.verifier import Options, Verifier

ROOT = Path(__file__).resolve().parent.parent
KINDS = (
    "flip-sign",
    "drop-term",
    "swap-indices",
    "denominator-minus-one",
    "exponent",
    "move-concrete-index",
    "scale",
)
JUDGE_SEEDS = (101, 202, 303)  # the verifier's own seed is 0: the judge draws other points


@dataclass(frozen=True)
class Mutant:
    path: str  # the derivation file
    claim: str  # the claim it comes from
    side: str  # "lhs" or "rhs"
    kind: str
    text: str  # the mutated side


@dataclass
class Outcome:
    mutant: Mutant
    judged: str  # equivalent | different | undecided | invalid
    status: str = ""  # what symbn said: proved | refuted | unknown | derived | bad input
    counterexample: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """A different mutant refuted with a counterexample; an equivalent one not refuted."""
        if self.judged == "different":
            return self.status == "refuted" and self.counterexample
        if self.judged == "equivalent":
            return self.status != "refuted"
        return self.judged == "invalid"


@dataclass
class Tally:
    outcomes: list[Outcome] = field(default_factory=list)
    proved: dict[str, list[str]] = field(default_factory=dict)  # file -> its proved claims

    def count(self, test: Callable[[Outcome], bool]) -> int:
        return sum(1 for o in self.outcomes if test(o))

    @property
    def made(self) -> int:
        return self.count(lambda o: o.judged != "invalid")

    @property
    def refuted(self) -> int:
        return self.count(lambda o: o.judged == "different" and o.ok)

    @property
    def equivalent(self) -> int:
        return self.count(lambda o: o.judged == "equivalent" and o.ok)

    @property
    def other(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    def lines(self) -> list[str]:
        made, refuted = self.made, self.refuted
        different = self.count(lambda o: o.judged == "different")
        out = [
            f"mutants made: {made} (plus {self.count(lambda o: o.judged == 'invalid')} "
            "that are not valid derivations, refused as bad input)",
            f"refuted:      {refuted} of {different} that differ "
            f"({100 * refuted / max(1, different):.1f}%)",
            f"equivalent:   {self.equivalent} (true mutants; symbn proved "
            f"{self.count(lambda o: o.judged == 'equivalent' and o.status == 'proved')})",
            f"other:        {len(self.other)}",
        ]
        out.append(
            "by kind:      "
            + ", ".join(
                f"{k} {self.count(lambda o, k=k: o.mutant.kind == k and o.judged == 'different')}"
                f"/{self.count(lambda o, k=k: o.mutant.kind == k and o.judged != 'invalid')}"
                for k in KINDS
            )
            + "  (differing/made)"
        )
        for o in self.other:
            m = o.mutant
            out.append(
                f"  OTHER {m.path} {m.claim} {m.side} {m.kind}: judged {o.judged}, "
                f"symbn said {o.status}: {m.text}"
            )
        return out


# --- making mutants ------------------------------------------------------------------------


def _paths(tree: ast.AST) -> Iterator[tuple[tuple, ast.AST]]:
    """(path, node) for every expression node, pre-order; a path is a tuple of steps."""

    def visit(node: ast.AST, path: tuple) -> Iterator[tuple[tuple, ast.AST]]:
        yield path, node
        for name, value in ast.iter_fields(node):
            if isinstance(value, list):
                for n, item in enumerate(value):
                    if isinstance(item, ast.expr):
                        yield from visit(item, (*path, (name, n)))
            elif isinstance(value, ast.expr):
                yield from visit(value, (*path, (name, None)))

    yield from visit(tree, ())


def _replaced(tree: ast.Expression, path: tuple, new: ast.expr) -> str:
    tree = copy.deepcopy(tree)
    if not path:
        return ast.unparse(new)
    parent: ast.AST = tree.body
    for name, n in path[:-1]:
        parent = getattr(parent, name) if n is None else getattr(parent, name)[n]
    name, n = path[-1]
    if n is None:
        setattr(parent, name, new)
    else:
        getattr(parent, name)[n] = new
    return ast.unparse(tree)


def _number(node: ast.expr) -> Fraction | None:
    """The value of a numeric literal expression such as -3/2, else None."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return Fraction(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _number(node.operand)
        return None if inner is None else -inner
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        a, b = _number(node.left), _number(node.right)
        return None if a is None or not b else a / b
    return None


def _literal(value: Fraction) -> ast.expr:
    return ast.parse(
        f"({value.numerator}/{value.denominator})"
        if value.denominator != 1
        else f"({value.numerator})",
        mode="eval",
    ).body


def _call(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name


class _Swap(ast.NodeTransformer):
    """Exchange two index letters everywhere in a subtree."""

    def __init__(self, a: str, b: str):
        self.pair = {a: b, b: a}

    def visit_Name(self, node: ast.Name) -> ast.Name:
        return ast.Name(self.pair.get(node.id, node.id), ast.Load())


def _mentions(node: ast.AST, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))


def _signs(node: ast.AST) -> Iterator[tuple[str, ast.expr]]:
    """flip-sign and drop-term at one node."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub):
        flipped = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
        yield "flip-sign", ast.BinOp(node.left, flipped, node.right)
        yield "drop-term", node.left
        yield (
            "drop-term",
            (node.right if isinstance(node.op, ast.Add) else ast.UnaryOp(ast.USub(), node.right)),
        )
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        yield "flip-sign", node.operand


def _powers(node: ast.AST) -> Iterator[tuple[str, ast.expr]]:
    """An exponent moved by one (sqrt is the power 1/2)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        value = _number(node.right)
        if value is not None:
            for new in (value + 1, value - 1):
                if new:
                    yield "exponent", ast.BinOp(node.left, ast.Pow(), _literal(new))
    if _call(node, "sqrt") and len(node.args) == 1:
        for new in (Fraction(3, 2), Fraction(-1, 2)):
            yield "exponent", ast.BinOp(node.args[0], ast.Pow(), _literal(new))


def _concrete(node: ast.AST) -> Iterator[tuple[str, ast.expr]]:
    """A concrete index (in a subscript or a Delta) moved by one."""
    if isinstance(node, ast.Subscript):
        entries = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        for n, entry in enumerate(entries):
            if isinstance(entry, ast.Constant) and type(entry.value) is int:
                for new in (entry.value + 1, entry.value - 1):
                    if new >= 1:
                        moved = copy.deepcopy(node)
                        if isinstance(moved.slice, ast.Tuple):
                            moved.slice.elts[n] = ast.Constant(new)
                        else:
                            moved.slice = ast.Constant(new)
                        yield "move-concrete-index", moved
    if _call(node, "Delta") and len(node.args) == 2:
        for n, arg in enumerate(node.args):
            if isinstance(arg, ast.Constant) and type(arg.value) is int:
                args = list(node.args)
                args[n] = ast.Constant(arg.value + 1)
                yield "move-concrete-index", ast.Call(node.func, args, [])


def _swaps(
    node: ast.AST, ranges: dict[str, str], pairs: list[tuple[str, str]]
) -> Iterator[tuple[str, ast.expr]]:
    """Two free indices of one range exchanged in this subtree only; the subscripts of one
    element exchanged when they range alike; the arguments of a Delta exchanged."""
    for a, b in pairs:
        if _mentions(node, {a, b}):
            yield "swap-indices", _Swap(a, b).visit(copy.deepcopy(node))
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Tuple):
        first, second = node.slice.elts[:2]
        if (
            isinstance(first, ast.Name)
            and isinstance(second, ast.Name)
            and ranges.get(first.id) == ranges.get(second.id) is not None
        ):
            swapped = copy.deepcopy(node)
            swapped.slice.elts[0], swapped.slice.elts[1] = second, first
            yield "swap-indices", swapped
    if _call(node, "Delta") and len(node.args) == 2:
        yield "swap-indices", ast.Call(node.func, node.args[::-1], [])


def mutate(
    text: str, sizes: list[str], ranges: dict[str, str], pairs: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Every (kind, mutated text) of one side. `ranges` maps index names to size names,
    `pairs` lists the free indices that range alike (a swap of them stays well-formed)."""
    tree = ast.parse(text, mode="eval")
    body = tree.body
    out: list[tuple[str, str]] = [("flip-sign", ast.unparse(ast.UnaryOp(ast.USub(), body)))]
    out += [("scale", f"({text}) * (1 + 1/{size}**2)") for size in sizes]
    for path, node in _paths(body):
        out += [
            (kind, _replaced(tree, path, new))
            for kind, new in [
                *_signs(node),
                *_powers(node),
                *_concrete(node),
                *_swaps(node, ranges, pairs),
            ]
        ]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            for sub_path, sub in _paths(node.right):
                if isinstance(sub, ast.Name) and sub.id in sizes:
                    minus = ast.BinOp(ast.Name(sub.id, ast.Load()), ast.Sub(), ast.Constant(1))
                    out.append(
                        (
                            "denominator-minus-one",
                            _replaced(tree, (*path, ("right", None), *sub_path), minus),
                        )
                    )
    seen, unique = {ast.unparse(body)}, []
    for kind, new_text in out:
        if new_text not in seen:
            seen.add(new_text)
            unique.append((kind, new_text))
    return unique


def header(text: str) -> str:
    """The file without its claims and its [layer] table (which names claims)."""
    kept, skipping = [], False
    for line in text.split("\n"):
        if re.match(r"\s*\[", line):
            skipping = bool(re.match(r"\s*\[\[\s*claim\s*\]\]|\s*\[\s*layer\s*\]", line))
        if not skipping:
            kept.append(line)
    return "\n".join(kept).rstrip() + "\n"


def claim_file(head: str, name: str, lhs: str, rhs: str) -> bytes:
    return (
        f"{head}\n[[claim]]\nname = {json.dumps(name)}\nlhs = {json.dumps(lhs)}\n"
        f"rhs = {json.dumps(rhs)}\n"
    ).encode()


def proved_claims(verifier: Verifier) -> list[tuple[str, str, str]]:
    """(name, lhs text, rhs text) of every claim of the verifier's model that it proves."""
    specs = {c.name: c for c in verifier.model.spec.claims}
    out = []
    for claim in verifier.model.claims:
        if verifier.claim(claim).status == "proved":
            spec = specs[claim.name]
            out.append((claim.name, spec.lhs.value, spec.rhs.value))
    return out


def all_mutants(path: Path, proved: list[tuple[str, str, str]]) -> list[tuple[Mutant, str, str]]:
    """(mutant, lhs, rhs) for every mutant of the `proved` claims of `path`."""
    model = build(load(path))
    sizes = [str(s) for s in model.sizes]
    ranges = {i.name: str(i.size) for i in model.indices}
    out = []
    for name, lhs, rhs in proved:
        free = [str(i) for i in next(c.free for c in model.claims if c.name == name)]
        pairs = [
            (a, b) for n, a in enumerate(free) for b in free[n + 1 :] if ranges[a] == ranges[b]
        ]
        for side, text in (("lhs", lhs), ("rhs", rhs)):
            for kind, new in mutate(text, sizes, ranges, pairs):
                mutant = Mutant(path.name, name, side, kind, new)
                out.append((mutant, new if side == "lhs" else lhs, new if side == "rhs" else rhs))
    return out


def sample(mutants: list, per_kind: int | None) -> list:
    """At most `per_kind` mutants of each kind for each claim, picked by a stable hash."""
    if per_kind is None:
        return mutants
    groups: dict[tuple, list] = {}
    for item in mutants:
        m = item[0]
        groups.setdefault((m.path, m.claim, m.kind), []).append(item)
    out = []
    for key in sorted(groups):
        items = sorted(
            groups[key], key=lambda it: zlib.crc32(f"{it[0].side}:{it[0].text}".encode())
        )
        out.extend(items[:per_kind])
    return out


# --- judging and running -------------------------------------------------------------------


def judge(model: Model) -> str:
    """Numerically, is the one claim of `model` true (equivalent) or false (different)?"""
    claim = model.claims[0]
    agreed = 0
    for seed in JUDGE_SEEDS:
        for s in concrete.samples(
            model,
            claim.lhs,
            claim.rhs,
            claim.free,
            minimum=claim.minimum,
            seed=seed,
            extra=True,
            per_size=16,
        ):
            if s.disagrees:
                return "different"
            agreed += s.agrees
    return "equivalent" if agreed else "undecided"


def run_one(verifier: Verifier, head: str, mutant: Mutant, lhs: str, rhs: str) -> Outcome:
    """Judge one mutant, then verify it with the verifier of the file it comes from (the
    definitions are the same, so its folds and remembered canonical forms serve every
    mutant; the mutant's own one-claim file is built to refuse what is not valid)."""
    data = claim_file(head, mutant.claim, lhs, rhs)
    try:
        model = build(loads(f"{mutant.path}[{mutant.claim}]", data))
    except InputError:
        return Outcome(mutant, "invalid", "bad input")
    judged = judge(model)
    start = time.perf_counter()
    result = verifier.claim(model.claims[0])
    return Outcome(
        mutant,
        judged,
        result.status,
        result.counterexample is not None,
        time.perf_counter() - start,
    )


def tally_file(
    path: Path,
    per_kind: int | None,
    timeout: float,
    progress: Callable[[Outcome], None] | None = None,
) -> Tally:
    """The tally of one derivation file."""
    verifier = Verifier(build(load(path)), Options(timeout=timeout))
    proved = proved_claims(verifier)
    result = Tally(proved={path.name: [name for name, _, _ in proved]})
    head = header(path.read_text(encoding="utf-8"))
    for mutant, lhs, rhs in sample(all_mutants(path, proved), per_kind):
        outcome = run_one(verifier, head, mutant, lhs, rhs)
        result.outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return result


def tally(
    paths: list[Path],
    per_kind: int | None = 2,
    timeout: float = 30.0,
    progress: Callable[[Outcome], None] | None = None,
    jobs: int = 1,
) -> Tally:
    """The tally of every file, in `jobs` processes (a file a task; outcomes in file order)."""
    if jobs > 1 and progress is None and len(paths) > 1:
        context = multiprocessing.get_context("fork")  # the module need not be importable
        with ProcessPoolExecutor(min(jobs, len(paths)), mp_context=context) as pool:
            parts = list(
                pool.map(tally_file, paths, [per_kind] * len(paths), [timeout] * len(paths))
            )
    else:
        parts = [tally_file(p, per_kind, timeout, progress) for p in paths]
    result = Tally()
    for part in parts:
        result.outcomes += part.outcomes
        result.proved.update(part.proved)
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("paths", nargs="*", help="derivation files (default: derivations/*.toml)")
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--per-kind", type=int, default=2, help="mutants of each kind per claim (default 2)"
    )
    group.add_argument("--all", action="store_true", help="every mutant")
    p.add_argument("--timeout", type=float, default=30.0, help="per-claim budget (s)")
    p.add_argument("-v", "--verbose", action="store_true", help="print every mutant")
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes, a file each (default: the CPUs; 1 with -v)",
    )
    args = p.parse_args(argv)
    paths = [Path(x) for x in args.paths] if args.paths else derivation_files(ROOT / "derivations")

    def show(o: Outcome) -> None:
        m = o.mutant
        print(f"{o.judged:<10} {o.status:<9} {m.path} {m.claim} {m.side} {m.kind}: {m.text}")

    start = time.perf_counter()
    result = tally(
        paths,
        None if args.all else args.per_kind,
        args.timeout,
        show if args.verbose else None,
        jobs=args.jobs,
    )
    for line in result.lines():
        print(line)
    print(f"({time.perf_counter() - start:.1f} s)")
    return 0 if not result.other else 1


if __name__ == "__main__":
    sys.exit(main())
