"""The drivers and change ideas of the accessible outline, and its list of links.

Every driver and change idea gets one line that says where it sits ('Secondary
driver 2.1 (1 of 3 under primary driver 2)') and what is known about it. An item
that supports several drivers is written in full under its home and named again
under each other driver, and each of its links is stated from both ends: under the
item ('Also supports …') and under what it supports. The list of links then says
once more, item by item, everything a change idea supports, and every driver that
supports more than its home or does so weakly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagram import Link, Node, Tier
from .links import home_link, listed_by_tier, unlinked_heading, unlinked_ideas
from .textwords import (
    capitalise,
    join_and,
    plural,
    priority_words,
    sentence,
    status_words,
)

if TYPE_CHECKING:  # pragma: no cover
    from .accessible_writer import Writer

Groups = list[list[tuple[Node, Link]]]
"""What is listed under a box, one list per tier (see ``links.listed_by_tier``)."""


def drivers(w: Writer) -> None:
    """Each primary driver with everything listed under it, then the loose change ideas."""
    d = w.d
    primaries = d.tier(Tier.PRIMARY)
    w.say(
        f"Drivers and change ideas. There {'is' if len(primaries) == 1 else 'are'} "
        f"{plural(len(primaries), 'primary driver')}."
        if primaries
        else "Drivers and change ideas. There are no drivers yet."
    )
    for i, node in enumerate(primaries, 1):
        w.blank()
        groups = listed_by_tier(d, node)
        w.say(
            f"Primary driver {i} of {len(primaries)}{w.title_end(node.key)}",
            f"It has {_has(groups)}." if groups else "Nothing is listed under it.",
            *_link_words(w, home_link(d, node), "Its link to the aim is weak."),
            f"Status: {status_words(node.status)}." if node.status else None,
            w.said("Description", node.description) if node.description else None,
            w.tracked_by(node),
        )
        _children(w, node, groups, 1)
    orphans = unlinked_ideas(d)
    if orphans:
        w.blank()
        w.say(
            f"{unlinked_heading(orphans)}. There "
            f"{'is' if len(orphans) == 1 else 'are'} {len(orphans)}."
        )
        for k, idea in enumerate(orphans, 1):
            parts = [
                f"{idea.label} ({k} of {len(orphans)} not linked to any "
                f"driver){w.title_end(idea.key)}"
            ]
            _idea_details(w, idea, parts)
            w.say(*parts)


def _children(w: Writer, target: Node, groups: Groups, depth: int) -> None:
    """One line per item listed under ``target`` (``groups``: its listed_by_tier)."""
    under = w.refs[target.key]
    for group in groups:
        for k, (node, link) in enumerate(group, 1):
            where = f"({k} of {len(group)} under {under})"
            parts = [f"{capitalise(w.refs[node.key])} {where}{w.title_end(node.key)}"]
            below: Groups = []
            if not link.structural:  # written in full elsewhere: named here
                if node.parent:
                    parts.append(f"Described under {w.refs[node.parent]}.")
                parts += _link_words(w, link, "This link is weak.")
            elif node.tier is Tier.CHANGE_IDEA:
                parts += _link_words(w, link, f"Its link to {under} is weak.")
                _idea_details(w, node, parts)
            else:
                below = listed_by_tier(w.d, node)
                if below:
                    parts.append(f"It has {_has(below)}.")
                parts += _link_words(w, link, f"Its link to {under} is weak.")
                if node.status:
                    parts.append(f"Status: {status_words(node.status)}.")
                if node.description:
                    parts.append(w.said("Description", node.description))
                _also_supports(w, node, parts)
                parts.append(w.tracked_by(node))
            w.say(*parts, depth=depth)
            if below:
                _children(w, node, below, depth + 1)


def _link_words(w: Writer, link: Link | None, weak: str) -> list[str]:
    """What is said of ``link``: the sentence ``weak`` if it is weak, then its note."""
    if link is None:
        return []
    words = [weak] if link.weak else ["This link is not confirmed."] if link.unconfirmed else []
    if link.note:
        words.append(w.said("Note on this link", link.note))
    return words


def _idea_details(w: Writer, node: Node, parts: list[str]) -> None:
    """Add what is known about a change idea to ``parts``, the sentences of its line."""
    if node.status:
        parts.append(f"Status: {status_words(node.status)}.")
    if node.priority is not None:
        parts.append(_priority_sentence(node.priority))
    if node.description:
        parts.append(w.said("Description", node.description))
    if node.owner:
        parts.append(w.said("Owner", node.owner))
    if node.pdsa:
        cycles = "; ".join(map(w.t, node.pdsa))
        parts.append(sentence(f"Tests so far: {cycles}"))
    if node.learning:
        parts.append(w.said("Learning", node.learning))
    _also_supports(w, node, parts)
    parts.append(w.tracked_by(node))


def _also_supports(w: Writer, node: Node, parts: list[str]) -> None:
    """Add the drivers ``node`` supports besides its home to ``parts``."""
    if node.key not in w.supports_more:
        return
    for link in w.d.links_from(node.key):
        if link.structural:
            continue
        target = w.d.nodes[link.target]
        if target.tier is Tier.AIM:
            parts.append("Also supports the aim.")
        else:
            parts.append(f"Also supports {w.refs[target.key]}{w.title_end(target.key)}")
        parts += _link_words(w, link, "This link is weak.")


def links(w: Writer) -> None:
    """The list of links: every change idea, and every driver with more than a home."""
    w.say("Links.")
    start = len(w.lines)
    for node in w.d.nodes.values():
        if node.tier is Tier.AIM:
            continue
        supported = w.d.links_from(node.key)
        # a change idea always; a driver when it supports more than its home, or weakly
        is_idea = node.tier is Tier.CHANGE_IDEA
        if not is_idea and len(supported) <= 1 and not any(link.weak for link in supported):
            continue
        head = f"Links from {w.refs[node.key]}{w.title_end(node.key)}"
        if not supported:
            w.say(f"{head} It is not linked to any driver.")
            continue
        targets = [
            _target_name(w, link.target) + (" (weak link)" if link.weak else "")
            for link in supported
        ]
        if len(targets) > 1:
            supports = f"It supports {len(targets)} drivers: {'; '.join(targets)}"
        else:
            supports = f"It supports {targets[0]}"
        w.say(f"{head} {sentence(supports)}")
    if len(w.lines) == start:
        w.say(
            "Every driver supports only the driver or aim it is listed under, and every "
            "link is strong."
        )


def _target_name(w: Writer, key: str) -> str:
    """How the list of links names what an item supports: 'the aim', or the driver."""
    node = w.d.nodes[key]
    return "the aim" if node.tier is Tier.AIM else f"{w.refs[key]}, {w.title(key)}"


def _priority_sentence(priority: str) -> str:
    """'High priority.' (from the priority as written, e.g. 'high')."""
    return sentence(capitalise(priority_words(priority) or ""))


def _has(groups: Groups) -> str:
    """'3 secondary drivers and 1 change idea', from :func:`listed_by_tier`."""
    return join_and([plural(len(g), g[0][0].tier.label, g[0][0].tier.plural) for g in groups])
