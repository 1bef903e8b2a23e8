"""Where a driver diagram goes on a slide, and drawing it there as native shapes.

The boxes, headings and links are where Graphviz put them for the SVG (:mod:`.layout`);
above them, as in the SVG's banner, are the subtitle, the theory of change and the key.
The whole is scaled to fit the slide, text sizes with it (as a picture of the SVG
would be), and drawn by :mod:`.shapes` as one group whose alt text names the diagram
and says what it holds. Inside, in reading order: the subtitle, the theory of change,
each column heading followed by its boxes, then the key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ...diagram import clean
from .. import dot_labels as labels
from ..svg import description
from .drawingml import set_alt_text
from .layout import graphviz_layout
from .package import xml_text
from .shapes import (
    EMU_PER_POINT,
    INSET,
    KEY_WIDTH,
    LINE_SPACING,
    PARAGRAPH_SPACE,
    Drawing,
    Placement,
    Rect,
    key_size,
    theory_parts,
)

if TYPE_CHECKING:  # pragma: no cover
    from pptx.shapes.group import GroupShape
    from pptx.shapes.shapetree import SlideShapes

    from ...diagram import Diagram
    from .. import RenderOptions
    from ..theme import Theme

MAX_SCALE = 1.5
"""A small diagram is enlarged to fill the slide, but not beyond this."""
GAP = 12.0
"""Points between the parts of the banner, and between the banner and the boxes."""
CHAR_WIDTH = 0.55
"""The average width of a character in ems, to estimate how text wraps (a little wide)."""
BAND_WIDTH = 560.0
"""The least width of the banner above the boxes, so the theory of change has room."""
SIDE_WIDTH = 240.0
"""The width of the banner beside the boxes (the width of a theory part in the SVG)."""


class Area(NamedTuple):
    """Where on the slide to draw, in EMU."""

    left: int
    top: int
    width: int
    height: int


class Banner(NamedTuple):
    """Where the banner's parts and the boxes go, in layout points."""

    width: float
    height: float
    boxes: tuple[float, float]
    """Where the top-left corner of the boxes' layout goes."""
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
    room = (area.width / EMU_PER_POINT, area.height / EMU_PER_POINT)
    # the banner above the boxes, or beside them when that lets them be larger (a tall
    # diagram on a wide slide)
    banner = max(
        (
            plan_banner(diagram, options, layout.width, layout.height, beside=False),
            plan_banner(diagram, options, layout.width, layout.height, beside=True),
        ),
        key=lambda plan: _scale(plan, room),
    )
    scale = _scale(banner, room)
    left = area.left + (area.width - banner.width * scale * EMU_PER_POINT) / 2
    place = Placement(scale, left, area.top)
    drawing = Drawing(shapes.add_group_shape(), place, theme, font, diagram.meta.language)

    drawing.links(diagram, layout)
    if banner.subtitle and diagram.meta.subtitle:
        drawing.text_box(
            banner.subtitle,
            [[(clean(diagram.meta.subtitle), labels.SUBTITLE_SIZE, theme.subtle, False)]],
            name="Subtitle",
        )
    if banner.theory and diagram.theory:
        drawing.theory(diagram, banner.theory)
    drawing.boxes(diagram, options, layout, banner.boxes)
    drawing.glue()
    if banner.key:
        drawing.key(banner.key, unconfirmed=any(link.unconfirmed for link in diagram.links))

    group = drawing.group
    group.name = xml_text(clean(diagram.title))
    set_alt_text(group, f"Driver diagram: {clean(diagram.title)}", description(diagram))
    return group


def _scale(banner: Banner, room: tuple[float, float]) -> float:
    return min(room[0] / banner.width, room[1] / banner.height, MAX_SCALE)


def plan_banner(
    diagram: Diagram,
    options: RenderOptions,
    boxes_width: float,
    boxes_height: float,
    *,
    beside: bool,
) -> Banner:
    """Where the subtitle, the theory of change and the key go: in a band above the
    boxes (the key at its right), or in a column to their left."""
    subtitle = diagram.meta.subtitle
    theory = theory_parts(diagram) if options.show_theory else []
    key = any(link.weak or link.unconfirmed for link in diagram.links)
    key_height = key_size(diagram)[1]
    if not (subtitle or theory or key):
        return Banner(boxes_width, boxes_height, (0.0, 0.0), None, None, None)
    width = SIDE_WIDTH if beside else max(boxes_width, BAND_WIDTH)
    y = 0.0
    subtitle_rect = None
    if subtitle:
        height = text_height(subtitle, width, labels.SUBTITLE_SIZE)
        subtitle_rect = Rect(0.0, y, width, height)
        y += height + GAP / 2
    theory_rect = key_rect = None
    theory_width = width - (KEY_WIDTH + GAP if key and not beside else 0.0)
    theory_height = 0.0
    if theory:
        inner = theory_width - 2 * INSET
        theory_height = 2 * INSET + labels.TEXT_SIZE * LINE_SPACING
        theory_height += sum(
            text_height(f"{name} {value}", inner, labels.DETAIL_SIZE + 1) + PARAGRAPH_SPACE
            for name, value in theory
        )
        theory_rect = Rect(0.0, y, theory_width, theory_height)
    if beside:
        if key:
            key_y = y + (theory_height + GAP if theory else 0.0)
            key_rect = Rect(0.0, key_y, KEY_WIDTH, key_height)
            y = key_y + key_height
        else:
            y += theory_height
        return Banner(
            width + GAP + boxes_width,
            max(y, boxes_height),
            (width + GAP, 0.0),
            subtitle_rect,
            theory_rect,
            key_rect,
        )
    if key:
        key_rect = Rect(width - KEY_WIDTH, y, KEY_WIDTH, key_height)
    y += max(theory_height, key_height if key else 0.0) + GAP
    return Banner(width, y + boxes_height, (0.0, y), subtitle_rect, theory_rect, key_rect)


def text_height(text: str, width: float, size: float) -> float:
    """About how tall ``text`` is when wrapped to ``width`` points at ``size``."""
    per_line = max(4, int(width / (size * CHAR_WIDTH)))
    return len(labels.wrap(clean(text), per_line)) * size * LINE_SPACING
