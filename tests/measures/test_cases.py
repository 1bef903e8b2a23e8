"""The published cases (tests/measures/cases.yaml) all hold, and docs/measures.md shows them."""

from __future__ import annotations

import pytest

from conftest import ROOT, load_tool

TOOL = load_tool("measure_cases")
SOURCES, CASES = TOOL.load()


def test_there_are_enough_published_cases() -> None:
    published = [c for c in CASES if c.get("kind") != "rule"]
    assert len(published) >= 30
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert all(c["source"] in SOURCES for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict) -> None:  # type: ignore[type-arg]
    outcome = TOOL.run(case)
    assert outcome.holds, f"expected {outcome.expected}; ours {outcome.ours}"


def test_edge_cases_are_covered() -> None:
    ids = {c["id"] for c in CASES}
    assert {
        "ptd-trend-equal-neighbours",  # equal neighbours inside a trend
        "mdc-trend-pauses",
        "mdc-point-on-the-mean",  # a point exactly on the mean
        "ptd-seed123-two-sections",  # a rebase, with trial limits
        "mdc-recalculated",
        "ptd-trial-limits-11",  # fewer than 12 points
        "mdc-two-sigma-2-before-2023",  # the 2023 change to two of three
        "mdc-two-sigma-2-since-2023",
    } <= ids


def test_docs_table_is_current() -> None:
    current = (ROOT / "docs" / "measures.md").read_text(encoding="utf-8")
    assert current == TOOL.document(), "out of date: python tools/measure_cases.py"
