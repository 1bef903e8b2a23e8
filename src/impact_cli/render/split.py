"""``--split``: one diagram per primary driver, plus an overview of the aim and primaries.

Each part is a valid :class:`~impact_cli.diagram.Diagram` of its own, so every
renderer draws it unchanged. A part holds one primary driver, everything written
under it, and anything written elsewhere that supports something in it (drawn
with its link, so no relationship is lost); the overview holds the aim and the
primary drivers only. Numbers stay those of the whole diagram.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..diagram import Diagram, Node, Tier

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Collection, Iterable


def split_diagram(diagram: Diagram) -> list[tuple[str, Diagram]]:
    """[('overview', …), ('1', …), ('2', …)]: a name suffix and a diagram for each part."""
    parts = [("overview", overview(diagram))]
    for primary in diagram.tier(Tier.PRIMARY):
        parts.append((primary.number, part_for(diagram, primary)))
    return parts


def overview(diagram: Diagram) -> Diagram:
    keep = [diagram.aim_key, *(n.key for n in diagram.tier(Tier.PRIMARY))]
    return _subset(diagram, keep, f"{diagram.title}: overview")


def part_for(
    diagram: Diagram, driver: Node, only: Collection[str] | None = None, suffix: str = ""
) -> Diagram:
    """The part of ``driver`` (a primary driver, or a deeper one when a part must be
    smaller): the aim, the drivers it is written under, and everything written under it;
    or, given ``only``, under those of the items directly under it (``suffix`` then ends
    its title: a driver with too many items to print on one page is printed in pieces)."""
    inside: list[str] = [diagram.aim_key]
    parent = driver.parent
    while parent is not None and parent != diagram.aim_key:
        inside.append(parent)
        parent = diagram.nodes[parent].parent
    seen = set(inside)
    stack = [driver.key]
    subtree: list[str] = []
    while stack:  # depth first, in reading order
        key = stack.pop()
        if key in seen:
            continue
        seen.add(key)
        subtree.append(key)
        below = diagram.nodes[key].children
        if key == driver.key and only is not None:
            below = tuple(k for k in below if k in only)
        stack.extend(reversed(below))
    inside += subtree
    # whatever supports something in this part by reference comes along with its link
    left_out = set(driver.children) - set(only) if only is not None else set()
    for key in subtree:
        for link in diagram.links_to(key):
            if link.source not in seen and link.source not in left_out:
                seen.add(link.source)
                inside.append(link.source)
    title = f"{diagram.title}: {driver.tier.label} {driver.number}{suffix}"
    return _subset(diagram, inside, title)


def not_linked(diagram: Diagram) -> Diagram | None:
    """The items whose place is not known yet ('linked: false'), beside the aim and the
    primary drivers they may come to support (without them the drawing would say "No
    drivers yet"), or None when there are none."""
    keys = [key for key, node in diagram.nodes.items() if not node.linked]
    if not keys:
        return None
    context = [diagram.aim_key, *(n.key for n in diagram.tier(Tier.PRIMARY))]
    return _subset(diagram, [*context, *keys], f"{diagram.title}: not yet linked")


def _subset(diagram: Diagram, keys: Iterable[str], title: str) -> Diagram:
    wanted = set(keys)
    nodes: dict[str, Node] = {}
    for key, node in diagram.nodes.items():  # reading order of the whole diagram
        if key in wanted:
            children = tuple(k for k in node.children if k in wanted)
            parent = node.parent if node.parent in wanted else None
            nodes[key] = node._replace(children=children, parent=parent)
    links = tuple(link for link in diagram.links if link.source in wanted and link.target in wanted)
    measures = tuple(m for m in diagram.measures if any(k in wanted for k in m.tracks))
    measures = tuple(m._replace(tracks=tuple(k for k in m.tracks if k in wanted)) for m in measures)
    meta = diagram.meta._replace(title=title)
    return replace(diagram, meta=meta, nodes=nodes, links=links, measures=measures)
