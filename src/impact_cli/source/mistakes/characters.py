"""Characters YAML does not read as the writer meant: tabs, unusual spaces, bullets."""

from __future__ import annotations

import unicodedata

from ...diagnostics import printable
from ..outline import Line
from .clue import Clue, Finding, found, q, written


def tab(clue: Clue) -> Finding | None:
    """A tab where YAML needs spaces: in the indentation, after '-' or 'key:', in text."""
    line = clue.at
    text = line.text
    if 0 <= clue.col < len(text) and text[clue.col] == "\t":
        col = clue.col  # the pure-Python parser stops at the tab itself
    else:
        lead = text[: len(text) - len(text.lstrip(" \t"))]
        if "\t" not in lead:
            return None
        col = lead.index("\t")
    return Finding("DD-Y04", line.number, col, *_tab_words(line, col))


def _tab_words(line: Line, col: int) -> tuple[str, str]:
    """What the tab at ``col`` of ``line`` is, by where it is, and the fix."""
    before, after = line.text[:col], line.text[col:].strip(" \t")
    if not before.strip():
        if not after:
            return "a tab on an otherwise empty line", "delete it"
        return (
            f"a tab in the indentation of {q(after)}",
            "indent with spaces only: YAML counts the spaces to see what belongs to what, "
            "and a tab has no fixed width",
        )
    if line.is_item and not before.strip(" -"):
        return (
            f"a tab after the '-' of {q('- ' + after)}",
            f"put one space after the '-': - {printable(after)}",
        )
    if line.key is not None and col < line.value_col:
        return (
            f"a tab after '{printable(line.key)}:'",
            f"put a space after the colon instead: {written(line, line.value)}",
        )
    if not after or after.startswith("#"):
        return (
            f"a tab at the end of {q(line.text[line.indent : col])}",
            "delete it; YAML allows only spaces there",
        )
    return f"a tab inside the text {q(line.value)}", "replace it with a space"


_ODD_SPACES = frozenset(
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff"
)


def odd_space(clue: Clue) -> Finding | None:
    """A non-breaking or other unusual space, pasted from a web page or a word processor,
    in the indentation or after ':' or '-': YAML does not count it as a space."""
    for line in clue.candidates():
        text = line.text
        lead = len(text) - len(text.lstrip("".join(_ODD_SPACES) + " -\t"))
        odd = next((i for i, char in enumerate(text[:lead]) if char in _ODD_SPACES), None)
        if odd is None:
            colon = text.find(":")
            odd = (
                colon + 1 if 0 <= colon < len(text) - 1 and text[colon + 1] in _ODD_SPACES else None
            )
        if odd is not None:
            return _odd_space_at(line, odd)
    return None


def _odd_space_at(line: Line, col: int) -> Finding:
    char = line.text[col]
    name = unicodedata.name(char, "unusual space").lower()
    rest = line.text[col:].strip("".join(_ODD_SPACES) + " ")
    return found(
        line,
        col,
        f"a {name} (U+{ord(char):04X}) before {q(rest)}, which YAML does not read as a space",
        "retype it as an ordinary space; text pasted from a web page or a word processor "
        "often brings such spaces with it",
    )


_BULLETS = "•·‣◦▪●○–—*+"


def dash_without_space(clue: Clue) -> Finding | None:
    """'-Evening clinics': without a space after it, '-' is part of the text."""
    for line in clue.candidates():
        content = line.text[line.indent :]
        if len(content) > 1 and content[0] == "-" and content[1].isalpha():
            return found(
                line,
                line.indent + 1,
                f"no space after the '-' of {q(content)}, so YAML does not read it as a list item",
                f"put a space after the '-': - {printable(content[1:].rstrip())}",
            )
    return None


def bullet(clue: Clue) -> Finding | None:
    """A list written with '•', '–' or '*' (as in a word processor) instead of '-'."""
    for line in clue.candidates():
        content = line.text[line.indent :]
        if len(content) > 1 and content[0] in _BULLETS and content[1] == " ":
            rest = content[1:].strip()
            return found(
                line,
                line.indent,
                f"{q(content)} starts with '{content[0]}', which is not a list marker in YAML",
                f"start a list item with '-' and a space: - {printable(rest)}",
            )
    return None
