"""Periods as a measure's data write them, and the gaps between them."""

from __future__ import annotations

from pathlib import Path

import pytest

from impact_cli.check.load import load_text
from impact_cli.measures.periods import parse_period, step_of
from impact_cli.measures.values import format_number, parse_number


@pytest.mark.parametrize(
    ("text", "kind", "label", "short"),
    [
        ("2024-04-03", "day", "3 April 2024", "3 Apr 2024"),
        ("2024-W05", "week", "week 5 of 2024", "2024-W05"),
        ("2024-04", "month", "April 2024", "Apr 2024"),
        ("2024-Q2", "quarter", "Q2 2024", "Q2 2024"),
        ("2024", "year", "2024", "2024"),
    ],
)
def test_each_kind_of_period(text: str, kind: str, label: str, short: str) -> None:
    period = parse_period(text)
    assert not isinstance(period, str)
    assert (period.kind, period.label, period.short) == (kind, label, short)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("03/04/2024", "day-first or month-first"),
        ("2024-13", "not a date on the calendar"),
        ("2023-W53", "not a date on the calendar"),  # 2023 has 52 ISO weeks
        ("April 2024", "not a period impact reads"),
    ],
)
def test_periods_impact_does_not_guess(text: str, why: str) -> None:
    result = parse_period(text)
    assert isinstance(result, str)
    assert why in result


def test_consecutive_periods_differ_by_one_step() -> None:
    weeks = [parse_period(t) for t in ("2024-W52", "2025-W01")]
    months = [parse_period(t) for t in ("2024-12", "2025-01")]
    for a, b in (weeks, months):
        assert not isinstance(a, str)
        assert not isinstance(b, str)
        assert b.ordinal - a.ordinal == 1
    days = [parse_period(t) for t in ("2024-07-01", "2024-07-08", "2024-07-22")]
    assert step_of([d for d in days if not isinstance(d, str)]) == 7


def test_a_missing_week_in_weekly_dates_is_a_gap(tmp_path: Path) -> None:
    text = (
        "title: T\naim: Reduce falls from 8 to 5 by 2026.\nprimary_drivers: [A]\n"
        "measures:\n  - name: m\n    type: outcome\n    points:\n"
        "      - {period: 2024-07-01, value: 5}\n      - {period: 2024-07-08, value: 6}\n"
        "      - {period: 2024-07-22, value: 6}\n"
    )
    result = load_text(text, str(tmp_path / "t.yaml"))
    (gap,) = [d for d in result.diagnostics if d.code == "DD-D07"]
    assert gap.message == "1 7-day period missing between 8 July 2024 and 22 July 2024"
    assert result.diagram is not None
    data = result.diagram.measures[0].data
    assert data is not None
    assert data.gaps == (2,)


@pytest.mark.parametrize(
    ("text", "value"),
    [("8.1", 8.1), (" -0.5 ", -0.5), ("1200", 1200.0), ("1e3", 1000.0), (".5", 0.5)],
)
def test_plain_numbers(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1,200", "8%", "nan", "inf", "", "eight", "1_000", "0x10"])
def test_not_plain_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_numbers_are_rounded_as_a_calculator_would() -> None:
    assert format_number(2.675, 2) == "2.68"
    assert format_number(1234.5, 1) == "1,234.5"
    assert format_number(-0.04, 1) == "0.0"
    assert format_number(-1.25, 1) == "-1.3"
