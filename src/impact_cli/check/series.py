"""A measure's rows, from a CSV file or written inline, checked into a series of points.

The same checks whichever way the data is written, each finding located where the
user can fix it: ``falls.csv:ROW:COLUMN`` in a file (the column numbered, as a
spreadsheet shows it), or the value's place in the diagram for inline points.

* a period that is not one impact reads (DD-D03), or of another kind than the first
  (DD-D03): '2024-04' and '2024-04-01' cannot share an axis;
* a value that is not a plain number (DD-D04);
* a period given twice (DD-D05), or earlier than the one before it (DD-D06);
* periods missing between two rows (DD-D07, a warning).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ..diagnostics import Diagnostic, Severity, Span, printable
from ..diagram import DataPoint
from ..measures.periods import HINT as PERIOD_HINT
from ..measures.periods import Period, parse_period, step_of
from ..measures.values import parse_number

VALUE_HINT = "write a plain number such as 8.1: no thousands separator, unit or '%'"
PLURALS = {"day": "days", "week": "weeks", "month": "months", "quarter": "quarters"}


class Row(NamedTuple):
    """One point as written, and where its period and value are."""

    period: str
    value: str | float
    note: str | None
    period_at: Span
    value_at: Span


class Series(NamedTuple):
    points: tuple[DataPoint, ...]
    periods: tuple[Period, ...]
    gaps: tuple[int, ...]
    """Indexes of the points that follow missing periods."""


def check_rows(rows: Sequence[Row], path: str, diags: list[Diagnostic]) -> Series | None:
    """The checked series, or None when a row has an error (the findings say which)."""
    ok: list[tuple[Row, Period, float]] = []
    errors = 0
    kind: str | None = None
    for row in rows:
        period = parse_period(row.period)
        value = row.value if isinstance(row.value, float) else parse_number(row.value)
        if isinstance(period, str):
            errors += 1
            _error(diags, "DD-D03", period, path, row.period_at, PERIOD_HINT)
        elif kind is not None and period.kind != kind:
            errors += 1
            _error(
                diags,
                "DD-D03",
                f"'{printable(row.period)}' is a {period.kind}, but the first period is a {kind}",
                path,
                row.period_at,
                "write every period of a measure the same way",
            )
        if value is None:
            errors += 1
            shown = printable(str(row.value)).strip()
            what = f"'{shown}' is not a number" if shown else "the value is empty"
            _error(diags, "DD-D04", what, path, row.value_at, VALUE_HINT)
        if not isinstance(period, str) and value is not None:
            kind = kind or period.kind
            if period.kind == kind:
                ok.append((row, period, value))
    errors += _order(ok, path, diags)
    if errors:
        return None
    periods = [p for _, p, _ in ok]
    gaps = _gaps(ok, periods, path, diags)
    points = tuple(
        DataPoint(row.period.strip(), p.label, p.short, value, row.note) for row, p, value in ok
    )
    return Series(points, tuple(periods), gaps)


def _order(ok: list[tuple[Row, Period, float]], path: str, diags: list[Diagnostic]) -> int:
    """DD-D05 for a period given twice and DD-D06 for one earlier than the row above."""
    errors = 0
    seen: dict[int, Row] = {}
    for i, (row, period, _) in enumerate(ok):
        first = seen.get(period.ordinal)
        if first is not None:
            errors += 1
            diags.append(
                Diagnostic(
                    "DD-D05",
                    Severity.ERROR,
                    f"'{printable(row.period.strip())}' is given twice",
                    path,
                    row.period_at,
                    "keep one row per period",
                    related=((path, first.period_at),),
                )
            )
            continue
        seen[period.ordinal] = row
        if i and period.ordinal < ok[i - 1][1].ordinal:
            errors += 1
            _error(
                diags,
                "DD-D06",
                f"'{printable(row.period.strip())}' comes before "
                f"'{printable(ok[i - 1][0].period.strip())}' in the row above",
                path,
                row.period_at,
                "sort the rows by period, earliest first",
            )
    return errors


def _gaps(
    ok: list[tuple[Row, Period, float]], periods: list[Period], path: str, diags: list[Diagnostic]
) -> tuple[int, ...]:
    step = step_of(periods)
    gaps = []
    for i in range(1, len(periods)):
        missing = (periods[i].ordinal - periods[i - 1].ordinal) // step - 1
        if missing <= 0:
            continue
        gaps.append(i)
        unit = periods[i].kind if step == 1 else f"{step}-day period"
        many = PLURALS.get(unit, unit + "s") if missing > 1 else unit
        diags.append(
            Diagnostic(
                "DD-D07",
                Severity.WARNING,
                f"{missing} {many} missing between {periods[i - 1].label} and {periods[i].label}",
                path,
                ok[i][0].period_at,
                "add the missing values, or a note saying why there are none",
            )
        )
    return tuple(gaps)


def _error(
    diags: list[Diagnostic], code: str, message: str, path: str, at: Span, hint: str
) -> None:
    diags.append(Diagnostic(code, Severity.ERROR, message, path, at, hint))
