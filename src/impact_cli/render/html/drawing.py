"""What the page needs to know about a drawing: its size, its smallest text and its columns.

Read from the SVG that :mod:`impact_cli.render.svg` makes. Graphviz draws in points: the
``viewBox`` and every ``font-size`` are in points. On screen the page shows a point as
4/3 of a CSS pixel (as Graphviz and the PNG output do, at 96 pixels to the inch), and
scales the drawing down no further than keeps its smallest text readable. On paper,
:mod:`.paper` sizes it in millimetres, and may print it in strips of whole columns.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from typing import NamedTuple

from ..svg import SVG_NS, XLINK_NS

PX_PER_PT = 4 / 3
READABLE_PX = 11.0
"""The smallest text the page shows on screen, in CSS pixels."""

_VIEWBOX = re.compile(
    r'<svg\b[^>]*\bviewBox="\s*([-\d.]+)[\s,]+([-\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)'
)
_FONT_SIZE = re.compile(r'\bfont-size="([\d.]+)"')
_POINT = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
_TRANSLATE = re.compile(r"translate\(\s*(-?[\d.]+)[\s,]+(-?[\d.]+)\s*\)")
_ID_PREFIX = re.compile(r'aria-labelledby="([\w-]+)-title"')


class Box(NamedTuple):
    x: float
    y: float
    width: float
    height: float


class Drawing(NamedTuple):
    """A drawing's viewBox and its smallest font size, in points."""

    box: Box
    smallest: float

    @property
    def width(self) -> float:
        return self.box.width

    @property
    def height(self) -> float:
        return self.box.height

    def screen(self) -> ScreenSize:
        natural = self.width * PX_PER_PT
        shrink = min(1.0, READABLE_PX / (self.smallest * PX_PER_PT))
        return ScreenSize(math.ceil(natural), math.ceil(natural * shrink))


class ScreenSize(NamedTuple):
    """Widths of a drawing on screen, in CSS pixels."""

    natural: int
    """At Graphviz's size: a point is 4/3 of a pixel."""
    readable: int
    """The narrowest that keeps its smallest text at READABLE_PX or more."""


def measure(svg: str) -> Drawing | None:
    """The drawing's size and smallest text, or None for markup with no viewBox or text."""
    match = _VIEWBOX.search(svg)
    sizes = [float(size) for size in _FONT_SIZE.findall(svg)]
    if not match or not sizes:
        return None
    x, y, width, height = (float(value) for value in match.groups())
    if width <= 0 or height <= 0:
        return None
    return Drawing(Box(x, y, width, height), min(sizes))


class Parsed(NamedTuple):
    """A drawing's markup parsed: its root, its graph (None if it has none) and the shift
    Graphviz applies inside the graph (``translate(dx dy)``), which turns the coordinates
    written there into viewBox ones."""

    root: ET.Element
    graph: ET.Element | None
    dx: float
    dy: float


def parsed(svg: str) -> Parsed:
    root = ET.fromstring(svg)  # noqa: S314 (markup made by render.svg from our own dot)
    graph = root.find(f"{{{SVG_NS}}}g")
    shift = _TRANSLATE.search(graph.get("transform", "")) if graph is not None else None
    dx, dy = (float(shift.group(1)), float(shift.group(2))) if shift else (0.0, 0.0)
    return Parsed(root, graph, dx, dy)


def points(shape: str) -> list[tuple[float, float]]:
    """The x,y pairs in a shape's ``d`` or ``points`` (control points too)."""
    return [(float(x), float(y)) for x, y in _POINT.findall(shape)]


def columns(svg: str) -> tuple[list[tuple[float, float]], float]:
    """The left and right edges of each column of boxes, left to right, and the top of the
    row of column headings, all in viewBox coordinates. A column is a run of boxes that
    overlap from side to side, whatever their tier: a change idea written directly under a
    primary driver sits in the secondary drivers' column."""
    root, _, dx, dy = parsed(svg)
    boxes: list[tuple[float, float]] = []
    top = math.inf
    for group in root.iter(f"{{{SVG_NS}}}g"):
        classes = (group.get("class") or "").split()
        if "node" not in classes or len(classes) < 2:
            continue
        if classes[1] == "heading":
            for text in group.iter(f"{{{SVG_NS}}}text"):
                size = float(text.get("font-size", "0"))
                top = min(top, float(text.get("y", "0")) + dy - size)
            continue
        xs = [
            x + dx
            for shape in group
            for x, _ in points(shape.get("d", "") + " " + shape.get("points", ""))
        ]
        if xs:
            boxes.append((min(xs), max(xs)))
    spans: list[tuple[float, float]] = []
    for left, right in sorted(boxes):
        if spans and left <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], right))
        else:
            spans.append((left, right))
    return spans, (0.0 if top == math.inf else top)


def header_right(svg: str) -> float:
    """The right edge of what is drawn above the columns (the title, the subtitle, the
    theory of change and the key), in viewBox coordinates. A text's width is estimated:
    Arial averages about 0.55 em a character, and 0.6 keeps the estimate clear of it."""
    _, graph, dx, _ = parsed(svg)
    if graph is None:
        return 0.0
    right = -math.inf
    for element in list(graph)[1:]:  # the first is the page's background
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "text":
            size = float(element.get("font-size", "0"))
            width = len(element.text or "") * 0.6 * size
            right = max(right, float(element.get("x", "0")) + dx + width)
        elif tag in ("path", "polyline", "polygon"):
            shape = element.get("d", "") + " " + element.get("points", "")
            right = max([right, *(x + dx for x, _ in points(shape))])
    return right


def id_prefix(svg: str) -> str | None:
    """What the ids in a drawing's markup start with ('print-1-s2'), named by its title's."""
    found = _ID_PREFIX.search(svg)
    return found.group(1) if found else None


def cropped(svg: str, box: Box, id_prefix: str) -> str:
    """The same drawing showing only ``box``, its ids renamed to start with ``id_prefix``
    (so that several copies can share a page)."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg)  # noqa: S314 (markup made by render.svg from our own dot)
    old = root.get("aria-labelledby", "dd-title").removesuffix("-title")
    rename = re.compile(rf"(?<![\w-]){re.escape(old)}-")
    for element in root.iter():
        for name, value in element.attrib.items():
            if name in ("id", "aria-labelledby", "aria-describedby") or "#" in value:
                element.set(name, rename.sub(f"{id_prefix}-", value))
    root.set("viewBox", f"{box.x:.2f} {box.y:.2f} {box.width:.2f} {box.height:.2f}")
    return ET.tostring(root, encoding="unicode")
