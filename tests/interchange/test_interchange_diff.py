"""impact diff: what changed between two versions, in QI terms; goldens over v1 -> v2."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import EXAMPLES, TESTS, Invoke

DIFF = TESTS / "data" / "diff"
V1, V2 = DIFF / "v1.yaml", DIFF / "v2.yaml"
Golden = Callable[[str, str | bytes], None]


def _rel(path: Path) -> str:
    return str(path.relative_to(TESTS.parent))


@pytest.fixture(autouse=True)
def _repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TESTS.parent)  # stable paths in the goldens


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("json", "json"), ("markdown", "md")])
def test_diff_golden(impact: Invoke, golden: Golden, fmt: str, suffix: str) -> None:
    result = impact("diff", _rel(V1), _rel(V2), "--format", fmt)
    assert result.exit_code == 1, result.output
    assert result.stderr == ""
    golden(f"interchange/diff-v1-v2.{suffix}", result.stdout)


def test_every_kind_of_change_is_found(impact: Invoke) -> None:
    data = json.loads(impact("diff", _rel(V1), _rel(V2), "-f", "json").stdout)
    kinds = {(c["section"], c["kind"]) for c in data["changes"]}
    for wanted in [
        ("drivers and change ideas", "added"),
        ("drivers and change ideas", "removed"),
        ("drivers and change ideas", "renamed"),
        ("drivers and change ideas", "moved"),
        ("drivers and change ideas", "level"),
        ("drivers and change ideas", "status"),
        ("drivers and change ideas", "priority"),
        ("drivers and change ideas", "owner"),
        ("drivers and change ideas", "description"),
        ("drivers and change ideas", "pdsa"),
        ("drivers and change ideas", "learning"),
        ("links", "link-added"),
        ("links", "link-removed"),
        ("links", "link-strength"),
        ("aim", "changed"),
        ("measures", "added"),
        ("measures", "removed"),
        ("measures", "target"),
        ("theory of change", "changed"),
        ("details", "changed"),
        ("details", "added"),
        ("details", "removed"),
    ]:
        assert wanted in kinds, wanted
    assert not data["equal"]
    by_subject = {(c["kind"], c["old"], c["new"]) for c in data["changes"]}
    assert ("status", "testing", "adopted") in by_subject
    # matched by id although renamed, and by text similarity without an id
    assert (
        "renamed",
        "Risk assessment done within 6 hours of admission",
        "Risk assessment completed within 6 hours of admission",
    ) in by_subject
    assert ("renamed", "Patients told about their risk", "Patients told about their own risk") in (
        by_subject
    )


def test_a_move_is_not_also_reported_as_two_link_changes(impact: Invoke) -> None:
    data = json.loads(impact("diff", _rel(V1), _rel(V2), "-f", "json").stdout)
    trained = [c for c in data["changes"] if "Staff trained" in c["subject"]]
    assert [c["kind"] for c in trained] == ["moved"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_identical_versions_exit_0(impact: Invoke, path: Path) -> None:
    result = impact("diff", path, path)
    assert result.exit_code == 0, result.output
    assert "no changes" in result.stdout
    data = json.loads(impact("diff", path, path, "--format", "json").stdout)
    assert data["equal"] is True
    assert data["changes"] == []


def test_reordering_is_not_a_change_of_content(impact: Invoke, tmp_path: Path) -> None:
    text = V1.read_text("utf-8").replace('version: "1.0"\n', "")
    moved = tmp_path / "v1b.yaml"
    moved.write_text(text + 'version: "1.0"\n', encoding="utf-8")
    assert impact("diff", V1, moved).exit_code == 0


def test_invalid_input_exits_2_with_diagnostics(impact: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\naim: y\nprimary_drivers: [{titel: x}]\n", encoding="utf-8")
    result = impact("diff", V1, bad)
    assert result.exit_code == 2
    assert f"{bad}:" in result.stderr
    assert "not a valid diagram" in result.stderr
    missing = impact("diff", V1, tmp_path / "nope.yaml")
    assert missing.exit_code == 2
    assert "no such file" in missing.stderr


def test_unknown_format(impact: Invoke) -> None:
    assert impact("diff", V1, V2, "--format", "xml").exit_code == 2


def test_markdown_escapes_text(impact: Invoke, tmp_path: Path) -> None:
    new = tmp_path / "v.yaml"
    new.write_text(
        V1.read_text("utf-8").replace(
            "title: Reliable falls risk assessment", "title: '<b>*Reliable*</b> | [x](y)'"
        ),
        encoding="utf-8",
    )
    result = impact("diff", V1, new, "--format", "markdown")
    assert result.exit_code == 1
    assert "<b>" not in result.stdout
    assert "\\<b\\>\\*Reliable\\*\\</b\\> \\| \\[x\\](y)" in result.stdout


def test_one_version_from_stdin(impact: Invoke) -> None:
    # e.g. git show HEAD~1:diagram.yaml | impact diff - diagram.yaml
    old, new = DIFF / "v1.yaml", DIFF / "v2.yaml"
    piped = impact("diff", "-", new, stdin=old.read_bytes())
    direct = impact("diff", old, new)
    assert piped.exit_code == direct.exit_code == 1
    assert piped.stdout == direct.stdout.replace(str(old), "<stdin>", 1)
    both = impact("diff", "-", "-")
    assert both.exit_code == 2
