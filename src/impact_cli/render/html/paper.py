"""How the page prints its drawing: whole on one page, or in parts, never with text under 6 pt.

A drawing is printed on a page of its own, turned whichever way shows it larger, scaled to
fit the page. When that would make its smallest text smaller than ``MIN_TEXT_PT``, the
page prints instead an overview and one drawing per primary driver (as ``impact render
--split`` does, :mod:`..split`), each as large as the page allows; short ones share a
page. A part still too wide leaves out its column of measures (the text version's table
lists them all), and one still too wide is cut into strips of whole columns, each strip
repeating the last column of the one before, so a link can be followed from page to page.
A part too tall is printed as one part per driver under it, the same way, a level down.

Everything is measured in points (Graphviz's unit) and sized in millimetres for the
stylesheet; the paper is A4 unless ``RenderOptions.paper`` asks for A3.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from ...diagram import Tier
from .. import paper_size
from ..split import overview, part_for
from ..svg import svg_markup
from .drawing import Box, Drawing, columns, cropped, measure

if TYPE_CHECKING:  # pragma: no cover
    from ...diagram import Diagram, Node
    from .. import RenderOptions

MM_PER_PT = 25.4 / 72
MIN_TEXT_PT = 6.0
MARGIN_MM = 10.0
"""Around a drawing; the text version has wider margins (in the stylesheet)."""
SLACK_MM = 2.0
"""Kept free on a drawing's page, so that rounding never pushes a drawing over."""
GAP_MM = 6.0
"""Between two drawings that share a page."""
MAX_SCALE = 1.5
"""A small drawing is enlarged no more than this."""


class Sheet(NamedTuple):
    """One drawing as printed: its markup, which way the page turns and its size in mm."""

    svg: str
    landscape: bool
    width_mm: float
    height_mm: float
    text_pt: float
    """The size of its smallest text as printed."""


class PrintPlan(NamedTuple):
    paper: str
    """'A4' or 'A3', as the stylesheet names it."""
    whole: Sheet | None
    """The page's own drawing, when it prints whole."""
    sheets: tuple[Sheet, ...]
    """Otherwise the parts, in order (printed from their own markup)."""


def fit(drawing: Drawing, paper: str) -> Sheet:
    """``drawing`` as large as a page of ``paper`` allows, turned whichever way is larger
    (landscape when both reach MAX_SCALE). The markup is left empty."""
    short, long = paper_size(paper)
    width, height = drawing.width * MM_PER_PT, drawing.height * MM_PER_PT
    best: Sheet | None = None
    for landscape in (True, False):
        across, down = (long, short) if landscape else (short, long)
        room_w = across - 2 * MARGIN_MM - SLACK_MM
        room_h = down - 2 * MARGIN_MM - SLACK_MM
        scale = min(room_w / width, room_h / height, MAX_SCALE)
        if best is None or scale * width > best.width_mm + 0.01:
            best = Sheet("", landscape, scale * width, scale * height, scale * drawing.smallest)
    assert best is not None
    return best


def print_plan(diagram: Diagram, options: RenderOptions, svg: str) -> PrintPlan | None:
    """How the page prints ``svg``, the drawing of ``diagram`` (None when it has none)."""
    drawing = measure(svg)
    if drawing is None:
        return None
    paper = options.paper.lower()
    sheet = fit(drawing, paper)
    if sheet.text_pt >= MIN_TEXT_PT:
        return PrintPlan(paper.upper(), sheet, ())
    sheets = part_sheets(overview(diagram), options, paper, "print-overview")
    for primary in diagram.tier(Tier.PRIMARY):
        sheets += driver_sheets(diagram, primary, options, paper)
    return PrintPlan(paper.upper(), None, tuple(sheets))


def driver_sheets(
    diagram: Diagram, driver: Node, options: RenderOptions, paper: str
) -> list[Sheet]:
    """The sheets of the part of ``driver``, or, when that is too tall for its text to
    reach MIN_TEXT_PT and only drivers are written under it, of each of those drivers."""
    prefix = "print-" + driver.number.replace(".", "-")
    sheets = part_sheets(part_for(diagram, driver), options, paper, prefix)
    below = [diagram.nodes[key] for key in driver.children]
    if (
        below
        and all(node.tier.is_driver for node in below)
        and any(s.text_pt < MIN_TEXT_PT for s in sheets)
    ):
        return [s for node in below for s in driver_sheets(diagram, node, options, paper)]
    return sheets


def part_sheets(part: Diagram, options: RenderOptions, paper: str, prefix: str) -> list[Sheet]:
    """``part`` drawn on as few sheets as keep its text at MIN_TEXT_PT: without its column
    of measures when that is what makes it fit, in strips of columns when it is too wide."""
    markup = svg_markup(part, options, id_prefix=prefix)
    drawing = measure(markup)
    assert drawing is not None  # drawn by our own dot, like the page's drawing
    if fit(drawing, paper).text_pt < MIN_TEXT_PT and options.show_measures and part.measures:
        markup = svg_markup(part, replace(options, show_measures=False), id_prefix=prefix)
        drawing = measure(markup)
        assert drawing is not None
    return strips(markup, drawing, paper, prefix)


def strips(svg: str, drawing: Drawing, paper: str, prefix: str) -> list[Sheet]:
    """``svg`` on as few sheets as keep its text at MIN_TEXT_PT: whole, or cut between
    columns into strips that each repeat the last column of the strip before."""
    sheet = fit(drawing, paper)
    if sheet.text_pt >= MIN_TEXT_PT:
        return [sheet._replace(svg=svg)]
    spans, headings_top = columns(svg)
    box = drawing.box
    # as wide as the long side of the paper holds with the text at MIN_TEXT_PT
    room = max(paper_size(paper)) - 2 * MARGIN_MM - SLACK_MM
    widest = room / MM_PER_PT * drawing.smallest / MIN_TEXT_PT
    # cut half way between neighbouring columns; the first and last strips reach the edges
    middles = [(right + left) / 2 for (_, right), (left, _) in pairwise(spans)]
    cuts = [box.x, *middles, box.x + box.width]
    out: list[Sheet] = []
    for number, (first, last) in enumerate(column_runs(cuts, widest), 1):
        # strips after the first start at the column headings, below the title and theory
        top = box.y if first == 0 else max(box.y, headings_top - 8)
        crop = Box(cuts[first], top, cuts[last + 1] - cuts[first], box.y + box.height - top)
        markup = cropped(svg, crop, f"{prefix}-{number}")
        out.append(fit(Drawing(crop, drawing.smallest), paper)._replace(svg=markup))
    return out


def column_runs(cuts: list[float], widest: float) -> list[tuple[int, int]]:
    """The first and last column of each strip, for columns between ``cuts``: as many as fit
    in ``widest``, each strip starting with the last column of the strip before when the
    next column fits beside it."""
    count = len(cuts) - 1
    runs = []
    first = 0
    while True:
        last = first
        while last + 1 < count and cuts[last + 2] - cuts[first] <= widest:
            last += 1
        runs.append((first, last))
        if last == count - 1:
            return runs
        repeat = last > first and cuts[last + 2] - cuts[last] <= widest
        first = last if repeat else last + 1
