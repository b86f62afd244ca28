"""Readers: from a Markdown document with LaTeX maths to claims in the expression language.

One way through, each stage a module, none of them using SymPy:

    markdown  (displays and front matter, each character's file position: positions)
    -> texlex (tokens with offsets) -> brackets (groups, environments, delimiters)
    -> texmath (the syntax tree, names resolved with symbols; nodes in tree; names
       and their scripts in texnames; environments in texenv; indices and bare sums in
       subscripts)
    -> rows (a display's lines: sides, relations, annotations, size statements)
    -> ellipsis (sums written with \\cdots), shapes (matrix-level lines, sizes),
       cases, matrices -> claims, annotations (what to verify, printed by printer)
    -> lints (warnings) -> reader.read (all of it, every note located)
"""
