"""The diagram as Graphviz DOT text: the source of the SVG, PNG and PDF.

Layout follows the IHI and NHS convention: left to right, one column (rank) per
tier, each headed ("Aim", "Primary drivers", ...), the boxes in reading order.

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
import textwrap
from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from ..diagram import Measure, Node, Tier, count_phrase
from .theme import Theme, TierStyle, get_theme

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram
    from . import RenderOptions

# Characters per line when wrapping, and the width (points) of the text column of a
# box: every box of one tier gets the same width, so the columns look even.
WRAP = {
    Tier.AIM: 24,
    Tier.PRIMARY: 30,
    Tier.SECONDARY: 36,
    Tier.TERTIARY: 34,
    Tier.CHANGE_IDEA: 34,
}
DETAIL_WRAP = {
    Tier.AIM: 30,
    Tier.PRIMARY: 38,
    Tier.SECONDARY: 44,
    Tier.TERTIARY: 42,
    Tier.CHANGE_IDEA: 42,
}
TEXT_WIDTH = {
    Tier.AIM: 185,
    Tier.PRIMARY: 195,
    Tier.SECONDARY: 225,
    Tier.TERTIARY: 215,
    Tier.CHANGE_IDEA: 215,
}
MEASURE_WRAP = 34
MEASURE_WIDTH = 205
THEORY_WRAP = 44
THEORY_WIDTH = 240

TITLE_SIZE = 22
SUBTITLE_SIZE = 13
HEADING_SIZE = 14
TEXT_SIZE = 12
DETAIL_SIZE = 10
BADGE_WIDTH = 30

KEY = "Key"
KEY_STRONG = "Solid line: strong link"
KEY_WEAK = "Dotted line: weak link"
THEORY_HEADING = "Theory of change"

CHAIN_LENGTH = 16
DRIVER_TIERS = (Tier.PRIMARY, Tier.SECONDARY, Tier.TERTIARY)
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "dot") -> bytes:
    """The DOT text of ``diagram`` (UTF-8)."""
    return build_dot(diagram, options).encode("utf-8")


# --- ids and text -----------------------------------------------------------------------


def node_id(node: Node) -> str:
    """A DOT id made from the node's number: 'aim', 'd1_2', 'c3'. Never user text."""
    if node.tier is Tier.AIM:
        return "aim"
    raw = node.number.lower() if node.tier is Tier.CHANGE_IDEA else "d" + node.number
    return _ID_UNSAFE.sub("_", raw.replace(".", "_"))


def measure_id(measure: Measure) -> str:
    return _ID_UNSAFE.sub("_", measure.number.lower())


def box_id(item: Node | Measure) -> str:
    """The DOT id of a box: a node's or a measure's."""
    return measure_id(item) if isinstance(item, Measure) else node_id(item)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters (long words are never split)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(
            textwrap.wrap(paragraph, width=width, break_long_words=False, break_on_hyphens=False)
            or [""]
        )
    return lines


def html_lines(text: str, width: int) -> str:
    """Wrapped, escaped lines joined with left-aligned breaks."""
    return '<BR ALIGN="LEFT"/>'.join(escape(line, quote=True) for line in wrap(text, width))


def _font(text: str, size: int, colour: str, *, bold: bool = False) -> str:
    inner = f"<B>{text}</B>" if bold else text
    return f'<FONT POINT-SIZE="{size}" COLOR="{colour}">{inner}</FONT>'


def _quote(value: str) -> str:
    """A DOT double-quoted string (only ever used for our own constants)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- labels -----------------------------------------------------------------------------


def _box(
    style: TierStyle,
    badge: str,
    rows: list[str],
    width: int,
) -> str:
    """A rounded box: a number badge on the left, rows of text on the right."""
    badge_cell = (
        f'<TD ROWSPAN="{len(rows)}" VALIGN="TOP" WIDTH="{BADGE_WIDTH}" '
        f'BGCOLOR="{style.badge_fill}" STYLE="rounded" CELLPADDING="5">'
        f"{_font(escape(badge), TEXT_SIZE, style.badge_text, bold=True)}</TD>"
    )
    body = []
    for i, row in enumerate(rows):
        cells = badge_cell if i == 0 else ""
        body.append(f'<TR>{cells}<TD ALIGN="LEFT" BALIGN="LEFT" WIDTH="{width}">{row}</TD></TR>')
    return (
        f'<<TABLE BORDER="{style.border_width}" CELLBORDER="0" CELLSPACING="2" '
        f'CELLPADDING="4" STYLE="rounded" BGCOLOR="{style.fill}" COLOR="{style.border}">'
        + "".join(body)
        + "</TABLE>>"
    )


def node_label(node: Node, theme: Theme) -> str:
    style = theme.tier(node.tier)
    tier = node.tier
    bold = tier in (Tier.AIM, Tier.PRIMARY)
    rows = [_font(html_lines(node.title, WRAP[tier]), TEXT_SIZE, style.text, bold=bold)]
    if node.description:
        rows.append(
            _font(html_lines(node.description, DETAIL_WRAP[tier]), DETAIL_SIZE, style.detail_text)
        )
    facts = node_facts(node)
    if facts:
        rows.append(_font(html_lines(facts, DETAIL_WRAP[tier]), DETAIL_SIZE, style.detail_text))
    badge = node.number if tier is not Tier.AIM else "Aim"
    return _box(style, badge, rows, TEXT_WIDTH[tier])


def aim_label(diagram: Diagram, theme: Theme) -> str:
    node = diagram.aim_node
    style = theme.tier(Tier.AIM)
    rows = [_font(html_lines(node.title, WRAP[Tier.AIM]), TEXT_SIZE + 1, style.text, bold=True)]
    if node.description:
        rows.append(
            _font(html_lines(node.description, DETAIL_WRAP[Tier.AIM]), DETAIL_SIZE, style.text)
        )
    for fact in aim_facts(diagram):
        rows.append(_font(html_lines(fact, DETAIL_WRAP[Tier.AIM]), DETAIL_SIZE, style.text))
    return (
        f'<<TABLE BORDER="{style.border_width}" CELLBORDER="0" CELLSPACING="2" '
        f'CELLPADDING="5" STYLE="rounded" BGCOLOR="{style.fill}" COLOR="{style.border}">'
        + "".join(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" WIDTH="{TEXT_WIDTH[Tier.AIM]}">{row}</TD></TR>'
            for row in rows
        )
        + "</TABLE>>"
    )


def measure_label(diagram: Diagram, measure: Measure, theme: Theme) -> str:
    style = theme.measure
    rows = [_font(html_lines(measure.name, MEASURE_WRAP), TEXT_SIZE, style.text)]
    for fact in measure_facts(diagram, measure):
        rows.append(_font(html_lines(fact, MEASURE_WRAP + 8), DETAIL_SIZE, style.detail_text))
    return _box(style, measure.number, rows, MEASURE_WIDTH)


# --- the words in the boxes (the slides show them too) ----------------------------------


def node_facts(node: Node) -> str | None:
    """'Status: testing. Priority: high', or None."""
    facts = []
    if node.status:
        facts.append(f"Status: {node.status}")
    if node.priority:
        facts.append(f"Priority: {node.priority}")
    return ". ".join(facts) or None


def aim_facts(diagram: Diagram) -> list[str]:
    """The aim's 'Baseline: …', 'Target: …', 'By: …' and 'For: …' lines that are set."""
    aim = diagram.aim
    rows = (
        ("Baseline", aim.baseline),
        ("Target", aim.target),
        ("By", aim.deadline),
        ("For", aim.population),
    )
    return [f"{name}: {value}" for name, value in rows if value]


def measure_facts(diagram: Diagram, measure: Measure) -> list[str]:
    """'Outcome measure. Tracks 1, 2', then 'Target: …' when set."""
    tracks = []
    for key in measure.tracks:
        node = diagram.nodes.get(key)
        if node is not None:
            tracks.append("the aim" if node.tier is Tier.AIM else node.number)
    detail = f"{measure.type.capitalize()} measure"
    if tracks:
        detail += ". Tracks " + ", ".join(tracks)
    return [detail, f"Target: {measure.target}"] if measure.target else [detail]


def theory_cell(diagram: Diagram, theme: Theme) -> str | None:
    """The theory of change as one band: 'If we … / We will … / So that …' side by side."""
    theory = diagram.theory
    if theory is None:
        return None
    style = theme.theory
    parts = [(name, value) for name, value in theory.parts if value]
    if not parts:
        return None
    cells = "".join(
        f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" WIDTH="{THEORY_WIDTH}">'
        + _font(escape(name), DETAIL_SIZE + 1, style.text, bold=True)
        + '<BR ALIGN="LEFT"/>'
        + _font(html_lines(value, THEORY_WRAP), DETAIL_SIZE + 1, style.detail_text)
        + "</TD>"
        for name, value in parts
    )
    heading = _font(THEORY_HEADING, TEXT_SIZE, style.text, bold=True)
    return (
        f'<TABLE BORDER="{style.border_width}" CELLBORDER="0" CELLSPACING="4" '
        f'CELLPADDING="3" STYLE="rounded" BGCOLOR="{style.fill}" COLOR="{style.border}">'
        f'<TR><TD ALIGN="LEFT" COLSPAN="{len(parts)}">{heading}</TD></TR>'
        f"<TR>{cells}</TR></TABLE>"
    )


def legend_cell(theme: Theme) -> str:
    """'Key': a solid line sample for strong links, a dotted one for weak links."""
    line = theme.line
    text = theme.subtle
    size = DETAIL_SIZE + 1

    def row(style: str, words: str) -> str:
        return (
            f'<TR><TD WIDTH="40" HEIGHT="8" FIXEDSIZE="TRUE" SIDES="B" BORDER="2" '
            f'STYLE="{style}" COLOR="{line}"></TD>'
            f'<TD ALIGN="LEFT">{_font(words, size, text)}</TD></TR>'
        )

    # fixed size, so the key keeps its shape however wide the banner is
    return (
        '<TABLE ALIGN="LEFT" BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1" '
        'FIXEDSIZE="TRUE" WIDTH="190" HEIGHT="62">'
        f'<TR><TD ALIGN="LEFT" COLSPAN="2">{_font(KEY, size, text, bold=True)}</TD></TR>'
        + row("solid", KEY_STRONG)
        + row("dotted", KEY_WEAK)
        + "</TABLE>"
    )


def title_label(diagram: Diagram, theme: Theme, *, theory: bool, legend: bool) -> str:
    """The banner across the top: title, subtitle, then the theory of change and the key."""
    rows = [_font(html_lines(diagram.title, 90), TITLE_SIZE, theme.heading, bold=True)]
    if diagram.meta.subtitle:
        rows.append(_font(html_lines(diagram.meta.subtitle, 110), SUBTITLE_SIZE, theme.subtle))
    band = []
    if theory:
        cell = theory_cell(diagram, theme)
        if cell is not None:
            band.append(cell)
    if legend:
        band.append(legend_cell(theme))
    columns = max(1, len(band))
    body = "".join(
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="{columns}">{row}</TD></TR>' for row in rows
    )
    if band:
        body += (
            "<TR>"
            + "".join(f'<TD ALIGN="LEFT" VALIGN="TOP">{cell}</TD>' for cell in band)
            + "</TR>"
        )
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="2" CELLSPACING="6">' + body + "</TABLE>>"


def heading_label(text: str, theme: Theme) -> str:
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="2">'
        f'<TR><TD ALIGN="LEFT">{_font(escape(text), HEADING_SIZE, theme.heading, bold=True)}'
        "</TD></TR></TABLE>>"
    )


# --- the graph --------------------------------------------------------------------------


def summary(diagram: Diagram) -> str:
    """'1 aim, 5 primary drivers, 15 secondary drivers and 2 measures.'"""
    parts = [count_phrase(diagram.counts[tier], tier) for tier in Tier if diagram.counts[tier]]
    if diagram.measures:
        n = len(diagram.measures)
        parts.append(f"{n} measure{'' if n == 1 else 's'}")
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


def build_dot(diagram: Diagram, options: RenderOptions) -> str:
    theme = get_theme(options.theme)
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
                legend=any(link.weak for link in diagram.links),
            ),
            labeljust="l",
            labelloc="t",
            newrank="true",
            nodesep=0.18,
            ordering="out",
            pad=0.4,
            rankdir="LR",
            ranksep=0.9,
            splines="spline",
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

    laid_out = columns(diagram, options)
    for heading_id, heading, members in laid_out:
        items = []
        for item in members:
            if isinstance(item, Measure):
                items.append((box_id(item), "measure", measure_label(diagram, item, theme)))
            elif item.tier is Tier.AIM:
                items.append((box_id(item), tier_class(Tier.AIM), aim_label(diagram, theme)))
            else:
                items.append((box_id(item), tier_class(item.tier), node_label(item, theme)))
        emit("")
        emit(f"  // {heading}")
        emit("  {")
        emit("    rank=same")
        emit(
            f"    {heading_id} "
            + _attrs(label=heading_label(heading, theme), **{"class": "heading"})
        )
        for ident, css, label in items:
            emit(f"    {ident} " + _attrs(id=ident, label=label, **{"class": css}))
        emit("  }")
        # an invisible chain keeps the published (reading) order from top to bottom
        chain = [heading_id, *(ident for ident, _, _ in items)]
        # in short statements: dot's parser runs out of stack on very long edge chains
        for start in range(0, len(chain) - 1, CHAIN_LENGTH - 1):
            emit("  " + " -> ".join(chain[start : start + CHAIN_LENGTH]) + ' [style="invis"]')

    emit("")
    emit("  // the columns, left to right")
    # heavy, so the headings line up in one row across the top
    emit("  " + " -> ".join(h for h, _, _ in laid_out) + ' [style="invis" weight="100"]')

    emit("")
    emit("  // links: 'source supports target', drawn from the target (left) to the source")
    for link in _drawn_links(diagram):
        attrs: dict[str, str | int | float] = {"class": "link-weak" if link[2] else "link-strong"}
        if link[2]:
            attrs["style"] = "dotted"
            attrs["penwidth"] = 1.8
        if not link[3]:
            attrs["constraint"] = "false"
        emit(f"  {link[0]} -> {link[1]} " + _attrs(**attrs))
    emit("}")
    return "\n".join(line for line in out if line != "") + "\n"


def columns(
    diagram: Diagram, options: RenderOptions
) -> list[tuple[str, str, tuple[Node | Measure, ...]]]:
    """(heading id, heading, the boxes in it) for each column, left to right."""
    out: list[tuple[str, str, tuple[Node | Measure, ...]]] = [("h_aim", "Aim", (diagram.aim_node,))]
    for tier in (*DRIVER_TIERS, Tier.CHANGE_IDEA):
        nodes = diagram.tier(tier)
        if nodes:
            out.append((f"h_{tier.name.lower()}", tier.heading, nodes))
    if options.show_measures and diagram.measures:
        out.append(("h_measures", "Measures", diagram.measures))
    return out


def _drawn_links(diagram: Diagram) -> Iterable[tuple[str, str, bool, bool]]:
    """(left id, right id, weak, constraint) for every link, in model order."""
    for link in diagram.links:
        source = diagram.nodes[link.source]
        target = diagram.nodes[link.target]
        # a reference from a deeper tier to a shallower one is drawn left to right;
        # one that runs against the columns must not pull the ranks about
        forward = target.tier < source.tier
        left, right = (target, source) if forward else (source, target)
        yield node_id(left), node_id(right), link.weak, forward
