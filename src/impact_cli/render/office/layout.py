"""Where Graphviz puts each box and link: the DOT of :mod:`..dot`, laid out by ``dot -Tjson``.

The slide is drawn from the same layout as the SVG, so the two look alike and the
layout rules live in one place. Graphviz measures in points with the origin at the
bottom left; a :class:`Layout` is in points with the origin at the top left of the
boxes (the banner above them, which holds the title, is left out: the slide has
its own title).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, NamedTuple

from ...errors import ImpactError
from ..dot import build_dot
from ..graphviz_run import run_dot

if TYPE_CHECKING:  # pragma: no cover
    from ...diagram import Diagram
    from .. import RenderOptions

POINTS_PER_INCH = 72

TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3
"""The connection sites of a rectangle, in DrawingML's order (``a:cxnLst``)."""


class Box(NamedTuple):
    """A node's box: its DOT id and its rectangle in points (top-left origin)."""

    name: str
    x: float
    y: float
    width: float
    height: float


class Layout(NamedTuple):
    width: float
    height: float
    boxes: dict[str, Box]
    """Every visible node, headings included, by DOT id."""


def sites(source: Box, target: Box) -> tuple[int, int]:
    """Where a link leaves ``source`` and reaches ``target``: facing sides.

    Links run between columns, so they join the facing left and right sides, and a
    slide app draws the same S-shaped curve Graphviz does. A link within one column
    joins the bottom of the upper box to the top of the lower one.
    """
    if source.x >= target.x + target.width:
        return LEFT, RIGHT
    if target.x >= source.x + source.width:
        return RIGHT, LEFT
    return (TOP, BOTTOM) if source.y > target.y else (BOTTOM, TOP)


def graphviz_layout(diagram: Diagram, options: RenderOptions) -> Layout:
    """Lay ``diagram`` out with Graphviz, as the SVG is."""
    result = run_dot(build_dot(diagram, options), "json")
    try:
        graph = json.loads(result.output)
    except ValueError as exc:
        raise ImpactError(f"Graphviz's dot gave JSON impact cannot read: {exc}") from None
    return parse_layout(graph)


def parse_layout(graph: dict[str, object]) -> Layout:
    """The boxes in Graphviz's JSON (``dot -Tjson``), the top-left one at (0, 0)."""
    objects = graph.get("objects", [])
    assert isinstance(objects, list)
    placed = []
    for item in objects:
        if "pos" not in item:  # a subgraph (rank=same), not a node
            continue
        x, y = (float(value) for value in item["pos"].split(",")[:2])
        width = float(item["width"]) * POINTS_PER_INCH
        height = float(item["height"]) * POINTS_PER_INCH
        placed.append(Box(item["name"], x - width / 2, y + height / 2, width, height))
    # Graphviz's y grows upwards and each box's y above is its top edge: flip and move
    left = min(box.x for box in placed)
    top = max(box.y for box in placed)
    right = max(box.x + box.width for box in placed)
    bottom = min(box.y - box.height for box in placed)
    boxes = {box.name: box._replace(x=box.x - left, y=top - box.y) for box in placed}
    return Layout(right - left, top - bottom, boxes)
