"""The rule catalogue: one explicit list of every rule, gathered from the modules
that export them, with unique codes and one set of profiles."""

from __future__ import annotations

import pytest

from impact_cli import lint
from impact_cli.diagnostics import Severity
from impact_cli.fileformat.types import Profile
from impact_cli.interchange import codes
from impact_cli.render.json_export import export_schema
from impact_cli.rules import DEFAULT_PROFILE, PROFILES, Rule, fileformat, input, structure
from impact_cli.rules.catalogue import ALL_RULES, all_rules, get_rule


def test_codes_are_unique() -> None:
    seen = [rule.code for rule in ALL_RULES]
    assert len(seen) == len(set(seen)), sorted(c for c in seen if seen.count(c) > 1)


def test_lookups_are_sorted_by_code_and_ignore_case() -> None:
    rules = all_rules()
    assert list(rules) == sorted(rule.code for rule in ALL_RULES)
    assert get_rule("dd-y02") is rules["DD-Y02"]
    assert get_rule("DD-A01") is rules["DD-A01"]
    assert get_rule("DD-Q99") is None


@pytest.mark.parametrize(
    ("rules", "prefix", "category"),
    [
        (input.RULES, "DD-Y", "input"),
        (fileformat.RULES, "DD-F", "format"),
        (structure.RULES, "DD-S", "structure"),
        (codes.RULES, "DD-I", "import"),
    ],
)
def test_structural_codes_are_errors_in_every_profile(
    rules: tuple[Rule, ...], prefix: str, category: str
) -> None:
    assert rules
    for rule in rules:
        assert rule.code.startswith(prefix), rule.code
        assert rule.category == category, rule.code
        assert rule.structural, rule.code
        assert {rule.severity_in(p) for p in PROFILES} == {Severity.ERROR}, rule.code


def test_every_rule_is_explained() -> None:
    for rule in ALL_RULES:
        assert all((rule.name, rule.summary, rule.rationale, rule.source, rule.fix)), rule.code
        assert set(rule.profiles) <= set(PROFILES), rule.code


def test_every_lint_rule_has_a_check_and_every_check_code_a_rule() -> None:
    lint_codes = {rule.code for rule in lint.RULES}
    checked = [code for check in lint.CHECKS for code in check.codes]
    assert set(checked) == lint_codes
    assert not any(rule.structural for rule in lint.RULES)


def test_one_set_of_profiles() -> None:
    assert DEFAULT_PROFILE in PROFILES
    # the file format's enum and the JSON export's schema say the same
    assert tuple(Profile) == PROFILES
    lint_settings = export_schema()["properties"]["lint"]["properties"]
    assert lint_settings["profile"]["enum"] == [None, *PROFILES]
