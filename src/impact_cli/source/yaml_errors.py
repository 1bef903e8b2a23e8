"""PyYAML's syntax errors, worded for people who are new to YAML.

Each becomes one located ``DD-Y`` diagnostic. The common mistakes (a tab, a
line indented too far, a colon or a quote in text, a forgotten list key) are
recognised from the text around the error (:mod:`impact_cli.source.mistakes`)
and explained at the line where the fix goes. Anything else still names the
line YAML could not read, with the parser's own words in brackets.
"""

from __future__ import annotations

import yaml

from ..diagnostics import Diagnostic, Span, printable
from .mistakes import Clue, recognise
from .outline import Outline, shorten
from .text import error, line_col


def syntax_error(exc: yaml.YAMLError, path: str, text: str) -> Diagnostic:
    """The diagnostic for a YAML error raised while parsing ``text``."""
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = line_col(text, exc.position)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return error(
            "DD-Y12",
            f"character U+{ord(char):04X} is not allowed in a YAML file",
            path,
            Span.point(line, col),
            'remove control characters; to include one in text use a quoted escape such as "\\t"',
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    if mark is None:
        return error(
            "DD-Y01",
            f"YAML cannot read the file (the parser says: {problem})",
            path,
            Span.point(1, 1),
        )
    if "another document" in problem or "single document" in context:
        return error(
            "DD-Y09",
            "the file holds more than one YAML document",
            path,
            Span.point(mark.line + 1, mark.column + 1),
            "put one diagram per file; remove the extra '---'",
        )
    context_mark = getattr(exc, "context_mark", None)
    outline = Outline(text)
    clue = Clue(
        outline,
        mark.line,
        mark.column,
        problem,
        context,
        context_mark.line if context_mark is not None else None,
    )
    found = recognise(clue)
    if found is not None:
        return error(
            found.code,
            found.message,
            path,
            Span.point(found.line + 1, found.col + 1),
            found.hint,
        )
    shown = shorten(clue.at.text.strip())
    said = f"{problem}, {context} on line {context_mark.line + 1}" if context_mark else problem
    return error(
        "DD-Y01",
        f"YAML cannot read line {mark.line + 1}"
        + (f", '{printable(shown)}'" if shown else "")
        + f" (the parser says: {said})",
        path,
        Span.point(mark.line + 1, mark.column + 1),
        "check the indentation of this line and the line above it; quote text that "
        "contains ': ' or ' #' or starts with a sign such as '[', '*' or '@'",
    )
