"""Keys: a sign other than ': ' after a key, and a ': ' that starts a key too many."""

from __future__ import annotations

import re

from ...diagnostics import printable
from .clue import Clue, Finding, known_keys, mappings, q, quoted, written

_NOT_A_COLON = re.compile(r"([A-Za-z_][A-Za-z0-9_ ]*?)[ \t]*(=|;)[ \t]*(.*)")
_NO_SPACE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?!//)(\S.*)")


def not_a_colon(clue: Clue) -> Finding | None:
    """'key = value' or 'key; value': YAML needs 'key: value'."""
    for line in clue.candidates():
        if line.key is not None:
            continue
        match = _NOT_A_COLON.fullmatch(line.text, line.start)
        if match is None or match.group(1).strip().lower() not in known_keys():
            continue
        key, sign, value = match.groups()
        return Finding(
            "DD-Y01",
            line.number,
            match.start(2),
            f"{q(line.text[line.start :])} has '{sign}' between the key and the value",
            f"write a colon and a space: {printable(key.strip())}: {printable(value)}",
        )
    return None


def no_space_after_colon(clue: Clue) -> Finding | None:
    """'title:Reduce waits': without a space after ':', YAML reads one piece of text."""
    for line in clue.candidates():
        if line.key is not None:
            continue
        match = _NO_SPACE.fullmatch(line.text.rstrip(), line.start)
        if match is None or match.group(1).lower() not in known_keys():
            continue
        key, value = match.groups()
        return Finding(
            "DD-Y01",
            line.number,
            match.start(2),
            f"no space after '{printable(key)}:' in {q(line.text[line.start :])}",
            f"put a space after the colon: {printable(key)}: {printable(value)}",
        )
    return None


def two_keys_on_one_line(clue: Clue) -> Finding | None:
    """'- id: sd-1 title: Appointments': a second key on the same line."""
    line = clue.at
    if line.key is None or not line.value_col <= clue.col < len(line.text):
        return None
    match = re.search(r"(?:^|\s)([a-z_]+)$", line.text[line.value_col : clue.col])
    if match is None or not any({line.key, match.group(1)} <= keys for keys in mappings()):
        return None
    second = line.value_col + match.start(1)
    first_part = line.text[line.key_col : second].rstrip()
    return Finding(
        "DD-Y01",
        line.number,
        second,
        f"two keys on one line: {q(first_part)} and {q(line.text[second:].rstrip())}",
        f"start '{match.group(1)}:' on a new line, indented like '{printable(line.key)}:' "
        f"(if it is all one text, quote it: {written(line, quoted(line.plain_value))})",
    )


def trailing_colon(clue: Clue) -> Finding | None:
    """'title: Enough capacity:': a colon at the end reads as a key with no value."""
    line = clue.at
    value = line.plain_value
    if line.key is None or not value.endswith(":") or clue.col < line.value_col:
        return None
    return Finding(
        "DD-Y01",
        line.number,
        line.value_col + len(value) - 1,
        f"the text {q(value)} ends with ':', which YAML reads as the start of another key",
        f"delete the ':' at the end, or quote the text: {written(line, quoted(value))}",
    )


def colon_in_text(clue: Clue) -> Finding | None:
    """'title: Capacity: enough clinics': the ': ' in the text starts another key."""
    line = clue.at
    value = line.plain_value
    if line.key is None or ": " not in value or clue.col < line.value_col:
        return None
    return Finding(
        "DD-Y01",
        line.number,
        line.value_col,
        f"the text {q(value)} contains ': ', which YAML reads as the start of another key",
        f"quote the text: {written(line, quoted(value))}",
    )
