"""The CLI edge: version, help, exit codes, error mapping."""

from __future__ import annotations

from pathlib import Path

from conftest import DIAGRAMS, Invoke


def test_version(impact: Invoke) -> None:
    from impact_cli import __version__

    result = impact("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"impact {__version__}"


def test_validate_examples_exit_zero(impact: Invoke) -> None:
    result = impact("validate", DIAGRAMS)
    assert result.exit_code == 0, result.output


def test_unreadable_path_is_a_usage_error(impact: Invoke, tmp_path: Path) -> None:
    result = impact("validate", tmp_path / "missing.yaml")
    assert result.exit_code == 2
    assert "no such file" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_option_is_a_usage_error(impact: Invoke) -> None:
    result = impact("validate", "--no-such-option")
    assert result.exit_code == 2
    assert "No such option" in result.output
    assert "internal error" not in result.output


def test_invalid_file_exits_one_with_location(impact: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\naim: x\nprimary_drivers:\n  - title: a\n    titel: b\n")
    result = impact("validate", bad)
    assert result.exit_code == 1
    assert f"{bad}:5:5: error DD-F01: unknown key 'titel'" in result.stdout
    assert "did you mean 'title'?" in result.stdout


def test_python_dash_m_entry_point(impact_process: Invoke) -> None:
    result = impact_process("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("impact ")


def test_missing_path_fails_only_after_every_other_file_is_reported(
    impact: Invoke, tmp_path: Path
) -> None:
    # Found in review: the first missing path stopped the run before any file was
    # checked, hiding real problems in the others.
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\naim: x\nprimary_drivers:\n  - title: a\n    titel: b\n")
    result = impact("validate", bad, tmp_path / "missing.yaml")
    assert result.exit_code == 2
    assert f"{bad}:5:5: error DD-F01" in result.stdout
    assert "missing.yaml: no such file" in result.stderr


def test_stdin_twice_is_a_usage_error(impact: Invoke) -> None:
    result = impact("validate", "-", "-")
    assert result.exit_code == 2
    assert "only once" in result.stderr
