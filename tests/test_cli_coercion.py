"""Options are coerced without typer's pydantic adapters, with typer's behaviour.

``cli_coercion`` turns text, whole numbers and paths into values directly and
hands everything else, including every invalid value, to typer's own coercion.
These run the real entry point: good values arrive as the right types, bad ones
get typer's messages and exit 2, and (tests/test_imports.py) the adapters are
never imported on the valid path.
"""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke

ROOT = Path(__file__).resolve().parent.parent
NHS = ROOT / "diagrams" / "nhs-impact.yaml"


def test_a_whole_number_in_range_is_used(impact: Invoke) -> None:
    result = impact("validate", "--max-bytes", "100", str(NHS))
    assert result.exit_code == 1
    assert "DD-Y07" in result.output
    assert "the limit is 100 bytes" in result.output


def test_a_number_out_of_range_gets_typers_message(impact: Invoke) -> None:
    result = impact("validate", "--max-bytes", "0", str(NHS))
    assert result.exit_code == 2
    assert "Invalid value for '--max-bytes'" in result.output
    assert "greater than or equal to 1" in result.output


def test_text_that_is_not_a_number_gets_typers_message(impact: Invoke) -> None:
    for bad in ("x", "-1", "1.5", "١٢"):  # the last: Arabic-Indic digits, not ASCII
        result = impact("validate", "--max-bytes", bad, str(NHS))
        assert result.exit_code == 2, bad
        assert "Invalid value for '--max-bytes'" in result.output, bad


def test_paths_and_lists_of_paths(impact: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "nhs.dot"
    result = impact("render", str(NHS), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("digraph")
    result = impact("validate", str(NHS), str(ROOT / "diagrams" / "ward-falls.yaml"))
    assert result.exit_code == 0, result.output
    assert "2 files valid" in result.output
