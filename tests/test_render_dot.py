"""The DOT text: golden files, determinism, escaping, layout conventions.

Most checks read the DOT back through the real ``dot`` (``-Tjson``), so they test
what Graphviz understands, not what our strings look like.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, HOSTILE
from impact_cli.check.load import load_file, load_text
from impact_cli.diagram import Diagram, Tier
from impact_cli.render import RenderOptions
from impact_cli.render.dot import build_dot, node_id, wrap
from impact_cli.render.graphviz_run import run_dot

ALL = [*EXAMPLES, HOSTILE]


def load(path: Path) -> Diagram:
    result = load_file(path)
    assert result.diagram is not None, [d.format_line() for d in result.diagnostics]
    return result.diagram


def layout(source: str) -> dict[str, Any]:
    result = run_dot(source, "json")
    assert result.warnings == ""
    data: dict[str, Any] = json.loads(result.output)
    return data


def drawn_nodes(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Nodes (not subgraphs) by name."""
    return {o["name"]: o for o in data["objects"] if "nodes" not in o}


def visible_edges(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in data.get("edges", []) if e.get("style") != "invis"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_golden_dot(path: Path, golden: Callable[[str, str | bytes], None]) -> None:
    golden(f"dot/{path.stem}.dot", build_dot(load(path), RenderOptions()))


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_same_bytes_twice(path: Path) -> None:
    first = build_dot(load(path), RenderOptions())
    second = build_dot(load(path), RenderOptions())
    assert first == second


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_structure_survives_any_text(path: Path) -> None:
    """dot sees exactly our boxes and links, whatever the text holds."""
    diagram = load(path)
    data = layout(build_dot(diagram, RenderOptions()))
    nodes = drawn_nodes(data)
    boxes = {name for name, o in nodes.items() if o.get("class") != "heading"}
    expected = {node_id(n) for n in diagram.nodes.values()}
    expected |= {m.number.lower() for m in diagram.measures}
    if not diagram.counts[Tier.PRIMARY]:
        expected.add("no_drivers")  # the box that says "No drivers yet"
    assert boxes == expected
    assert len(visible_edges(data)) == len(diagram.links)
    headings = [o for o in nodes.values() if o.get("class") == "heading"]
    tiers_present = sum(1 for tier in Tier if diagram.counts[tier])
    # an aim with no drivers yet keeps the primary drivers' column, saying so
    drafted = 0 if diagram.counts[Tier.PRIMARY] else 1
    assert len(headings) == tiers_present + drafted + (1 if diagram.measures else 0)


def test_hostile_text_is_escaped_in_labels() -> None:
    diagram = load(HOSTILE)
    source = build_dot(diagram, RenderOptions())
    # every user fragment appears only escaped: no raw markup from the file survives
    assert "<script>" not in source
    assert "<img" not in source
    assert "&lt;script&gt;" in source
    assert "&quot;]; evil [label=&quot;x" in source
    # no statement was injected: every statement line starts with our own ids
    lines = source.splitlines()
    assert lines[0] == "digraph driver_diagram {"
    statements = [
        line.strip()
        for line in lines[1:]
        if line.strip() and not line.strip().startswith(("//", "{", "}", "rank="))
    ]
    ident = r"[a-z][a-z0-9_]*"
    for line in statements:
        assert re.match(rf"^(graph|node|edge|{ident}( -> {ident})*) \[", line), line


def test_labels_are_wrapped_and_left_aligned() -> None:
    diagram = load(EXAMPLES[0])
    source = build_dot(diagram, RenderOptions())
    assert '<BR ALIGN="LEFT"/>' in source
    assert wrap("one two three four", 9) == ["one two", "three", "four"]
    long_word = "x" * 50
    assert wrap(long_word, 10) == [long_word]  # never split a word


def test_graph_attributes() -> None:
    source = build_dot(load(EXAMPLES[0]), RenderOptions())
    graph_line = next(line for line in source.splitlines() if line.strip().startswith("graph ["))
    for attr in ('rankdir="LR"', 'newrank="true"', 'ordering="out"'):
        assert attr in graph_line


RICH = """\
title: Rich example
aim: Fewer falls by 2026
primary_drivers:
  - id: p1
    title: Safe ward
    secondary_drivers:
      - id: s1
        title: Call bells in reach
        change_ideas:
          - title: Bay check every round
            status: testing
            priority: high
      - id: s2
        title: Good footwear
        strength: weak
  - id: p2
    title: Reliable assessment
    secondary_drivers:
      - id: s3
        title: Risk assessed within six hours
        tertiary_drivers:
          - id: t1
            title: Checklist on the first page
change_ideas:
  - title: Slipper socks
    supports: [s2, s3]
measures:
  - name: Falls per 1,000 bed days
    type: outcome
    tracks: [aim]
  - name: Checklist completion
    type: process
    tracks: [s3]
theory_of_change:
  if_we: check every bay
  we_will: see fewer falls
  so_that: people go home well
"""


def rich() -> Diagram:
    result = load_text(RICH, "rich.yaml")
    assert result.diagram is not None, [d.format_line() for d in result.diagnostics]
    return result.diagram


def test_headings_and_columns_left_to_right() -> None:
    diagram = rich()
    data = layout(build_dot(diagram, RenderOptions()))
    nodes = drawn_nodes(data)
    headings = sorted(
        (o for o in nodes.values() if o.get("class") == "heading"),
        key=lambda o: float(o["pos"].split(",")[0]),
    )
    texts = [re.sub("<[^>]+>", "", o["label"]).strip() for o in headings]
    assert texts == [
        "Aim",
        "Primary drivers",
        "Secondary drivers",
        "Tertiary drivers",
        "Change ideas",
        "Measures",
    ]
    # the headings sit in one row across the top
    ys = {round(float(o["pos"].split(",")[1])) for o in headings}
    assert len(ys) == 1
    top = max(float(o["pos"].split(",")[1]) for o in nodes.values())
    assert ys.pop() == round(top)
    # every box sits in its tier's column, right of the previous tier
    x_of = {name: float(o["pos"].split(",")[0]) for name, o in nodes.items()}
    for node in diagram.nodes.values():
        column = {n.tier for n in diagram.nodes.values() if x_of[node_id(n)] == x_of[node_id(node)]}
        assert column == {node.tier}


@pytest.mark.parametrize("path", [*EXAMPLES, HOSTILE], ids=lambda p: p.stem)
def test_reading_order_top_to_bottom(path: Path) -> None:
    """The published order (YAML order) is kept in every column.

    A column may hold two tiers (change ideas beside the drivers they support), so the
    boxes are grouped by the column they are drawn in, not by tier.
    """
    diagram = load(path)
    nodes = drawn_nodes(layout(build_dot(diagram, RenderOptions())))
    columns: dict[float, list[float]] = {}
    for node in diagram.nodes.values():  # reading order
        x, y = (float(v) for v in nodes[node_id(node)]["pos"].split(","))
        columns.setdefault(x, []).append(y)
    for x, ys in columns.items():
        assert ys == sorted(ys, reverse=True), x


def test_status_priority_in_words_and_weak_links_dotted_with_a_key() -> None:
    diagram = rich()
    source = build_dot(diagram, RenderOptions())
    assert "Status: testing" in source
    assert "Priority: high" in source
    data = layout(source)
    weak = [e for e in visible_edges(data) if e.get("style") == "dotted"]
    assert len(weak) == sum(1 for link in diagram.links if link.weak) == 1
    assert "Dotted line: weak link" in source
    assert "Solid line: strong link" in source


def test_no_key_without_weak_links() -> None:
    nhs = load(next(p for p in EXAMPLES if p.stem == "nhs-impact"))
    assert not any(link.weak for link in nhs.links)
    assert "weak link" not in build_dot(nhs, RenderOptions())


def test_theory_and_measures_shown_and_hidden() -> None:
    diagram = rich()
    shown = build_dot(diagram, RenderOptions())
    assert "Theory of change" in shown
    assert "check every bay" in shown
    assert "Falls per 1,000 bed days" in shown
    assert "Process measure. Tracks 2.1" in shown
    hidden = build_dot(diagram, RenderOptions(show_theory=False, show_measures=False))
    assert "Theory of change" not in hidden
    assert "check every bay" not in hidden
    assert "Falls per 1,000 bed days" not in hidden
    assert "Measures" not in hidden


def test_numbers_on_boxes() -> None:
    diagram = rich()
    nodes = drawn_nodes(layout(build_dot(diagram, RenderOptions())))
    for node in diagram.nodes.values():
        if node.tier is not Tier.AIM:
            label = nodes[node_id(node)]["label"]
            assert f"<B>{node.number}</B>" in label


def test_plain_theme_differs_only_in_colour() -> None:
    diagram = rich()
    nhs = build_dot(diagram, RenderOptions())
    plain = build_dot(diagram, RenderOptions(theme="plain"))
    assert "#005EB8" in nhs
    assert "#005EB8" not in plain
    strip = re.compile(r'"#[0-9A-F]{6}"')
    assert strip.sub("C", nhs) == strip.sub("C", plain)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_part_says_not_yet_linked_only_of_items_not_yet_linked(path: Path) -> None:
    """In a part of a split diagram, an item whose home is in another part supports
    something in this one: it is linked, and its box must not say otherwise."""
    from impact_cli.render.split import not_linked, split_diagram

    whole = load(path)
    unlinked = {
        node_id(n) for n in whole.nodes.values() if n.tier is not Tier.AIM and not n.linked
    } | {
        node_id(n)
        for n in whole.nodes.values()
        if n.tier is not Tier.AIM and n.parent is None and not whole.links_from(n.key)
    }
    parts = [part for _, part in split_diagram(whole)]
    extra = not_linked(whole)
    parts += [extra] if extra else []
    pulled_in = 0
    for part in parts:
        source = build_dot(part, RenderOptions())
        for node in part.nodes.values():
            line = next(
                x for x in source.splitlines() if x.strip().startswith(f"{node_id(node)} [")
            )
            assert ("Not yet linked" in line) == (node_id(node) in unlinked), (part.title, node)
            pulled_in += node.parent is None and node.tier is not Tier.AIM and node.linked
    if path.stem == "outpatient-dna":
        assert pulled_in, "its parts pull in items whose home is in another part"
