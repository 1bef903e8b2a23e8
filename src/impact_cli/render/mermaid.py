"""Mermaid flowchart export (``-f mermaid``, ``.mmd``): a diagram GitHub draws in Markdown.

Shape of the output (every choice is tested with the real Mermaid parser):

* ``flowchart LR`` with the aim on the left, as a driver diagram is read (``TB``, the aim
  on top, when the file or ``--direction`` asks for it, as the drawing does). Edges are
  written from effect to cause (``aim --> primary --> secondary --> change idea``), so
  the arrows read "is driven by" and Mermaid's layout ranks the aim first. The
  direction is the same for every edge, structural or cross link.
* The columns (tiers) are kept by Mermaid's *link length*, not by subgraphs: a link
  that spans two columns (a change idea written directly under a primary driver) is
  written with extra dashes (``--->``), so every node lands in its own tier's column.
* Weak links are dotted (``-.->``, ``-..->`` ...), strong links solid. Mermaid has no
  dashed arrow, so a link not confirmed (dashed in the drawing) is dotted *and*
  labelled ``link not confirmed``: told apart from a weak link in words, not only by
  a line style.
* A box shows what the drawing's box shows under its title: "Not yet linked", status,
  priority (the drawing's own words, ``dot_labels.node_facts``).
* The items not yet linked (no place in the tree) are the one subgraph, titled as the
  text outputs head them ("Not yet linked"): they have no edges, so without it they
  would float unexplained. An aim with no drivers yet has a "No drivers yet" box in
  the primary drivers' column, held there by an invisible link (``~~~``), as the
  drawing has.
* ``accTitle`` and ``accDescr`` carry the title and a summary for screen readers.
* Node ids are made from the diagram's keys but reduced to ``n_`` + letters, digits
  and ``_``: never a Mermaid keyword (``end``, ``graph``), never an edge-breaking
  ``o``/``x`` start, never a ``-`` that the lexer could read as part of an arrow.
* Every piece of text is escaped with Mermaid's entity codes (``#quot;``, ``#35;``):
  every ASCII character but letters, digits, space and ``,.?!'()/_+=-``. That also
  covers ``%`` (``%%{init}%%`` directives are honoured anywhere in a file), ``:``
  and ``;`` (Mermaid rewrites ``style…:#…;`` lines before parsing), ``<``/``>``/``&``
  (labels are HTML) and backticks (Markdown strings). The two characters Mermaid
  uses for its own entity placeholders (U+FB02, U+00B6) are escaped too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..diagram import Diagram, Link, Tier, clean, count_phrase
from .dot_labels import node_facts
from .links import hangs_from_nothing, unlinked_heading, unlinked_ideas
from .textwords import join_and

if TYPE_CHECKING:  # pragma: no cover
    from . import RenderOptions

_SAFE = re.compile(r"[A-Za-z0-9 ,.?!'()/_+=-]")
_NAMED = {'"': "quot", "&": "amp", "<": "lt", ">": "gt", "#": "35"}
_PLACEHOLDER_CHARS = frozenset("\ufb02\u00b6")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
# Ids of our own boxes: node ids all start with 'n_', so these cannot clash with one.
UNLINKED_ID = "unlinked"
NO_DRIVERS_ID = "no_drivers"
NO_DRIVERS = "No drivers yet"
UNCONFIRMED_LABEL = "link not confirmed"
_READ = {"LR": "left to right", "TB": "top to bottom"}

_CLASS = {
    Tier.AIM: "aim",
    Tier.PRIMARY: "primary",
    Tier.SECONDARY: "secondary",
    Tier.TERTIARY: "tertiary",
    Tier.CHANGE_IDEA: "change",
}


def escape(text: str) -> str:
    """Escape text for a quoted Mermaid label, accTitle or accDescr.

    Newlines become ``<br>`` (a line break in a label); other whitespace a space.
    """
    out: list[str] = []
    for line_no, line in enumerate(text.replace("\r\n", "\n").split("\n")):
        if line_no:
            out.append("<br>")
        for char in line:
            if char == "\t":
                out.append(" ")
            elif char in _NAMED:
                out.append(f"#{_NAMED[char]};")
            elif (ord(char) < 128 and not _SAFE.fullmatch(char)) or char in _PLACEHOLDER_CHARS:
                out.append(f"#{ord(char)};")
            else:
                out.append(char)
    return "".join(out)


def node_ids(diagram: Diagram) -> dict[str, str]:
    """A safe, unique Mermaid id for every node key, in reading order."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for key in diagram.nodes:
        base = "n_" + _ID_UNSAFE.sub("_", key)
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}_{n}"
        taken.add(candidate)
        ids[key] = candidate
    return ids


def _columns(diagram: Diagram) -> dict[Tier, int]:
    present = [t for t in Tier if t is Tier.AIM or diagram.counts[t]]
    return {tier: i for i, tier in enumerate(present)}


def _label(diagram: Diagram, key: str) -> str:
    node = diagram.nodes[key]
    if node.tier is Tier.AIM:
        return escape(f"Aim: {node.title}")
    facts = node_facts(node, unlinked=hangs_from_nothing(diagram, node))
    return escape(f"{node.number} {node.title}" + (f"\n{facts}" if facts else ""))


def _description(diagram: Diagram, way: str) -> list[str]:
    parts = [
        count_phrase(diagram.counts[t], t)
        for t in (Tier.PRIMARY, Tier.SECONDARY, Tier.TERTIARY, Tier.CHANGE_IDEA)
        if diagram.counts[t]
    ]
    columns = f"the aim, then {join_and(parts)}" if parts else "the aim"
    lines = [
        f"Driver diagram read from {_READ[way]}: {columns}.",
        f"Aim: {diagram.aim.statement}",
    ]
    if not diagram.counts[Tier.PRIMARY]:
        lines.append(f"{NO_DRIVERS}: the aim has no primary drivers.")
    if diagram.links:
        lines.append(
            "Each arrow points from what is to be achieved to what drives it; "
            + _kinds(diagram.links)
        )
    unlinked = unlinked_ideas(diagram)
    if unlinked:
        n = len(unlinked)
        lines.append(
            f"{n} {'item is' if n == 1 else 'items are'} shown apart, with no arrow, "
            f"under {unlinked_heading(unlinked)!r}."
        )
    if diagram.meta.summary:
        lines.insert(0, diagram.meta.summary)
    return lines


def _kinds(links: tuple[Link, ...]) -> str:
    """How the arrows are drawn: 'all links are strong (solid).', or the dotted ones."""
    weak = sum(1 for link in links if link.weak)
    unconfirmed = sum(1 for link in links if link.unconfirmed)
    if not weak and not unconfirmed:
        return "all links are strong (solid)."
    kinds = []
    if weak:
        kinds.append(
            f"{weak} dotted {'arrow shows a weak link' if weak == 1 else 'arrows show weak links'}"
        )
    if unconfirmed:
        arrows = "arrow labelled" if unconfirmed == 1 else "arrows labelled"
        kinds.append(
            f"{unconfirmed} dotted {arrows} {UNCONFIRMED_LABEL!r} "
            f"{'shows a link' if unconfirmed == 1 else 'show links'} not confirmed yet"
        )
    return join_and(kinds) + "."


def _arrow(link: Link, length: int) -> str:
    length = max(1, length)
    if link.unconfirmed:
        return "-" + "." * length + f"->|{UNCONFIRMED_LABEL}|"
    return "-" + "." * length + "->" if link.weak else "-" * (length + 1) + ">"


def mermaid_text(diagram: Diagram, theme: str = "nhs", direction: str | None = None) -> str:
    """The Mermaid source of ``diagram`` (also used by ``outline --format markdown --mermaid``),
    left to right or top to bottom as the file (or ``direction``) asks."""
    from .theme import get_theme

    palette = get_theme(theme)
    ids = node_ids(diagram)
    column = _columns(diagram)
    way = direction or diagram.drawing.direction
    lines = [f"flowchart {way}", f"    accTitle: {escape(clean(diagram.title))}", "    accDescr {"]
    lines += [f"        {escape(line)}" for line in _description(diagram, way)]
    lines.append("    }")
    for tier, name in _CLASS.items():
        style = palette.tier(tier)
        lines.append(
            f"    classDef {name} fill:{style.fill},color:{style.text},"
            f"stroke:{style.border},stroke-width:{style.border_width}px"
        )
    if not diagram.counts[Tier.PRIMARY]:  # a placeholder, styled as the page's words
        lines.append(
            f"    classDef nodrivers fill:{palette.page},color:{palette.subtle},"
            f"stroke:{palette.line},stroke-dasharray:5 5"
        )
    unlinked = unlinked_ideas(diagram)
    apart = {node.key for node in unlinked}
    for key, node in diagram.nodes.items():
        if key not in apart:
            lines.append(f'    {ids[key]}["{_label(diagram, key)}"]:::{_CLASS[node.tier]}')
    if not diagram.counts[Tier.PRIMARY]:
        lines.append(f'    {NO_DRIVERS_ID}["{NO_DRIVERS}"]:::nodrivers')
        lines.append(f"    {ids[diagram.aim_key]} ~~~ {NO_DRIVERS_ID}")
    if unlinked:
        lines.append(f'    subgraph {UNLINKED_ID} ["{escape(unlinked_heading(unlinked))}"]')
        for node in unlinked:
            lines.append(
                f'        {ids[node.key]}["{_label(diagram, node.key)}"]:::{_CLASS[node.tier]}'
            )
        lines.append("    end")
    for link in diagram.links:
        effect, cause = diagram.nodes[link.target], diagram.nodes[link.source]
        length = column[cause.tier] - column[effect.tier]
        lines.append(f"    {ids[effect.key]} {_arrow(link, length)} {ids[cause.key]}")
    return "\n".join(lines) + "\n"


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "mermaid") -> bytes:
    return mermaid_text(diagram, options.theme, options.direction).encode("utf-8")
