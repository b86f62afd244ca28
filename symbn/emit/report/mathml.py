"""Maths as MathML, which browsers display natively: the HTML report's typesetting when
KaTeX cannot be run (no Node.js, or no katex package).

latex2mathml parses each formula into a tree; the tree is written out here, not by
latex2mathml, keeping only the elements and attributes of presentation MathML on a
whitelist and escaping every text, so that nothing in a formula reaches the page as markup
(latex2mathml itself passes `\\text{<script>}` through and turns `\\href` into a link). The
alignment environments of a derivation become arrays of right- and left-aligned columns.
A formula latex2mathml cannot read shows as its source in red, as KaTeX shows it.
"""

from __future__ import annotations

import html
import re
from xml.etree.ElementTree import Element

from latex2mathml.converter import convert_to_element

#: The presentation MathML elements a formula may become; any other is dropped, its
#: children kept.
TAGS = frozenset(
    (
        "math",
        "mrow",
        "mi",
        "mn",
        "mo",
        "mtext",
        "mspace",
        "ms",
        "msub",
        "msup",
        "msubsup",
        "mfrac",
        "msqrt",
        "mroot",
        "mover",
        "munder",
        "munderover",
        "mtable",
        "mtr",
        "mtd",
        "mstyle",
        "mpadded",
        "mphantom",
        "menclose",
        "merror",
        "mmultiscripts",
        "mprescripts",
        "none",
    )
)
#: The attributes kept: layout only, none of them a link or a style.
ATTRIBUTES = frozenset(
    (
        "display",
        "mathvariant",
        "accent",
        "accentunder",
        "stretchy",
        "fence",
        "form",
        "separator",
        "minsize",
        "maxsize",
        "displaystyle",
        "scriptlevel",
        "columnalign",
        "rowalign",
        "columnspacing",
        "rowspacing",
        "columnlines",
        "rowlines",
        "frame",
        "linebreak",
        "width",
        "height",
        "depth",
        "lspace",
        "rspace",
        "movablelimits",
        "largeop",
        "symmetric",
        "notation",
        "linethickness",
    )
)
NAMESPACE = "http://www.w3.org/1998/Math/MathML"
#: Alignment environments as arrays: (name, the columns of the array).
_ALIGNED = {
    "aligned": "rlrlrlrl",
    "split": "rl",
    "gathered": "c",
    "align": "rlrlrlrl",
    "align*": "rlrlrlrl",
}
_ENV = re.compile(r"\\(begin|end)\{(" + "|".join(re.escape(n) for n in _ALIGNED) + r")\}")


def _as_array(src: str) -> str:
    def swap(m: re.Match) -> str:
        if m.group(1) == "begin":
            return rf"\begin{{array}}{{{_ALIGNED[m.group(2)]}}}"
        return r"\end{array}"

    return _ENV.sub(swap, src)


def _write(e: Element, out: list[str]) -> None:
    tag = e.tag.rsplit("}", 1)[-1]
    keep = tag in TAGS
    if keep:
        attrs = "".join(
            f' {k}="{html.escape(v)}"' for k, v in sorted(e.attrib.items()) if k in ATTRIBUTES
        )
        if tag == "math":
            attrs = f' xmlns="{NAMESPACE}"' + attrs
        out.append(f"<{tag}{attrs}>")
    if e.text:  # latex2mathml keeps symbols as character references: read them first
        out.append(html.escape(html.unescape(e.text)))
    for child in e:
        _write(child, out)
        if child.tail:
            out.append(html.escape(html.unescape(child.tail)))
    if keep:
        out.append(f"</{tag}>")


def convert(src: str, display: bool) -> str:
    """The MathML of one formula (its source in red when it cannot be read)."""
    out: list[str] = []
    try:
        tree = convert_to_element(_as_array(src), display="block" if display else "inline")
        _write(tree, out)
    except Exception:  # whatever the parser raises, or too deep a nesting: the source
        return f'<code class="symbn-unread">{html.escape(src)}</code>'
    return "".join(out)
