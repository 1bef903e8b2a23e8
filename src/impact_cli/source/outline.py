"""YAML text read line by line, as a person reads it: indentation, dashes, key, value.

The parser stops at the first token it cannot place, and the mistake is often
on an earlier line: one line indented too far turns the lines below it into
text. The recognisers in :mod:`impact_cli.source.mistakes` read the lines around
a syntax error through this outline to say which line is wrong. It is used only
once a file has failed to parse, so it favours plain code over speed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# 'key:' followed by a space or the end of the line. A key is plain text without
# ': ' or ' #', or a quoted string.
_KEY = re.compile(r"""("[^"]*"|'[^']*'|[^\s#'"\[\]{},:-][^#]*?|-[^\s#][^#]*?)\s*:(?=[ \t]|$)""")
_DASH = re.compile(r"-(?:[ \t]+|$)")


class Line(NamedTuple):
    """One line of the file (``number`` is 0-based; columns too)."""

    number: int
    text: str
    indent: int
    """Leading spaces (a tab or any other character ends the indentation)."""
    dashes: tuple[int, ...]
    """Columns of the list markers ('- ') at the start of the content."""
    start: int
    """Column where the content after the indentation and dashes begins."""
    key: str | None
    """The key, when the content is 'key:' or 'key: value'."""
    value: str
    """The value after 'key:' (stripped), or the whole content when there is no key."""
    value_col: int

    @property
    def blank(self) -> bool:
        """Empty, only spaces, or only a comment: nothing YAML reads."""
        rest = self.text[self.start :].strip()
        return not self.dashes and (not rest or rest.startswith("#"))

    @property
    def is_item(self) -> bool:
        return bool(self.dashes)

    @property
    def key_col(self) -> int:
        """Column of the key (or of the content, for a line without one)."""
        return self.start

    @property
    def opens_block(self) -> bool:
        """'key:' or '-' with nothing after it: what follows on deeper lines is its value."""
        return not self.plain_value

    @property
    def plain_value(self) -> str:
        """The value without a trailing comment."""
        return strip_comment(self.value)

    @property
    def content(self) -> str:
        """The line after its indentation, shortened for a message."""
        return shorten(self.text[self.indent :].strip())


def strip_comment(value: str) -> str:
    """``value`` without a ' #' comment, when the value is not quoted."""
    if value[:1] in ("'", '"'):
        return value
    cut = value.find(" #")
    return (value if cut < 0 else value[:cut]).rstrip()


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_line(number: int, text: str) -> Line:
    indent = len(text) - len(text.lstrip(" "))
    col = indent
    dashes: list[int] = []
    while (match := _DASH.match(text, col)) is not None:
        dashes.append(col)
        col = match.end()
    key_match = _KEY.match(text, col)
    if key_match is None:
        return Line(number, text, indent, tuple(dashes), col, None, text[col:].rstrip(), col)
    after = key_match.end() + 1  # past the ':'
    value_col = after + len(text[after:]) - len(text[after:].lstrip(" \t"))
    key = key_match.group(1)
    return Line(number, text, indent, tuple(dashes), col, key, text[value_col:].rstrip(), value_col)


class Outline:
    """The lines of a file, and the questions asked about them."""

    def __init__(self, text: str) -> None:
        self.lines = [read_line(i, t) for i, t in enumerate(text.split("\n"))]

    def __getitem__(self, number: int) -> Line:
        return self.lines[number]

    def __len__(self) -> int:
        return len(self.lines)

    def previous(self, number: int) -> Line | None:
        """The nearest line above ``number`` that YAML reads (not blank, not a comment)."""
        for line in reversed(self.lines[:number]):
            if not line.blank:
                return line
        return None

    def ancestors(self, number: int) -> Iterator[Line]:
        """The line above ``number``, then each line above that is less indented than the
        last one given: the lines whose keys and lists are still open at ``number``."""
        limit: int | None = None
        for line in reversed(self.lines[:number]):
            if line.blank:
                continue
            if limit is None or line.indent < limit:
                limit = line.indent
                yield line
            if limit == 0:
                return

    def owner(self, number: int, col: int) -> Line | None:
        """The nearest line above ``number`` with a key left of ``col``: whose value holds it."""
        for line in self.ancestors(number):
            if line.key is not None and line.key_col < col:
                return line
        return None

    def text_start(self, number: int) -> int:
        """The first line of the text that the parser was reading when it stopped at
        ``number``: lines above without a key or a dash are more of that text."""
        first = number
        for line in reversed(self.lines[:number]):
            if line.blank:
                continue
            first = line.number
            if line.key is not None or line.is_item:
                break
        return first
