"""PyYAML's syntax errors, worded for people who are new to YAML.

Each becomes one located ``DD-Y`` diagnostic with a hint in plain English where
the problem is a common one (a colon in unquoted text, a tab, a second document).
"""

from __future__ import annotations

from typing import Any

import yaml

from ..diagnostics import Diagnostic, Span
from .text import error, line_col

_YAML_HINTS = {
    "mapping values are not allowed": (
        "text containing ': ' must be quoted, for example title: \"Aim: reduce falls\""
    ),
    "could not find expected ':'": "each line in a mapping needs 'key: value'",
    "found character '\\t' that cannot start any token": (
        "indent with spaces; YAML does not allow tabs for indentation"
    ),
    "expected <block end>, but found '-'": "check the indentation of this list item",
    "found undefined alias": "write the text out in full; aliases are not allowed",
    "expected a single document": "put one diagram per file; remove the extra '---'",
    "but found another document": "put one diagram per file; remove the extra '---'",
}


def _tab_at(text: str, mark: Any) -> bool:
    """Whether the character at a mark is a tab (libyaml's message does not say)."""
    if mark is None:
        return False
    lines = text.split("\n")
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    return 0 <= mark.column < len(line) and line[mark.column] == "\t"


def syntax_error(exc: yaml.YAMLError, path: str, text: str) -> Diagnostic:
    """The diagnostic for a YAML error raised while parsing ``text``."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
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
    span = Span.point(mark.line + 1, mark.column + 1) if mark is not None else Span.point(1, 1)
    code = "DD-Y01"
    if "cannot start any token" in problem and ("\\t" in problem or _tab_at(text, mark)):
        code = "DD-Y04"
        problem = "tab character used for indentation"
    elif "another document" in problem or "single document" in (context or ""):
        code = "DD-Y09"
        problem = "the file holds more than one YAML document"
    hint = next((h for key, h in _YAML_HINTS.items() if key in str(exc)), None)
    if code == "DD-Y04":
        hint = "indent with spaces; YAML does not allow tabs for indentation"
    message = problem if code != "DD-Y01" else f"YAML syntax error: {problem}"
    if context and code == "DD-Y01" and mark is not None:
        ctx_mark = getattr(exc, "context_mark", None)
        if ctx_mark is not None and ctx_mark.line != mark.line:
            message += f" ({context} on line {ctx_mark.line + 1})"
    return error(code, message, path, span, hint)
