"""Where each box of the drawing goes: its column (a Graphviz rank) and its place in it.

The layout rules (docs/layout.md has the measurements behind them):

* one column per tier of drivers, the aim first, in the direction the file asks for;
* change ideas in a last column, or each *beside* the deepest driver it supports
  (the column after that driver's), so that a tree whose ideas hang from drivers at
  different depths stays compact. ``auto`` chooses ``beside`` exactly when the change
  ideas hang from drivers of more than one tier, and ``last`` otherwise (where the
  two differ only when the deepest tier has no ideas of its own);
* in every column the boxes keep the reading order: each parent's items together,
  in the order the file has them, parents in their own column's order;
* one arrowhead per box: every link into a box ends at the same point of its side
  facing the causes, and only one of them draws the arrowhead, so no two arrowheads
  ever overlap.

:class:`Tuning` holds the few settings :mod:`.dot_choice` chooses between per diagram.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..diagram import Tier

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram, Link, Node

DEFAULT_HEADINGS = {
    "aim": "Aim",
    "primary_drivers": "Primary drivers",
    "secondary_drivers": "Secondary drivers",
    "tertiary_drivers": "Tertiary drivers",
    "change_ideas": "Change ideas",
    "measures": "Measures",
}
_HEADING_KEY = {
    Tier.AIM: "aim",
    Tier.PRIMARY: "primary_drivers",
    Tier.SECONDARY: "secondary_drivers",
    Tier.TERTIARY: "tertiary_drivers",
    Tier.CHANGE_IDEA: "change_ideas",
}


class Tuning(NamedTuple):
    """Dot settings that suit some diagrams and not others (docs/layout.md, "Choosing
    between settings")."""

    placement: str = "beside"
    """Where change ideas go: 'beside' or 'last' (see :func:`ideas_placement`)."""
    spread_aim: bool = False
    """The aim's links meet its side at three points (upper, middle and lower ports of
    its label), each with one arrowhead, not all at its middle: shorter links when the
    aim is tall and its drivers spread far above and below it."""
    align_first: bool = False
    """Each box in one Graphviz ``group`` with its first item, so the pair line up: a
    driver level with its first item, like a tree, never drawn level with another's."""
    pull_references: bool = False
    """Links by reference pull a little (weight 1, a home link's is 4 or more): a box
    drawn between its home and the other boxes it supports crosses fewer links where
    those are many."""
    loose_references: bool = False
    """Links by reference do not constrain the layout (``constraint=false``): dot then
    keeps every column in reading order where a link reaching past other boxes made it
    give up one of the order's constraints."""


class Column(NamedTuple):
    ident: str
    """The id of the column's heading box: 'h_aim', 'h_secondary', 'h_change_idea'."""
    headings: list[str]
    """One line per kind of box in the column: 'Secondary drivers', 'Change ideas'."""
    nodes: list[Node]
    """Top to bottom (left to right, top to bottom drawings), in reading order."""


def heading(diagram: Diagram, key: str) -> str:
    """A column heading, as the file renamed it or the default ('change_ideas')."""
    return diagram.drawing.heading(key, DEFAULT_HEADINGS[key])


def ideas_placement(diagram: Diagram, choice: str | None) -> str:
    """'last' or 'beside': ``choice`` (from the command line), else the file's, else auto."""
    choice = choice or diagram.drawing.ideas_column
    if choice != "auto":
        return choice
    depths = {
        diagram.nodes[node.parent].tier
        for node in diagram.tier(Tier.CHANGE_IDEA)
        if node.parent is not None
    }
    return "beside" if len(depths) > 1 else "last"


def columns(diagram: Diagram, placement: str) -> list[Column]:
    """The columns of boxes, aim first (measures are not included)."""
    deepest = int(diagram.max_tier)

    def rank(node: Node) -> int:
        if node.tier is not Tier.CHANGE_IDEA:
            return int(node.tier)
        targets = [diagram.nodes[link.target].tier for link in diagram.links_from(node.key)]
        if placement == "last" or not targets:
            return deepest + 1
        return int(max(targets)) + 1

    ranks: dict[int, list[Node]] = {}
    for node in diagram.nodes.values():  # reading order: depth first, file order
        ranks.setdefault(rank(node), []).append(node)
    result: list[Column] = []
    for index in sorted(ranks):
        nodes = ranks[index]
        tiers = sorted({node.tier for node in nodes})
        ident = "h_" + tiers[0].name.lower()
        result.append(
            Column(ident, [heading(diagram, _HEADING_KEY[tier]) for tier in tiers], nodes)
        )
    return result


def arrow_links(diagram: Diagram, ports: dict[int, str] | None = None) -> set[int]:
    """Indexes (in ``diagram.links``) of the one link per box (per port of the box, where
    ``ports`` spreads its links) that draws the arrowhead.

    All links into a box (a port) end at one point, so one arrowhead serves them all. It
    is drawn on the middle one of the strongest kind of link (home links first, then any
    strong link, then any), which, with each driver centred on its items, is the one
    that arrives straightest.
    """
    ports = ports or {}
    into: dict[tuple[str, str], list[int]] = {}
    for index, link in enumerate(diagram.links):
        into.setdefault((link.target, ports.get(index, "")), []).append(index)
    chosen = set()
    for indexes in into.values():
        links = [(i, diagram.links[i]) for i in indexes]
        best = (
            [i for i, link in links if link.structural and not link.weak]
            or [i for i, link in links if not link.weak]
            or indexes
        )
        chosen.add(best[len(best) // 2])
    return chosen


def aim_ports(diagram: Diagram, ports: tuple[str, str, str]) -> dict[int, str]:
    """The port of the aim each of its links meets when they are spread: the first half
    of them (in reading order of the boxes they come from) the upper, the last half the
    lower, a middle one (of an odd number) the middle."""
    place = {key: index for index, key in enumerate(diagram.nodes)}
    mine = sorted(
        (index for index, link in enumerate(diagram.links) if link.target == diagram.aim_key),
        key=lambda index: place[diagram.links[index].source],
    )
    half = len(mine) // 2
    return {
        index: ports[0] if n < half else ports[2] if n >= len(mine) - half else ports[1]
        for n, index in enumerate(mine)
    }


def first_item_groups(diagram: Diagram) -> dict[str, str]:
    """Node key -> the key naming its Graphviz group, for every driver that shares one with
    its parent driver (it is the parent's first item) or with its own first item. The aim
    stays out: centred on its primary drivers, it reads as the diagram's one outcome."""
    group: dict[str, str] = {}
    for node in diagram.nodes.values():  # reading order: a parent before its items
        if node.children and node.tier is not Tier.AIM:
            head = group.setdefault(node.key, node.key)
            group[node.children[0]] = head
    return group


def effect_and_cause(diagram: Diagram, link: Link) -> tuple[Node, Node, bool]:
    """(the box nearer the aim, the other, whether the link runs with the columns)."""
    source = diagram.nodes[link.source]
    target = diagram.nodes[link.target]
    # a reference from a deeper tier to a shallower one runs with the columns; one
    # that ran against them must not pull the ranks about (valid diagrams have none)
    if target.tier < source.tier:
        return target, source, True
    return source, target, False
