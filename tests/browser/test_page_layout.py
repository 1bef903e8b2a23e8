"""The page as people read it in a real Chromium: the drawing on wide and narrow windows,
words on phones, and the drawing opened full size.

Measured in the browser (tests/browser/measure.js), not read from the stylesheet.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from impact_cli.render.html.drawing import PX_PER_PT, READABLE_PX, Drawing
from impact_cli.render.html.drawing import measure as measure_drawing

from .conftest import EXAMPLES, PAGE_IDS, PAGES, WELSH, Opened, measure

pytestmark = pytest.mark.browser

OpenPage = Callable[..., Opened]
HtmlFile = Callable[..., Path]


def drawing_of(page: Path) -> Drawing:
    drawing = measure_drawing(page.read_text(encoding="utf-8"))
    assert drawing is not None
    return drawing


@pytest.mark.parametrize("width", [1280, 1920])
@pytest.mark.parametrize("source", PAGES, ids=PAGE_IDS)
def test_desktop_shows_the_drawing_whole_or_says_it_scrolls(
    source: Path, width: int, html_file: HtmlFile, open_page: OpenPage
) -> None:
    opened = open_page(html_file(source), width=width)
    seen = measure(opened, "drawing")
    assert not seen["pageScrolls"]
    # readable either way: the smallest text of the drawing is 11 CSS px or more
    assert seen["smallestText"] >= READABLE_PX - 0.05, seen
    # whole inside the window, or scrolling in its region with the note saying so
    assert seen["whole"] != seen["cue"], seen
    if seen["cue"]:
        assert seen["scrolls"]
        assert seen["fullSizeLink"]
    # the figure uses the window, not the 60rem text column
    assert seen["width"] > min(width - 80, 960 * 1.2) or seen["whole"], seen


@pytest.mark.parametrize("source", PAGES, ids=PAGE_IDS)
def test_the_drawing_shrinks_no_further_than_readable(
    source: Path, html_file: HtmlFile, open_page: OpenPage
) -> None:
    """Between its readable and natural widths the drawing is whole and says it is smaller;
    just below, it keeps its readable size and scrolls, with the cue."""
    path = html_file(source)
    drawing = drawing_of(path)
    size = drawing.screen()
    around = 2 * 16 + 2 + 17  # the figure's padding, the region's border, a scroll bar
    if size.readable < size.natural - 20:
        middle = (size.readable + size.natural) // 2 + around
        seen = measure(open_page(path, width=middle), "drawing")
        assert seen["whole"], seen
        assert seen["smallerNote"], seen
        assert not seen["cue"], seen
        assert seen["smallestText"] >= READABLE_PX - 0.05
    seen = measure(open_page(path, width=size.readable + around - 20), "drawing")
    assert seen["scrolls"], seen
    assert seen["cue"], seen
    assert seen["smallestText"] == pytest.approx(READABLE_PX, abs=0.3) or (
        seen["smallestText"] == pytest.approx(drawing.smallest * PX_PER_PT, abs=0.05)
    )
    seen = measure(open_page(path, width=size.natural + around + 10), "drawing")
    assert seen["whole"], seen
    assert not seen["cue"], seen
    assert not seen["smallerNote"], seen
    assert seen["width"] == pytest.approx(size.natural, abs=1.5)


WORD_PAGES = [*EXAMPLES, WELSH]


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("source", WORD_PAGES, ids=[p.stem for p in WORD_PAGES])
def test_no_word_is_broken_inside_on_a_phone(
    source: Path, width: int, html_file: HtmlFile, open_page: OpenPage
) -> None:
    opened = open_page(html_file(source), width=width)
    assert measure(opened, "brokenWords") == []


def test_the_word_check_finds_a_broken_word(open_page: OpenPage, tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html lang='en'><head><title>x</title></head><body>"
        "<table><tr><td style='overflow-wrap:anywhere'>overbooking outcome</td>"
        "<td>measure measure measure measure measure measure measure measure</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    broken = measure(open_page(bad, width=320), "brokenWords")
    assert any(word.startswith("overbooking") for word in broken), broken


@pytest.mark.parametrize("source", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_open_full_size_shows_the_drawing_alone_at_natural_size(
    source: Path, html_file: HtmlFile, open_page: OpenPage
) -> None:
    path = html_file(source)
    drawing = drawing_of(path)
    opened = open_page(path, width=390)
    page = opened.page
    link = page.locator('.diagram-note a[href="#diagram-full-size"]')
    link.click()
    page.wait_for_function("() => location.hash === '#diagram-full-size'")
    shown = page.evaluate(
        """() => ({
        footer: document.querySelector('.site-footer').checkVisibility(),
        text: document.querySelector('.text-version').checkVisibility(),
        back: document.querySelector('.diagram-back a').checkVisibility(),
        width: document.querySelector('.diagram-scroll svg').getBoundingClientRect().width,
        scrollWidth: document.documentElement.scrollWidth,
      })"""
    )
    assert not shown["footer"]
    assert not shown["text"]
    assert shown["back"]
    assert shown["width"] == pytest.approx(drawing.screen().natural, abs=1.5)
    assert shown["scrollWidth"] > 390  # the window scrolls: the drawing is not squeezed
    # the keyboard pans the window, and the link back returns to the page
    before = page.evaluate("() => scrollX")
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("before => scrollX > before", arg=before, timeout=5000)
    page.locator(".diagram-back a").click()
    page.wait_for_function("() => location.hash === '#diagram'")
    assert page.evaluate("() => document.querySelector('.text-version').checkVisibility()")
