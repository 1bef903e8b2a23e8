"""The summary of a measure's chart: one paragraph a screen-reader user gets the signal from.

It leads with what matters first, the variation of the latest point (or a run
chart's signal) and why, with the numbers and the unit: "Special cause improvement:
the last 14 points are below the mean of 8.2 falls per 1,000 occupied bed days and
the latest point is below the lower process limit of 6.5 …"; then the assurance
against the target, earlier special cause, each section's lines (trial limits said
so), a run chart's runs test and possible astronomical points, and the rule set,
which every summary names. :mod:`.measure_words` puts it beside the data table.
"""

from __future__ import annotations

from collections.abc import Callable

from ..diagram import DataPoint, Measure
from ..measures.analysis import Analysis
from ..measures.patterns import Pattern
from ..measures.values import decimals_of, format_number
from .textwords import join_and

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


def summary(measure: Measure, a: Analysis, decimals: int) -> str:
    points = measure.data.points if measure.data else ()
    unit = measure.unit

    def fmt(value: float) -> str:
        return amount(value, decimals, unit)

    def span(low: float, high: float) -> str:
        if unit and unit != "%":
            return f"{format_number(low, decimals)} to {fmt(high)}"
        return f"{fmt(low)} to {fmt(high)}"

    last = len(points) - 1
    lead = _lead(a, last, fmt)
    sentences = [lead]
    target_words = ""
    if measure.target_value is not None:
        target_decimals = decimals_of([measure.target_value])
        target_words = amount(measure.target_value, target_decimals, unit)
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
    sentences += _lines(a, points, fmt, span)
    if a.rules == "ihi":
        sentences += _run_chart_extras(a, points, fmt, target_words)
    sentences.append(_rule_set_sentence(a, len(points)))
    return " ".join(s if s.endswith(".") else s + "." for s in sentences)


def _lead(a: Analysis, last: int, fmt: Fmt) -> str:
    category = a.categories[last] if last >= 0 else "common"
    ending = [p for p in a.patterns_at(last) if p.rule != "astronomical"] if last >= 0 else []
    words = words_for(a)
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


def words_for(a: Analysis) -> dict[str, str]:
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
        many = "point" if n == 1 else "points"
        parts.append(f"{n} {many} {of} {words_for(a)[category]} ({span})")
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
    a: Analysis, points: tuple[DataPoint, ...], fmt: Fmt, target: str
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
                f"{point.label} ({fmt(point.value)}) may be an astronomical point: "
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


def rule_words(p: Pattern, a: Analysis) -> str:
    way = "above" if p.side > 0 else "below"
    count = len(p.points)
    if p.rule == "limit":
        return f"{way} the {'upper' if p.side > 0 else 'lower'} process limit"
    if p.rule == "shift":
        return f"part of a run of {count} {way} the {a.centre_name}"
    if p.rule == "trend":
        return f"part of a trend of {count} {'rising' if p.side > 0 else 'falling'} points"
    return f"two of three in a row beyond the {'upper' if p.side > 0 else 'lower'} two-sigma line"


def amount(value: float, decimals: int, unit: str | None) -> str:
    return with_unit(format_number(value, decimals), unit)


def with_unit(number: str, unit: str | None) -> str:
    """'8.4 falls per 1,000 occupied bed days', '92%', or the number alone."""
    if not unit:
        return number
    return f"{number}%" if unit == "%" else f"{number} {unit}"
