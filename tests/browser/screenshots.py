"""Take the README screenshots (not a test; run by hand).

    .venv/bin/python tests/browser/screenshots.py [OUT_DIR]

Writes, under docs/screenshots:

- outpatient-dna-1280.png and outpatient-dna-1920.png: the top of the page of the wide
  example (header, the drawing and the note above it) at 1280 and 1920 CSS px;
- outpatient-dna-print-1.png and -2.png: its first two pages printed on A4 by Chromium
  (the overview and primary driver 1), rasterised by Poppler's pdftoppm at 100 dpi;
- nhs-impact-{320,1280}-{light,dark,forced}.png: the top of the NHS IMPACT page at 320 and
  1280 CSS px, in light and dark colour schemes and in forced colours (Windows High
  Contrast emulation).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))

from conftest import CHROMIUM_ARGS, find_chromium  # noqa: E402
from impact_cli.check.load import load_file  # noqa: E402
from impact_cli.render import render  # noqa: E402

MODES = {
    "light": {"color_scheme": "light", "forced_colors": "none"},
    "dark": {"color_scheme": "dark", "forced_colors": "none"},
    "forced": {"color_scheme": "dark", "forced_colors": "active"},
}
NHS_HEIGHT = {320: 900, 1280: 1500}
NHS_CLIP = {320: 2600, 1280: 1500}
WIDE = {1280: 1100, 1920: 1200}
"""Width: height of the wide example's screenshots."""


def page_file(tmp: Path, name: str) -> Path:
    diagram = load_file(ROOT / "diagrams" / f"{name}.yaml").diagram
    assert diagram is not None
    out = tmp / f"{name}.html"
    out.write_bytes(render(diagram, "html"))
    return out


def shoot(
    browser: Browser,
    page: Path,
    target: Path,
    size: tuple[int, int],
    mode: str = "light",
    clip: int | None = None,
) -> None:
    """The top of ``page`` in a window of ``size``, ``clip`` px of it (the window's height)."""
    width, height = size
    context = offline_context(browser, width, height, mode)
    tab = context.new_page()
    tab.goto(page.as_uri(), wait_until="load")
    box = {"x": 0, "y": 0, "width": width, "height": clip or height}
    tab.screenshot(path=str(target), full_page=True, clip=box)  # type: ignore[arg-type]
    print(target)
    context.close()


def offline_context(browser: Browser, width: int, height: int, mode: str) -> BrowserContext:
    """A browser context of that viewport in one of ``MODES``; every request but ``file:``
    aborted."""
    media = MODES[mode]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme=media["color_scheme"],  # type: ignore[arg-type]
        forced_colors=media["forced_colors"],  # type: ignore[arg-type]
    )
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
    )
    return context


def print_pages(browser: Browser, page: Path, out_dir: Path, pages: int) -> None:
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(page.as_uri(), wait_until="load")
    pdf = page.with_suffix(".pdf")
    tab.pdf(path=str(pdf), prefer_css_page_size=True)
    context.close()
    name = f"{page.stem}-print"
    with tempfile.TemporaryDirectory() as scratch:  # not beside last time's screenshots
        prefix = Path(scratch) / name
        subprocess.run(
            ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", str(pages), str(pdf), str(prefix)],
            check=True,
        )
        for made in sorted(Path(scratch).glob(f"{name}-*.png")):
            # pdftoppm pads the page number to the width of the document's page count
            number = int(made.stem.rsplit("-", 1)[1])
            made.replace(out_dir / f"{name}-{number}.png")
            print(out_dir / f"{name}-{number}.png")


@contextmanager
def pages(stem: str) -> Iterator[Callable[[int, int, str], Page]]:
    """``open(width, height, mode)``: diagrams/STEM.yaml's page, rendered once, opened in
    Chromium at that viewport in one of ``MODES``; every request but ``file:`` aborted."""
    diagram = load_file(ROOT / "diagrams" / f"{stem}.yaml").diagram
    assert diagram is not None
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        page_file = Path(tmp) / f"{stem}.html"
        page_file.write_bytes(render(diagram, "html"))
        browser = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)

        def open_(width: int, height: int, mode: str) -> Page:
            page = offline_context(browser, width, height, mode).new_page()
            page.goto(page_file.as_uri(), wait_until="load")
            return page

        try:
            yield open_
        finally:
            browser.close()


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        wide = page_file(Path(tmp), "outpatient-dna")
        for width, height in WIDE.items():
            shoot(browser, wide, out_dir / f"outpatient-dna-{width}.png", (width, height))
        print_pages(browser, wide, out_dir, 2)
        nhs = page_file(Path(tmp), "nhs-impact")
        for width, height in NHS_HEIGHT.items():
            for mode in MODES:
                target = out_dir / f"nhs-impact-{width}-{mode}.png"
                shoot(browser, nhs, target, (width, height), mode, NHS_CLIP[width])
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
