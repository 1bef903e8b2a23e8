"""The Word document, reopened with python-docx: the HTML page's words as Word structure.

The document must say what the web page says (the same text, block by block), with real
headings at the page's levels, a bulleted list item for each list item at its depth,
the measures table with a repeating header row, links that land on bookmarks, the
drawing as a picture with alt text, and the diagram's language and title. LibreOffice
opening the documents is in test_office_libreoffice.py.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.table import Table

from conftest import EXAMPLES, HOSTILE, Invoke
from impact_cli.check.load import load_file
from impact_cli.diagram import Diagram, clean
from impact_cli.render import RenderOptions, render
from impact_cli.render.svg import description

SOURCES = [*EXAMPLES, HOSTILE]
IDS = [p.stem for p in SOURCES]
WELSH = Path(__file__).parent / "data" / "welsh.yaml"


def diagram_of(path: Path) -> Diagram:
    result = load_file(path)
    assert result.diagram is not None, result.diagnostics
    return result.diagram


def reopen(data: bytes) -> WordDocument:
    return Document(io.BytesIO(data))


@pytest.fixture(scope="module", params=SOURCES, ids=IDS)
def rendered(request: pytest.FixtureRequest) -> tuple[Diagram, bytes, str]:
    diagram = diagram_of(request.param)
    page = render(diagram, "html").decode("utf-8")
    return diagram, render(diagram, "docx"), page


# --- what the HTML page says, read with the standard library's parser ---------------------


class PageText(HTMLParser):
    """The page's body as the document should say it: headings with their levels, list
    items with their depths, and all the words, block by block (the drawing, the skip
    link and 'back to the top' left out; a glossary term at its first use followed by
    its expansion, as the document shows it)."""

    BLOCKS = frozenset({"h1", "h2", "h3", "h4", "p", "li", "dt", "dd", "th", "td", "caption"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_body = False
        self.skip = 0
        self.stack: list[tuple[str, bool]] = []
        self.depth = 0
        self.headings: list[tuple[int, str]] = []
        self.items: list[int] = []
        self.words: list[str] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "br", "link"):
            return
        values = dict(attrs)
        skipped = bool({"skip-link", "end"} & set((values.get("class") or "").split()))
        skipped = skipped or tag in ("svg", "style", "head")
        self.stack.append((tag, skipped))
        self.skip += skipped
        if tag == "body":
            self.in_body = True
        if tag == "ul":
            self.depth += 1
        if tag == "li" and not self.skip:
            self.items.append(self.depth - 1)
        if re.fullmatch(r"h[1-6]", tag) and not self.skip:
            self._heading = []
        if tag == "abbr":
            self._abbr = values.get("title")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or tag in ("meta", "br", "link"):
            return
        while self.stack:
            open_tag, skipped = self.stack.pop()
            self.skip -= skipped
            if open_tag == "ul":
                self.depth -= 1
            if open_tag == "abbr" and self._abbr and not self.skip:
                self.words.append(f" ({self._abbr})")
                if self._heading is not None:
                    self._heading.append(f" ({self._abbr})")
            if re.fullmatch(r"h[1-6]", open_tag) and self._heading is not None:
                self.headings.append((int(open_tag[1]), clean("".join(self._heading))))
                self._heading = None
            if open_tag in self.BLOCKS:
                self.words.append("\n")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_body and not self.skip:
            self.words.append(data)
            if self._heading is not None:
                self._heading.append(data)


def page_text(page: str) -> PageText:
    parser = PageText()
    parser.feed(page)
    return parser


def squash(text: str) -> str:
    """Text without whitespace or colons: what must match whatever the line breaks."""
    return re.sub(r"[\s:]+", "", text)


def document_text(document: WordDocument) -> str:
    parts = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    parts += [p.text for p in cell.paragraphs]
        else:
            parts.append(block.text)
    return "\n".join(parts)


# --- the words and the structure ---------------------------------------------------------------


def test_the_document_says_what_the_page_says(rendered: tuple[Diagram, bytes, str]) -> None:
    _, data, page = rendered
    expected = squash("".join(page_text(page).words))
    assert squash(document_text(reopen(data))) == expected


def test_headings_are_real_headings_at_the_pages_levels(
    rendered: tuple[Diagram, bytes, str],
) -> None:
    _, data, page = rendered
    document = reopen(data)
    headings = [
        (int(p.style.name.split()[-1]), clean(p.text))
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert headings == page_text(page).headings
    assert headings[0][0] == 1


def test_each_list_item_is_a_bullet_at_its_depth(rendered: tuple[Diagram, bytes, str]) -> None:
    _, data, page = rendered
    levels = []
    for paragraph in reopen(data).paragraphs:
        numbering = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        if numbering is not None:
            levels.append(numbering.ilvl.val)
    assert levels == page_text(page).items


def test_measures_table_has_a_repeating_header_row(rendered: tuple[Diagram, bytes, str]) -> None:
    diagram, data, _ = rendered
    tables = reopen(data).tables
    if not diagram.measures:
        assert tables == []
        return
    # the measures table first; the charts' data tables follow it
    table = tables[0]
    assert len(tables) == 1 + sum(1 for m in diagram.measures if m.data is not None)
    assert len(table.rows) == 1 + len(diagram.measures)
    assert [c.text for c in table.rows[0].cells] == ["Measure", "Type", "What it tracks", "Details"]
    header = table.rows[0]._tr.trPr
    assert header is not None
    assert header.find(qn("w:tblHeader")) is not None
    for row in table.rows[1:]:
        assert row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None
    caption = table._tbl.tblPr.find(qn("w:tblCaption"))
    assert caption is not None
    assert "measure" in caption.get(qn("w:val"))
    for measure, row in zip(diagram.measures, table.rows[1:], strict=True):
        assert clean(row.cells[0].text) == f"{measure.number}: {clean(measure.name)}"
        assert row.cells[0].paragraphs[0].runs[0].bold


def test_every_link_lands_on_a_bookmark(rendered: tuple[Diagram, bytes, str]) -> None:
    _, data, _ = rendered
    body = reopen(data).element.body
    anchors = {link.get(qn("w:anchor")) for link in body.iter(qn("w:hyperlink"))}
    anchors.discard(None)
    marks = {mark.get(qn("w:name")) for mark in body.iter(qn("w:bookmarkStart"))}
    assert anchors
    assert anchors <= marks
    assert {"text_version", "aim"} <= marks


def test_the_drawing_is_a_picture_with_alt_text(rendered: tuple[Diagram, bytes, str]) -> None:
    diagram, data, _ = rendered
    document = reopen(data)
    (picture,) = document.inline_shapes
    properties = picture._inline.docPr
    assert properties.get("descr") == description(diagram)
    assert properties.get("title") == f"Driver diagram: {clean(diagram.title)}"
    section = document.sections[0]
    assert picture.width <= section.page_width - section.left_margin - section.right_margin
    assert (section.page_width, section.page_height) == (7560310, 10692130)  # A4


def test_language_title_and_dates(rendered: tuple[Diagram, bytes, str]) -> None:
    diagram, data, _ = rendered
    document = reopen(data)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    (lang,) = defaults.iter(qn("w:lang"))
    assert lang.get(qn("w:val")) == diagram.meta.language
    properties = document.core_properties
    assert properties.title == clean(diagram.title)
    assert properties.language == diagram.meta.language
    assert properties.author == clean(diagram.meta.owner or "")
    assert "python-docx" not in (properties.comments + properties.author)
    assert properties.modified == properties.created
    updated = diagram.meta.updated or ""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", updated):
        assert properties.modified == dt.datetime.fromisoformat(updated + "T00:00:00+00:00")


def test_welsh_text_is_marked_welsh_and_impacts_own_words_english() -> None:
    document = reopen(render(diagram_of(WELSH), "docx"))
    assert (
        document.styles.element.find(f".//{qn('w:docDefaults')}//{qn('w:lang')}").get(qn("w:val"))
        == "cy"
    )
    heading = next(p for p in document.paragraphs if p.text == "Text version of the driver diagram")
    assert {r._r.rPr.find(qn("w:lang")).get(qn("w:val")) for r in heading.runs} == {"en-GB"}
    title = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    assert all(r._r.rPr is None or r._r.rPr.find(qn("w:lang")) is None for r in title.runs)


def test_same_bytes_every_run(rendered: tuple[Diagram, bytes, str]) -> None:
    diagram, data, _ = rendered
    assert render(diagram, "docx") == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert "docProps/thumbnail.jpeg" not in [info.filename for info in infos]


@pytest.mark.parametrize("fmt", ["docx", "pptx"])
def test_the_cli_writes_files_byte_identical_across_hash_seeds(
    impact_process: Invoke, tmp_path: Path, fmt: str
) -> None:
    outputs = []
    for seed in ("0", "1", "random"):
        out = tmp_path / f"{seed}.{fmt}"
        result = impact_process("render", HOSTILE, "-o", out, env={"PYTHONHASHSEED": seed})
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_options_reach_the_document() -> None:
    diagram = diagram_of(next(p for p in EXAMPLES if p.stem == "ward-falls"))
    options = RenderOptions(show_measures=False, show_theory=False)
    text = document_text(reopen(render(diagram, "docx", options)))
    assert "Theory of change" not in text
    assert reopen(render(diagram, "docx", options)).tables == []
