"""``--format sarif``: SARIF 2.1.0, checked against the vendored OASIS schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT, TESTS, Invoke
from impact_cli import __version__
from impact_cli.rules.catalogue import all_rules

SARIF_SCHEMA = json.loads((TESTS / "vendor" / "sarif-schema-2.1.0.json").read_text("utf-8"))
INVALID = TESTS / "invalid"


NO_WORKSPACE = {"GITHUB_WORKSPACE": ""}  # URIs relative to the working directory


def sarif(impact: Invoke, *paths: Path | str) -> dict[str, Any]:
    result = impact("validate", "--format", "sarif", *paths, env=NO_WORKSPACE)
    assert result.exit_code in (0, 1), result.output
    log: dict[str, Any] = json.loads(result.stdout)
    errors = sorted(Draft202012Validator(SARIF_SCHEMA).iter_errors(log), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    return log


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_schema_is_the_real_sarif_schema() -> None:
    assert SARIF_SCHEMA["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}
    assert list(Draft202012Validator(SARIF_SCHEMA).iter_errors(bad)), "schema must bite"


@pytest.mark.usefixtures("in_root")
def test_invalid_corpus_as_sarif(impact: Invoke) -> None:
    paths = sorted(p.relative_to(ROOT) for p in INVALID.glob("*.yaml"))
    log = sarif(impact, *paths)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "impact"
    assert driver["version"] == __version__
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted(all_rules())
    for rule in rules:
        assert rule["shortDescription"]["text"]
        assert "Source:" in rule["fullDescription"]["text"]
        assert rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    payload = json.loads(impact("validate", "--format", "json", *paths).stdout)
    diagnostics = [d for f in payload["files"] for d in f["diagnostics"]]
    results = run["results"]
    assert len(results) == len(diagnostics) > 35
    for result, d in zip(results, diagnostics, strict=True):
        assert result["ruleId"] == d["code"]
        assert rules[result["ruleIndex"]]["id"] == d["code"]
        assert (
            result["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[d["severity"]]
        )
        assert result["message"]["text"].startswith(d["message"])
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert uri == d["path"].replace("\\", "/")
        assert uri.startswith("tests/invalid/")
        assert not uri.startswith("/")
        region = physical["region"]
        assert region["startLine"] == d["line"]
        assert region["startColumn"] == d["column"]


def test_lint_levels_and_regions(
    impact: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("d.yaml").write_text(
        "title: T\naim: Implement e-obs\nprimary_drivers:\n  - id: p\n    title: P\n"
        "change_ideas:\n  - title: Improve care\n",
        encoding="utf-8",
    )
    log = sarif(impact, "d.yaml")
    results = log["runs"][0]["results"]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels["DD-C01"] == "error"
    assert levels["DD-A01"] == "warning"
    assert levels["DD-A05"] == "note"
    c01 = next(r for r in results if r["ruleId"] == "DD-C01")
    region = c01["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 7, "startColumn": 5, "endLine": 8, "endColumn": 1}
    assert c01["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "d.yaml"
    # the permissive profile changes the result's level, not the rule's default
    log = sarif(impact, "--profile", "permissive", "d.yaml")
    levels = {r["ruleId"]: r["level"] for r in log["runs"][0]["results"]}
    assert levels["DD-C01"] == "warning"
    assert "DD-A01" not in levels


@pytest.mark.usefixtures("in_root")
def test_sarif_is_deterministic_and_clean_examples_have_no_results(impact: Invoke) -> None:
    first = impact("validate", "--format", "sarif", "diagrams").stdout
    assert first == impact("validate", "--format", "sarif", "diagrams").stdout
    log = sarif(impact, "diagrams")
    # only the two drafts have findings (info, by design): what a draft is told
    drafts = {"aim-no-drivers-yet.yaml", "discharge-draft.yaml"}
    results = log["runs"][0]["results"]
    assert results
    assert {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]
        for r in results
    } == drafts
    assert {r["level"] for r in results} == {"note"}


def test_uri_for_a_path_with_spaces(
    impact: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "my diagrams"
    folder.mkdir()
    (folder / "a.yaml").write_text("title: T\n", encoding="utf-8")
    log = sarif(impact, folder)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "my%20diagrams/a.yaml"
