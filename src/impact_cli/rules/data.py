"""DD-D: a measure's data, in a CSV file beside the diagram or written inline.

Reported by :mod:`impact_cli.check.measure_data` (and, for a value that is not a number
or a path that leaves the folder, by :mod:`impact_cli.fileformat.problems`), located in
the CSV file as ``falls.csv:ROW:COLUMN`` or in the diagram where the data is written.
All are errors but a gap, which is a warning: a chart can be drawn over a missing
month, and the words say it is missing.
"""

from __future__ import annotations

from ..diagnostics import Severity
from . import Rule

CATEGORY = "data"
SOURCE = "impact measure data (docs/measures.md)"

RULES = (
    Rule(
        code="DD-D01",
        name="data-unreadable",
        severity=Severity.ERROR,
        summary="A measure's data file cannot be read: missing, not a file, too large, not "
        "UTF-8 text, not CSV, or no rows.",
        rationale="The chart and its words are made from the file; without it there is none.",
        source=SOURCE,
        fix="Check the path in 'data:' and save the sheet as 'CSV UTF-8' with a header row.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-D02",
        name="data-path-outside",
        severity=Severity.ERROR,
        summary="A data file's path leaves the diagram's folder: absolute, with '..', or "
        "through a symbolic link that leads out.",
        rationale="A diagram checked in CI must not read files it does not own (docs/security.md).",
        source=SOURCE,
        fix="Put the CSV file in the diagram's folder, or a folder below it.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-D03",
        name="data-period-invalid",
        severity=Severity.ERROR,
        summary="A period is not one impact reads, or the periods mix kinds (months and days).",
        rationale="Periods order the points and find gaps; 03/04 could be March or April.",
        source=SOURCE,
        fix="Write periods as 2024-04-01, 2024-W05, 2024-04, 2024-Q2 or 2024, one kind per "
        "measure.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-D04",
        name="data-value-invalid",
        severity=Severity.ERROR,
        summary="A value is not a plain number: text, empty, a unit, a '%' or a thousands "
        "separator.",
        rationale="Guessing would chart a wrong number: '1,200' is 1200 in one country and 1.2 "
        "in another.",
        source=SOURCE,
        fix="Write the number alone, with '.' as the decimal mark: 8.1, 1200, 95.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-D05",
        name="data-duplicate-period",
        severity=Severity.ERROR,
        summary="Two rows have the same period.",
        rationale="A chart has one value per period; which one is right cannot be told.",
        source=SOURCE,
        fix="Keep one row per period (add the two up, or correct the period).",
        category=CATEGORY,
    ),
    Rule(
        code="DD-D06",
        name="data-unsorted",
        severity=Severity.ERROR,
        summary="A row's period comes before the period of the row above it.",
        rationale="The rules read points in time order: a shift or a trend needs the order.",
        source=SOURCE,
        fix="Sort the rows by period, earliest first.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-D07",
        name="data-gap",
        severity=Severity.WARNING,
        summary="Periods are missing between two rows.",
        rationale="The chart joins the points on each side of a gap, and a shift or a trend "
        "counted across it may not be one.",
        source=SOURCE,
        fix="Add the missing periods' values, or say in a note why there are none.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-D08",
        name="data-columns",
        severity=Severity.ERROR,
        summary="The data file has fewer than two columns, more than three, or a row with more "
        "cells than the header.",
        rationale="The columns are the period, the value and an optional note, in that order.",
        source=SOURCE,
        fix="Keep three columns at most: period, value, note; quote text that holds a comma.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-D09",
        name="data-options",
        severity=Severity.ERROR,
        summary="A chart option does not fit: a rebase period that is not in the data, a "
        "baseline longer than the data, both 'data' and 'points', or an option with no data.",
        rationale="An option that cannot apply would be silently ignored.",
        source=SOURCE,
        fix="Name periods that are in the data; give either 'data' or 'points'.",
        category=CATEGORY,
    ),
)
