"""Findings as data.

Every problem impact can report (a YAML syntax error, an unknown key, a dangling
reference, a lint finding) is a :class:`Diagnostic`. Nothing in the library prints
or raises for a problem in a user's file: it returns diagnostics, and one reporter
per output format (text, JSON, GitHub, SARIF) turns them into text at the edge.
"""

from __future__ import annotations

import enum
import re
from typing import NamedTuple


class Severity(enum.Enum):
    """How serious a finding is. Errors make a diagram invalid; the rest advise."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}


class Span(NamedTuple):
    """A region of a source file, 1-based lines and columns (end is exclusive)."""

    line: int
    col: int
    end_line: int
    end_col: int

    @classmethod
    def point(cls, line: int, col: int) -> Span:
        return cls(line, col, line, col + 1)


UNKNOWN_SPAN = Span(1, 1, 1, 1)


class Diagnostic(NamedTuple):
    """One finding in one file.

    ``pointer`` is the dotted path of the offending value inside the document
    (``primary_drivers[1].title``), useful to machines when the file is generated.
    """

    code: str
    severity: Severity
    message: str
    path: str
    span: Span = UNKNOWN_SPAN
    hint: str | None = None
    pointer: str = ""
    related: tuple[tuple[str, Span], ...] = ()

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def col(self) -> int:
        return self.span.col

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.span.line, self.span.col, self.code, self.message)

    def format_line(self) -> str:
        """The one-line ``path:line:col: severity CODE: message`` form.

        Path and message are made printable: either may carry text from a file or
        its name, and one line must stay one line (a newline would forge another).
        """
        return (
            f"{printable(self.path)}:{self.span.line}:{self.span.col}: "
            f"{self.severity.value} {self.code}: {printable(self.message)}"
        )


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Order findings by position so output is stable and reads top to bottom."""
    return sorted(diagnostics, key=Diagnostic.sort_key)


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


# -- places and wording shared by the checks that make diagnostics ----------------------

Loc = tuple[str | int, ...]
"""A place in the document as keys and indexes: ``("primary_drivers", 0, "title")``."""


def pointer(loc: Loc) -> str:
    """``("primary_drivers", 0, "title")`` -> ``primary_drivers[0].title``."""
    out = ""
    for seg in loc:
        if isinstance(seg, int):
            out += f"[{seg}]"
        else:
            out += f".{seg}" if out else str(seg)
    return out


def suggest(word: str, choices: list[str]) -> str | None:
    """The closest of ``choices`` to a misspelt ``word``, for a "did you mean" hint."""
    import difflib  # only a file with a problem needs it

    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not matches:
        lowered = {c.lower(): c for c in choices}
        return lowered.get(word.lower())
    return matches[0]


_UNSAFE_IN_MESSAGES = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ud800-\udfff"
    r"\ufdd0-\ufdef\ufeff\ufffe\uffff]"
)


def printable(text: str) -> str:
    """Text from a file made safe to echo in a message on a terminal or CI log.

    A quoted YAML escape ("\\e[2J") puts terminal escape sequences, newlines or bidi
    overrides into keys and values; echoed raw they would clear the screen, retitle
    the window, forge a new diagnostic line or reorder the message. Show them as
    ``\\uXXXX`` instead.
    """
    return _UNSAFE_IN_MESSAGES.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
