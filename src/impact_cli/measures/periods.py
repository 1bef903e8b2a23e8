"""The periods a measure's points belong to: days, ISO weeks, months, quarters, years.

Written in the one unambiguous order, largest unit first, so that a text sort is a
time sort and no reader has to guess whether 03/04 is March or April:

=============  ==============  ===================================
``2024-04-01`` a day           daily data, or weekly data by date
``2024-W05``   an ISO week     weeks that start on Monday
``2024-04``    a month
``2024-Q2``    a quarter
``2024``       a year
=============  ==============  ===================================

``ordinal`` numbers periods of one kind so that consecutive ones differ by 1 (days
by their spacing, see :func:`step_of`); that is how gaps and order are checked.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise
from typing import NamedTuple

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_FORMS = (
    ("day", re.compile(r"(\d{4})-(\d{2})-(\d{2})")),
    ("week", re.compile(r"(\d{4})-W(\d{2})")),
    ("month", re.compile(r"(\d{4})-(\d{2})")),
    ("quarter", re.compile(r"(\d{4})-Q([1-4])")),
    ("year", re.compile(r"(\d{4})")),
)
_LOOKS_LOCAL = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")

KINDS = tuple(kind for kind, _ in _FORMS)
HINT = "write periods as 2024-04-01 (a day), 2024-W05 (a week), 2024-04, 2024-Q2 or 2024"


class Period(NamedTuple):
    text: str
    """As written (without surrounding spaces)."""
    kind: str
    """'day', 'week', 'month', 'quarter' or 'year'."""
    ordinal: int
    start: date
    """The first day of the period."""

    @property
    def label(self) -> str:
        """For words: '3 April 2024', 'week 5 of 2024', 'April 2024', 'Q2 2024', '2024'."""
        s = self.start
        if self.kind == "day":
            return f"{s.day} {MONTHS[s.month - 1]} {s.year}"
        if self.kind == "week":
            year, week, _ = s.isocalendar()
            return f"week {week} of {year}"
        if self.kind == "month":
            return f"{MONTHS[s.month - 1]} {s.year}"
        if self.kind == "quarter":
            return f"Q{(s.month - 1) // 3 + 1} {s.year}"
        return str(s.year)

    @property
    def short(self) -> str:
        """For a chart's axis: '3 Apr 2024', '2024-W05', 'Apr 2024', 'Q2 2024', '2024'."""
        s = self.start
        if self.kind == "day":
            return f"{s.day} {MONTHS[s.month - 1][:3]} {s.year}"
        if self.kind == "month":
            return f"{MONTHS[s.month - 1][:3]} {s.year}"
        if self.kind == "week":
            year, week, _ = s.isocalendar()
            return f"{year}-W{week:02d}"
        return self.label


def parse_period(text: str) -> Period | str:
    """The period ``text`` names, or why it names none (a sentence for a diagnostic)."""
    text = text.strip()
    for kind, pattern in _FORMS:
        match = pattern.fullmatch(text)
        if match:
            return _make(kind, text, [int(g) for g in match.groups()])
    if _LOOKS_LOCAL.fullmatch(text):
        return f"'{text}' could be read day-first or month-first"
    return f"'{text}' is not a period impact reads"


def _make(kind: str, text: str, parts: list[int]) -> Period | str:
    year = parts[0]
    try:
        if kind == "day":
            start = date(year, parts[1], parts[2])
            return Period(text, kind, start.toordinal(), start)
        if kind == "week":
            start = date.fromisocalendar(year, parts[1], 1)
            return Period(text, kind, start.toordinal() // 7, start)
        if kind == "month":
            start = date(year, parts[1], 1)
            return Period(text, kind, year * 12 + parts[1] - 1, start)
        if kind == "quarter":
            start = date(year, 3 * parts[1] - 2, 1)
            return Period(text, kind, year * 4 + parts[1] - 1, start)
        return Period(text, kind, year, date(year, 1, 1))
    except ValueError:
        return f"'{text}' is not a date on the calendar"


def step_of(periods: list[Period]) -> int:
    """The spacing of consecutive periods: 1, or for days the smallest spacing in the
    data (7 for weekly data written as dates)."""
    if not periods or periods[0].kind != "day":
        return 1
    gaps = [b.ordinal - a.ordinal for a, b in pairwise(periods)]
    positive = [g for g in gaps if g > 0]
    return min(positive) if positive else 1
