"""Hostile text never escapes its place, checked by parsing each output.

tests/data/hostile.yaml carries script tags, DOT breakers, Graphviz HTML-label
markup, CSS breakers, bidi overrides, joiners, combining marks and emoji in every
text field. Each output is compared with the output of its *benign twin* (the same
diagram with every text replaced by harmless words): the DOT graph that ``dot``
parses has the same nodes and edges, the HTML has exactly the elements the template
writes, the SVG the same boxes, the CSV the same rows and the JSON the same text.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from conftest import HOSTILE
from fuzz.fuzz_support import available_formats, benign_twin, dump
from impact_cli.check.load import load_text
from impact_cli.diagram import Diagram
from impact_cli.render import FORMATS, render
from impact_cli.source.reader import read_yaml
from robustness.checks import HAS_DOT, dot_counts, html_problems, parse_html

FORMATS_OK, FORMATS_MISSING = available_formats()
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def _data() -> dict[str, Any]:
    doc = read_yaml(HOSTILE.read_bytes(), str(HOSTILE))
    assert doc is not None
    data: dict[str, Any] = doc.data
    return data


def _diagram(data: dict[str, Any]) -> Diagram:
    result = load_text(dump(data), "h.yaml")
    assert result.diagram is not None, result.diagnostics
    return result.diagram


@pytest.fixture(scope="module")
def hostile() -> Diagram:
    return _diagram(_data())


@pytest.fixture(scope="module")
def twin() -> Diagram:
    return _diagram(benign_twin(_data()))


def _needs(fmt: str) -> None:
    if fmt not in FORMATS_OK:
        pytest.fail(f"renderer for {fmt} does not import")  # never a silent skip
    if FORMATS[fmt].needs_graphviz and not HAS_DOT:
        pytest.fail("Graphviz's dot is missing: run 'make setup', which installs it")


@pytest.mark.parametrize("fmt", FORMATS_OK)
def test_every_format_carries_hostile_text(hostile: Diagram, fmt: str) -> None:
    _needs(fmt)
    data = render(hostile, fmt)
    assert data
    if not FORMATS[fmt].binary:
        data.decode("utf-8")


def test_dot_graph_is_unchanged_by_hostile_text(hostile: Diagram, twin: Diagram) -> None:
    _needs("dot")
    hostile_counts = dot_counts(render(hostile, "dot"))
    assert hostile_counts == dot_counts(render(twin, "dot"))
    assert hostile_counts[0] >= len(hostile.nodes)
    assert hostile_counts[1] >= len(hostile.links)


def test_html_has_only_the_templates_elements(hostile: Diagram, twin: Diagram) -> None:
    _needs("html")
    page = render(hostile, "html").decode("utf-8")
    baseline = parse_html(render(twin, "html").decode("utf-8")).tags
    assert not html_problems(page, baseline)
    parsed = parse_html(page)
    assert parsed.tags["script"] == 0
    assert not [a for a in parsed.attributes if a[1].startswith("on")]
    assert "javascript:" not in " ".join(v for _, n, v in parsed.attributes if n == "href")


@pytest.mark.parametrize(
    ("source", "linked"),
    [
        ("https://example.org/a?b=1&c=2#x", True),
        ("https://example.org/a?c=<2>", False),  # not a valid URL: shown as text
        ("http://example.org/", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//evil.example/", False),
        ("https:/\\evil", False),
        ("Smith J. (2024) A citation, not a URL", False),
    ],
)
def test_source_links_only_to_http(source: str, linked: bool) -> None:
    _needs("html")
    data = benign_twin(_data())
    data["source"] = source
    page = render(_diagram(data), "html").decode("utf-8")
    hrefs = [v for t, n, v in parse_html(page).attributes if t == "a" and n == "href"]
    external = [h for h in hrefs if not h.startswith("#")]
    if linked:
        assert external, "an http(s) source is linked"
    for href in external:
        assert href.startswith(("https://", "http://")), href
        assert "javascript" not in href.lower()


def test_svg_is_well_formed_with_no_active_content(hostile: Diagram, twin: Diagram) -> None:
    _needs("svg")
    tree = ET.fromstring(render(hostile, "svg"))
    twin_tree = ET.fromstring(render(twin, "svg"))
    tags = [el.tag for el in tree.iter()]
    assert f"{SVG}script" not in tags
    assert f"{SVG}foreignObject" not in tags
    for el in tree.iter():
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            if name in ("href", XLINK):
                assert value.startswith("#") or value.startswith(("https://", "http://")), value

    def boxes(root: ET.Element) -> int:
        return sum(1 for el in root.iter(f"{SVG}g") if "node" in el.get("class", "").split())

    def edges(root: ET.Element) -> int:
        return sum(1 for el in root.iter(f"{SVG}g") if "edge" in el.get("class", "").split())

    assert boxes(tree) == boxes(twin_tree)
    assert edges(tree) == edges(twin_tree)


def test_json_round_trips_every_text(hostile: Diagram) -> None:
    _needs("json")
    text = render(hostile, "json").decode("utf-8")
    exported = json.dumps(json.loads(text), ensure_ascii=False)
    for node in hostile.nodes.values():
        assert json.dumps(node.title, ensure_ascii=False)[1:-1] in exported


def test_csv_rows_are_not_broken(hostile: Diagram, twin: Diagram) -> None:
    _needs("csv")
    rows = list(csv.reader(io.StringIO(render(hostile, "csv").decode("utf-8"))))
    twin_rows = list(csv.reader(io.StringIO(render(twin, "csv").decode("utf-8"))))
    assert len(rows) == len(twin_rows)
    assert {len(r) for r in rows} == {len(rows[0])}
    assert [r[0] for r in rows] == [r[0] for r in twin_rows]  # ids line up


def test_csv_cells_never_start_a_formula() -> None:
    _needs("csv")
    data = benign_twin(_data())
    data["aim"] = "=2+5"
    data["primary_drivers"][0]["title"] = '=HYPERLINK("http://evil.example","x")'
    rows = list(csv.reader(io.StringIO(render(_diagram(data), "csv").decode("utf-8"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
