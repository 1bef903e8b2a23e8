"""A real headless Chromium (Debian's, driven by Playwright) and axe-core, for the HTML page.

One browser for the whole session. Never downloads a browser: Playwright is pointed at
the system Chromium with ``executable_path``; every request that is not ``file:`` or
``data:`` is aborted and recorded, so a page that tries to reach another host fails.
Nothing here is skipped: a missing browser or axe is an error, not a pass.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from impact_cli.check.load import load_file
from impact_cli.render import RenderOptions, render

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "diagrams").glob("*.yaml"))
HOSTILE = ROOT / "tests" / "data" / "hostile.yaml"
WELSH = ROOT / "tests" / "data" / "welsh.yaml"  # language: cy; page words stay English
PAGES = [*EXAMPLES, HOSTILE, WELSH]
PAGE_IDS = [p.stem for p in PAGES]

MEASURE_JS = (Path(__file__).parent / "measure.js").read_text(encoding="utf-8")

CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--font-render-hinting=none",
]
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# WCAG 1.4.12 Text Spacing: the values the success criterion names, forced on the page.
TEXT_SPACING_CSS = """
*:not(svg):not(svg *) {
  line-height: 1.5 !important;
  letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important;
}
p { margin-bottom: 2em !important; }
"""


def find_chromium() -> str:
    candidates = [
        os.environ.get("IMPACT_CHROMIUM"),
        "/usr/lib/chromium/chromium",
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("no system Chromium found: apt-get install chromium (make test does)")


def find_axe() -> Path:
    if os.environ.get("AXE_CORE_JS"):
        return Path(os.environ["AXE_CORE_JS"])
    from axe_playwright_python.base import AXE_FILE_PATH

    return Path(AXE_FILE_PATH)


@dataclass
class Opened:
    """A page opened in the browser, with what happened while it loaded."""

    page: Page
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def pw_session() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(pw_session: Playwright) -> Iterator[Browser]:
    browser = pw_session.chromium.launch(
        executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return find_axe().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def html_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("html")


@pytest.fixture(scope="session")
def html_file(html_dir: Path) -> Callable[..., Path]:
    """Render a diagram to HTML once per (diagram, theme); return the file."""
    cache: dict[tuple[Path, str], Path] = {}

    def make(source: Path, theme: str = "nhs") -> Path:
        key = (source, theme)
        if key not in cache:
            result = load_file(source)
            assert result.diagram is not None, f"{source} did not load"
            data = render(result.diagram, "html", RenderOptions(theme=theme))
            out = html_dir / f"{source.stem}-{theme}.html"
            out.write_bytes(data)
            cache[key] = out
        return cache[key]

    return make


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., Opened]]:
    """Open a local file at a given viewport width, colour scheme and forced colours."""
    contexts: list[Any] = []

    def open_(
        path: Path,
        width: int = 1280,
        height: int = 900,
        color_scheme: str = "light",
        forced_colors: str = "none",
    ) -> Opened:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,  # type: ignore[arg-type]
            forced_colors=forced_colors,  # type: ignore[arg-type]
            java_script_enabled=True,  # axe and our measurements need it; the page does not
        )
        contexts.append(context)
        opened = Opened(context.new_page())

        def route(r: Any) -> None:
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                opened.blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        opened.page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        opened.page.on(
            "console", lambda m: opened.console_errors.append(m.text) if m.type == "error" else None
        )
        opened.page.goto(path.resolve().as_uri(), wait_until="load")
        return opened

    yield open_
    for context in contexts:
        context.close()


def run_axe(page: Page, axe_source: str, rules: list[str] | None = None) -> dict[str, Any]:
    """axe-core's results for the page: every WCAG 2.x A/AA rule and best practice, or ``rules``."""
    page.add_script_tag(content=axe_source)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    result: dict[str, Any] = page.evaluate(
        """async (runOnly) => await axe.run(document, {
            runOnly, resultTypes: ['violations', 'incomplete'],
        })""",
        run_only,
    )
    return result


def measure(opened: Opened, what: str) -> Any:
    """``window.impactMeasure.<what>()`` of measure.js, run in the page."""
    page = opened.page
    if not page.evaluate("() => !!window.impactMeasure"):
        page.add_script_tag(content=MEASURE_JS)
    return page.evaluate(f"() => window.impactMeasure.{what}()")
