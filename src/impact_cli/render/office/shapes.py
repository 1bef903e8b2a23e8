"""The shapes of a driver diagram on a slide: boxes, headings, links, the banner and key.

:class:`Drawing` adds them to one group shape, in the order a screen reader reads them
(:mod:`.slide` decides where each goes). A box is a rounded rectangle with its number
and text; a link is a straight connector glued to its two boxes (``begin_connect``,
``end_connect``), so that moving a box keeps its links, with an arrowhead where it
meets the box it supports and dots when it is weak. Connectors are added first, to
be drawn behind the boxes, and marked decorative: the speaker notes state every link
in words. Links are straight because LibreOffice re-routes curved connectors into
loops. Every colour is the theme's and set on the shape (no theme shape styles).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from ...diagram import Link, Measure, Node, Tier, clean
from .. import dot, dot_layout
from .. import dot_labels as labels
from ..links import hangs_from_nothing
from ..textwords import capitalise, ref
from ..theme import TEXT_MINIMUM, contrast_ratio
from .drawingml import arrowhead_at_end, mark_decorative, no_style, set_language
from .layout import Box, Layout, sites
from .package import xml_text

if TYPE_CHECKING:  # pragma: no cover
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.connector import Connector
    from pptx.shapes.group import GroupShape
    from pptx.shapes.shapetree import GroupShapes
    from pptx.text.text import TextFrame

    from ...diagram import Diagram
    from .. import RenderOptions
    from ..theme import Theme, TierStyle

EMU_PER_POINT = 12700
INSET = 5.0
"""Points between a box's border and its text."""
CORNER = 6.0
"""The radius of a box's rounded corners, in points."""
LINE_SPACING = 1.2
PARAGRAPH_SPACE = 2.0
"""Points above each paragraph but the first."""
KEY_WIDTH, KEY_HEIGHT = 190.0, 62.0


def key_size(diagram: Diagram) -> tuple[float, float]:
    """The key's width and height: a third row when some link is not confirmed."""
    unconfirmed = any(link.unconfirmed for link in diagram.links)
    return KEY_WIDTH, KEY_HEIGHT + (22.0 if unconfirmed else 0.0)


"""The key's size, as in the SVG."""
KEY_SAMPLE, KEY_TEXT = 40.0, 46.0
"""The length of a line in the key, and where its words start."""
ENGLISH = "en-GB"
"""The language of impact's own words on the slide (headings, the key)."""

Runs = list[tuple[str, int, str, bool]]
"""A paragraph: (text, size in points, colour, bold) for each run."""


class Placement(NamedTuple):
    """Layout points to slide EMU: scaled, then moved."""

    scale: float
    left: float
    top: float

    def x(self, value: float) -> Emu:
        return Emu(round(self.left + value * self.scale * EMU_PER_POINT))

    def y(self, value: float) -> Emu:
        return Emu(round(self.top + value * self.scale * EMU_PER_POINT))

    def length(self, value: float) -> Emu:
        return Emu(max(1, round(value * self.scale * EMU_PER_POINT)))

    def size(self, points: float) -> Pt:
        return Pt(round(points * self.scale, 1))


class Rect(NamedTuple):
    x: float
    y: float
    width: float
    height: float


def theory_parts(diagram: Diagram) -> list[tuple[str, str]]:
    """The theory of change's ('If we', text) parts that are given."""
    theory = diagram.theory
    return [(name, value) for name, value in theory.parts if value] if theory else []


class Drawing:
    """Adds shapes to the diagram's group, in reading order."""

    def __init__(
        self, group: GroupShape, place: Placement, theme: Theme, font: str | None, language: str
    ) -> None:
        self.group = group
        self.shapes: GroupShapes = group.shapes
        self.place = place
        self.theme = theme
        self.font = font
        self.language = language
        self.by_id: dict[str, Shape] = {}
        self.pending: list[tuple[Connector, str, int, str, int]] = []

    # --- boxes and headings ---------------------------------------------------------------

    def boxes(
        self, diagram: Diagram, options: RenderOptions, layout: Layout, at: tuple[float, float]
    ) -> None:
        """Each column's heading, then its boxes, top to bottom; the layout's origin ``at``."""
        for index, (heading_id, heading, members) in enumerate(dot.columns(diagram, options)):
            box = layout.boxes[heading_id]
            self.text_box(
                Rect(box.x + at[0], box.y + at[1], box.width, box.height),
                [[(line, labels.HEADING_SIZE, self.theme.heading, True)] for line in heading],
                name=f"Column heading: {' / '.join(heading)}",
                align=PP_ALIGN.CENTER,
                language=ENGLISH,
                wrap=False,
            )
            for item in members:
                ident = dot.box_id(item)
                self.by_id[ident] = self.box(diagram, item, layout.boxes[ident], at)
            if index == 0 and not diagram.counts[Tier.PRIMARY]:  # read after the aim
                self.no_drivers(diagram, layout, at)

    def no_drivers(self, diagram: Diagram, layout: Layout, at: tuple[float, float]) -> None:
        """The drawing's placeholder for an aim with no drivers yet: the primary drivers'
        heading over a dashed box that says so."""
        heading, box = layout.boxes[dot.NO_DRIVERS_HEADING], layout.boxes[dot.NO_DRIVERS]
        words = dot_layout.heading(diagram, "primary_drivers")
        self.text_box(
            Rect(heading.x + at[0], heading.y + at[1], heading.width, heading.height),
            [[(words, labels.HEADING_SIZE, self.theme.heading, True)]],
            name=f"Column heading: {words}",
            align=PP_ALIGN.CENTER,
            language=ENGLISH,
            wrap=False,
        )
        shape = self.text_box(
            Rect(box.x + at[0], box.y + at[1], box.width, box.height),
            [[(labels.NO_DRIVERS, labels.TEXT_SIZE, self.theme.subtle, False)]],
            name=labels.NO_DRIVERS,
            align=PP_ALIGN.CENTER,
            language=ENGLISH,
        )
        shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        shape.line.color.rgb = rgb(self.theme.line)
        shape.line.width = self.place.size(1.0)
        shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH

    def box(
        self, diagram: Diagram, item: Node | Measure, box: Box, at: tuple[float, float]
    ) -> Shape:
        if isinstance(item, Measure):
            style, name = self.theme.measure, f"Measure {item.number}"
            paragraphs = numbered(item.number, item.name, style, bold=False)
            details = labels.measure_facts(diagram, item)
        elif item.tier is Tier.AIM:
            style, name = self.theme.tier(Tier.AIM), "Aim"
            paragraphs = [[(clean(item.title), labels.TEXT_SIZE + 1, style.text, True)]]
            details = [d for d in (item.description, *labels.aim_facts(diagram)) if d]
        else:
            style, name = self.theme.tier(item.tier), item.label
            bold = item.tier is Tier.PRIMARY
            paragraphs = numbered(item.number, item.title, style, bold=bold)
            details = [
                d
                for d in (
                    item.description,
                    labels.node_facts(item, unlinked=hangs_from_nothing(diagram, item)),
                )
                if d
            ]
        colour = style.text if item is diagram.aim_node else style.detail_text
        paragraphs += [[(clean(detail), labels.DETAIL_SIZE, colour, False)] for detail in details]

        rect = Rect(box.x + at[0], box.y + at[1], box.width, box.height)
        shape = self.rounded(rect, style, name)
        self.write(shape.text_frame, paragraphs)
        return shape

    def rounded(self, rect: Rect, style: TierStyle, name: str) -> Shape:
        """A rounded rectangle in ``style``'s fill and border."""
        place = self.place
        shape = self.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE,
            place.x(rect.x),
            place.y(rect.y),
            place.length(rect.width),
            place.length(rect.height),
        )
        no_style(shape)
        shape.name = name
        shape.adjustments[0] = min(0.5, CORNER / min(rect.width, rect.height))
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(style.fill)
        shape.line.color.rgb = rgb(style.border)
        shape.line.width = place.size(style.border_width)
        return shape

    def text_box(
        self,
        rect: Rect,
        paragraphs: list[Runs],
        *,
        name: str,
        align: PP_ALIGN = PP_ALIGN.LEFT,
        language: str | None = None,
        wrap: bool = True,
    ) -> Shape:
        """Text with no border; ``wrap`` False for one line that must not break (a heading)."""
        place = self.place
        shape = self.shapes.add_textbox(
            place.x(rect.x), place.y(rect.y), place.length(rect.width), place.length(rect.height)
        )
        shape.name = name
        self.write(shape.text_frame, paragraphs, align=align, inset=0.0, language=language)
        shape.text_frame.word_wrap = wrap
        return shape

    def write(
        self,
        frame: TextFrame,
        paragraphs: list[Runs],
        *,
        align: PP_ALIGN = PP_ALIGN.LEFT,
        inset: float = INSET,
        language: str | None = None,
    ) -> None:
        """The paragraphs into ``frame``, which keeps its size: Graphviz sized it for the
        theme's font. Text in a template's font, which may be wider, shrinks to fit."""
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE if self.font else MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        frame.vertical_anchor = MSO_ANCHOR.TOP
        margin = self.place.length(inset) if inset else Emu(0)
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = margin
        for index, runs in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.alignment = align
            if index:
                paragraph.space_before = self.place.size(PARAGRAPH_SPACE)
            for text, size, colour, bold in runs:
                run = paragraph.add_run()
                run.text = xml_text(text)
                run.font.size = self.place.size(size)
                run.font.bold = bold
                run.font.color.rgb = rgb(colour)
                if self.font:
                    run.font.name = self.font
                set_language(run, language or self.language)

    # --- the banner ------------------------------------------------------------------------

    def theory(self, diagram: Diagram, rect: Rect) -> None:
        style = self.theme.theory
        shape = self.rounded(rect, style, labels.THEORY_HEADING)
        size = labels.DETAIL_SIZE + 1
        paragraphs: list[Runs] = [[(labels.THEORY_HEADING, labels.TEXT_SIZE, style.text, True)]]
        for name, value in theory_parts(diagram):
            paragraphs.append(
                [
                    (name, size, style.text, True),
                    (f" {clean(value)}", size, style.detail_text, False),
                ]
            )
        self.write(shape.text_frame, paragraphs)

    def key(self, rect: Rect, *, unconfirmed: bool = False) -> None:
        """'Key', then a solid and a dotted line (and a dashed one for links not confirmed,
        when the diagram has any), each with what it means: the drawing's key."""
        theme, size = self.theme, labels.DETAIL_SIZE + 1
        rows = [("strong", labels.KEY_STRONG), ("weak", labels.KEY_WEAK)]
        if unconfirmed:
            rows.append(("unconfirmed", labels.KEY_UNCONFIRMED))
        row = (rect.height - size * LINE_SPACING) / len(rows)
        self.text_box(
            Rect(rect.x, rect.y, rect.width, size * LINE_SPACING),
            [[(labels.KEY, size, theme.subtle, True)]],
            name=labels.KEY,
            language=ENGLISH,
            wrap=False,
        )
        for index, (kind, words) in enumerate(rows):
            top = rect.y + size * LINE_SPACING + index * row
            middle = top + row / 2
            sample = self.shapes.add_connector(
                MSO_CONNECTOR.STRAIGHT,
                self.place.x(rect.x),
                self.place.y(middle),
                self.place.x(rect.x + KEY_SAMPLE),
                self.place.y(middle),
            )
            sample.name = f"{labels.KEY}: {kind} link line"
            self.style_line(sample, kind)
            mark_decorative(sample)
            self.text_box(
                Rect(rect.x + KEY_TEXT, top, rect.width - KEY_TEXT, row),
                [[(words, size, theme.subtle, False)]],
                name=f"{labels.KEY}: {words}",
                language=ENGLISH,
                wrap=False,
            )

    # --- links ------------------------------------------------------------------------------

    def links(self, diagram: Diagram, layout: Layout) -> None:
        """A connector per link, from the supporting box to the one it supports (the arrow).

        The boxes do not exist yet (connectors go first, to be drawn behind them), so
        each connector is glued to its boxes once they do: see ``glue``.
        """
        for link in diagram.links:
            source, target = diagram.nodes[link.source], diagram.nodes[link.target]
            source_id, target_id = dot.node_id(source), dot.node_id(target)
            begin_site, end_site = sites(layout.boxes[source_id], layout.boxes[target_id])
            connector = self.shapes.add_connector(
                MSO_CONNECTOR.STRAIGHT, Emu(0), Emu(0), Emu(1), Emu(1)
            )
            connector.name = f"Link: {capitalise(ref(source))} supports {ref(target)}"
            self.style_line(connector, line_kind(link))
            arrowhead_at_end(connector)
            mark_decorative(connector)
            self.pending.append((connector, source_id, begin_site, target_id, end_site))

    def glue(self) -> None:
        """Each connector's ends to its boxes' connection sites (which moves them there)."""
        for connector, source_id, begin_site, target_id, end_site in self.pending:
            connector.begin_connect(self.by_id[source_id], begin_site)
            connector.end_connect(self.by_id[target_id], end_site)

    def style_line(self, line: Connector, kind: str) -> None:
        """A link's line as the drawing has it: solid, dotted when weak, dashed when not
        confirmed (a dotted line is drawn a little wider, to be seen)."""
        no_style(line)
        line.line.color.rgb = rgb(self.theme.line)
        line.line.width = Pt(max(0.5, (1.8 if kind == "weak" else 1.2) * self.place.scale))
        if kind == "weak":
            line.line.dash_style = MSO_LINE_DASH_STYLE.ROUND_DOT
        elif kind == "unconfirmed":
            line.line.dash_style = MSO_LINE_DASH_STYLE.DASH


def line_kind(link: Link) -> str:
    """'strong', 'weak' or 'unconfirmed': how a link's line is drawn."""
    return "unconfirmed" if link.unconfirmed else "weak" if link.weak else "strong"


def numbered(number: str, text: str, style: TierStyle, *, bold: bool) -> list[Runs]:
    """The first paragraph of a box: its number, then its text."""
    colour = style.badge_fill
    if contrast_ratio(colour, style.fill) < TEXT_MINIMUM:
        colour = style.text
    return [
        [
            (number, labels.TEXT_SIZE, colour, True),
            ("  ", labels.TEXT_SIZE, style.text, bold),
            (clean(text), labels.TEXT_SIZE, style.text, bold),
        ]
    ]


def rgb(colour: str) -> RGBColor:
    """'#005EB8' as python-pptx's colour."""
    value = int(colour.lstrip("#"), 16)
    return RGBColor(value >> 16, (value >> 8) & 0xFF, value & 0xFF)
