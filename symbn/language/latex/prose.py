"""What a document's prose says of its maths, for the inference
(`symbn.language.latex.guessed`): the names a sentence calls the loss, one-hot or the
identity, a Greek name it calls a function (the sigmoid), a \\mathbf{1} it calls a matrix
of all ones, and whether it says its sums are Einstein's. Only words and the inline maths
beside them are looked at; nothing is run."""

from __future__ import annotations

from symbn.language.functions import UNSAID_FUNCTIONS
from symbn.language.latex import normal
from symbn.language.latex.guess import Guess
from symbn.language.latex.namesat import name_at, name_key
from symbn.language.latex.spelledout import spelled_out, summed_definitions
from symbn.language.latex.texlex import tokenize
from symbn.source.document.markdown import Document
from symbn.source.positions import TexError

#: Greek names the prose may call a function of the language, by the words it uses (the
#: first whose words it uses; the softmax only where it says σ is, not in a list of several).
SOFTMAX = ("softmax", ("is the softmax", "softmax map", "softmax function"))
PROSE_FUNCTIONS = {
    "\\sigma": (("sigmoid", ("sigmoid", "logistic")), SOFTMAX),
    "\\Phi": (("normcdf", normal.CDF_WORDS),),
    "\\phi": (("normpdf", normal.PDF_WORDS),),
    "\\varphi": (("normpdf", normal.PDF_WORDS),),
}


#: The functions left unsaid that a document's unsaid names stand for, in order.
UNSAID = tuple(UNSAID_FUNCTIONS)


def named_functions(guess: Guess, doc: Document) -> None:
    """A Greek name written as a function (`\\sigma(z)`), or a letter always written
    applied (`f(u)` beside `f'(u)`, `p(q(x))`), and defined nowhere is the
    function the prose names (the sigmoid, where the text says sigmoid or logistic), else,
    when it is the document's only such name, `act`: an elementwise function left unsaid,
    which a proof holds for whatever it is (with several such names, each written with a
    prime or always applied, `act`, `actb`, … in turn: as many functions, none the other)."""
    prose = " ".join(" ".join(doc.lines).lower().split())
    applied = [
        x for t in guess.tensors.values() if t.applied and not t.defined for x in t.spellings
    ]
    applied += sorted(guess.called_letters - set(applied))
    unsaid = []
    own = summed_definitions(doc)  # σ(A_i) = e^{A_i}/Σ_j …: not the prose's sigmoid
    named = {
        x: [f for f, words in PROSE_FUNCTIONS.get(x, ()) if any(w in prose for w in words)]
        for x in applied
        if x not in own
    }
    # `$\sigma$ is the sigmoid, and $f$ an activation`: the word is σ's, not f's
    taken = any("sigmoid" in said for said in named.values())
    logistic = _beside(doc, ("sigmoid", "logistic")) if applied and not taken else set()
    for spelling in applied:
        said = list(named.get(spelling, ()))
        beside = spelling in logistic and spelling not in own and len(spelling) == 1
        said += ["sigmoid"] if beside else []  # `the sigmoid $g$`, g(z)
        said += normal.density(spelling, applied, prose)  # φ beside the CDF Φ
        if said:
            guess.functions[spelling] = said[0]
        elif "(" in spelling:  # \text{loss}(a, y): a scalar written with its arguments
            continue
        elif spelling.startswith("\\") or spelling in guess.applied_only:
            unsaid.append(spelling)  # f of f'(u), h of h(x), never written alone (f x)
    for letter, function in spelled_out(doc).items():  # g(ξ) = 1/(1 + e^{-ξ}): g is σ
        if letter not in guess.functions:
            guess.functions[letter] = function
            unsaid = [x for x in unsaid if x != letter]
    if len(unsaid) == 1:  # σ(z), σ'(z) of an activation the document leaves unsaid
        guess.functions[unsaid[0]] = "act"
    elif len(unsaid) <= len(UNSAID) and all(x in guess.primed | guess.applied_only for x in unsaid):
        guess.functions.update(zip(unsaid, UNSAID, strict=False))  # f' and g', p(q(x)): several
    if all(x in guess.functions for x in applied):
        for t in guess.tensors.values():  # a = σ(z) is read through σ now
            t.opaque = False
    _layered(guess, prose)


def _layered(guess: Guess, prose: str) -> None:
    """A function written with a layer's label and called (`\\sigma_h(s_h)`, `f_o(s_o)`) is
    the function its bare name is, by a definition or the prose (σ the sigmoid); none when
    that is left unsaid (`act`): two layers' activations need not be one function. A letter
    that labels a layer runs over nothing, though a name written with it where it could be
    an index (`\\delta_o` beside `\\delta_j`) shares an axis with index letters."""
    for x in guess.layer_letters:
        guess.ranges.pop(x, None)
    for spelling, bare in guess.layer_functions.items():
        said = [f for f, words in PROSE_FUNCTIONS.get(bare, ()) if any(w in prose for w in words)]
        func = guess.functions.get(bare) or next(iter(said), None)
        if func is None or func in UNSAID:
            continue
        guess.functions[spelling] = func
        for key in [k for k, t in guess.tensors.items() if spelling in t.spellings]:
            del guess.tensors[key]  # σ_h written called: no input named σ_h
        for key in [k for k, x in guess.bare.items() if x == spelling]:
            del guess.bare[key]


def _beside(doc: Document, words: tuple[str, ...], reach: int = 24) -> set[str]:
    """The letters written as inline maths of their own (`$g$`) within `reach` characters of
    one of `words` (`the sigmoid $g$`, `$g$, the logistic function`)."""
    out = set()
    for line in doc.lines:
        low = line.lower()
        for w in words:
            at = low.find(w)
            while at >= 0:
                near = line[max(at - reach, 0) : at + len(w) + reach].replace(" ", "")
                out |= {c for k, c in enumerate(near[1:-1], 1) if near[k - 1 : k + 2] == f"${c}$"}
                at = low.find(w, at + 1)
    return {c for c in out if c.isalpha()}


def called(doc: Document, words: tuple[str, ...]) -> set[str]:
    """The names the prose calls by one of `words`: on each line that says one, the first
    name of the inline maths nearest to it that starts with a name (`$\\mathbf{y}$ be
    one-hot`, `let $J$ be the loss`)."""
    inline: dict[int, list[tuple[int, int, str]]] = {}
    for d in doc.displays:
        a, b = d.origin.where(0), d.origin.where(len(d.text))
        if d.inline and a.line == b.line:
            inline.setdefault(a.line, []).append((a.col, b.col, d.text))
    out = set()
    for number, spans in inline.items():
        low = doc.lines[number - 1].lower()
        said = [k for w in words if (k := low.find(w)) >= 0]
        if not said:
            continue
        at = min(said)
        for _, _, text in sorted(spans, key=lambda s: at - s[1] if s[1] <= at else s[0] - at):
            if (name := first_name(text)) is not None:
                out.add(name)
                break
    return out


def says_identity(line: str) -> bool:
    """Whether a line of prose calls $I$ the identity (`where $I$ is the identity matrix`)."""
    return "identity" in line.lower() and "$I$" in line.replace(" ", "")


def ones_matrix(line: str) -> bool:
    """Whether a line of prose says that \\mathbf{1}, written with no size, is a matrix of
    all ones (`where $\\mathbf{1}$ is an N × N matrix of all ones`)."""
    words = ("matrix of all ones", "matrix of ones", "all-ones matrix", "all ones matrix")
    if not any(w in line.lower() for w in words):
        return False
    pieces = line.replace(" ", "").split("\\mathbf{1}")[1:]
    return bool(pieces) and all(not p.startswith("_") for p in pieces)


def says_einstein(line: str) -> bool:
    """Whether a line of prose says the maths sums a repeated index unsaid (`using
    Einstein's index notation`, `with the Einstein summation convention`)."""
    words = line.lower().replace("’", "'")
    said = ("notation", "summation", "convention")
    return "einstein" in words and any(w in words for w in said)


def first_name(text: str) -> str | None:
    """The name inline maths starts with (`J`, `\\mathbf{y}`), if it starts with one."""
    try:
        toks = tokenize(text)
    except TexError:
        return None
    name = name_at(toks, 0) if toks else None
    return None if name is None else name_key(name)
