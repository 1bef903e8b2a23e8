"""The draft columns of the spreadsheet layout: ``linked`` and ``link_notes``.

``link_notes`` holds the notes on a row's links, one per link, each starting with
the id of the parent it is about: ``pd-planning: Most delayed discharges had no
plan``. A note's own later lines follow it. A cell whose first line names no parent
is the note on the link to ``parent_id``: what someone typing one note by hand
means. The export always writes the id, so nothing is guessed on the way back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Link
    from .csv_cells import Sheet
    from .csv_rows import Row

HOME = ""
"""The key of a note written without an id: the note on the link to ``parent_id``
(which, for a primary driver, may be left empty and mean the aim)."""

_NO = ("no", "false")
_YES = ("", "yes", "true")


def write_notes(links: Sequence[Link]) -> str:
    """The ``link_notes`` cell for a box's links (home first, then the others)."""
    return "\n".join(f"{link.target}: {link.note}" for link in links if link.note)


def read_linked(sheet: Sheet, row: Row, value: str) -> bool:
    """The ``linked`` cell: ``no`` (or ``false``) for a place not known yet."""
    word = value.strip().lower()
    if word in _NO:
        return False
    if word not in _YES:
        sheet.error(
            "DD-I10",
            f"unknown linked value '{value}'",
            row.at("linked"),
            "write 'no' while the box's place is not known yet, or leave the cell empty",
        )
    return True


def read_notes(sheet: Sheet, row: Row, cell: str) -> dict[str, str]:
    """The notes in a ``link_notes`` cell, by the parent id each is about."""
    parents = sorted({p for p in (row.parent, *row.extra) if p}, key=len, reverse=True)
    notes: dict[str, list[str]] = {}
    current: str | None = None
    for line in cell.splitlines():
        target = next((p for p in parents if line.startswith(f"{p}:")), None)
        if target is not None:
            if target in notes:
                sheet.error(
                    "DD-I08",
                    f"link_notes has two notes on the link to '{target}'",
                    row.at("link_notes"),
                    "keep one note per link (a note may run over several lines)",
                )
            current = target
            notes[current] = [line[len(target) + 1 :]]
        elif current is not None:
            notes[current].append(line)
        elif line.strip():
            current = HOME
            notes[HOME] = [line]
    found = {key: "\n".join(lines).strip() for key, lines in notes.items()}
    return {key: note for key, note in found.items() if note}
