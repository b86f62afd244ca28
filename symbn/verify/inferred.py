"""Refutations under an inferred context, held back where the inference is in doubt.

A document checked without a context is read with the one `symbn.language.latex.guessed`
infers from its maths. A refutation there is only as good as the guess: a name the
inference took as an input although the document writes an equation for it (`\\mathbf{p}
= \\mathbf{x} + \\mathbf{y}` read with p an input) makes a true line false, and so do the
shapes it guessed for a matrix-level line. Such a line is reported unchecked, saying why
and what would check it, never refuted; every other refutation stands (the seed's slip is
refuted with no context).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import replace

from symbn.language.functions import UNSAID_FUNCTIONS
from symbn.language.latex.claims import Claim
from symbn.language.latex.prose import first_name
from symbn.language.model import Definition
from symbn.source.context import Context
from symbn.source.document.markdown import Document
from symbn.verify import stationary
from symbn.verify.finding import Finding, withheld
from symbn.verify.status import FAILED, PASSED, Status
from symbn.verify.verdicts import ANY_FUNCTION

#: Why a line that sets a name from itself is not judged.
UPDATE = "a step that sets a name from itself (gradient descent) assigns it; it states no equation"
#: The statuses of a verdict.
VERDICTS = frozenset({Status.PROVED, Status.REFUTED})
#: A function the document leaves unsaid, or a derivative of one, in a claim's text.
ACT = re.compile(rf"\b(?:{'|'.join(UNSAID_FUNCTIONS)})[12]?\(")


def written_inputs(context: Context, claims: Iterable[Claim]) -> dict[str, int]:
    """The inputs of an inferred context that some line of the document writes an
    equation for (its name alone, an element or a power of it as a whole side: `\\sigma^2 =
    …` read with σ an input, or `a \\odot w = \\mathbf{g}` naming g, unless the other side
    is a derivative), with that line."""
    inputs = {i.name for i in context.inputs}
    out: dict[str, int] = {}
    claims = list(claims)
    for c in claims:  # (a derivative's value, `diff(p, u) = v`, says nothing of v)
        if _update(c) or stationary.estimate(c, claims):  # nor μ_k = … below ∂J/∂μ_k
            continue
        for side in (c.lhs, c.rhs) if "diff(" not in c.lhs else (c.lhs,):
            head = re.match(r"\w+", side)
            if head is None or head[0] not in inputs:
                continue
            element = re.fullmatch(rf"{re.escape(head[0])}\[[^\[\]()]*\]", side) is not None
            power = re.fullmatch(rf"{re.escape(head[0])}\*\*\(?[\w/]+\)?", side) is not None
            if side == head[0] or element or power:  # the name alone, an element, a power
                out.setdefault(head[0], c.where.line)
    return out


#: What prose may call an input that is in fact computed from the document's other names.
STATISTICS = ("mean", "average", "variance", "standard deviation")
#: How prose says an input is one: `is the mean`, `denotes the batch variance` (at most two
#: words between, none of them one that starts a clause about something else).
STATISTIC = (
    r"\W*(?:is|denotes|be)\s+(?:the|a|an)(?:\s+(?!whose|with|that|which|where|of)[a-z-]+){0,2}?"
    r"\s+(" + "|".join(STATISTICS) + r")\b"
)


def described(context: Context, doc: Document) -> dict[str, str]:
    """The inputs of an inferred context that the prose calls a statistic (`$\\mu$ is the
    batch mean`, `let $v$ be the variance`), each with the word: a refutation with one of
    them free rests on a guess."""
    inputs = {i.name for i in context.inputs}
    out: dict[str, str] = {}
    for d in doc.displays:
        if not d.inline or (name := first_name(d.text)) not in inputs:
            continue
        at = d.origin.where(len(d.text))
        after = doc.lines[at.line - 1][at.col :].lstrip("$").split("$")[0].lower()
        said = re.match(STATISTIC, after)  # `is the batch mean`, not `a vector whose mean`
        if said is not None:
            out.setdefault(name, said[1])
    return out


def updates(pairs: list[tuple[Claim, Finding]]) -> list[tuple[Claim, Finding]]:
    """The judged claims, each line that sets a name from itself (a step of gradient
    descent, `w_j = w_j - \\alpha \\frac{\\partial J}{\\partial w_j}`) unchecked: it
    assigns a new value and states no equation."""
    return [
        (c, withheld(f, UPDATE) if _update(c) and f.status in VERDICTS else f) for c, f in pairs
    ]


def _update(c: Claim) -> bool:
    """Whether a line sets a name from itself (`w[j] = w[j] - alpha*diff(J, w[j])`, a step of
    gradient descent): it writes no equation for the name."""
    head = re.match(r"\w+(\[[^\[\]()]*\])?", c.lhs)
    return head is not None and head[0] == c.lhs and c.rhs.startswith(c.lhs + " ")


def fixed_sizes(context: Context) -> dict[str, str]:
    """The sizes an inferred context spells as numbers (`\\mathbb{R}^{16 \\times 2}`:
    n16 is 16), each with its number."""
    sizes = {s.name for s in context.sizes}
    return {name: tex for tex, name in context.spellings if name in sizes and tex.isdigit()}


def counted_from_zero(context: Context) -> set[str]:
    """The sizes of an inferred context that counts positions from 0 (none when it counts
    them from 1): each is then the number of steps, one more than the last step's number."""
    zero = dict(context.notation).get("positions") == "from 0"
    return {s.name for s in context.sizes} if zero else set()


def held_back(
    pairs: list[tuple[Claim, Finding]],
    suspects: Mapping[str, int | str],
    fixed: dict[str, str],
    counted: AbstractSet[str] = frozenset(),
    unsaid: AbstractSet[str] = frozenset(),
) -> list[tuple[Claim, Finding]]:
    """The judged claims, each refutation that rests on a doubtful guess made unchecked:
    one that uses a function the document leaves unsaid (itself, or through the definitions
    of `unsaid`, `unsaid_through`), one where `suspects` are taken as inputs, any where the
    document fixes a size by a number (the claim is proved for every value of the size, so
    for that number too, but refuted at values of its own choosing), or one that writes a
    size of `counted` as a value (with steps from 0, the document's T may be the last
    step's number)."""
    out = []
    fixed_text = ", ".join(f"{n} = {v}" for n, v in sorted(fixed.items()))
    for c, f in pairs:
        why = _doubt(c, f, suspects, unsaid) if f.status == Status.REFUTED else None
        if why is None and f.status == Status.REFUTED and fixed:
            why = f"with sizes other than the numbers the document gives them ({fixed_text})"
        valued = re.sub(r"\[[^\[\]]*\]", "[]", f"{c.lhs} = {c.rhs}")
        if why is None and f.status == Status.REFUTED and _names(valued) & counted:
            why = "where positions counted from 0 make each size the number of steps"
        if why is not None:
            f = withheld(  # noqa: PLW2901 (the finding, held back)
                f,
                f"refuted only under the inferred context, {why}; "
                "give the document a context to check this line",
            )
        out.append((c, f))
    return out


def _doubt(
    c: Claim, f: Finding, suspects: Mapping[str, int | str], unsaid: AbstractSet[str]
) -> str | None:
    if c.kind in ("shape", "size") or (c.matrix and not _elementwise(c)):
        return "whose shapes are guessed"
    text = f"{c.lhs} = {c.rhs} {f.claim}"
    if ACT.search(text) or any(ANY_FUNCTION in d for d in f.details):
        return "where a function the document leaves unsaid is read as any function"
    through = [] if "diff(" in text else sorted(unsaid & _names(text))
    if through:  # (not a derivative, by such a name or of one: its value may not enter it)
        return (
            "where a function the document leaves unsaid is read as any function (in the "
            f"definition of {through[0]})"
        )
    chosen = "\n".join(f.details)  # the inputs a counterexample gives a value
    for name, line in sorted(suspects.items()):
        named = re.search(rf"\b{re.escape(name)}\b", text) is not None
        said = isinstance(line, str)  # a statistic in words: also where a value was chosen
        if not named and not (said and re.search(rf"^ +{re.escape(name)} = ", chosen, re.M)):
            continue
        if isinstance(line, str):  # `$\\mu$ is the batch mean`
            return f"where {name} is taken as an input although the prose calls it the {line}"
        return f"where {name} is taken as an input although line {line} writes an equation for it"
    return None


def unsaid_through(definitions: Mapping[str, Definition], uses: Mapping[str, set[str]]) -> set[str]:
    """The defined names whose definitions use a function the document leaves unsaid (`y =
    f(x)`, f read as any function), themselves or through the names they use."""
    direct = {n for n, d in definitions.items() if ACT.search(str(d.body))}
    return {n for n in definitions if n in direct or uses.get(n, set()) & direct}


def _names(text: str) -> set[str]:
    return set(re.findall(r"\b[A-Za-z_]\w*\b", text))


def _elementwise(c: Claim) -> bool:
    """Whether a line read at matrix level holds element by element whatever the shapes:
    every name at one index (`tanh(z[i]) = 2*sigmoid(z[i]) - 1`), no sum, no bare name."""
    text = f"{c.lhs} {c.rhs}"
    at = set(re.findall(r"\[([^\[\]]*)\]", text))
    bare = re.findall(r"\b[A-Za-z_]\w*\b(?![\[(\w])", re.sub(r"\[[^\[\]]*\]", "[]", text))
    return len(at) == 1 and not bare and "sum(" not in text


#: A derivative in a claim's text, `diff(F, X[…])`: the names F and X.
DIFF = re.compile(r"diff\((\w+)(?:\[[^\]]*\])?, (\w+)\b")


def untied(
    pairs: list[tuple[Claim, Finding]],
    dependencies: Mapping[str, set[str]],
    inputs: Iterable[str],
) -> list[tuple[Claim, Finding]]:
    """The judged claims, each verdict on one that differentiates a defined name by an
    input it does not use (through any definition), or an expression of other inputs only
    (`\\log p(x \\mid \\mu, \\sigma)` with p defined nowhere), made unchecked: the derivative
    is then zero by construction, and under an inferred context the lines that would tie the
    two may be unread or left apart (a layer labelled l and the next, l + 1, are two names).
    A derivative by a defined name is taken through the lines that write it, and stands."""
    out = []
    given = set(inputs)
    for c, f in pairs:
        text = f"{c.lhs} = {c.rhs}"
        loose = [
            (a, b)
            for a, b in DIFF.findall(text)
            if a in dependencies and b in given and b not in dependencies[a]
        ]
        loose += [
            (", ".join(a), b)
            for a, b in _of_inputs(text)
            if {*a, b} <= given  # (on both sides too: `d = -d` holds only where d is 0)
        ]
        if loose and f.status in (*PASSED, *FAILED):
            a, b = loose[0]
            f = withheld(  # noqa: PLW2901 (the finding, held back)
                f,
                f"under the inferred context no line ties {a} to {b}, so its derivative by "
                f"{b} is zero by construction; give the document a context to check this line",
            )
        out.append((c, f))
    return out


#: A shape the document states, read under the context inferred from the document.
DECLARED = (
    "size {shape}: a shape the document states; the context symbn infers takes it from the "
    "document, so it is read, not checked (a context of yours that gives the shape checks it)"
)


def declared(pairs: list[tuple[Claim, Finding]]) -> list[tuple[Claim, Finding]]:
    """The judged claims, each size statement that agrees with an inferred context (`X \\in
    \\mathbb{R}^{N \\times D}`) a declaration: the context took its shapes from the document,
    so the agreement is by construction, not a proof."""
    return [
        (c, _declaration(c, f)) if c.kind == "size" and f.status == Status.PROVED else (c, f)
        for c, f in pairs
    ]


def _declaration(c: Claim, f: Finding) -> Finding:
    message = DECLARED.format(shape=c.rhs)
    return replace(f, kind="definition", status=Status.DEFINED, message=message, details=())


def declarations(pairs: list[tuple[Claim, Finding]]) -> list[Claim]:
    """The size statements `declared` made declarations: read, like definitions, not checked."""
    return [c for c, f in pairs if c.kind == "size" and f.status == Status.DEFINED]


def _of_inputs(text: str) -> list[tuple[tuple[str, ...], str]]:
    """(names, X) for each derivative `diff(E, X[…])` in a claim's text whose expression E
    does not name X: the names of E (`diff(log(p), x)`: p), functions and numbers aside."""
    out = []
    at = text.find("diff(")
    while at >= 0:
        depth, n = 0, at + len("diff(")
        while n < len(text) and not (depth == 0 and text[n] == ","):
            depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(text[n], 0)
            n += 1
        wrt = re.match(r", (\w+)(\[[^\[\]]*\])?\)", text[n:])
        body = re.sub(r"\[[^\[\]]*\]", "", text[at + len("diff(") : n])
        names = [m for m in re.findall(r"\b[A-Za-z_]\w*\b(?!\()", body) if not m.isdigit()]
        if wrt is not None and names and wrt[1] not in names:
            out.append((tuple(dict.fromkeys(names)), wrt[1]))
        at = text.find("diff(", at + 1)
    return out


#: A name's LaTeX at a layer after the letter's own: `\delta^{[l+1]}`, `W^{(l+2)}`.
LATER = re.compile(r"\^\{[\[(]\s*([a-z])\s*\+\s*(\d+)\s*[\])]\}")


def later_layers(pairs: list[tuple[Claim, Finding]], ctx: Context) -> list[tuple[Claim, Finding]]:
    """The judged claims, each verdict on one that writes a name at a later layer than its own
    (`\\delta^{[l+1]}`, `W^{(l+1)}`) that no line defines made unchecked: each layer of a
    network written in matrix notation is a name of its own (`symbn.language.latex.wholelayers`),
    and the lines that tie layer l + 1 to layer l through the loss (z^{[l+1]} from a^{[l]},
    the loss a function of z^{[l+1]}) are not written, so the verdict would rest on names the
    document leaves apart."""
    defined = {d.name for d in ctx.defined}
    later = {
        t.name: (t.latex.value, m)
        for t in ctx.inputs
        if t.latex is not None and (m := LATER.search(t.latex.value)) and t.name not in defined
    }
    if not later:
        return pairs
    out = []
    for c, f in pairs:
        text = f"{c.lhs} = {c.rhs}"
        found = next((n for n in later if re.search(rf"\b{re.escape(n)}\b", text)), None)
        if found is not None and f.status in (*PASSED, *FAILED):
            latex, m = later[found]
            f = withheld(  # noqa: PLW2901 (the finding, held back)
                f,
                f"{latex} is at layer {m[1]} + {m[2]}, which no line defines: a name of its own "
                f"under the inferred context, whose tie to layer {m[1]} through the loss is "
                "not written; give the document a context, or write that layer's lines in "
                "index notation, to check this line",
            )
        out.append((c, f))
    return out
