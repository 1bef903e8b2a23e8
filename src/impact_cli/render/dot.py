"""The diagram as Graphviz DOT text: the source of the SVG, PNG and PDF.

Layout follows the IHI and NHS convention: one column (rank) per tier, each headed
("Aim", "Primary drivers", ...), the boxes in reading order, left to right or (with
``direction: TB``) top to bottom with the aim on top. Which box goes in which column,
and which link draws the arrowhead, is decided in :mod:`.dot_layout`; the boxes are
drawn in :mod:`.dot_labels`; which of a few dot settings draws a diagram best is chosen
in :mod:`.dot_choice`, by the layout report's measures. docs/layout.md explains the
choices and measures them.

Safety: no user text ever reaches the DOT outside an HTML-like label, and every
fragment of user text is passed through :func:`html.escape` before it is put
into one, so quotes, backslashes, ``<``, ``>``, ``&``, ``{`` and ``|`` are inert
(inside an HTML-like label Graphviz interprets no backslash escapes, and braces
and bars mean nothing). Node ids are generated from the numbers (``d1_2``,
``c3``), never from user text.

Determinism: the text is built from lists in reading order; nothing iterates a
set or a dict whose order comes from hashing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from ..diagram import Measure, Node, Tier, count_phrase
from . import dot_choice, dot_layout
from .dot_labels import (
    ACROSS,
    AIM_PORTS,
    DOWN,
    aim_label,
    heading_label,
    measure_label,
    node_label,
    title_label,
    wrap,
)
from .dot_labels import NO_DRIVERS as NO_DRIVERS_WORDS
from .dot_layout import Tuning
from .links import hangs_from_nothing
from .theme import get_theme

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram
    from . import RenderOptions

__all__ = ["build_dot", "measure_id", "node_id", "render", "summary", "tier_class", "wrap"]

CHAIN_LENGTH = 16
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


class Direction(NamedTuple):
    """What changes between a left-to-right and a top-to-bottom drawing."""

    rankdir: str
    nodesep: float
    ranksep: float
    effect_port: str
    """Where links end on the box nearer the aim: its side facing the causes."""
    cause_port: str
    """Where links leave the box further from the aim: its side facing the aim."""


DIRECTIONS = {
    "LR": Direction("LR", nodesep=0.14, ranksep=0.5, effect_port="e", cause_port="w"),
    "TB": Direction("TB", nodesep=0.15, ranksep=0.45, effect_port="s", cause_port="n"),
}
SPLINES = "polyline"
HOME_PULL = 4
# The ids of the placeholder drawn for an aim with no drivers yet (the slides find it
# in the layout by these)
NO_DRIVERS = "no_drivers"
NO_DRIVERS_HEADING = "h_primary"
# The weight of a home link grows with the depth of the item, so that a box lines up
# with the items written under it before its own parent: a driver sits centred on its
# items, and a driver with one item level with it. Other links do not pull at all
# (weight 0): an item sits beside its home, not between the drivers it supports.


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "dot") -> bytes:
    """The DOT text of ``diagram`` (UTF-8)."""
    return build_dot(diagram, options).encode("utf-8")


def node_id(node: Node) -> str:
    """A DOT id made from the node's number: 'aim', 'd1_2', 'c3'. Never user text."""
    if node.tier is Tier.AIM:
        return "aim"
    raw = node.number.lower() if node.tier is Tier.CHANGE_IDEA else "d" + node.number
    return _ID_UNSAFE.sub("_", raw.replace(".", "_"))


def measure_id(measure: Measure) -> str:
    return _ID_UNSAFE.sub("_", measure.number.lower())


def _quote(value: str) -> str:
    """A DOT double-quoted string (only ever used for our own constants)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- the graph --------------------------------------------------------------------------


def summary(diagram: Diagram) -> str:
    """'1 aim, 5 primary drivers, 15 secondary drivers and 2 measures.'"""
    parts = [count_phrase(diagram.counts[tier], tier) for tier in Tier if diagram.counts[tier]]
    if diagram.measures:
        n = len(diagram.measures)
        parts.append(f"{n} measure{'' if n == 1 else 's'}")
    if not diagram.counts[Tier.PRIMARY]:
        parts.insert(1, "no primary drivers yet")
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return text + "."


def tier_class(tier: Tier) -> str:
    return {
        Tier.AIM: "tier-aim",
        Tier.PRIMARY: "tier-primary",
        Tier.SECONDARY: "tier-secondary",
        Tier.TERTIARY: "tier-tertiary",
        Tier.CHANGE_IDEA: "tier-change-idea",
    }[tier]


def _attrs(**attrs: str | int | float) -> str:
    """Our own attributes, in a fixed (sorted) order; labels are passed pre-built."""
    parts = []
    for name in sorted(attrs):
        value = attrs[name]
        if name == "label" and isinstance(value, str) and value.startswith("<"):
            parts.append(f"label={value}")
        else:
            parts.append(f"{name}={_quote(str(value))}")
    return "[" + " ".join(parts) + "]"


def box_id(item: Node | Measure) -> str:
    """The DOT id of a box: a node's or a measure's."""
    return measure_id(item) if isinstance(item, Measure) else node_id(item)


def columns(
    diagram: Diagram, options: RenderOptions, tuning: Tuning | None = None
) -> list[tuple[str, list[str], tuple[Node | Measure, ...]]]:
    """(heading id, heading lines, the boxes in it) for each column, aim first; the
    slides draw the same columns."""
    placement = (tuning or choose_tuning(diagram, options)).placement
    out: list[tuple[str, list[str], tuple[Node | Measure, ...]]] = [
        (column.ident, column.headings, tuple(column.nodes))
        for column in dot_layout.columns(diagram, placement)
    ]
    if options.show_measures and diagram.measures:
        out.append(("h_measures", [dot_layout.heading(diagram, "measures")], diagram.measures))
    return out


def choose_tuning(diagram: Diagram, options: RenderOptions) -> Tuning:
    """The dot settings that draw ``diagram`` best (:mod:`.dot_choice`)."""
    return dot_choice.choose(
        diagram, options, lambda tuning: _dot_text(diagram, options, tuning), node_id
    )


def build_dot(diagram: Diagram, options: RenderOptions, tuning: Tuning | None = None) -> str:
    """The DOT text, drawn with ``tuning`` or else with the settings that suit it best."""
    return _dot_text(diagram, options, tuning or choose_tuning(diagram, options))


def _dot_text(diagram: Diagram, options: RenderOptions, tuning: Tuning) -> str:
    theme = get_theme(options.theme)
    way = DIRECTIONS[options.direction or diagram.drawing.direction]
    sizes = DOWN if way.rankdir == "TB" else ACROSS
    out: list[str] = []
    emit = out.append
    emit("digraph driver_diagram {")
    emit(
        "  graph "
        + _attrs(
            bgcolor=theme.page,
            charset="UTF-8",
            fontname=theme.font,
            label=title_label(
                diagram,
                theme,
                theory=options.show_theory,
                legend=any(link.weak or link.unconfirmed for link in diagram.links),
            ),
            labeljust="l",
            labelloc="t",
            newrank="true",
            nodesep=way.nodesep,
            ordering="out",
            pad=0.4,
            rankdir=way.rankdir,
            ranksep=way.ranksep,
            splines=SPLINES,
        )
    )
    emit("  node " + _attrs(fontname=theme.font, margin=0, shape="plain"))
    emit(
        "  edge "
        + _attrs(
            arrowhead="none",
            arrowsize=0.7,
            arrowtail="normal",
            color=theme.line,
            dir="back",
            penwidth=1.2,
        )
    )

    drawn: list[tuple[str, list[str], list[tuple[str, str, str]]]] = []
    """(heading id, heading lines, [(box id, css class, label)]) per column."""
    groups = dot_layout.first_item_groups(diagram) if tuning.align_first else {}
    for heading_id, headings, members in columns(diagram, options, tuning):
        items = []
        for item in members:
            if isinstance(item, Measure):
                items.append((measure_id(item), "measure", measure_label(diagram, item, theme)))
            elif item.tier is Tier.AIM:
                label = aim_label(diagram, theme, sizes, ports=tuning.spread_aim)
                items.append((node_id(item), tier_class(item.tier), label))
            else:
                items.append(
                    (
                        node_id(item),
                        tier_class(item.tier),
                        node_label(item, theme, sizes, unlinked=hangs_from_nothing(diagram, item)),
                    )
                )
        drawn.append((heading_id, headings, items))
    group_of = {
        node_id(diagram.nodes[key]): "g_" + node_id(diagram.nodes[head])
        for key, head in groups.items()
    }
    if not diagram.counts[Tier.PRIMARY]:  # an aim with no drivers yet, drawn as such
        label = heading_label([NO_DRIVERS_WORDS], theme)
        heading = dot_layout.heading(diagram, "primary_drivers")
        drawn.insert(1, (NO_DRIVERS_HEADING, [heading], [(NO_DRIVERS, "no-drivers", label)]))

    # across the top, as many lines in every heading, so that they line up along their top
    lines = max(len(h) for _, h, _ in drawn) if way.rankdir == "LR" else 0
    for heading_id, headings, items in drawn:
        headings = headings + [""] * (lines - len(headings))
        emit("")
        emit(f"  // {heading_id}")
        emit("  {")
        emit("    rank=same")
        emit(
            f"    {heading_id} "
            + _attrs(label=heading_label(headings, theme), **{"class": "heading"})
        )
        for ident, css, label in items:
            extra = {"group": group_of[ident]} if ident in group_of else {}
            emit(f"    {ident} " + _attrs(id=ident, label=label, **{"class": css}, **extra))
        emit("  }")
        # an invisible chain keeps the published (reading) order along the column
        chain = [heading_id, *(ident for ident, _, _ in items)]
        # in short statements: dot's parser runs out of stack on very long edge chains
        for start in range(0, len(chain) - 1, CHAIN_LENGTH - 1):
            emit("  " + " -> ".join(chain[start : start + CHAIN_LENGTH]) + ' [style="invis"]')

    emit("")
    emit("  // the columns, in order")
    # heavy, so the headings line up in one row across the top (one column, top to bottom)
    emit("  " + " -> ".join(h for h, _, _ in drawn) + ' [style="invis" weight="100"]')

    emit("")
    emit("  // links: 'source supports target', drawn from the target (nearer the aim)")
    ports = dot_layout.aim_ports(diagram, AIM_PORTS) if tuning.spread_aim else {}
    arrows = dot_layout.arrow_links(diagram, ports)
    for index, link in enumerate(diagram.links):
        effect, cause, forward = dot_layout.effect_and_cause(diagram, link)
        attrs: dict[str, str | int | float] = {
            "class": f"link-{link.strength}",
            "headport": way.cause_port,
            "tailport": f"{ports[index]}:{way.effect_port}" if index in ports else way.effect_port,
        }
        if link.weak:
            attrs["style"] = "dotted"
            attrs["penwidth"] = 1.8
        elif link.unconfirmed:
            attrs["style"] = "dashed"
        if index not in arrows:
            attrs["arrowtail"] = "none"
        if link.structural:
            attrs["weight"] = HOME_PULL * (int(cause.tier) + 1)
        else:
            attrs["weight"] = 1 if tuning.pull_references else 0
        if not forward or (tuning.loose_references and not link.structural):
            attrs["constraint"] = "false"
        emit(f"  {node_id(effect)} -> {node_id(cause)} " + _attrs(**attrs))
    emit("}")
    return "\n".join(line for line in out if line != "") + "\n"
