"""JSON export: stable documented shape, validated against the committed schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLES, HOSTILE, ROOT, Invoke
from impact_cli.check.load import load_file
from impact_cli.diagram import Tier
from impact_cli.fileformat.jsonschema import SCHEMAS, schema_text
from impact_cli.render import render
from impact_cli.render.json_export import FORMAT_VERSION, export_dict, export_schema

SCHEMA_FILE = ROOT / "schemas" / "export.schema.json"


def test_committed_schema_is_the_generated_one() -> None:
    assert "export" in SCHEMAS
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text("export"), (
        "schemas/export.schema.json is stale: run 'impact schema --kind export "
        "--output schemas/export.schema.json'"
    )
    jsonschema.Draft7Validator.check_schema(json.loads(SCHEMA_FILE.read_text("utf-8")))


def test_impact_schema_prints_the_export_schema(impact: Invoke) -> None:
    result = impact("schema", "--kind", "export")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == export_schema()


@pytest.mark.parametrize("path", [*EXAMPLES, HOSTILE], ids=lambda p: p.stem)
def test_every_export_validates_and_carries_the_model(path: Path) -> None:
    diagram = load_file(path).diagram
    assert diagram is not None
    data = json.loads(render(diagram, "json"))
    jsonschema.validate(data, json.loads(SCHEMA_FILE.read_text("utf-8")))
    assert data["format_version"] == FORMAT_VERSION
    assert [n["key"] for n in data["nodes"]] == list(diagram.nodes)
    for item, node in zip(data["nodes"], diagram.nodes.values(), strict=True):
        assert (item["title"], item["number"], item["level"]) == (
            node.title,
            node.number,
            int(node.tier),
        )
        assert item["parent"] == node.parent
        assert item["children"] == list(node.children)
    assert [(lk["source"], lk["target"], lk["strength"]) for lk in data["links"]] == [
        (lk.source, lk.target, lk.strength) for lk in diagram.links
    ]
    assert len(data["measures"]) == len(diagram.measures)
    assert data["aim"]["statement"] == diagram.aim.statement
    assert data["nodes"][0]["tier"] == "aim"
    keys = {n["key"] for n in data["nodes"]}
    assert all(lk["source"] in keys and lk["target"] in keys for lk in data["links"])


def test_schema_rejects_a_broken_export() -> None:
    diagram = load_file(next(p for p in EXAMPLES if p.stem == "ward-falls")).diagram
    assert diagram is not None
    data = export_dict(diagram)
    data["nodes"][1]["tier"] = "quaternary"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, export_schema())
    data = export_dict(diagram)
    del data["links"][0]["strength"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, export_schema())


def test_hostile_text_round_trips_through_json() -> None:
    diagram = load_file(HOSTILE).diagram
    assert diagram is not None
    data = json.loads(render(diagram, "json").decode("utf-8"))
    assert data["meta"]["title"] == diagram.title
    titles = {n["key"]: n["title"] for n in data["nodes"]}
    assert titles == {k: n.title for k, n in diagram.nodes.items()}
    assert [n["tier"] for n in data["nodes"]].count("change_idea") == diagram.counts[
        Tier.CHANGE_IDEA
    ]


def test_golden_json_export(golden: object) -> None:
    # a diagram of our own (tests/data/diff/v2.yaml), so edits to the examples never churn it
    diagram = load_file(ROOT / "tests" / "data" / "diff" / "v2.yaml").diagram
    assert diagram is not None
    data = render(diagram, "json")
    assert data == render(diagram, "json")  # deterministic
    golden("interchange/falls-v2.json", data)  # type: ignore[operator]


def test_the_export_carries_how_the_file_asks_to_be_drawn(tmp_path: Path) -> None:
    """direction, ideas_column and renamed headings reach the export, and the defaults too."""
    fuel = load_file(ROOT / "tests" / "real" / "nhs-institute-fuel-costs.yaml").diagram
    assert fuel is not None
    assert export_dict(fuel)["drawing"] == {
        "direction": "LR",
        "ideas_column": "auto",
        "headings": {"change_ideas": "Actions/Interventions"},
    }
    path = tmp_path / "drawn.yaml"
    path.write_text(
        "title: Falls\naim: Fewer falls\nprimary_drivers: [Safe ward]\n"
        "direction: TB\nideas_column: last\n"
        "headings:\n  aim: Our aim\n  primary_drivers: What matters\n",
        encoding="utf-8",
    )
    diagram = load_file(path).diagram
    assert diagram is not None
    data = json.loads(render(diagram, "json").decode("utf-8"))
    assert data["drawing"] == {
        "direction": "TB",
        "ideas_column": "last",
        "headings": {"aim": "Our aim", "primary_drivers": "What matters"},
    }
    jsonschema.validate(data, export_schema())
    data["drawing"]["headings"]["quaternary_drivers"] = "Not a column"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, export_schema())
