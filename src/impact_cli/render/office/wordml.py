"""What the Word document needs that python-docx has no property for, through its XML.

python-docx proxies each paragraph, run and table's WordprocessingML element; these
functions add the few things it does not: bulleted lists nested to any depth
(``w:numPr`` and a list definition in the numbering part), bookmarks and links to
them, a table's repeating header row and its title, a picture's alt text, and the
language of a run and of the whole document.

Word's bookmark names allow letters, digits and underscores, starting with a letter,
at most 40 characters: the page's anchors ('driver-1-2') are made from numbers by
impact, so ``bookmark_name`` only swaps hyphens for underscores.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor, Twips

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table, _Row
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

BULLETS = ("•", "◦", "▪")
INDENT = 360
"""Twentieths of a point (a quarter inch) by which each list level is indented."""
LINK_STYLE = "Hyperlink"


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    element: BaseOxmlElement = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def add_bullet_list(document: Document) -> int:
    """A bulleted list definition with nine levels; its ``numId``, for ``make_list_item``."""
    numbering = document.part.numbering_part.element
    abstract_ids = [
        int(e.get(qn("w:abstractNumId"))) for e in numbering.findall(qn("w:abstractNum"))
    ]
    num_ids = [int(e.get(qn("w:numId"))) for e in numbering.findall(qn("w:num"))]
    abstract_id, num_id = max(abstract_ids, default=0) + 1, max(num_ids, default=0) + 1
    abstract = _element("w:abstractNum", abstractNumId=str(abstract_id))
    abstract.append(_element("w:multiLevelType", val="hybridMultilevel"))
    for level in range(9):
        definition = _element("w:lvl", ilvl=str(level))
        definition.append(_element("w:start", val="1"))
        definition.append(_element("w:numFmt", val="bullet"))
        definition.append(_element("w:lvlText", val=BULLETS[level % len(BULLETS)]))
        definition.append(_element("w:lvlJc", val="left"))
        paragraph = _element("w:pPr")
        paragraph.append(_element("w:ind", left=str(INDENT * (level + 1)), hanging=str(INDENT)))
        definition.append(paragraph)
        abstract.append(definition)
    # every w:abstractNum comes before every w:num
    existing = numbering.findall(qn("w:abstractNum"))
    if existing:
        existing[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    num = _element("w:num", numId=str(num_id))
    num.append(_element("w:abstractNumId", val=str(abstract_id)))
    numbering.append(num)
    return num_id


def make_list_item(paragraph: Paragraph, num_id: int, level: int) -> None:
    """A bullet at ``level`` (0 is the outermost)."""
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = level
    numbering.get_or_add_numId().val = num_id


def continue_list_item(paragraph: Paragraph, level: int) -> None:
    """A paragraph inside a list item at ``level``: indented as its first line's text."""
    paragraph.paragraph_format.left_indent = Twips(INDENT * (level + 1))


def bookmark_name(anchor: str) -> str:
    return anchor.replace("-", "_")[:40]


def add_bookmark(paragraph: Paragraph, anchor: str, ident: int) -> None:
    """A bookmark at the start of ``paragraph``, for links to ``#anchor``."""
    start = _element("w:bookmarkStart", id=str(ident), name=bookmark_name(anchor))
    end = _element("w:bookmarkEnd", id=str(ident))
    properties = paragraph._p.pPr
    if properties is None:
        paragraph._p.insert(0, end)
        paragraph._p.insert(0, start)
    else:
        properties.addnext(end)
        properties.addnext(start)


def add_link(paragraph: Paragraph, target: str) -> BaseOxmlElement:
    """A ``w:hyperlink`` at the end of ``paragraph``, to a bookmark ('#name') or a web
    address; runs moved into it (``move_run``) become the link's text."""
    link = _element("w:hyperlink")
    if target.startswith("#"):
        link.set(qn("w:anchor"), bookmark_name(target[1:]))
    else:
        relationship = paragraph.part.relate_to(
            target,
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
            is_external=True,
        )
        link.set(qn("r:id"), relationship)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    return link


def move_run(run: Run, link: BaseOxmlElement) -> None:
    """``run`` (just added to the paragraph) into ``link``, in the link style."""
    link.append(run._r)
    run.style = LINK_STYLE


def add_link_style(document: Document) -> None:
    """A 'Hyperlink' character style (python-docx's template has none): underlined, blue."""
    styles = document.styles
    if LINK_STYLE not in [style.name for style in styles]:
        style = styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
        style.font.underline = True
        style.font.color.rgb = RGBColor(0x00, 0x5E, 0xB8)


def restyle(document: Document, font: str, colour: str) -> None:
    """Every style the document uses in ``font``; headings and captions in ``colour``.

    python-docx's template sets Cambria and Calibri through the theme (``w:asciiTheme``,
    which wins over a named font) and light blue headings that do not contrast enough
    with white (WCAG 1.4.3): both are replaced.
    """
    value = int(colour.lstrip("#"), 16)
    rgb = RGBColor(value >> 16, (value >> 8) & 0xFF, value & 0xFF)
    names = {style.name for style in document.styles}
    for name in ("Normal", "Title", "Subtitle", "Caption", "List Paragraph", *HEADING_STYLES):
        if name not in names:
            continue
        style = document.styles[name]
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
            fonts.attrib.pop(qn(f"w:{attribute}"), None)
        style.font.name = font
        if name != "Normal" and name != "List Paragraph":
            style.font.color.rgb = rgb


HEADING_STYLES = tuple(f"Heading {level}" for level in range(1, 7))


def set_run_language(run: Run, tag: str) -> None:
    properties = run._r.get_or_add_rPr()
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    properties.append(_element("w:lang", val=tag))


def set_document_language(document: Document, tag: str) -> None:
    """The language of the text that says nothing else (``w:docDefaults``)."""
    found = document.styles.element.findall(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    for lang in found:
        lang.set(qn("w:val"), tag)


def repeat_header_row(row: _Row) -> None:
    """The row repeats at the top of each page the table runs onto, and is not split."""
    properties = row._tr.get_or_add_trPr()
    properties.append(_element("w:cantSplit"))
    properties.append(_element("w:tblHeader"))


def set_table_title(table: Table, title: str) -> None:
    """The table's alt text title (Word's Table Properties, Alt Text)."""
    table._tbl.tblPr.append(_element("w:tblCaption", val=title))


def set_picture_alt_text(paragraph: Paragraph, title: str, description: str) -> None:
    for properties in paragraph._p.findall(f".//{qn('wp:docPr')}"):
        properties.set("title", title)
        properties.set("descr", description)
