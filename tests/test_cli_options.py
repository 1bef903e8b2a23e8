"""Options on the real entry point: values arrive, bad ones are usage errors (exit 2,
typer's message, no traceback), and ``--help`` names values, not Python types."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DIAGRAMS, Invoke

NHS = DIAGRAMS / "nhs-impact.yaml"
COMMANDS = [
    "validate",
    "render",
    "outline",
    "schema",
    "doctor",
    "rules",
    "explain",
    "init",
    "import",
    "diff",
    "watch",
]


def test_a_whole_number_option_is_used(impact: Invoke) -> None:
    result = impact("validate", "--max-bytes", "100", NHS)
    assert result.exit_code == 1
    assert "DD-Y07" in result.output
    assert "the limit is 100 bytes" in result.output


@pytest.mark.parametrize("bad", ["0", "-1", "x", "1.5"])
def test_a_bad_number_is_a_usage_error(impact: Invoke, bad: str) -> None:
    result = impact("validate", "--max-bytes", bad, NHS)
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--max-bytes'" in result.stderr
    assert "Traceback" not in result.output


def test_paths_and_lists_of_paths(impact: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "nhs.dot"
    result = impact("render", NHS, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("digraph")
    result = impact("validate", NHS, DIAGRAMS / "ward-falls.yaml")
    assert result.exit_code == 0, result.output
    assert "2 files valid" in result.output


@pytest.mark.parametrize(
    "args",
    [("render",), ("diff", NHS), ("validate", "--jobs"), ("nonsense",), ("validate", "--nope")],
    ids=["missing-argument", "missing-second", "missing-value", "no-command", "no-option"],
)
def test_usage_errors_exit_2_without_a_traceback(impact: Invoke, args: tuple[str, ...]) -> None:
    result = impact(*args)
    assert result.exit_code == 2, result.output
    assert "Error:" in result.stderr
    assert "Traceback" not in result.output
    assert "internal error" not in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_no_python_types(impact: Invoke, command: str) -> None:
    result = impact(command, "--help")
    assert result.exit_code == 0, result.output
    assert f"Usage: impact {command}" in result.stdout
    # typer's type labels: <str>, <path>, <list[Path]>, <int range>, [x>=1]
    assert not re.search(r"<[a-z][\w\[\] ]*>|\bx[<>]=", result.stdout), result.stdout


def test_help_names_option_values(impact: Invoke) -> None:
    validate = impact("validate", "--help").stdout
    assert validate.startswith("Usage: impact validate [OPTIONS] [PATH]")
    for shown in ("--format FORMAT", "--max-bytes BYTES", "--jobs N", "--select CODES"):
        assert shown in validate
    render = impact("render", "--help").stdout
    assert render.startswith("Usage: impact render [OPTIONS] {PATH}")
    for shown in ("--output FILE", "--format FORMAT", "--out-dir DIR", "--theme NAME"):
        assert shown in render
