"""What the recognisers read and give, and the wording they share.

A :class:`Clue` is where the parser stopped, with the file's
:class:`~impact_cli.source.outline.Outline`; a :class:`Finding` is a recognised
mistake, placed where its fix goes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from ...diagnostics import printable
from ..outline import Line, Outline, shorten


class Clue(NamedTuple):
    """Where and how the parser stopped (0-based lines and columns)."""

    outline: Outline
    line: int
    col: int
    problem: str
    context: str
    context_line: int | None

    @property
    def at(self) -> Line:
        return self.outline[min(self.line, len(self.outline) - 1)]

    def candidates(self) -> list[Line]:
        """The lines that may hold the mistake: the stop's line and the lines above it
        that YAML was still reading as one piece of text."""
        first = self.outline.text_start(self.line)
        if self.context_line is not None:
            first = min(first, self.context_line)
        last = min(self.line, len(self.outline) - 1)
        return [line for line in self.outline.lines[first : last + 1] if not line.blank]


class Finding(NamedTuple):
    """A recognised mistake (0-based position of the fix)."""

    code: str
    line: int
    col: int
    message: str
    hint: str


Recogniser = Callable[[Clue], Finding | None]


def q(text: str) -> str:
    """Text from the file, quoted for a message."""
    shown = printable(shorten(text.replace("\t", " ")))
    return f'"{shown}"' if "'" in shown and '"' not in shown else f"'{shown}'"


def quoted(text: str) -> str:
    """``text`` as a YAML quoted string."""
    if '"' in text and "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def single_quoted(text: str) -> str:
    """``text`` in single quotes, where only an apostrophe needs escaping (doubled)."""
    return "'" + text.replace("'", "''") + "'"


def written(line: Line, value: str) -> str:
    """``line`` as it should be written, with ``value`` after its key or dash."""
    lead = f"{line.key}: " if line.key is not None else ("- " if line.is_item else "")
    return printable(lead + value)


@cache
def mappings() -> tuple[frozenset[str], ...]:
    """The keys of each kind of mapping the file format defines (only needed once a
    file has a mistake)."""
    from pydantic import BaseModel

    from ...fileformat import model

    return tuple(
        frozenset(cls.model_fields)
        for cls in vars(model).values()
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls is not BaseModel
    )


def known_keys() -> frozenset[str]:
    """Every key the file format defines."""
    return frozenset().union(*mappings())


def found(line: Line, col: int, message: str, hint: str) -> Finding:
    """A syntax mistake (DD-Y01) whose fix goes at column ``col`` of ``line``."""
    return Finding("DD-Y01", line.number, col, message, hint)
