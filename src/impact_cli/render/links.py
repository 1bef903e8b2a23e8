"""Which links the text outputs list where.

An item is written in full once, under its home (the driver or aim its structural
link points to), and named again under every other driver it supports. These
functions answer, from the normalised :class:`~impact_cli.diagram.Diagram`, what is
listed under a box, which link is an item's home and which are its extra links, and
which change ideas hang from nothing. The plain, accessible and Markdown outlines
all walk the diagram with them, so they list the same items in the same order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagram import Tier

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram, Link, Node


def listed_by_tier(diagram: Diagram, target: Node) -> list[list[tuple[Node, Link]]]:
    """What is listed under ``target``, one list per tier, in the order the file has them.

    Within a tier, the items written under ``target`` come first (in file order),
    then the items written elsewhere that also support it (in link order). The tiers
    come in the order of their first item, so a driver whose change ideas are written
    before its sub-drivers lists them first, as the drawing does. Tiers with nothing
    listed are left out, so every list has at least one item.
    """
    links = diagram.links_to(target.key)
    if not links:
        return []  # nothing supports it (every change idea, for one)
    home: dict[str, Link] = {}  # the items written under target, with their links
    by_reference: list[Link] = []
    for link in links:
        if link.structural:
            home[link.source] = link
        else:
            by_reference.append(link)
    nodes = diagram.nodes
    entries = [(nodes[key], home[key]) for key in target.children]
    entries += [(nodes[link.source], link) for link in by_reference]
    by_tier: dict[Tier, list[tuple[Node, Link]]] = {}
    for entry in entries:  # keeps file and link order within each tier
        by_tier.setdefault(entry[0].tier, []).append(entry)
    return list(by_tier.values())


def listed_under(diagram: Diagram, target: Node) -> list[tuple[Node, Link]]:
    """What is listed under ``target``: :func:`listed_by_tier` as one list."""
    return [entry for group in listed_by_tier(diagram, target) for entry in group]


def home_link(diagram: Diagram, node: Node) -> Link | None:
    """The link to where ``node`` is written in full (None for the aim and loose ideas)."""
    return next((link for link in diagram.links_from(node.key) if link.structural), None)


def extra_links(diagram: Diagram, node: Node) -> list[Link]:
    """The drivers ``node`` supports besides its home, in link order."""
    return [link for link in diagram.links_from(node.key) if not link.structural]


def unlinked_ideas(diagram: Diagram) -> list[Node]:
    """The items that hang from nothing, drivers ('linked: false') then change ideas: the
    outlines list them at the end."""
    return [node for node in diagram.nodes.values() if hangs_from_nothing(diagram, node)]


def hangs_from_nothing(diagram: Diagram, node: Node) -> bool:
    """Whether ``node`` is under no driver and supports none: not yet linked. Not an item
    in one part of a split diagram whose home is in another part: it supports something
    in this one (that is why it is there)."""
    return node.tier is not Tier.AIM and node.parent is None and not diagram.links_from(node.key)


def unlinked_heading(items: list[Node]) -> str:
    """'Change ideas not linked to any driver', or 'Not yet linked' when drivers are too."""
    if all(node.tier is Tier.CHANGE_IDEA for node in items):
        return "Change ideas not linked to any driver"
    return "Not yet linked"


def doubt_suffix(link: Link, *, clause: bool = False) -> str:
    """' (weak link)', ' (link not confirmed)' or '' ('; weak link' with ``clause``)."""
    words = "weak link" if link.weak else "link not confirmed" if link.unconfirmed else ""
    if not words:
        return ""
    return f"; {words}" if clause else f" ({words})"
