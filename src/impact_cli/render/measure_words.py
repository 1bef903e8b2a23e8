"""A measure's chart in words: the summary sentence and the data table every output shows.

One :class:`Reading` per measure with data, made once from its analysis, read by the
page, the accessible outline, Markdown and the JSON export, so they never disagree.
The summary leads with what a screen-reader user needs first, the signal: "Special
cause improvement: the last 10 points are below the mean of 8.2 falls per 1,000
occupied bed days; the target of 5.7 is consistently missed: it lies beyond the
process limits." Then the lines, trial limits, and the rule set, which every reading
names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..diagram import DataPoint, Diagram, Measure
from ..measures.analysis import Analysis, Options, analyse
from ..measures.patterns import Pattern
from ..measures.values import decimals_of, format_number
from .textwords import capitalise, join_and

Fmt = Callable[[float], str]
"""A value in words, with its unit: 7.4 -> '7.4 falls per 1,000 occupied bed days'."""

CATEGORY_WORDS = {
    "common": "common cause",
    "improvement": "special cause improvement",
    "concern": "special cause concern",
    "neither-high": "special cause, high (no direction of improvement is set)",
    "neither-low": "special cause, low (no direction of improvement is set)",
}
SIGNAL_WORDS = {
    "common": "no signal",
    "improvement": "signal of improvement",
    "concern": "signal of concern",
    "neither-high": "signal, high (no direction of improvement is set)",
    "neither-low": "signal, low (no direction of improvement is set)",
}
"""How a run chart's points are named: the IHI rules find signals, not special causes."""
ASSURANCE_WORDS = {
    "pass": "is consistently met: it lies beyond the process limits",
    "fail": "is consistently missed: it lies beyond the process limits",
    "hit-and-miss": "is not reliably met: it lies between the process limits, so the process "
    "will sometimes meet it and sometimes not",
}


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
        return _amount(value, self.decimals, self.measure.unit)

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
        words = _words(self.analysis)[self.analysis.categories[index]]
        rules = [
            _rule_words(p, self.analysis)
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
    summary = _summary(measure, analysis, decimals)
    return Reading(measure, analysis, title, summary, decimals, tuple(notes), decimals_of(values))


def _summary(measure: Measure, a: Analysis, decimals: int) -> str:
    points = measure.data.points if measure.data else ()
    unit = measure.unit

    def amount(value: float) -> str:
        return _amount(value, decimals, unit)

    def span(low: float, high: float) -> str:
        if unit and unit != "%":
            return f"{format_number(low, decimals)} to {amount(high)}"
        return f"{amount(low)} to {amount(high)}"

    last = len(points) - 1
    lead = _lead(a, last, amount)
    sentences = [lead]
    target_words = ""
    if measure.target_value is not None:
        target_decimals = decimals_of([measure.target_value])
        target_words = _amount(measure.target_value, target_decimals, unit)
    if a.rules == "mdc" and measure.target_value is not None:
        target = f"the target of {target_words}"
        if a.assurance:
            sentences[0] += f"; {target} {ASSURANCE_WORDS[a.assurance]}"
        elif measure.improvement in (None, "neither"):
            sentences[0] += f"; {target} is shown, but without a direction of improvement its "
            sentences[0] += "assurance cannot be judged"
    earlier = _earlier(a, last, points)
    if earlier:
        sentences.append(earlier)
    sentences += _lines(a, points, amount, span)
    if a.rules == "ihi":
        sentences += _run_chart_extras(a, points, amount, target_words)
    sentences.append(_rule_set_sentence(a, len(points)))
    return " ".join(s if s.endswith(".") else s + "." for s in sentences)


def _lead(a: Analysis, last: int, fmt: Fmt) -> str:
    category = a.categories[last] if last >= 0 else "common"
    ending = [p for p in a.patterns_at(last) if p.rule != "astronomical"] if last >= 0 else []
    words = _words(a)
    if category == "common" or not ending:
        if a.rules == "ihi":
            return "No signal in the latest points: they vary around the median"
        band = a.bands[-1]
        return (
            f"Common cause variation: the latest points vary around the mean of "
            f"{fmt(band.centre)}, within the process limits"
        )
    runs = sorted((p for p in ending if p.rule in ("shift", "trend")), key=lambda p: -len(p.points))
    said = [_latest_words(p, a, last, fmt) for p in runs[:1]]
    said += [_latest_words(p, a, last, fmt) for p in ending if p.rule == "limit"]
    if not said:
        said = [_latest_words(p, a, last, fmt) for p in ending[:1]]
    head = words[category]
    return f"{head[0].upper()}{head[1:]}: {join_and(said)}"


def _latest_words(p: Pattern, a: Analysis, last: int, fmt: Fmt) -> str:
    band = a.band_of(last)
    way = "above" if p.side > 0 else "below"
    which = "upper" if p.side > 0 else "lower"
    count = len(p.points)
    if p.rule == "shift":
        return f"the last {count} points are {way} the {a.centre_name} of {fmt(band.centre)}"
    if p.rule == "trend":
        return f"the last {count} points have {'risen' if p.side > 0 else 'fallen'} in a row"
    if p.rule == "limit":
        limit = band.upper if p.side > 0 else band.lower
        assert limit is not None
        return f"the latest point is {way} the {which} process limit of {fmt(limit)}"
    recent = sum(1 for i in range(last - 2, last + 1) if i in p.points)
    return f"{recent} of the last 3 points are beyond the {which} two-sigma line"


def _words(a: Analysis) -> dict[str, str]:
    return CATEGORY_WORDS if a.rules == "mdc" else SIGNAL_WORDS


def _earlier(a: Analysis, last: int, points: tuple[DataPoint, ...]) -> str | None:
    """What special cause the chart shows before its latest pattern, in one sentence."""
    latest: set[int] = set()
    for p in a.patterns_at(last) if last >= 0 else []:
        latest.update(p.points)
    counts: dict[str, list[int]] = {}
    for i, category in enumerate(a.categories):
        if category != "common" and i not in latest:
            counts.setdefault(category, []).append(i)
    if not counts:
        return None
    parts = []
    for category, indexes in counts.items():
        first, final = points[indexes[0]].label, points[indexes[-1]].label
        span = first if first == final else f"{first} to {final}"
        n = len(indexes)
        of = "of" if a.rules == "mdc" else "with a"
        parts.append(f"{n} {'point' if n == 1 else 'points'} {of} {_words(a)[category]} ({span})")
    return "Earlier, the chart shows " + join_and(parts)


def _lines(
    a: Analysis, points: tuple[DataPoint, ...], fmt: Fmt, span: Callable[[float, float], str]
) -> list[str]:
    out = []
    many = len(a.bands) > 1
    for number, band in enumerate(a.bands):
        where = "The"
        if many:
            start = points[band.start].label
            where = (
                f"From {start}, the" if number else f"Before {points[a.bands[1].start].label}, the"
            )
        basis = ""
        if band.basis < band.stop - band.start:
            basis = f", calculated from the first {band.basis} points"
        if band.upper is None or band.lower is None:
            out.append(f"{where} median is {fmt(band.centre)}{basis}")
            continue
        trial = " These are trial limits, from fewer than 12 points." if band.trial else ""
        out.append(
            f"{where} mean is {fmt(band.centre)} and the process limits are "
            f"{span(band.lower, band.upper)}{basis}.{trial}"
        )
    return out


def _run_chart_extras(
    a: Analysis, points: tuple[DataPoint, ...], amount: Fmt, target: str
) -> list[str]:
    out = []
    for r in a.runs:
        if r.verdict in ("too few", "too many"):
            out.append(
                f"There are {r.verdict} runs: {r.runs}, where {r.lower} to {r.upper} are "
                "expected, a sign that the process changed"
            )
    for p in a.patterns:
        if p.rule == "astronomical":
            point = points[p.points[0]]
            out.append(
                f"{point.label} ({amount(point.value)}) may be an astronomical point: "
                "for the team to judge"
            )
    if target:
        out.append(f"The target of {target} is drawn; a run chart does not judge it")
    return out


def _rule_set_sentence(a: Analysis, count: int) -> str:
    points = f"{count} point{'s' if count != 1 else ''}"
    if a.rules == "mdc":
        n = a.options.run_length
        return (
            f"Read with the Making Data Count rules (an XmR chart of {points}: a point beyond "
            f"a limit, a shift or trend of {n}, two of three beyond two sigma)"
        )
    return (
        f"Read with the IHI run chart rules (a run chart of {points}: a shift of 6, a trend "
        "of 5, too few or too many runs, an astronomical point)"
    )


def _rule_words(p: Pattern, a: Analysis) -> str:
    way = "above" if p.side > 0 else "below"
    count = len(p.points)
    if p.rule == "limit":
        return f"{way} the {'upper' if p.side > 0 else 'lower'} process limit"
    if p.rule == "shift":
        return f"part of a run of {count} {way} the {a.centre_name}"
    if p.rule == "trend":
        return f"part of a trend of {count} {'rising' if p.side > 0 else 'falling'} points"
    return f"two of three in a row beyond the {'upper' if p.side > 0 else 'lower'} two-sigma line"


def _amount(value: float, decimals: int, unit: str | None) -> str:
    return with_unit(format_number(value, decimals), unit)


def with_unit(number: str, unit: str | None) -> str:
    """'8.4 falls per 1,000 occupied bed days', '92%', or the number alone."""
    if not unit:
        return number
    return f"{number}%" if unit == "%" else f"{number} {unit}"
