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
