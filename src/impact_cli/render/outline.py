"""The diagram as a numbered text outline (format ``txt``).

Two versions, both generated from the normalised :class:`~impact_cli.diagram.Diagram`:

* the plain outline (default), for people reading a terminal or a text file:
  title, aim, every driver numbered 1, 1.2, 1.2.3 with its description, change
  ideas C1… with their status, extra and weak links, measures, theory of change,
  glossary and details, indented and wrapped at a fixed width;
* the accessible outline (``RenderOptions.accessible``), the text alternative to
  the drawing, written to be heard (accessibility guide A4): one item per line,
  full sentences, no symbols or drawing characters, every item saying where it
  sits, every many-to-many and weak link stated from both ends and again in a
  final list of links, glossary abbreviations expanded at first use.

Both are deterministic: the same diagram always gives the same bytes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..diagram import Tier
from .textwords import (
    Glossary,
    about_rows,
    capitalise,
    clean,
    diagram_counts,
    join_and,
    measure_type_words,
    numbering_sentences,
    plural,
    priority_words,
    ref,
    sentence,
    status_and_priority,
    status_words,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram, Link, Measure, Node
    from . import RenderOptions

WIDTH = 88
"""Plain outline line width (fixed, so the output never depends on the terminal)."""


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "txt") -> bytes:
    if options.accessible:
        return accessible_outline(diagram, options).encode("utf-8")
    return plain_outline(diagram, options).encode("utf-8")


# -- shared walk ------------------------------------------------------------------------


def listed_under(diagram: Diagram, target: Node) -> list[tuple[Node, Link]]:
    """What is listed under ``target``: drivers, then change ideas, each tier in order.

    Within a tier, the items written under ``target`` come first (in file order),
    then the items written elsewhere that also support it (in link order).
    """
    links = diagram.links_to(target.key)
    structural = {link.source: link for link in links if link.structural}
    entries = [(diagram.node(key), structural[key]) for key in target.children]
    entries += [(diagram.node(link.source), link) for link in links if not link.structural]
    return sorted(entries, key=lambda entry: entry[0].tier)  # stable: keeps order in a tier


def unlinked_ideas(diagram: Diagram) -> list[Node]:
    return [n for n in diagram.tier(Tier.CHANGE_IDEA) if n.parent is None]


def home_link(diagram: Diagram, node: Node) -> Link | None:
    return next((link for link in diagram.links_from(node.key) if link.structural), None)


def extra_links(diagram: Diagram, node: Node) -> list[Link]:
    return [link for link in diagram.links_from(node.key) if not link.structural]


def tier_counts(entries: list[tuple[Node, Link]]) -> dict[Tier, int]:
    counts: dict[Tier, int] = {}
    for node, _ in entries:
        counts[node.tier] = counts.get(node.tier, 0) + 1
    return counts


def has_phrase(entries: list[tuple[Node, Link]]) -> str:
    """'3 secondary drivers and 1 change idea'."""
    counts = tier_counts(entries)
    return join_and([plural(n, tier.label, tier.plural) for tier, n in counts.items()])


def has_weak_links(diagram: Diagram) -> bool:
    return any(link.weak for link in diagram.links)


# -- accessible -------------------------------------------------------------------------


class _Accessible:
    """Builds the accessible outline line by line, in reading order."""

    def __init__(self, diagram: Diagram, options: RenderOptions) -> None:
        self.d = diagram
        self.options = options
        self.glossary = Glossary(diagram.glossary)
        self.lines: list[str] = []

    # user text, with glossary abbreviations expanded at first use (call in reading order)
    def t(self, text: str) -> str:
        return self.glossary.expand(clean(text))

    def say(self, *parts: str | None, depth: int = 0) -> None:
        line = " ".join(p for p in parts if p)
        self.lines.append("  " * depth + line)

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def titled(self, node: Node) -> str:
        return f"{ref(node)}: {self.t(node.title)}" if node.tier is not Tier.AIM else "the aim"

    def render(self) -> str:
        d = self.d
        self.opening()
        if self.options.show_theory and d.theory and any(v for _, v in d.theory.parts):
            self.blank()
            self.say("Theory of change.")
            for label, value in d.theory.parts:
                if value:
                    self.say(sentence(f"{label}: {self.t(value)}"))
        self.blank()
        self.aim()
        self.blank()
        self.drivers()
        self.blank()
        self.links()
        if self.options.show_measures and d.measures:
            self.blank()
            self.measures()
        if d.glossary:
            self.blank()
            self.say("Glossary.")
            for term, expansion in d.glossary:
                self.say(sentence(f"{clean(term)}: {clean(expansion)}"))
        self.about()
        self.blank()
        self.say("End of text version.")
        return "\n".join(self.lines) + "\n"

    def opening(self) -> None:
        d = self.d
        meta = d.meta
        self.say(
            sentence(f"Driver diagram: {self.t(meta.title)}"),
            sentence(self.t(meta.subtitle)) if meta.subtitle else None,
        )
        if meta.summary:
            self.say(sentence(f"Summary: {self.t(meta.summary)}"))
        measures = len(d.measures) if self.options.show_measures else 0
        self.say(
            "This is the text version of the driver diagram.",
            f"It has {diagram_counts(d)}.",
            f"It also has {plural(measures, 'measure')}." if measures else None,
        )
        self.say("How to read the numbers.", *numbering_sentences_for(d, measures))
        sections = []
        if self.options.show_theory and d.theory:
            sections.append("the theory of change")
        sections += ["the aim", "each primary driver with what is listed under it", "the links"]
        if measures:
            sections.append("the measures")
        if d.glossary:
            sections.append("a glossary")
        if _about(d):
            sections.append("details about the diagram")
        self.say(
            "Each item says where it sits, for example: Secondary driver 2.1 (1 of 3 under "
            "primary driver 2).",
            "An item that supports more than one driver is written in full once, and named "
            "again under each other driver it supports.",
            "Weak links, where the team is less sure of the effect, are stated as weak."
            if has_weak_links(d)
            else None,
            f"The text gives {join_and(sections)}.",
        )

    def aim(self) -> None:
        d = self.d
        aim = d.aim
        self.say(sentence(f"Aim: {self.t(aim.statement)}"))
        for label, value in (
            ("Baseline", aim.baseline),
            ("Target", aim.target),
            ("By when", aim.deadline),
            ("For whom", aim.population),
            ("About the aim", aim.description),
        ):
            if value:
                self.say(sentence(f"{label}: {self.t(value)}"))
        tracked = self.tracked_by(d.aim_node)
        if tracked:
            self.say(f"The aim is {tracked[0].lower()}{tracked[1:]}")

    def tracked_by(self, node: Node) -> str:
        if not self.options.show_measures:
            return ""
        measures = self.d.measures_for(node.key)
        if not measures:
            return ""
        names = [f"measure {m.number}: {self.t(m.name)}" for m in measures]
        return sentence(f"Tracked by {join_and(names)}")

    def drivers(self) -> None:
        d = self.d
        primaries = d.tier(Tier.PRIMARY)
        self.say(
            f"Drivers and change ideas. There {'is' if len(primaries) == 1 else 'are'} "
            f"{plural(len(primaries), 'primary driver')}."
        )
        for i, node in enumerate(primaries, 1):
            self.blank()
            entries = listed_under(d, node)
            link = home_link(d, node)
            self.say(
                sentence(f"Primary driver {i} of {len(primaries)}: {self.t(node.title)}"),
                f"It has {has_phrase(entries)}." if entries else "Nothing is listed under it.",
                self.link_words(link, "the aim"),
                sentence(f"Description: {self.t(node.description)}") if node.description else None,
                self.tracked_by(node),
            )
            self.children(node, entries, 1)
        orphans = unlinked_ideas(d)
        if orphans:
            self.blank()
            self.say(
                f"Change ideas not linked to any driver. There "
                f"{'is' if len(orphans) == 1 else 'are'} {len(orphans)}."
            )
            for k, idea in enumerate(orphans, 1):
                self.say(
                    sentence(
                        f"Change idea {idea.number} ({k} of {len(orphans)} not linked to any "
                        f"driver): {self.t(idea.title)}"
                    ),
                    *self.idea_details(idea),
                )

    def link_words(self, link: Link | None, target: str) -> str | None:
        if link is None or not (link.weak or link.note):
            return None
        words = f"Its link to {target} is weak." if link.weak else ""
        if link.note:
            words += " " + sentence(f"Note on this link: {self.t(link.note)}")
        return words.strip()

    def children(self, target: Node, entries: list[tuple[Node, Link]], depth: int) -> None:
        counts = tier_counts(entries)
        seen: dict[Tier, int] = {}
        for node, link in entries:
            k = seen[node.tier] = seen.get(node.tier, 0) + 1
            where = f"({k} of {counts[node.tier]} under {ref(target)})"
            head = sentence(f"{capitalise(ref(node))} {where}: {self.t(node.title)}")
            if not link.structural:
                home = self.d.node(node.parent) if node.parent else None
                self.say(
                    head,
                    f"Described under {ref(home)}." if home else None,
                    "This link is weak." if link.weak else None,
                    sentence(f"Note on this link: {self.t(link.note)}") if link.note else None,
                    depth=depth,
                )
                continue
            if node.tier is Tier.CHANGE_IDEA:
                self.say(
                    head,
                    self.link_words(link, ref(target)),
                    *self.idea_details(node),
                    depth=depth,
                )
                continue
            below = listed_under(self.d, node)
            self.say(
                head,
                f"It has {has_phrase(below)}." if below else None,
                self.link_words(link, ref(target)),
                sentence(f"Description: {self.t(node.description)}") if node.description else None,
                *self.also_supports(node),
                self.tracked_by(node),
                depth=depth,
            )
            self.children(node, below, depth + 1)

    def idea_details(self, node: Node) -> Iterator[str]:
        status = status_words(node.status)
        if status:
            yield f"Status: {status}."
        priority = priority_words(node.priority)
        if priority:
            yield sentence(capitalise(priority))
        if node.description:
            yield sentence(f"Description: {self.t(node.description)}")
        if node.owner:
            yield sentence(f"Owner: {self.t(node.owner)}")
        if node.pdsa:
            cycles = "; ".join(self.t(p) for p in node.pdsa)
            yield sentence(f"Tests so far: {cycles}")
        if node.learning:
            yield sentence(f"Learning: {self.t(node.learning)}")
        yield from self.also_supports(node)
        tracked = self.tracked_by(node)
        if tracked:
            yield tracked

    def also_supports(self, node: Node) -> Iterator[str]:
        for link in extra_links(self.d, node):
            yield sentence(f"Also supports {self.titled(self.d.node(link.target))}")
            if link.weak:
                yield "This link is weak."
            if link.note:
                yield sentence(f"Note on this link: {self.t(link.note)}")

    def links(self) -> None:
        d = self.d
        self.say("Links.")
        listed = [
            node
            for node in d.nodes.values()
            if node.tier is not Tier.AIM
            and (
                node.tier is Tier.CHANGE_IDEA
                or len(d.links_from(node.key)) > 1
                or any(link.weak for link in d.links_from(node.key))
            )
        ]
        if not listed:
            self.say(
                "Every driver supports only the driver or aim it is listed under, and every "
                "link is strong."
            )
            return
        for node in listed:
            links = d.links_from(node.key)
            if not links:
                self.say(
                    sentence(f"Links from {ref(node)}: {self.t(node.title)}"),
                    "It is not linked to any driver.",
                )
                continue
            targets = []
            for link in links:
                target = d.node(link.target)
                words = (
                    "the aim"
                    if target.tier is Tier.AIM
                    else f"{ref(target)}, {self.t(target.title)}"
                )
                targets.append(words + (" (weak link)" if link.weak else ""))
            self.say(
                sentence(f"Links from {ref(node)}: {self.t(node.title)}"),
                sentence(f"It supports {plural(len(links), 'driver')}: {'; '.join(targets)}")
                if len(links) > 1
                else sentence(f"It supports {targets[0]}"),
            )

    def measures(self) -> None:
        d = self.d
        ms = d.measures
        by_type: dict[str, int] = {}
        for m in ms:
            by_type[m.type] = by_type.get(m.type, 0) + 1
        kinds = join_and([plural(n, measure_type_words(t)) for t, n in by_type.items()])
        self.say(
            "Measures.",
            f"There {'is' if len(ms) == 1 else 'are'} {plural(len(ms), 'measure')}: {kinds}.",
        )
        for m in ms:
            self.say(
                sentence(f"Measure {m.number} of {len(ms)}: {self.t(m.name)}"),
                sentence(f"Type: {measure_type_words(m.type)}"),
                self.tracks(m),
                *(
                    sentence(f"{label}: {self.t(value)}")
                    for label, value in (
                        ("Definition", m.definition),
                        ("Target", m.target),
                        ("Frequency", m.frequency),
                        ("Data source", m.data_source),
                    )
                    if value
                ),
            )

    def tracks(self, m: Measure) -> str | None:
        nodes = [self.d.nodes[k] for k in m.tracks if k in self.d.nodes]
        if not nodes:
            return None
        return sentence(f"It tracks {'; '.join(self.titled(n) for n in nodes)}")

    def about(self) -> None:
        rows = _about(self.d)
        if not rows:
            return
        self.blank()
        self.say("About this diagram.")
        for label, value, expand in rows:
            self.say(sentence(f"{label}: {self.t(value) if expand else clean(value)}"))


def numbering_sentences_for(diagram: Diagram, measures: int) -> list[str]:
    sentences = numbering_sentences(diagram)
    if not measures:
        sentences = [s for s in sentences if not s.startswith("Measures have")]
    return sentences


def _about(diagram: Diagram) -> list[tuple[str, str, bool]]:
    # a source (a URL or citation) is quoted as written: glossary terms are not expanded
    return [(label, value, label != "Source") for label, value in about_rows(diagram.meta)]


def accessible_outline(diagram: Diagram, options: RenderOptions) -> str:
    """The text alternative, written to be heard (see the module docstring)."""
    return _Accessible(diagram, options).render()


# -- plain ------------------------------------------------------------------------------


class _Plain:
    def __init__(self, diagram: Diagram, options: RenderOptions) -> None:
        self.d = diagram
        self.options = options
        self.lines: list[str] = []

    def wrap(self, text: str, indent: str, hanging: str | None = None) -> None:
        self.lines.extend(
            textwrap.wrap(
                clean(text),
                WIDTH,
                initial_indent=indent,
                subsequent_indent=indent if hanging is None else hanging,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [indent.rstrip()]
        )

    def heading(self, text: str, underline: str = "-") -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")
        start = len(self.lines)
        self.wrap(text, "")
        width = max(len(line) for line in self.lines[start:])
        self.lines.append(underline * min(WIDTH, max(3, width)))

    def field(self, label: str, value: str | None, indent: str) -> None:
        if value:
            self.wrap(f"{label}: {value}", indent, indent + "  ")

    def render(self) -> str:
        d = self.d
        meta = d.meta
        self.heading(meta.title, "=")
        if meta.subtitle:
            self.wrap(meta.subtitle, "")
        if meta.summary:
            self.lines.append("")
            self.wrap(meta.summary, "")
        self.heading("Aim")
        self.wrap(d.aim.statement, "")
        for label, value in (
            ("Baseline", d.aim.baseline),
            ("Target", d.aim.target),
            ("By when", d.aim.deadline),
            ("For whom", d.aim.population),
            ("About the aim", d.aim.description),
        ):
            self.field(label, value, "  ")
        self.field("Measured by", self.measured_by(d.aim_node), "  ")
        self.drivers()
        if self.options.show_measures and d.measures:
            self.measures()
        if self.options.show_theory and d.theory and any(v for _, v in d.theory.parts):
            self.heading("Theory of change")
            for label, value in d.theory.parts:
                if value:
                    self.wrap(f"{label}: {value}", "", " " * (len(label) + 2))
        if d.glossary:
            self.heading("Glossary")
            for term, expansion in d.glossary:
                self.wrap(f"{term}: {expansion}", "", "    ")
        rows = _about(d)
        if rows:
            self.heading("About this diagram")
            for label, value, _ in rows:
                self.field(label, value, "")
        return "\n".join(self.lines) + "\n"

    def measured_by(self, node: Node) -> str | None:
        if not self.options.show_measures:
            return None
        ms = self.d.measures_for(node.key)
        return "; ".join(f"{m.number} {clean(m.name)}" for m in ms) or None

    def drivers(self) -> None:
        d = self.d
        self.heading("Drivers and change ideas")
        ideas = (
            "; change ideas have codes C1, C2 and so on, because one idea can support several "
            "drivers"
            if d.counts[Tier.CHANGE_IDEA]
            else ""
        )
        self.wrap(
            f"{capitalise(diagram_counts(d))}. Drivers are numbered 1, 1.1, 1.1.1 by their "
            f"place in the diagram{ideas}.",
            "",
        )
        for node in d.tier(Tier.PRIMARY):
            self.lines.append("")
            self.node(node, home_link(d, node), "")
        orphans = unlinked_ideas(d)
        if orphans:
            self.heading("Change ideas not linked to any driver")
            for idea in orphans:
                self.node(idea, None, "")

    def node(self, node: Node, link: Link | None, indent: str) -> None:
        d = self.d
        label = node.number
        inner = indent + " " * (len(label) + 1)
        self.wrap(f"{label} {node.title}", indent, inner)
        if node.tier is Tier.CHANGE_IDEA:
            words = [f"{label.lower()}: {value}" for label, value in status_and_priority(node)]
            if words:
                self.wrap(capitalise("; ".join(words)), inner)
        if node.description:
            self.wrap(node.description, inner)
        if link is not None and link.weak:
            target = d.node(link.target)
            to = "the aim" if target.tier is Tier.AIM else f"{target.number} {target.title}"
            self.wrap(f"Weak link to {to}", inner)
        if link is not None and link.note:
            self.field("Note on this link", link.note, inner)
        self.field("Owner", node.owner, inner)
        if node.pdsa:
            self.field("PDSA cycles", "; ".join(clean(p) for p in node.pdsa), inner)
        self.field("Learning", node.learning, inner)
        for extra in extra_links(d, node):
            target = d.node(extra.target)
            weak = " (weak link)" if extra.weak else ""
            self.wrap(f"Also supports: {target.number} {target.title}{weak}", inner, inner + "  ")
            if extra.note:
                self.field("Note on this link", extra.note, inner + "  ")
        self.field("Measured by", self.measured_by(node), inner)
        for child, child_link in listed_under(d, node):
            if child_link.structural:
                self.node(child, child_link, inner)
                continue
            home = d.node(child.parent) if child.parent else None
            where = f"described under {home.number}" if home else "described elsewhere"
            weak = "; weak link" if child_link.weak else ""
            self.wrap(
                f"{child.number} {child.title} ({where}{weak})",
                inner,
                inner + " " * (len(child.number) + 1),
            )

    def measures(self) -> None:
        d = self.d
        self.heading("Measures")
        for m in d.measures:
            inner = " " * (len(m.number) + 1)
            self.wrap(f"{m.number} {m.name}", "", inner)
            self.field("Type", m.type, inner)
            tracked = [d.nodes[k] for k in m.tracks if k in d.nodes]
            self.field(
                "Tracks",
                "; ".join(
                    "the aim" if n.tier is Tier.AIM else f"{n.number} {clean(n.title)}"
                    for n in tracked
                ),
                inner,
            )
            self.field("Definition", m.definition, inner)
            self.field("Target", m.target, inner)
            self.field("Frequency", m.frequency, inner)
            self.field("Data source", m.data_source, inner)


def plain_outline(diagram: Diagram, options: RenderOptions) -> str:
    """The readable, indented outline (see the module docstring)."""
    return _Plain(diagram, options).render()
