"""The normalised driver diagram: the one model every output reads.

The file format (``model.py``) is optimised for writing: nesting, shorthand,
references. This is optimised for reading: a flat, ordered graph of nodes with
their tier, stable key, hierarchical number and structural parent, plus every
link (nested and by reference) as an explicit edge. Renderers never see YAML.
The value types (Node, Link, Measure, …) are immutable NamedTuples.

Numbering: primary drivers 1, 2, …; secondary drivers 1.1, 1.2; tertiary 1.1.1.
Change ideas get codes C1, C2, … in reading order rather than path numbers,
because one change idea can support several drivers, so a path number would be
ambiguous and would change whenever the file is reordered. Measures are M1, M2.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, KeysView, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple, TypeVar

from .diagnostics import Span

T = TypeVar("T")


class Tier(enum.IntEnum):
    """A column of the diagram, left (aim) to right (change ideas)."""

    AIM = 0
    PRIMARY = 1
    SECONDARY = 2
    TERTIARY = 3
    CHANGE_IDEA = 4

    @property
    def label(self) -> str:
        """'aim', 'primary driver', …, 'change idea'."""
        return _LABELS[self]

    @property
    def plural(self) -> str:
        return f"{self.label}s"

    @property
    def heading(self) -> str:
        """Column heading, e.g. 'Primary drivers'."""
        return self.plural.capitalize() if self is not Tier.AIM else "Aim"

    @property
    def is_driver(self) -> bool:
        return Tier.PRIMARY <= self <= Tier.TERTIARY


_LABELS = {
    Tier.AIM: "aim",
    Tier.PRIMARY: "primary driver",
    Tier.SECONDARY: "secondary driver",
    Tier.TERTIARY: "tertiary driver",
    Tier.CHANGE_IDEA: "change idea",
}


def count_phrase(n: int, tier: Tier) -> str:
    """'1 primary driver', '3 change ideas'."""
    return f"{n} {tier.label if n == 1 else tier.plural}"


def clean(text: str) -> str:
    """One line: whitespace runs (newlines, tabs) become one space.

    How every output shows a title or other text on a line (the renderers re-export it
    as ``textwords.clean``). It lives here, beside the model, because lint names boxes
    by their titles too and must not import the renderers.
    """
    return " ".join(text.split())


class Node(NamedTuple):
    """A box in the diagram: the aim, a driver or a change idea."""

    key: str
    """Unique key: the declared ``id``, or one generated from the number."""
    declared_id: str | None
    tier: Tier
    number: str
    """'1', '1.2', '1.2.3' for drivers, 'C4' for change ideas, '' for the aim; 'U1',
    'U2' for drivers not yet linked, which have no place to number them by."""
    title: str
    description: str | None
    parent: str | None
    """Key of the node this one is written under (its structural parent)."""
    children: tuple[str, ...]
    """Keys of the nodes written under this one, in reading order."""
    span: Span
    status: str | None = None
    priority: str | None = None
    owner: str | None = None
    pdsa: tuple[str, ...] = ()
    learning: str | None = None
    pointer: str = ""
    """Where the item is written in the file: 'primary_drivers[0].secondary_drivers[1]'."""
    linked: bool = True
    """False when the file says its place is not known yet ('linked: false')."""
    pdsa_dated: tuple[tuple[str, str], ...] = ()
    """The PDSA cycles written with a period: (period as written, note)."""

    @property
    def label(self) -> str:
        """'Primary driver 2', 'Change idea C3', 'Aim'."""
        if self.tier is Tier.AIM:
            return "Aim"
        return f"{self.tier.label.capitalize()} {self.number}"


class Link(NamedTuple):
    """'source supports target': an edge from cause (right) to effect (left)."""

    source: str
    target: str
    strength: str  # "strong" or "weak"
    structural: bool
    """True when source is written under target; False for a 'supports' reference."""
    note: str | None = None
    span: Span | None = None

    @property
    def weak(self) -> bool:
        return self.strength == "weak"

    @property
    def unconfirmed(self) -> bool:
        """Shown by a draft or a source, not yet confirmed by the team."""
        return self.strength == "unconfirmed"


class DataPoint(NamedTuple):
    """One period's value of a measure."""

    period: str
    """As written: '2024-04'."""
    label: str
    """For words: 'April 2024'."""
    short: str
    """For a chart's axis: 'Apr 2024'."""
    value: float
    note: str | None = None


class Cycle(NamedTuple):
    """A dated PDSA cycle of a change idea, placed on a measure's chart."""

    at: int
    """Index of the point it is drawn at: the first period that starts on or after it."""
    label: str
    """When, for words: 'May 2024'."""
    idea: str
    """The change idea's number: 'C1'."""
    note: str


class MeasureData(NamedTuple):
    """A measure's series and how to read it (docs/measures.md)."""

    points: tuple[DataPoint, ...]
    source: str
    """Where the data is: the file as written in 'data:', or 'points'."""
    rules: str = "mdc"
    run_length: int = 7
    baseline: int | None = None
    rebase: tuple[int, ...] = ()
    """Indexes of the points that start a new section."""
    screen: bool = False
    gaps: tuple[int, ...] = ()
    """Indexes of the points that follow missing periods."""
    cycles: tuple[Cycle, ...] = ()


class Measure(NamedTuple):
    key: str
    declared_id: str | None
    number: str
    """'M1', 'M2', …"""
    name: str
    type: str  # outcome | process | balancing
    tracks: tuple[str, ...]
    definition: str | None
    target: str | None
    frequency: str | None
    data_source: str | None
    span: Span
    pointer: str = ""
    """Where the measure is written in the file: 'measures[0]'."""
    unit: str | None = None
    improvement: str | None = None
    """'increase', 'decrease', 'neither' or None (not said)."""
    target_value: float | None = None
    """The one number in ``target``, which the chart draws and assurance compares."""
    data: MeasureData | None = None


class AimDetail(NamedTuple):
    statement: str
    description: str | None = None
    baseline: str | None = None
    target: str | None = None
    deadline: str | None = None
    population: str | None = None


class Theory(NamedTuple):
    if_we: str | None
    we_will: str | None
    so_that: str | None
    span: Span | None = None

    @property
    def parts(self) -> tuple[tuple[str, str | None], ...]:
        return (("If we", self.if_we), ("We will", self.we_will), ("So that", self.so_that))


class Metadata(NamedTuple):
    title: str
    subtitle: str | None = None
    summary: str | None = None
    language: str = "en-GB"
    version: str | None = None
    updated: str | None = None
    owner: str | None = None
    source: str | None = None
    licence: str | None = None


class LintConfig(NamedTuple):
    profile: str | None = None
    disable: tuple[str, ...] = ()


class Drawing(NamedTuple):
    """How the file asks to be drawn (the command line can override the first two)."""

    direction: str = "LR"
    """'LR' (left to right) or 'TB' (top to bottom, aim on top)."""
    ideas_column: str = "auto"
    """'auto', 'last' or 'beside': where change ideas go (docs/layout.md)."""
    headings: tuple[tuple[str, str], ...] = ()
    """Renamed column headings: (key, text), keys as in the file ('change_ideas')."""

    def heading(self, key: str, default: str) -> str:
        return dict(self.headings).get(key, default)


@dataclass(frozen=True)
class Diagram:
    """A valid, normalised driver diagram."""

    path: str
    meta: Metadata
    aim: AimDetail
    aim_key: str
    nodes: Mapping[str, Node]
    """All nodes, keyed by ``Node.key``, in reading order (depth first)."""
    links: tuple[Link, ...]
    measures: tuple[Measure, ...] = ()
    theory: Theory | None = None
    glossary: tuple[tuple[str, str], ...] = ()
    lint: LintConfig = field(default_factory=LintConfig)
    drawing: Drawing = field(default_factory=Drawing)

    @property
    def title(self) -> str:
        return self.meta.title

    def node(self, key: str) -> Node:
        return self.nodes[key]

    @property
    def aim_node(self) -> Node:
        return self.nodes[self.aim_key]

    @cached_property
    def _by_tier(self) -> dict[Tier, tuple[Node, ...]]:
        groups: dict[Tier, list[Node]] = {tier: [] for tier in Tier}
        for node in self.nodes.values():
            groups[node.tier].append(node)
        return {tier: tuple(nodes) for tier, nodes in groups.items()}

    def tier(self, tier: Tier) -> tuple[Node, ...]:
        """The nodes of one column, in reading order."""
        return self._by_tier[tier]

    @cached_property
    def _links_from(self) -> dict[str, tuple[Link, ...]]:
        return _group((link.source, link) for link in self.links)

    @cached_property
    def _links_to(self) -> dict[str, tuple[Link, ...]]:
        return _group((link.target, link) for link in self.links)

    @property
    def sources(self) -> KeysView[str]:
        """The keys of the nodes that support something (where links start)."""
        return self._links_from.keys()

    @property
    def targets(self) -> KeysView[str]:
        """The keys of the nodes that something supports (where links end)."""
        return self._links_to.keys()

    def links_from(self, key: str) -> tuple[Link, ...]:
        """What ``key`` supports (its structural parent first, then references)."""
        return self._links_from.get(key, ())

    def links_to(self, key: str) -> tuple[Link, ...]:
        """What supports ``key``."""
        return self._links_to.get(key, ())

    @cached_property
    def _measures_for(self) -> dict[str, tuple[Measure, ...]]:
        return _group((key, measure) for measure in self.measures for key in measure.tracks)

    def measures_for(self, key: str) -> tuple[Measure, ...]:
        return self._measures_for.get(key, ())

    def children(self, key: str, tier: Tier | None = None) -> tuple[Node, ...]:
        """Structural children of ``key`` (optionally of one tier), in order."""
        kids = (self.nodes[k] for k in self.nodes[key].children)
        return tuple(n for n in kids if tier is None or n.tier is tier)

    def supporters(self, key: str, tier: Tier | None = None) -> tuple[Node, ...]:
        """Every node that supports ``key`` (nested or by reference), in link order."""
        nodes = (self.nodes[link.source] for link in self.links_to(key))
        return tuple(n for n in nodes if tier is None or n.tier is tier)

    def cross_links(self) -> tuple[Link, ...]:
        """The by-reference links: the ones a tree drawing would lose."""
        return tuple(link for link in self.links if not link.structural)

    @cached_property
    def counts(self) -> dict[Tier, int]:
        return {tier: len(nodes) for tier, nodes in self._by_tier.items()}

    @property
    def max_tier(self) -> Tier:
        """The deepest driver tier present (PRIMARY, SECONDARY or TERTIARY)."""
        for tier in (Tier.TERTIARY, Tier.SECONDARY):
            if self.counts[tier]:
                return tier
        return Tier.PRIMARY

    def glossary_dict(self) -> dict[str, str]:
        return dict(self.glossary)


def _group(pairs: Iterable[tuple[str, T]]) -> dict[str, tuple[T, ...]]:
    """The values of ``pairs`` grouped by key, in order."""
    groups: dict[str, list[T]] = {}
    for key, value in pairs:
        groups.setdefault(key, []).append(value)
    return {key: tuple(values) for key, values in groups.items()}
