"""``impact rules`` and ``impact explain``, and docs/rules.md generated from them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, Invoke
from impact_cli.check.validate import validate_text
from impact_cli.lint.examples import STRUCTURAL, compose, example_for
from impact_cli.rules.catalogue import all_rules

RULES = all_rules()


def test_rules_table_lists_every_code_with_profile_differences(impact: Invoke) -> None:
    result = impact("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["CODE", "SEVERITY", "PROFILES", "NAME", "SUMMARY"]
    listed = [line.split()[0] for line in lines[1 : 1 + len(RULES)]]
    assert listed == sorted(RULES)
    row = {line.split()[0]: line for line in lines[1 : 1 + len(RULES)]}
    assert row["DD-C01"].split()[1:4] == ["error", "permissive:", "warning"]
    assert row["DD-A01"].split()[1:4] == ["warning", "permissive:", "off"]
    assert row["DD-Y01"].split()[1:3] == ["error", "-"]
    assert f"{len(RULES)} rules." in result.stdout


def test_rules_json(impact: Invoke) -> None:
    result = impact("rules", "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    by_code = {r["code"]: r for r in payload["rules"]}
    assert list(by_code) == sorted(RULES)
    assert by_code["DD-C01"]["profiles"] == {"ihi": "error", "permissive": "warning"}
    assert by_code["DD-A02"]["profiles"] == {"ihi": "warning", "permissive": "off"}
    assert by_code["DD-S06"]["structural"] is True
    for rule in payload["rules"]:
        assert rule["rationale"]
        assert rule["source"]
        assert rule["fix"]
        assert rule["name"]


def test_rules_unknown_format(impact: Invoke) -> None:
    result = impact("rules", "--format", "xml")
    assert result.exit_code == 2
    assert "unknown output format 'xml'" in result.stderr


def test_explain_prints_everything_about_a_rule(impact: Invoke) -> None:
    result = impact("explain", "dd-a01")
    assert result.exit_code == 0
    out = result.stdout
    rule = RULES["DD-A01"]
    assert out.startswith("DD-A01 aim-how-much\n")
    flat = " ".join(out.split())
    for text in (rule.summary, rule.rationale, rule.source, rule.fix):
        assert " ".join(text.split()) in flat
    assert "warning (ihi warning, permissive off)" in flat
    assert "Reported (top-level keys of a diagram):" in out
    assert "Better:" in out
    assert "--ignore DD-A01" in out


def test_explain_by_name_and_structural(impact: Invoke) -> None:
    assert impact("explain", "change-idea-vague").stdout.startswith("DD-C02 ")
    result = impact("explain", "DD-S06")
    assert result.exit_code == 0
    assert "Structural problems are always errors" in result.stdout


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [("DD-A1", "DD-A01"), ("dd-x4", "DD-X04"), ("aim-how-muhc", "DD-A01")],
)
def test_explain_unknown_code_suggests(impact: Invoke, query: str, suggestion: str) -> None:
    result = impact("explain", query)
    assert result.exit_code == 2
    assert f"no rule '{query}'" in result.stderr
    assert f"did you mean {suggestion}" in result.stderr
    assert "Traceback" not in result.output


def test_explain_unknown_without_suggestion(impact: Invoke) -> None:
    result = impact("explain", "zzz")
    assert result.exit_code == 2
    assert "did you mean" not in result.stderr
    assert "'impact rules' lists every code" in result.stderr


def test_every_rule_has_an_example() -> None:
    # CSV import codes (DD-I) are shown by the bad-row fixtures in tests/interchange.
    for code in (c for c, rule in RULES.items() if rule.category != "import"):
        example = example_for(code)
        assert example is not None, code
        assert example.bad or example.note, code


@pytest.mark.parametrize("code", sorted(c for c, e in STRUCTURAL.items() if e.bad))
def test_structural_examples_trigger_their_code(code: str) -> None:
    example = STRUCTURAL[code]
    assert code in {d.code for d in validate_text(example.bad, "x.yaml").diagnostics}
    if example.good:
        assert code not in {d.code for d in validate_text(example.good, "x.yaml").diagnostics}


def test_examples_compose_over_base() -> None:
    text = compose("aim: x\n")
    assert text.count("aim:") == 1
    assert text.endswith("aim: x\n")


def test_docs_rules_md_is_up_to_date(impact: Invoke) -> None:
    generated = impact("rules", "--format", "markdown").stdout
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    # the measured section between the markers is tools/lint_report.py's (test_lint_report)
    start, end = "<!-- lint-report:start -->", "<!-- lint-report:end -->"
    committed = committed.split(start)[0] + start + "\n" + end + committed.split(end)[1]
    assert committed == generated, (
        "docs/rules.md is out of date: impact rules --format markdown > docs/rules.md"
    )
    for code in RULES:
        assert f"## {code}\n" in committed


def test_docs_ci_mentions_the_hook_and_ci_systems() -> None:
    text = (Path(ROOT) / "docs" / "ci.md").read_text(encoding="utf-8")
    for needle in ("impact-validate", "GITHUB_ACTIONS", "--format sarif", "gitlab", "pre-commit"):
        assert needle.lower() in text.lower(), needle
