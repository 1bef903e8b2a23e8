"""Take the README screenshots of the ward-falls page's charts (not a test; run by hand).

    .venv/bin/python tests/browser/chart_screenshots.py [OUT_DIR]

Writes docs/screenshots/ward-falls-charts-1280-{light,dark,forced}.png: the page at
1280 CSS px from the heading 'Measures over time', with its first charts, summaries
and annotations, in light and dark colour schemes and in forced colours.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))

from screenshots import MODES, pages  # noqa: E402

WIDTH, HEIGHT = 1280, 1700


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with pages("ward-falls") as open_page:
        for mode in MODES:
            page = open_page(WIDTH, HEIGHT, mode)
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
            print(target)
            page.context.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
