"""Rewriting a derivation file in another style, for the tests that assert a verdict does
not depend on how the maths is written: index letters renamed, backward definitions inlined
into the ones that use them. The rewrites work on the file's text, line by line: every
expression of these files is one line (`expr`, `lhs`, `rhs`) and every index list too."""

from __future__ import annotations

import re
import tomllib

from symbn.language import model
from symbn.source import toml
from symbn.verify.budget import Options
from symbn.verify.verifier import Verifier

#: The time budget of one claim in the style tests.
TIMEOUT = 60.0

_KEY = re.compile(r"^(\s*)(expr|lhs|rhs|index)(\s*=\s*)(.*)$")
_NAME = re.compile(r"\b[A-Za-z_]\w*\b")


def verdicts(text: str, name: str = "derivation.toml") -> dict[str, str]:
    """Every claim's verdict in the derivation `text`."""
    m = model.build(toml.loads(name, text.encode()))
    return {r.name: r.status for r in Verifier(m, Options(timeout=TIMEOUT)).run()}


def index_ranges(text: str) -> dict[str, str]:
    """The file's index letters and the size each ranges over."""
    return dict(tomllib.loads(text)["indices"])


def rename(text: str, mapping: dict[str, str]) -> str:
    """`text` with every index letter of `mapping` renamed, in [indices] and in every
    expression and index list (a name in an expression that is an index letter is always
    that index: a file declares each name once)."""

    def swap(value: str) -> str:
        return _NAME.sub(lambda m: mapping.get(m.group(0), m.group(0)), value)

    out, section = [], ""
    for line in text.splitlines(keepends=True):
        head = line.strip()
        m = _KEY.match(line.rstrip("\n"))
        end = "\n" if line.endswith("\n") else ""
        if head.startswith("["):
            section = head
            out.append(line)
        elif section == "[indices]" and "=" in head and not head.startswith("#"):
            key, _, rest = line.partition("=")
            out.append(swap(key) + "=" + rest)
        elif m:
            out.append(m.group(1) + m.group(2) + m.group(3) + swap(m.group(4)) + end)
        else:
            out.append(line)
    return "".join(out)


def rotated(text: str) -> str:
    """Each size's letters rotated (i -> k -> p -> i): every letter keeps its range but
    takes the place of another, the definitions' bound letters included."""
    by_size: dict[str, list[str]] = {}
    for name, size in index_ranges(text).items():
        by_size.setdefault(size, []).append(name)
    mapping = {}
    for letters in by_size.values():
        for a, b in zip(letters, letters[1:] + letters[:1], strict=True):
            mapping[a] = b
    return rename(text, mapping)


def reversed_letters(text: str) -> str:
    """Each size's letters in the opposite order (the first one the last)."""
    by_size: dict[str, list[str]] = {}
    for name, size in index_ranges(text).items():
        by_size.setdefault(size, []).append(name)
    mapping = {}
    for letters in by_size.values():
        mapping.update(zip(letters, reversed(letters), strict=True))
    return rename(text, mapping)


def fresh_letters(text: str) -> str:
    """Every index letter replaced by a new name (`i` by `i_`), none of the old ones left."""
    return rename(text, {name: f"{name}_" for name in index_ranges(text)})


STYLES = {"rotated": rotated, "reversed": reversed_letters, "fresh": fresh_letters}


_DEFINE = re.compile(
    r'\[\[define\]\]\nname = "(\w+)"\nindex = \[([^\]]*)\]\nexpr = "([^"\n]*)"\n'
    r"(?:(?:latex|description) = [^\n]*\n)*\n?"
)


def definitions(text: str) -> dict[str, tuple[list[str], str]]:
    """Each one-line definition of the file: its index letters and its expression."""
    return {
        m.group(1): ([s.strip().strip('"') for s in m.group(2).split(",") if s.strip()], m.group(3))
        for m in _DEFINE.finditer(text)
    }


def inlined(text: str, name: str) -> str:
    """`text` without the definition `name`: every element of it, in the expressions and
    claims that follow, replaced by its body at that element's indices (in parentheses)."""
    index, body = definitions(text)[name]
    match = next(m for m in _DEFINE.finditer(text) if m.group(1) == name)
    text = text[: match.start()] + text[match.end() :]
    element = re.compile(rf"\b{name}\[([^\]]*)\]" if index else rf"\b{name}\b(?!\[)")

    def at(m: re.Match) -> str:
        actual = [a.strip() for a in m.group(1).split(",")] if index else []
        mapping = dict(zip(index, actual, strict=True))
        return "(" + _NAME.sub(lambda n: mapping.get(n.group(0), n.group(0)), body) + ")"

    out = []
    for line in text.splitlines(keepends=True):
        m = _KEY.match(line.rstrip("\n"))
        if m and m.group(2) != "index":
            end = "\n" if line.endswith("\n") else ""
            out.append(m.group(1) + m.group(2) + m.group(3) + element.sub(at, m.group(4)) + end)
        else:
            out.append(line)
    return "".join(out)


def backward(text: str) -> list[str]:
    """The definitions that use an upstream gradient (the factor of a claim's
    vector-Jacobian product, or the [layer]'s upstream) or a definition that does: the
    hand-written backward pass, in file order."""
    defs = definitions(text)
    upstream = {m.group(1) for m in re.finditer(r'lhs = "sum\((\w+)\[', text)}
    upstream |= {m.group(1) for m in re.finditer(r'^upstream = "(\w+)"', text, re.M)}
    out: list[str] = []
    for name, (_, body) in defs.items():
        if set(_NAME.findall(body)) & (upstream | set(out)):
            out.append(name)
    return out


def inlinable(text: str) -> list[str]:
    """The backward definitions that a later definition uses: inlining one of them makes
    that later definition hold its body."""
    defs = definitions(text)
    order = list(defs)
    return [
        name
        for name in backward(text)
        if any(
            re.search(rf"\b{name}\b", defs[later][1]) for later in order[order.index(name) + 1 :]
        )
    ]


def shared_size(text: str, drop: str, keep: str) -> str:
    """`text` with the size `drop` made the size `keep`: its line in [sizes] removed, and
    every shape and index over it over `keep` instead (layers of one width)."""
    out, section = [], ""
    for line in text.splitlines(keepends=True):
        head = line.strip()
        if head.startswith("["):
            section = head
        if section == "[sizes]" and re.match(rf"{drop}\s*=", head):
            continue
        if section in ("[indices]", "[inputs]"):
            line = re.sub(rf'"{drop}"', f'"{keep}"', line)  # noqa: PLW2901 - the line as kept
        out.append(line)
    return "".join(out)
