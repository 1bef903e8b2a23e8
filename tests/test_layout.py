"""The drawing's layout, measured (docs/layout.md): no regression beyond the committed numbers.

The layout report (tools/layout_report.py) lays out every example and every
transcribed published diagram (tests/real/) in both directions with the real ``dot``
and measures the drawing from dot's own coordinates. tests/data/layout-baseline.json
holds the numbers committed with the layout (``python tools/layout_report.py --json
tests/data/layout-baseline.json`` writes it again after a deliberate change).

Tolerances (documented in docs/layout.md): none for overlapping arrowheads and boxes
out of the published order (always zero) or for detours and boxes level with an
unlinked box; one crossing, because a newer Graphviz may route a link differently;
5% for the total link length and the aspect ratio.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Invoke
from impact_cli.check.load import load_file, load_text
from impact_cli.diagram import Tier
from impact_cli.render import RenderOptions, dot_choice
from impact_cli.render.dot import box_id, build_dot, columns, node_id
from impact_cli.render.dot_layout import Tuning, ideas_placement
from impact_cli.render.graphviz_run import run_dot

sys.path.insert(0, str(ROOT / "tools"))
import layout_report

BASELINE = ROOT / "tests" / "data" / "layout-baseline.json"
LENGTH_TOLERANCE = 0.05
CROSSING_TOLERANCE = 1


def _baseline() -> dict[tuple[str, str], dict[str, Any]]:
    runs = json.loads(BASELINE.read_text(encoding="utf-8"))
    return {
        (run["settings"]["direction"], f"{row['group']}/{row['name']}"): row
        for run in runs
        for row in run["rows"]
        if row["group"] != "generated"
    }


CASES = sorted(_baseline())


@pytest.fixture(scope="module")
def measured() -> dict[tuple[str, str], layout_report.Metrics]:
    result = {}
    for direction in ("LR", "TB"):
        options = RenderOptions(direction=direction)
        for case in layout_report.cases(generated=False):
            data = layout_report.lay_out(case.diagram, options)
            result[(direction, f"{case.group}/{case.name}")] = layout_report.measure(
                data, case.diagram
            )
    return result


def test_every_example_and_real_diagram_is_in_the_baseline(
    measured: dict[tuple[str, str], layout_report.Metrics],
) -> None:
    assert set(measured) == set(CASES)
    assert {name.split("/")[0] for _, name in CASES} == {"examples", "real"}


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[1]}")
def test_no_layout_regression(
    case: tuple[str, str], measured: dict[tuple[str, str], layout_report.Metrics]
) -> None:
    now = measured[case]
    then = _baseline()[case]
    assert now.arrow_clashes == 0, "arrowheads overlap"
    assert now.out_of_order == 0, "boxes are drawn out of the file's order"
    assert now.detours <= then["detours"]
    assert now.misleading <= then["misleading"]
    assert now.crossings <= then["crossings"] + CROSSING_TOLERANCE
    assert now.length <= then["length"] * (1 + LENGTH_TOLERANCE)
    assert abs(now.aspect - then["aspect"]) <= then["aspect"] * LENGTH_TOLERANCE


def test_the_report_sees_overlapping_arrowheads_and_disorder() -> None:
    """The measures are not blind: a drawing with both faults is caught."""
    diagram = _load(MIXED)
    source = build_dot(diagram, RenderOptions())
    # every link draws its own arrowhead, and all meet at one point of the driver
    source = source.replace('arrowtail="none" ', "")
    # and the ideas of one column are chained the wrong way round
    source = source.replace("c2 -> c3", "c3 -> c2")
    data = json.loads(run_dot(source, "json").output)
    metrics = layout_report.measure(data, diagram)
    assert metrics.arrow_clashes > 0
    assert metrics.out_of_order > 0


# --- the layout rules, on a small diagram with change ideas at mixed depths ------------

MIXED = """\
title: Mixed depths
aim: Fewer falls by 2026
primary_drivers:
  - id: p1
    title: Safe ward
    change_ideas:
      - Own idea of the primary driver, written first
    secondary_drivers:
      - id: s1
        title: Call bells in reach
        change_ideas:
          - Bay check every round
          - Call bell audit
  - id: p2
    title: Reliable assessment
    secondary_drivers:
      - Risk assessed within six hours
"""


def _load(text: str) -> Any:
    result = load_text(text, "mixed.yaml")
    assert result.diagram is not None, [d.format_line() for d in result.diagnostics]
    return result.diagram


def _positions(source: str) -> dict[str, tuple[float, float]]:
    data = json.loads(run_dot(source, "json").output)
    return {
        o["name"]: tuple(float(v) for v in o["pos"].split(","))  # type: ignore[misc]
        for o in data["objects"]
        if "pos" in o and "nodes" not in o
    }


def test_a_drivers_own_ideas_keep_the_files_order() -> None:
    diagram = _load(MIXED)
    ideas = [n.title for n in diagram.nodes.values() if n.number.startswith("C")]
    assert ideas[0] == "Own idea of the primary driver, written first"
    assert diagram.nodes[diagram.nodes["p1"].children[0]].number == "C1"


def test_ideas_beside_their_drivers_or_in_a_last_column() -> None:
    diagram = _load(MIXED)
    beside = _positions(build_dot(diagram, RenderOptions(ideas_column="beside")))
    last = _positions(build_dot(diagram, RenderOptions(ideas_column="last")))
    # beside: the primary driver's idea shares the secondary drivers' column
    assert beside["c1"][0] == beside["d1_1"][0]
    assert beside["c2"][0] > beside["d1_1"][0]
    # last: every idea in one column, right of every driver
    assert last["c1"][0] == last["c2"][0] == last["c3"][0] > last["d1_1"][0]
    # auto: ideas hang from two tiers here, so beside
    assert _positions(build_dot(diagram, RenderOptions()))["c1"] == beside["c1"]


def test_top_to_bottom_puts_the_aim_on_top() -> None:
    diagram = _load(MIXED)
    pos = _positions(build_dot(diagram, RenderOptions(direction="TB")))
    # JSON's y grows upwards: the aim highest, then the primary drivers, then the rest
    assert pos["aim"][1] > pos["d1"][1] > pos["d1_1"][1] > pos["c2"][1]
    assert pos["d1"][0] < pos["d2"][0]  # the file's order, left to right


@pytest.mark.parametrize("spread", [False, True])
def test_one_arrowhead_per_point_where_links_meet(spread: bool) -> None:
    """Links into a box meet at one point of it (or, spread, at one of three points of
    the aim's side), and exactly one link per point draws the arrowhead."""
    diagram = _load(MIXED)
    tuning = Tuning(placement="beside", spread_aim=spread)
    source = build_dot(diagram, RenderOptions(), tuning)
    data = json.loads(run_dot(source, "json").output)
    names = {o["_gvid"]: o["name"] for o in data["objects"] if "nodes" not in o}
    heads: dict[tuple[str, str], int] = {}
    points: set[tuple[str, str]] = set()
    for edge in data["edges"]:
        if edge.get("style") == "invis":
            continue
        point = (names[edge["tail"]], edge["tailport"])
        points.add(point)
        if "s," in edge["pos"]:
            heads[point] = heads.get(point, 0) + 1
    assert heads == dict.fromkeys(points, 1)
    targets = {node_id(diagram.nodes[link.target]) for link in diagram.links}
    assert {box for box, _ in points} == targets
    aim_points = {port for box, port in points if box == "aim"}
    assert aim_points == ({"upper:e", "lower:e"} if spread else {"e"})
    assert layout_report.measure(data, diagram).arrow_clashes == 0


# --- the command line and the file ------------------------------------------------------


def test_direction_and_ideas_column_from_the_command_line(impact: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "mixed.yaml"
    path.write_text(MIXED + "direction: TB\n", encoding="utf-8")
    from_file = impact("render", path, "-f", "dot", "-o", "-")
    assert from_file.exit_code == 0, from_file.stderr
    assert 'rankdir="TB"' in from_file.stdout
    overridden = impact("render", path, "-f", "dot", "-o", "-", "--direction", "lr")
    assert 'rankdir="LR"' in overridden.stdout
    last = impact("render", path, "-f", "dot", "-o", "-", "--ideas-column", "last")
    assert last.stdout != from_file.stdout
    assert "h_change_idea" in last.stdout
    bad = impact("render", path, "-f", "dot", "-o", "-", "--direction", "sideways")
    assert bad.exit_code == 2
    assert "--direction 'sideways' is not one of LR, TB" in bad.stderr


def test_renamed_headings_are_drawn(impact: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "fuel.yaml"
    path.write_text(
        (ROOT / "tests" / "real" / "nhs-institute-fuel-costs.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = impact("render", path, "-f", "svg", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert ">Actions/Interventions</text>" in result.stdout
    assert ">Change ideas</text>" not in result.stdout


def test_real_diagrams_cite_their_source() -> None:
    paths = sorted((ROOT / "tests" / "real").glob("*.yaml"))
    assert len(paths) >= 4
    for path in paths:
        diagram = load_file(path).diagram
        assert diagram is not None, path
        assert (diagram.meta.source or "").startswith("https://"), path
        comments = [
            line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] == "#"
        ]
        assert any(diagram.meta.source in line for line in comments), path


# --- choosing between dot settings per diagram (render/dot_choice.py) -------------------


def _metrics(diagram: Any, direction: str, tuning: Tuning | None) -> layout_report.Metrics:
    source = build_dot(diagram, RenderOptions(direction=direction), tuning)
    return layout_report.measure(json.loads(run_dot(source, "json").output), diagram)


def _case(name: str) -> Any:
    return next(c.diagram for c in layout_report.cases() if c.name == name)


@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_a_driver_lined_up_with_its_first_item_is_level_with_nothing_else(direction: str) -> None:
    """Fuel costs: plainly laid out, 3.1 sits level with primary driver 1, which it does
    not support; the choice lines each driver up with its first item instead."""
    diagram = _case("nhs-institute-fuel-costs")
    plain = _metrics(diagram, direction, Tuning(placement="beside"))
    chosen = _metrics(diagram, direction, None)
    assert plain.misleading == 1
    assert chosen.misleading == 0
    assert 'group="g_d3"' in build_dot(diagram, RenderOptions(direction=direction))


def test_loose_references_keep_every_column_in_reading_order() -> None:
    """On a large generated diagram dot gives up part of the reading order unless the
    links by reference stop constraining the layout; the choice sees it and frees them."""
    diagram = _case("generated-150")
    plain = _metrics(diagram, "LR", Tuning(placement="beside"))
    chosen = _metrics(diagram, "LR", None)
    assert plain.out_of_order > 0
    assert chosen.out_of_order == 0
    assert 'constraint="false"' in build_dot(diagram, RenderOptions(direction="LR"))


def test_auto_puts_ideas_in_a_last_column_when_beside_forces_a_crossing() -> None:
    """generated-10: beside its driver, in the file's order, change idea C3 must sit below
    2.1.1, so its weak link from 1.1 crosses 2.1.1's; in a last column nothing crosses."""
    diagram = _case("generated-10")
    beside = _metrics(diagram, "LR", Tuning(placement="beside"))
    chosen = _metrics(diagram, "LR", None)
    assert beside.crossings == 1
    assert chosen.crossings == 0

    def idea_columns(options: RenderOptions) -> int:
        return sum(
            any(getattr(item, "tier", None) is Tier.CHANGE_IDEA for item in members)
            for _, _, members in columns(diagram, options)
        )

    assert idea_columns(RenderOptions(direction="LR")) == 1
    # the option still decides when it is given
    assert idea_columns(RenderOptions(direction="LR", ideas_column="beside")) == 2


def test_the_slides_get_the_columns_the_drawing_chose() -> None:
    diagram = _case("generated-10")
    options = RenderOptions(direction="LR")
    source = build_dot(diagram, options)
    for heading_id, _, members in columns(diagram, options):
        assert f"    {heading_id} [" in source
        for item in members:
            assert f"    {box_id(item)} [" in source


def test_the_aims_links_spread_over_its_side_where_they_are_shorter() -> None:
    """NHS IMPACT: five primary drivers far above and below a tall aim; their links meet
    its side at three points, not one, and are shorter for it."""
    diagram = _case("nhs-impact")
    plain = _metrics(diagram, "LR", Tuning(placement=ideas_placement(diagram, None)))
    chosen = _metrics(diagram, "LR", None)
    assert chosen.length < plain.length * 0.95
    source = build_dot(diagram, RenderOptions(direction="LR"))
    assert 'tailport="upper:e"' in source
    assert 'tailport="lower:e"' in source


def test_links_by_reference_may_pull_a_little_where_that_crosses_less() -> None:
    """CLAHRC defect-free surgery, top to bottom: many links by reference; letting them
    pull (weight 1) draws fewer crossings than leaving them weightless."""
    diagram = _case("clahrc-nwl-defect-free-surgery")
    plain = _metrics(diagram, "TB", Tuning(placement=ideas_placement(diagram, None)))
    chosen = _metrics(diagram, "TB", None)
    assert chosen.crossings < plain.crossings
    assert 'class="link-strong" headport="n" tailport="s" weight="1"' in build_dot(
        diagram, RenderOptions(direction="TB")
    )


def test_no_choice_for_a_large_diagram() -> None:
    """Past 250 boxes a layout and its measures take a second or more: no choice, one
    layout."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    diagram = load_text(generate(dot_choice.CHOICE_BOXES + 10), "large.yaml").diagram
    assert diagram is not None
    assert len(diagram.nodes) > dot_choice.CHOICE_BOXES
    built: list[Tuning] = []

    def build(tuning: Tuning) -> str:
        built.append(tuning)
        return build_dot(diagram, RenderOptions(), tuning)

    chosen = dot_choice.choose(diagram, RenderOptions(), build, node_id)
    assert chosen == Tuning(placement=ideas_placement(diagram, None))
    assert built == []
