"""The boxes and banners of the Graphviz drawing, as HTML-like labels.

Every fragment of user text goes through :func:`html.escape` before it is put into a
label (see :mod:`impact_cli.render.dot` for why that makes it inert). Boxes of one tier
share one width, so the columns (or, top to bottom, the rows) look even; a drawing that
reads top to bottom puts many boxes side by side, so its boxes are narrower.
"""

from __future__ import annotations

import re
import textwrap
from html import escape
from typing import TYPE_CHECKING, NamedTuple

from ..diagram import Measure, Node, Tier
from .theme import Theme, TierStyle

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram


class Sizes(NamedTuple):
    """Characters per line when wrapping a title and a detail, and the text width (points)."""

    wrap: dict[Tier, int]
    detail_wrap: dict[Tier, int]
    text_width: dict[Tier, int]


ACROSS = Sizes(  # left to right: one column per tier, boxes wide and short
    wrap={
        Tier.AIM: 24,
        Tier.PRIMARY: 30,
        Tier.SECONDARY: 36,
        Tier.TERTIARY: 34,
        Tier.CHANGE_IDEA: 34,
    },
    detail_wrap={
        Tier.AIM: 30,
        Tier.PRIMARY: 38,
        Tier.SECONDARY: 44,
        Tier.TERTIARY: 42,
        Tier.CHANGE_IDEA: 42,
    },
    text_width={
        Tier.AIM: 185,
        Tier.PRIMARY: 195,
        Tier.SECONDARY: 225,
        Tier.TERTIARY: 215,
        Tier.CHANGE_IDEA: 215,
    },
)
DOWN = Sizes(  # top to bottom: one row per tier, the aim wide on top, the rest narrow
    wrap={
        Tier.AIM: 60,
        Tier.PRIMARY: 22,
        Tier.SECONDARY: 22,
        Tier.TERTIARY: 20,
        Tier.CHANGE_IDEA: 20,
    },
    detail_wrap={
        Tier.AIM: 76,
        Tier.PRIMARY: 28,
        Tier.SECONDARY: 28,
        Tier.TERTIARY: 26,
        Tier.CHANGE_IDEA: 26,
    },
    text_width={
        Tier.AIM: 400,
        Tier.PRIMARY: 140,
        Tier.SECONDARY: 140,
        Tier.TERTIARY: 128,
        Tier.CHANGE_IDEA: 128,
    },
)

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
KEY_UNCONFIRMED = "Dashed line: link not confirmed"
NO_DRIVERS = "No drivers yet"
THEORY_HEADING = "Theory of change"


LONG_WORD = 50
"""No word of prose is longer; a longer one (a URL, a hash, hostile text) is cut to
fit its box. Graphviz cannot read a run of more than 16,384 characters without a
line break in a label at all."""
# what textwrap takes for one word: a run of anything but ASCII whitespace
_LONG_WORD = re.compile(rf"[^ \t\n\x0b\x0c\r]{{{LONG_WORD + 1},}}")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters; a word is split only when it is longer
    than ``LONG_WORD`` (then into pieces of ``width``)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        paragraph = _LONG_WORD.sub(lambda m: _pieces(m.group(0), width), paragraph)
        lines.extend(
            textwrap.wrap(paragraph, width=width, break_long_words=False, break_on_hyphens=False)
            or [""]
        )
    return lines


def _pieces(word: str, width: int) -> str:
    return " ".join(word[i : i + width] for i in range(0, len(word), width))


def html_lines(text: str, width: int) -> str:
    """Wrapped, escaped lines joined with left-aligned breaks."""
    return '<BR ALIGN="LEFT"/>'.join(escape(line, quote=True) for line in wrap(text, width))


def _font(text: str, size: int, colour: str, *, bold: bool = False) -> str:
    inner = f"<B>{text}</B>" if bold else text
    return f'<FONT POINT-SIZE="{size}" COLOR="{colour}">{inner}</FONT>'


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


def node_label(node: Node, theme: Theme, sizes: Sizes = ACROSS, *, unlinked: bool = False) -> str:
    style = theme.tier(node.tier)
    tier = node.tier
    bold = tier in (Tier.AIM, Tier.PRIMARY)
    rows = [_font(html_lines(node.title, sizes.wrap[tier]), TEXT_SIZE, style.text, bold=bold)]
    if node.description:
        rows.append(
            _font(
                html_lines(node.description, sizes.detail_wrap[tier]),
                DETAIL_SIZE,
                style.detail_text,
            )
        )
    facts = node_facts(node, unlinked=unlinked)
    if facts:
        rows.append(
            _font(html_lines(facts, sizes.detail_wrap[tier]), DETAIL_SIZE, style.detail_text)
        )
    badge = node.number if tier is not Tier.AIM else "Aim"
    return _box(style, badge, rows, sizes.text_width[tier])


AIM_PORTS = ("upper", "middle", "lower")
"""Ports along the aim's side facing the causes (its right side left to right, its
bottom top to bottom; 'upper' is the left end there), when its links are spread over
that side: see :class:`.dot_layout.Tuning`."""


def aim_label(diagram: Diagram, theme: Theme, sizes: Sizes = ACROSS, *, ports: bool = False) -> str:
    node = diagram.aim_node
    style = theme.tier(Tier.AIM)
    rows = [
        _font(html_lines(node.title, sizes.wrap[Tier.AIM]), TEXT_SIZE + 1, style.text, bold=True)
    ]
    if node.description:
        rows.append(
            _font(
                html_lines(node.description, sizes.detail_wrap[Tier.AIM]), DETAIL_SIZE, style.text
            )
        )
    width = sizes.text_width[Tier.AIM]
    for fact in aim_facts(diagram):
        rows.append(_font(html_lines(fact, sizes.detail_wrap[Tier.AIM]), DETAIL_SIZE, style.text))
    table = (
        f'<TABLE BORDER="{style.border_width}" CELLBORDER="0" CELLSPACING="2" '
        f'CELLPADDING="5" STYLE="rounded" BGCOLOR="{style.fill}" COLOR="{style.border}">'
    )
    if not ports:
        return (
            f"<{table}"
            + "".join(
                f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" WIDTH="{width}">{row}</TD></TR>'
                for row in rows
            )
            + "</TABLE>>"
        )
    # the box as it is drawn without ports, beside (above, top to bottom) three empty
    # cells outside its border whose sides are the ports: the links meet the aim's side
    # at three points, their arrowheads on the border, not over the aim's fill
    box = (
        f"{table}"
        + "".join(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" WIDTH="{width}">{row}</TD></TR>' for row in rows
        )
        + "</TABLE>"
    )
    outer = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
    if sizes is DOWN:  # a row of three empty cells along the bottom, under the box
        return (
            f'<{outer}<TR><TD COLSPAN="3">{box}</TD></TR><TR>'
            + "".join(f'<TD PORT="{port}" HEIGHT="1"></TD>' for port in AIM_PORTS)
            + "</TR></TABLE>>"
        )
    cells = [f'<TD ROWSPAN="3">{box}</TD>', "", ""]
    return (
        f"<{outer}"
        + "".join(
            f'<TR>{cell}<TD PORT="{port}" WIDTH="1"></TD></TR>'
            for cell, port in zip(cells, AIM_PORTS, strict=True)
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


def node_facts(node: Node, *, unlinked: bool) -> str | None:
    """'Status: testing. Priority: high', 'Not yet linked' (``unlinked``: see
    :func:`.links.hangs_from_nothing`), or None."""
    facts = []
    if unlinked:
        facts.append("Not yet linked")
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


def legend_cell(theme: Theme, *, unconfirmed: bool = False) -> str:
    """'Key': a solid line sample for strong links, a dotted one for weak links (and a
    dashed one for links not confirmed, when the diagram has any)."""
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
    width, height = (210, 84) if unconfirmed else (190, 62)
    return (
        '<TABLE ALIGN="LEFT" BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1" '
        f'FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{height}">'
        f'<TR><TD ALIGN="LEFT" COLSPAN="2">{_font(KEY, size, text, bold=True)}</TD></TR>'
        + row("solid", KEY_STRONG)
        + row("dotted", KEY_WEAK)
        + (row("dashed", KEY_UNCONFIRMED) if unconfirmed else "")
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
        unconfirmed = any(link.unconfirmed for link in diagram.links)
        band.append(legend_cell(theme, unconfirmed=unconfirmed))
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


def heading_label(lines: list[str], theme: Theme) -> str:
    """A column heading: one line per kind of box in the column ('' keeps a line empty)."""
    rows = "".join(
        '<TR><TD ALIGN="LEFT">'
        + _font(escape(text), HEADING_SIZE, theme.heading, bold=True)
        + "</TD></TR>"
        if text
        else f'<TR><TD HEIGHT="{HEADING_SIZE + 3}"></TD></TR>'
        for text in lines
    )
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="1">' + rows + "</TABLE>>"
