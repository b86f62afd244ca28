"""Words on a row of maths, and what they do to the equations beside them.

- before the row's first equation: `\\text{Let }`, `\\text{so }`, `\\text{Proof }` only
  introduce it (the equation alone is read); `\\text{(Mean)}`, or words that end in an arrow
  (`\\text{By (2), (7)} \\Rightarrow`), label it; `\\text{if } a = 1 \\Rightarrow` or
  `\\text{assuming } …` make what follows a hypothesis's consequence, which is not a claim
  of its own (unless the hypothesis compares indices: a side condition);
- after an equation: words that begin with `for`, `if`, `when`, … restrict it; a reason
  (`\\text{(by the chain rule)}`, `(\\text{using (4)})`, `\\text{by (3)}`) or an equation
  number is a remark, and dropped, with or without spacing before it when it stands in
  brackets.
"""

from __future__ import annotations

from collections.abc import Sequence

from symbn.language.latex.texlex import Token

#: A word before a row's first equation that only says the equation names what it sets
#: (`\\text{Let } f(x_i) = …`): read as the equation alone.
LETS = frozenset({"let", "define", "set"})
#: A word before a row's first equation that only says it follows (`\\text{so } g = …`).
CONCLUDES = frozenset({"so", "hence", "thus", "then", "therefore", "and"})
#: A word before a row's first equation that says the equation is stated (`\\text{Proof }
#: \\sigma(-z) = 1 - \\sigma(z)`, `\\text{Recall }`): a claim still.
STATES = frozenset({"proof", "recall", "note"})
#: The words that begin a side condition after an equation (or join two equations).
CONDITIONS = frozenset({"for", "if", "when", "where", "whenever", "with", "provided", "unless"})
WORDS = CONDITIONS | {"and"}
#: The words after an equation that introduce another (what a name of it stands for).
DEFINING = frozenset({"where", "with"})
#: The words that begin a remark that does not qualify the equation before it.
REMARKS = frozenset(
    {"by", "from", "using", "since", "because", "as", "see", "cf.", "i.e.", "e.g.", "eq.", "eq"}
)
#: The first words of a hypothesis, which restricts what follows it.
HYPOTHESES = frozenset({"assume", "assuming", "suppose", "given", "consider", "if", "when"})
#: The first words of a label that ends in an arrow: a reason or a conclusion.
LABELS = REMARKS | CONCLUDES | {"base", "based", "proof", "combining", "substituting"}
#: Brackets a remark after an equation may stand in: `(\\text{by the chain rule})`.
_OPEN = frozenset({"(", "\\left(", "["})
_CLOSE = frozenset({")", "\\right)", "]"})


def word(t: Token) -> str:
    """The first word of a `\\text{…}` token, lower case, without an opening bracket."""
    words = t.arg.replace(",", " ").lstrip(" ([").split() if t.kind == "text" else []
    return words[0].lower() if words else ""


def label(t: Token) -> bool:
    """Whether words before a row's first equation name it (`(Mean)`, `where`) rather than
    restrict it (`if`, `for`) or make it a hypothesis (`assuming`, `suppose`)."""
    words = t.arg.strip()
    return (words.startswith("(") and words.endswith(")")) or word(t) == "where"


def opens_words(t: Token) -> bool:
    return word(t) in WORDS


def remark(t: Token) -> bool:
    """Whether words after an equation are a remark about it: a reason (`by …`,
    `(from (3))`) or an equation number (`(1)`)."""
    first = word(t)
    return first in REMARKS or first[:1].isdigit()


def introduced(t: Token) -> bool:
    """Whether `t` is one word that introduces the equation after it (`\\text{Let }`,
    `\\text{so }`), which is then read alone."""
    return word(t) in LETS | CONCLUDES | STATES and t.arg.split()[1:] == []


def bracketed_remark(eq: Sequence[Token], lo: int, hi: int) -> bool:
    """Whether eq[lo:hi] is a remark in brackets, `(\\text{by the chain rule})`, `(\\text{by }
    (3))`: words of a reason first, whatever they refer to after them."""
    if hi - lo < 3 or eq[lo].text not in _OPEN or eq[hi - 1].text not in _CLOSE:
        return False
    depth = 0
    for n in range(lo, hi - 1):  # the first bracket closes at the end, not before
        depth += (eq[n].text in _OPEN) - (eq[n].text in _CLOSE)
        if depth == 0:
            return False
    return eq[lo + 1].kind == "text" and remark(eq[lo + 1])


def parenthesised(t: Token) -> bool:
    """Whether a `\\text{…}` token holds words in brackets, `\\text{(using (4))}`."""
    words = t.arg.strip()
    return t.kind == "text" and words.startswith("(") and words.endswith(")")


def hypothesis(eq: Sequence[Token], lo: int) -> bool:
    """Whether the piece that starts at eq[lo] states a hypothesis (`\\text{if } a = 1`,
    `\\text{assuming } …`): what an arrow after it leads to holds only under it."""
    return word(eq[lo]) in HYPOTHESES | CONDITIONS - DEFINING


def arrow_label(toks: Sequence[Token]) -> int:
    """How many tokens a label before a row's equation takes: words of a reason or a
    conclusion then an arrow (`\\text{By (2), (7)} \\Rightarrow`), or words in brackets
    (`\\text{(Mean)}`); 0 when the row begins with no label, or with a hypothesis."""
    words = 0
    while words < len(toks) and toks[words].kind == "text":
        words += 1
    if not words or words == len(toks):
        return 0
    said = " ".join(t.arg.strip() for t in toks[:words])
    first = (said.lstrip("( ").split() or [""])[0].lower()
    if first in CONDITIONS or first in HYPOTHESES or first in LETS:
        return 0
    if toks[words].text in ARROWS and (first in LABELS or first[:1].isdigit()):
        return words + 1
    return words if said.startswith("(") and said.endswith(")") else 0


#: The arrows after words that label a row (`=>` reaches the parser as `\\Rightarrow`).
ARROWS = frozenset({"\\Rightarrow", "\\implies", "\\Longrightarrow", "\\therefore"})
