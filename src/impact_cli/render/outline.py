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

from typing import TYPE_CHECKING

from ..diagram import Tier
from .textwords import (
    PRIORITY_WORDS,
    STATUS_WORDS,
    Glossary,
    about_rows,
    aim_rows,
    capitalise,
    clean,
    diagram_counts,
    end_sentence,
    join_and,
    labelled_sentence,
    measure_type_words,
    numbering_sentences,
    plural,
    priority_words,
    ref,
    sentence,
    status_and_priority,
)

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    from ..diagram import Diagram, Link, Measure, Node
    from . import RenderOptions

WIDTH = 88
"""Plain outline line width (fixed, so the output never depends on the terminal)."""


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "txt") -> bytes:
    if options.accessible:
        return accessible_outline(diagram, options).encode("utf-8")
    return plain_outline(diagram, options).encode("utf-8")


# -- shared walk ------------------------------------------------------------------------


def listed_by_tier(diagram: Diagram, target: Node) -> list[list[tuple[Node, Link]]]:
    """What is listed under ``target``, one list per tier: drivers, then change ideas.

    Within a tier, the items written under ``target`` come first (in file order),
    then the items written elsewhere that also support it (in link order).
    """
    links = diagram.links_to(target.key)
    if not links:
        return []  # every change idea, for one
    nodes = diagram.nodes
    home: dict[str, Link] = {}  # the items written under target, with their links
    by_reference: list[Link] = []
    for link in links:
        if link.structural:
            home[link.source] = link
        else:
            by_reference.append(link)
    entries = [(nodes[key], home[key]) for key in target.children]
    entries += [(nodes[link.source], link) for link in by_reference]
    # One pass into a list per tier keeps file and link order within each; only the
    # few tiers are sorted. (The outlines want the groups and their sizes.)
    by_tier: dict[Tier, list[tuple[Node, Link]]] = {}
    for entry in entries:
        by_tier.setdefault(entry[0].tier, []).append(entry)
    return [by_tier[tier] for tier in sorted(by_tier)]


def listed_under(diagram: Diagram, target: Node) -> list[tuple[Node, Link]]:
    """What is listed under ``target``: drivers, then change ideas, each tier in order.

    :func:`listed_by_tier` as one list.
    """
    groups = listed_by_tier(diagram, target)
    if len(groups) == 1:
        return groups[0]  # one tier (often): no copy
    return [entry for group in groups for entry in group]


def unlinked_ideas(diagram: Diagram) -> list[Node]:
    return [n for n in diagram.tier(Tier.CHANGE_IDEA) if n.parent is None]


def home_link(diagram: Diagram, node: Node) -> Link | None:
    return next((link for link in diagram.links_from(node.key) if link.structural), None)


def extra_links(diagram: Diagram, node: Node) -> list[Link]:
    return [link for link in diagram.links_from(node.key) if not link.structural]


def has_phrase(groups: list[list[tuple[Node, Link]]]) -> str:
    """'3 secondary drivers and 1 change idea', from :func:`listed_by_tier`."""
    return join_and([plural(len(group), *_TIER_NAMES[group[0][0].tier]) for group in groups])


def has_weak_links(diagram: Diagram) -> bool:
    return any(link.weak for link in diagram.links)


# Module-level aliases: attribute look-ups on an Enum class cost more than a global,
# and the walks below test tiers for every node.
_AIM = Tier.AIM
_CHANGE_IDEA = Tier.CHANGE_IDEA
# ``link.strength == _WEAK`` is ``link.weak`` without a property call, for the loops
# that ask it of every item and link.
_WEAK = "weak"
# Tier.label and Tier.plural are properties: look the words up in a dict instead.
_TIER_NAMES: dict[Tier, tuple[str, str]] = {tier: (tier.label, tier.plural) for tier in Tier}
# A change idea's status and priority as the sentences the outline says, for the
# values the schema allows (others are worded when met).
_STATUS_SENTENCES = {status: f"Status: {words}." for status, words in STATUS_WORDS.items()}
_PRIORITY_SENTENCES = {
    priority: sentence(capitalise(words)) for priority, words in PRIORITY_WORDS.items()
}


# -- accessible -------------------------------------------------------------------------


class _Accessible:
    """Builds the accessible outline line by line, in reading order."""

    def __init__(self, diagram: Diagram, options: RenderOptions) -> None:
        self.d = diagram
        self.options = options
        self.glossary = Glossary(diagram.glossary)
        self.lines: list[str] = []
        # How the text names each node, ref(node): 'secondary driver 2.1'. A driver is
        # named several times (its own line, under each other driver it supports, as
        # what its items support), so the names are made once.
        self.refs = {key: ref(node) for key, node in diagram.nodes.items()}
        # capitalise(ref(node)) for an item at the start of its line is this prefix and
        # its number: 'Secondary driver ' + '2.1'. (Never the aim: it supports nothing.)
        self.line_starts = {
            tier: capitalise(label) + " " for tier, (label, _) in _TIER_NAMES.items()
        }
        # User text, cleaned, with glossary terms expanded at first use (so call these in
        # reading order):
        #   t(text):            the text
        #   said(label, text):  the sentence 'Label: text.'
        #   title(key):         the title of node ``key``
        #   title_end(key):     ': Title.', the end of a line that names a node, then
        #                       gives its title
        # Until every term has been used they go through the glossary; after that (or
        # with no glossary) expansion cannot change any text, and they become plain
        # functions and dict look-ups: see _plain_text().
        self.t: Callable[[str], str] = self._expanding_t
        self.said: Callable[[str, str], str] = self._expanding_said
        self.title: Callable[[str], str] = self._expanding_title
        self.title_end: Callable[[str], str] = self._expanding_title_end
        # Every title is given several times (its item's line, under each other driver
        # it supports, the list of links): clean them, and make the endings, once.
        nodes = diagram.nodes.items()
        self.titles = titles = {key: clean(node.title) for key, node in nodes}
        self.title_ends = _title_ends(titles)
        if not self.glossary.pending:
            self._plain_text()
        self.show_measures = options.show_measures
        self.measures_for = diagram.measures_for
        self.links_from = diagram.links_from
        # Most nodes have no measure and support only their home: know which do, so the
        # walk skips the look-ups for the rest.
        self.tracked = {key for m in diagram.measures for key in m.tracks}
        self.supports_more = {link.source for link in diagram.links if not link.structural}

    def _plain_text(self) -> None:
        """Expansion is over: switch t(), said(), title() and title_end() to plain text."""
        self.t = clean
        self.said = labelled_sentence
        self.title = self.titles.__getitem__
        self.title_end = self.title_ends.__getitem__

    def _expanding_t(self, text: str) -> str:
        return self._expand(clean(text))

    def _expanding_said(self, label: str, text: str) -> str:
        return end_sentence(f"{label}: {self._expand(clean(text))}")

    def _expanding_title(self, key: str) -> str:
        return self._expand(self.titles[key])

    def _expanding_title_end(self, key: str) -> str:
        title = self.titles[key]
        if not self.glossary.may_expand(title):
            return self.title_ends[key]  # most titles, even before every term is used
        # end_sentence(f"{words}: {title}") is words + end_sentence(f": {title}") when
        # the words are clean: the callers put their own words in front.
        return end_sentence(f": {self._expand(title)}")

    def _expand(self, text: str) -> str:
        """Glossary expansion of clean ``text`` (in reading order: it records first uses)."""
        glossary = self.glossary
        if not glossary.may_expand(text):
            return text  # as expand() would, and nothing is recorded
        text = glossary.expand(text)
        if not glossary.pending:  # every term used: see __init__
            self._plain_text()
        return text

    def final_title(self, key: str) -> bool:
        """Whether expansion can no longer change the title of node ``key``.

        Once a title has no term still to be expanded it never will have: so words made
        from it can be kept and used again.
        """
        glossary = self.glossary
        return not glossary.pending or not glossary.may_expand(self.titles[key])

    def say(self, *parts: str | None, depth: int = 0) -> None:
        line = " ".join(filter(None, parts))  # skips None and ""
        self.lines.append("  " * depth + line if depth else line)

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def titled(self, node: Node) -> str:
        if node.tier is _AIM:
            return "the aim"
        return f"{ref(node)}: {self.title(node.key)}"

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
        self.lines.append("")  # the final newline, without copying the whole text again
        return "\n".join(self.lines)

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
        for label, value in aim_rows(aim):
            self.say(sentence(f"{label}: {self.t(value)}"))
        tracked = self.tracked_by(d.aim_node)
        if tracked:
            self.say(f"The aim is {tracked[0].lower()}{tracked[1:]}")

    def tracked_by(self, node: Node) -> str:
        if not self.show_measures:
            return ""
        measures = self.measures_for(node.key)  # a dict look-up: usually empty
        if not measures:
            return ""
        names = [f"measure {m.number}: {self.t(m.name)}" for m in measures]
        return end_sentence(f"Tracked by {join_and(names)}")

    def drivers(self) -> None:
        d = self.d
        primaries = d.tier(Tier.PRIMARY)
        self.say(
            f"Drivers and change ideas. There {'is' if len(primaries) == 1 else 'are'} "
            f"{plural(len(primaries), 'primary driver')}."
        )
        for i, node in enumerate(primaries, 1):
            self.blank()
            groups = listed_by_tier(d, node)
            link = home_link(d, node)
            description = node.description
            self.say(
                f"Primary driver {i} of {len(primaries)}{self.title_end(node.key)}",
                f"It has {has_phrase(groups)}." if groups else "Nothing is listed under it.",
                self.link_words(link, "the aim"),
                self.said("Description", description) if description else None,
                self.tracked_by(node),
            )
            self.children(node, groups, 1)
        orphans = unlinked_ideas(d)
        if orphans:
            self.blank()
            self.say(
                f"Change ideas not linked to any driver. There "
                f"{'is' if len(orphans) == 1 else 'are'} {len(orphans)}."
            )
            for k, idea in enumerate(orphans, 1):
                parts = [
                    f"Change idea {idea.number} ({k} of {len(orphans)} not linked to any "
                    f"driver){self.title_end(idea.key)}"
                ]
                self.idea_details(idea, parts)
                self.say(*parts)

    def link_words(self, link: Link | None, target: str) -> str | None:
        if link is None or not (link.weak or link.note):
            return None
        words = f"Its link to {target} is weak." if link.weak else ""
        if link.note:
            words += " " + self.said("Note on this link", link.note)
        return words.strip()

    def add_link_words(self, link: Link, target: str, parts: list[str]) -> None:
        words = self.link_words(link, target)
        if words:
            parts.append(words)

    def add_tracked_by(self, node: Node, parts: list[str]) -> None:
        words = self.tracked_by(node)  # "" when measures are not shown
        if words:
            parts.append(words)

    def children(self, target: Node, groups: list[list[tuple[Node, Link]]], depth: int) -> None:
        """One line per item listed under ``target`` (``groups``: its listed_by_tier)."""
        # The hot loop of the outline (one pass per node): it builds each line's parts in
        # a list and joins them once, calling out only for what most items lack.
        under = self.refs[target.key]
        indent = "  " * depth
        append = self.lines.append
        for group in groups:
            tier = group[0][0].tier
            start = self.line_starts[tier]
            # '(2 of 3 under primary driver 1)' is the same for the whole tier but the 2
            of_under = f" of {len(group)} under {under})"
            ideas = tier is _CHANGE_IDEA
            for k, (node, link) in enumerate(group, 1):
                key = node.key
                parts = [f"{indent}{start}{node.number} ({k}{of_under}{self.title_end(key)}"]
                below: list[list[tuple[Node, Link]]] = []
                if not link.structural:
                    if node.parent:
                        parts.append(f"Described under {self.refs[node.parent]}.")
                    if link.strength == _WEAK:
                        parts.append("This link is weak.")
                    if link.note:
                        parts.append(self.said("Note on this link", link.note))
                elif ideas:
                    if link.note or link.strength == _WEAK:
                        self.add_link_words(link, under, parts)
                    self.idea_details(node, parts)
                else:
                    below = listed_by_tier(self.d, node)
                    if below:
                        parts.append(f"It has {has_phrase(below)}.")
                    if link.note or link.strength == _WEAK:
                        self.add_link_words(link, under, parts)
                    if node.description:
                        parts.append(self.said("Description", node.description))
                    if key in self.supports_more:
                        self.also_supports(node, parts)
                    if key in self.tracked:
                        self.add_tracked_by(node, parts)
                append(" ".join(parts))  # no part is empty: nothing to filter
                if below:
                    self.children(node, below, depth + 1)

    def idea_details(self, node: Node, parts: list[str]) -> None:
        """Add what is known about a change idea to ``parts``, the sentences of its line."""
        # each field read once: a NamedTuple field is a descriptor call, not a local
        status, priority, description = node.status, node.priority, node.description
        if status:
            parts.append(_STATUS_SENTENCES.get(status) or f"Status: {status}.")
        if priority is not None:
            parts.append(_PRIORITY_SENTENCES.get(priority) or _priority_sentence(priority))
        if description:
            parts.append(self.said("Description", description))
        owner, pdsa, learning, key = node.owner, node.pdsa, node.learning, node.key
        if owner:
            parts.append(self.said("Owner", owner))
        if pdsa:
            cycles = "; ".join(map(self.t, pdsa))
            parts.append(end_sentence(f"Tests so far: {cycles}"))
        if learning:
            parts.append(self.said("Learning", learning))
        if key in self.supports_more:
            self.also_supports(node, parts)
        if key in self.tracked:
            self.add_tracked_by(node, parts)

    def also_supports(self, node: Node, parts: list[str]) -> None:
        """Add the drivers ``node`` supports besides its home to ``parts``."""
        nodes = self.d.nodes
        for link in self.links_from(node.key):
            if link.structural:
                continue
            target = link.target
            if nodes[target].tier is _AIM:
                parts.append("Also supports the aim.")
            else:
                parts.append(f"Also supports {self.refs[target]}{self.title_end(target)}")
            if link.strength == _WEAK:
                parts.append("This link is weak.")
            if link.note:
                parts.append(self.said("Note on this link", link.note))

    def links(self) -> None:
        nodes = self.d.nodes
        refs = self.refs
        links_from = self.links_from
        self.say("Links.")
        start = len(self.lines)
        append = self.lines.append
        # Many items support the same driver, so what is said of a driver as a target is
        # made once: its name, and the whole sentence for an item with one strong link
        # (most change ideas). Kept only once final_title(): until then the same title
        # can be worded differently.
        names: dict[str, str] = {}
        sole_supports: dict[str, str] = {}
        for node in nodes.values():
            tier = node.tier
            if tier is _AIM:
                continue
            key = node.key
            links = links_from(key)
            # a change idea always; a driver with more than one link, or a weak one
            if not (
                tier is _CHANGE_IDEA or len(links) > 1 or (links and links[0].strength == _WEAK)
            ):
                continue
            head = f"Links from {refs[key]}{self.title_end(key)}"
            if not links:
                append(f"{head} It is not linked to any driver.")
                continue
            if len(links) == 1 and links[0].strength != _WEAK:
                target = links[0].target
                supports = sole_supports.get(target)
                if supports is None:
                    # asked first: naming may use a term
                    final = not self.glossary.pending or self.final_title(target)
                    supports = end_sentence(f"It supports {self.target_name(target)}")
                    if final:
                        sole_supports[target] = supports
                append(f"{head} {supports}")
                continue
            targets = []
            for link in links:
                words = names.get(link.target)
                if words is None:
                    final = not self.glossary.pending or self.final_title(link.target)
                    words = self.target_name(link.target)
                    if final:
                        names[link.target] = words
                targets.append(words + " (weak link)" if link.strength == _WEAK else words)
            if len(links) > 1:
                supports = end_sentence(f"It supports {len(links)} drivers: {'; '.join(targets)}")
            else:
                supports = end_sentence(f"It supports {targets[0]}")
            append(f"{head} {supports}")
        if len(self.lines) == start:
            self.say(
                "Every driver supports only the driver or aim it is listed under, and every "
                "link is strong."
            )

    def target_name(self, key: str) -> str:
        """How the list of links names what an item supports: 'the aim', or the driver."""
        if self.d.nodes[key].tier is _AIM:
            return "the aim"
        return f"{self.refs[key]}, {self.title(key)}"

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


def _title_ends(titles: dict[str, str]) -> dict[str, str]:
    """``end_sentence(f": {title}")`` for each clean title, by the same key."""
    return {key: labelled_sentence("", title) for key, title in titles.items()}


def _priority_sentence(priority: str) -> str:
    """'High priority.' (from the priority as written, e.g. 'high')."""
    return sentence(capitalise(priority_words(priority) or ""))


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


def wrap_clean(text: str, indent: str, hanging: str, width: int = WIDTH) -> list[str]:
    """The lines of ``textwrap.wrap`` for clean, non-empty ``text``, several times faster.

    The same lines as ``textwrap.wrap(text, width, initial_indent=indent,
    subsequent_indent=hanging, break_long_words=False, break_on_hyphens=False)`` when
    ``text`` is clean (see ``clean``: words separated by single spaces, nothing else
    that is whitespace). Then textwrap's chunks are just the words and the spaces
    between them, and it fills each line greedily: a word joins the line if the line
    stays within the width, a word longer than the width goes on a line of its own
    (never broken), and the space where a line breaks is dropped. This does the same
    without textwrap's general machinery (regex splitting, whitespace munging, chunk
    lists), which made it the cost of the plain outline.

    In clean text a line of whole words ends just before a space, so the greedy line
    is the text up to the last space that leaves it within the width: ``rfind`` finds
    it, one search per line rather than a step per word.
    """
    lines: list[str] = []
    prefix = indent
    room = width - len(indent)
    start = 0  # where the rest of the text begins
    while len(text) - start > room:  # the rest does not fit on this line
        # the last space that keeps the line within the room (none if room < 0)
        cut = text.rfind(" ", start, start + room + 1) if room >= 0 else -1
        if cut == -1:  # the first word is longer than the line: it goes on its own
            cut = text.find(" ", start)
            if cut == -1:
                break  # and it is the last word
        lines.append(prefix + text[start:cut])
        start = cut + 1  # the space where the line breaks is dropped
        prefix = hanging
        room = width - len(hanging)
    lines.append(prefix + text[start:])
    return lines


class _Plain:
    def __init__(self, diagram: Diagram, options: RenderOptions) -> None:
        self.d = diagram
        self.options = options
        self.lines: list[str] = []
        # Which nodes have anything listed under them, support more than their home, or
        # are tracked by a measure: most have none of these, and the walk skips the
        # look-ups for them.
        self.targets = {link.target for link in diagram.links}
        self.supports_more = {link.source for link in diagram.links if not link.structural}
        self.tracked = {key for m in diagram.measures for key in m.tracks}
        self.status_lines: dict[tuple[str | None, str | None], str] = {}

    def wrap(self, text: str, indent: str, hanging: str | None = None) -> None:
        text = clean(text)
        if not text:
            self.lines.append(indent.rstrip())
        elif len(indent) + len(text) <= WIDTH:
            self.lines.append(indent + text)  # fits on one line: most text does
        else:
            self.lines += wrap_clean(text, indent, indent if hanging is None else hanging)

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
        for label, part in aim_rows(d.aim):
            self.field(label, part, "  ")
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
        self.lines.append("")  # the final newline, without copying the whole text again
        return "\n".join(self.lines)

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
        # Runs once per node: each optional line is tested here before any call is made.
        d = self.d
        key = node.key
        label = node.number
        inner = indent + " " * (len(label) + 1)
        self.wrap(f"{label} {node.title}", indent, inner)
        if node.tier is _CHANGE_IDEA and (node.status or node.priority):
            # the same few pairs recur (the schema allows a handful of each): word each once
            pair = (node.status, node.priority)
            words = self.status_lines.get(pair)
            if words is None:
                words = self.status_lines[pair] = _status_line(node)
            if words:
                self.wrap(words, inner)
        if node.description:
            self.wrap(node.description, inner)
        if link is not None and (link.note or link.strength == _WEAK):
            if link.weak:
                target = d.nodes[link.target]
                to = "the aim" if target.tier is _AIM else f"{target.number} {target.title}"
                self.wrap(f"Weak link to {to}", inner)
            if link.note:
                self.field("Note on this link", link.note, inner)
        if node.owner:
            self.field("Owner", node.owner, inner)
        if node.pdsa:
            self.field("PDSA cycles", "; ".join([clean(p) for p in node.pdsa]), inner)
        if node.learning:
            self.field("Learning", node.learning, inner)
        if key in self.supports_more:
            for extra in extra_links(d, node):
                target = d.nodes[extra.target]
                weak = " (weak link)" if extra.weak else ""
                self.wrap(
                    f"Also supports: {target.number} {target.title}{weak}", inner, inner + "  "
                )
                if extra.note:
                    self.field("Note on this link", extra.note, inner + "  ")
        if key in self.tracked:
            self.field("Measured by", self.measured_by(node), inner)
        if key not in self.targets:
            return  # nothing is listed under it (every change idea, for one)
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


def _status_line(node: Node) -> str:
    """'Status: being tested; priority: high' for a change idea ('' if neither is set)."""
    words = [f"{label.lower()}: {value}" for label, value in status_and_priority(node)]
    return capitalise("; ".join(words))


def plain_outline(diagram: Diagram, options: RenderOptions) -> str:
    """The readable, indented outline (see the module docstring)."""
    return _Plain(diagram, options).render()
