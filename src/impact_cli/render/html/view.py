"""What the page says, as plain data in reading order; :mod:`.page` and
:mod:`.text_version` write its markup.

User text (titles, descriptions, notes...) stays as it was written: the writers pass it
through ``rich()`` where they show it (see :mod:`.richtext`). Everything else here is
made by impact: fixed words, validated enum values, numbers made by the normaliser
(digits, dots and 'C') and ids made from those, so none of it needs escaping. Wording
shared with the other text outputs comes from :mod:`..textwords`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, NamedTuple

from ...diagram import Tier, count_phrase
from .. import textwords as tw
from ..links import unlinked_heading, unlinked_ideas
from ..measure_words import Reading, readings

if TYPE_CHECKING:  # pragma: no cover
    from ...diagram import Diagram, Link, Measure, Metadata, Node
    from .. import RenderOptions


def anchor(node: Node) -> str:
    """The in-page id of a node, made from its number: never user text."""
    if node.tier is Tier.AIM:
        return "aim"
    if node.tier is Tier.CHANGE_IDEA:
        return f"change-idea-{node.number.lower()}"
    return "driver-" + node.number.replace(".", "-")


def measure_anchor(measure: Measure) -> str:
    return f"measure-{measure.number.lower()}"


class Name(NamedTuple):
    """How the page names a node and links to it."""

    anchor: str
    ref: str
    """In running text: 'the aim', 'secondary driver 1.2'."""
    label: str
    """Where an item starts: 'The aim', 'Secondary driver 1.2'."""
    title: str
    is_aim: bool


class LinkWords(NamedTuple):
    """A link stated in words: ``source`` supports ``target``."""

    source: Name
    target: Name
    weak: bool
    note: str | None
    unconfirmed: bool = False
    """Shown by a draft or a source, not yet confirmed (strength: unconfirmed)."""


class MeasureView(NamedTuple):
    anchor: str
    number: str
    name: str
    kind: str
    """'Outcome measure'."""
    tracks: tuple[Name, ...]
    details: tuple[tuple[str, str], ...]
    """The (label, value) rows given: definition, target, frequency, data source."""


class Reference(NamedTuple):
    """An item written under another node that also supports the one it is listed under."""

    name: Name
    weak: bool
    home: Name
    """Where it is written, and so described."""


class Group(NamedTuple):
    """The items of one tier that support a node: '3 change ideas support driver 1.1:'."""

    intro: str
    tier: str
    """The tier as a CSS class name: 'change-idea'."""
    entries: tuple[Entry, ...]
    references: tuple[Reference, ...]


class Entry(NamedTuple):
    """A node in the text version: what is said about it, then the items under it."""

    name: Name
    description: str | None
    status: str | None
    """In words: 'being tested'."""
    priority: str | None
    owner: str | None
    pdsa: tuple[str, ...]
    learning: str | None
    home: LinkWords | None
    """Its link to the node it is written under (the page states it when it is weak)."""
    also: tuple[LinkWords, ...]
    """Its links to nodes in other lists."""
    measures: tuple[MeasureView, ...]
    groups: tuple[Group, ...]


class PageView(NamedTuple):
    meta: Metadata
    lang: str | None
    """The language of the user text, when it is not English as the page's own words are."""
    counts: str
    """'1 aim, 3 primary drivers and 5 change ideas'."""
    numbering: tuple[str, ...]
    aim: Name
    aim_parts: tuple[tuple[str, str], ...]
    aim_measures: tuple[MeasureView, ...]
    theory: tuple[tuple[str, str], ...]
    primaries: tuple[Entry, ...]
    unlinked: tuple[Entry, ...]
    """Drivers and change ideas not (yet) linked to any driver, listed after the
    primaries (change ideas that support no driver are a lint error, but still shown)."""
    unlinked_heading: str
    links_intro: str
    links: tuple[LinkWords, ...]
    """Every link across the lists, and every weak link."""
    measures_caption: str
    measures: tuple[MeasureView, ...]
    glossary: tuple[tuple[str, str], ...]
    footer: tuple[tuple[str, str], ...]
    charts: tuple[Reading, ...] = ()
    """The measures with data, read for their charts (written by :mod:`.charts`)."""


def page_view(diagram: Diagram, options: RenderOptions) -> PageView:
    views = _ViewBuilder(diagram)
    meta, aim = diagram.meta, diagram.aim
    measures = tuple(views.measures.values()) if options.show_measures else ()
    counted = [count_phrase(n, tier) for tier, n in diagram.counts.items() if n]
    if measures:
        counted.append(tw.plural(len(measures), "measure"))
    links = tuple(
        views.link(lk) for lk in diagram.links if not lk.structural or lk.weak or lk.unconfirmed
    )
    theory = diagram.theory if options.show_theory else None
    return PageView(
        meta=meta,
        lang=None if meta.language.lower().split("-")[0] == "en" else meta.language,
        counts=tw.join_and(counted),
        numbering=tuple(tw.numbering_sentences(diagram, measures=bool(measures))),
        aim=views.names[diagram.aim_key],
        aim_parts=_given(
            ("Description", aim.description),
            ("Baseline", aim.baseline),
            ("Target", aim.target),
            ("Deadline", aim.deadline),
            ("Who it is for", aim.population),
        ),
        aim_measures=views.measured(diagram.aim_key) if measures else (),
        theory=_given(*theory.parts) if theory else (),
        primaries=tuple(views.entry(node) for node in diagram.tier(Tier.PRIMARY)),
        unlinked=tuple(views.entry(node) for node in unlinked_ideas(diagram)),
        unlinked_heading=unlinked_heading(unlinked_ideas(diagram)),
        links_intro=(
            "The lists above place each item under the driver it is written under. "
            + (
                "This link joins items across the lists, or is weak."
                if len(links) == 1
                else f"These {len(links)} links join items across the lists, or are weak."
            )
        ),
        links=links,
        measures_caption=f"{tw.plural(len(measures), 'measure')}: what each one tracks, and how",
        measures=measures,
        glossary=diagram.glossary,
        footer=_given(
            ("Version", meta.version),
            ("Last updated", meta.updated),
            ("Owner", meta.owner),
            ("Licence", meta.licence),
        ),
        charts=readings(diagram) if options.show_measures else (),
    )


def _given(*rows: tuple[str, str | None]) -> tuple[tuple[str, str], ...]:
    """The (label, user text) rows whose text is set, in order."""
    return tuple(tw.given(*rows))


class _ViewBuilder:
    """Builds the views of one diagram, naming each node once however often it is linked."""

    def __init__(self, diagram: Diagram) -> None:
        self.diagram = diagram
        self.names: dict[str, Name] = {}
        for node in diagram.nodes.values():
            ref = tw.ref(node)
            self.names[node.key] = Name(
                anchor(node), ref, tw.capitalise(ref), node.title, node.tier is Tier.AIM
            )
        self.measures = {
            m.key: MeasureView(
                measure_anchor(m),
                m.number,
                m.name,
                tw.capitalise(tw.measure_type_words(m.type)),
                tuple(self.names[key] for key in m.tracks),
                _given(
                    ("Definition", m.definition),
                    ("Target", m.target),
                    ("How often", m.frequency),
                    ("Data source", m.data_source),
                ),
            )
            for m in diagram.measures
        }

    def link(self, link: Link) -> LinkWords:
        source, target = self.names[link.source], self.names[link.target]
        return LinkWords(source, target, link.weak, link.note, link.unconfirmed)

    def measured(self, key: str) -> tuple[MeasureView, ...]:
        return tuple(self.measures[m.key] for m in self.diagram.measures_for(key))

    def entry(self, node: Node) -> Entry:
        home, also = None, []
        for link in self.diagram.links_from(node.key):
            if link.structural:
                home = self.link(link)
            else:
                also.append(self.link(link))
        return Entry(
            self.names[node.key],
            node.description,
            tw.status_words(node.status),
            node.priority,
            node.owner,
            node.pdsa,
            node.learning,
            home,
            tuple(also),
            # shown even when the measures table is not (as the page has always done)
            self.measured(node.key),
            self.groups(node),
        )

    def groups(self, node: Node) -> tuple[Group, ...]:
        """What supports ``node``, by tier in the order the tiers first appear: the items
        written under it, then the items written elsewhere that also support it."""
        nodes = self.diagram.nodes
        written: dict[Tier, list[Entry]] = defaultdict(list)
        elsewhere: dict[Tier, list[Reference]] = defaultdict(list)
        for key in node.children:
            child = nodes[key]
            written[child.tier].append(self.entry(child))
        for link in self.diagram.links_to(node.key):
            if not link.structural:
                source = nodes[link.source]
                # a node that starts a link has a home: see check.normalise
                assert source.parent is not None
                home = self.names[source.parent]
                elsewhere[source.tier].append(Reference(self.names[source.key], link.weak, home))
        ref = self.names[node.key].ref
        groups = []
        for tier in dict.fromkeys([*written, *elsewhere]):
            entries, references = tuple(written[tier]), tuple(elsewhere[tier])
            n = len(entries) + len(references)
            intro = f"{count_phrase(n, tier)} {'supports' if n == 1 else 'support'} {ref}:"
            css = tier.name.lower().replace("_", "-")
            groups.append(Group(intro, css, entries, references))
        return tuple(groups)
