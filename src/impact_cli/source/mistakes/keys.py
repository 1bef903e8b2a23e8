"""Keys: a sign other than ': ' after a key, and a ': ' that starts a key too many."""

from __future__ import annotations

import re

from ...diagnostics import printable
from .clue import Clue, Finding, found, known_keys, mappings, q, quoted, written

# 'title = Falls', 'title; Falls' and 'title:Falls': key, sign, value
_NOT_A_COLON = re.compile(r"([A-Za-z_][A-Za-z0-9_ ]*?)[ \t]*([=;])[ \t]*(.*)")
_NO_SPACE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(:)(?!//)(\S.*)")


def key_without_colon(clue: Clue) -> Finding | None:
    """'title = Falls', 'title; Falls' or 'title:Falls': YAML needs 'key: value', and
    reads anything else as one piece of text."""
    for line in clue.candidates():
        text = line.text.rstrip()
        for pattern in (_NOT_A_COLON, _NO_SPACE) if line.key is None else ():
            match = pattern.fullmatch(text, line.start)
            if match is None or match.group(1).strip().lower() not in known_keys():
                continue
            key, sign, value = match.groups()
            shown = q(text[line.start :])
            return found(
                line,
                match.start(3 if sign == ":" else 2),
                f"no space after '{printable(key)}:' in {shown}"
                if sign == ":"
                else f"{shown} has '{sign}' between the key and the value",
                ("put a space after the colon" if sign == ":" else "write a colon and a space")
                + f": {printable(key.strip())}: {printable(value)}",
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
    return found(
        line,
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
    return found(
        line,
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
    return found(
        line,
        line.value_col,
        f"the text {q(value)} contains ': ', which YAML reads as the start of another key",
        f"quote the text: {written(line, quoted(value))}",
    )
