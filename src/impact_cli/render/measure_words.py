"""A measure's chart in words: its summary and its data table, as every output shows them.

:func:`reading` reads a measure's data once, with its rule set, into a
:class:`Reading`: the analysis, the chart's title, the summary
(:mod:`.measure_summary`), the annotations (notes from the data and dated PDSA
cycles, numbered as on the chart) and the rows of the data table. The page, the
accessible outline, Markdown and the JSON export all read it, so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagram import Diagram, Measure
from ..measures.analysis import Analysis, Options, analyse
from ..measures.values import decimals_of, format_number
from .measure_summary import amount, rule_words, summary, with_unit, words_for
from .textwords import capitalise

__all__ = ["Annotation", "Reading", "Row", "reading", "readings", "with_unit"]


@dataclass(frozen=True)
class Annotation:
    at: int
    """Index of the point it is drawn at."""
    label: str
    """When: 'May 2024'."""
    text: str


@dataclass(frozen=True)
class Row:
    """One point in the data table, in words."""

    period: str
    value: str
    centre: str
    lower: str
    upper: str
    shows: str
    notes: str


@dataclass(frozen=True)
class Reading:
    measure: Measure
    analysis: Analysis
    title: str
    summary: str
    decimals: int
    """Decimal places of the lines (at least one)."""
    annotations: tuple[Annotation, ...]
    value_decimals: int = 0
    """Decimal places of the values, as the data write them."""

    @property
    def rule_set(self) -> str:
        return self.analysis.rule_set

    def amount(self, value: float) -> str:
        """'7.4 falls per 1,000 occupied bed days', '92%'."""
        return amount(value, self.decimals, self.measure.unit)

    def rows(self) -> list[Row]:
        a = self.analysis
        notes: dict[int, list[str]] = {}
        for number, note in enumerate(self.annotations, start=1):
            notes.setdefault(note.at, []).append(f"[{number}] {note.text}")
        rows = []
        for i, point in enumerate(self.measure.data.points if self.measure.data else ()):
            band = a.band_of(i)
            rows.append(
                Row(
                    capitalise(point.label),
                    format_number(point.value, self.value_decimals),
                    self.fmt(band.centre),
                    self.fmt(band.lower) if band.lower is not None else "",
                    self.fmt(band.upper) if band.upper is not None else "",
                    self.shows(i),
                    "; ".join(notes.get(i, [])),
                )
            )
        return rows

    def shows(self, index: int) -> str:
        """What one point shows: 'Special cause improvement: below the lower limit'."""
        words = words_for(self.analysis)[self.analysis.categories[index]]
        rules = [
            rule_words(p, self.analysis)
            for p in self.analysis.patterns_at(index)
            if p.rule != "astronomical"
        ]
        astronomical = any(p.rule == "astronomical" for p in self.analysis.patterns_at(index))
        text = words[0].upper() + words[1:]
        if rules:
            text += ": " + "; ".join(dict.fromkeys(rules))
        if astronomical:
            text += ". Possibly an astronomical point: for the team to judge"
        return text

    def fmt(self, value: float | None) -> str:
        return "" if value is None else format_number(value, self.decimals)


def readings(diagram: Diagram) -> tuple[Reading, ...]:
    """The readings of every measure of ``diagram`` that has data, in order."""
    return tuple(r for m in diagram.measures if (r := reading(m)) is not None)


def reading(measure: Measure) -> Reading | None:
    """The reading of ``measure``'s data; None when it has none."""
    data = measure.data
    if data is None:
        return None
    options = Options(
        rules=data.rules,
        run_length=data.run_length,
        baseline=data.baseline,
        rebase=data.rebase,
        screen=data.screen,
        improvement=measure.improvement,
        target=measure.target_value,
    )
    values = [p.value for p in data.points]
    analysis = analyse(values, options)
    decimals = max(decimals_of(values), 1)
    notes = [Annotation(i, p.label, p.note) for i, p in enumerate(data.points) if p.note]
    notes += [
        Annotation(c.at, c.label, f"PDSA cycle of change idea {c.idea}: {c.note}")
        for c in data.cycles
    ]
    notes.sort(key=lambda n: n.at)
    title = f"Chart of measure {measure.number}: {measure.name}"
    words = summary(measure, analysis, decimals)
    return Reading(measure, analysis, title, words, decimals, tuple(notes), decimals_of(values))
