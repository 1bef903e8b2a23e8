"""What the slides need that python-pptx has no property for, through its XML access.

python-pptx proxies each shape's DrawingML element (``shape.element``); these
functions add the few attributes and children it does not: an arrowhead at the
end of a line (``a:tailEnd``), alt text (``p:cNvPr`` ``descr`` and ``title``),
PowerPoint's "mark as decorative" flag, the language of a run of text
(``a:rPr lang``), which screen readers use to choose a voice, and shapes free of
the theme's shape styles (``p:style``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement

from .package import xml_text

if TYPE_CHECKING:  # pragma: no cover
    from pptx.oxml.xmlchemy import BaseOxmlElement
    from pptx.shapes.base import BaseShape
    from pptx.shapes.connector import Connector
    from pptx.text.text import _Run

DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def arrowhead_at_end(connector: Connector) -> None:
    """A filled triangle where the line ends: ``a:tailEnd`` is DrawingML's end of a line."""
    line = connector.element.spPr.get_or_add_ln()
    for old in line.findall(qn("a:tailEnd")):
        line.remove(old)
    tail = OxmlElement("a:tailEnd")
    tail.set("type", "triangle")
    tail.set("w", "sm")
    tail.set("len", "med")
    extensions = line.find(qn("a:extLst"))
    if extensions is None:
        line.append(tail)
    else:
        extensions.addprevious(tail)


def no_style(shape: BaseShape) -> None:
    """Drop the shape's ``p:style``: its links to the theme's line, fill, shadow and font
    styles. Every colour is set on the shape, so a template's styles change nothing."""
    for style in shape.element.findall(qn("p:style")):
        shape.element.remove(style)


def drawing_props(shape: BaseShape) -> BaseOxmlElement:
    """The shape's ``p:cNvPr``: its id, name and alt text."""
    found: list[BaseOxmlElement] = shape.element.xpath("./*[1]/p:cNvPr")
    return found[0]


def set_alt_text(shape: BaseShape, title: str, description: str) -> None:
    """Alt text, as PowerPoint's Alt Text pane writes it."""
    props = drawing_props(shape)
    props.set("title", xml_text(title))
    props.set("descr", xml_text(description))


def mark_decorative(shape: BaseShape) -> None:
    """PowerPoint's 'Mark as decorative': screen readers skip the shape."""
    props = drawing_props(shape)
    extensions = props.find(qn("a:extLst"))
    if extensions is None:
        extensions = OxmlElement("a:extLst")
        props.append(extensions)
    extension = OxmlElement("a:ext")
    extension.set("uri", DECORATIVE_URI)
    flag = extension.makeelement(f"{{{DECORATIVE_NS}}}decorative", nsmap={"adec": DECORATIVE_NS})
    flag.set("val", "1")
    extension.append(flag)
    extensions.append(extension)


def set_language(run: _Run, tag: str) -> None:
    """The language of the run's text, as a BCP 47 tag ('en-GB', 'cy')."""
    run._r.get_or_add_rPr().set("lang", tag)
