"""The presentation the slides go into: python-pptx's own, or an organisation's template.

A template (``--template``, a .pptx or .potx) gives its slide masters, layouts,
theme fonts and slide size; its own slides are dropped. The slide uses the
template's layout with a title and the fewest other placeholders (a "Title Only"
layout, where there is one).
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from ...diagnostics import printable
from ...errors import ImpactError

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from pptx.presentation import Presentation as Deck
    from pptx.slide import SlideLayout

SIZES = {
    "16:9": (Emu(12192000), Emu(6858000)),
    "4:3": (Emu(9144000), Emu(6858000)),
    "a4": (Emu(9906000), Emu(6858000)),  # PowerPoint's own "A4 Paper" slide size
}
"""``render.SLIDE_SIZES`` in EMU (914,400 to the inch)."""
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_TYPE = (
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
MAX_TEMPLATE_BYTES = 100 * 1024 * 1024


def slide_size(name: str) -> tuple[Emu, Emu]:
    try:
        return SIZES[name.lower()]
    except KeyError:
        raise ImpactError(
            f"unknown slide size '{printable(name)}'", f"choose one of: {', '.join(SIZES)}"
        ) from None


def open_deck(template: Path | None, size: str | None) -> Deck:
    """An empty presentation: python-pptx's own at ``size``, or the template's."""
    if template is None:
        deck = Presentation()
        deck.slide_width, deck.slide_height = slide_size(size or "16:9")
        return deck
    if size is not None:
        raise ImpactError(
            "--slide-size and --template cannot be used together",
            "the template's slide master sets the slide size",
        )
    shown = printable(str(template))
    try:
        with template.open("rb") as handle:
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        raise ImpactError(f"{shown}: cannot read the template ({exc.strerror or exc})") from None
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ImpactError(f"{shown}: the template is larger than 100 MB")
    try:
        deck = Presentation(io.BytesIO(as_presentation(data)))
    except Exception as exc:  # python-pptx raises KeyError, ValueError, lxml errors...
        raise ImpactError(
            f"{shown}: not a PowerPoint presentation or template ({type(exc).__name__})",
            "give a .pptx or .potx file saved by PowerPoint, Keynote or LibreOffice",
        ) from None
    drop_slides(deck)
    return deck


def as_presentation(data: bytes) -> bytes:
    """A .potx's bytes made a .pptx's: python-pptx opens only presentations, and a
    template differs from one only in its main part's content type."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            types = source.read("[Content_Types].xml")
            if TEMPLATE_TYPE not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for info in source.infolist():
                    body = source.read(info)
                    if info.filename == "[Content_Types].xml":
                        body = types.replace(TEMPLATE_TYPE, PRESENTATION_TYPE)
                    target.writestr(info, body)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError):
        return data  # python-pptx says what is wrong with it


def drop_slides(deck: Deck) -> None:
    """Remove the template's own slides (their parts are no longer saved)."""
    slide_ids = deck.element.sldIdLst
    if slide_ids is None:
        return
    for slide_id in list(slide_ids):
        deck.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def title_layout(deck: Deck) -> SlideLayout:
    """The layout with a title and the fewest other placeholders."""
    best: tuple[int, int, SlideLayout] | None = None
    for index, layout in enumerate(deck.slide_layouts):
        # the placeholders a new slide copies (not the date, footer and slide number)
        kinds = [shape.placeholder_format.type for shape in layout.iter_cloneable_placeholders()]
        if not any(kind in TITLES for kind in kinds):
            continue
        others = sum(1 for kind in kinds if kind not in TITLES)
        if best is None or others < best[0]:
            best = (others, index, layout)
    if best is None:
        raise ImpactError(
            "the template has no slide layout with a title placeholder",
            "add a 'Title Only' layout to its slide master",
        )
    return best[2]
