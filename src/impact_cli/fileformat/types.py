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

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{0,63}$"
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"

# C0 and C1 control characters other than tab and newline cannot be carried by
# XML, SVG or HTML and have no place in a diagram's text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: str) -> str:
    value = value.strip()
    if not value:
        raise PydanticCustomError("empty_text", "text must not be empty")
    bad = _CONTROL.search(value)
    if bad:
        raise PydanticCustomError(
            "control_character",
            "text contains the control character U+{code}",
            {"code": f"{ord(bad.group(0)):04X}"},
        )
    return value


class Strength(StrEnum):
    """How strongly a cause is believed to drive its effect (IHI: solid or dotted)."""

    strong = "strong"
    weak = "weak"


class Status(StrEnum):
    """Where a change idea is in its PDSA life."""

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
