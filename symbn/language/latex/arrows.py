"""Arrows that say "so" or "gives" on a row of equations, told from the arrow of a limit.

`\\rightarrow`, `\\longrightarrow` and `\\to` are read by the lexer (`texlex`) as
`\\Rightarrow`, an arrow between claims that are each checked on their own
(`symbn.language.latex.separate`), where nothing else fits:

- at the start of a row (`\\rightarrow \\frac{d\\ell}{d\\mu} &= …`, only `&` before it), before
  an equation with a left side of its own (not `\\rightarrow &= c`, which would go on from
  the row above);
- between two equations, an `=` at the top level on each side (`a = b \\rightarrow c = d`):
  each side is a claim of its own, never one chain through the arrow (a chain would read
  b = c as well, which the row does not say);
- after a list of names and before one name's equation (`x, W \\rightarrow a = Wx + b`, a
  graph's inputs and the node they give; `S \\Rightarrow J = -S` too): the names and the
  arrow are dropped, and the equation is read alone, as a definition where it gives one.

Elsewhere `\\rightarrow` and `\\longrightarrow` are `\\to`, a relation that is not checked
(`x \\rightarrow 0`, `\\frac{\\sin h}{h} \\to 1`).
"""

from __future__ import annotations

from dataclasses import replace

from symbn.language.latex.scriptforms import T as Token
from symbn.language.latex.scriptforms import close_of

#: Arrows that may say "so" as well as "tends to".
ARROWS = frozenset({"\\rightarrow", "\\longrightarrow", "\\to"})
#: The arrow of an implication, between claims, which `separate` cuts a row at.
SO = "\\Rightarrow"
#: Arrows that say "so" alone, after which a graph's list of names is dropped too.
IMPLIES = frozenset({SO, "\\implies", "\\Longrightarrow"})
#: What ends a row.
_ROW_ENDS = frozenset({"newline", "begin", "end"})
_OPENS = frozenset({"(", "[", "\\{", "\\left"})
_CLOSES = frozenset({")", "]", "\\}", "\\right"})


def so(toks: tuple[Token, ...]) -> tuple[Token, ...]:
    """`toks` with each arrow that says "so" read as `\\Rightarrow` (see the module's
    docstring), the names of a graph's list before one dropped, and every other
    `\\rightarrow` or `\\longrightarrow` read as `\\to`."""
    if not any(t.text in ARROWS | IMPLIES for t in toks):
        return toks
    out = list(toks)
    drop: set[int] = set()
    lo = 0
    for n in range(len(out) + 1):
        if n == len(out) or out[n].kind in _ROW_ENDS:
            drop |= _row(out, lo, n)
            lo = n + 1
    return tuple(t for n, t in enumerate(out) if n not in drop)


def _row(out: list[Token], lo: int, hi: int) -> set[int]:
    """Read the arrows of the row out[lo:hi] in place; the tokens to drop."""
    drop: set[int] = set()
    level = _levels(out, lo, hi)
    for n in range(lo, hi):
        if out[n].kind != "command" or out[n].text not in ARROWS | IMPLIES:
            continue
        before = [k for k in range(lo, n) if out[k].kind != "amp" and k not in drop]
        after = [k for k in range(n + 1, hi) if out[k].kind != "amp"]
        equals = [k for k in after if out[k].text == "=" and level[k - lo] == 0]
        said = level[n - lo] == 0 and bool(equals)
        if said and _names(out, before) and _names(out, range(n + 1, equals[0])) == 1:
            drop |= {*before, n}  # x, W \\rightarrow a = Wx + b: the equation of a
        elif out[n].text in IMPLIES:
            continue
        elif said and after[0] != equals[0] and (not before or _equation(out, before, level, lo)):
            out[n] = replace(out[n], text=SO)  # type: ignore[type-var]
        elif out[n].text != "\\to":
            out[n] = replace(out[n], text="\\to")  # type: ignore[type-var]
    return drop


def _equation(out: list[Token], before: list[int], level: list[int], lo: int) -> bool:
    """Whether out[before] holds an `=` at the top level of its row (starting at lo)."""
    return any(out[k].text == "=" and not level[k - lo] for k in before)


def _levels(out: list[Token], lo: int, hi: int) -> list[int]:
    """How deep in braces and brackets each token of out[lo:hi] stands."""
    levels, depth = [], 0
    for t in out[lo:hi]:
        if t.kind == "close" or t.text in _CLOSES:
            depth = max(depth - 1, 0)
        levels.append(depth)
        if t.kind == "open" or t.text in _OPENS:
            depth += 1
    return levels


def _names(out: list[Token], span: list[int] | range) -> int:
    """How many names out[span] lists, cut by commas (`x, W^{(1)}, b^{(1)}`): a letter, or a
    command with its braced argument, then scripts and primes; 0 when it is anything else."""
    toks = [out[k] for k in span]
    count, n = 0, 0
    while n < len(toks):
        t = toks[n]
        if t.kind not in ("letter", "command") or t.text in ARROWS | {SO}:
            return 0
        n += 1
        if t.kind == "command" and n < len(toks) and toks[n].kind == "open":
            n = _after(toks, n)  # \mathbf{w}, \hat{y}
        while n + 1 < len(toks) and toks[n].kind in ("sub", "sup"):
            n = _after(toks, n + 1)
        while n < len(toks) and toks[n].text == "'":
            n += 1
        count += 1
        if n < len(toks) and (toks[n].text != "," or n + 1 == len(toks)):
            return 0
        n += 1
    return count


def _after(toks: list[Token], n: int) -> int:
    """The index after the script or argument at toks[n]: a braced group or one token."""
    end = close_of(toks, n) if toks[n].kind == "open" else n
    return len(toks) if end < 0 else end + 1
