"""How the page sizes its drawing on screen and plans it on paper (tests/browser/test_print.py
prints the pages for real)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, Invoke
from impact_cli.check.load import load_file
from impact_cli.diagram import Diagram
from impact_cli.errors import ImpactError
from impact_cli.render import RenderOptions, render
from impact_cli.render.html.drawing import PX_PER_PT, READABLE_PX, measure
from impact_cli.render.html.paper import MIN_TEXT_PT, column_runs, print_plan, text_pt
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
        assert text_pt(drawing, sheet) >= MIN_TEXT_PT - 0.01


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
