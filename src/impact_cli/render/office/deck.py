"""A PowerPoint deck (format ``pptx``): the diagram as a slide of editable shapes.

One slide per diagram; with ``--split``, an overview slide and one slide per
primary driver (:mod:`..split`). Each slide has its title in the layout's title
placeholder (a screen reader's name for the slide), the diagram as one group of
shapes with alt text (:mod:`.slide`), and the whole accessible outline, the
diagram in words, in its speaker notes.

Without a template, the slide is 16:9 (or 4:3, or A4), its background and text in
the theme's colours and font. With one, the slide master, background and theme
fonts are the template's; the boxes keep the theme's colours, whose contrast is
checked. The bytes are the same at every run (:mod:`.package`).
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING

from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from ...diagram import clean
from ..accessible_outline import accessible_outline
from ..split import split_diagram
from ..theme import get_theme
from .drawingml import set_language
from .package import set_core_properties, stable_zip, xml_text
from .shapes import LINE_SPACING, rgb
from .slide import CHAR_WIDTH, Area, draw_diagram
from .template import open_deck, title_layout

if TYPE_CHECKING:  # pragma: no cover
    from pptx.presentation import Presentation
    from pptx.shapes.autoshape import Shape
    from pptx.slide import SlideLayout

    from ...diagram import Diagram
    from .. import RenderOptions
    from ..theme import Theme

MARGIN = Emu(Pt(24))
TITLE_SIZES = (28, 24, 20, 16, 14)
"""Title sizes to try, largest first: the first that fits in two lines is used."""


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "pptx") -> bytes:
    theme = get_theme(options.theme)
    deck = open_deck(options.template, options.slide_size)
    layout = title_layout(deck)
    parts = [part for _, part in split_diagram(diagram)] if options.split else [diagram]
    for part in parts:
        add_slide(deck, layout, part, options, theme)
    set_core_properties(deck.core_properties, diagram)
    out = io.BytesIO()
    deck.save(out)
    return stable_zip(out.getvalue())


def add_slide(
    deck: Presentation, layout: SlideLayout, diagram: Diagram, options: RenderOptions, theme: Theme
) -> None:
    templated = options.template is not None
    slide = deck.slides.add_slide(layout)
    title = slide.shapes.title
    assert title is not None  # title_layout chose a layout with a title
    for placeholder in list(slide.placeholders):
        if placeholder.shape_id != title.shape_id:
            placeholder.element.getparent().remove(placeholder.element)
    width, height = int(deck.slide_width or 0), int(deck.slide_height or 0)
    if not templated:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = rgb(theme.page)
    _write_title(title, diagram, width, None if templated else theme)

    top = int(title.top or 0) + int(title.height or 0) + MARGIN // 2
    if top > height // 2:  # a template whose title is not at the top
        top = MARGIN
    area = Area(MARGIN, top, width - 2 * MARGIN, height - top - MARGIN)
    draw_diagram(
        slide.shapes, diagram, options, theme, area, font=None if templated else theme.font
    )
    notes = accessible_outline(diagram, options)
    slide.notes_slide.notes_text_frame.text = xml_text(notes.rstrip("\n"))


def _write_title(title: Shape, diagram: Diagram, slide_width: int, theme: Theme | None) -> None:
    """The slide's title: the diagram's. Without a template (``theme`` given), across the
    top in the theme's font and colour, in the largest size that fits it in two lines."""
    text = clean(diagram.title)
    paragraph = title.text_frame.paragraphs[0]
    run = paragraph.add_run()
    run.text = xml_text(text)
    set_language(run, diagram.meta.language)
    title.name = "Title"
    if theme is None:
        return  # the template's title style
    width = slide_width - 2 * MARGIN
    points = width / 12700
    size = next(
        (size for size in TITLE_SIZES if len(text) * size * CHAR_WIDTH <= 2 * points),
        TITLE_SIZES[-1],
    )
    lines = max(1, math.ceil(len(text) * size * CHAR_WIDTH / points))
    title.left, title.top, title.width = MARGIN, Emu(MARGIN // 2), Emu(width)
    title.height = Emu(Pt(lines * size * LINE_SPACING + 8))
    frame = title.text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Emu(0)
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.auto_size = MSO_AUTO_SIZE.NONE
    paragraph.alignment = PP_ALIGN.LEFT
    run.font.size = Pt(size)
    run.font.bold = True
    run.font.name = theme.font
    run.font.color.rgb = rgb(theme.heading)
