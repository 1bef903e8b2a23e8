"""The charts of measures over time in a real Chromium: axe-core with every data table
open, and the contrast of every chart's text, lines and points in light, dark and
forced colours, from the colours the browser computes (so the page's CSS counts)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES, Opened, run_axe

WARD = next(p for p in EXAMPLES if p.stem == "ward-falls")
HtmlFile = Callable[..., Path]
OpenPage = Callable[..., Opened]

MODES = {
    "light": {"color_scheme": "light", "forced_colors": "none"},
    "dark": {"color_scheme": "dark", "forced_colors": "none"},
    "forced-dark": {"color_scheme": "dark", "forced_colors": "active"},
    "forced-light": {"color_scheme": "light", "forced_colors": "active"},
}

# Every chart element that carries meaning, with the colour it is drawn in, against the
# figure's background. Grid lines are decorative (every value is labelled and in the
# table), so they are left out; everything else must reach WCAG's minimums.
CONTRAST = """() => {
  const rgb = (v) => (/rgba?\\(([^)]+)\\)/.exec(v || "") || [0, ""])[1].split(/[\\s,/]+/)
    .filter(Boolean).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((c) => { const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; })
    .reduce((t, c, i) => t + c * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [h, l] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (h + 0.05) / (l + 0.05); };
  const out = [];
  for (const svg of document.querySelectorAll("svg.measure-chart")) {
    const bg = rgb(getComputedStyle(svg.closest("figure")).backgroundColor);
    for (const el of svg.querySelectorAll("text, line, path, circle, polygon")) {
      if (el.closest("g.grid") && el.localName !== "text") continue;
      const s = getComputedStyle(el);
      const text = el.localName === "text";
      if (text && !(el.textContent || "").trim()) continue;
      const colour = text || el.localName === "circle" || el.localName === "polygon"
        ? s.fill : s.stroke;
      const css = el.getAttribute("class") || el.parentElement.getAttribute("class");
      out.push({ what: `${el.localName}.${css}`, text, ratio: ratio(rgb(colour), bg) });
    }
  }
  return out;
}"""


@pytest.mark.parametrize("width", [320, 1280])
def test_axe_finds_no_violations_with_the_data_tables_open(
    width: int, html_file: HtmlFile, open_page: OpenPage, axe_source: str
) -> None:
    opened = open_page(html_file(WARD), width=width)
    opened.page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    result = run_axe(opened.page, axe_source)
    assert [(v["id"], len(v["nodes"])) for v in result["violations"]] == []
    assert opened.page.locator("table.chart-table").count() == 5


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("theme", ["nhs", "plain"])
def test_chart_contrast(mode: str, theme: str, html_file: HtmlFile, open_page: OpenPage) -> None:
    opened = open_page(html_file(WARD, theme), **MODES[mode])
    found: list[dict[str, Any]] = opened.page.evaluate(CONTRAST)
    assert len([f for f in found if f["text"]]) > 50
    assert len([f for f in found if not f["text"]]) > 100
    low = [f for f in found if f["ratio"] < (4.5 if f["text"] else 3.0)]
    assert low == [], low[:5]


def test_the_charts_reflow_and_keep_their_text(html_file: HtmlFile, open_page: OpenPage) -> None:
    opened = open_page(html_file(WARD), width=320)
    widths = opened.page.evaluate(
        "() => [...document.querySelectorAll('svg.measure-chart')].map(s => "
        "s.getBoundingClientRect().right)"
    )
    assert len(widths) == 5
    assert max(widths) <= 320
    assert opened.page.locator("svg.measure-chart text").count() > 100
