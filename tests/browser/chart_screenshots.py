"""Take the README screenshots of the ward-falls page's charts (not a test; run by hand).

    .venv/bin/python tests/browser/chart_screenshots.py [OUT_DIR]

Writes docs/screenshots/ward-falls-charts-1280-{light,dark,forced}.png: the page at
1280 CSS px from the heading 'Measures over time', with its first charts, summaries
and annotations, in light and dark colour schemes and in forced colours.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))

from screenshots import MODES  # noqa: E402

from conftest import CHROMIUM_ARGS, find_chromium  # noqa: E402
from impact_cli.check.load import load_file  # noqa: E402
from impact_cli.render import render  # noqa: E402

WIDTH, HEIGHT = 1280, 1700


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    diagram = load_file(ROOT / "diagrams" / "ward-falls.yaml").diagram
    assert diagram is not None
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "ward-falls.html"
        page_file.write_bytes(render(diagram, "html"))
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            for mode, media in MODES.items():
                context = browser.new_context(
                    viewport={"width": WIDTH, "height": HEIGHT},
                    color_scheme=media["color_scheme"],  # type: ignore[arg-type]
                    forced_colors=media["forced_colors"],  # type: ignore[arg-type]
                )
                page = context.new_page()
                page.goto(page_file.as_uri(), wait_until="load")
                top = page.evaluate(
                    "() => document.getElementById('measure-charts').getBoundingClientRect().top"
                    " + window.scrollY - 16"
                )
                target = out_dir / f"ward-falls-charts-{WIDTH}-{mode}.png"
                page.screenshot(
                    path=str(target),
                    full_page=True,
                    clip={"x": 0, "y": top, "width": WIDTH, "height": HEIGHT},
                )
                print(f"wrote {target}")
                context.close()
            browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
