"""Mistakes in files that parse: YAML reads them, but not as they look (DD-Y15), and
keys written twice (DD-Y02). The reader finds them; these functions word them."""

from __future__ import annotations

import re

from ...diagnostics import printable
from ..outline import Outline
from .clue import Clue, Finding, q, quoted, written
from .indentation import list_without_key


def lost_comment(
    outline: Outline, value: str, start: tuple[int, int], end: tuple[int, int]
) -> Finding:
    """'title: clinic #2': the ' #2' after the plain text ``value`` (from ``start`` to
    ``end``, line and column) is a comment, and YAML drops it."""
    rest = outline[end[0]].text[end[1] :].strip()  # '#2 staffing  # a real comment'
    comment = "#" + re.split(r" +#", rest[1:], maxsplit=1)[0].rstrip()
    return Finding(
        "DD-Y15",
        start[0],
        start[1],
        f"the text stops at {q(value)}: YAML reads ' {printable(comment)}' after it as a "
        "comment and drops it",
        f"to keep it, quote the whole text: "
        f"{written(outline[start[0]], quoted(value + ' ' + comment))}; "
        "if it is a comment, put two spaces before the '#' and one after it",
    )


def hidden_item(outline: Outline, first: int, last: int) -> Finding | None:
    """A line starting '- ' that YAML read as more of the plain text on the lines above
    (``first`` to ``last``), because it is indented more than that text's key or item."""
    for number in range(first + 1, last + 1):
        line = outline[number]
        if line.is_item:
            found = list_without_key(Clue(outline, number, line.indent, "", "", None))
            if found is not None:
                return found._replace(code="DD-Y15")
            return Finding(
                "DD-Y15",
                number,
                line.indent,
                f"{q(line.content)} is indented under the text that starts on line "
                f"{first + 1}, so YAML reads it as more of that text",
                "if it is a list item, line up its '-' with the items of its list (or add "
                "the list's key above it); if it is text, quote the whole text",
            )
    return None


# The lists at the top level: a second one of these is one list split in two.
TOP_LEVEL_LISTS = frozenset(
    ("primary_drivers", "secondary_drivers", "tertiary_drivers", "change_ideas", "measures")
)


def duplicate_key(key: str, first: int, written: str, next_item: bool) -> tuple[str, str]:
    """The message and hint for ``key`` (on a line reading ``written``) written again in
    one mapping, first on line ``first``. ``next_item``: it is the first key of a list
    item again, so it looks like the next item without its '- '."""
    shown = printable(key)
    if next_item:
        return (
            f"duplicate key '{shown}' (first defined on line {first}): "
            f"{q(written)} looks like the start of the next list item",
            f"begin the line with '- ', indented like the '-' on line {first}; if it is the "
            "same item, delete one of the two",
        )
    if key in TOP_LEVEL_LISTS and written.startswith(key):
        return (
            f"a second '{shown}:' list (the first is on line {first})",
            f"YAML would keep only one of the two lists: move these items into the first "
            f"'{shown}:' list and delete this line",
        )
    return (
        f"duplicate key '{shown}' (first defined on line {first})",
        "YAML keeps only one of them; remove or rename one",
    )
