"""The diagram as a Markdown outline (format ``md``), for wikis and READMEs.

Headings and nested lists: ``#`` title, the aim, ``##`` per primary driver with
its secondary and tertiary drivers and change ideas as nested, numbered list
items, the links, the measures as a table, the theory of change, the glossary.
With ``RenderOptions.mermaid`` a Mermaid flowchart (from
:func:`impact_cli.render.mermaid.mermaid_text`) comes before the text version.

All user text goes through :func:`~impact_cli.render.markdown_escape.md_text`: it
can never open a link, an image, raw HTML, a heading, a list, a table cell or
emphasis, whatever it contains.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..diagram import Tier
from . import markdown_charts
from .links import (
    doubt_suffix,
    extra_links,
    home_link,
    listed_under,
    unlinked_heading,
    unlinked_ideas,
)
from .markdown_escape import md_text
from .textwords import about_rows, aim_rows, status_and_priority

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram, Link, Node
    from . import RenderOptions


def _fence(body: str) -> str:
    """A code fence longer than any backtick run inside ``body``."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    return "`" * max(3, longest + 1)


class _Markdown:
    def __init__(self, diagram: Diagram, options: RenderOptions) -> None:
        self.d = diagram
        self.options = options
        self.out: list[str] = []
        # with a drawing, the sections sit one level down, under '## Text version'
        self.section_mark = "###" if options.mermaid else "##"

    def para(self, text: str) -> None:
        self.out += [text, ""]

    def heading(self, text: str) -> None:
        """A section of the text version (already escaped or made by impact)."""
        self.para(f"{self.section_mark} {text}")

    def render(self) -> str:
        d = self.d
        meta = d.meta
        self.para(f"# {md_text(meta.title)}")
        if meta.subtitle:
            self.para(md_text(meta.subtitle, line_start=True))
        if meta.summary:
            self.para(md_text(meta.summary, line_start=True))
        if self.options.mermaid:
            from .mermaid import mermaid_text

            chart = mermaid_text(d).rstrip("\n")
            fence = _fence(chart)
            self.para("## Diagram")
            self.para(f"{fence}mermaid\n{chart}\n{fence}")
            self.para("## Text version")
        self.aim()
        self.drivers()
        self.links()
        if self.options.show_measures and d.measures:
            self.measures()
            for paragraph in markdown_charts.charts(d):
                self.para(paragraph)
        if self.options.show_theory and d.theory and any(v for _, v in d.theory.parts):
            self.heading("Theory of change")
            self.para(
                "\n".join(
                    f"- **{label}:** {md_text(value)}" for label, value in d.theory.parts if value
                )
            )
        if d.glossary:
            self.heading("Glossary")
            self.para(
                "\n".join(
                    f"- **{md_text(term)}:** {md_text(expansion)}" for term, expansion in d.glossary
                )
            )
        about = about_rows(meta)
        if about:
            self.heading("About this diagram")
            self.para("\n".join(f"- **{label}:** {md_text(value)}" for label, value in about))
        return "\n".join(self.out).rstrip("\n") + "\n"

    def measured_by(self, node: Node) -> str | None:
        if not self.options.show_measures:
            return None
        ms = self.d.measures_for(node.key)
        if not ms:
            return None
        return "; ".join(f"**{m.number}** {md_text(m.name)}" for m in ms)

    def aim(self) -> None:
        d = self.d
        self.heading("Aim")
        self.para(md_text(d.aim.statement, line_start=True))
        rows = [f"- **{label}:** {md_text(value)}" for label, value in aim_rows(d.aim)]
        measured = self.measured_by(d.aim_node)
        if measured:
            rows.append(f"- **Measured by:** {measured}")
        if rows:
            self.para("\n".join(rows))

    def drivers(self) -> None:
        d = self.d
        if not d.counts[Tier.PRIMARY]:
            self.para("No drivers yet.")
        for node in d.tier(Tier.PRIMARY):
            self.heading(f"{node.number} {md_text(node.title)}")
            details = self.details(node, home_link(d, node))
            if details:
                self.para("\\\n".join(details))
            items: list[str] = []
            for child, link in listed_under(d, node):
                self.item(child, link, 0, items)
            if items:
                self.para("\n".join(items))
        orphans = unlinked_ideas(d)
        if orphans:
            self.heading(unlinked_heading(orphans))
            items = []
            for idea in orphans:
                self.item(idea, None, 0, items)
            self.para("\n".join(items))

    def details(self, node: Node, link: Link | None) -> list[str]:
        """Lines under an item's title: status, description, links, measures."""
        d = self.d
        lines: list[str] = []
        if node.status or node.priority:  # a driver can have a status too
            words = [f"{label}: {value}" for label, value in status_and_priority(node)]
            if words:
                lines.append("; ".join(words))
        if node.description:
            lines.append(md_text(node.description, line_start=True))
        if link is not None and link.weak:
            target = d.node(link.target)
            to = (
                "the aim"
                if target.tier is Tier.AIM
                else f"**{target.number}** {md_text(target.title)}"
            )
            lines.append(f"Weak link to {to}")
        elif link is not None and link.unconfirmed:
            target = d.node(link.target)
            to = "the aim" if target.tier is Tier.AIM else f"**{target.number}**"
            lines.append(f"Link to {to} not confirmed")
        if link is not None and link.note:
            lines.append(f"Note on this link: {md_text(link.note)}")
        for label, value in (("Owner", node.owner), ("Learning", node.learning)):
            if value:
                lines.append(f"{label}: {md_text(value)}")
        if node.pdsa:
            lines.append("PDSA cycles: " + "; ".join(md_text(p) for p in node.pdsa))
        for extra in extra_links(d, node):
            target = d.node(extra.target)
            weak = doubt_suffix(extra)
            note = f"; note: {md_text(extra.note)}" if extra.note else ""
            lines.append(f"Also supports **{target.number}** {md_text(target.title)}{weak}{note}")
        measured = self.measured_by(node)
        if measured:
            lines.append(f"Measured by: {measured}")
        return lines

    def item(self, node: Node, link: Link | None, depth: int, out: list[str]) -> None:
        d = self.d
        pad = "  " * depth
        head = f"{pad}- **{node.number}** {md_text(node.title)}"
        if link is not None and not link.structural:
            home = d.node(node.parent) if node.parent else None
            where = f"described under **{home.number}**" if home else "described elsewhere"
            weak = doubt_suffix(link, clause=True)
            out.append(f"{head} ({where}{weak})")
            return
        details = self.details(node, link)
        out.append("\\\n".join([head, *(f"{pad}  {line}" for line in details)]))
        if node.tier is Tier.CHANGE_IDEA:
            return
        for child, child_link in listed_under(d, node):
            self.item(child, child_link, depth + 1, out)

    def links(self) -> None:
        d = self.d
        # a note on an item's place in the outline is written under the item itself
        rows = [link for link in d.links if not link.structural or link.weak]
        if not rows:
            return
        self.heading("Links")
        self.para(
            "Links other than an item's place in the outline: extra links to a second driver, "
            "and weak links."
        )
        table = ["| From | Supports | Strength | Note |", "| --- | --- | --- | --- |"]
        for link in rows:
            source, target = d.node(link.source), d.node(link.target)
            to = "the aim" if target.tier is Tier.AIM else _cell(target)
            table.append(
                f"| {_cell(source)} | {to} | {link.strength} | "
                f"{md_text(link.note) if link.note else ''} |"
            )
        self.para("\n".join(table))

    def measures(self) -> None:
        d = self.d
        self.heading("Measures")
        table = [
            "| Code | Measure | Type | Tracks | Definition | Target | Frequency | Data source |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for m in d.measures:
            tracked = [d.nodes[k] for k in m.tracks if k in d.nodes]
            tracks = "; ".join("the aim" if n.tier is Tier.AIM else _cell(n) for n in tracked)
            cells = [
                m.number,
                md_text(m.name),
                m.type,
                tracks,
                *(md_text(v) if v else "" for v in (m.definition, m.target, m.frequency)),
                md_text(m.data_source) if m.data_source else "",
            ]
            table.append("| " + " | ".join(cells) + " |")
        self.para("\n".join(table))


def _cell(node: Node) -> str:
    return f"{node.number} {md_text(node.title)}"


def markdown_outline(diagram: Diagram, options: RenderOptions) -> str:
    return _Markdown(diagram, options).render()


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "md") -> bytes:
    return markdown_outline(diagram, options).encode("utf-8")
