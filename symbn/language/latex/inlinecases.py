"""An inline equation read with the assumptions of its sentence.

A result stated in running text holds where its sentence says it does. An inline equation
that symbn checks (`symbn.language.latex.inline`) is read with its sentence
(`symbn.language.latex.sentence`):

- an index relation the sentence ties to it, on an index letter it writes, is its side
  condition, as a `cases` row's is (it holds times the delta for `i = k`, times one minus
  it for `i \\neq k`): a relation written just after it with only a word such as "when",
  "for" or "if" between (`$…$ for $i \\neq k$`), or one that a word such as "when"
  introduces before it, with no other inline equation between (`when $i = k$, we have
  $…$`);
- a sentence that states it under a condition symbn does not read (a condition on values,
  `if $y = 1$`; a worked example's setting, `$N = 3$`; words such as "assuming", "for
  example", "at the optimum") makes it prose: unchecked, with the reason, never checked
  without the condition;
- a sentence that says it is an estimate or a stationary point ("its estimate
  $\\hat{\\mu} = \\bar{x}$", "setting it to zero gives …") makes it prose too: it holds at
  the solution only, not for every input.

An index relation in prose is itself no claim: it is unchecked, with that reason. An inline
equation read as the definition of the name on its left (`inline.defines_only`) is left as
it is: a definition is never refuted, and the displays may use it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from symbn.language.latex import inline
from symbn.language.latex.rows import Line
from symbn.language.latex.sentence import Piece, Sentences
from symbn.language.latex.separate import index_conditions
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.texlex import Token, tokenize
from symbn.language.latex.tree import Condition, Letter
from symbn.source.document.markdown import Display, Document
from symbn.source.positions import TexError, TexInputError, note

CONDITION = (
    "an inline relation between two indices is a condition of its sentence, not a claim "
    "(an inline equation the sentence ties it to is checked under it)"
)
UNREAD = (
    "an inline equation in prose is stated under a condition of its sentence that symbn "
    "does not read ({what}); it is not checked without it"
)
ANTECEDENT = (
    "an inline equation in prose that '{what}' introduces is the condition its sentence "
    "states something under, not a claim"
)
ESTIMATE = (
    "an inline equation in prose that its sentence calls {what} holds at the solution of "
    "a condition (an estimate or a stationary point), not as an identity for every input"
)
#: Words of a sentence that make its inline equation a solution, not an identity.
SOLUTION_WORDS = (
    "estimate",
    "estimator",
    "maximum likelihood",
    "mle",
    "optimum",
    "optimal",
    "stationary",
    "critical point",
    "setting",
    "set to",
    "set it",
    "set them",
    "equating",
    "equate",
    "solving",
    "solve",
    "solution",
    "vanish",
)
#: Words of a sentence that state its inline equation under an assumption.
ASSUMING = (
    "assuming",
    "assume",
    "suppose",
    "for example",
    "e.g.",
    "for instance",
    "in this example",
    "at the minimum",
    "at the maximum",
    "at convergence",
    "in the limit",
    "approximately",
    "otherwise",
    "else",
    "except",
    "unless",
)
#: Words that tie an index relation written just after an equation to it.
AFTER = frozenset(
    {"when", "if", "for", "whenever", "where", "for all", "for every", "for any", "provided"}
)
#: Words that introduce an index relation as a condition of what follows it.
BEFORE = frozenset({"when", "if", "for", "whenever", "case", "cases", "where"})
#: Words that introduce a condition on values (`if $y = 1$`).
VALUE_CUES = frozenset({"when", "if", "for", "whenever", "provided", "assuming", "unless", "at"})
#: Words that introduce a condition on values unless what follows is itself a claim
#: (`with $N = 3$` is a setting, `with $dr = …$` a step the sentence uses).
WITH_CUES = frozenset({"with", "given"})
#: Words that make the inline equation right after them its sentence's condition.
ANTECEDENT_CUES = frozenset({"when", "if", "whenever", "provided", "unless", "suppose"})
#: Relations in a condition on values.
RELATIONS = frozenset({"=", "<", ">", "\\le", "\\ge", "\\leq", "\\geq", "\\lt", "\\gt", "\\neq"})


def conditioned(lines: tuple[Line, ...], doc: Document, symbols: Symbols) -> tuple[Line, ...]:
    """The lines, each checked inline equation read with the assumptions of its sentence,
    each index relation in prose unchecked as a condition (see the module docstring)."""
    claims = {id(x.display) for x in lines if _claimed(x)}
    if not claims:
        return lines
    text = Sentences(doc)
    out = []
    for line in lines:
        if _claimed(line) and not inline.defines_only(line, symbols):
            pieces = text.sentence_of(line.display)
            out.append(line if pieces is None else _read(line, pieces, claims, symbols))
        elif line.env == "inline" and relation(line.display.text, symbols) is not None:
            out.append(_prose(line, CONDITION, drop=True))
        else:
            out.append(line)
    return tuple(out)


def relation(text: str, symbols: Symbols) -> tuple[Condition, ...] | None:
    """The index (in)equalities an inline maths states (`i = k`, `i \\neq k`), or None."""
    toks = _tokens(text)
    if not toks or not any(t.text in ("=", "\\neq", "\\ne") for t in toks):
        return None
    try:
        found = index_conditions(toks, 0, len(toks), symbols)
    except TexInputError:  # `$m = 20$`: a size set past the indices the check samples
        return None
    return None if not found else tuple(found)


def _letter(index: object) -> str:
    """The index letter of one side of a condition ("" for a number or a size)."""
    return index.name if isinstance(index, Letter) else ""


@lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[Token, ...]:
    """The tokens of inline maths; none when it does not read (its line says why). Each
    inline maths of a sentence is read again for every claim in it: kept, not lexed again."""
    try:
        return tokenize(text)
    except (TexError, TexInputError):
        return ()


def _claimed(line: Line) -> bool:
    return (
        line.env == "inline"
        and line.kind == "equation"
        and not all(r == "\\in" for r in line.relations)
    )


def _read(line: Line, pieces: list[Piece], claims: set[int], symbols: Symbols) -> Line:
    """The claim `line` with the assumptions of its sentence `pieces`."""
    said = " ".join(_words(p.words) for p in pieces if p.maths is None)
    solution = next((w for w in SOLUTION_WORDS if _has(said, w)), None)
    if solution is not None:
        return _prose(line, ESTIMATE.format(what=f"'{solution}'"))
    assumed = next((w for w in ASSUMING if _has(said, w)), None)
    if assumed is not None:
        return _prose(line, UNREAD.format(what=f"'{assumed}'"))
    at = next(n for n, p in enumerate(pieces) if p.maths is line.display)
    cue = _before(pieces, at)[-1:]
    if cue and cue[0] in ANTECEDENT_CUES:  # `when $\gamma = \sigma$, the output is …`
        return _prose(line, ANTECEDENT.format(what=cue[0]))
    unread = _value_condition(pieces, line.display, claims, symbols)
    if unread is not None:
        return _prose(line, UNREAD.format(what=f"${unread}$"))
    read = {n: relation(p.maths.text, symbols) for n, p in enumerate(pieces) if p.maths}
    relations = {n for n, r in read.items() if r is not None}
    held = [
        c
        for n in sorted(relations)
        if _ties(pieces, n, claims, relations) == at
        for c in read[n] or ()
    ]
    used = {t.text for t in _tokens(line.display.text) if t.kind == "letter"}
    held = [c for c in held if {_letter(c.left), _letter(c.right)} & used]
    if not held:
        return line
    return replace(line, conditions=(*line.conditions, *(replace(c, span=line.span) for c in held)))


def _value_condition(
    pieces: list[Piece], own: Display, claims: set[int], symbols: Symbols
) -> str | None:
    """The text of an inline relation of the sentence (but the claim's `own`) that is a
    condition symbn does not read (on values, `if $y = 1$`, even one that could be a
    definition, or a worked example's setting), if any."""
    for n, p in enumerate(pieces):
        d = p.maths
        if d is None or d is own or relation(d.text, symbols) is not None:
            continue
        if not any(t.text in RELATIONS for t in _tokens(d.text)):
            continue
        words = _before(pieces, n)
        cue = words[-1] if words else ""
        if cue in VALUE_CUES or (cue in WITH_CUES and id(d) not in claims) or _setting(d):
            return d.text.strip()
    return None


def _setting(d: Display) -> bool:
    """Whether inline maths sets sizes (`$N = 3$`): every letter a capital, a number on a
    side."""
    toks = _tokens(d.text)
    return any(t.kind == "number" for t in toks) and all(
        t.kind == "number" or t.text == "=" or (t.kind == "letter" and t.text.isupper())
        for t in toks
    )


def _ties(pieces: list[Piece], n: int, claims: set[int], relations: set[int]) -> int | None:
    """The piece of the claim the index relation at piece n is a condition of, if any
    (`relations`: the pieces that are index relations; one joined to the relation before
    it by "and" or a comma, `when $i = k$ and $j = l$`, is a condition of the same claim)."""
    maths = [k for k, p in enumerate(pieces) if p.maths is not None]
    before = [k for k in maths if k < n]
    between = " ".join(_words(pieces[k].words) for k in range(before[-1] + 1, n)) if before else ""
    if before and id(pieces[before[-1]].maths) in claims and between in AFTER:
        return before[-1]
    if before and before[-1] in relations and between in ("", "and"):
        return _ties(pieces, before[-1], claims, relations)
    lead = _before(pieces, n)
    if not lead or lead[-1] not in BEFORE:
        return None
    after = [k for k in maths if k > n and k not in relations]
    if after and id(pieces[after[0]].maths) in claims:
        return after[0]
    return None


def _before(pieces: list[Piece], n: int) -> list[str]:
    """The words of the prose just before piece n (none when maths or nothing is there)."""
    return _words(pieces[n - 1].words).split() if n and pieces[n - 1].maths is None else []


def _words(text: str) -> str:
    """Prose as plain lower-case words: no dollars, brackets or punctuation but a full
    stop inside a word (e.g.)."""
    kept = "".join(c if c.isalnum() or c in ".-'" else " " for c in text.lower())
    return " ".join(w.strip(".") if w.count(".") < 2 else w for w in kept.split())


def _has(said: str, phrase: str) -> bool:
    """Whether the words `said` hold `phrase` at the start of a word (`solve`: solved)."""
    return f" {phrase}" in f" {said}"


def _prose(line: Line, reason: str, *, drop: bool = False) -> Line:
    """The line made prose, unchecked with `reason` (`drop`: its other notes too)."""
    notes = () if drop else line.notes
    kept = tuple(n for n in notes if n.code != "inline")
    at = note(line.display.origin, "unchecked", "inline", reason, line.span)
    return replace(line, kind="prose", notes=(*kept, at))
