"""How readable a Graphviz drawing is, measured from the coordinates ``dot -Tjson`` chose.

The measures of docs/layout.md ("What is measured"): crossings, total link length,
detours, boxes level with an unlinked box, overlapping arrowheads, boxes out of the
published order, and the drawing's size. ``tools/layout_report.py`` reports them for
every example, real and generated diagram; :mod:`.dot_choice` uses them to choose
between a few dot settings for one diagram, so the drawing is judged by the same
numbers the report publishes.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import Any, NamedTuple

from ..diagram import Diagram, Node, Tier

SAMPLES = 8
"""Straight segments per cubic Bezier piece of a spline."""
END_RADIUS = 8.0
"""Crossings this close to either end of either link are where links meet a box, not crossings."""
SAME_POINT = 3.0
"""Two crossings of one pair of links closer than this are one crossing."""
BACKTRACK = 10.0
"""A link that moves this far (points) against the columns is a detour."""
ARROW_CLASH = 5.0
"""Arrowhead tips on one box closer than this overlap (an arrowhead is about 5 points wide)."""

Point = tuple[float, float]


class Metrics(NamedTuple):
    boxes: int
    links: int
    crossings: int
    length: int
    detours: int
    misleading: int
    arrow_clashes: int
    out_of_order: int
    width: int
    height: int

    @property
    def aspect(self) -> float:
        return round(self.width / self.height, 2) if self.height else 0.0


# --- from Graphviz's JSON to geometry ---------------------------------------------------


def _bezier(points: list[Point]) -> list[Point]:
    """A polyline through a piecewise cubic Bezier curve (Graphviz's 'b' drawing op)."""
    line = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for step in range(1, SAMPLES + 1):
            t = step / SAMPLES
            u = 1 - t
            line.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )
    return line


def _polyline(edge: dict[str, Any]) -> list[Point]:
    line: list[Point] = []
    for op in edge.get("_draw_", []):
        if op["op"] in ("b", "B"):
            line.extend(_bezier([(p[0], p[1]) for p in op["points"]]))
        elif op["op"] in ("L",):
            line.extend((p[0], p[1]) for p in op["points"])
    return line


def _tips(edge: dict[str, Any]) -> list[tuple[str, Point]]:
    """('tail' or 'head', tip) of each arrowhead of the edge, from its ``pos``."""
    tips = []
    for part in edge.get("pos", "").split():
        if part[:2] in ("s,", "e,"):
            x, y = part[2:].split(",")
            tips.append(("tail" if part[0] == "s" else "head", (float(x), float(y))))
    return tips


def _cross(a: Point, b: Point, c: Point, d: Point) -> Point | None:
    """Where segment ab properly crosses segment cd, or None."""
    r = (b[0] - a[0], b[1] - a[1])
    s = (d[0] - c[0], d[1] - c[1])
    denom = r[0] * s[1] - r[1] * s[0]
    if abs(denom) < 1e-9:
        return None
    qp = (c[0] - a[0], c[1] - a[1])
    t = (qp[0] * s[1] - qp[1] * s[0]) / denom
    u = (qp[0] * r[1] - qp[1] * r[0]) / denom
    if 0 <= t <= 1 and 0 <= u <= 1:
        return (a[0] + t * r[0], a[1] + t * r[1])
    return None


def _box(line: list[Point]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in line]
    ys = [p[1] for p in line]
    return min(xs), min(ys), max(xs), max(ys)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def crossings(lines: list[list[Point]]) -> int:
    boxes = [_box(line) for line in lines]
    segments = [
        [(line[i], line[i + 1], _box(line[i : i + 2])) for i in range(len(line) - 1)]
        for line in lines
    ]
    total = 0
    for i in range(len(lines)):
        for j in range(i + 1, len(lines)):
            if not _overlap(boxes[i], boxes[j]):
                continue
            ends = (lines[i][0], lines[i][-1], lines[j][0], lines[j][-1])
            found: list[Point] = []
            for a, b, box_ab in segments[i]:
                if not _overlap(box_ab, boxes[j]):
                    continue
                for c, d, box_cd in segments[j]:
                    if not _overlap(box_ab, box_cd):
                        continue
                    point = _cross(a, b, c, d)
                    if point is None or any(math.dist(point, e) < END_RADIUS for e in ends):
                        continue
                    if all(math.dist(point, f) >= SAME_POINT for f in found):
                        found.append(point)
            total += len(found)
    return total


# --- the measures -----------------------------------------------------------------------


def measure(data: dict[str, Any], diagram: Diagram, node_id: Callable[[Node], str]) -> Metrics:
    """The measures of one drawing: ``data`` is dot's JSON for ``diagram``'s DOT, whose
    box ids ``node_id`` gives."""
    lr = data.get("rankdir", "TB") == "LR"
    # the coordinate along the columns (rank) and across them; JSON's y points up

    def along(p: Point) -> float:
        return p[0] if lr else -p[1]

    def across(p: Point) -> float:
        return p[1] if lr else p[0]

    names = {o["_gvid"]: o["name"] for o in data["objects"] if "nodes" not in o}
    boxes: dict[str, tuple[Point, float, float]] = {}
    for obj in data["objects"]:
        if "nodes" in obj or obj.get("class", "").split()[0] in ("heading", "measure", ""):
            continue
        x, y = (float(v) for v in obj["pos"].split(","))
        boxes[obj["name"]] = ((x, y), float(obj["width"]) * 72, float(obj["height"]) * 72)

    edges = [e for e in data.get("edges", []) if e.get("style") != "invis"]
    lines = [_polyline(e) for e in edges]
    length = sum(math.dist(a, b) for line in lines for a, b in itertools.pairwise(line))

    detours = 0
    for line in lines:
        if along(line[-1]) < along(line[0]):
            line = line[::-1]
        back = sum(max(0.0, along(a) - along(b)) for a, b in itertools.pairwise(line))
        detours += back > BACKTRACK

    clashes = 0
    tips: dict[str, list[Point]] = {}
    for edge in edges:
        for end, tip in _tips(edge):
            tips.setdefault(names[edge[end]], []).append(tip)
    for points in tips.values():
        clashes += sum(
            math.dist(points[i], points[j]) < ARROW_CLASH
            for i in range(len(points))
            for j in range(i + 1, len(points))
        )

    linked = {
        frozenset((node_id(diagram.nodes[k.source]), node_id(diagram.nodes[k.target])))
        for k in diagram.links
    }
    tier_of = {node_id(node): node.tier for node in diagram.nodes.values()}
    misleading = 0
    for node in diagram.nodes.values():
        if node.parent is None:
            continue
        me, parent = node_id(node), node_id(diagram.nodes[node.parent])
        centre, _, _ = boxes[me]
        rank = along(boxes[parent][0])
        for other, (pos, width, height) in boxes.items():
            if abs(along(pos) - rank) > 1:
                continue
            half = (height if lr else width) / 2
            if abs(across(pos) - across(centre)) < half:
                # only a box it could be linked to suggests a link: the aim or a driver
                # of a shallower tier (change ideas support nothing)
                could_link = tier_of[other] < min(node.tier, Tier.CHANGE_IDEA)
                if could_link and other != parent and frozenset((me, other)) not in linked:
                    misleading += 1
                break

    # the published order: along each column, boxes in reading order
    out_of_order = 0
    columns: dict[int, list[float]] = {}
    for node in diagram.nodes.values():  # reading order
        centre = boxes[node_id(node)][0]
        columns.setdefault(round(along(centre)), []).append(across(centre))
    for column in columns.values():
        step = -1 if lr else 1  # down the page (JSON's y grows upwards), or rightwards
        out_of_order += sum(step * (b - a) < 0 for a, b in itertools.pairwise(column))

    x0, y0, x1, y1 = (float(v) for v in data["bb"].split(","))
    return Metrics(
        boxes=len(diagram.nodes),
        links=len(edges),
        crossings=crossings(lines),
        length=round(length),
        detours=detours,
        misleading=misleading,
        arrow_clashes=clashes,
        out_of_order=out_of_order,
        width=round(x1 - x0),
        height=round(y1 - y0),
    )
