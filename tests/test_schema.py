"""The committed JSON schema: fresh, accepted by an independent validator, documented.

check-jsonschema (a separate implementation, reading YAML with ruamel) is run as a
real process from the venv: it must accept every example and the hostile file,
and reject a handful of the invalid corpus for the right reason.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, HOSTILE, ROOT, TESTS, Invoke
from impact_cli.rules.catalogue import all_rules

SCHEMA = ROOT / "schemas" / "driver-diagram.schema.json"
FORMAT_DOC = ROOT / "docs" / "format.md"
README = ROOT / "README.md"  # carries the format tour
INVALID = TESTS / "invalid"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return data


def test_committed_schema_is_fresh(impact: Invoke) -> None:
    result = impact("schema")
    assert result.exit_code == 0, result.output
    assert result.stdout == SCHEMA.read_text(encoding="utf-8"), (
        "schemas/driver-diagram.schema.json is stale: run 'make goldens' "
        "(or 'impact schema -o schemas/driver-diagram.schema.json') and commit it"
    )


def test_schema_output_option(impact: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    result = impact("schema", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == SCHEMA.read_text(encoding="utf-8")


def test_every_field_has_a_description() -> None:
    schema = _schema()
    objects = [("DiagramFile", schema), *schema["$defs"].items()]
    for name, obj in objects:
        for field, spec in obj.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field} has no description"


def _check(*paths: Path) -> tuple[int, dict[str, Any]]:
    assert CHECK_JSONSCHEMA.exists(), "check-jsonschema is a dev dependency: run 'make setup'"
    proc = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(SCHEMA), "-o", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return proc.returncode, json.loads(proc.stdout)


def test_independent_validator_accepts_examples() -> None:
    code, report = _check(*EXAMPLES, HOSTILE)
    assert code == 0, report
    assert report["status"] == "ok"


# file -> the JSON path the independent validator must blame, and what it must say
REJECTED = {
    "f01-unknown-key.yaml": ("$.primary_drivers[0]", "descripton"),
    "f01-unknown-top-level-key.yaml": ("$", "glosary"),
    "f02-missing-title.yaml": ("$", "'title' is a required property"),
    "f02-missing-driver-title.yaml": ("$.primary_drivers[0]", ""),
    "f04-bad-status.yaml": ("$.primary_drivers[0].change_ideas[0].status", "is not one of"),
    "f04-bad-measure-type.yaml": ("$.measures[0].type", "is not one of"),
    "f04-bad-strength.yaml": ("$.primary_drivers[0]", ""),
    "f03-list-where-text.yaml": ("$.title", "is not of type"),
    "f03-comma-supports.yaml": ("$.secondary_drivers[0].supports", "is not of type 'array'"),
    "f05-invalid-id.yaml": ("$.primary_drivers[1]", ""),
    "f05-bad-language.yaml": ("$.language", "does not match"),
}


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_independent_validator_rejects_invalid(name: str) -> None:
    path, text = REJECTED[name]
    code, report = _check(INVALID / name)
    assert code == 1, report
    assert report["status"] == "fail"
    assert report["parse_errors"] == [], "rejected for the wrong reason: it did not parse"
    (error,) = report["errors"]
    blamed = [error, error.get("best_match") or {}, error.get("best_deep_match") or {}]
    assert any(b.get("path", "").startswith(path) for b in blamed), error
    assert any(text in b.get("message", "") for b in blamed), error


# -- the format reference covers every field ---------------------------------------------


def _sections(markdown: str) -> dict[str, str]:
    """Headings naming a schema object, e.g. '## Change ideas (`ChangeIdea`)', to their text."""
    result: dict[str, str] = {}
    parts = re.split(r"^(#{2,4} .*)$", markdown, flags=re.M)
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        for name in re.findall(r"\(`(\w+)`\)", heading):
            result[name] = body
    return result


def test_format_doc_covers_every_schema_field() -> None:
    doc = FORMAT_DOC.read_text(encoding="utf-8")
    sections = _sections(doc)
    schema = _schema()
    objects: dict[str, dict[str, Any]] = {"DiagramFile": schema}
    objects.update({k: v for k, v in schema["$defs"].items() if "properties" in v})
    missing: list[str] = []
    for name, obj in objects.items():
        if name not in sections:
            missing.append(f"a section headed '... (`{name}`)'")
            continue
        for field in obj["properties"]:
            if f"`{field}`" not in sections[name]:
                missing.append(f"{name}.{field}")
    assert not missing, "docs/format.md does not document: " + ", ".join(missing)


def test_format_doc_lists_every_choice() -> None:
    doc = FORMAT_DOC.read_text(encoding="utf-8")
    schema = _schema()
    for name, spec in schema["$defs"].items():
        for value in spec.get("enum", []):
            assert f"`{value}`" in doc, f"docs/format.md does not mention {name} value {value!r}"


def test_format_doc_lists_every_structural_code() -> None:
    doc = FORMAT_DOC.read_text(encoding="utf-8")
    # CSV import codes (DD-I) are documented in docs/interchange.md
    codes = [c for c, rule in all_rules().items() if rule.structural and rule.category != "import"]
    assert codes
    missing = [code for code in codes if f"`{code}`" not in doc]
    assert not missing, f"docs/format.md has no row for {missing}"


def test_format_doc_examples_are_valid(impact: Invoke, tmp_path: Path) -> None:
    """Every complete diagram in the docs (a ```yaml block with a title) validates."""
    found = 0
    for doc in (FORMAT_DOC, README):
        blocks = re.findall(r"```yaml\n(.*?)```", doc.read_text(encoding="utf-8"), flags=re.S)
        for i, block in enumerate(blocks):
            if not re.search(r"^title:", block, re.M):
                continue
            found += 1
            path = tmp_path / f"{doc.stem}-{i}.yaml"
            path.write_text(block, encoding="utf-8")
            result = impact("validate", "--no-lint", "--quiet", path)
            assert result.exit_code == 0, f"{doc.name} example {i}:\n{result.output}"
    assert found >= 2
