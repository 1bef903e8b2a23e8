"""The format mistakes people new to driver diagrams make, explained.

:mod:`impact_cli.fileformat.problems` turns each pydantic error into a
diagnostic; for the common mistakes it asks this module for the words: an
unknown key that is text with a colon in it, a capitalised or misplaced key, a
measure's ``title:``, a key with nothing after it, a title where an id belongs.
Each explanation names what was written and says what to write instead.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ..diagnostics import Loc, printable, suggest

TIER_LISTS = {
    "primary_drivers": "primary driver",
    "secondary_drivers": "secondary driver",
    "tertiary_drivers": "tertiary driver",
    "change_ideas": "change idea",
}
TOP_LEVEL_ONLY = ("primary_drivers", "measures", "theory_of_change", "glossary", "lint", "aim")
_CURLY = "“”‘’„‚«»"
_GENERATED = re.compile(r"[dDcCmM]?\d+(\.\d+)*")


class Explained(NamedTuple):
    message: str
    hint: str | None
    replaces: Loc | None = None
    """The place of a problem this one explains (the missing key that this unknown key
    was meant as, the empty 'aim:' whose parts start the next lines): that problem
    says nothing more, so it is left out."""


def short(text: str, limit: int = 50) -> str:
    text = text.replace("\n", " ")
    return printable(text if len(text) <= limit else text[: limit - 1] + "…")


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def item_kind(loc: Loc) -> str | None:
    """'change idea' when ``loc`` is an item of a list of change ideas, and so on."""
    if len(loc) >= 2 and isinstance(loc[-1], int) and isinstance(loc[-2], str):
        return TIER_LISTS.get(loc[-2])
    return None


def unknown_key(key: str, value: Any, mapping: Loc, keys: int, choices: list[str]) -> Explained:
    """Why ``key`` (with ``value``) is not a key of the mapping at ``mapping``, which has
    ``keys`` keys and allows ``choices``."""
    shown = printable(key)
    message = f"unknown key '{shown}'"
    kind = item_kind(mapping)
    near = suggest(key, choices)
    if (
        kind is not None
        and keys == 1
        and near is None
        and (value is None or isinstance(value, str))
    ):
        # '- Evening clinics: twice a week' or '- Evening clinics:' is text with a colon
        text = key + ":" + ("" if value is None else f" {value}")
        if value is None:
            return Explained(
                f"the text '{short(text)}' ends with ':', so YAML reads it as a key with no value",
                f"delete the ':' at the end (or quote the text: - {quoted(text)})",
                (*mapping, "title"),
            )
        return Explained(
            f"the text '{short(text)}' contains ': ', so YAML reads it as the key "
            f"'{short(key)}' with the value '{short(value)}'",
            f"quote the text: - {quoted(text)}",
            (*mapping, "title"),
        )
    plain = key.strip(_CURLY + " ")
    normal = re.sub(r"[\s-]+", "_", plain.lower())
    if plain != key and plain in choices:
        return Explained(
            message,
            f"the key is in curly quotes (from a word processor), which YAML keeps as part of "
            f"it: write {plain}: without them",
            (*mapping, plain),
        )
    if normal in choices and normal != key:
        why = (
            "keys are written in lower case"
            if normal == key.lower()
            else ("keys use '_' between words")
        )
        return Explained(message, f"{why}: write '{normal}:'", (*mapping, normal))
    if key == "title" and "name" in choices:
        return Explained(
            message,
            "a measure's text is its 'name:' (drivers and change ideas have a 'title:')",
            (*mapping, "name"),
        )
    if key == "name" and "title" in choices:
        return Explained(
            message, "use 'title:' here ('name:' is for measures)", (*mapping, "title")
        )
    wrong_level = _wrong_level(key, mapping, kind)
    if wrong_level is not None:
        return Explained(
            message, wrong_level, (key,) if key in TOP_LEVEL_ONLY else _explains(key, mapping)
        )
    if near is not None:
        return Explained(message, f"did you mean '{near}'?", (*mapping, near))
    return Explained(message, "keys allowed here: " + ", ".join(choices) if choices else None)


def _wrong_level(key: str, mapping: Loc, kind: str | None) -> str | None:
    """The hint for a key of the format written at a level where it does not belong."""
    if key in TOP_LEVEL_ONLY and mapping:
        under = f"'{mapping[-1]}:'" if isinstance(mapping[-1], str) else "the item above"
        return (
            f"'{key}:' belongs at the top level: start it at the beginning of the line, "
            f"not indented under {under}"
        )
    if key not in TIER_LISTS and key != "supports":
        return _key_of(key, kind)
    if kind == "change idea":
        return (
            "a change idea cannot have drivers or change ideas under it: is this list "
            "indented too far, or is this item a driver written under 'change_ideas:'?"
        )
    if key == "supports" and kind == "primary driver":
        return (
            "a primary driver always supports the aim; if this is a secondary driver, "
            "move it under 'secondary_drivers:' of the primary driver it supports"
        )
    return {
        "primary driver": "under a primary driver, drivers are 'secondary_drivers:'; "
        "tertiary drivers go under a secondary driver",
        "secondary driver": "under a secondary driver, drivers are 'tertiary_drivers:'",
        "tertiary driver": "a tertiary driver is the deepest driver: it can have "
        "'change_ideas:' under it, not more drivers",
    }.get(kind or "")


# Keys that only one kind of mapping has, and where that mapping is written.
_ONLY_IN = {
    **dict.fromkeys(
        ("statement", "baseline", "target", "deadline", "population"),
        "the aim: indent it under 'aim:'",
    ),
    **dict.fromkeys(
        ("status", "priority", "owner", "pdsa", "learning"), "a change idea, not of a driver"
    ),
    **dict.fromkeys(
        ("type", "tracks", "definition", "frequency", "data_source"),
        "a measure: measures are listed under 'measures:'",
    ),
    **dict.fromkeys(
        ("if_we", "we_will", "so_that"),
        "the theory of change: indent it under 'theory_of_change:'",
    ),
    **dict.fromkeys(("profile", "disable"), "the lint settings: indent it under 'lint:'"),
}


def _explains(key: str, mapping: Loc) -> Loc | None:
    """A part of the aim at the top level explains an empty 'aim:'."""
    return ("aim",) if not mapping and _ONLY_IN.get(key, "").startswith("the aim") else None


def _key_of(key: str, kind: str | None) -> str | None:
    """'statement' at the top level, 'status' on a driver: the mapping the key belongs to."""
    where = _ONLY_IN.get(key)
    if where is None or (kind == "change idea" and where.startswith("a change idea")):
        return None
    return f"'{key}' is a key of {where}"


def no_value(loc: Loc, what: str, expected: str) -> Explained:
    """``key:`` with nothing after it, where ``expected`` (text, a list, a mapping) belongs."""
    last = loc[-1] if loc else ""
    if isinstance(last, int):
        return Explained(f"{what} is empty", "write the text after the '-', or delete the line")
    if last == "aim":
        return Explained(
            "'aim' has no value",
            "write the aim after 'aim:' on the same line, or indent its parts "
            "(statement:, target:, …) on the lines below it",
        )
    if expected == "a list":
        return Explained(
            f"'{last}' has no items",
            f"list them on the lines below '{last}:', indented, each starting with '- '; "
            "or delete the line",
        )
    return Explained(
        f"'{last}' has no value",
        f"write the {'text' if expected == 'text' else 'value'} after '{last}:' on the same "
        "line, or delete the line if it is optional",
    )


def bad_id(value: str, loc: Loc, data: Any) -> str:
    """The hint for ``value``, which is not a valid id, written at ``loc``."""
    field = next((s for s in reversed(loc) if isinstance(s, str) and s != "to"), "")
    if field in ("supports", "tracks"):
        if _GENERATED.fullmatch(value):
            return (
                f"'{printable(value)}' looks like a number impact gives an item; refer to "
                "items by their 'id:' (give the item one if it has none)"
            )
        if " " in value.strip():
            found = find_title(data, value)
            where = f"the {found} '{short(value)}'" if found else "that item"
            return (
                f"'{field}' takes ids, not titles: give {where} an id (for example "
                f"'id: {_PREFIX.get(found or '', '')}{slug(value)}') and write the id here"
            )
    kind = item_kind(loc[:-1]) if field == "id" else None
    if value[:1].isdigit():
        prefix = _PREFIX.get(kind or "", "m-" if "measures" in loc else "id-")
        return f"an id starts with a letter: for example '{prefix}{printable(value)}'"
    return (
        "an id starts with a letter and uses only letters, digits, '-' and '_' "
        "(at most 64 characters)"
    )


_PREFIX = {
    "primary driver": "pd-",
    "secondary driver": "sd-",
    "tertiary driver": "td-",
    "change idea": "ci-",
}


def slug(title: str) -> str:
    """An id made of the first words of a title."""
    words = re.findall(r"[a-z0-9]+", title.lower())[:2]
    return "-".join(words) or "id-1"


def find_title(data: Any, title: str) -> str | None:
    """What kind of item in ``data`` has the title ``title`` ('secondary driver'), if any."""
    pending: list[tuple[str | None, Any]] = [(None, data)]
    while pending:
        kind, value = pending.pop()
        if isinstance(value, dict):
            if kind and value.get("title") == title:
                return kind
            for key, child in value.items():
                if key in TIER_LISTS and isinstance(child, list):
                    pending.extend((TIER_LISTS[key], item) for item in child)
        elif isinstance(value, str) and kind and value.strip() == title.strip():
            return kind
    return None
