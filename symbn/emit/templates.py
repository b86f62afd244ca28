"""The one jinja2 environment of the emitters, and the templates it finds beside them.

Templates are named after the file they produce (`document.tex.j2`, `module.py.j2`), hold no
maths and no logic beyond loops, and use delimiters that cannot collide with LaTeX's braces
or Python's: ((* blocks *)), ((( values ))), ((= comments =)). An undefined value raises.
Every value arrives escaped for the file it goes into.
"""

from __future__ import annotations

import jinja2

ENVIRONMENT = jinja2.Environment(
    loader=jinja2.ChoiceLoader(
        [
            jinja2.PackageLoader("symbn.emit.frameworks", "templates"),
            jinja2.PackageLoader("symbn.emit.latex", "templates"),
            jinja2.PackageLoader("symbn.emit.numpy", "templates"),
            jinja2.PackageLoader("symbn.emit.report", "templates"),
        ]
    ),
    undefined=jinja2.StrictUndefined,
    block_start_string="((*",
    block_end_string="*))",
    variable_start_string="(((",
    variable_end_string=")))",
    comment_start_string="((=",
    comment_end_string="=))",
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=False,
)


def render(template: str, **context: object) -> str:
    """The text of `template` filled with `context`."""
    return ENVIRONMENT.get_template(template).render(**context)
