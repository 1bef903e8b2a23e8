"""How the page sizes its drawing on screen and plans it on paper (tests/browser/test_print.py
prints the pages for real)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from conftest import ROOT, Invoke
from impact_cli.check.load import load_file, load_text
from impact_cli.diagram import Diagram
from impact_cli.errors import ImpactError
from impact_cli.render import RenderOptions, render
from impact_cli.render.html.cutting import column_runs
from impact_cli.render.html.drawing import (
    PX_PER_PT,
    READABLE_PX,
    columns,
    header_right,
    measure,
)
from impact_cli.render.html.pages import MIN_TEXT_PT, MM_PER_PT
from impact_cli.render.html.paper import print_plan
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
    sheets = [plan.whole._replace(svg=svg)] if plan.whole else [s for p in plan.pages for s in p]
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
    titles = [s.svg[s.svg.index("<title") : s.svg.index("</title>")] for p in a4.pages for s in p]
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
    sheets = [s for p in plan.pages for s in p]
    titles = [s.svg[s.svg.index("<title") : s.svg.index("</title>")] for s in sheets]
    assert titles[0].endswith("Tall: overview")
    expected = [f"Tall: secondary driver {p}.{s}" for p in (1, 2) for s in range(1, 11)]
    assert [t.rsplit(">", 1)[1] for t in titles[1:]] == expected
    assert min(s.text_pt for s in sheets) >= MIN_TEXT_PT
    # each part of a secondary driver shows the primary driver it is written under
    second = sheets[1].svg
    assert "Primary driver 1" in second
    assert "Change idea 1.1.5 in a few words" in second
    assert "Change idea 1.2.1" not in second


def sheets_of(diagram: Diagram, paper: str = "a4") -> list[list[str]]:
    """The title of every drawing on each printed page of ``diagram``'s drawing."""
    options = RenderOptions(paper=paper)
    plan = print_plan(diagram, options, svg_markup(diagram, options))
    assert plan is not None
    assert plan.whole is None
    assert min(s.text_pt for p in plan.pages for s in p) >= MIN_TEXT_PT
    return [[s.svg.split("</title>", 1)[0].rsplit(">", 1)[1] for s in p] for p in plan.pages]


def test_items_not_yet_linked_print_in_a_part_of_their_own() -> None:
    diagram = load("discharge-draft")
    titles = [t for page in sheets_of(diagram) for t in page]
    assert titles[-1].endswith(": not yet linked")
    options = RenderOptions()
    plan = print_plan(diagram, options, svg_markup(diagram, options))
    assert plan is not None
    last = plan.pages[-1][-1].svg
    for node in diagram.nodes.values():
        if not node.linked:
            assert node.title in last


def test_short_parts_share_a_page_at_one_scale() -> None:
    diagram = load("many-to-many")
    options = RenderOptions()
    plan = print_plan(diagram, options, svg_markup(diagram, options))
    assert plan is not None
    shared = [page for page in plan.pages if len(page) > 1]
    assert shared, "each part alone on a page, some of them more than half empty"
    for page in shared:
        assert len({round(s.text_pt, 6) for s in page}) == 1
        assert len({s.landscape for s in page}) == 1


def many_ideas() -> Diagram:
    lines = ["title: Many", "aim: Cut waits to 18 weeks by March 2026.", "primary_drivers:"]
    lines += ["  - title: Booking", "    secondary_drivers:", "      - title: Reminders"]
    lines += ["        change_ideas:"]
    lines += [f"          - Reminder idea number {i} tried on one clinic" for i in range(1, 61)]
    result = load_text("\n".join(lines) + "\n", "many.yaml")
    assert result.diagram is not None
    return result.diagram


@pytest.mark.parametrize("paper", ["a4", "a3"])
def test_a_driver_with_sixty_change_ideas_prints_in_pieces_of_them(paper: str) -> None:
    diagram = many_ideas()
    options = RenderOptions(paper=paper)
    plan = print_plan(diagram, options, svg_markup(diagram, options))
    assert plan is not None
    sheets = [s for page in plan.pages for s in page]
    assert min(s.text_pt for s in sheets) >= MIN_TEXT_PT
    pieces = [s for s in sheets if "secondary driver 1.1 (" in s.svg.split("</title>", 1)[0]]
    count = len(pieces)
    assert count >= 2
    for number, sheet in enumerate(pieces, 1):
        assert f"secondary driver 1.1 ({number} of {count})</title>" in sheet.svg
    # every idea in exactly one piece, in order
    found = [
        [i for i in range(1, 61) if f"Reminder idea number {i} tried" in s.svg] for s in pieces
    ]
    assert [i for piece in found for i in piece] == list(range(1, 61))


def test_a_column_is_boxes_side_by_side_whatever_their_tier() -> None:
    """In tertiary.yaml change idea C1 is written directly under primary driver 1: it is
    drawn in the secondary drivers' column, and a cut between columns never goes through it."""
    diagram = load("tertiary")
    part = svg_markup(diagram, RenderOptions(show_measures=False))
    spans, _ = columns(part)
    assert all(right < left for (_, right), (left, _) in itertools.pairwise(spans))
    assert len(spans) == 5  # aim, primary, secondary, tertiary, change ideas


@pytest.mark.parametrize("paper", ["a4", "a3"])
@pytest.mark.parametrize("name", ["outpatient-dna", "tertiary", "ward-falls", "many-to-many"])
def test_a_title_key_and_theory_are_never_cut_at_a_strips_edge(name: str, paper: str) -> None:
    """What is drawn above the columns prints whole: with the first strip when it fits
    there (a part cut into strips leaves its theory of change to the overview), or as a
    piece of its own above the strips."""
    diagram = load(name)
    options = RenderOptions(paper=paper)
    plan = print_plan(diagram, options, svg_markup(diagram, options))
    assert plan is not None
    for sheet in (s for page in plan.pages for s in page):
        drawing = measure(sheet.svg)
        assert drawing is not None
        box = drawing.box
        strip = re.search(r'aria-labelledby="[\w-]+-(?:s\d+|head)-title"', sheet.svg)
        # a strip (a drawing cut to its columns) that shows what is above the columns;
        # a whole drawing holds its title by Graphviz's own measure
        if strip and box.y <= 0.5:  # starts at the top, where the title is
            assert header_right(sheet.svg) <= box.x + box.width + 0.5, sheet.svg[:200]


@pytest.mark.parametrize("paper", ["a4", "a3"])
@pytest.mark.parametrize("name", ["discharge-draft", "outpatient-dna", "tertiary"])
def test_a_strip_says_which_part_it_continues_only_away_from_it(name: str, paper: str) -> None:
    """ "Primary driver 1, continued" heads a strip that starts a page; under its part's
    head or the strip before it, on the same page, it would say what the page shows."""
    diagram = load(name)
    options = RenderOptions(paper=paper)
    plan = print_plan(diagram, options, svg_markup(diagram, options))
    assert plan is not None
    part = re.compile(r'aria-labelledby="([\w-]+)-(?:s(\d+)|head)-title"')
    sheets = [sheet.svg for page in plan.pages for sheet in page]
    headed = {m.group(1) for svg in sheets if (m := part.search(svg)) and m.group(2) is None}
    captions = 0
    for page in plan.pages:
        before = None
        for sheet in page:
            found = part.search(sheet.svg)
            caption = re.search(r'font-weight="bold">([^<]*), continued</text>', sheet.svg)
            if found and found.group(1) != before:
                # the first piece of its part on this page: a strip away from its part's
                # title says which part it is (the first strip holds the title, unless
                # the title is a piece of its own)
                strip = found.group(2)
                away = strip is not None and (strip != "1" or found.group(1) in headed)
                assert bool(caption) == away, sheet.svg[:200]
                captions += bool(caption)
            else:
                assert caption is None, sheet.svg[:200]
            before = found.group(1) if found else None
    if paper == "a4":
        assert captions  # some strip of these starts a page of its own


@pytest.mark.parametrize("paper", ["a4", "a3"])
@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "diagrams").glob("*.yaml")))
def test_a_parts_title_and_key_print_on_the_page_of_its_first_strip(name: str, paper: str) -> None:
    """Like a heading, what is drawn above a cut part's columns is never left at the foot
    of a page with its columns on the next (discharge-draft's primary driver 1 was)."""
    diagram = load(name)
    options = RenderOptions(paper=paper)
    plan = print_plan(diagram, options, svg_markup(diagram, options))
    assert plan is not None
    for number, page in enumerate(plan.pages, 1):
        last = page[-1].svg
        assert not re.search(r'aria-labelledby="[\w-]+-head-title"', last), (number, last[:200])
