"""One driver diagram drawn on a slide as native, editable PowerPoint shapes.

Every box is a rounded rectangle holding its number and text; every link is a
connector glued to its two boxes (``begin_connect``/``end_connect``), so moving a
box in PowerPoint keeps its links attached. Boxes, headings and links are where
Graphviz put them for the SVG (:mod:`.layout`), scaled to fit the slide; above
them, as in the SVG's banner, are the subtitle, the theory of change and the key.
Text sizes are the SVG's, scaled with the drawing.

All of it is one group shape whose alt text names the diagram and says what it
holds. Inside, in reading order: the subtitle, the theory of change, each column
heading followed by its boxes, then the key. The connectors come first, so that
they are drawn behind the boxes, and are marked decorative: the speaker notes
state every link in words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from ...diagram import Measure, Node, Tier, clean
from .. import dot
from ..svg import description
from ..textwords import capitalise, ref
from ..theme import TEXT_MINIMUM, contrast_ratio
from .drawingml import (
    arrowhead_at_end,
    mark_decorative,
    no_style,
    set_alt_text,
    set_language,
)
from .layout import Box, Layout, graphviz_layout, sites
from .package import xml_text

if TYPE_CHECKING:  # pragma: no cover
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.connector import Connector
    from pptx.shapes.group import GroupShape
    from pptx.shapes.shapetree import GroupShapes, SlideShapes
    from pptx.text.text import TextFrame

    from ...diagram import Diagram
    from .. import RenderOptions
    from ..theme import Theme, TierStyle

EMU_PER_POINT = 12700
MAX_SCALE = 1.5
"""A small diagram is enlarged to fill the slide, but not beyond this."""
GAP = 12.0
"""Points between the parts of the banner, and between the banner and the boxes."""
INSET = 5.0
"""Points between a box's border and its text."""
CORNER = 6.0
"""The radius of a box's rounded corners, in points."""
LINE_SPACING = 1.2
PARAGRAPH_SPACE = 2.0
"""Points above each paragraph but the first."""
CHAR_WIDTH = 0.55
"""The average width of a character in ems, to estimate how text wraps (a little wide)."""
BAND_WIDTH = 560.0
"""The least width of the banner, so the theory of change has room in a narrow diagram."""
KEY_WIDTH, KEY_HEIGHT, KEY_SAMPLE = 190.0, 62.0, 40.0
ENGLISH = "en-GB"
"""The language of impact's own words on the slide (headings, the key)."""

Runs = list[tuple[str, int, str, bool]]
"""A paragraph: (text, size in points, colour, bold) for each run."""


class Area(NamedTuple):
    """Where on the slide to draw, in EMU."""

    left: int
    top: int
    width: int
    height: int


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


class Banner(NamedTuple):
    """What is drawn above the boxes, in layout points (the boxes start at ``height``)."""

    width: float
    height: float
    subtitle: Rect | None
    theory: Rect | None
    key: Rect | None


def draw_diagram(
    shapes: SlideShapes,
    diagram: Diagram,
    options: RenderOptions,
    theme: Theme,
    area: Area,
    *,
    font: str | None,
) -> GroupShape:
    """The diagram as one group of shapes inside ``area``; ``font`` None keeps the template's."""
    layout = graphviz_layout(diagram, options)
    banner = plan_banner(diagram, options, layout.width)
    width = max(layout.width, banner.width)
    height = banner.height + layout.height
    scale = min(area.width / EMU_PER_POINT / width, area.height / EMU_PER_POINT / height, MAX_SCALE)
    left = area.left + (area.width - width * scale * EMU_PER_POINT) / 2
    place = Placement(scale, left, area.top)
    drawing = _Drawing(shapes.add_group_shape(), place, theme, font, diagram.meta.language)

    drawing.links(diagram, layout)
    if banner.subtitle and diagram.meta.subtitle:
        drawing.text_box(
            banner.subtitle,
            [[(clean(diagram.meta.subtitle), dot.SUBTITLE_SIZE, theme.subtle, False)]],
            name="Subtitle",
        )
    if banner.theory and diagram.theory:
        drawing.theory(diagram, banner.theory)
    drawing.boxes(diagram, options, layout, banner.height)
    drawing.glue()
    if banner.key:
        drawing.key(banner.key)

    group = drawing.group
    group.name = xml_text(clean(diagram.title))
    set_alt_text(group, f"Driver diagram: {clean(diagram.title)}", description(diagram))
    return group


def plan_banner(diagram: Diagram, options: RenderOptions, boxes_width: float) -> Banner:
    """Where the subtitle, the theory of change and the key go, above the boxes."""
    subtitle = diagram.meta.subtitle
    theory = _theory_parts(diagram) if options.show_theory else []
    key = any(link.weak for link in diagram.links)
    if not (subtitle or theory or key):
        return Banner(boxes_width, 0.0, None, None, None)
    width = max(boxes_width, BAND_WIDTH)
    y = 0.0
    subtitle_rect = None
    if subtitle:
        height = text_height(subtitle, width, dot.SUBTITLE_SIZE)
        subtitle_rect = Rect(0.0, y, width, height)
        y += height + GAP / 2
    theory_rect = key_rect = None
    row = 0.0
    if key:
        key_rect = Rect(width - KEY_WIDTH, y, KEY_WIDTH, KEY_HEIGHT)
        row = KEY_HEIGHT
    if theory:
        theory_width = width - (KEY_WIDTH + GAP if key else 0.0)
        inner = theory_width - 2 * INSET
        height = 2 * INSET + dot.TEXT_SIZE * LINE_SPACING
        height += sum(
            text_height(f"{name} {value}", inner, dot.DETAIL_SIZE + 1) + PARAGRAPH_SPACE
            for name, value in theory
        )
        theory_rect = Rect(0.0, y, theory_width, height)
        row = max(row, height)
    return Banner(width, y + row + GAP, subtitle_rect, theory_rect, key_rect)


def text_height(text: str, width: float, size: float) -> float:
    """About how tall ``text`` is when wrapped to ``width`` points at ``size``."""
    per_line = max(4, int(width / (size * CHAR_WIDTH)))
    return len(dot.wrap(clean(text), per_line)) * size * LINE_SPACING


def _theory_parts(diagram: Diagram) -> list[tuple[str, str]]:
    theory = diagram.theory
    return [(name, value) for name, value in theory.parts if value] if theory else []


class _Drawing:
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

    def boxes(self, diagram: Diagram, options: RenderOptions, layout: Layout, top: float) -> None:
        """Each column's heading, then its boxes, top to bottom."""
        for heading_id, heading, members in dot.columns(diagram, options):
            box = layout.boxes[heading_id]
            self.text_box(
                Rect(box.x, box.y + top, box.width, box.height),
                [[(heading, dot.HEADING_SIZE, self.theme.heading, True)]],
                name=f"Column heading: {heading}",
                align=PP_ALIGN.CENTER,
                language=ENGLISH,
                wrap=False,
            )
            for item in members:
                ident = dot.box_id(item)
                self.by_id[ident] = self.box(diagram, item, layout.boxes[ident], top)

    def box(self, diagram: Diagram, item: Node | Measure, box: Box, top: float) -> Shape:
        if isinstance(item, Measure):
            style, name = self.theme.measure, f"Measure {item.number}"
            paragraphs = _numbered(item.number, item.name, style, bold=False)
            details = dot.measure_facts(diagram, item)
        elif item.tier is Tier.AIM:
            style, name = self.theme.tier(Tier.AIM), "Aim"
            paragraphs = [[(clean(item.title), dot.TEXT_SIZE + 1, style.text, True)]]
            details = [d for d in (item.description, *dot.aim_facts(diagram)) if d]
        else:
            style, name = self.theme.tier(item.tier), item.label
            bold = item.tier is Tier.PRIMARY
            paragraphs = _numbered(item.number, item.title, style, bold=bold)
            details = [d for d in (item.description, dot.node_facts(item)) if d]
        colour = style.text if item is diagram.aim_node else style.detail_text
        paragraphs += [[(clean(detail), dot.DETAIL_SIZE, colour, False)] for detail in details]

        rect = Rect(box.x, box.y + top, box.width, box.height)
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
        shape = self.rounded(rect, style, dot.THEORY_HEADING)
        size = dot.DETAIL_SIZE + 1
        paragraphs: list[Runs] = [[(dot.THEORY_HEADING, dot.TEXT_SIZE, style.text, True)]]
        for name, value in _theory_parts(diagram):
            paragraphs.append(
                [
                    (name, size, style.text, True),
                    (f" {clean(value)}", size, style.detail_text, False),
                ]
            )
        self.write(shape.text_frame, paragraphs)

    def key(self, rect: Rect) -> None:
        """'Key', then a solid and a dotted line, each with what it means."""
        theme, size = self.theme, dot.DETAIL_SIZE + 1
        row = (rect.height - size * LINE_SPACING) / 2
        self.text_box(
            Rect(rect.x, rect.y, rect.width, size * LINE_SPACING),
            [[(dot.KEY, size, theme.subtle, True)]],
            name=dot.KEY,
            language=ENGLISH,
            wrap=False,
        )
        for index, (words, weak) in enumerate(((dot.KEY_STRONG, False), (dot.KEY_WEAK, True))):
            top = rect.y + size * LINE_SPACING + index * row
            middle = top + row / 2
            sample = self.shapes.add_connector(
                MSO_CONNECTOR.STRAIGHT,
                self.place.x(rect.x),
                self.place.y(middle),
                self.place.x(rect.x + KEY_SAMPLE),
                self.place.y(middle),
            )
            sample.name = f"{dot.KEY}: {'weak' if weak else 'strong'} link line"
            self.style_line(sample, weak=weak)
            mark_decorative(sample)
            self.text_box(
                Rect(rect.x + KEY_SAMPLE + GAP / 2, top, rect.width - KEY_SAMPLE - GAP / 2, row),
                [[(words, size, theme.subtle, False)]],
                name=f"{dot.KEY}: {words}",
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
            self.style_line(connector, weak=link.weak)
            arrowhead_at_end(connector)
            mark_decorative(connector)
            self.pending.append((connector, source_id, begin_site, target_id, end_site))

    def glue(self) -> None:
        """Each connector's ends to its boxes' connection sites (which moves them there)."""
        for connector, source_id, begin_site, target_id, end_site in self.pending:
            connector.begin_connect(self.by_id[source_id], begin_site)
            connector.end_connect(self.by_id[target_id], end_site)

    def style_line(self, line: Connector, *, weak: bool) -> None:
        no_style(line)
        line.line.color.rgb = rgb(self.theme.line)
        line.line.width = Pt(max(0.5, (1.8 if weak else 1.2) * self.place.scale))
        if weak:
            line.line.dash_style = MSO_LINE_DASH_STYLE.ROUND_DOT


def _numbered(number: str, text: str, style: TierStyle, *, bold: bool) -> list[Runs]:
    """The first paragraph of a box: its number, then its text."""
    colour = style.badge_fill
    if contrast_ratio(colour, style.fill) < TEXT_MINIMUM:
        colour = style.text
    return [
        [
            (number, dot.TEXT_SIZE, colour, True),
            ("  ", dot.TEXT_SIZE, style.text, bold),
            (clean(text), dot.TEXT_SIZE, style.text, bold),
        ]
    ]


def rgb(colour: str) -> RGBColor:
    """'#005EB8' as python-pptx's colour."""
    value = int(colour.lstrip("#"), 16)
    return RGBColor(value >> 16, (value >> 8) & 0xFF, value & 0xFF)
