"""Take the README screenshots of the NHS IMPACT page (not a test; run by hand).

    .venv/bin/python tests/browser/screenshots.py [OUT_DIR]

Writes docs/screenshots/nhs-impact-{320,1280}-{light,dark,forced}.png: the top of the
page (header, diagram and the start of the text version) at 320 and 1280 CSS px, in
light and dark colour schemes and in forced colours (Windows High Contrast emulation).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

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
HEIGHT = {320: 900, 1280: 1500}
CLIP = {320: 2600, 1280: 1500}


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
            media = MODES[mode]
            context = browser.new_context(
                viewport={"width": width, "height": height},
                color_scheme=media["color_scheme"],  # type: ignore[arg-type]
                forced_colors=media["forced_colors"],  # type: ignore[arg-type]
            )
            context.route(
                "**/*",
                lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
            )
            page = context.new_page()
            page.goto(page_file.as_uri(), wait_until="load")
            return page

        try:
            yield open_
        finally:
            browser.close()


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with pages("nhs-impact") as open_page:
        for width, height in HEIGHT.items():
            for mode in MODES:
                page = open_page(width, height, mode)
                target = out_dir / f"nhs-impact-{width}-{mode}.png"
                page.screenshot(
                    path=str(target),
                    full_page=True,
                    clip={"x": 0, "y": 0, "width": width, "height": CLIP[width]},
                )
                print(target)
                page.context.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
