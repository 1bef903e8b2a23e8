"""Charts of measures over time, and their words, in every output that shows them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import DIAGRAMS, ROOT, Invoke
from impact_cli.check.load import load_file, load_text
from impact_cli.check.measure_data import target_number
from impact_cli.diagram import Diagram
from impact_cli.render import RenderOptions, render
from impact_cli.render.html.palette import PAGE_THEMES
from impact_cli.render.measure_chart import DARK, LIGHT, chart_svg
from impact_cli.render.measure_words import reading, readings
from impact_cli.render.theme import GRAPHIC_MINIMUM, TEXT_MINIMUM, contrast_ratio

WARD = DIAGRAMS / "ward-falls.yaml"
SVG = "{http://www.w3.org/2000/svg}"


def ward() -> Diagram:
    diagram = load_file(WARD).diagram
    assert diagram is not None
    return diagram


def svg_of(number: str) -> ET.Element:
    measure = next(m for m in ward().measures if m.number == number)
    r = reading(measure)
    assert r is not None
    return ET.fromstring(chart_svg(measure, r, f"chart-{number.lower()}"))


def test_every_measure_of_the_example_has_a_chart() -> None:
    found = readings(ward())
    assert [r.measure.number for r in found] == ["M1", "M2", "M3", "M4", "M5"]
    assert {r.rule_set for r in found} == {"Making Data Count (XmR chart)", "IHI run chart rules"}


def test_the_chart_is_named_and_described_like_the_diagram() -> None:
    root = svg_of("M1")
    assert root.get("role") == "img"
    assert root.get("focusable") == "false"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert root.get("aria-labelledby") == title.get("id") == "chart-m1-title"
    assert root.get("aria-describedby") == desc.get("id") == "chart-m1-desc"
    assert title.text == "Chart of measure M1: Inpatient falls per 1,000 occupied bed days"
    assert desc.text is not None
    assert desc.text.startswith("Special cause improvement")
    assert all(e.get("id", "chart-m1").startswith("chart-m1") for e in root.iter())
    assert not any(e.tag.endswith("script") or e.tag.endswith("foreignObject") for e in root.iter())
    assert not any(a.startswith("on") for e in root.iter() for a in e.attrib)


def test_limits_mean_and_target_are_labelled_as_text() -> None:
    words = [t.text or "" for t in svg_of("M1").iter(f"{SVG}text")]
    assert "Mean 8.2" in words
    assert "Upper limit 9.9" in words
    assert "Lower limit 6.5" in words
    assert "Target 5.7" in words
    assert "falls per 1,000 occupied bed days" in words  # the axis says what is counted
    assert "Special cause improvement" in words  # the legend, in words
    run_chart = [t.text or "" for t in svg_of("M3").iter(f"{SVG}text")]
    assert "Median 76.5" in run_chart
    assert not any(w.startswith("Upper limit") for w in run_chart)
    assert "Signal of improvement" in run_chart


def test_special_cause_is_marked_by_shape_as_well_as_colour() -> None:
    group = svg_of("M1").find(f"{SVG}g[@class='points']")
    assert group is not None
    points = list(group)
    measure = ward().measures[0]
    r = reading(measure)
    assert r is not None
    assert len(points) == len(r.analysis.categories) == 24
    for element, category in zip(points, r.analysis.categories, strict=True):
        if category == "common":
            assert element.tag == f"{SVG}circle"
        else:
            assert element.tag == f"{SVG}polygon"
            assert _shape(element) == "square"
        assert element.get("class") == f"point {category}"
    concern = [e for e in svg_of("M3").iter(f"{SVG}polygon") if "concern" in e.get("class", "")]
    assert concern
    assert {_shape(e) for e in concern} == {"diamond"}


def _shape(polygon: ET.Element) -> str:
    corners = [tuple(map(float, p.split(","))) for p in polygon.get("points", "").split()]
    if len(corners) == 3:
        return "triangle"
    # a square's first two corners share a y; a diamond's do not
    return "square" if corners[0][1] == corners[1][1] else "diamond"


def test_a_rebase_is_drawn_and_both_sections_have_lines() -> None:
    root = svg_of("M2")
    rebase = root.find(f"{SVG}g[@class='rebase']")
    assert rebase is not None
    centres = root.find(f"{SVG}g[@class='centre']")
    assert centres is not None
    assert len(list(centres)) == 2
    assert "Recalculated" in [t.text for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("theme", sorted(PAGE_THEMES))
def test_chart_colours_contrast_in_light_and_dark(theme: str) -> None:
    light, dark = PAGE_THEMES[theme].light, PAGE_THEMES[theme].dark
    for colours, backgrounds in ((LIGHT, (light.surface, light.page)), (DARK, (dark.surface,))):
        for background in backgrounds:
            assert contrast_ratio(colours.text, background) >= TEXT_MINIMUM
            for name in ("series", "common", "improvement", "concern", "neither", "centre"):
                ratio = contrast_ratio(getattr(colours, name), background)
                assert ratio >= GRAPHIC_MINIMUM, (theme, name, background, ratio)
            for name in ("limit", "target", "rebase"):
                assert contrast_ratio(getattr(colours, name), background) >= GRAPHIC_MINIMUM


def test_the_page_styles_charts_for_dark_mode_and_forced_colours() -> None:
    page = render(ward(), "html", RenderOptions()).decode()
    dark = page.split("@media (prefers-color-scheme: dark)")[-1].split("@media")[0]
    for css in ("common", "improvement", "concern", "neither"):
        assert f".measure-chart .point.{css} {{ fill: {getattr(DARK, css)}" in dark
    forced = page.split("@media (forced-colors: active)")[-1]
    assert ".measure-chart .point { fill: CanvasText !important" in forced
    assert ".measure-chart text { fill: CanvasText !important" in forced


def test_a_page_without_data_has_no_chart_section_or_styles(tmp_path: Path) -> None:
    diagram = load_file(DIAGRAMS / "many-to-many.yaml").diagram
    assert diagram is not None
    page = render(diagram, "html", RenderOptions()).decode()
    assert "measure-charts" not in page
    assert "measure-chart" not in page


def test_the_page_shows_each_chart_with_its_summary_and_data_table() -> None:
    page = render(ward(), "html", RenderOptions()).decode()
    section = page.split('<section class="measure-charts"')[1].split("</section>")[0]
    assert section.count("<figure") == 5
    assert section.count('<svg xmlns="http://www.w3.org/2000/svg"') == 5
    for r in readings(ward()):
        assert f'<p class="chart-summary">{r.summary.replace("&", "&amp;")}</p>' in section
    table = section.split('id="chart-m1-table"')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 24
    assert '<th scope="row">April 2023</th><td>8.4</td><td>8.2</td><td>6.5</td><td>9.9</td>' in (
        table
    )
    # the charts come after the table of measures, before the glossary
    assert (
        page.index('id="measures"')
        < page.index('id="measure-charts"')
        < page.index('id="glossary"')
    )


def test_summaries_lead_with_the_signal_and_name_the_rule_set() -> None:
    by_number = {r.measure.number: r.summary for r in readings(ward())}
    assert by_number["M1"].startswith(
        "Special cause improvement: the last 14 points are below the mean of 8.2 falls per "
        "1,000 occupied bed days and the latest point is below the lower process limit"
    )
    assert (
        "the target of 5.7 falls per 1,000 occupied bed days is consistently missed"
        in (by_number["M1"])
    )
    assert "calculated from the first 12 points" in by_number["M1"]
    assert by_number["M2"].startswith("Common cause variation")
    assert "the target of 95% is not reliably met" in by_number["M2"]
    assert "From week 23 of 2024, the mean is 92.4%" in by_number["M2"]
    assert by_number["M3"].startswith("Signal of improvement: the last 9 points are above")
    assert "too few runs: 2, where 6 to 14 are expected" in by_number["M3"]
    assert "shift or trend of 6" in by_number["M4"]
    assert "1 point of special cause concern (January 2024)" in by_number["M5"]
    for summary in by_number.values():
        assert "Read with the Making Data Count rules" in summary or "IHI run chart" in summary


def test_trial_limits_are_said(tmp_path: Path) -> None:
    text = (
        "title: T\naim: Reduce falls from 8 to 5 by 2026.\nprimary_drivers: [A]\n"
        "measures:\n  - name: Falls\n    type: outcome\n    improvement: decrease\n"
        "    points:\n"
        + "".join(
            f"      - {{period: 2024-{m:02d}, value: {v}}}\n"
            for m, v in zip(range(1, 9), (5, 6, 5, 7, 6, 5, 6, 7), strict=True)
        )
    )
    diagram = load_text(text, str(tmp_path / "t.yaml")).diagram
    assert diagram is not None
    r = reading(diagram.measures[0])
    assert r is not None
    assert "These are trial limits, from fewer than 12 points." in r.summary
    svg = chart_svg(diagram.measures[0], r, "c")
    assert "(trial)" in svg


def test_the_accessible_outline_reads_each_chart_and_its_data(impact: Invoke) -> None:
    text = impact("outline", "--accessible", WARD).stdout
    part = text.split("Charts of measures over time.")[1]
    m1 = readings(ward())[0]
    assert m1.summary in part
    assert "Note 2, May 2024: PDSA cycle of change idea C1: PDSA 1" in part
    assert "Data, 24 points, earliest first." in part
    assert "April 2023: 8.4 falls per 1,000 occupied bed days. Common cause." in part
    assert (
        "March 2025: 5.5 falls per 1,000 occupied bed days. Special cause improvement: below "
        "the lower process limit" in part
    )
    assert "Week 27 of 2024: 62%. Signal of concern" in part


def test_markdown_has_each_summary_and_table(impact: Invoke) -> None:
    text = impact("render", WARD, "-f", "md", "-o", "-").stdout
    part = text.split("## Measures over time")[1]
    assert part.count("\n### Measure M") == 5
    assert "| Period | Value | Mean | Lower limit | Upper limit | What it shows | Notes |" in part
    assert "| Period | Value | Median | What it shows | Notes |" in part
    assert "| April 2023 | 8.4 | 8.2 | 6.5 | 9.9 | Common cause |  |" in part


def test_the_json_export_has_limits_signals_and_the_rule_set(impact: Invoke) -> None:
    data = json.loads(impact("render", WARD, "-f", "json", "-o", "-").stdout)
    schema = json.loads((ROOT / "schemas" / "export.schema.json").read_text())
    jsonschema.validate(data, schema)
    falls = data["measures"][0]["chart"]
    assert falls["rule_set"] == "mdc"
    assert falls["rule_set_name"] == "Making Data Count (XmR chart)"
    (section,) = falls["sections"]
    assert (section["centre"], section["lower_limit"], section["upper_limit"]) == (
        8.2,
        6.507272727,
        9.892727273,
    )
    assert section["points_used"] == 12
    assert falls["variation"] == "improvement"
    assert falls["assurance"] == "fail"
    assert {s["rule"] for s in falls["signals"]} == {"limit", "shift", "two-of-three"}
    assert falls["points"][-1] == {
        "period": "2025-03",
        "label": "March 2025",
        "value": 5.5,
        "note": None,
        "category": "improvement",
        "signals": ["limit", "shift", "two-of-three"],
    }
    assert data["measures"][2]["chart"]["runs"][0]["verdict"] == "too few"
    assert data["measures"][0]["target_value"] == 5.7


def test_the_page_is_the_same_bytes_under_every_hash_seed(
    impact_process: Invoke, tmp_path: Path
) -> None:
    pages = []
    for seed in ("0", "1", "4242"):
        out = tmp_path / f"{seed}.html"
        result = impact_process("render", WARD, "-o", out, env={"PYTHONHASHSEED": seed})
        assert result.exit_code == 0, result.output
        pages.append(out.read_bytes())
    assert pages[0] == pages[1] == pages[2]


def test_user_text_in_a_chart_stays_text(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text(
        'week,value,note\n2024-W01,5,"<script>alert(1)</script>"\n2024-W02,6,&amp; </text>\n',
        encoding="utf-8",
    )
    (tmp_path / "d.yaml").write_text(
        "title: T\naim: Reduce falls from 8 to 5 by 2026.\nprimary_drivers: [A]\n"
        "measures:\n  - name: '<b>Falls</b> \"x\"'\n    type: outcome\n    data: d.csv\n"
        "    unit: '</text><script>'\n    improvement: decrease\n",
        encoding="utf-8",
    )
    diagram = load_file(tmp_path / "d.yaml").diagram
    assert diagram is not None
    page = render(diagram, "html", RenderOptions()).decode()
    assert "<script" not in page
    assert "<b>Falls" not in page
    for svg in re.findall(r"<svg .*?</svg>", page, flags=re.S):
        ET.fromstring(svg)  # well-formed: nothing escaped out of a text node
    md = render(diagram, "md", RenderOptions()).decode()
    assert "<script>" not in md


@pytest.mark.parametrize(
    ("target", "unit", "number"),
    [
        ("5.7 or fewer", None, 5.7),
        ("95%", "%", 95.0),
        ("5.7 falls per 1,000 bed days", "falls per 1,000 bed days", 5.7),
        ("1,200 a month", None, 1200.0),
        ("from 8.2 to 5.7", None, None),
        ("fewer falls", None, None),
        (None, None, None),
    ],
)
def test_the_target_number_is_the_one_number_in_the_target(
    target: str | None, unit: str | None, number: float | None
) -> None:
    assert target_number(target, unit) == number


def test_lint_asks_for_a_direction_and_a_plausible_target(impact: Invoke, tmp_path: Path) -> None:
    base = (
        "title: T\naim: Reduce falls from 8 to 5 by 2026.\nprimary_drivers: [A]\n"
        "measures:\n  - name: Falls\n    type: outcome\n    tracks: aim\n    unit: '%'\n"
        "    points:\n      - {period: 2024-01, value: 80}\n      - {period: 2024-02, value: 85}\n"
    )
    cases = {
        "": {"DD-M04"},
        "    improvement: increase\n    target: 950%\n": {"DD-M05"},
        "    improvement: increase\n    target: -5\n": {"DD-M05"},
        "    improvement: increase\n    target: from 80% to 95%\n": {"DD-M06"},
        "    improvement: increase\n    target: 95%\n": set(),
    }
    for extra, expected in cases.items():
        path = tmp_path / "t.yaml"
        path.write_text(base + extra, encoding="utf-8")
        result = impact("validate", "--format", "json", "--select", "DD-M04,DD-M05,DD-M06", path)
        codes = {d["code"] for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]}
        assert codes == expected, extra
