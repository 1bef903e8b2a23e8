"""An accessible Word document (format ``docx``): the drawing, then its text version.

The document holds what the HTML page holds, in the same words: the title and
summary, the drawing (a PNG from Graphviz, with alt text), the full text version
(headings, nested lists, the measures table with a repeating header row, the
glossary) and the facts about the diagram. It is written from the page's own
markup (:mod:`..html.page`, through :mod:`.wordhtml`), so the two cannot drift
apart. A4 pages; the document's language is the diagram's, its title the
diagram's; the bytes are the same at every run (:mod:`.package`).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docx import Document
from docx.shared import Cm, Emu

from ...diagram import clean
from ..html.page import body
from ..html.richtext import RichText
from ..html.view import page_view
from ..raster import PNG_DPI
from ..raster import render as render_raster
from ..svg import description
from ..theme import get_theme
from .package import set_core_properties, stable_zip, xml_text
from .wordhtml import Style, WordWriter, parse
from .wordml import add_link_style, restyle, set_document_language, set_picture_alt_text

if TYPE_CHECKING:  # pragma: no cover
    from docx.text.paragraph import Paragraph

    from ...diagram import Diagram
    from .. import RenderOptions

A4 = (Cm(21), Cm(29.7))
MARGIN = Cm(2)
DRAWING = "<svg></svg>"
"""Where the page has the drawing: the writer puts the picture there."""


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "docx") -> bytes:
    theme = get_theme(options.theme)
    png = render_raster(diagram, options, fmt="png")
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = A4
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN
    language = diagram.meta.language
    set_document_language(document, language)
    add_link_style(document)
    restyle(document, theme.font, theme.heading)

    def picture(paragraph: Paragraph) -> None:
        width, height = _picture_size(png, A4[0], A4[1])
        paragraph.add_run().add_picture(io.BytesIO(png), width=width, height=height)
        set_picture_alt_text(
            paragraph,
            xml_text(f"Driver diagram: {clean(diagram.title)}"),
            xml_text(description(diagram)),
        )

    view = page_view(diagram, options)
    page = body(view, DRAWING, RichText(diagram.glossary, view.lang))
    WordWriter(document, language, picture).blocks(parse(page), Style())
    set_core_properties(document.core_properties, diagram)
    out = io.BytesIO()
    document.save(out)
    return stable_zip(out.getvalue())


def _picture_size(png: bytes, page_width: int, page_height: int) -> tuple[Emu, Emu]:
    """The drawing's size at Graphviz's resolution, shrunk to fit the page inside its margins."""
    width_px = int.from_bytes(png[16:20], "big")  # the PNG's IHDR chunk
    height_px = int.from_bytes(png[20:24], "big")
    emu_per_pixel = 914400 / PNG_DPI
    width, height = width_px * emu_per_pixel, height_px * emu_per_pixel
    room_width = page_width - 2 * MARGIN
    room_height = page_height - 2 * MARGIN - Cm(8)  # room for the title above, caption below
    scale = min(1.0, room_width / width, room_height / height)
    return Emu(round(width * scale)), Emu(round(height * scale))
