"""The normalised driver diagram: the one model every output reads.

The file format (``model.py``) is optimised for writing: nesting, shorthand,
references. This is optimised for reading: a flat, ordered graph of nodes with
their tier, stable key, hierarchical number and structural parent, plus every
link (nested and by reference) as an explicit edge. Renderers never see YAML.

The value types (Node, Link, Measure, …) are NamedTuples rather than frozen
dataclasses: as immutable and hashable, built several times faster (a large
diagram makes one per box), and their classes cost a tenth as much to create at
start-up, which every ``impact validate`` in a pre-commit hook pays.

Numbering: primary drivers 1, 2, …; secondary drivers 1.1, 1.2; tertiary 1.1.1.
Change ideas get codes C1, C2, … in reading order rather than path numbers,
because one change idea can support several drivers, so a path number would be
ambiguous and would change whenever the file is reordered. Measures are M1, M2.
"""

from __future__ import annotations

import enum
from collections.abc import KeysView, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from .diagnostics import Span


class Tier(enum.IntEnum):
    """A column of the diagram, left (aim) to right (change ideas)."""

    AIM = 0
    PRIMARY = 1
    SECONDARY = 2
    TERTIARY = 3
    CHANGE_IDEA = 4

    @property
    def label(self) -> str:
        return _LABELS[self][0]

    @property
    def plural(self) -> str:
        return _LABELS[self][1]

    @property
    def heading(self) -> str:
        """Column heading, e.g. 'Primary drivers'."""
        return _LABELS[self][1].capitalize() if self is not Tier.AIM else "Aim"

    @property
    def is_driver(self) -> bool:
        return Tier.PRIMARY <= self <= Tier.TERTIARY


_LABELS = {
    Tier.AIM: ("aim", "aims"),
    Tier.PRIMARY: ("primary driver", "primary drivers"),
    Tier.SECONDARY: ("secondary driver", "secondary drivers"),
    Tier.TERTIARY: ("tertiary driver", "tertiary drivers"),
    Tier.CHANGE_IDEA: ("change idea", "change ideas"),
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
    # Most text is one clean line already: two scans recognise that without splitting
    # it into words. isprintable() is False for every whitespace character but the
    # space, so the test holds exactly when the line below would return ``text`` (but
    # for no text at all, which the line below returns as it is too).
    if text and "  " not in text and text.isprintable() and text[0] != " " and text[-1] != " ":
        return text
    # str.split() with no argument splits on exactly the characters the regex ``\s``
    # matches in a str pattern (both use Unicode isspace) and drops the ends, so this
    # equals ``re.sub(r"\s+", " ", text).strip()``, several times faster.
    return " ".join(text.split())


class Node(NamedTuple):
    """A box in the diagram: the aim, a driver or a change idea."""

    key: str
    """Unique key: the declared ``id``, or one generated from the number."""
    declared_id: str | None
    tier: Tier
    number: str
    """'1', '1.2', '1.2.3' for drivers, 'C4' for change ideas, '' for the aim."""
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
    pdsa_dated: tuple[tuple[str, str], ...] = ()
    """The PDSA cycles written with a period: (period as written, note)."""

    @property
    def display_number(self) -> str:
        return self.number

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
        index: dict[str, list[Link]] = {}
        for link in self.links:
            index.setdefault(link.source, []).append(link)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def _links_to(self) -> dict[str, tuple[Link, ...]]:
        index: dict[str, list[Link]] = {}
        for link in self.links:
            index.setdefault(link.target, []).append(link)
        return {k: tuple(v) for k, v in index.items()}

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
        index: dict[str, list[Measure]] = {}
        for measure in self.measures:
            for key in measure.tracks:
                index.setdefault(key, []).append(measure)
        return {k: tuple(v) for k, v in index.items()}

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
