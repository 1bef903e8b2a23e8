"""How the page sizes its drawing on screen and plans it on paper (tests/browser/test_print.py
prints the pages for real)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, Invoke
from impact_cli.check.load import load_file, load_text
from impact_cli.diagram import Diagram
from impact_cli.errors import ImpactError
from impact_cli.render import RenderOptions, render
from impact_cli.render.html.drawing import PX_PER_PT, READABLE_PX, measure
from impact_cli.render.html.paper import MIN_TEXT_PT, MM_PER_PT, column_runs, print_plan
from impact_cli.render.svg import svg_markup


def load(name: str) -> Diagram:
    result = load_file(ROOT / "diagrams" / f"{name}.yaml")
    assert result.diagram is not None
    return result.diagram


def test_screen_widths_keep_the_smallest_text_readable() -> None:
    svg = svg_markup(load("outpatient-dna"), RenderOptions())
    drawing = measure(svg)
    assert drawing is not None
    size = drawing.screen()
    assert size.natural == pytest.approx(drawing.width * PX_PER_PT, abs=1)
    smallest_at_readable = drawing.smallest * PX_PER_PT * size.readable / size.natural
    assert smallest_at_readable == pytest.approx(READABLE_PX, abs=0.02)
    assert measure("") is None


@pytest.mark.parametrize(
    ("widest", "runs"),
    [
        (1000, [(0, 3)]),
        (250, [(0, 1), (1, 2), (2, 3)]),  # each strip repeats the last column of the one before
        (150, [(0, 0), (1, 1), (2, 2), (3, 3)]),  # one column a strip: nothing to repeat
    ],
)
def test_strips_of_whole_columns(widest: float, runs: list[tuple[int, int]]) -> None:
    assert column_runs([0, 100, 200, 300, 400], widest) == runs


@pytest.mark.parametrize("name", ["nhs-impact", "many-to-many", "tertiary", "outpatient-dna"])
@pytest.mark.parametrize("paper", ["a4", "a3"])
def test_every_printed_drawing_has_text_of_6_pt_or_more(name: str, paper: str) -> None:
    diagram = load(name)
    options = RenderOptions(paper=paper)
    svg = svg_markup(diagram, options)
    plan = print_plan(diagram, options, svg)
    assert plan is not None
    assert plan.paper == paper.upper()
    sheets = [plan.whole._replace(svg=svg)] if plan.whole else list(plan.sheets)
    assert sheets
    for sheet in sheets:
        drawing = measure(sheet.svg)
        assert drawing is not None
        printed = drawing.smallest * sheet.width_mm / (drawing.width * MM_PER_PT)
        assert printed >= MIN_TEXT_PT - 0.01
        assert printed == pytest.approx(sheet.text_pt)


def test_whole_when_it_fits_in_parts_when_not() -> None:
    diagram = load("outpatient-dna")
    a3 = print_plan(diagram, RenderOptions(paper="a3"), svg_markup(diagram, RenderOptions()))
    assert a3 is not None
    assert a3.whole is not None
    assert a3.whole.landscape
    a4 = print_plan(diagram, RenderOptions(), svg_markup(diagram, RenderOptions()))
    assert a4 is not None
    assert a4.whole is None
    # the overview, then every primary driver in at least one sheet
    titles = [s.svg[s.svg.index("<title") : s.svg.index("</title>")] for s in a4.sheets]
    assert titles[0].endswith(": overview")
    for number in ("1", "2", "3"):
        assert any(t.endswith(f": primary driver {number}") for t in titles)
    # a tall, narrow drawing turns the page
    nhs = load("nhs-impact")
    plan = print_plan(nhs, RenderOptions(), svg_markup(nhs, RenderOptions()))
    assert plan is not None
    assert plan.whole is not None
    assert not plan.whole.landscape


def test_unknown_paper_is_a_usage_error(impact: Invoke, tmp_path: Path) -> None:
    with pytest.raises(ImpactError, match="unknown paper size 'a5'"):
        render(load("nhs-impact"), "html", RenderOptions(paper="a5"))
    result = impact(
        "render", ROOT / "diagrams" / "nhs-impact.yaml", "--paper", "a5", "-o", tmp_path / "x.html"
    )
    assert result.exit_code == 2
    assert "choose from: a4, a3" in result.output
    assert not (tmp_path / "x.html").exists()
    result = impact(
        "render", ROOT / "diagrams" / "nhs-impact.yaml", "--paper", "A3", "-o", tmp_path / "y.html"
    )
    assert result.exit_code == 0, result.output
    assert "size: A3 portrait" in (tmp_path / "y.html").read_text(encoding="utf-8")


def tall_diagram() -> Diagram:
    """Two primary drivers, each with ten secondary drivers of five change ideas: a part
    per primary driver is too tall for A4 at 6 pt."""
    lines = ["title: Tall", "aim: Cut waits to 18 weeks by March 2026.", "primary_drivers:"]
    for p in (1, 2):
        lines += [f"  - title: Primary driver {p}", "    secondary_drivers:"]
        for s in range(1, 11):
            lines += [f"      - title: Secondary driver {p}.{s}", "        change_ideas:"]
            lines += [f"          - Change idea {p}.{s}.{i} in a few words" for i in range(1, 6)]
    result = load_text("\n".join(lines) + "\n", "tall.yaml")
    assert result.diagram is not None
    return result.diagram


def test_a_part_too_tall_prints_a_part_per_driver_under_it() -> None:
    diagram = tall_diagram()
    options = RenderOptions()
    plan = print_plan(diagram, options, svg_markup(diagram, options))
    assert plan is not None
    titles = [s.svg[s.svg.index("<title") : s.svg.index("</title>")] for s in plan.sheets]
    assert titles[0].endswith("Tall: overview")
    expected = [f"Tall: secondary driver {p}.{s}" for p in (1, 2) for s in range(1, 11)]
    assert [t.rsplit(">", 1)[1] for t in titles[1:]] == expected
    assert min(s.text_pt for s in plan.sheets) >= MIN_TEXT_PT
    # each part of a secondary driver shows the primary driver it is written under
    second = plan.sheets[1].svg
    assert "Primary driver 1" in second
    assert "Change idea 1.1.5 in a few words" in second
    assert "Change idea 1.2.1" not in second
