"""The spreadsheet CSV layout: export, and reading it for import.

The layout NHS driver-diagram tools such as FreeSPC's use: one row per box, first
the six columns those tools read, then optional columns of ours that they ignore::

    id,level,parent_id,text,color,extra_parents,description,weak_links,status,priority,
    owner,pdsa,learning,linked,unconfirmed_links,link_notes

* ``level``: aim, primary, secondary, tertiary (ours) or change.
* ``parent_id``: the box it hangs from (its home); ``extra_parents``: further
  boxes it supports, separated by ``;`` (``,`` is accepted on import).
* ``weak_links`` / ``unconfirmed_links``: which of ``parent_id``/``extra_parents``
  are weak links, or links not confirmed (``;``).
* ``pdsa``: one PDSA note per line inside the cell.
* ``linked``: ``no`` for a box whose place is not known yet (``linked: false``).
* ``link_notes``: the notes on its links (:mod:`.csv_notes`).

The columns after ``learning`` came with drafts; a sheet without them still imports.
"""

from __future__ import annotations

import re

from ..diagnostics import Span, suggest
from ..diagram import Diagram, Tier
from .csv_cells import Sheet, write_csv
from .csv_notes import read_linked, read_notes, write_notes
from .csv_rows import Row, read_tier

SPREADSHEET_COLUMNS = (
    "id",
    "level",
    "parent_id",
    "text",
    "color",
    "extra_parents",
    "description",
    "weak_links",
    "status",
    "priority",
    "owner",
    "pdsa",
    "learning",
    "linked",
    "unconfirmed_links",
    "link_notes",
)
LEVEL_NAMES = {
    Tier.AIM: "aim",
    Tier.PRIMARY: "primary",
    Tier.SECONDARY: "secondary",
    Tier.TERTIARY: "tertiary",
    Tier.CHANGE_IDEA: "change",
}
_REQUIRED = ("id", "level", "text")
_LEVELS_HINT = "use aim, primary, secondary, tertiary or change"


def export_rows(diagram: Diagram) -> list[list[str]]:
    """The spreadsheet layout's rows (header first) for ``diagram``."""
    rows = [list(SPREADSHEET_COLUMNS)]
    for node in diagram.nodes.values():
        links = diagram.links_from(node.key)
        extra = [link.target for link in links if not link.structural]
        weak = [link.target for link in links if link.weak]
        unconfirmed = [link.target for link in links if link.unconfirmed]
        rows.append(
            [
                node.key,
                LEVEL_NAMES[node.tier],
                node.parent or "",
                node.title,
                "",
                ";".join(extra),
                node.description or "",
                ";".join(weak),
                node.status or "",
                node.priority or "",
                node.owner or "",
                "\n".join(node.pdsa),
                node.learning or "",
                "" if node.linked else "no",
                ";".join(unconfirmed),
                write_notes(links),
            ]
        )
    return rows


def export_csv(diagram: Diagram) -> str:
    """The diagram in the spreadsheet layout, as CSV text."""
    return write_csv(export_rows(diagram))


def read_spreadsheet(sheet: Sheet) -> list[Row]:
    """The rows of a sheet in the spreadsheet layout (DD-I02 to DD-I05, DD-I07)."""
    for i, name in enumerate(sheet.header, start=1):
        if name.lower() not in SPREADSHEET_COLUMNS:
            guess = suggest(name.lower(), list(SPREADSHEET_COLUMNS))
            sheet.error(
                "DD-I03",
                f"unknown column '{name}'",
                Span.point(1, i),
                f"did you mean '{guess}'?"
                if guess
                else "the columns are: " + ", ".join(SPREADSHEET_COLUMNS),
            )
    if not sheet.has_columns(_REQUIRED, "the header"):
        return []
    rows: list[Row] = []
    for line, values, where in sheet.rows():
        blank = [c for c in _REQUIRED if not values[c]]
        for name in blank:
            sheet.error("DD-I04", f"the '{name}' cell is empty", Span.point(line, where[name]))
        if blank:
            continue
        tier = read_tier(sheet, line, values, where, "level", _LEVELS_HINT)
        if tier is None:
            continue
        row = Row(values["id"], tier, values["text"], line, where)
        row.parent = values.get("parent_id", "")
        row.extra = _split_ids(values.get("extra_parents", ""))
        row.weak = set(_split_ids(values.get("weak_links", "")))
        row.read_details(values)
        row.pdsa = [p.strip() for p in values.get("pdsa", "").splitlines() if p.strip()]
        row.learning = values.get("learning", "")
        row.unconfirmed = set(_split_ids(values.get("unconfirmed_links", "")))
        row.linked = read_linked(sheet, row, values.get("linked", ""))
        row.notes = read_notes(sheet, row, values.get("link_notes", ""))
        for column, targets in (("weak_links", row.weak), ("unconfirmed_links", row.unconfirmed)):
            for target in sorted(targets - {row.parent, *row.extra}):
                sheet.error(
                    "DD-I07",
                    f"{column} names '{target}', which is not a parent of this row",
                    row.at(column),
                )
        for target in sorted(row.weak & row.unconfirmed):
            sheet.error(
                "DD-I10",
                f"the link to '{target}' is in both weak_links and unconfirmed_links",
                row.at("unconfirmed_links"),
                "a link is weak or not confirmed, not both: keep it in one column",
            )
        rows.append(row)
    return rows


def _split_ids(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]", value) if part.strip()]
