"""The HTML page's body written again as Word paragraphs, lists and tables.

The Word document says what the web page says, word for word, because it is made
from the same markup: :mod:`..html.page` writes the body, and this module maps its
small, known vocabulary to Word's own structure, so screen readers and Word's
navigation pane find real headings, lists and tables:

* ``h1``-``h6``: Heading 1-6; ``p``: a paragraph; ``figcaption``, ``caption``: Caption;
* ``ul``/``li``: bulleted list items, nested to any depth; the paragraphs after the
  first in an item are indented with it;
* ``dl``: a paragraph per term, 'Term: description', the term in bold;
* ``table``: a table, its ``thead`` rows repeating on every page;
* ``strong``, ``th`` and ``.label``: bold; ``abbr``: the term, then its expansion in
  brackets (at its first use, where the page marks it); ``lang``: the language of
  the runs inside;
* an ``id``: a bookmark, and ``<a href="#id">``: a link to it;
* ``svg``: the drawing, as a picture with alt text (a measure's chart is left out: its
  caption and data table say what it shows).

The page's navigation (the skip link, 'back to the top') has no place in a document
and is left out. Text is copied with whitespace runs made one space, as a browser
shows it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, NamedTuple

from .package import xml_text
from .wordml import (
    add_bookmark,
    add_bullet_list,
    add_link,
    continue_list_item,
    make_list_item,
    move_run,
    repeat_header_row,
    set_run_language,
    set_table_title,
)

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr"})
SKIPPED_CLASSES = frozenset({"skip-link", "end", "measure-chart"})
"""The page's own navigation, and the SVG of each chart of a measure over time: its
summary, notes and data table, which the page gives beside it, are written in words."""
BOLD = frozenset({"strong", "b", "th", "dt"})
HEADINGS = {f"h{level}": f"Heading {level}" for level in range(1, 7)}
_SPACES = re.compile(r"\s+")


class Element(NamedTuple):
    tag: str
    attrs: dict[str, str]
    children: list[Element | str]

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


def parse(markup: str) -> Element:
    """The markup as a tree of elements and text."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root", {}, [])
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, [])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}, []))

    def handle_endtag(self, tag: str) -> None:
        if any(element.tag == tag for element in self.stack[1:]):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


class Style(NamedTuple):
    """How the text inside an element is written."""

    bold: bool = False
    lang: str | None = None
    link: BaseOxmlElement | None = None


class WordWriter:
    """Writes a parsed page into a document; ``picture`` writes the drawing (``svg``)."""

    def __init__(
        self, document: Document, language: str, picture: Callable[[Paragraph], None]
    ) -> None:
        self.document = document
        self.language = language
        self.picture = picture
        self.bullets = add_bullet_list(document)
        self.bookmarks = 0
        self.pending_anchors: list[str] = []
        self.container: Document | _Cell = document
        self.fresh: Paragraph | None = None
        """An empty paragraph to use before adding one (a new table cell has one)."""
        self.level = -1
        """The list level, -1 outside lists."""
        self.bullet = False
        """The next paragraph starts a list item."""

    # --- blocks ---------------------------------------------------------------------------

    def blocks(self, element: Element, style: Style) -> None:
        for child in element.children:
            if isinstance(child, Element):
                self.block(child, style)
            elif child.strip():  # text beside blocks: a paragraph of its own
                self.runs(self.paragraph(), child, style)

    def block(self, element: Element, style: Style) -> None:
        if element.classes & SKIPPED_CLASSES:
            return
        style = self.with_lang(element, style)
        if "id" in element.attrs:
            self.pending_anchors.append(element.attrs["id"])
        tag = element.tag
        if tag in HEADINGS:
            self.inline(element, self.paragraph(HEADINGS[tag]), style)
        elif tag in ("p", "figcaption"):
            self.inline(element, self.paragraph("Caption" if tag == "figcaption" else None), style)
        elif tag == "ul" or tag == "ol":
            self.list_items(element, style)
        elif tag == "dl":
            self.definitions(element, style)
        elif tag == "table":
            self.table(element, style)
        elif tag == "svg":
            self.picture(self.paragraph())
        else:  # section, div, header, main, footer, figure, body...
            self.blocks(element, style)

    def paragraph(self, style: str | None = None) -> Paragraph:
        """A new paragraph: the list item's first (with its bullet), or one inside it."""
        if self.fresh is not None:
            paragraph, self.fresh = self.fresh, None
            if style:
                paragraph.style = style
        else:
            paragraph = self.container.add_paragraph(style=style)
        if self.bullet:
            paragraph.style = "List Paragraph"
            make_list_item(paragraph, self.bullets, self.level)
            self.bullet = False
        elif self.level >= 0:
            continue_list_item(paragraph, self.level)
        for anchor in self.pending_anchors:
            self.bookmarks += 1
            add_bookmark(paragraph, anchor, self.bookmarks)
        self.pending_anchors = []
        return paragraph

    def list_items(self, element: Element, style: Style) -> None:
        self.level += 1
        for item in element.children:
            if not isinstance(item, Element):
                continue
            self.bullet = True
            if "id" in item.attrs:
                self.pending_anchors.append(item.attrs["id"])
            item_style = self.with_lang(item, style)
            if any(isinstance(c, Element) and c.tag in BLOCKS for c in item.children):
                self.blocks(item, item_style)
            else:
                self.inline(item, self.paragraph(), item_style)
            self.bullet = False
        self.level -= 1

    def definitions(self, element: Element, style: Style) -> None:
        """'Term: description' paragraphs, the term in bold."""
        paragraph = None
        for child in element.children:
            if not isinstance(child, Element):
                continue
            if child.tag == "dt":
                paragraph = self.paragraph()
                self.inline(child, paragraph, style._replace(bold=True))
                self.runs(paragraph, ": ", style._replace(bold=True))
            elif child.tag == "dd":
                self.inline(child, paragraph or self.paragraph(), style)

    def table(self, element: Element, style: Style) -> None:
        rows: list[tuple[Element, bool]] = []
        caption = None
        for child in element.children:
            if not isinstance(child, Element):
                continue
            if child.tag == "caption":
                caption = child
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows += [(row, child.tag == "thead") for row in _elements(child, "tr")]
            elif child.tag == "tr":
                rows.append((child, False))
        if caption is not None:
            self.inline(caption, self.paragraph("Caption"), style)
        if not rows:
            return
        columns = max(len(_cells(row)) for row, _ in rows)
        table = self.document.add_table(rows=len(rows), cols=columns)
        table.style = "Table Grid"
        if caption is not None:
            set_table_title(table, xml_text(_SPACES.sub(" ", text_of(caption)).strip()))
        outer = self.container, self.level, self.bullet
        self.level, self.bullet = -1, False
        for (row, header), table_row in zip(rows, table.rows, strict=True):
            if header:
                repeat_header_row(table_row)
            if "id" in row.attrs:
                self.pending_anchors.append(row.attrs["id"])
            for cell, table_cell in zip(_cells(row), table_row.cells, strict=False):
                self.container, self.fresh = table_cell, table_cell.paragraphs[0]
                cell_style = self.with_lang(cell, style)._replace(bold=cell.tag == "th")
                if any(isinstance(c, Element) and c.tag in BLOCKS for c in cell.children):
                    self.blocks(cell, cell_style)
                else:
                    self.inline(cell, self.paragraph(), cell_style)
                self.fresh = None
        self.container, self.level, self.bullet = outer

    # --- inline ---------------------------------------------------------------------------

    def inline(self, element: Element, paragraph: Paragraph, style: Style) -> None:
        for child in element.children:
            if isinstance(child, str):
                self.runs(paragraph, child, style)
                continue
            if child.classes & SKIPPED_CLASSES:
                continue
            inner = self.with_lang(child, style)
            if child.tag in BOLD or "label" in child.classes:
                inner = inner._replace(bold=True)
            if child.tag == "a" and child.attrs.get("href") and style.link is None:
                inner = inner._replace(link=add_link(paragraph, child.attrs["href"]))
            self.inline(child, paragraph, inner)
            if child.tag == "abbr" and child.attrs.get("title"):
                self.runs(paragraph, f" ({child.attrs['title']})", style)

    def runs(self, paragraph: Paragraph, text: str, style: Style) -> None:
        text = _SPACES.sub(" ", text)
        if not paragraph.text:  # (its text includes its links')
            text = text.lstrip()
        if not text:
            return
        run = paragraph.add_run(xml_text(text))
        if style.bold:
            run.bold = True
        if style.lang and style.lang != self.language:
            set_run_language(run, style.lang)
        if style.link is not None:
            move_run(run, style.link)

    def with_lang(self, element: Element, style: Style) -> Style:
        lang = element.attrs.get("lang")
        if not lang:
            return style
        return style._replace(lang="en-GB" if lang == "en" else lang)


BLOCKS = frozenset({"p", "ul", "ol", "dl", "div", "table", "figure", *HEADINGS})


def _elements(element: Element, tag: str) -> list[Element]:
    return [c for c in element.children if isinstance(c, Element) and c.tag == tag]


def _cells(row: Element) -> list[Element]:
    return [c for c in row.children if isinstance(c, Element) and c.tag in ("th", "td")]


def text_of(element: Element) -> str:
    return "".join(c if isinstance(c, str) else text_of(c) for c in element.children)
