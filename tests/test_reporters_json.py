"""``--format json`` validates against the published schemas/validate-report.schema.json."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft7Validator

from conftest import EXAMPLES, ROOT, TESTS, Invoke

SCHEMA_PATH = ROOT / "schemas" / "validate-report.schema.json"


def test_committed_schema_matches_impact_schema_kind_report(impact: Invoke) -> None:
    result = impact("schema", "--kind", "report")
    assert result.exit_code == 0
    assert result.stdout == SCHEMA_PATH.read_text(encoding="utf-8"), (
        "regenerate: impact schema --kind report -o schemas/validate-report.schema.json"
    )
    Draft7Validator.check_schema(json.loads(result.stdout))


def test_json_reports_validate_against_the_schema(impact: Invoke, tmp_path: Path) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = Draft7Validator(schema)
    lint = tmp_path / "lint.yaml"
    lint.write_text(
        "title: T\naim: Implement e-obs\nprimary_drivers:\n  - id: p\n    title: P\n"
        "change_ideas:\n  - title: Improve care\n",
        encoding="utf-8",
    )
    corpus = sorted((TESTS / "invalid").glob("*.yaml"))
    for paths in ([*corpus, lint], EXAMPLES):
        payload = json.loads(impact("validate", "--format", "json", *paths).stdout)
        errors = list(validator.iter_errors(payload))
        assert not errors, [e.message for e in errors[:3]]
    assert {d["severity"] for f in payload["files"] for d in f["diagnostics"]} <= {"info"}


def test_schema_rejects_what_the_report_never_contains() -> None:
    validator = Draft7Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    wrong = {
        "tool": "impact",
        "version": "0",
        "format_version": 2,
        "valid": True,
        "summary": {},
        "files": [],
    }
    assert list(validator.iter_errors(wrong))


def test_lint_findings_carry_the_pointer_of_their_item(impact: Invoke, tmp_path: Path) -> None:
    """A lint finding names its item as format and structure errors do (issue 19)."""
    path = tmp_path / "pointers.yaml"
    path.write_text(
        "title: T\naim: Implement e-obs\nprimary_drivers:\n  - title: P\n"
        "    secondary_drivers:\n      - title: S\n        change_ideas: [Improve care]\n"
        "  - title: Q\nmeasures:\n  - {name: Falls, type: outcome, tracks: aim}\n"
        "theory_of_change: {if_we: x}\n",
        encoding="utf-8",
    )
    payload = json.loads(impact("validate", "--format", "json", path).stdout)
    found = {(d["code"], d["pointer"]) for f in payload["files"] for d in f["diagnostics"]}
    assert ("DD-A05", "aim") in found
    assert ("DD-C02", "primary_drivers[0].secondary_drivers[0].change_ideas[0]") in found
    assert ("DD-P02", "primary_drivers[1]") in found
    assert ("DD-M01", "measures[0]") in found
    assert ("DD-T01", "theory_of_change") in found
    assert all(pointer for _, pointer in found)
