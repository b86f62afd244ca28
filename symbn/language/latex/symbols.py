"""The symbol table a document is read with: sizes, index letters, tensors and spellings.

A document does not say that `h` is N×L, that `k` runs over the rows, that `\\sigma^2` is
one name (`var`) and not a power, or that `\\mathcal{L}` is the loss: the context does, and
the parser consults it at every atom. Spellings are LaTeX written the way a person writes
it; `spelling_key` brings two spellings that TeX reads the same (`\\sigma^2`,
`\\sigma^{2}`, `\\hat h`, `\\hat{h}`) to one key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from symbn.errors import InputError, SymbnError
from symbn.language.functions import TABLE, refuse_reserved
from symbn.language.latex.plainwords import PLAIN_FUNCTIONS
from symbn.language.latex.texlex import Token, tokenize
from symbn.source.context import Context
from symbn.source.positions import TexError

#: The functions of symbn's expression language that a spelling may name: those of one
#: argument in the function table.
LANGUAGE_FUNCTIONS = frozenset(name for name, f in TABLE.items() if f.arity == 1)
#: The functions [functions] may spell: the language's, softmax along each row, and the
#: standard normal CDF and density (`symbn.language.latex.normal`).
SPELLED_FUNCTIONS = LANGUAGE_FUNCTIONS | {"softmax", "normcdf", "normpdf"}
#: The language's functions set upright by name: `\\text{tanh}`, `\\operatorname{exp}`.
UPRIGHT_FUNCTIONS = {
    f"{command}{{{word}}}": func
    for command in ("\\operatorname", "\\mathrm", "\\text")
    for word, func in (
        *(("exp", "exp"), ("log", "log"), ("ln", "log"), ("tanh", "tanh"), ("cosh", "cosh")),
        *(("sinh", "sinh"), ("sech", "sech"), ("sigmoid", "sigmoid"), ("relu", "relu")),
        *(("ReLU", "relu"), ("softplus", "softplus"), ("erf", "erf"), ("sign", "sign")),
        *(("Sigmoid", "sigmoid"), ("Tanh", "tanh")),
    )
}
DEFAULT_FUNCTIONS = MappingProxyType(
    {
        **UPRIGHT_FUNCTIONS,
        "\\exp": "exp",
        "\\log": "log",
        "\\ln": "log",
        "\\tanh": "tanh",
        "\\cosh": "cosh",
        "\\sinh": "sinh",
        "\\sech": "sech",
        "\\operatorname{step}": "step",
        # written as plain letters, as in `sigmoid(z)`, `tanh(z)`, `exp(-z)`
        "exp": "exp",
        "log": "log",
        "tanh": "tanh",
        "sech": "sech",
        "cosh": "cosh",
        "sinh": "sinh",
        "sigmoid": "sigmoid",
        "relu": "relu",
        "ReLU": "relu",
        "softplus": "softplus",
        **PLAIN_FUNCTIONS,  # ln(x), Sigmoid(z)
    }
)
#: How documents write the functions of matrix notation (`symbn.language.latex.lowering`).
MATRIX_FUNCTIONS = MappingProxyType(
    {
        f"{command}{{{word}}}": func
        for command in ("\\operatorname", "\\mathrm", "\\text", "\\textrm")
        for word, func in (
            ("diag", "diag"),
            ("tr", "tr"),
            ("Tr", "tr"),
            ("trace", "tr"),
            ("softmax", "softmax"),
            ("Softmax", "softmax"),
        )
    }
    | {"softmax": "softmax", "Softmax": "softmax"}  # written as plain letters
)
#: The sizes a name of unknown shape is parsed with while the inference solves its shape
#: (`symbn.language.latex.solve`): any index letter may stand at their axes.
PLACEHOLDER = ("P_a", "P_b")

#: Commands that take one argument and make a new symbol of it (accents and fonts).
ARG_COMMANDS = frozenset(
    {
        "\\hat",
        "\\widehat",
        "\\bar",
        "\\overline",
        "\\tilde",
        "\\widetilde",
        "\\vec",
        "\\dot",
        "\\ddot",
        "\\check",
        "\\breve",
        "\\mathring",
        "\\mathcal",
        "\\mathscr",
        "\\mathbf",
        "\\mathit",
        "\\mathrm",
        "\\mathsf",
        "\\mathbb",
        "\\boldsymbol",
        "\\bm",
        "\\operatorname",
        "\\mathfrak",
    }
)
#: Fonts that do not change which symbol a letter is (`\\mathit{w}` is `w`).
PLAIN_FONTS = frozenset({"\\mathit", "\\mathrm", "\\mathbf", "\\boldsymbol", "\\bm", "\\vec"})
#: Greek letters, and \\ell (a loss's usual letter), as names written as their command.
GREEK = frozenset(
    {
        "ell",
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "varepsilon",
        "zeta",
        "eta",
        "theta",
        "vartheta",
        "iota",
        "kappa",
        "lambda",
        "mu",
        "nu",
        "xi",
        "pi",
        "varpi",
        "rho",
        "varrho",
        "sigma",
        "varsigma",
        "tau",
        "upsilon",
        "phi",
        "varphi",
        "chi",
        "psi",
        "omega",
        "Gamma",
        "Delta",
        "Theta",
        "Lambda",
        "Xi",
        "Pi",
        "Sigma",
        "Upsilon",
        "Phi",
        "Psi",
        "Omega",
    }
)


def spelling_key(tokens: Iterable[Token]) -> str:
    """A canonical text for a token sequence: tokens joined by spaces, the argument of `^`,
    `_` or an accent or font command in braces even when it was one bare token."""
    toks = list(tokens)
    out: list[str] = []
    for n, t in enumerate(toks):
        text = t.text if t.kind != "text" else t.text.replace(" ", "")
        out.append(text)
        takes_arg = t.kind in ("sup", "sub") or (t.kind == "command" and t.text in ARG_COMMANDS)
        if takes_arg and n + 1 < len(toks) and toks[n + 1].kind != "open":
            out.append("{")
            out.append(toks[n + 1].text)
            out.append("}")
            toks[n + 1] = Token("skip", "", 0, 0)
    return " ".join(o for o in out if o)


def _braced(spelling: str) -> bool:
    """Whether a spelling is one group in braces, `{W_1}`."""
    if not (spelling.startswith("{") and spelling.endswith("}")):
        return False
    depth = 0
    for n, ch in enumerate(spelling):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and n < len(spelling) - 1:
            return False
    return True


def key_of(spelling: str) -> str:
    """The key of a spelling written as LaTeX text."""
    try:
        return spelling_key(tokenize(spelling))
    except TexError as exc:
        raise SymbnError(f"spelling {spelling!r}: {exc.message}") from None


@dataclass(frozen=True)
class Symbols:
    """What the names of a document mean.

    `sizes`: the symbolic sizes; `indices`: index letter -> the size it runs over (1..size);
    `tensors`: name -> shape as a tuple of size names (`()` for a scalar); `spellings`:
    LaTeX -> a size, tensor or loss name (`r"\\sigma^2": "var"`); `loss`: the name of the
    scalar loss, if the document has one; `functions`: LaTeX -> a function of the
    expression language (`"ReLU": "relu"`), added to `\\exp`, `\\log`, `\\ln`,
    `\\tanh` and `\\operatorname{}` of softplus, erf, sign; `delta`: how the Kronecker
    delta is spelled. A one-letter name is spelled as itself and a Greek name (`mu`) as
    its command unless a spelling says otherwise.
    `inputs`: the tensors the context gives, when it says (the others are defined by
    the document, and a use before their definition is linted, but for `given`, those the
    context defines itself). Inconsistent tables raise
    `SymbnError`.
    """

    sizes: tuple[str, ...]
    indices: Mapping[str, str]
    tensors: Mapping[str, tuple[str, ...]]
    spellings: Mapping[str, str] = field(default_factory=dict)
    loss: str | None = None
    functions: Mapping[str, str] = field(default_factory=dict)
    delta: str = "\\Delta"
    inputs: frozenset[str] | None = None
    gradients: Mapping[str, str] = field(default_factory=dict)
    #: how matrices are written: `star`, `prime`, `softmax` (source.context.NOTATION)
    notation: Mapping[str, str] = field(default_factory=dict)
    #: integer labels: an input declared `range = "C"` -> C (its elements stand as indices)
    labels: Mapping[str, str] = field(default_factory=dict)
    given: frozenset[str] = frozenset()
    #: the tensor the loss is a function of (`[loss] of`), when the context says
    loss_of: str | None = None
    #: name as written -> the arguments its definition lists (`calledwith.defined_calls`)
    called: Mapping[str, str] = field(default_factory=dict)
    _names: Mapping[str, str] = field(init=False, repr=False, compare=False)
    _totals: Mapping[str, str] = field(init=False, repr=False, compare=False)
    _funcs: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("indices", "tensors", "spellings", "gradients", "notation", "labels"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        object.__setattr__(
            self, "functions", MappingProxyType({**DEFAULT_FUNCTIONS, **self.functions})
        )
        object.__setattr__(self, "sizes", tuple(self.sizes))
        if self.inputs is not None:
            object.__setattr__(self, "inputs", frozenset(self.inputs))
        self._check()
        names: dict[str, str] = {}
        for name in (*self.sizes, *self.tensors, *([self.loss] if self.loss else [])):
            if len(name) == 1 or name in GREEK:
                names[key_of(name if len(name) == 1 else "\\" + name)] = name
        totals: dict[str, str] = {}
        for spelling, name in self.spellings.items():
            other = names.get(key_of(spelling), name)
            if other != name and {bool(self.tensors.get(n, ())) for n in (name, other)} == {
                True,
                False,
            }:  # L and L^t: a scalar, the total, and the terms it sums
                terms, total = (name, other) if self.tensors.get(name) else (other, name)
                names[key_of(spelling)] = terms
                totals[terms] = total
                continue
            names[key_of(spelling)] = name
            if spelling.isascii() and spelling.isalpha() and len(spelling) >= 3:
                names.setdefault(key_of(f"\\text{{{spelling}}}"), name)  # MSE = …: a word
            if _braced(spelling):  # `{W_1}` is how W_1 is written too
                names.setdefault(key_of(spelling[1:-1]), name)
        object.__setattr__(self, "_names", MappingProxyType(names))
        object.__setattr__(self, "_totals", MappingProxyType(totals))
        funcs = {key_of(s): f for s, f in (*MATRIX_FUNCTIONS.items(), *self.functions.items())}
        object.__setattr__(self, "_funcs", MappingProxyType(funcs))

    def _check(self) -> None:
        known = set(self.sizes)
        if len(known) != len(self.sizes):
            raise SymbnError("a size is declared twice")
        for letter, size in self.indices.items():
            if len(letter) != 1 or not letter.isalpha():
                raise SymbnError(f"index {letter!r}: an index is one letter")
            if size not in known:
                raise SymbnError(f"index {letter!r} runs over {size!r}, which is not a size")
        for name, shape in self.tensors.items():
            if name in known or name in self.indices:
                raise SymbnError(f"{name!r} is declared twice")
            for s in shape:
                if s not in known:
                    raise SymbnError(
                        f"tensor {name!r} has an axis of size {s!r}, which is not a size"
                    )
        for name in self.inputs or ():
            if name not in self.tensors:
                raise SymbnError(f"input {name!r} is not a declared tensor")
        if self.loss is not None and (self.loss in self.tensors or self.loss in known):
            raise SymbnError(f"the loss {self.loss!r} is also declared as a size or tensor")
        names = {*known, *self.tensors, *([self.loss] if self.loss else [])}
        for spelling, name in self.spellings.items():
            if name not in names:
                raise SymbnError(
                    f"spelling {spelling!r} names {name!r}, which is not a size, tensor or the loss"
                )
            if spelling in self.indices:
                raise SymbnError(f"spelling {spelling!r} is also an index letter")
        for prefix, name in self.gradients.items():
            letter = len(prefix) == 1 and prefix.isalpha()
            subscripted = len(prefix) == 2 and prefix[0].isalpha() and prefix[1] == "_"
            if not (letter or subscripted) and prefix not in ARG_COMMANDS and prefix != "\\nabla":
                raise SymbnError(
                    f"gradient prefix {prefix!r}: a prefix is one letter (d), a letter and "
                    "its subscript (G_), or an accent (\\bar)"
                )
            if name != self.loss and (name not in self.tensors or self.tensors[name]):
                raise SymbnError(
                    f"gradient prefix {prefix!r} names {name!r}, which is not a scalar"
                )
        for spelling, func in self.functions.items():
            if func not in SPELLED_FUNCTIONS:
                raise SymbnError(
                    f"function spelling {spelling!r} names {func!r}; the "
                    f"functions are {', '.join(sorted(SPELLED_FUNCTIONS))}"
                )

    def name(self, key: str) -> str | None:
        """The size, tensor or loss a spelling key names, if any."""
        return self._names.get(key)

    def total(self, name: str) -> str | None:
        """The scalar spelled as tensor `name` is, the total of its terms (`L` beside `L^t`),
        which the spelling names when it is written without indices; None when there is none."""
        return self._totals.get(name)

    def function(self, key: str) -> str | None:
        """The language function a spelling key names, if any."""
        return self._funcs.get(key)

    def kind(self, name: str) -> str:
        """`size`, `tensor` or `loss`."""
        if name in self.sizes:
            return "size"
        return "loss" if name == self.loss else "tensor"

    def shape(self, name: str) -> tuple[str, ...]:
        """The shape of a tensor (`()` for sizes, the loss and scalars)."""
        return tuple(self.tensors.get(name, ()))

    def over(self, size: str) -> tuple[str, ...]:
        """The index letters that run over `size`, in declaration order."""
        return tuple(i for i, s in self.indices.items() if s == size)


def of_context(context: Context) -> Symbols:
    """The symbol table the document is read with (`InputError` when its tables do not
    fit together, at the context, or [functions] names a function the language lacks)."""
    for what, declared in (
        ("size", context.sizes),
        ("index", context.indices),
        ("input", context.inputs),
        ("input", context.defined),
    ):
        for x in declared:
            refuse_reserved(x.name, x.where, what)
    if context.loss is not None:
        refuse_reserved(context.loss.name, context.loss.where, "loss")
    for name, at in context.function_names:
        if name not in SPELLED_FUNCTIONS:
            raise InputError(
                f"[functions] spells {name!r}, which is not a function of the context",
                at,
                len(name),
            )
    tensors = {t.name: t.shape for t in (*context.inputs, *context.defined)}
    spellings = {
        t.latex.value: t.name
        for t in (*context.inputs, *context.defined)
        if t.latex is not None and t.latex.value
    }
    loss = context.loss
    if loss is not None and loss.latex is not None:
        spellings[loss.latex.value] = loss.name
    spellings.update(dict(context.spellings))
    try:
        return Symbols(
            sizes=tuple(s.name for s in context.sizes),
            indices={i.name: i.size for i in context.indices},
            tensors=tensors,
            spellings=spellings,
            loss=None if loss is None else loss.name,
            loss_of=None if loss is None else loss.of,
            functions=dict(context.functions),
            inputs=frozenset(i.name for i in context.inputs),
            gradients=dict(context.gradients),
            notation=dict(context.notation),
            labels={i.name: i.range for i in context.inputs if i.range is not None},
            given=frozenset(d.name for d in context.defines),
        )
    except SymbnError as exc:
        raise InputError(
            f"the context does not fit together: {exc.message}", context.where
        ) from None
