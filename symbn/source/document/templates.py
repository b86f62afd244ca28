"""Functions a document defines by a row, `h_\\theta(x) = \\theta^T x`, put in where they
are applied.

Course notes on regression write the model as a function of a variable, `h_\\theta(x) =
\\theta^T x` or `f_{w,b}(x) = wx + b`, and then apply it to each example, `h_\\theta(x^{(i)})`.
A row whose left side is a lower-case Latin letter (with a label as its subscript, or
none) at a bracket of single letters, and whose right side is one expression that uses
them, defines such a function. Every application of that name to as many arguments is
then its body with the arguments put in for the variables, in brackets
(`\\left(\\theta^T x^{(i)}\\right)`), each character of it placed where the application is
written, so that a finding in it points there. The defining row claims nothing: it is
blanked, and a note at it says what it defines and why it is not checked.

This is text substitution, as for macros (`symbn.source.document.macros`): nothing is run.
A letter the document also writes with a prime (`f'(x)`, an activation's derivative), a
name defined twice, and an application whose argument would change the body's reading (a
variable with a subscript, given an argument that has scripts of its own) are left to the
reader as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from symbn.source.document.macros import moved
from symbn.source.document.markdown import Document
from symbn.source.document.textrows import Tok, closing, group_end, rows, tokens, untagged
from symbn.source.positions import Note, Origin, Span, note

#: Relations other than `=`: a right side holding one is not one expression.
_RELATIONS = frozenset({"=", "<", ">", "\\le", "\\ge", "\\leq", "\\geq", "\\approx", "\\ne"})
#: Commands that make a letter a vector: `\\mathbf{x}`, a function's variable as well.
_VECTORS = frozenset({"\\mathbf", "\\boldsymbol", "\\bm", "\\vec"})
#: What may follow a name applied or scripted, not written alone: `s(`, `s_k`, `s^2`, `s'`,
#: and its signature, `g: \\mathbb{R} \\to \\mathbb{R}`.
_AFTER_NAME = frozenset({"(", "_", "^", "'", ":", "\\colon"})
#: Punctuation that may end a row.
_PUNCTUATION = frozenset({".", ",", ";"})


@dataclass(frozen=True)
class Template:
    """A function a row defines: its name as written (`h_\\theta`), its variables, and the
    text of its body."""

    name: str
    variables: tuple[str, ...]
    body: tuple[Tok, ...]
    text: str  # the body as written
    spelled: tuple[str, ...]  # the name's tokens
    parts: tuple[tuple[str, ...], ...]  # each variable's tokens


def expand_templates(doc: Document) -> Document:
    """The document with each function a row defines put in where it is applied."""
    found: dict[str, Template | None] = {}
    rows: dict[int, list[tuple[int, int, Template]]] = {}
    written = [tokens(d.text) for d in doc.displays]
    for k, d in enumerate(doc.displays):
        for lo, hi, t in _definitions(written[k], d.text):
            known = found.get(t.name, t)
            found[t.name] = t if known is not None and _same(known, t) else None
            rows.setdefault(k, []).append((lo, hi, t))
    primed, alone = _primed(written), _alone(written, found) | _labelled(written, found)
    templates = {
        n: t for n, t in found.items() if t is not None and n[0] not in primed and n not in alone
    }
    if not templates:
        return doc
    displays, notes = [], list(doc.notes)
    for k, d in enumerate(doc.displays):
        text, where = d.text, list(range(len(d.text)))
        for lo, hi, t in rows.get(k, []):
            if templates.get(t.name) is t:
                text = text[:lo] + " " * (hi - lo) + text[hi:]
                notes.append(_defined(d.origin, t, lo, hi))
        text, where = _applied(text, where, templates)
        same = text == d.text
        displays.append(d if same else replace(d, text=text, origin=moved(d.origin, where)))
    return replace(doc, displays=tuple(displays), notes=tuple(notes))


def _same(a: Template, b: Template) -> bool:
    return a.variables == b.variables and [t.text for t in a.body] == [t.text for t in b.body]


def _defined(origin: Origin, t: Template, lo: int, hi: int) -> Note:
    variables = ", ".join(t.variables)
    return note(
        origin,
        "unchecked",
        "function-definition",
        f"{t.name}({variables}) defines a function of {variables}: it is put in where the "
        "document applies it, and the row itself claims nothing",
        Span(lo, hi),
    )


def _primed(written: list[list[Tok]]) -> set[str]:
    """The letters the maths (the tokens of each display) writes with a prime (`f'(x)`,
    `f^\\prime`)."""
    out: set[str] = set()
    for toks in written:
        for k in range(len(toks) - 1):
            a, after = toks[k].text, [t.text for t in toks[k + 1 : k + 4]]
            if _function_name(a) and (after[:1] == ["'"] or "\\prime" in after):
                out.add(a)
    return out


def _alone(written: list[list[Tok]], names: Iterable[str]) -> set[str]:
    """Of `names`, those the maths (the tokens of each display) also writes without a bracket
    after them (`\\partial s` beside `s(R) = …`): quantities, not functions put in."""
    wanted = {tuple(t.text for t in tokens(n)): n for n in names}
    out = set()
    for toks in written:
        for k in range(len(toks)):
            if k > 0 and toks[k - 1].text in ("\\", "_", "^"):
                continue
            for key, name in wanted.items():
                end = _written(toks, k, key)
                if end is not None and (end >= len(toks) or toks[end].text not in _AFTER_NAME):
                    out.add(name)
    return out


def _labelled(written: list[list[Tok]], names: Iterable[str]) -> set[str]:
    """Of `names`, those the maths also applies with a subscript of letters (`f_{out}(z)`,
    `f_o'(z)` beside `f(z) = …`): one function at each layer, which the reader takes from
    the context's [functions], so the defining row stays to be read."""
    out = set()
    for toks in written:
        for k in range(len(toks) - 2):
            if toks[k].text not in names or toks[k + 1].text != "_":
                continue
            end = k + 3
            if toks[k + 2].text == "{":
                end = next((m + 1 for m in range(k + 3, len(toks)) if toks[m].text == "}"), k)
            letters = [t.text for t in toks[k + 2 : end] if t.text not in "{}"]
            if end < len(toks) and toks[end].text in ("(", "'") and all(map(str.isalpha, letters)):
                out.add(toks[k].text)
    return out


def _written(toks: Sequence[Tok], k: int, texts: tuple[str, ...]) -> int | None:
    """The position after `texts`, when they are the tokens written at toks[k]; else None."""
    end = k + len(texts)
    return end if tuple(t.text for t in toks[k:end]) == texts else None


def _definitions(toks: list[Tok], text: str) -> list[tuple[int, int, Template]]:
    """The rows of a display that define a function: (start, end, the template)."""
    out = []
    for lo, hi in rows(toks):
        row = untagged(toks[lo:hi])
        while row and row[-1].text in _PUNCTUATION:
            row = row[:-1]
        found = _definition(row, text)
        if found is not None:
            out.append((row[0].start, row[-1].end, found))
    return out


def _definition(row: list[Tok], text: str) -> Template | None:
    """The function a row defines, `h_\\theta(x) = body`, or None."""
    row = [t for t in row if t.text != "&"]
    if not row or not _function_name(row[0].text):
        return None
    n = 1
    if n < len(row) and row[n].text == "_":
        n = group_end(row, n + 1) if n + 1 < len(row) and row[n + 1].text == "{" else n + 2
    if n >= len(row) or row[n].text != "(":
        return None
    close = closing(row, n)
    if close is None or close + 1 >= len(row) or row[close + 1].text != "=":
        return None
    groups = _split(row[n + 1 : close])
    if not groups or not all(_variable(g) for g in groups):
        return None
    parts = tuple(tuple(t.text for t in g) for g in groups)
    body = tuple(row[close + 2 :])
    texts = [t.text for t in body]
    if len(set(parts)) != len(parts) or not body or any(x in _RELATIONS for x in texts):
        return None
    spelled = tuple(t.text for t in row[:n])
    if not any(_at(body, k, parts) for k in range(len(body))) or _uses(body, spelled):
        return None
    variables = tuple("".join(p) for p in parts)
    written = text[body[0].start : body[-1].end]
    return Template("".join(spelled), variables, body, written, spelled, parts)


def _function_name(text: str) -> bool:
    """A lower-case Latin letter: a name a row may define as a function (a Greek one that
    spells out a function of the language is `symbn.language.latex.spelledout`'s)."""
    return len(text) == 1 and text.islower() and text.isascii()


def _split(toks: list[Tok]) -> list[list[Tok]]:
    """Tokens cut at their commas."""
    out: list[list[Tok]] = [[]]
    for t in toks:
        if t.text == ",":
            out.append([])
        else:
            out[-1].append(t)
    return out


def _variable(toks: list[Tok]) -> bool:
    """A lower-case letter, Latin or Greek, or a bold or arrowed one (`\\mathbf{x}`): a
    function's variable (`c(R)` of an upper-case one is a scalar function of a matrix, read
    elsewhere)."""
    if len(toks) >= 4 and toks[0].text in _VECTORS and toks[1].text == "{" and toks[3].text == "}":
        toks = toks[2:3] + toks[4:]
    if len(toks) > 1 and _script(toks[1:]):  # x^{(i)}: the variable at one example
        toks = toks[:1]
    if len(toks) != 1:
        return False
    t = toks[0].text
    return (len(t) == 1 and t.islower() and t.isascii()) or (
        t.startswith("\\") and t[1:].isalpha() and t[1:].islower() and t not in _VECTORS
    )


def _script(toks: list[Tok]) -> bool:
    """Whether tokens are one script: `^{(i)}`, `_{i}`, `_i`, `^{[l]}`."""
    if len(toks) == 2:
        return toks[0].text in ("_", "^") and toks[1].text.isalnum()
    return (
        len(toks) >= 3
        and toks[0].text in ("_", "^")
        and toks[1].text == "{"
        and toks[-1].text == "}"
        and all(t.text not in "{}" for t in toks[2:-1])
    )


def _at(
    body: tuple[Tok, ...], k: int, parts: tuple[tuple[str, ...], ...]
) -> tuple[int, int] | None:
    """Which variable (its place among `parts`, their tokens) is written at body[k], and the
    position after it; or None."""
    for n, part in enumerate(parts):
        if (end := _written(body, k, part)) is not None:
            return n, end
    return None


def _uses(body: tuple[Tok, ...], spelled: tuple[str, ...]) -> bool:
    """Whether a body writes the name it defines (a recursion, not put in)."""
    return any(_written(body, k, spelled) is not None for k in range(len(body)))


def _applied(text: str, where: list[int], templates: dict[str, Template]) -> tuple[str, list[int]]:
    """`text` with every application of a template put in, and the offsets of its characters
    in the written text."""
    toks = tokens(text)
    out, at, k = "", [], 0
    last = 0
    while k < len(toks):
        found = _application(text, toks, k, templates)
        if found is None:
            k += 1
            continue
        put, end = found
        lo = toks[k].start
        out += text[last:lo] + put
        at += where[last:lo] + [where[lo]] * len(put)
        last = toks[end - 1].end
        k = end
    return out + text[last:], at + where[last:]


def _application(
    text: str, toks: list[Tok], k: int, templates: dict[str, Template]
) -> tuple[str, int] | None:
    """The text an application at toks[k] stands for, and the token after it; None when no
    template is applied there."""
    if (k > 0 and toks[k - 1].text in ("\\", "_", "^")) or not _function_name(toks[k].text):
        return None
    for t in templates.values():
        after, power = _raised(toks, _written(toks, k, t.spelled))
        if after is None or after >= len(toks) or toks[after].text != "(":
            continue
        args = _arguments(toks, after)
        if args is None or len(args[0]) != len(t.variables):
            continue
        written = [text[toks[a].start : toks[b - 1].end] for a, b in args[0]]
        nabla = k > 0 and toks[k - 1].text == "\\nabla"
        if nabla and len(written) > 1:
            return None  # \nabla f(x, y): a vector of partials, left to the reader as written
        put = _body(t, written)
        if put is not None and nabla and not power:
            return _by(written[0], put), args[1]
        if put is not None and not nabla:
            return put + power, args[1]
    return None


def _raised(toks: list[Tok], after: int | None) -> tuple[int | None, str]:
    """A whole power written between a name and its bracket (`d^2(v, x)`, `f^{3}(x)`): the
    position after it and the power (`^2`), the value of the application raised to it, as
    `\\sin^2 x` is; none, the position as it was, for anything else (`f^{-1}`, an inverse,
    `f^{(2)}`, a derivative)."""
    if after is None or after + 1 >= len(toks) or toks[after].text != "^":
        return after, ""
    k = after + 1
    braced = toks[k].text == "{" and k + 2 < len(toks) and toks[k + 2].text == "}"
    power = toks[k + 1] if braced else toks[k]
    if not (power.text.isdigit() and power.text not in ("0", "1")):
        return after, ""
    return (k + 3 if braced else k + 1), f"^{{{power.text}}}"


def _by(arg: str, put: str) -> str:
    """`\\nabla g(x)` with g's body put in: the gradient of the body by the argument, as
    `\\nabla_{x}` of it (`\\nabla_{x}\\left(x^2 + 3x\\right)`)."""
    return f"_{{{arg}}}{put}"


def _arguments(toks: list[Tok], k: int) -> tuple[list[tuple[int, int]], int] | None:
    """The arguments of the bracket that opens at toks[k], as token ranges, and the position
    after its close; None when it does not close or an argument is empty."""
    depth, start, out = 0, k + 1, []
    for m in range(k, len(toks)):
        x = toks[m].text
        depth += (x in ("(", "{", "[")) - (x in (")", "}", "]"))
        if depth == 1 and x == ",":
            out.append((start, m))
            start = m + 1
        elif depth == 0:
            out.append((start, m))
            return (out, m + 1) if all(a < b for a, b in out) else None
    return None


def _body(t: Template, args: list[str]) -> str | None:
    """The template's body with `args` put in for its variables, in brackets (an argument
    of more than one token in its own bracket where the variable is raised to a power);
    None when an argument other than a letter would take a variable's subscript."""
    base = t.body[0].start
    out, last, k = "", 0, 0
    while k < len(t.body):
        found = _at(t.body, k, t.parts)
        if found is None:
            k += 1
            continue
        arg, after = args[found[0]], found[1]
        script = t.body[after].text if after < len(t.body) else ""
        if script == "_" and not (len(arg) == 1 and arg.isalpha()):
            return None
        simple = len(tokens(arg)) == 1 or not any(c in arg for c in "+-*/, ")
        simple = simple and (script != "^" or len(tokens(arg)) == 1)  # (x + h)^2, (2x)^2
        out += t.text[last : t.body[k].start - base]
        out += arg if simple else f"\\left({arg}\\right)"
        last, k = t.body[after - 1].end - base, after
    return f"\\left({out}{t.text[last:]}\\right)"
