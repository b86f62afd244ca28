"""How large an expression of the language may be: the limits the parser
(`symbn.language.parse`), its walker (`symbn.language.walker`) and the LaTeX maths reader
(`symbn.language.latex`, for a concrete index) enforce. Nothing is imported here, so a
reader that uses no SymPy can share them.
"""

MAX_LENGTH = 4000  # characters in one expression
MAX_DEPTH = 60  # nesting of syntax nodes
MAX_DIGITS = 30  # digits in one numeric literal
MAX_EXPONENT = 64  # |p| and q of an exponent p/q
MAX_NUMBER_DIGITS = 100  # digits of the numerator and the denominator of any number
MAX_SUM_INDICES = 8  # indices bound by one sum()
MAX_INDEX = 16  # a concrete index: the concrete check samples every size at least that large


def index_too_large(n: int) -> str:
    """Why a concrete index `n` above `MAX_INDEX` is refused."""
    return (
        f"concrete index {n} is too large: the concrete check samples sizes up to "
        f"{MAX_INDEX}, so a concrete index is at most {MAX_INDEX}"
    )
