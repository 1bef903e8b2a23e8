"""Quotes, brackets and signs: text that YAML reads as something other than text."""

from __future__ import annotations

from ...diagnostics import printable
from ..outline import strip_comment
from .clue import Clue, Finding, found, q, quoted, single_quoted, written

_CURLY = "“”‘’„‚«»"


def closing(text: str, start: int) -> int | None:
    """Index of the quote closing the quoted scalar that opens at ``start``, on this line."""
    mark = text[start]
    i = start + 1
    while i < len(text):
        if mark == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == mark:
            if mark == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def unclosed_quote(clue: Clue) -> Finding | None:
    """A quote never closed: YAML reads to the end of the file (or the next quote)."""
    if "quoted scalar" in clue.context and "end of stream" in clue.problem:
        opened = clue.context_line
    else:
        opened = _opened_earlier(clue)
    if opened is None:
        return None
    line = clue.outline[opened]
    mark = line.text[line.value_col : line.value_col + 1]
    if mark not in ("'", '"'):
        return None
    inner = line.text[line.value_col + 1 :].rstrip()
    where = "the end of the file" if opened == clue.context_line else f"line {clue.line + 1}"
    return found(
        line,
        line.value_col,
        f"the quote {mark} before {q(inner)} is not closed on this line, so YAML reads on "
        f"as text to {where}",
        f"end the text with {mark} on the same line: {written(line, mark + inner + mark)}",
    )


def _opened_earlier(clue: Clue) -> int | None:
    """The line above the stop where a quote opens and is not closed, when no line in
    between holds a quote and the stop's line does: YAML read from one to the other."""
    stop = clue.at.text[: clue.col + 1]
    for line in reversed(clue.outline.lines[max(0, clue.line - 50) : clue.line]):
        start = line.value_col
        mark = line.text[start : start + 1]
        if mark in ("'", '"') and closing(line.text, start) is None:
            return line.number if mark in stop else None
        if "'" in line.text or '"' in line.text:
            return None
    return None


def text_after_quote(clue: Clue) -> Finding | None:
    """Quoted text followed by more text: an apostrophe, a JSON comma, half-quoted text."""
    line = clue.at
    start = line.value_col
    if line.text[start : start + 1] not in ("'", '"'):
        return None
    end = closing(line.text, start)
    if end is None:
        return None
    rest = line.text[end + 1 :].strip()
    if not rest or rest.startswith("#"):
        return None
    value = line.text[start:].rstrip()
    if rest.startswith(","):
        comma = line.text.index(",", end)
        return found(
            line,
            comma,
            f"a comma after the text {printable(line.text[start : end + 1])}",
            "delete it: YAML needs no commas at the ends of lines (this is not JSON)",
        )
    if line.text[start] == "'" and line.text[end - 1 : end].isalpha():
        inner = value[1:-1] if value.endswith("'") else value[1:]
        return found(
            line,
            end,
            f"the apostrophe in {q(inner)} ends the quoted text early",
            f"inside single quotes write an apostrophe twice: "
            f"{written(line, single_quoted(inner))}, or use double quotes: "
            f"{written(line, quoted(inner))}",
        )
    return found(
        line,
        start,
        f"more text after the closing quote in {q(value)}",
        f"quote the whole text: {written(line, quoted(value))}",
    )


_ESCAPES = frozenset('0abt\tnvfre "/\\N_LPxuU')


def backslash(clue: Clue) -> Finding | None:
    """'"S:\\Quality\\Falls"': in double quotes a backslash starts an escape code."""
    line = clue.at
    start = line.value_col
    if line.text[start : start + 1] != '"':
        return None
    i = line.text.find("\\", start)
    while 0 <= i < len(line.text) - 1 and line.text[i + 1] in _ESCAPES:
        i = line.text.find("\\", i + 2)
    if i < 0:
        return None
    inner = line.text[start + 1 : (closing(line.text, start) or len(line.text))]
    return found(
        line,
        i,
        f"the backslash in {q(inner)} starts a code such as \\n in double quotes, and "
        f"'\\{line.text[i + 1 : i + 2]}' is not one",
        f"use single quotes, where a backslash is just a backslash: "
        f"{written(line, single_quoted(inner))}",
    )


def curly_quotes(clue: Clue) -> Finding | None:
    """Quotes from a word processor (“ ”), which YAML reads as ordinary characters."""
    line = clue.at
    value = line.plain_value
    if not value or value[0] not in _CURLY:
        return None
    inner = value.strip(_CURLY)
    return found(
        line,
        line.value_col,
        f"the text {q(value)} is in curly quotes, which YAML does not read as quotes",
        f"use straight quotes: {written(line, quoted(inner))}",
    )


def unclosed_bracket(clue: Clue) -> Finding | None:
    """A list '[a, b' or mapping '{a: b' not closed on its line."""
    for line in clue.candidates():
        value = line.plain_value
        if value[:1] not in ("[", "{"):
            continue
        close = "]" if value[0] == "[" else "}"
        if value.count(value[0]) > value.count(close):
            kind = "list" if close == "]" else "mapping"
            end = len(line.text.rstrip())
            return found(
                line,
                end,
                f"the {kind} {q(value)} is not closed with '{close}'",
                f"end it with '{close}' on the same line: {written(line, value + close)}",
            )
    return None


_SPECIAL = {
    "@": "which YAML reserves",
    "`": "which YAML reserves",
    "%": "which YAML reserves",
    "|": "which YAML reads as the start of a block of text on the lines below",
    ">": "which YAML reads as the start of a block of text on the lines below",
    "*": "which YAML reads as a reference to another value (an alias)",
    "&": "which YAML reads as a label (an anchor)",
    "!": "which YAML reads as a type tag",
    "[": "which YAML reads as the start of a list",
    "{": "which YAML reads as the start of a mapping",
    "-": "which YAML reads as the start of a list item",
}


def special_start(clue: Clue) -> Finding | None:
    """Text starting with a character YAML gives a meaning to ('@', '*', '[', '>' ...)."""
    line = clue.at
    value = line.plain_value
    if not value or value[0] not in _SPECIAL or (value[0] == "-" and value[1:2] != " "):
        return None
    return found(
        line,
        line.value_col,
        _sign_message(value),
        f"quote the text: {written(line, quoted(value))}",
    )


def quote_if_text(text: str) -> str | None:
    """For a refused anchor, alias or tag that may be the start of a text ('&Call bells
    within reach', '*Important*'): the hint to quote it."""
    text = strip_comment(text.rstrip())
    if not text or text[0] not in _SPECIAL or text.startswith("!!"):
        return None
    if " " not in text and not (text[0] == "*" and text.endswith("*")):
        return None
    return f"if {q(text)} is text, quote it: {quoted(text)}"


def _sign_message(text: str) -> str:
    return f"the text {q(text)} starts with '{text[0]}', {_SPECIAL[text[0]]}"
