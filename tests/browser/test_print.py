"""The page on paper: Chromium's print to PDF, read back with pypdf and Poppler.

For every example, on A4 and on A3, and for a driver with sixty change ideas: the drawing
prints at 6 pt or more, every box of it is on some drawing page, no page but the last is
more than half empty (drawings' pages too), a link cut between strips says where it goes
and that page shows it, and no text page ends on a heading or a label whose value is on
the next page.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from impact_cli.check.load import load_file
from impact_cli.render import PAPERS, RenderOptions, render
from impact_cli.render.html.paper import MIN_TEXT_PT

from .conftest import EXAMPLES, PAGE_IDS, PAGES, Opened

pytestmark = pytest.mark.browser

OpenPage = Callable[..., Opened]

PT_PER_MM = 72 / 25.4
TEXT_VERSION = "Text version of the driver diagram"
FOOTER_LABELS = {"Version", "Last updated", "Owner", "Licence", "Source"}
CUT_LINK = re.compile(r"\b(to|from) ([A-Z]?\d+(?:\.\d+)*|the aim), (page \d+|above|below)")
"""A label where a link runs off a strip: 'to C3, page 4', 'from 1.2, above'."""
HEADING_PT = 13.0
"""Text this size or larger on a text page is a heading (body text prints at 11 pt)."""


class Line(NamedTuple):
    size: float
    """Printed size in points: the font size times the scale of the text's matrix."""
    y: float
    """Baseline, in points from the foot of the page."""
    text: str


class Printed(NamedTuple):
    sizes: list[tuple[float, float]]
    """(width, height) of each page, in points."""
    lines: list[list[Line]]
    drawing_pages: int
    """How many pages come before the text version: the drawing's."""
    ink: list[tuple[float, float, float, float]]
    """The box of what is printed on each page, as fractions of the page: left, top,
    right, bottom."""


def read_lines(page: object) -> list[Line]:
    lines: list[Line] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text.strip():
            return
        # the text matrix, then the current transformation: how big the text is drawn and
        # where its baseline is on the page
        a, b, _, _, e, f = tm
        ca, cb, cc, cd, _, cf = cm
        scale = ((a * ca + b * cc) ** 2 + (a * cb + b * cd) ** 2) ** 0.5
        lines.append(Line(size * scale, e * cb + f * cd + cf, text.strip()))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return lines


def ink_boxes(pdf: bytes, tmp: Path) -> list[tuple[float, float, float, float]]:
    """Poppler rasterises each page (grey, 20 dpi); the box of its non-white pixels."""
    (tmp / "printed.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "20", str(tmp / "printed.pdf"), str(tmp / "page")],
        check=True,
        timeout=120,
    )
    boxes = []
    for image in sorted(tmp.glob("page-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        stream = io.BytesIO(image.read_bytes())
        assert stream.readline().strip() == b"P5"
        width, height = (int(v) for v in stream.readline().split())
        stream.readline()  # the largest value, 255
        pixels = stream.read(width * height)
        rows = [pixels[y * width : (y + 1) * width] for y in range(height)]
        inked = [y for y, row in enumerate(rows) if min(row) < 200]
        across = [x for x in range(width) if any(row[x] < 200 for row in rows)]
        if not inked:
            boxes.append((0.0, 0.0, 0.0, 0.0))
            continue
        box = (across[0] / width, inked[0] / height)
        boxes.append((*box, (across[-1] + 1) / width, (inked[-1] + 1) / height))
    return boxes


def print_page(page: Page, tmp: Path) -> Printed:
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    lines = [read_lines(p) for p in reader.pages]
    first_text = next(
        i for i, page in enumerate(lines) if any(ln.text == TEXT_VERSION for ln in page)
    )
    return Printed(sizes, lines, first_text, ink_boxes(pdf, tmp))


def on_paper(title: str, printed: str) -> bool:
    """Whether ``title`` is in ``printed``, the text of the drawing's pages. Text beyond
    ASCII may print in visual order (right-to-left parts) or lose characters from the text
    layer (emoji): then each of its words of three or more Latin letters must be there, or
    there backwards."""
    if title.isascii():
        return "".join(title.split()) in "".join(printed.split())
    words = set(re.findall(r"[A-Za-z]{3,}", printed))
    return all(w in words or w[::-1] in words for w in re.findall(r"[A-Za-z]{3,}", title))


def many_ideas(tmp: Path) -> Path:
    """A driver with sixty change ideas directly under it: one part too tall for 6 pt."""
    lines = ["title: Many ideas", "aim: Cut waits to 18 weeks by March 2026.", "primary_drivers:"]
    lines += ["  - title: Booking", "    secondary_drivers:", "      - title: Reminders"]
    lines += ["        change_ideas:"]
    lines += [f"          - Reminder idea number {i} tried on one clinic" for i in range(1, 61)]
    lines += ["  - title: Clinics", "    change_ideas:", "      - Open an evening clinic"]
    source = tmp / "many-ideas.yaml"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


PRINTS = [
    *((page, "a4") for page in PAGES),
    *((page, "a3") for page in EXAMPLES),
    (None, "a4"),  # many_ideas
]
PRINT_IDS = [
    *(f"{name}-a4" for name in PAGE_IDS),
    *(f"{page.stem}-a3" for page in EXAMPLES),
    "many-ideas-a4",
]


@pytest.fixture(scope="module", params=PRINTS, ids=PRINT_IDS)
def printed(
    request: pytest.FixtureRequest,
    browser: Browser,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Printed, str]:
    """Each page printed once, on its paper, for the tests that read it."""
    source, paper = request.param
    tmp = tmp_path_factory.mktemp("print")
    source = source or many_ideas(tmp)
    result = load_file(source)
    assert result.diagram is not None
    html = tmp / "page.html"
    html.write_bytes(render(result.diagram, "html", RenderOptions(paper=paper)))
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(html.resolve().as_uri(), wait_until="load")
        return source, print_page(page, tmp), paper
    finally:
        context.close()


def test_the_drawing_prints_at_6_pt_or_more_with_every_box(
    printed: tuple[Path, Printed, str],
) -> None:
    source, out, paper = printed
    assert out.drawing_pages >= 1
    size = sorted(PAPERS[paper])
    for width, height in out.sizes:
        assert sorted((width / PT_PER_MM, height / PT_PER_MM)) == pytest.approx(size, abs=1)
    drawn = [line for page in out.lines[: out.drawing_pages] for line in page]
    assert drawn, "no text on the drawing's pages"
    smallest = min(line.size for line in drawn)
    assert smallest >= MIN_TEXT_PT - 0.05, [ln for ln in drawn if ln.size < MIN_TEXT_PT][:5]
    result = load_file(source)
    assert result.diagram is not None
    text = " ".join(line.text for line in drawn)
    # every item, those not yet linked to any driver too
    missing = [n.title for n in result.diagram.nodes.values() if not on_paper(n.title, text)]
    assert missing == []


def test_no_page_but_the_last_is_more_than_half_empty(printed: tuple[Path, Printed, str]) -> None:
    _, out, _ = printed
    for number, (_, _, _, bottom) in enumerate(out.ink[:-1]):
        kind = "drawing" if number < out.drawing_pages else "text"
        # the lower half of the page (where blank paper shows) has ink
        assert bottom > 0.5, f"{kind} page {number + 1} is more than half empty ({bottom:.0%})"


def test_a_cut_link_says_where_it_goes(printed: tuple[Path, Printed, str]) -> None:
    _, out, _ = printed
    pages = [" ".join(ln.text for ln in page) for page in out.lines[: out.drawing_pages]]
    for number, text in enumerate(pages):
        for way, item, where in CUT_LINK.findall(text):
            if where.startswith("page"):
                other = int(where.split()[1]) - 1
                assert other != number, (number + 1, where)
                assert other < out.drawing_pages, (number + 1, where)
            else:
                other = number
            # the page named shows the item at the other end, and a label leading back
            shown = [ln.text for ln in out.lines[other]]
            assert item == "the aim" or item in shown, (number + 1, way, item, where)
            back = "from" if way == "to" else "to"
            leads_back = re.search(rf"\b{back} ([\w.]+|the aim), ", pages[other])
            assert leads_back, (number + 1, way, item, where)


def test_a_link_two_columns_long_cut_between_strips_is_labelled(
    open_page: OpenPage, tmp_path: Path
) -> None:
    """The hostile example on A4 prints primary driver 2 in two strips; its link to C1,
    two columns on, is seen whole in neither, so each end says where the other is."""
    source = Path(__file__).resolve().parents[2] / "tests" / "data" / "hostile.yaml"
    result = load_file(source)
    assert result.diagram is not None
    page = tmp_path / "a4.html"
    page.write_bytes(render(result.diagram, "html", RenderOptions()))
    out = print_page(open_page(page).page, tmp_path)
    pages = [" ".join(ln.text for ln in p) for p in out.lines[: out.drawing_pages]]
    # the other end is on another page ("page 4") or on this one ("below", "above")
    to_c1 = [
        (n, found)
        for n, text in enumerate(pages)
        if (found := re.search(r"\bto C1, (?:page (\d+)|(below|above))", text))
    ]
    assert to_c1, pages
    number, found = to_c1[0]
    other = int(found.group(1)) - 1 if found.group(1) else number
    back = {"below": "above", "above": "below"}.get(found.group(2) or "", f"page {number + 1}")
    assert re.search(rf"\bfrom 2, {back}\b", pages[other])
    assert "C1" in [ln.text for ln in out.lines[other]]
    # the strip away from the part's title says which part it continues
    assert re.search(r"\b(Primary|Secondary) driver [\d.]+, continued\b", pages[other])


def test_text_pages_break_in_the_right_places(printed: tuple[Path, Printed, str]) -> None:
    _, out, _ = printed
    for number, lines in enumerate(out.lines):
        if number < out.drawing_pages:
            continue
        assert lines, f"page {number + 1} is empty"
        foot = min(lines, key=lambda ln: ln.y)
        # what ends a page is not a heading, nor a label whose value went over
        assert foot.size < HEADING_PT, f"page {number + 1} ends with the heading {foot.text!r}"
        assert foot.text not in FOOTER_LABELS, f"page {number + 1} ends with {foot.text!r}"


def test_paper_a3_when_asked(open_page: OpenPage, tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2] / "diagrams" / "outpatient-dna.yaml"
    result = load_file(source)
    assert result.diagram is not None
    page = tmp_path / "a3.html"
    page.write_bytes(render(result.diagram, "html", RenderOptions(paper="a3")))
    out = print_page(open_page(page).page, tmp_path)
    a3 = sorted(PAPERS["a3"])
    assert all(
        sorted((w / PT_PER_MM, h / PT_PER_MM)) == pytest.approx(a3, abs=1) for w, h in out.sizes
    )
    # on A3 the wide example prints whole, on one landscape page
    assert out.drawing_pages == 1
    width, height = out.sizes[0]
    assert width > height
    drawn = out.lines[0]
    assert min(line.size for line in drawn) >= MIN_TEXT_PT - 0.05
    assert re.search("Fewer missed outpatient appointments", " ".join(ln.text for ln in drawn))
