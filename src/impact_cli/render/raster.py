"""PNG and PDF, drawn by Graphviz's ``dot`` (cairo) from the same DOT text as the SVG.

PNG at 168 dpi: sharp on high-density screens and in slide decks, without the
file size of print resolution. PDF is vector, so resolution does not apply.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import ImpactError
from .dot import build_dot
from .graphviz_run import pipe

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram
    from . import RenderOptions

PNG_DPI = 168
_EPOCH = b"19700101000000"
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d+)")


def render(diagram: Diagram, options: RenderOptions, *, fmt: str) -> bytes:
    source = build_dot(diagram, options)
    if fmt == "png":
        return pipe(source, "png", f"-Gdpi={PNG_DPI}")
    if fmt == "pdf":
        return stable_pdf(pipe(source, "pdf"))
    raise ImpactError(f"the raster renderer cannot draw '{fmt}'")


def stable_pdf(data: bytes) -> bytes:
    """Blank the creation date cairo writes, keeping every byte offset (the xref) valid."""

    def fixed(match: re.Match[bytes]) -> bytes:
        digits = len(match.group(2))
        return b"/" + match.group(1) + b" (D:" + _EPOCH[:digits].ljust(digits, b"0")

    return _PDF_DATE.sub(fixed, data)
