"""One box as either CSV layout gives it: the form the import checks and converts.

The spreadsheet layout and Kumu's sheets are read into the same :class:`Row`s, which
keep where each value came from (line and column) so that every later problem is
located in the CSV.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Span
from ..diagram import Tier
from .csv_cells import Sheet

TIER_WORDS: dict[str, Tier] = {
    "aim": Tier.AIM,
    "primary": Tier.PRIMARY,
    "primary driver": Tier.PRIMARY,
    "primary_driver": Tier.PRIMARY,
    "secondary": Tier.SECONDARY,
    "secondary driver": Tier.SECONDARY,
    "secondary_driver": Tier.SECONDARY,
    "tertiary": Tier.TERTIARY,
    "tertiary driver": Tier.TERTIARY,
    "tertiary_driver": Tier.TERTIARY,
    "change": Tier.CHANGE_IDEA,
    "change idea": Tier.CHANGE_IDEA,
    "change_idea": Tier.CHANGE_IDEA,
    "idea": Tier.CHANGE_IDEA,
}
"""A level (spreadsheet) or type (Kumu), lower-cased, and its tier."""


def read_tier(
    sheet: Sheet, line: int, values: dict[str, str], where: dict[str, int], column: str, hint: str
) -> Tier | None:
    """The tier the ``column`` cell ('level' or 'type') names; DD-I05 when it names none."""
    tier = TIER_WORDS.get(values[column].lower())
    if tier is None:
        sheet.error(
            "DD-I05", f"unknown {column} '{values[column]}'", Span.point(line, where[column]), hint
        )
    return tier


@dataclass
class Row:
    """One box, however it was written, with where each value came from."""

    ident: str
    tier: Tier
    text: str
    line: int
    cols: dict[str, int]
    parent: str = ""
    extra: list[str] = field(default_factory=list)
    weak: set[str] = field(default_factory=set)
    unconfirmed: set[str] = field(default_factory=set)
    """Parents whose link is shown but not confirmed ('strength: unconfirmed')."""
    notes: dict[str, str] = field(default_factory=dict)
    """The note on the link to each parent that has one (by parent id)."""
    linked: bool = True
    """False: the box's place is not known yet ('linked: false')."""
    description: str = ""
    status: str = ""
    priority: str = ""
    owner: str = ""
    pdsa: list[str] = field(default_factory=list)
    learning: str = ""
    link_lines: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Where each link (by target id) was written, for connections sheets."""

    def at(self, column: str) -> Span:
        return Span.point(self.line, self.cols.get(column, 1))

    def read_details(self, values: dict[str, str]) -> None:
        """Description, status, priority and owner, the cells both layouts share."""
        self.description = values.get("description", "")
        self.status = values.get("status", "").lower()
        self.priority = values.get("priority", "").lower()
        self.owner = values.get("owner", "")
