"""Checks on the rows read from either CSV layout, before any YAML is made.

One aim; unique ids; known statuses (on drivers and change ideas) and priorities
(change ideas only); no control characters; every parent and further link naming a
real row of a tier it may hang from; every driver with a parent, unless its place is
not known yet (``linked`` is ``no``), and none when it is not (DD-I06 to DD-I11). Each problem is
located at the row and column, or at the connection, it comes from.
"""

from __future__ import annotations

import re

from ..diagnostics import Severity, Span
from ..diagram import Tier
from .csv_cells import Sheet
from .csv_notes import HOME
from .csv_rows import Row

_ALLOWED_PARENTS: dict[Tier, frozenset[Tier]] = {
    Tier.PRIMARY: frozenset({Tier.AIM}),
    Tier.SECONDARY: frozenset({Tier.PRIMARY}),
    Tier.TERTIARY: frozenset({Tier.SECONDARY}),
    Tier.CHANGE_IDEA: frozenset({Tier.PRIMARY, Tier.SECONDARY, Tier.TERTIARY}),
}
_STATUSES = ("idea", "testing", "adopted", "adapted", "abandoned")
_PRIORITIES = ("high", "medium", "low")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class RowChecks:
    """Checks ``rows``; problems are reported in ``sheet``, where the rows were read.

    ``rejected``: the ids of rows already reported as bad while reading; a link to
    one of them is not reported again.
    """

    def __init__(self, rows: list[Row], sheet: Sheet, rejected: set[str]) -> None:
        self.rows = rows
        self.sheet = sheet
        self.rejected = rejected
        self.by_id: dict[str, Row] = {}
        """Each id's row (the first, for duplicates), in row order."""

    def check(self) -> Row | None:
        """Run every check; the aim's row, or None when there is no aim."""
        for row in self.rows:
            if row.ident in self.by_id:
                first = self.by_id[row.ident]
                self.sheet.error(
                    "DD-I06",
                    f"duplicate id '{row.ident}' (first used on line {first.line})",
                    row.at("id"),
                )
                continue
            self.by_id[row.ident] = row
            self._check_values(row)
        aims = [r for r in self.by_id.values() if r.tier is Tier.AIM]
        if not aims:
            self.sheet.error("DD-I09", "no row has level 'aim'", Span.point(1, 1))
            return None
        for extra in aims[1:]:
            self.sheet.error(
                "DD-I09",
                f"a second aim (the first is on line {aims[0].line})",
                extra.at("level"),
                "a driver diagram has one aim",
            )
        aim = aims[0]
        for row in self.by_id.values():
            if row.tier is not Tier.AIM:
                self._check_links(row, aim)
        self._check_reachable()
        return aim

    def _check_values(self, row: Row) -> None:
        error = self.sheet.error
        for column, value in (
            ("text", row.text),
            ("description", row.description),
            ("owner", row.owner),
            ("learning", row.learning),
            ("pdsa", "\n".join(row.pdsa)),
        ):
            bad = _CONTROL.search(value)
            if bad:
                error(
                    "DD-I10",
                    f"the {column} contains the control character U+{ord(bad.group()):04X}",
                    row.at(column),
                )
        for column, value, allowed in (
            ("status", row.status, _STATUSES),
            ("priority", row.priority, _PRIORITIES),
        ):
            if value and value not in allowed:
                error(
                    "DD-I10",
                    f"unknown {column} '{value}'",
                    row.at(column),
                    "use one of: " + ", ".join(allowed),
                )
            elif value and row.tier is Tier.AIM:
                error("DD-I10", f"the aim has no {column}", row.at(column))
            elif value and column == "priority" and row.tier is not Tier.CHANGE_IDEA:
                error(
                    "DD-I10",
                    f"only change ideas have a {column}; this row is a {row.tier.label}",
                    row.at(column),
                )
        if (row.owner or row.pdsa or row.learning) and row.tier is not Tier.CHANGE_IDEA:
            error(
                "DD-I10",
                f"only change ideas have an owner, PDSA notes or learning; this row is a "
                f"{row.tier.label}",
                row.at("owner" if row.owner else "pdsa" if row.pdsa else "learning"),
            )

    def _check_links(self, row: Row, aim: Row) -> None:
        """Check a row's parent and further links (giving a primary driver the aim)."""
        if not row.linked:
            self._check_not_linked(row)
            return
        if not row.parent and row.tier is Tier.PRIMARY:
            row.parent = aim.ident
        if not row.parent and row.extra:
            row.parent = row.extra.pop(0)
        targets = [("parent_id", row.parent)] if row.parent else []
        targets += [("extra_parents", t) for t in row.extra]
        seen: set[str] = set()
        for column, target in targets:
            span = _link_span(row, target, column)
            parent = self.by_id.get(target)
            if parent is None:
                if target not in self.rejected:
                    self.sheet.error("DD-I07", f"no row has the id '{target}'", span)
                continue
            if target in seen or target == row.ident:
                self.sheet.error("DD-I08", f"'{target}' is linked twice (or to itself)", span)
                continue
            seen.add(target)
            if parent.tier not in _ALLOWED_PARENTS[row.tier]:
                allowed = " or ".join(t.plural for t in sorted(_ALLOWED_PARENTS[row.tier]))
                self.sheet.error(
                    "DD-I08",
                    f"a {row.tier.label} cannot hang from {_a(parent.tier.label)} ('{target}'); "
                    f"it supports only {allowed}",
                    span,
                )
        if not row.parent and row.tier is not Tier.CHANGE_IDEA:
            self.sheet.error(
                "DD-I11",
                f"the {row.tier.label} '{_short(row.text)}' has no parent",
                row.at("parent_id"),
                "give it a parent_id, or write 'no' in its linked column while its place "
                "is not known yet",
            )
        if HOME in row.notes:
            if not row.parent:
                self.sheet.error(
                    "DD-I07",
                    "link_notes has a note, but this row has no parent for it to be about",
                    row.at("link_notes"),
                )
            elif row.parent in row.notes:
                self.sheet.error(
                    "DD-I08",
                    f"link_notes has two notes on the link to '{row.parent}'",
                    row.at("link_notes"),
                    "keep one note per link (a note may run over several lines)",
                )
            else:
                row.notes[row.parent] = row.notes.pop(HOME)

    def _check_not_linked(self, row: Row) -> None:
        """A box whose place is not known yet hangs from nothing, and is not the aim's."""
        if row.tier is Tier.PRIMARY:
            self.sheet.error(
                "DD-I10",
                f"the primary driver '{_short(row.text)}' says linked 'no', but a primary "
                "driver always supports the aim",
                row.at("linked"),
                "leave its linked cell empty",
            )
        elif row.parent or row.extra:
            column = "parent_id" if row.parent else "extra_parents"
            self.sheet.error(
                "DD-I08",
                f"the {row.tier.label} '{_short(row.text)}' says linked 'no' but has a {column}",
                row.at(column),
                "empty its linked cell, or its parents while its place is not known",
            )
        elif row.notes:
            self.sheet.error(
                "DD-I07",
                "link_notes has a note, but this row is not linked yet",
                row.at("link_notes"),
            )

    def _check_reachable(self) -> None:
        """Parents always point one column nearer the aim, so only bad rows are cut off."""
        if any(d.severity is Severity.ERROR for d in self.sheet.diags):
            return
        for row in self.by_id.values():
            seen = {row.ident}
            current = row
            while current.tier is not Tier.AIM and current.parent:
                current = self.by_id[current.parent]
                if current.ident in seen:  # pragma: no cover - tiers strictly decrease
                    self.sheet.error("DD-I11", "parents loop back to this row", row.at("parent_id"))
                    break
                seen.add(current.ident)


def _link_span(row: Row, target: str, column: str) -> Span:
    """Where a link was written: its connection (Kumu), or the row's column."""
    if target in row.link_lines:
        return Span.point(*row.link_lines[target])
    return row.at(column)


def _short(title: str) -> str:
    """A title as a message quotes it: whole, or its first 59 characters and '…'
    (as lint findings name a box)."""
    return title if len(title) <= 60 else title[:59] + "…"


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
