"""One measure's chart over time: a static, accessible SVG written directly.

Why not a plotting library: a chart here is a few dozen lines, points and labels at
positions impact computes anyway, and every part must be controllable: text kept as
text, semantic classes that the page's stylesheet recolours for dark mode and forced
colours (a library writes inline styles, which neither reaches), the same bytes on
every run, and no tens of megabytes of dependencies. Drawing 20 charts of 200 points
takes milliseconds (docs/performance.md).

What the chart holds:

* the values as a line, each point a marker whose **shape** says what it is as well
  as its colour: a circle for common cause, a square for special cause improvement,
  a diamond for concern, a triangle for special cause with no direction;
* per section, the centre line (mean or median) and, for an XmR chart, the process
  limits, dashed; the last section's lines are labelled at the right with their
  values; trial limits are labelled so; a rebase is a vertical line;
* the target, dash-dotted and labelled;
* annotations (notes from the data, dated PDSA cycles) as numbered flags, which the
  words around the chart list in full;
* a legend of the shapes present, in words.

It is wired like the diagram's SVG (:mod:`.svg`): ``role="img"``, a ``<title>`` and
a ``<desc>`` (the summary sentence) linked by ``aria-labelledby`` and
``aria-describedby``, ids prefixed so several charts share a page.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..diagram import Measure
from ..measures.analysis import Analysis
from ..measures.values import decimals_of, format_number
from .measure_words import Reading
from .svg import SVG_NS, label_svg

WIDTH = 720
LEFT, RIGHT, TOP = 56, 148, 30
PLOT_HEIGHT = 220
AXIS_GAP = 44
LEGEND_GAP = 28
LABEL_MIN_GAP = 13

SHAPES = {
    "common": "circle",
    "improvement": "square",
    "concern": "diamond",
    "neither-high": "triangle",
    "neither-low": "triangle",
}
LEGEND = {
    "circle": "Common cause",
    "square": "Special cause improvement",
    "diamond": "Special cause concern",
    "triangle": "Special cause (no direction)",
}
RUN_CHART_LEGEND = {
    "circle": "No signal",
    "square": "Signal of improvement",
    "diamond": "Signal of concern",
    "triangle": "Signal (no direction)",
}


@dataclass(frozen=True)
class ChartColours:
    """Light-mode colours, written as presentation attributes; the page's stylesheet
    (measure-charts.css.j2) has the dark-mode and forced-colours ones by class."""

    text: str = "#212b32"
    grid: str = "#d8dde0"
    series: str = "#768692"
    common: str = "#768692"
    improvement: str = "#005eb8"
    concern: str = "#b54d00"
    neither: str = "#6b2c91"
    centre: str = "#212b32"
    limit: str = "#4c6272"
    target: str = "#00703c"
    rebase: str = "#4c6272"


LIGHT = ChartColours()
DARK = ChartColours(
    text="#f0f4f5",
    grid="#425563",
    series="#8a9ba6",
    common="#8a9ba6",
    improvement="#8cc8ff",
    concern="#ffa959",
    neither="#d7b8ff",
    centre="#f0f4f5",
    limit="#b6c4cd",
    target="#6fd8a0",
    rebase="#b6c4cd",
)


def chart_svg(measure: Measure, reading: Reading, id_prefix: str) -> str:
    """The ``<svg>`` element of ``measure``'s chart (no XML declaration), for inline use."""
    return ET.tostring(_Chart(measure, reading, id_prefix).build(), encoding="unicode")


class _Chart:
    def __init__(self, measure: Measure, reading: Reading, id_prefix: str) -> None:
        assert measure.data is not None
        self.measure = measure
        self.reading = reading
        self.analysis: Analysis = reading.analysis
        self.id_prefix = id_prefix
        self.points = measure.data.points
        self.decimals = reading.decimals
        values = list(self.analysis.values)
        for band in self.analysis.bands:
            values += [v for v in (band.centre, band.upper, band.lower) if v is not None]
        if measure.target_value is not None:
            values.append(measure.target_value)
        self.low, self.high, self.ticks = _axis(min(values), max(values))
        count = len(self.points)
        self.step = (WIDTH - LEFT - RIGHT) / max(count - 1, 1)
        self.size = max(2.5, min(5.0, self.step * 0.4))

    def x(self, index: int) -> float:
        if len(self.points) == 1:
            return LEFT + (WIDTH - LEFT - RIGHT) / 2
        return LEFT + index * self.step

    def y(self, value: float) -> float:
        span = (self.high - self.low) or 1.0
        return TOP + PLOT_HEIGHT * (self.high - value) / span

    def build(self) -> ET.Element:
        height = TOP + PLOT_HEIGHT + AXIS_GAP + LEGEND_GAP
        root = ET.Element(
            f"{{{SVG_NS}}}svg",
            {"viewBox": f"0 0 {WIDTH} {height}", "class": "measure-chart"},
        )
        label_svg(root, self.reading.title, self.reading.summary, self.id_prefix)
        root.set("font-family", "Arial, Helvetica, sans-serif")
        root.set("font-size", "13")
        self.axes(root)
        self.lines(root)
        self.series(root)
        self.flags(root)
        self.legend(root, height)
        return root

    def group(self, parent: ET.Element, css: str) -> ET.Element:
        return ET.SubElement(parent, f"{{{SVG_NS}}}g", {"class": css})

    def text(
        self, parent: ET.Element, x: float, y: float, words: str, anchor: str = "start"
    ) -> ET.Element:
        attrs = {"x": _n(x), "y": _n(y), "fill": LIGHT.text}
        if anchor != "start":
            attrs["text-anchor"] = anchor
        element = ET.SubElement(parent, f"{{{SVG_NS}}}text", attrs)
        element.text = words
        return element

    def line(
        self,
        parent: ET.Element,
        start: tuple[float, float],
        end: tuple[float, float],
        colour: str,
        dash: str | None = None,
        width: str = "1.5",
    ) -> None:
        attrs = {"x1": _n(start[0]), "y1": _n(start[1]), "x2": _n(end[0]), "y2": _n(end[1])}
        attrs.update({"stroke": colour, "stroke-width": width})
        if dash:
            attrs["stroke-dasharray"] = dash
        ET.SubElement(parent, f"{{{SVG_NS}}}line", attrs)

    def axes(self, root: ET.Element) -> None:
        grid = self.group(root, "grid")
        labels = self.group(root, "axis")
        right = WIDTH - RIGHT
        for tick in self.ticks:
            y = self.y(tick)
            self.line(grid, (LEFT - 4, y), (right, y), LIGHT.grid, width="1")
            text = format_number(tick, _tick_decimals(self.ticks))
            self.text(labels, LEFT - 8, y + 4, text, "end")
        bottom = TOP + PLOT_HEIGHT
        self.line(grid, (LEFT, bottom), (right, bottom), LIGHT.limit, width="1")
        every = max(1, math.ceil(len(self.points) / 8))
        for i in range(0, len(self.points), every):
            self.line(grid, (self.x(i), bottom), (self.x(i), bottom + 4), LIGHT.limit, width="1")
            self.text(labels, self.x(i), bottom + 18, self.points[i].short, "middle")
        if self.measure.unit:
            self.text(labels, 8, 14, self.measure.unit)

    def lines(self, root: ET.Element) -> None:
        bands = self.analysis.bands
        centre_group = self.group(root, "centre")
        limit_group = self.group(root, "limit")
        labels = self.group(root, "line-label")
        for number, band in enumerate(bands):
            x1 = self.x(band.start) - (self.step / 2 if number else 0)
            x2 = self.x(band.stop - 1) + (self.step / 2 if number < len(bands) - 1 else 0)
            if number:
                rebase = self.group(root, "rebase")
                self.line(rebase, (x1, TOP), (x1, TOP + PLOT_HEIGHT), LIGHT.rebase, "2 3")
                self.text(labels, x1 + 4, TOP + 10, "Recalculated")
            centre = self.y(band.centre)
            self.line(centre_group, (x1, centre), (x2, centre), LIGHT.centre)
            for value in (band.upper, band.lower):
                if value is not None:
                    y = self.y(value)
                    self.line(limit_group, (x1, y), (x2, y), LIGHT.limit, "6 4")
        pending = []
        last = bands[-1]
        name = self.analysis.centre_name.capitalize()
        pending.append((last.centre, f"{name} {self.fmt(last.centre)}"))
        trial = " (trial)" if last.trial else ""
        if last.upper is not None and last.lower is not None:
            pending.append((last.upper, f"Upper limit {self.fmt(last.upper)}{trial}"))
            pending.append((last.lower, f"Lower limit {self.fmt(last.lower)}{trial}"))
        target = self.measure.target_value
        if target is not None:
            y = self.y(target)
            line = self.group(root, "target")
            self.line(line, (LEFT, y), (WIDTH - RIGHT, y), LIGHT.target, "8 3 2 3", "2")
            pending.append((target, f"Target {format_number(target, decimals_of([target]))}"))
        for y, words in _spread([(self.y(v), w) for v, w in pending]):
            self.text(labels, WIDTH - RIGHT + 6, y + 4, words)

    def series(self, root: ET.Element) -> None:
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{_n(self.x(i))},{_n(self.y(p.value))}"
            for i, p in enumerate(self.points)
        )
        ET.SubElement(
            self.group(root, "series"),
            f"{{{SVG_NS}}}path",
            {"d": path, "fill": "none", "stroke": LIGHT.series, "stroke-width": "1.5"},
        )
        markers = self.group(root, "points")
        for i, (point, category) in enumerate(
            zip(self.points, self.analysis.categories, strict=True)
        ):
            shape = SHAPES[category]
            css = "point " + category.split("-")[0]
            colour = getattr(LIGHT, category.split("-")[0])
            _marker(markers, shape, self.x(i), self.y(point.value), self.size, colour, css)

    def flags(self, root: ET.Element) -> None:
        notes = self.reading.annotations
        if not notes:
            return
        group = self.group(root, "annotation")
        for number, note in enumerate(notes, start=1):
            x, bottom = self.x(note.at), TOP + PLOT_HEIGHT
            self.line(group, (x, bottom), (x, bottom - 10), LIGHT.text, width="1")
            self.text(group, x, bottom - 13, str(number), "middle")

    def legend(self, root: ET.Element, height: float) -> None:
        words_of = LEGEND if self.analysis.rules == "mdc" else RUN_CHART_LEGEND
        shapes = [s for s in LEGEND if s in {SHAPES[c] for c in self.analysis.categories}]
        group = self.group(root, "legend")
        x = float(LEFT)
        y = height - 10
        for shape in shapes:
            css = {"circle": "common", "square": "improvement", "diamond": "concern"}.get(
                shape, "neither"
            )
            _marker(group, shape, x + 5, y - 4, 5, getattr(LIGHT, css), f"point {css}")
            words = words_of[shape]
            self.text(group, x + 14, y, words)
            x += 14 + 7 * len(words) + 18

    def fmt(self, value: float) -> str:
        return format_number(value, self.decimals)


def _marker(
    parent: ET.Element, shape: str, x: float, y: float, size: float, colour: str, css: str
) -> None:
    attrs = {"class": css, "fill": colour, "stroke": colour}
    if shape == "circle":
        attrs.update({"cx": _n(x), "cy": _n(y), "r": _n(size * 0.8)})
        ET.SubElement(parent, f"{{{SVG_NS}}}circle", attrs)
        return
    if shape == "square":
        s = size * 0.85
        points = [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
    elif shape == "diamond":
        s = size * 1.2
        points = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
    else:
        s = size * 1.15
        points = [(x, y - s), (x + s, y + s * 0.8), (x - s, y + s * 0.8)]
    attrs["points"] = " ".join(f"{_n(a)},{_n(b)}" for a, b in points)
    ET.SubElement(parent, f"{{{SVG_NS}}}polygon", attrs)


def _spread(labels: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """Label positions moved apart so that no two overlap, in top-to-bottom order."""
    out: list[tuple[float, str]] = []
    for y, words in sorted(labels):
        if out and y - out[-1][0] < LABEL_MIN_GAP:
            y = out[-1][0] + LABEL_MIN_GAP
        out.append((y, words))
    return out


def _axis(low: float, high: float) -> tuple[float, float, list[float]]:
    """A y axis from a 'nice' tick below ``low`` to one above ``high``, about 5 ticks."""
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    count = round((last - first) / step)
    return first, last, [first + i * step for i in range(count + 1)]


def _tick_decimals(ticks: list[float]) -> int:
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else (1 if step % 1 else 0)


def _n(value: float) -> str:
    """A coordinate, to one decimal place, without '-0.0'."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text
