"""The plain building blocks of the file format: patterns, enums and value checks.

Shared by the pydantic models (:mod:`impact_cli.fileformat.model`, the contract) and the
compiled validator (:mod:`impact_cli.fileformat.compiled`, what ``validate`` runs).
This module imports no pydantic model machinery: creating the model classes
costs more at start-up than validating a typical diagram, so the fast path
never does (see docs/performance.md).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from pydantic_core import PydanticCustomError

from ..measures.values import parse_number

# pydantic searches with these through Python's re, and the JSON Schema publishes
# them as ECMA-262 regexes, so they must mean the same to both. Python's '$' also
# matches before a final newline ("pd-a\n"); the '(?!\n)' in front of it rules that
# out and ECMA regexes read it alike. Classes are spelt out: Python's \d would take
# any Unicode digit.
ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{0,63}(?!\n)$"
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*(?!\n)$"
LINT_CODE_PATTERN = r"^[A-Za-z]{2}-[A-Z][0-9]{2}(?!\n)$"

# C0 and C1 control characters other than tab and newline cannot be carried by
# XML, SVG or HTML and have no place in a diagram's text. Unicode non-characters
# (U+FDD0-U+FDEF and the last two code points of every plane) are reserved for
# programs' own use: XML forbids U+FFFE and U+FFFF and Graphviz refuses them, so
# a file that validated would fail to render.
_UNSHOWABLE = (
    ("control character", re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")),
    (
        "Unicode non-character",
        re.compile(
            "[\ufdd0-\ufdef"
            + "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}" for p in range(0, 0x110000, 0x10000))
            + "]"
        ),
    ),
)


def clean_text(value: str) -> str:
    """Text without its surrounding whitespace; never empty, only showable characters."""
    value = value.strip()
    if not value:
        raise PydanticCustomError("empty_text", "text must not be empty")
    return showable(value)


def showable(value: str) -> str:
    """``value`` if it has no control character and no non-character, else an error."""
    for what, pattern in _UNSHOWABLE:
        bad = pattern.search(value)
        if bad:
            raise PydanticCustomError(
                "unshowable_character",
                "text contains the {what} U+{code}",
                {"what": what, "code": f"{ord(bad.group(0)):04X}"},
            )
    return value


class Strength(StrEnum):
    """How strongly a cause is believed to drive its effect (IHI: solid or dotted)."""

    strong = "strong"
    weak = "weak"
    unconfirmed = "unconfirmed"
    """Drawn or written so in a draft or a source, not yet confirmed by the team."""


class Status(StrEnum):
    """Where a change idea (or a driver) is in its PDSA life."""

    idea = "idea"
    testing = "testing"
    adopted = "adopted"
    adapted = "adapted"
    abandoned = "abandoned"


class Priority(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"


class MeasureType(StrEnum):
    outcome = "outcome"
    process = "process"
    balancing = "balancing"


class Direction(StrEnum):
    """Which way the drawing reads: left to right, or top to bottom with the aim on top."""

    LR = "LR"
    TB = "TB"


class IdeasColumn(StrEnum):
    """Where the drawing puts change ideas (docs/layout.md says how 'auto' chooses)."""

    auto = "auto"
    last = "last"
    beside = "beside"


class Profile(StrEnum):
    ihi = "ihi"
    permissive = "permissive"


class Improvement(StrEnum):
    """Which way a measure gets better."""

    increase = "increase"
    decrease = "decrease"
    neither = "neither"


class RuleSet(StrEnum):
    """How a measure's chart is read (docs/measures.md)."""

    mdc = "mdc"
    ihi = "ihi"


def number_value(value: Any) -> Any:
    """A value of a measure: a plain decimal, written as a YAML number or as text."""
    if isinstance(value, bool) or value is None:
        return value  # the float validator says what is wrong with it
    if isinstance(value, int | float):
        number = parse_number(repr(value))
    elif isinstance(value, str):
        number = parse_number(value)
    else:
        return value
    if number is None:
        raise PydanticCustomError("not_a_number", "'{text}' is not a number", {"text": str(value)})
    return number


def whole_number(value: Any) -> Any:
    """``7`` (the reader keeps every scalar as text) stands for the number 7."""
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,6}", value.strip()):
        return int(value)
    return value


def one_or_more(value: Any) -> Any:
    """A single text stands for a list of one: ``rebase: 2024-03``."""
    return [value] if isinstance(value, str) else value


def data_path(value: str) -> str:
    """A CSV file in the diagram's folder or below it, written with '/'."""
    reason = None
    if "\\" in value:
        reason = "write the path with '/', not '\\'"
    elif value.startswith("/") or re.match(r"[A-Za-z]:", value):
        reason = "the path must be relative to the diagram's folder, not absolute"
    elif ".." in value.split("/"):
        reason = "the path must not leave the diagram's folder ('..')"
    elif not value.lower().endswith(".csv"):
        reason = "the data file must be a .csv file"
    if reason:
        raise PydanticCustomError("data_path", reason)
    return value


def pdsa_shorthand(value: Any) -> Any:
    """A bare note stands for a PDSA cycle without a period."""
    return {"note": value} if isinstance(value, str) else value


def title_shorthand(value: Any) -> Any:
    """A bare string stands for an item with only a title."""
    return {"title": value} if isinstance(value, str) else value


def link_shorthand(value: Any) -> Any:
    """A bare id stands for a strong link to that id."""
    return {"to": value} if isinstance(value, str) else value


def list_shorthand(value: Any) -> Any:
    """``supports: sd-1`` (a single id) stands for ``supports: [sd-1]``."""
    if isinstance(value, str) and re.fullmatch(ID_PATTERN, value):
        return [value]
    return value


def aim_shorthand(value: Any) -> Any:
    """A bare string stands for an aim with only a statement."""
    return {"statement": value} if isinstance(value, str) else value
