"""A drawing too wide for its paper, cut into strips of whole columns, its cut links labelled.

Each strip repeats the last column of the strip before, so a link between neighbouring
columns is always seen whole. A link that reaches further (a change idea that supports a
primary driver directly, two columns back) runs off the edge of one strip and into
another. As on a printed map, where a road runs off the page, the edge says where it goes:
where the line leaves a strip it is labelled with the item at its other end and the page
that shows it ("to C3, page 4"), and where it comes into the next, the item it comes from
("from 1, page 3"). The page numbers are known only once the strips are laid out on pages
(:mod:`.pages`), so a strip carries its labels as data and :func:`.sheets.labelled` writes
them.
"""

from __future__ import annotations

import math
import re
from html import unescape
from itertools import pairwise
from typing import NamedTuple

from ..svg import SVG_NS
from .cutting import cuts_between
from .drawing import Box, Drawing, columns, cropped, header_right, id_prefix, parsed, points

LONGEST_PAGE = ", page 999"
"""The room a label's page number is given, before the pages are known."""
TEXT = 'font-family="Arial" fill="#212b32"'
CAPTION = 2.4
"""The room above a continued strip for its caption, in lines of its smallest text."""
_TITLE = re.compile(r"<title[^>]*>([^<]*)</title>")
FOOT_PT = 12.0
"""Kept below a strip's lowest box: room for a line that leaves it downwards."""


class Label(NamedTuple):
    x: float
    """The strip's edge the link crosses, in viewBox coordinates."""
    y: float
    leaves: bool
    """True where the link runs off the strip's right edge, False where it comes in."""
    item: str
    """The number of the item at the link's other end."""
    strip: int
    """Which strip shows that item: how many strips on (or, when negative, back)."""


class Piece(NamedTuple):
    """A drawing, or a strip of one, as printed: its markup, its size and its labels."""

    svg: str
    drawing: Drawing
    labels: tuple[Label, ...] = ()
    names: dict[str, str] = {}  # noqa: RUF012 (never changed: a NamedTuple's default)
    """The numbers of its boxes by their ids, for a whole drawing or part that may be cut."""
    caption: str = ""
    """Above a strip away from its part's title: which part it continues (left out when
    the strip is printed right under its part's head or the strip before it)."""
    part: str = ""
    """For the head and strips of one cut drawing, the same (their ids' prefix)."""
    head: bool = False
    """What is drawn above a cut drawing's columns (its title and key), as a piece."""


def strips(
    svg: str,
    drawing: Drawing,
    runs: list[tuple[int, int]],
    names: dict[str, str],
    prefix: str,
    *,
    head: bool = False,
    captions: bool = True,
) -> list[Piece]:
    """``svg`` cut into strips of the columns in ``runs`` (first and last of each), their
    ids starting ``prefix``; ``names`` gives each box's number by its id in ``svg``. With
    ``head``, what is above the column headings (the title, the key, the theory of change,
    as wide as it is drawn) is a piece of its own, first, rather than cut with the first
    strip. With ``captions``, a strip printed away from its part's title says which part
    it continues (not when the strips are stacked under their head on one page)."""
    spans, headings_top = columns(svg)
    box = drawing.box
    cuts = cuts_between(spans, box)
    # ``names`` go by the ids in ``svg``
    links, boxes = _links(svg, spans, names, id_prefix(svg) or prefix)
    room = drawing.smallest * 0.6 * (len("from ") + max(map(len, names.values())) + 11) + 8
    out = []
    if head:
        wide = min(box.x + box.width, header_right(svg) + 8) - box.x
        above = Box(box.x, box.y, wide, headings_top - 8 - box.y)
        out.append(
            Piece(
                cropped(svg, above, f"{prefix}-head"),
                Drawing(above, drawing.smallest),
                part=prefix,
                head=True,
            )
        )
    for number, (first, last) in enumerate(runs):
        labels: list[Label] = []
        for (near, far), (near_item, far_item), path in links:
            if near > last or far < first or any(a <= near <= far <= b for a, b in runs):
                continue  # not in this strip, or seen whole in one (maybe the next)
            if near < first:
                home = max(i for i, (a, b) in enumerate(runs[:number]) if a <= near <= b)
                y = _cross(path, cuts[first])
                labels.append(Label(cuts[first], y, False, near_item, home - number))
            if far > last:
                away = next(i for i, (a, b) in enumerate(runs) if i > number and a <= far <= b)
                y = _cross(path, cuts[last + 1])
                labels.append(Label(cuts[last + 1], y, True, far_item, away - number))
        # strips after the first start at the column headings, below the title and theory;
        # one on a page of its own says above them which part it continues
        top = box.y if first == 0 and not head else max(box.y, headings_top - 8)
        caption = _continued(svg) if captions and (head or first > 0) else ""
        top -= CAPTION * drawing.smallest if caption else 0
        left = cuts[first] - (room if any(not lb.leaves for lb in labels) else 0)
        right = cuts[last + 1] + (room if any(lb.leaves for lb in labels) else 0)
        # a strip ends a little below its lowest box, not at the foot of the tallest strip
        inside = [
            b.y + b.height for b in boxes if cuts[first] <= b.x + b.width / 2 <= cuts[last + 1]
        ]
        foot = min(box.y + box.height, max(inside, default=math.inf) + FOOT_PT)
        crop = Box(left, top, right - left, foot - top)
        markup = cropped(svg, crop, f"{prefix}-s{number + 1}")
        crop_drawing = Drawing(crop, drawing.smallest)
        out.append(Piece(markup, crop_drawing, tuple(labels), caption=caption, part=prefix))
    return out


def _continued(svg: str) -> str:
    """'Primary driver 1, continued', from a part's title ('…: primary driver 1')."""
    found = _TITLE.search(svg)
    part = unescape(found.group(1)).rsplit(": ", 1)[-1] if found else ""
    return f"{part[:1].upper()}{part[1:]}, continued" if part else "Continued"


def _links(
    svg: str, spans: list[tuple[float, float]], names: dict[str, str], prefix: str
) -> tuple[list[tuple[tuple[int, int], tuple[str, str], list[tuple[float, float]]]], list[Box]]:
    """Each link's columns (nearer, further), the numbers of its two items and its path;
    and every box."""
    root, _, dx, dy = parsed(svg)
    boxes: list[tuple[Box, str]] = []
    paths: list[list[tuple[float, float]]] = []
    for group in root.iter(f"{{{SVG_NS}}}g"):
        classes = (group.get("class") or "").split()
        key = (group.get("id") or "").removeprefix(prefix + "-")
        found = [
            (x + dx, y + dy)
            for shape in group.iter(f"{{{SVG_NS}}}path")
            for x, y in points(shape.get("d", ""))
        ]
        if "node" in classes and key in names and found:
            xs, ys = [p[0] for p in found], [p[1] for p in found]
            boxes.append((Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)), key))
        elif "edge" in classes and len(found) > 1:
            paths.append(found)
    out = []
    for path in paths:
        ends = [_owner(point, boxes) for point in (path[0], path[-1])]
        if None in ends:
            continue
        (col_a, key_a), (col_b, key_b) = (_column(b, spans, k) for b, k in ends if b)  # type: ignore[misc]
        if col_a > col_b:
            (col_a, key_a), (col_b, key_b) = (col_b, key_b), (col_a, key_a)
        out.append(((col_a, col_b), (names[key_a], names[key_b]), path))
    return out, [b for b, _ in boxes]


def _owner(point: tuple[float, float], boxes: list[tuple[Box, str]]) -> tuple[Box, str] | None:
    """The box a link's end touches (an arrowhead may stop a few points short of it)."""
    x, y = point
    near = [
        (max(b.x - x, x - b.x - b.width, 0.0), b, key)
        for b, key in boxes
        if b.y - 2 <= y <= b.y + b.height + 2
    ]
    best = min(near, default=None, key=lambda item: item[0])
    return (best[1], best[2]) if best and best[0] <= 12 else None


def _column(box: Box, spans: list[tuple[float, float]], key: str) -> tuple[int, str]:
    middle = box.x + box.width / 2
    return min(range(len(spans)), key=lambda i: abs(sum(spans[i]) / 2 - middle)), key


def _cross(path: list[tuple[float, float]], x: float) -> float:
    """Where ``path`` (its points, control points too: close enough for a label) crosses
    the upright line at ``x``."""
    for (x0, y0), (x1, y1) in pairwise(path):
        if min(x0, x1) <= x <= max(x0, x1) and x0 != x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return min(path, key=lambda p: abs(p[0] - x))[1]
