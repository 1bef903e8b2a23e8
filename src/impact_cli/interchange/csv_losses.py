"""What replacing a diagram file with an imported sheet would lose.

A CSV sheet carries the boxes and their links, with each box's description,
status, priority, owner, PDSA notes and learning, whether its place is known yet,
and each link's strength and note. It carries nothing diagram-wide: not the
diagram's title (an import takes it from the sheet's file name), metadata, the
aim's details, measures, glossary, theory of change, lint settings, how the diagram
is drawn (direction, ideas_column, headings: one row per box has no place for them)
or comments.
``impact import -o existing.yaml`` names these before it replaces anything.
"""

from __future__ import annotations

import re
from typing import Any

from ..source.reader import read_yaml

_METADATA = ("subtitle", "summary", "version", "updated", "owner", "source", "licence")
# the drawing settings and their defaults: a setting left at its default loses nothing
_DRAWING = (("direction", "LR"), ("ideas_column", "auto"), ("headings", None))
_AIM_DETAILS = ("baseline", "target", "deadline", "population", "description")
_COMMENT = re.compile(r"^\s*#(?!\s*yaml-language-server:)(?! Imported from )", re.M)


def losses(data: bytes, path: str, new_title: str) -> list[str]:
    """What the file ``data`` holds that an import titled ``new_title`` would not:
    phrases such as "its 3 measures"; empty when it is not a readable diagram."""
    source = read_yaml(data, path)
    if source.data is None:
        return []
    doc: dict[str, Any] = source.data
    lost: list[str] = []
    title = doc.get("title")
    if isinstance(title, str) and title != new_title:
        lost.append(f"its title '{title}'")
    metadata = [key for key in _METADATA if doc.get(key)]
    if doc.get("language", "en-GB") != "en-GB":  # an import writes the default
        metadata.append("language")
    if metadata:
        lost.append("its " + _and(metadata))
    aim = doc.get("aim")
    details = [key for key in _AIM_DETAILS if isinstance(aim, dict) and aim.get(key)]
    if details:
        lost.append("the aim's " + _and(details))
    for key, one, many in (
        ("measures", "measure", "measures"),
        ("glossary", "glossary term", "glossary terms"),
    ):
        count = len(doc.get(key) or ())
        if count:
            lost.append(f"its {count} {one if count == 1 else many}")
    if doc.get("theory_of_change"):
        lost.append("its theory of change")
    if doc.get("lint"):
        lost.append("its lint settings")
    drawing = [key for key, default in _DRAWING if doc.get(key, default) != default]
    if drawing:
        lost.append("how it is drawn (its " + _and(drawing) + ")")
    if _COMMENT.search(source.text):
        lost.append("its comments")
    return lost


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" and {words[-1]}"
