"""The YAML mistakes people new to YAML make, recognised and explained.

The parsers say where they stopped and what token they did not expect
("mapping values are not allowed here"); that rarely tells someone writing
their first driver diagram what to change. Each recogniser looks at the lines
around the stop (through :class:`~impact_cli.source.outline.Outline`) for one
common mistake and, when it finds it, says in plain English what was written,
what YAML made of it and how to fix it, at the line and column where the fix
goes. They read the text, not the parser's wording, so libyaml and the
pure-Python parser give the same result.

:data:`RECOGNISERS` is the one ordered list; the first that recognises the
mistake wins, so the ones that look for a precise sign (a tab, a quote) come
before the ones that judge indentation. ``docs/format.md`` ("Common mistakes")
lists what each recognises; ``tests/mistakes/`` holds a file for each.
"""

from __future__ import annotations

from .characters import bullet, dash_without_space, odd_space, tab
from .clue import Clue, Finding, Recogniser
from .indentation import indentation, line_without_key, list_without_key, under_a_text_item
from .keys import colon_in_text, key_without_colon, trailing_colon, two_keys_on_one_line
from .parsed import duplicate_key, hidden_item, lost_comment
from .quotes import (
    backslash,
    curly_quotes,
    quote_if_text,
    special_start,
    text_after_quote,
    unclosed_bracket,
    unclosed_quote,
)

__all__ = [
    "RECOGNISERS",
    "Clue",
    "Finding",
    "duplicate_key",
    "hidden_item",
    "lost_comment",
    "quote_if_text",
    "recognise",
]

RECOGNISERS: tuple[Recogniser, ...] = (
    tab,
    odd_space,
    bullet,
    dash_without_space,
    unclosed_quote,
    text_after_quote,
    backslash,
    curly_quotes,
    unclosed_bracket,
    special_start,
    key_without_colon,
    under_a_text_item,
    list_without_key,
    indentation,
    two_keys_on_one_line,
    trailing_colon,
    colon_in_text,
    line_without_key,
)


def recognise(clue: Clue) -> Finding | None:
    """The first recogniser's finding, or None for a mistake none of them knows."""
    for recogniser in RECOGNISERS:
        found = recogniser(clue)
        if found is not None:
            return found
    return None
