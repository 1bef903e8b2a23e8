"""The accessible outline's writer: its lines, and user text in reading order.

Glossary abbreviations are expanded at their first use only, so which occurrence is
expanded depends on the order text is read. Every piece of user text in the
accessible outline goes through :class:`Writer` (``t``, ``said``, ``title``,
``title_end``) exactly where it is written, and lines are written in reading order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .glossary import Glossary
from .textwords import clean, join_and, ref, sentence

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram, Node
    from . import RenderOptions


class Writer:
    """Lines of one accessible outline, and its user text, cleaned and expanded."""

    def __init__(self, diagram: Diagram, options: RenderOptions) -> None:
        self.d = diagram
        self.options = options
        self.glossary = Glossary(diagram.glossary)
        self.lines: list[str] = []
        nodes = diagram.nodes
        # Each node is named and its title read several times (its own line, under each
        # other driver it supports, in the list of links): each name ('secondary driver
        # 2.1'), clean title and ': Title.' is made once.
        self.refs = {key: ref(node) for key, node in nodes.items()}
        self.titles = {key: clean(node.title) for key, node in nodes.items()}
        self.title_ends = {key: sentence(f": {t}") for key, t in self.titles.items()}
        # Most items support only their home and have no measure: these say which do.
        self.supports_more = {link.source for link in diagram.links if not link.structural}
        self.tracked = {key for m in diagram.measures for key in m.tracks}

    # Once every term has had its first use (early, in most diagrams) expansion cannot
    # change any text: then these only clean it.

    def t(self, text: str) -> str:
        """User text on one line, glossary terms expanded at first use."""
        text = clean(text)
        return self.glossary.expand(text) if self.glossary.pending else text

    def said(self, label: str, text: str) -> str:
        """The sentence 'Label: text.'"""
        return sentence(f"{label}: {self.t(text)}")

    def title(self, key: str) -> str:
        title = self.titles[key]
        return self.glossary.expand(title) if self.glossary.pending else title

    def title_end(self, key: str) -> str:
        """': Title.', the end of a line that names node ``key`` and then gives its title."""
        if self.glossary.pending:
            return sentence(f": {self.title(key)}")
        return self.title_ends[key]

    def tracked_by(self, node: Node) -> str:
        """'Tracked by measure M1: Name.' ('' when it has none, or measures are hidden)."""
        if not self.options.show_measures or node.key not in self.tracked:
            return ""
        names = [f"measure {m.number}: {self.t(m.name)}" for m in self.d.measures_for(node.key)]
        return sentence(f"Tracked by {join_and(names)}")

    def say(self, *parts: str | None, depth: int = 0) -> None:
        """One line of the sentences ``parts`` (empty ones left out), indented by ``depth``."""
        line = " ".join(filter(None, parts))
        self.lines.append("  " * depth + line)

    def blank(self) -> None:
        """An empty line, unless the last line is one (or there is none yet)."""
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def text(self) -> str:
        """The lines written, with a final newline."""
        return "\n".join([*self.lines, ""])
