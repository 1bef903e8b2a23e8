"""The plain outline (``-f txt``), for people reading a terminal or a text file.

Title, aim, every driver numbered 1, 1.2, 1.2.3 with its description, change ideas
C1… with their status, extra and weak links, measures, theory of change, glossary
and details, indented and wrapped at a fixed width, so the output never depends on
the terminal. An item that supports several drivers is written in full under its
home and named under the others (see :mod:`impact_cli.render.links`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagram import Tier
from .links import (
    doubt_suffix,
    extra_links,
    home_link,
    listed_under,
    unlinked_heading,
    unlinked_ideas,
)
from .textwords import (
    about_rows,
    aim_rows,
    capitalise,
    clean,
    diagram_counts,
    measure_rows,
    status_and_priority,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram, Link, Node
    from . import RenderOptions

WIDTH = 88
"""Line width."""


def wrap_clean(text: str, indent: str, hanging: str, width: int = WIDTH) -> list[str]:
    """The lines of ``textwrap.wrap`` for clean, non-empty ``text``.

    The same lines as ``textwrap.wrap(text, width, initial_indent=indent,
    subsequent_indent=hanging, break_long_words=False, break_on_hyphens=False)`` when
    ``text`` is clean (see ``clean``: words separated by single spaces, nothing else
    that is whitespace). Then textwrap's chunks are just the words and the spaces
    between them, and it fills each line greedily: a word joins the line if the line
    stays within the width, a word longer than the width goes on a line of its own
    (never broken), and the space where a line breaks is dropped.

    In clean text a line of whole words ends just before a space, so the greedy line
    is the text up to the last space that leaves it within the width: ``rfind`` finds
    it.
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
        # Most items support only their home and have no measure: these say which do.
        self.supports_more = {link.source for link in diagram.links if not link.structural}
        self.tracked = {key for m in diagram.measures for key in m.tracks}

    def wrap(self, text: str, indent: str, hanging: str | None = None) -> None:
        text = clean(text)
        if not text:
            self.lines.append(indent.rstrip())
        elif len(indent) + len(text) <= WIDTH:
            self.lines.append(indent + text)  # fits on one line, as most text does
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
        rows = about_rows(meta)
        if rows:
            self.heading("About this diagram")
            for label, value in rows:
                self.field(label, value, "")
        self.lines.append("")  # the final newline
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
        if not d.counts[Tier.PRIMARY]:
            self.lines.append("")
            self.wrap("No drivers yet.", "")
        for node in d.tier(Tier.PRIMARY):
            self.lines.append("")
            self.node(node, home_link(d, node), "")
        orphans = unlinked_ideas(d)
        if orphans:
            self.heading(unlinked_heading(orphans))
            for idea in orphans:
                self.node(idea, None, "")

    def node(self, node: Node, link: Link | None, indent: str) -> None:
        """``node`` written in full, then what is listed under it, indented."""
        d = self.d
        inner = indent + " " * (len(node.number) + 1)
        self.wrap(f"{node.number} {node.title}", indent, inner)
        if node.status or node.priority:  # a driver can have a status too
            words = [f"{label.lower()}: {value}" for label, value in status_and_priority(node)]
            if words:
                self.wrap(capitalise("; ".join(words)), inner)  # 'Status: …; priority: …'
        if node.description:
            self.wrap(node.description, inner)
        if link is not None:
            if link.weak:
                self.wrap(f"Weak link to {_named(d.nodes[link.target])}", inner)
            elif link.unconfirmed:
                self.wrap(f"Link to {_named(d.nodes[link.target])} not confirmed", inner)
            self.field("Note on this link", link.note, inner)
        self.field("Owner", node.owner, inner)
        if node.pdsa:
            self.field("PDSA cycles", "; ".join([clean(p) for p in node.pdsa]), inner)
        self.field("Learning", node.learning, inner)
        if node.key in self.supports_more:
            for extra in extra_links(d, node):
                target = d.nodes[extra.target]
                weak = doubt_suffix(extra)
                self.wrap(
                    f"Also supports: {target.number} {target.title}{weak}", inner, inner + "  "
                )
                self.field("Note on this link", extra.note, inner + "  ")
        if node.key in self.tracked:
            self.field("Measured by", self.measured_by(node), inner)
        if node.key not in d.targets:
            return  # nothing is listed under it (every change idea, for one)
        for child, child_link in listed_under(d, node):
            if child_link.structural:
                self.node(child, child_link, inner)
                continue
            home = d.node(child.parent) if child.parent else None
            where = f"described under {home.number}" if home else "described elsewhere"
            weak = doubt_suffix(child_link, clause=True)
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
            self.field("Tracks", "; ".join(_named(n) for n in tracked), inner)
            for label, value in measure_rows(m):
                self.field(label, value, inner)


def _named(node: Node) -> str:
    """'the aim', or a driver or change idea by number and title."""
    return "the aim" if node.tier is Tier.AIM else f"{node.number} {clean(node.title)}"


def plain_outline(diagram: Diagram, options: RenderOptions) -> str:
    """The readable, indented outline (see the module docstring)."""
    return _Plain(diagram, options).render()
