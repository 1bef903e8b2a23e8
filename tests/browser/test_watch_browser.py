"""``impact watch`` in a real headless Chromium: a save updates the open page in place,
a mistake shows located problems beside the kept diagram, a fix clears them, a restart
is reconnected to, and axe-core finds nothing wrong in any of those states.

The page runs under the server's Content-Security-Policy throughout (nothing here
bypasses it): a policy violation is a console error, and console errors fail the test.
axe-core is evaluated through the DevTools protocol, which the policy does not govern.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from conftest import DIAGRAMS, copy_example
from watching import Watch, edit, watching

from .conftest import AXE_TAGS

pytestmark = pytest.mark.browser

WARD = DIAGRAMS / "ward-falls.yaml"
TITLE = "Reducing inpatient falls on Ward 7"
DRIVER = "    title: Reliable falls risk assessment"
MISTAKE = "    titel: Reliable falls risk assessment"


@dataclass
class Live:
    """A page of ``impact watch`` open in the browser."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)

    def wait(self, condition: str, timeout: float = 60_000) -> None:
        # a function, not a bare expression, which the policy would refuse to eval
        self.page.wait_for_function(f"() => {condition}", timeout=timeout)

    def region_text(self) -> str:
        return self.page.inner_text("#impact-watch-status")

    def check_clean(self) -> None:
        assert self.console_errors == [], self.console_errors
        assert self.elsewhere == [], self.elsewhere


OpenLive = Callable[..., Live]


@pytest.fixture
def open_live(browser: Browser) -> Iterator[OpenLive]:
    contexts: list[Any] = []

    def open_(
        watch: Watch, path: str = "/", width: int = 1280, color_scheme: str = "light"
    ) -> Live:
        context = browser.new_context(
            viewport={"width": width, "height": 800},
            color_scheme=color_scheme,  # type: ignore[arg-type]
        )
        contexts.append(context)
        live = Live(context.new_page())
        live.page.on(
            "console", lambda m: live.console_errors.append(m.text) if m.type == "error" else None
        )
        live.page.on(
            "request",
            lambda r: None if r.url.startswith(watch.url) else live.elsewhere.append(r.url),
        )
        live.page.goto(watch.url.rstrip("/") + path, wait_until="load")
        live.wait("document.documentElement.dataset.impactWatch === 'live'")
        live.page.evaluate("() => { window.sameDocument = true; }")
        return live

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def ward(tmp_path: Path) -> Path:
    return copy_example(WARD, tmp_path, "ward.yaml")


def axe_violations(page: Page, axe_source: str) -> list[str]:
    if not page.evaluate("() => !!window.axe"):
        page.evaluate(axe_source)
    result: dict[str, Any] = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
        })""",
        AXE_TAGS,
    )
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


def test_a_save_updates_the_page_in_place(ward: Path, tmp_path: Path, open_live: OpenLive) -> None:
    with watching(ward, state=tmp_path) as watch:
        live = open_live(watch, width=600)  # narrow: the drawing scrolls sideways
        page = live.page
        header_colour = page.evaluate(
            "() => getComputedStyle(document.querySelector('.site-header')).backgroundColor"
        )
        page.evaluate(
            """() => {
                document.querySelector('.diagram-scroll').scrollLeft = 150;
                window.scrollTo(0, 1500);
                window.region = document.getElementById('impact-watch-status');
                const link = document.querySelector('.text-version a');
                link.focus({preventScroll: true});
            }"""
        )
        before = page.evaluate("() => [window.scrollY, document.activeElement.textContent]")

        edit(ward, f"title: {TITLE}", "title: Fewer falls on Ward 7")
        live.wait("document.querySelector('h1').textContent.includes('Fewer falls on Ward 7')")

        state = page.evaluate(
            """() => ({
                same: window.sameDocument === true,
                y: window.scrollY,
                sideways: document.querySelector('.diagram-scroll').scrollLeft,
                title: document.title,
                svg: document.querySelector('figure svg title').textContent,
                region: document.getElementById('impact-watch-status') === window.region,
                focused: document.activeElement.textContent,
                header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
            })"""
        )
        assert state["same"], "the page was reloaded"
        assert state["y"] == before[0] == 1500
        assert state["sideways"] == 150
        assert state["title"] == "Fewer falls on Ward 7: driver diagram and text version"
        assert "Fewer falls on Ward 7" in state["svg"]
        assert state["region"], "the live region was replaced, not kept"
        assert state["focused"] == before[1]
        assert state["header"] == header_colour  # the page's stylesheet still applies
        assert "No problems in" in live.region_text()
        live.check_clean()


def test_a_mistake_is_shown_located_beside_the_kept_diagram_until_fixed(
    ward: Path, tmp_path: Path, open_live: OpenLive, axe_source: str
) -> None:
    with watching(ward, state=tmp_path) as watch:
        live = open_live(watch)
        page = live.page
        assert axe_violations(page, axe_source) == []
        assert page.get_attribute("#impact-watch-status", "aria-live") == "polite"

        edit(ward, DRIVER, MISTAKE)
        live.wait("document.getElementById('impact-watch').hasAttribute('data-stale')")
        said = live.region_text()
        assert "ward.yaml: 1 error." in said
        assert "The diagram below is out of date" in said
        assert "31:5 error DD-F01 unknown key 'titel'" in said
        assert "Hint: did you mean 'title'?" in said
        # the last good diagram stays, marked
        assert page.locator("figure.diagram svg").count() == 1
        assert "Reliable falls risk assessment" in page.inner_text("main")
        mark = page.evaluate(
            "() => getComputedStyle(document.querySelector('figure.diagram'), '::before').content"
        )
        assert mark == '"Out of date"'
        assert page.evaluate("() => window.sameDocument") is True
        assert axe_violations(page, axe_source) == []
        page.emulate_media(color_scheme="dark")
        assert axe_violations(page, axe_source) == []
        page.emulate_media(color_scheme="light")

        edit(ward, MISTAKE, DRIVER)
        live.wait("!document.getElementById('impact-watch').hasAttribute('data-stale')")
        assert "No problems in" in live.region_text()
        assert "error" not in live.region_text()
        mark = page.evaluate(
            "() => getComputedStyle(document.querySelector('figure.diagram'), '::before').content"
        )
        assert mark == "none"
        assert axe_violations(page, axe_source) == []
        live.check_clean()


def test_a_file_never_valid_shows_its_problems_then_its_diagram(
    ward: Path, tmp_path: Path, open_live: OpenLive, axe_source: str
) -> None:
    edit(ward, DRIVER, MISTAKE)
    with watching(ward, state=tmp_path) as watch:
        live = open_live(watch)
        page = live.page
        assert "There is no diagram to show until the file has no errors." in live.region_text()
        assert page.locator("figure").count() == 0
        assert page.inner_text("h1") == str(ward)
        assert axe_violations(page, axe_source) == []

        edit(ward, MISTAKE, DRIVER)
        live.wait("document.querySelector('figure.diagram svg') !== null")
        assert page.inner_text("h1") == TITLE
        assert "No problems in" in live.region_text()
        assert axe_violations(page, axe_source) == []
        live.check_clean()


def test_the_page_reconnects_after_a_restart(
    ward: Path, tmp_path: Path, open_live: OpenLive
) -> None:
    with watching(ward, state=tmp_path) as first:
        port = first.port
        live = open_live(first)
        page = live.page
        assert first.stop() == 0
    live.wait("document.documentElement.dataset.impactWatch === 'offline'")
    assert "Not connected to impact watch." in live.region_text()

    edit(ward, f"title: {TITLE}", "title: Changed while stopped")
    with watching("--port", port, ward, state=tmp_path):
        live.wait("document.querySelector('h1').textContent === 'Changed while stopped'")
        live.wait("document.documentElement.dataset.impactWatch === 'live'")
        assert "No problems in" in live.region_text()
        assert page.evaluate("() => window.sameDocument") is True
    # the browser's failed reconnections while the server was down are its own errors
    assert all("ERR_CONNECTION_REFUSED" in e for e in live.console_errors), live.console_errors


def test_a_directory_index_links_to_live_pages(
    tmp_path: Path, open_live: OpenLive, axe_source: str
) -> None:
    folder = tmp_path / "diagrams"
    folder.mkdir()
    copy_example(WARD, folder, "ward.yaml")
    shutil.copy(DIAGRAMS / "nhs-impact.yaml", folder / "nhs.yaml")
    with watching(folder, state=tmp_path / "state") as watch:
        live = open_live(watch)
        page = live.page
        assert page.inner_text("h1") == str(folder)
        assert "2 diagrams, none with errors." in live.region_text()
        assert axe_violations(page, axe_source) == []

        shutil.copy(DIAGRAMS / "tertiary.yaml", folder / "third.yaml")
        live.wait("document.querySelectorAll('.impact-watch-index a').length === 3")

        page.click("text=ward.yaml")
        live.wait("document.documentElement.dataset.impactWatch === 'live'")
        assert page.inner_text("h1") == TITLE
        assert axe_violations(page, axe_source) == []
        edit(folder / "ward.yaml", DRIVER, MISTAKE)
        live.wait("document.getElementById('impact-watch').hasAttribute('data-stale')")
        assert "31:5 error DD-F01" in live.region_text()
        page.click("text=All diagrams")
        live.wait("document.documentElement.dataset.impactWatch === 'live'")
        assert "3 diagrams, 1 with errors." in live.region_text()
        live.check_clean()
